package store

import (
	"context"
	"database/sql"

	"itinera"
)

// Releases: a published itinerary version and the people it brought up to
// date (release_recipients). A release is never changed.

const releaseCols = `r.id, r.tenant_id, r.program_id, r.itinerary_id, i.version, r.version, r.released_at, COALESCE(r.released_by, 0), r.note`

func scanRelease(row interface{ Scan(...any) error }) (itinera.Release, error) {
	var r itinera.Release
	err := row.Scan(&r.ID, &r.TenantID, &r.ProgramID, &r.ItineraryID, &r.ItineraryVersion, &r.Version, dbTime{&r.ReleasedAt},
		&r.ReleasedBy, &r.Note)
	return r, err
}

// Releases returns the program's releases, newest first.
func (s *Store) Releases(ctx context.Context, tenantID, programID int64) ([]itinera.Release, error) {
	out := []itinera.Release{}
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+releaseCols+` FROM releases r JOIN itineraries i ON i.id = r.itinerary_id
			WHERE r.tenant_id = $1 AND r.program_id = $2 ORDER BY r.version DESC`), tenantID, programID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanRelease(rows)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// ReleasedTo returns the newest release of the program that names the
// person; ENOTFOUND if none does.
func (s *Store) ReleasedTo(ctx context.Context, tenantID, programID int64, p itinera.ReleaseRecipient) (itinera.Release, error) {
	var r itinera.Release
	err := s.view(ctx, func(q querier) error {
		var err error
		r, err = scanRelease(q.QueryRowContext(ctx, s.q(`SELECT `+releaseCols+` FROM releases r JOIN itineraries i ON i.id = r.itinerary_id
			JOIN release_recipients rr ON rr.release_id = r.id
			WHERE r.tenant_id = $1 AND r.program_id = $2 AND rr.kind = $3 AND rr.person_id = $4
			ORDER BY r.version DESC LIMIT 1`), tenantID, programID, string(p.Kind), p.PersonID))
		return scanOne(err, "release")
	})
	return r, err
}

// CreateRelease records r as the program's next release of the itinerary
// r.ItineraryID names, with the people it brought up to date.
func (s *Store) CreateRelease(ctx context.Context, r *itinera.Release, to []itinera.ReleaseRecipient) error {
	f := itinera.FieldErrors{}
	itinera.CheckReason(f, "note", &r.Note)
	if err := f.Err("release"); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var version int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT version FROM itineraries WHERE tenant_id = $1 AND program_id = $2 AND id = $3`),
			r.TenantID, r.ProgramID, r.ItineraryID).Scan(&version); err != nil {
			return scanOne(err, "itinerary version")
		}
		var next int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COALESCE(MAX(version), 0) + 1 FROM releases WHERE tenant_id = $1 AND program_id = $2`),
			r.TenantID, r.ProgramID).Scan(&next); err != nil {
			return err
		}
		r.Version, r.ItineraryVersion, r.ReleasedAt = next, version, s.now().UTC()
		id, err := s.insertID(ctx, tx, `INSERT INTO releases (tenant_id, program_id, itinerary_id, version, released_at, released_by, note)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, r.TenantID, r.ProgramID, r.ItineraryID, r.Version,
			s.d.timeArg(r.ReleasedAt), nullID(r.ReleasedBy), r.Note)
		if err != nil {
			return err
		}
		r.ID = id
		for _, p := range to {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO release_recipients (release_id, kind, person_id) VALUES ($1, $2, $3)`),
				id, string(p.Kind), p.PersonID); err != nil {
				return err
			}
		}
		return nil
	})
}
