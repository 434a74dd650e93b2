package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"itinera"
)

// The search index: one search_entries row per record the search box
// finds, rewritten by each write of the record in its transaction
// (indexTx), removed with it (unindexTx, pruneIndexTx for deletions that
// cascade). Migration 0014 filled it with the same expressions.

// searchSources makes a kind's entry from its row: tenant, record, program,
// title and body, for the record $2 of tenant $1.
var searchSources = map[itinera.SearchKind]string{
	itinera.SearchProgram: `SELECT tenant_id, id, id, title, city || ' · ' || project_type || ' · ' || description
		FROM programs WHERE tenant_id = $1 AND id = $2`,
	itinera.SearchVisitor: `SELECT tenant_id, id, program_id, given_name || ' ' || family_name,
		country || ' · ' || position || ' · ' || organization || ' · ' || email FROM visitors WHERE tenant_id = $1 AND id = $2`,
	itinera.SearchInterpreter: `SELECT tenant_id, id, program_id, name, email || ' · ' || phone
		FROM interpreters WHERE tenant_id = $1 AND id = $2`,
	itinera.SearchOrganization: `SELECT tenant_id, id, CAST(NULL AS BIGINT), name, kind || ' · ' || description || ' · ' || website || ' · ' || email || ' · ' || phone
		FROM organizations WHERE tenant_id = $1 AND id = $2`,
	itinera.SearchContact: `SELECT tenant_id, id, CAST(NULL AS BIGINT), name, title || ' · ' || email || ' · ' || phone || ' · ' || notes
		FROM contacts WHERE tenant_id = $1 AND id = $2`,
	// Homes are the hosts' private addresses, not the directory's places.
	itinera.SearchPlace: `SELECT tenant_id, id, CAST(NULL AS BIGINT), name, kind || ' · ' || address || ' · ' || notes
		FROM places WHERE tenant_id = $1 AND id = $2 AND kind <> 'home'`,
	itinera.SearchMeeting: `SELECT tenant_id, id, program_id, title, audience || ' · ' || notes || ' · ' || questions
		FROM meetings WHERE tenant_id = $1 AND id = $2`,
}

// searchTables names the table of each kind, for pruning.
var searchTables = map[itinera.SearchKind]string{
	itinera.SearchProgram: "programs", itinera.SearchVisitor: "visitors", itinera.SearchInterpreter: "interpreters",
	itinera.SearchOrganization: "organizations", itinera.SearchContact: "contacts", itinera.SearchPlace: "places",
	itinera.SearchMeeting: "meetings", itinera.SearchMessage: "outbox",
}

// indexTx rewrites the search entry of record id of kind from its row (and
// removes it when the row is gone).
func (s *Store) indexTx(ctx context.Context, tx *sql.Tx, kind itinera.SearchKind, tenantID, id int64) error {
	src, ok := searchSources[kind]
	if !ok {
		return fmt.Errorf("index: no source for kind %q", kind)
	}
	if err := s.unindexTx(ctx, tx, kind, tenantID, id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO search_entries (tenant_id, record_id, program_id, title, body, kind)
		SELECT src.*, '`+string(kind)+`' FROM (`+src+`) src`), tenantID, id)
	return err
}

// unindexTx removes the search entry of a record.
func (s *Store) unindexTx(ctx context.Context, tx *sql.Tx, kind itinera.SearchKind, tenantID, id int64) error {
	_, err := tx.ExecContext(ctx, s.q(`DELETE FROM search_entries WHERE tenant_id = $1 AND kind = $2 AND record_id = $3`),
		tenantID, string(kind), id)
	return err
}

// pruneIndexTx removes the tenant's entries whose records are gone: after
// a deletion that cascades (a program's people and meetings, an
// organization's contacts).
func (s *Store) pruneIndexTx(ctx context.Context, tx *sql.Tx, tenantID int64) error {
	for _, k := range itinera.SearchKinds {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM search_entries WHERE tenant_id = $1 AND kind = $2
			AND NOT EXISTS (SELECT 1 FROM `+searchTables[k]+` r WHERE r.id = search_entries.record_id)`), tenantID, string(k)); err != nil {
			return err
		}
	}
	return nil
}

// indexMessageTx indexes a queued message: its subject, recipient and text,
// with the tokens of secret links hidden, so that no search (nor any
// result shown) reveals them.
func (s *Store) indexMessageTx(ctx context.Context, tx *sql.Tx, m *itinera.OutboxMessage) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO search_entries (tenant_id, kind, record_id, program_id, title, body)
		VALUES ($1, $2, $3, NULL, $4, $5)`), m.TenantID, string(itinera.SearchMessage), m.ID,
		itinera.RedactSecretLinks(m.Subject), m.To+" · "+itinera.RedactSecretLinks(m.TextBody))
	return err
}

// maxSearchHits bounds one search's answer.
const maxSearchHits = 1000

// Search implements itinera.SearchReader.
func (s *Store) Search(ctx context.Context, tenantID int64, q itinera.SearchQuery) ([]itinera.SearchHit, error) {
	if len(q.Terms) == 0 {
		return nil, nil
	}
	for _, t := range q.Terms {
		if t == "" || strings.ContainsFunc(t, func(r rune) bool { return !isWordRune(r) }) {
			return nil, itinera.Errorf(itinera.EINVALID, "Search for words of letters and digits.")
		}
	}
	limit := q.Limit
	if limit <= 0 || limit > maxSearchHits {
		limit = maxSearchHits
	}
	cond, match := s.d.searchMatch(q.Terms)
	args := []any{tenantID, match}
	kindCond := ""
	if q.Kind != "" {
		kindCond = " AND e.kind = $3"
		args = append(args, string(q.Kind))
	}
	var order strings.Builder
	order.WriteString("CASE e.kind")
	for i, k := range itinera.SearchKinds {
		fmt.Fprintf(&order, " WHEN '%s' THEN %d", k, i)
	}
	order.WriteString(" END")
	var hits []itinera.SearchHit
	err := s.view(ctx, func(qr querier) error {
		rows, err := qr.QueryContext(ctx, s.q(`SELECT e.id, e.kind, e.record_id, COALESCE(e.program_id, 0), e.title, e.body
			FROM search_entries e WHERE e.tenant_id = $1 AND `+cond+kindCond+`
			ORDER BY `+order.String()+`, LOWER(e.title), e.id LIMIT `+fmt.Sprint(limit)), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h itinera.SearchHit
			var kind string
			if err := rows.Scan(&h.ID, &kind, &h.RecordID, &h.ProgramID, &h.Title, &h.Body); err != nil {
				return err
			}
			h.Kind = itinera.SearchKind(kind)
			h.Body = tidyBody(h.Body)
			hits = append(hits, h)
		}
		return rows.Err()
	})
	return hits, err
}

// tidyBody joins the non-empty parts of an entry's body (" · " between
// its fields) with single spaces inside each.
func tidyBody(body string) string {
	var parts []string
	for _, p := range strings.Split(body, " · ") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " · ")
}

// isWordRune is what SearchTerms keeps.
func isWordRune(r rune) bool {
	return strings.ContainsRune("0123456789", r) || len(itinera.SearchTerms(string(r))) == 1
}

// withIndex indexes the record a write changed, when the write succeeded
// (err nil): the last step of every write of a record the search finds.
func (s *Store) withIndex(ctx context.Context, tx *sql.Tx, err error, kind itinera.SearchKind, tenantID, id int64) error {
	if err != nil {
		return err
	}
	return s.indexTx(ctx, tx, kind, tenantID, id)
}
