package app

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"itinera"
)

// Search finds the caller's organization's records by the words typed in
// the search box: programs, visitors, interpreters, meetings, organizations,
// contacts, places and messages, grouped by kind. Any signed-in user may
// search; the text of the results hides secret links from those who may
// not see them (messages are indexed without them anyway). Nothing typed
// reaches the database's query syntax: the words are itinera.SearchTerms.
func (a *App) Search(ctx context.Context, c Caller, q string, kind itinera.SearchKind) ([]itinera.SearchHit, error) {
	if err := mustSignIn(c); err != nil {
		return nil, err
	}
	if kind != "" && !kind.Valid() {
		return nil, itinera.FieldErrors{"kind": "Choose one of: program, visitor, interpreter, meeting, organization, contact, place, message."}.Err("search")
	}
	terms := itinera.SearchTerms(q)
	if len(terms) == 0 {
		return nil, nil
	}
	hits, err := a.r.Search.Search(ctx, c.tenant(), itinera.SearchQuery{Terms: terms, Kind: kind})
	if err != nil {
		return nil, err
	}
	if !c.User.Role.SeesSecretLinks() {
		for i := range hits {
			hits[i].Title = itinera.RedactSecretLinks(hits[i].Title)
			hits[i].Body = itinera.RedactSecretLinks(hits[i].Body)
		}
	}
	return hits, nil
}

// AuditLog reads the organization's audit log, newest first: for
// administrators only.
func (a *App) AuditLog(ctx context.Context, c Caller, f itinera.AuditFilter) ([]itinera.AuditEntry, error) {
	if err := mustAdmin(c); err != nil {
		return nil, err
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.To.After(f.From) {
		return nil, itinera.FieldErrors{"to": "The end must come after the start."}.Err("audit")
	}
	return a.r.Audit.AuditLog(ctx, c.tenant(), f)
}

// History is one record's entries of the audit log, newest first: for
// administrators only.
func (a *App) History(ctx context.Context, c Caller, kind string, id int64) ([]itinera.AuditEntry, error) {
	return a.AuditLog(ctx, c, itinera.AuditFilter{Kind: kind, RecordID: id, Limit: 200})
}

// CanReadAudit reports whether the caller may read the audit log.
func CanReadAudit(c Caller) bool { return c.User.Role == itinera.RoleAdmin }

// AuditDay is the range of instants of the days from and to (both
// included) in loc: the audit log's date filter.
func AuditDay(from, to itinera.Date, loc *time.Location) (time.Time, time.Time) {
	var s, e time.Time
	if !from.IsZero() {
		s = from.In(loc)
	}
	if !to.IsZero() {
		e = to.AddDays(1).In(loc)
	}
	return s, e
}

// AuditZone is the organization's time zone, in which the audit log's
// times and dates are shown.
func (a *App) AuditZone(ctx context.Context, c Caller) (*time.Location, error) {
	_, loc, err := a.tenantZone(ctx, c)
	return loc, err
}

// ExportAudit returns the entries of the audit log that f chooses as a
// spreadsheet, times in the organization's zone: for administrators only.
func (a *App) ExportAudit(ctx context.Context, c Caller, f itinera.AuditFilter) (Export, error) {
	es, err := a.AuditLog(ctx, c, f)
	if err != nil {
		return Export{}, err
	}
	t, loc, err := a.tenantZone(ctx, c)
	if err != nil {
		return Export{}, err
	}
	out := newSheet("audit", zoned("When", loc), "Who", "Record", "Record id", "Name", "Program id", "Action", "Changes")
	for _, e := range es {
		var changes []string
		for _, ch := range AuditChanges(e) {
			changes = append(changes, ch.Field+": "+ch.Before+" → "+ch.After)
		}
		program := ""
		if e.ProgramID != 0 {
			program = itoa(e.ProgramID)
		}
		out.Rows = append(out.Rows, []string{localTime(e.At, loc), e.Actor, e.Kind, itoa(e.RecordID), e.Label, program, e.Action,
			strings.Join(changes, "; ")})
	}
	return Export{Sheet: out, Name: FileName(t.Slug, "audit", itinera.DateOf(a.now().In(loc)).String())}, nil
}

// AuditChange is one field an entry changed, its values as text.
type AuditChange struct {
	Field, Before, After string
}

// AuditChanges lists the fields of an entry in order of name, each with its
// value before and after ("" where it had none).
func AuditChanges(e itinera.AuditEntry) []AuditChange {
	names := map[string]bool{}
	for k := range e.Before {
		names[k] = true
	}
	for k := range e.After {
		names[k] = true
	}
	var out []AuditChange
	for _, k := range slices.Sorted(maps.Keys(names)) {
		out = append(out, AuditChange{Field: k, Before: auditValue(e.Before[k]), After: auditValue(e.After[k])})
	}
	return out
}

// auditValue writes a logged value as text: lists joined, objects as JSON.
func auditValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		if x {
			return "yes"
		}
		return "no"
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		parts := make([]string, len(x))
		for i, y := range x {
			parts[i] = auditValue(y)
		}
		return strings.Join(parts, ", ")
	}
	b, _ := json.Marshal(v)
	return string(b)
}
