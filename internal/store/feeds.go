package store

import (
	"context"
	"database/sql"

	"itinera"
)

var _ itinera.FeedService = (*Store)(nil)

const feedCols = `id, tenant_id, program_id, kind, subject_id, token_hash, created_at, revoked_at`

func scanFeed(row interface{ Scan(...any) error }) (itinera.Feed, error) {
	var f itinera.Feed
	var kind string
	err := row.Scan(&f.ID, &f.TenantID, &f.ProgramID, &kind, &f.SubjectID, &f.TokenHash, dbTime{&f.CreatedAt}, dbTime{&f.RevokedAt})
	f.Kind = itinera.FeedKind(kind)
	return f, err
}

// feedSubjectTable names the table a feed's person lives in.
var feedSubjectTable = map[itinera.FeedKind]string{
	itinera.FeedVisitor: "visitors", itinera.FeedInterpreter: "interpreters", itinera.FeedContact: "contacts",
}

// IssueFeed stores a new live feed and revokes the one it replaces.
func (s *Store) IssueFeed(ctx context.Context, f *itinera.Feed) error {
	if err := f.Validate(); err != nil {
		return err
	}
	f.CreatedAt = s.now().UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.exists(ctx, tx, "programs", "program", f.TenantID, f.ProgramID); err != nil {
			return err
		}
		if table, ok := feedSubjectTable[f.Kind]; ok {
			what := string(f.Kind)
			if err := s.exists(ctx, tx, table, what, f.TenantID, f.SubjectID); err != nil {
				return err
			}
			if f.Kind != itinera.FeedContact {
				var n int
				if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM `+table+` WHERE id = $1 AND program_id = $2`), f.SubjectID, f.ProgramID).Scan(&n); err != nil {
					return err
				}
				if n == 0 {
					return notFound(what)
				}
			}
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE feeds SET revoked_at = $1 WHERE tenant_id = $2 AND program_id = $3 AND kind = $4
			AND subject_id = $5 AND revoked_at IS NULL`), s.d.timeArg(f.CreatedAt), f.TenantID, f.ProgramID, string(f.Kind), f.SubjectID); err != nil {
			return err
		}
		id, err := s.insertID(ctx, tx, `INSERT INTO feeds (tenant_id, program_id, kind, subject_id, token_hash, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, f.TenantID, f.ProgramID, string(f.Kind), f.SubjectID, f.TokenHash, s.d.timeArg(f.CreatedAt))
		f.ID = id
		return err
	})
}

// RevokeFeed ends a live feed of the tenant.
func (s *Store) RevokeFeed(ctx context.Context, tenantID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.execOne(ctx, tx, "calendar feed", `UPDATE feeds SET revoked_at = $1 WHERE tenant_id = $2 AND id = $3 AND revoked_at IS NULL`,
			s.d.timeArg(s.now()), tenantID, id)
	})
}

// Feeds lists the live feeds of a program, program feed first.
func (s *Store) Feeds(ctx context.Context, tenantID, programID int64) ([]itinera.Feed, error) {
	var out []itinera.Feed
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+feedCols+` FROM feeds WHERE tenant_id = $1 AND program_id = $2 AND revoked_at IS NULL
			ORDER BY CASE kind WHEN 'program' THEN 0 WHEN 'visitor' THEN 1 WHEN 'interpreter' THEN 2 ELSE 3 END, subject_id`), tenantID, programID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			f, err := scanFeed(rows)
			if err != nil {
				return err
			}
			out = append(out, f)
		}
		return rows.Err()
	})
	return out, err
}

// FeedByTokenHash returns the live feed with that token hash.
func (s *Store) FeedByTokenHash(ctx context.Context, tokenHash string) (itinera.Feed, error) {
	key, now := "feed:"+tokenHash, s.now()
	if v, ok := s.recall(ctx, key, now); ok {
		return v.(itinera.Feed), nil
	}
	gen, keep := s.mark(ctx)
	f, err := s.readFeed(ctx, tokenHash)
	if err == nil && keep {
		s.keep(key, gen, now, f)
	}
	return f, err
}

func (s *Store) readFeed(ctx context.Context, tokenHash string) (itinera.Feed, error) {
	f, err := scanFeed(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+feedCols+` FROM feeds WHERE token_hash = $1 AND revoked_at IS NULL`), tokenHash))
	return f, s.d.normalize(scanOne(err, "calendar feed"))
}
