package store

import (
	"context"
	"database/sql"

	"itinera"
)

var _ itinera.TravelService = (*Store)(nil)

// TravelOverrides lists a program's travel overrides by place names.
func (s *Store) TravelOverrides(ctx context.Context, tenantID, programID int64) ([]itinera.TravelOverride, error) {
	var out []itinera.TravelOverride
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT o.tenant_id, o.program_id, o.from_place_id, o.to_place_id, f.name, t.name, o.minutes, o.note
			FROM travel_overrides o JOIN places f ON f.id = o.from_place_id JOIN places t ON t.id = o.to_place_id
			WHERE o.tenant_id = $1 AND o.program_id = $2 ORDER BY lower(f.name), lower(t.name)`), tenantID, programID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var o itinera.TravelOverride
			if err := rows.Scan(&o.TenantID, &o.ProgramID, &o.From, &o.To, &o.FromName, &o.ToName, &o.Minutes, &o.Note); err != nil {
				return err
			}
			out = append(out, o)
		}
		return rows.Err()
	})
	return out, err
}

// SetTravelOverride stores the time of a leg of the tenant's program
// between two of its places, replacing the one set before.
func (s *Store) SetTravelOverride(ctx context.Context, o *itinera.TravelOverride) error {
	if err := o.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		f := itinera.FieldErrors{}
		if err := s.owns(ctx, tx, f, "programs", o.TenantID, o.ProgramID, "program_id", "Choose one of your organization's programs."); err != nil {
			return err
		}
		if err := s.owns(ctx, tx, f, "places", o.TenantID, o.From, "from_place_id", "Choose a place of your directory."); err != nil {
			return err
		}
		if err := s.owns(ctx, tx, f, "places", o.TenantID, o.To, "to_place_id", "Choose a place of your directory."); err != nil {
			return err
		}
		if err := f.Err("travel time"); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO travel_overrides (tenant_id, program_id, from_place_id, to_place_id, minutes, note)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (program_id, from_place_id, to_place_id) DO UPDATE SET minutes = excluded.minutes, note = excluded.note`),
			o.TenantID, o.ProgramID, o.From, o.To, o.Minutes, o.Note)
		return err
	})
}

// DeleteTravelOverride removes the time of a leg; the model answers again.
func (s *Store) DeleteTravelOverride(ctx context.Context, tenantID, programID, from, to int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.execOne(ctx, tx, "travel time", `DELETE FROM travel_overrides WHERE tenant_id = $1 AND program_id = $2
			AND from_place_id = $3 AND to_place_id = $4`, tenantID, programID, from, to)
	})
}
