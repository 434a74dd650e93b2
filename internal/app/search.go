package app

import (
	"context"
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
