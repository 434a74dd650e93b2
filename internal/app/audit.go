package app

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"itinera"
)

// The audit log: every workflow that changes a record records it with
// a.audit inside its transaction — who, the record, the action and the
// fields that changed, before and after — so that the entry commits with
// the change or not at all.

// actor is who makes a change.
type actor struct {
	userID int64
	name   string
}

// The actors who are not users: people answering through their personal
// links.
var (
	resourceViaLink = actor{name: "resource via link"}
	hostViaLink     = actor{name: "host via link"}
)

// actor names the caller for the log: the user, or the API token they act
// through.
func (c Caller) actor() actor {
	if c.User.Token != "" {
		return actor{userID: c.User.ID, name: fmt.Sprintf("API token “%s” (%s)", c.User.Token, c.User.Name)}
	}
	return actor{userID: c.User.ID, name: c.User.Name}
}

// The actions of the log besides those a workflow names.
const (
	actCreate = "create"
	actUpdate = "update"
	actDelete = "delete"
)

// unlogged are fields never written to the log: bookkeeping, and secrets
// (only their hashes exist, and they stay out all the same).
var unlogged = map[string]bool{"Version": true, "TenantID": true, "TokenHash": true, "UpdatedAt": true, "CreatedAt": true,
	"PasswordHash": true, "Token": true, "LinkTokenHash": true}

// audit records a change of one record of kind by who: before is the
// record as it was (nil for a creation), after as it is now (nil for a
// deletion). Only the exported fields that differ are kept. The record's id
// and program are read from their ID and ProgramID fields (a program's own
// id for kind "program"); a change that changes no field is not recorded
// unless its action says what happened (a confirmation that left the
// fields as they were, say).
func (a *App) audit(ctx context.Context, who actor, tenantID int64, kind, action string, before, after any) error {
	b, err := fields(before)
	if err != nil {
		return err
	}
	n, err := fields(after)
	if err != nil {
		return err
	}
	e := itinera.AuditEntry{TenantID: tenantID, UserID: who.userID, Actor: who.name, Kind: kind, Action: action,
		Before: map[string]any{}, After: map[string]any{}}
	for _, m := range []map[string]any{b, n} {
		if id, ok := m["ID"].(float64); ok && e.RecordID == 0 {
			e.RecordID = int64(id)
		}
		if p, ok := m["ProgramID"].(float64); ok && e.ProgramID == 0 {
			e.ProgramID = int64(p)
		}
	}
	if kind == "program" {
		e.ProgramID = e.RecordID
	}
	if e.Label = labelOf(n); e.Label == "" {
		e.Label = labelOf(b)
	}
	for k, v := range b {
		if unlogged[k] {
			continue
		}
		if w, ok := n[k]; !ok || !reflect.DeepEqual(v, w) {
			if !(empty(v) && !ok) {
				e.Before[k] = v
			}
		}
	}
	for k, v := range n {
		if unlogged[k] {
			continue
		}
		if w, ok := b[k]; !ok || !reflect.DeepEqual(v, w) {
			if !(empty(v) && before == nil) {
				e.After[k] = v
			}
		}
	}
	if action == actUpdate && len(e.Before)+len(e.After) == 0 && reflect.DeepEqual(b["Version"], n["Version"]) {
		// Nothing changed at all. A save that changed no field but gave
		// the record a new version is still recorded: the entry is the
		// organization's new revision, which the caches and the feeds'
		// ETags are keyed by, and the record's version did change.
		return nil
	}
	if who.name == "" {
		who.name = "Itinera"
		e.Actor = who.name
	}
	return a.s.Audit.RecordChange(ctx, &e)
}

// auditAt records a change to a record the caller names by id, with what
// changed given as fields (for changes that are not one record's fields:
// a lock, an invitation, a pair).
func (a *App) auditAt(ctx context.Context, who actor, tenantID int64, kind string, id, programID int64, action string, before, after map[string]any) error {
	if before == nil {
		before = map[string]any{}
	}
	if after == nil {
		after = map[string]any{}
	}
	e := itinera.AuditEntry{TenantID: tenantID, UserID: who.userID, Actor: who.name, Kind: kind, RecordID: id, ProgramID: programID,
		Action: action, Before: before, After: after, Label: labelOf(after)}
	if e.Label == "" {
		e.Label = labelOf(before)
	}
	if e.Actor == "" {
		e.Actor = "Itinera"
	}
	return a.s.Audit.RecordChange(ctx, &e)
}

// labelOf names a record by its fields: its title, name or subject.
func labelOf(m map[string]any) string {
	g, _ := m["GivenName"].(string)
	f, _ := m["FamilyName"].(string)
	if name := strings.TrimSpace(g + " " + f); name != "" {
		return name
	}
	for _, k := range []string{"Title", "Name", "Subject", "Email"} {
		if s, ok := m[k].(string); ok && s != "" {
			return s
		}
	}
	return ""
}

// fields turns a record into its exported fields as JSON values (nil for
// nil); times become RFC 3339 text.
func fields(x any) (map[string]any, error) {
	if x == nil {
		return nil, nil
	}
	if v := reflect.ValueOf(x); v.Kind() == reflect.Pointer && v.IsNil() {
		return nil, nil
	}
	raw, err := json.Marshal(x)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	return m, nil
}

// empty reports a zero JSON value: a creation lists only what it set.
func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == "" || x == (time.Time{}).Format(time.RFC3339)
	case float64:
		return x == 0
	case bool:
		return !x
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

// diffOf is audit's comparison for auditAt: the fields of before and
// after that differ.
func diffOf(before, after any) (map[string]any, map[string]any) {
	b, _ := fields(before)
	n, _ := fields(after)
	ob, on := map[string]any{}, map[string]any{}
	for k, v := range b {
		if !unlogged[k] && !reflect.DeepEqual(v, n[k]) {
			ob[k] = v
		}
	}
	for k, v := range n {
		if !unlogged[k] && !reflect.DeepEqual(v, b[k]) {
			on[k] = v
		}
	}
	return ob, on
}
