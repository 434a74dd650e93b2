package store

import (
	"context"
	"database/sql"
	"time"

	"itinera"
)

var _ itinera.ReportService = (*Store)(nil)

// inPeriod selects the ids of the tenant's programs ($1) whose dates
// overlap $2 … $3 (YYYY-MM-DD, both included), cancelled ones left out.
const inPeriod = `SELECT id FROM programs WHERE tenant_id = $1 AND status <> 'cancelled' AND start_date <= $3 AND end_date >= $2`

// ReportRecords reads what a report of the period counts, a fixed number
// of queries whatever the number of programs.
func (s *Store) ReportRecords(ctx context.Context, tenantID int64, from, to itinera.Date) (itinera.ReportRecords, error) {
	out := itinera.ReportRecords{Planned: map[int64]time.Time{}, OrganizationKinds: map[int64]itinera.OrganizationKind{}}
	args := []any{tenantID, from.String(), to.String()}
	err := s.view(ctx, func(q querier) error {
		each := func(query string, scan func(rows *sql.Rows) error, args ...any) error {
			rows, err := q.QueryContext(ctx, s.q(query), args...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				if err := scan(rows); err != nil {
					return err
				}
			}
			return rows.Err()
		}
		if err := each(`SELECT `+programCols+programFrom+` WHERE p.tenant_id = $1 AND p.id IN (`+inPeriod+`) ORDER BY p.start_date, p.id`, func(rows *sql.Rows) error {
			p, err := scanProgram(rows)
			out.Programs = append(out.Programs, p)
			return err
		}, args...); err != nil {
			return err
		}
		if err := each(`SELECT `+visitorCols+` FROM visitors v WHERE v.tenant_id = $1 AND v.program_id IN (`+inPeriod+`) ORDER BY v.program_id, v.id`, func(rows *sql.Rows) error {
			v, err := scanVisitor(rows)
			out.Visitors = append(out.Visitors, v)
			return err
		}, args...); err != nil {
			return err
		}
		where := `m.tenant_id = $1 AND m.program_id IN (` + inPeriod + `)`
		if err := each(`SELECT `+meetingCols+meetingFrom+` WHERE `+where+` ORDER BY m.program_id, m.id`, func(rows *sql.Rows) error {
			m, err := scanMeeting(rows)
			out.Meetings = append(out.Meetings, m)
			return err
		}, args...); err != nil {
			return err
		}
		if err := s.fillMeetings(ctx, q, out.Meetings, where, args...); err != nil {
			return err
		}
		// The meetings of each program's current itinerary (its highest
		// version), with when they are planned.
		if err := each(`SELECT i.meeting_id, i.starts_at FROM itinerary_items i JOIN itineraries it ON it.id = i.itinerary_id
			WHERE it.tenant_id = $1 AND it.program_id IN (`+inPeriod+`) AND i.meeting_id IS NOT NULL
			AND it.version = (SELECT MAX(x.version) FROM itineraries x WHERE x.program_id = it.program_id)`, func(rows *sql.Rows) error {
			var id int64
			var at time.Time
			if err := rows.Scan(&id, dbTime{&at}); err != nil {
				return err
			}
			out.Planned[id] = at
			return nil
		}, args...); err != nil {
			return err
		}
		if err := each(`SELECT id, kind FROM organizations WHERE tenant_id = $1`, func(rows *sql.Rows) error {
			var id int64
			var kind string
			if err := rows.Scan(&id, &kind); err != nil {
				return err
			}
			out.OrganizationKinds[id] = itinera.OrganizationKind(kind)
			return nil
		}, tenantID); err != nil {
			return err
		}
		var err error
		if out.Evenings, err = s.selectEvenings(ctx, q, `e.tenant_id = $1 AND e.program_id IN (`+inPeriod+`)`, args...); err != nil {
			return err
		}
		if err := each(`SELECT v.household_id, h.name, v.evening_id, v.minutes, v.recorded_at FROM volunteer_hours v
			JOIN host_households h ON h.id = v.household_id JOIN hospitality_evenings e ON e.id = v.evening_id
			WHERE v.tenant_id = $1 AND e.tenant_id = $1 AND e.program_id IN (`+inPeriod+`) ORDER BY e.starts_at, v.household_id`, func(rows *sql.Rows) error {
			var v itinera.VolunteerHours
			err := rows.Scan(&v.HouseholdID, &v.HouseholdName, &v.EveningID, &v.Minutes, dbTime{&v.RecordedAt})
			out.Hours = append(out.Hours, v)
			return err
		}, args...); err != nil {
			return err
		}
		if err := each(`SELECT `+collabCols+` FROM collaborations WHERE tenant_id = $1 AND program_id IN (`+inPeriod+`) ORDER BY program_id, id`, func(rows *sql.Rows) error {
			c, err := scanCollaboration(rows)
			out.Collaborations = append(out.Collaborations, c)
			return err
		}, args...); err != nil {
			return err
		}
		if err := each(`SELECT `+feedbackCols+` FROM feedback_links WHERE tenant_id = $1 AND program_id IN (`+inPeriod+`) ORDER BY program_id, id`, func(rows *sql.Rows) error {
			l, err := scanFeedbackLink(rows)
			out.Feedback = append(out.Feedback, l)
			return err
		}, args...); err != nil {
			return err
		}
		return each(`SELECT `+economicsCols+` FROM program_economics WHERE tenant_id = $1 AND program_id IN (`+inPeriod+`) ORDER BY program_id`, func(rows *sql.Rows) error {
			e, err := scanEconomics(rows)
			out.Economics = append(out.Economics, e)
			return err
		}, args...)
	})
	return out, s.d.normalize(err)
}

const economicsCols = `program_id, tenant_id, version, hotel_nights, hotel_cents, meals, meals_cents, transport_cents, note, updated_at`

func scanEconomics(row interface{ Scan(...any) error }) (itinera.EconomicInputs, error) {
	var e itinera.EconomicInputs
	err := row.Scan(&e.ProgramID, &e.TenantID, &e.Version, &e.HotelNights, &e.HotelCents, &e.Meals, &e.MealsCents, &e.TransportCents,
		&e.Note, dbTime{&e.UpdatedAt})
	return e, err
}

// EconomicInputs returns a program's local economic inputs; Version 0
// when none were entered.
func (s *Store) EconomicInputs(ctx context.Context, tenantID, programID int64) (itinera.EconomicInputs, error) {
	var e itinera.EconomicInputs
	err := s.view(ctx, func(q querier) error {
		var n int
		if err := q.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM programs WHERE tenant_id = $1 AND id = $2`), tenantID, programID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return notFound("program")
		}
		var err error
		e, err = scanEconomics(q.QueryRowContext(ctx, s.q(`SELECT `+economicsCols+` FROM program_economics WHERE tenant_id = $1 AND program_id = $2`),
			tenantID, programID))
		if err == sql.ErrNoRows {
			e, err = itinera.EconomicInputs{TenantID: tenantID, ProgramID: programID}, nil
		}
		return err
	})
	return e, s.d.normalize(err)
}

// SaveEconomicInputs creates or replaces a program's figures, refusing a
// change made on an older version than the one stored.
func (s *Store) SaveEconomicInputs(ctx context.Context, e *itinera.EconomicInputs) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.lockRow(ctx, tx, "program", "programs", e.TenantID, e.ProgramID); err != nil {
			return err
		}
		var current int
		err := tx.QueryRowContext(ctx, s.q(`SELECT version FROM program_economics WHERE tenant_id = $1 AND program_id = $2`),
			e.TenantID, e.ProgramID).Scan(&current)
		switch {
		case err == sql.ErrNoRows:
			current = 0
		case err != nil:
			return err
		}
		if current != e.Version {
			return itinera.Stale("program's economic inputs", e.Version, current)
		}
		if current == 0 {
			_, err = tx.ExecContext(ctx, s.q(`INSERT INTO program_economics (program_id, tenant_id, version, hotel_nights, hotel_cents, meals,
				meals_cents, transport_cents, note, updated_at) VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $8, $9)`),
				e.ProgramID, e.TenantID, e.HotelNights, e.HotelCents, e.Meals, e.MealsCents, e.TransportCents, e.Note, s.d.timeArg(e.UpdatedAt))
		} else {
			_, err = tx.ExecContext(ctx, s.q(`UPDATE program_economics SET version = version + 1, hotel_nights = $3, hotel_cents = $4, meals = $5,
				meals_cents = $6, transport_cents = $7, note = $8, updated_at = $9 WHERE tenant_id = $2 AND program_id = $1`),
				e.ProgramID, e.TenantID, e.HotelNights, e.HotelCents, e.Meals, e.MealsCents, e.TransportCents, e.Note, s.d.timeArg(e.UpdatedAt))
		}
		if err != nil {
			return err
		}
		e.Version = current + 1
		return nil
	})
}
