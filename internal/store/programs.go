package store

import (
	"context"
	"database/sql"
	"fmt"

	"itinera"
)

var _ itinera.ProgramService = (*Store)(nil)

const programCols = `p.id, p.tenant_id, p.version, p.title, p.project_type, p.description, p.city, p.time_zone, p.language, p.start_date, p.end_date,
	p.hotel_place_id, COALESCE(h.name, ''), p.status, p.created_at, p.updated_at, p.split_lunch, p.split_cost,
	(SELECT COUNT(*) FROM visitors v WHERE v.program_id = p.id)`
const programFrom = ` FROM programs p LEFT JOIN places h ON h.id = p.hotel_place_id`

func scanProgram(row interface{ Scan(...any) error }) (itinera.Program, error) {
	var p itinera.Program
	var start, end, status, lunch string
	err := row.Scan(&p.ID, &p.TenantID, &p.Version, &p.Title, &p.ProjectType, &p.Description, &p.City, &p.TimeZone, &p.Language, &start, &end,
		idOrZero{&p.HotelPlaceID}, &p.HotelName, &status, dbTime{&p.CreatedAt}, dbTime{&p.UpdatedAt}, &lunch, &p.SplitCost, &p.VisitorCount)
	p.SplitLunch = itinera.SplitLunch(lunch)
	if err != nil {
		return p, err
	}
	p.Status = itinera.ProgramStatus(status)
	p.Objectives = []string{}
	if p.StartDate, err = itinera.ParseDate(start); err != nil {
		return p, err
	}
	p.EndDate, err = itinera.ParseDate(end)
	return p, err
}

// Programs lists the tenant's programs, newest arrival first.
func (s *Store) Programs(ctx context.Context, tenantID int64) ([]itinera.Program, error) {
	return s.programs(ctx, tenantID, ``, nil, 0)
}

// ProgramsPage implements itinera.ProgramReader: keyset paging on index
// programs_tenant_start (arrival date, then id, both descending), so a
// page costs the same however many programs come before it.
func (s *Store) ProgramsPage(ctx context.Context, tenantID int64, after itinera.ProgramCursor, limit int) ([]itinera.Program, error) {
	if limit <= 0 {
		limit = 100
	}
	if after.ID == 0 {
		return s.programs(ctx, tenantID, ``, nil, limit)
	}
	d := after.StartDate.String()
	return s.programs(ctx, tenantID, ` AND (p.start_date < $2 OR (p.start_date = $2 AND p.id < $3))`, []any{d, after.ID}, limit)
}

// ProgramsEndingFrom implements itinera.ProgramReader: the home page's
// programs (coming, running, just ended) without reading the past ones.
func (s *Store) ProgramsEndingFrom(ctx context.Context, tenantID int64, from itinera.Date) ([]itinera.Program, error) {
	return s.programs(ctx, tenantID, ` AND p.end_date >= $2`, []any{from.String()}, 0)
}

// CountPrograms implements itinera.ProgramReader.
func (s *Store) CountPrograms(ctx context.Context, tenantID int64) (int, error) {
	var n int
	err := s.view(ctx, func(q querier) error {
		return q.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM programs WHERE tenant_id = $1`), tenantID).Scan(&n)
	})
	return n, err
}

// programs reads the tenant's programs that match cond (whose arguments
// follow the tenant's), latest arrival first, up to limit (0: all), with
// their objectives.
func (s *Store) programs(ctx context.Context, tenantID int64, cond string, args []any, limit int) ([]itinera.Program, error) {
	var out []itinera.Program
	err := s.view(ctx, func(q querier) error {
		query := `SELECT ` + programCols + programFrom + ` WHERE p.tenant_id = $1` + cond + ` ORDER BY p.start_date DESC, p.id DESC`
		if limit > 0 {
			query += fmt.Sprintf(` LIMIT %d`, limit)
		}
		rows, err := q.QueryContext(ctx, s.q(query), append([]any{tenantID}, args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanProgram(rows)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if len(out) == 0 {
			return nil
		}
		objQuery := `SELECT po.program_id, t.name FROM program_objectives po JOIN topics t ON t.id = po.topic_id
			WHERE t.tenant_id = $1 ORDER BY po.program_id, po.position`
		objArgs := []any{tenantID}
		if limit > 0 {
			// A page: the objectives of its programs only, chosen by the
			// same condition and limit.
			objQuery = `SELECT po.program_id, t.name FROM program_objectives po JOIN topics t ON t.id = po.topic_id
			WHERE po.program_id IN (SELECT p.id FROM programs p WHERE p.tenant_id = $1` + cond + `
				ORDER BY p.start_date DESC, p.id DESC LIMIT ` + fmt.Sprint(limit) + `)
			ORDER BY po.program_id, po.position`
			objArgs = append(objArgs, args...)
		}
		objs, err := s.namesBy(ctx, q, objQuery, objArgs...)
		for i := range out {
			if o := objs[out[i].ID]; o != nil {
				out[i].Objectives = o
			}
		}
		return err
	})
	return out, err
}

// Program returns one program of the tenant with its objectives.
func (s *Store) Program(ctx context.Context, tenantID, id int64) (itinera.Program, error) {
	var p itinera.Program
	err := s.view(ctx, func(q querier) error {
		var err error
		p, err = scanProgram(q.QueryRowContext(ctx, s.q(`SELECT `+programCols+programFrom+` WHERE p.tenant_id = $1 AND p.id = $2`), tenantID, id))
		if err := scanOne(err, "program"); err != nil {
			return err
		}
		objs, err := s.namesBy(ctx, q, `SELECT po.program_id, t.name FROM program_objectives po JOIN topics t ON t.id = po.topic_id
			WHERE po.program_id = $1 ORDER BY po.position`, id)
		if o := objs[id]; o != nil {
			p.Objectives = o
		}
		return err
	})
	return p, err
}

func (s *Store) checkProgramRefs(ctx context.Context, tx *sql.Tx, p *itinera.Program) error {
	f := itinera.FieldErrors{}
	if err := s.owns(ctx, tx, f, "places", p.TenantID, p.HotelPlaceID, "hotel_place_id", "Choose the hotel from the directory's places."); err != nil {
		return err
	}
	return f.Err("program")
}

// CreateProgram stores a new program with a default day for each date.
func (s *Store) CreateProgram(ctx context.Context, p *itinera.Program) error {
	if err := p.Validate(); err != nil {
		return err
	}
	now := s.now().UTC()
	p.CreatedAt, p.UpdatedAt = now, now
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkProgramRefs(ctx, tx, p); err != nil {
			return err
		}
		id, err := s.insertID(ctx, tx, `INSERT INTO programs (tenant_id, title, project_type, description, city, time_zone, start_date, end_date,
			hotel_place_id, status, created_at, updated_at, language, split_lunch, split_cost)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
			p.TenantID, p.Title, p.ProjectType, p.Description, p.City, p.TimeZone, p.StartDate.String(), p.EndDate.String(),
			nullID(p.HotelPlaceID), string(p.Status), s.d.timeArg(now), s.d.timeArg(now), p.Language, string(p.SplitLunch), p.SplitCost)
		if err != nil {
			return err
		}
		p.ID = id
		if err := s.setTopicsTx(ctx, tx, p.TenantID, "program_objectives", "program_id", p.ID, p.Objectives); err != nil {
			return err
		}
		if err := s.syncDaysTx(ctx, tx, p); err != nil {
			return err
		}
		return s.indexTx(ctx, tx, itinera.SearchProgram, p.TenantID, p.ID)
	})
}

// UpdateProgram stores changes to a program and fits its days to its dates.
func (s *Store) UpdateProgram(ctx context.Context, p *itinera.Program) error {
	if err := p.Validate(); err != nil {
		return err
	}
	p.UpdatedAt = s.now().UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.exists(ctx, tx, "programs", "program", p.TenantID, p.ID); err != nil {
			return err
		}
		if err := s.checkProgramRefs(ctx, tx, p); err != nil {
			return err
		}
		if err := s.execVersioned(ctx, tx, "program", "programs", p.TenantID, p.ID, p.Version, `UPDATE programs SET version = version + 1, title = $1, project_type = $2, description = $3, city = $4, time_zone = $5,
			start_date = $6, end_date = $7, hotel_place_id = $8, status = $9, updated_at = $10, language = $13, split_lunch = $14, split_cost = $15
			WHERE tenant_id = $11 AND id = $12`,
			p.Title, p.ProjectType, p.Description, p.City, p.TimeZone, p.StartDate.String(), p.EndDate.String(),
			nullID(p.HotelPlaceID), string(p.Status), s.d.timeArg(p.UpdatedAt), p.TenantID, p.ID, p.Language, string(p.SplitLunch), p.SplitCost); err != nil {
			return err
		}
		if err := s.setTopicsTx(ctx, tx, p.TenantID, "program_objectives", "program_id", p.ID, p.Objectives); err != nil {
			return err
		}
		if err := s.syncDaysTx(ctx, tx, p); err != nil {
			return err
		}
		return s.indexTx(ctx, tx, itinera.SearchProgram, p.TenantID, p.ID)
	})
}

// syncDaysTx adds default days for new dates and removes days outside the
// program's dates, keeping the limits of days that stay.
func (s *Store) syncDaysTx(ctx context.Context, tx *sql.Tx, p *itinera.Program) error {
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM program_days WHERE program_id = $1 AND (day < $2 OR day > $3)`),
		p.ID, p.StartDate.String(), p.EndDate.String()); err != nil {
		return err
	}
	for _, date := range p.Dates() {
		d := itinera.DefaultDay(p.ID, date)
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO program_days (program_id, day, start_minute, end_minute, lunch_from_minute,
			lunch_to_minute, lunch_minutes, max_meetings, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			ON CONFLICT (program_id, day) DO NOTHING`),
			d.ProgramID, d.Date.String(), int(d.Start), int(d.End), int(d.LunchFrom), int(d.LunchTo), d.LunchMinutes, d.MaxMeetings, d.Note); err != nil {
			return err
		}
	}
	return nil
}

// DeleteProgram removes a program and everything that belongs to it.
func (s *Store) DeleteProgram(ctx context.Context, tenantID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		// Itinerary items and releases refer to the program's meetings and
		// activities; remove them first so that cascades run in order.
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM releases WHERE tenant_id = $1 AND program_id = $2`), tenantID, id); err != nil {
			return err
		}
		if err := s.execOne(ctx, tx, "program", `DELETE FROM programs WHERE tenant_id = $1 AND id = $2`, tenantID, id); err != nil {
			return err
		}
		return s.pruneIndexTx(ctx, tx, tenantID)
	})
}

// Days returns the program's days in date order.
func (s *Store) Days(ctx context.Context, tenantID, programID int64) ([]itinera.Day, error) {
	var out []itinera.Day
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT d.version, d.program_id, d.day, d.start_minute, d.end_minute, d.lunch_from_minute, d.lunch_to_minute,
			d.lunch_minutes, d.max_meetings, d.note, d.travel_mode, d.together FROM program_days d JOIN programs p ON p.id = d.program_id
			WHERE p.tenant_id = $1 AND p.id = $2 ORDER BY d.day`), tenantID, programID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d itinera.Day
			var day string
			var start, end, lf, lt int
			if err := rows.Scan(&d.Version, &d.ProgramID, &day, &start, &end, &lf, &lt, &d.LunchMinutes, &d.MaxMeetings, &d.Note, &d.TravelMode,
				dayPartsScanner{&d.Together}); err != nil {
				return err
			}
			d.Start, d.End, d.LunchFrom, d.LunchTo = itinera.Clock(start), itinera.Clock(end), itinera.Clock(lf), itinera.Clock(lt)
			if d.Date, err = itinera.ParseDate(day); err != nil {
				return err
			}
			out = append(out, d)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if len(out) == 0 {
			var n int
			if err := q.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM programs WHERE tenant_id = $1 AND id = $2`), tenantID, programID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return notFound("program")
			}
		}
		return nil
	})
	return out, err
}

// UpdateDay stores the limits of one program day.
func (s *Store) UpdateDay(ctx context.Context, tenantID int64, d *itinera.Day) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE program_days SET version = version + 1, start_minute = $1, end_minute = $2, lunch_from_minute = $3,
			lunch_to_minute = $4, lunch_minutes = $5, max_meetings = $6, note = $7, travel_mode = $12, together = $13
			WHERE program_id = (SELECT id FROM programs WHERE tenant_id = $8 AND id = $9) AND day = $10 AND ($11 = 0 OR version = $11)`),
			int(d.Start), int(d.End), int(d.LunchFrom), int(d.LunchTo), d.LunchMinutes, d.MaxMeetings, d.Note, tenantID, d.ProgramID, d.Date.String(),
			d.Version, string(d.TravelMode), encodeDayParts(d.Together))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n > 0 {
			return err
		}
		var current int
		err = tx.QueryRowContext(ctx, s.q(`SELECT d.version FROM program_days d JOIN programs p ON p.id = d.program_id
			WHERE p.tenant_id = $1 AND p.id = $2 AND d.day = $3`), tenantID, d.ProgramID, d.Date.String()).Scan(&current)
		if err != nil {
			return scanOne(err, "program day")
		}
		return itinera.Stale("day", d.Version, current)
	})
}

// ProgramTenant returns the tenant a program belongs to, for administrator
// commands that name a program by id alone.
func (s *Store) ProgramTenant(ctx context.Context, programID int64) (int64, error) {
	var tid int64
	err := s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT tenant_id FROM programs WHERE id = $1`), programID).Scan(&tid)
	return tid, s.d.normalize(scanOne(err, "program"))
}
