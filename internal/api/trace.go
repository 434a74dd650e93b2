package api

import (
	"net/http"
	"strconv"
	"time"

	"itinera"
)

// Find and trace: the search over the organization's records, and the
// audit log of their changes (administrators only). Both are paged like
// every list.

type searchHitJSON struct {
	Kind      string `json:"kind"`
	ID        int64  `json:"id"`
	ProgramID *int64 `json:"program_id"`
	Title     string `json:"title"`
	Body      string `json:"body"`
}

func newSearchHitJSON(h itinera.SearchHit) searchHitJSON {
	j := searchHitJSON{Kind: string(h.Kind), ID: h.RecordID, Title: h.Title, Body: h.Body}
	if h.ProgramID != 0 {
		j.ProgramID = &h.ProgramID
	}
	return j
}

// search answers GET /api/v1/search?q=&kind=: the records whose words
// begin with each word of q, grouped by kind.
func (a *API) search(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	q := r.URL.Query()
	hits, err := a.app.Search(r.Context(), a.caller(r, u), q.Get("q"), itinera.SearchKind(q.Get("kind")))
	if err != nil {
		return err
	}
	return listed(w, r, a, "results", hits, func(h itinera.SearchHit) int64 { return h.ID }, newSearchHitJSON)
}

type auditEntryJSON struct {
	ID        int64          `json:"id"`
	At        string         `json:"at"`
	UserID    *int64         `json:"user_id"`
	Actor     string         `json:"actor"`
	Kind      string         `json:"kind"`
	RecordID  int64          `json:"record_id"`
	ProgramID *int64         `json:"program_id"`
	Action    string         `json:"action"`
	Label     string         `json:"label"`
	Before    map[string]any `json:"before"`
	After     map[string]any `json:"after"`
}

func newAuditEntryJSON(e itinera.AuditEntry) auditEntryJSON {
	j := auditEntryJSON{ID: e.ID, At: e.At.UTC().Format(time.RFC3339), Actor: e.Actor, Kind: e.Kind, RecordID: e.RecordID,
		Action: e.Action, Label: e.Label, Before: e.Before, After: e.After}
	if e.UserID != 0 {
		j.UserID = &e.UserID
	}
	if e.ProgramID != 0 {
		j.ProgramID = &e.ProgramID
	}
	if j.Before == nil {
		j.Before = map[string]any{}
	}
	if j.After == nil {
		j.After = map[string]any{}
	}
	return j
}

// listAudit answers GET /api/v1/audit: the log, newest first, filtered by
// user_id, kind, record_id, program_id and the instants from (included)
// and to (excluded).
func (a *API) listAudit(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	q := r.URL.Query()
	f := itinera.FieldErrors{}
	id := func(name string) int64 {
		s := q.Get(name)
		if s == "" {
			return 0
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 1 {
			f.Add(name, "Use a whole number from 1.")
		}
		return n
	}
	af := itinera.AuditFilter{UserID: id("user_id"), Kind: q.Get("kind"), RecordID: id("record_id"), ProgramID: id("program_id"),
		From: parseInstant(f, "from", q.Get("from"), "2026-12-01T00:00:00-06:00"),
		To:   parseInstant(f, "to", q.Get("to"), "2026-12-08T00:00:00-06:00")}
	if err := f.Err("query"); err != nil {
		return err
	}
	es, err := a.app.AuditLog(r.Context(), a.caller(r, u), af)
	if err != nil {
		return err
	}
	return listed(w, r, a, "entries", es, func(e itinera.AuditEntry) int64 { return e.ID }, newAuditEntryJSON)
}
