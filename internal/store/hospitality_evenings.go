package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"itinera"
)

// Hospitality evenings: who takes part, which households are invited, the
// saved matching (guests, locks, unplaced visitors with reasons) and its
// confirmation. Every query reaches an evening through its tenant.

const eveningCols = `e.id, e.tenant_id, e.version, e.program_id, e.starts_at, e.ends_at, e.status, e.min_group, e.note, e.confirmed_at, e.activity_id`

func (s *Store) selectEvenings(ctx context.Context, q querier, where string, args ...any) ([]itinera.HospitalityEvening, error) {
	rows, err := q.QueryContext(ctx, s.q(`SELECT `+eveningCols+` FROM hospitality_evenings e WHERE `+where+` ORDER BY e.starts_at, e.id`), args...)
	if err != nil {
		return nil, err
	}
	out := []itinera.HospitalityEvening{}
	idx := map[int64]int{}
	for rows.Next() {
		var e itinera.HospitalityEvening
		var st string
		if err := rows.Scan(&e.ID, &e.TenantID, &e.Version, &e.ProgramID, dbTime{&e.Start}, dbTime{&e.End}, &st, &e.MinGroup, &e.Note,
			dbTime{&e.ConfirmedAt}, idOrZero{&e.ActivityID}); err != nil {
			rows.Close()
			return nil, err
		}
		e.Status = itinera.EveningStatus(st)
		e.VisitorIDs, e.InterpreterIDs = []int64{}, []int64{}
		e.Invitations, e.Guests, e.Unplaced = []itinera.HospitalityInvitation{}, []itinera.HospitalityGuest{}, []itinera.HospitalityUnplaced{}
		idx[e.ID] = len(out)
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	join := ` JOIN hospitality_evenings e ON e.id = x.evening_id WHERE ` + where
	if err := s.fillParticipants(ctx, q, out, idx, join, args...); err != nil {
		return nil, err
	}
	if err := s.fillInvitations(ctx, q, out, idx, join, args...); err != nil {
		return nil, err
	}
	return out, s.fillGuests(ctx, q, out, idx, join, args...)
}

func (s *Store) fillParticipants(ctx context.Context, q querier, es []itinera.HospitalityEvening, idx map[int64]int, join string, args ...any) error {
	rows, err := q.QueryContext(ctx, s.q(`SELECT x.evening_id, x.visitor_id, x.interpreter_id, x.unplaced_reason FROM hospitality_participants x`+
		join+` ORDER BY x.evening_id, COALESCE(x.visitor_id, 0), COALESCE(x.interpreter_id, 0)`), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var eid, vid, iid int64
		var reason string
		if err := rows.Scan(&eid, idOrZero{&vid}, idOrZero{&iid}, &reason); err != nil {
			return err
		}
		e := &es[idx[eid]]
		switch {
		case vid != 0:
			e.VisitorIDs = append(e.VisitorIDs, vid)
			if reason != "" {
				e.Unplaced = append(e.Unplaced, itinera.HospitalityUnplaced{VisitorID: vid, Reason: reason})
			}
		default:
			e.InterpreterIDs = append(e.InterpreterIDs, iid)
		}
	}
	return rows.Err()
}

func (s *Store) fillInvitations(ctx context.Context, q querier, es []itinera.HospitalityEvening, idx map[int64]int, join string, args ...any) error {
	rows, err := q.QueryContext(ctx, s.q(`SELECT x.evening_id, x.household_id, x.status, x.invited_at, x.answer, x.answer_note, x.answered_at
		FROM hospitality_invitations x`+
		join+` ORDER BY x.evening_id, x.household_id`), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var eid int64
		var in itinera.HospitalityInvitation
		var st, answer string
		if err := rows.Scan(&eid, &in.HouseholdID, &st, dbTime{&in.InvitedAt}, &answer, &in.AnswerNote, dbTime{&in.AnsweredAt}); err != nil {
			return err
		}
		in.Status, in.Answer = itinera.InvitationStatus(st), itinera.InvitationAnswer(answer)
		es[idx[eid]].Invitations = append(es[idx[eid]].Invitations, in)
	}
	return rows.Err()
}

func (s *Store) fillGuests(ctx context.Context, q querier, es []itinera.HospitalityEvening, idx map[int64]int, join string, args ...any) error {
	rows, err := q.QueryContext(ctx, s.q(`SELECT x.evening_id, x.household_id, x.visitor_id, x.interpreter_id, x.locked FROM hospitality_guests x`+
		join+` ORDER BY x.evening_id, x.household_id, COALESCE(x.interpreter_id, 0), COALESCE(x.visitor_id, 0)`), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var eid int64
		var g itinera.HospitalityGuest
		if err := rows.Scan(&eid, &g.HouseholdID, idOrZero{&g.VisitorID}, idOrZero{&g.InterpreterID}, &g.Locked); err != nil {
			return err
		}
		es[idx[eid]].Guests = append(es[idx[eid]].Guests, g)
	}
	return rows.Err()
}

// Evenings lists a program's evenings in time order.
func (s *Store) Evenings(ctx context.Context, tenantID, programID int64) ([]itinera.HospitalityEvening, error) {
	var out []itinera.HospitalityEvening
	err := s.view(ctx, func(q querier) error {
		var err error
		out, err = s.selectEvenings(ctx, q, `e.tenant_id = $1 AND e.program_id = $2`, tenantID, programID)
		return err
	})
	return out, err
}

// Evening returns one evening of the tenant.
func (s *Store) Evening(ctx context.Context, tenantID, id int64) (itinera.HospitalityEvening, error) {
	var e itinera.HospitalityEvening
	err := s.view(ctx, func(q querier) error {
		var err error
		e, err = s.eveningTx(ctx, q, tenantID, id)
		return err
	})
	return e, err
}

func (s *Store) eveningTx(ctx context.Context, q querier, tenantID, id int64) (itinera.HospitalityEvening, error) {
	es, err := s.selectEvenings(ctx, q, `e.tenant_id = $1 AND e.id = $2`, tenantID, id)
	if err != nil {
		return itinera.HospitalityEvening{}, err
	}
	if len(es) == 0 {
		return itinera.HospitalityEvening{}, notFound("evening")
	}
	return es[0], nil
}

// ofProgram checks that every id is a record of table in the program.
func (s *Store) ofProgram(ctx context.Context, q querier, table string, tenantID, programID int64, ids []int64) (bool, error) {
	for _, id := range ids {
		var n int
		if err := q.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM `+table+` WHERE id = $1 AND tenant_id = $2 AND program_id = $3`),
			id, tenantID, programID).Scan(&n); err != nil {
			return false, err
		}
		if n == 0 {
			return false, nil
		}
	}
	return true, nil
}

// CreateEvening stores an evening and who takes part.
func (s *Store) CreateEvening(ctx context.Context, e *itinera.HospitalityEvening) error {
	e.Status = itinera.EveningPlanning
	if err := e.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkProgram(ctx, tx, e.TenantID, e.ProgramID, "evening"); err != nil {
			return err
		}
		f := itinera.FieldErrors{}
		if ok, err := s.ofProgram(ctx, tx, "visitors", e.TenantID, e.ProgramID, e.VisitorIDs); err != nil {
			return err
		} else if !ok {
			f.Add("visitor_ids", "Choose visitors of this program.")
		}
		if ok, err := s.ofProgram(ctx, tx, "interpreters", e.TenantID, e.ProgramID, e.InterpreterIDs); err != nil {
			return err
		} else if !ok {
			f.Add("interpreter_ids", "Choose interpreters of this program.")
		}
		if err := f.Err("evening"); err != nil {
			return err
		}
		id, err := s.insertID(ctx, tx, `INSERT INTO hospitality_evenings (tenant_id, program_id, starts_at, ends_at, status, min_group, note)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, e.TenantID, e.ProgramID, s.d.timeArg(e.Start), s.d.timeArg(e.End),
			string(e.Status), e.MinGroup, e.Note)
		if err != nil {
			return err
		}
		e.ID = id
		for _, v := range dedupe(e.VisitorIDs) {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO hospitality_participants (evening_id, visitor_id) VALUES ($1, $2)`), id, v); err != nil {
				return err
			}
		}
		for _, i := range dedupe(e.InterpreterIDs) {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO hospitality_participants (evening_id, interpreter_id) VALUES ($1, $2)`), id, i); err != nil {
				return err
			}
		}
		return nil
	})
}

func dedupe(ids []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// InviteHouseholds invites approved households of the tenant; a household
// that had dropped out is invited again.
func (s *Store) InviteHouseholds(ctx context.Context, tenantID, eveningID int64, householdIDs []int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.inviteTx(ctx, tx, tenantID, eveningID, householdIDs)
	})
}

// inviteTx invites approved households; inviting one again clears the
// answer it gave before.
func (s *Store) inviteTx(ctx context.Context, tx *sql.Tx, tenantID, eveningID int64, householdIDs []int64) error {
	if err := s.exists(ctx, tx, "hospitality_evenings", "evening", tenantID, eveningID); err != nil {
		return err
	}
	now := s.d.timeArg(s.now().UTC())
	for _, hid := range dedupe(householdIDs) {
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM host_households WHERE id = $1 AND tenant_id = $2 AND status = $3`),
			hid, tenantID, string(itinera.HouseholdApproved)).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return itinera.FieldErrors{"household_ids": "Invite only approved households."}.Err("invitation")
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO hospitality_invitations (evening_id, household_id, status, invited_at)
			VALUES ($1, $2, 'invited', $3) ON CONFLICT (evening_id, household_id) DO UPDATE SET status = 'invited', answer = '',
			answer_note = '', answered_at = NULL`), eveningID, hid, now); err != nil {
			return err
		}
	}
	return nil
}

// SetInvitation marks an invited household available or unavailable.
func (s *Store) SetInvitation(ctx context.Context, tenantID, eveningID, householdID int64, st itinera.InvitationStatus) error {
	if st != itinera.InvitationInvited && st != itinera.InvitationUnavailable {
		return itinera.FieldErrors{"status": "Choose invited or unavailable."}.Err("invitation")
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.exists(ctx, tx, "hospitality_evenings", "evening", tenantID, eveningID); err != nil {
			return err
		}
		return s.execOne(ctx, tx, "invitation", `UPDATE hospitality_invitations SET status = $1 WHERE evening_id = $2 AND household_id = $3`,
			string(st), eveningID, householdID)
	})
}

// SaveMatching replaces the evening's guests and unplaced visitors; the
// evening is then matched (again), even if it was confirmed before.
func (s *Store) SaveMatching(ctx context.Context, tenantID, eveningID int64, guests []itinera.HospitalityGuest, unplaced []itinera.HospitalityUnplaced) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		e, err := s.eveningTx(ctx, tx, tenantID, eveningID)
		if err != nil {
			return err
		}
		if err := checkGuests(e, guests); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM hospitality_guests WHERE evening_id = $1`), e.ID); err != nil {
			return err
		}
		for _, g := range guests {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO hospitality_guests (evening_id, household_id, visitor_id, interpreter_id, locked)
				VALUES ($1, $2, $3, $4, $5)`), e.ID, g.HouseholdID, nullID(g.VisitorID), nullID(g.InterpreterID), g.Locked); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE hospitality_participants SET unplaced_reason = '' WHERE evening_id = $1`), e.ID); err != nil {
			return err
		}
		for _, u := range unplaced {
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE hospitality_participants SET unplaced_reason = $1 WHERE evening_id = $2 AND visitor_id = $3`),
				u.Reason, e.ID, u.VisitorID); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, s.q(`UPDATE hospitality_evenings SET version = version + 1, status = $1 WHERE id = $2`), string(itinera.EveningMatched), e.ID)
		return err
	})
}

// checkGuests accepts guests who take part, each placed once, at invited
// households.
func checkGuests(e itinera.HospitalityEvening, guests []itinera.HospitalityGuest) error {
	part, invited, seen := map[int64]bool{}, map[int64]bool{}, map[string]bool{}
	for _, v := range e.VisitorIDs {
		part[v] = true
	}
	for _, i := range e.InterpreterIDs {
		part[-i] = true
	}
	for _, in := range e.Invitations {
		invited[in.HouseholdID] = true
	}
	for _, g := range guests {
		key := fmt.Sprintf("v%d", g.VisitorID)
		who := g.VisitorID
		if g.VisitorID == 0 {
			key, who = fmt.Sprintf("i%d", g.InterpreterID), -g.InterpreterID
		}
		switch {
		case (g.VisitorID == 0) == (g.InterpreterID == 0):
			return itinera.Errorf(itinera.EINVALID, "Each guest is either a visitor or an interpreter.")
		case !part[who]:
			return itinera.Errorf(itinera.EINVALID, "Only the visitors and interpreters of the evening can be guests.")
		case !invited[g.HouseholdID]:
			return itinera.Errorf(itinera.EINVALID, "Guests go only to households invited to the evening.")
		case seen[key]:
			return itinera.Errorf(itinera.EINVALID, "A guest can be at one household only.")
		}
		seen[key] = true
	}
	return nil
}

// eveningActivityTx returns the program's hospitality activity for the
// evening: the one linked before, else one of kind hospitality whose
// window overlaps the evening, else a new one. It is marked confirmed.
func (s *Store) eveningActivityTx(ctx context.Context, tx *sql.Tx, e itinera.HospitalityEvening) (int64, error) {
	var aid int64
	if e.ActivityID != 0 {
		aid = e.ActivityID
	} else {
		err := tx.QueryRowContext(ctx, s.q(`SELECT a.id FROM activities a JOIN availability_windows w ON w.activity_id = a.id
			WHERE a.tenant_id = $1 AND a.program_id = $2 AND a.kind = $3 AND w.starts_at < $4 AND w.ends_at > $5 ORDER BY a.id LIMIT 1`),
			e.TenantID, e.ProgramID, string(itinera.ActivityHospitality), s.d.timeArg(e.End), s.d.timeArg(e.Start)).Scan(&aid)
		if err != nil && err != sql.ErrNoRows {
			return 0, err
		}
	}
	if aid != 0 {
		_, err := tx.ExecContext(ctx, s.q(`UPDATE activities SET version = version + 1, status = $1 WHERE id = $2 AND tenant_id = $3`),
			string(itinera.ActivityConfirmed), aid, e.TenantID)
		return aid, err
	}
	var hotel sql.NullInt64
	if err := tx.QueryRowContext(ctx, s.q(`SELECT hotel_place_id FROM programs WHERE id = $1`), e.ProgramID).Scan(&hotel); err != nil {
		return 0, err
	}
	aid, err := s.insertID(ctx, tx, `INSERT INTO activities (tenant_id, program_id, title, kind, place_id, duration_minutes, priority,
		mandatory, status, notes) VALUES ($1, $2, $3, $4, $5, $6, 5, TRUE, $7, $8) RETURNING id`,
		e.TenantID, e.ProgramID, "Home-hospitality dinners", string(itinera.ActivityHospitality), nullID(hotel.Int64),
		max(e.Minutes(), 10), string(itinera.ActivityConfirmed), "Volunteer hosts collect their guests at the hotel and bring them back.")
	if err != nil {
		return 0, err
	}
	return aid, s.setWindowsTx(ctx, tx, "activity_id", aid, []itinera.Window{{Start: e.Start, End: e.End}})
}

// eveningInItineraryTx saves a new itinerary version with the evening as a
// pinned item, when the program has an itinerary that lacks it. Items that
// overlap the evening give way to it.
func (s *Store) eveningInItineraryTx(ctx context.Context, tx *sql.Tx, e itinera.HospitalityEvening, aid int64) error {
	version, items, err := s.currentItemsTx(ctx, tx, e.TenantID, e.ProgramID)
	if err != nil || version == 0 {
		return err // without an itinerary the planner schedules the confirmed, mandatory activity
	}
	kept := []itinera.ItineraryItem{{ActivityID: aid, Start: e.Start, End: e.End, Pinned: true}}
	for _, x := range items {
		if x.ActivityID == aid && x.Start.Equal(e.Start) && x.End.Equal(e.End) {
			return nil // already there
		}
		if x.ActivityID == aid || (x.Start.Before(e.End) && e.Start.Before(x.End)) {
			continue
		}
		kept = append(kept, x)
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].Start.Before(kept[j].Start) })
	_, err = s.saveItineraryTx(ctx, tx, &itinera.Itinerary{TenantID: e.TenantID, ProgramID: e.ProgramID,
		Note: "Home-hospitality evening confirmed", Items: kept})
	return err
}

// Pairs lists a program's together and apart pairs.
func (s *Store) Pairs(ctx context.Context, tenantID, programID int64) ([]itinera.HospitalityPair, error) {
	out := []itinera.HospitalityPair{}
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT id, tenant_id, program_id, evening_id, visitor_a, visitor_b, kind FROM hospitality_pairs
			WHERE tenant_id = $1 AND program_id = $2 ORDER BY id`), tenantID, programID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p itinera.HospitalityPair
			var kind string
			if err := rows.Scan(&p.ID, &p.TenantID, &p.ProgramID, idOrZero{&p.EveningID}, &p.VisitorA, &p.VisitorB, &kind); err != nil {
				return err
			}
			p.Kind = itinera.PairKind(kind)
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

// CreatePair stores a pair of visitors of one program.
func (s *Store) CreatePair(ctx context.Context, p *itinera.HospitalityPair) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkProgram(ctx, tx, p.TenantID, p.ProgramID, "pair"); err != nil {
			return err
		}
		if ok, err := s.ofProgram(ctx, tx, "visitors", p.TenantID, p.ProgramID, []int64{p.VisitorA, p.VisitorB}); err != nil {
			return err
		} else if !ok {
			return itinera.FieldErrors{"visitor_b": "Choose visitors of this program."}.Err("pair")
		}
		if p.EveningID != 0 {
			if ok, err := s.ofProgram(ctx, tx, "hospitality_evenings", p.TenantID, p.ProgramID, []int64{p.EveningID}); err != nil {
				return err
			} else if !ok {
				return itinera.FieldErrors{"evening_id": "Choose an evening of this program."}.Err("pair")
			}
		}
		id, err := s.insertID(ctx, tx, `INSERT INTO hospitality_pairs (tenant_id, program_id, evening_id, visitor_a, visitor_b, kind)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, p.TenantID, p.ProgramID, nullID(p.EveningID), p.VisitorA, p.VisitorB, string(p.Kind))
		p.ID = id
		return err
	})
}

// DeletePair removes a pair.
func (s *Store) DeletePair(ctx context.Context, tenantID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.execOne(ctx, tx, "pair", `DELETE FROM hospitality_pairs WHERE tenant_id = $1 AND id = $2`, tenantID, id)
	})
}

// VolunteerHours lists the hours recorded for a program's evenings.
func (s *Store) VolunteerHours(ctx context.Context, tenantID, programID int64) ([]itinera.VolunteerHours, error) {
	out := []itinera.VolunteerHours{}
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT v.household_id, h.name, v.evening_id, v.minutes, v.recorded_at FROM volunteer_hours v
			JOIN host_households h ON h.id = v.household_id JOIN hospitality_evenings e ON e.id = v.evening_id
			WHERE v.tenant_id = $1 AND e.tenant_id = $1 AND e.program_id = $2 ORDER BY e.starts_at, lower(h.name), h.id`), tenantID, programID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var v itinera.VolunteerHours
			if err := rows.Scan(&v.HouseholdID, &v.HouseholdName, &v.EveningID, &v.Minutes, dbTime{&v.RecordedAt}); err != nil {
				return err
			}
			out = append(out, v)
		}
		return rows.Err()
	})
	return out, err
}
