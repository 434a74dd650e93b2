package store

import (
	"context"
	"database/sql"
	"fmt"

	"itinera"
)

// Records written in the state a program file gives them (see
// internal/programfile): an itinerary version with its number, time and
// SEQUENCEs, a request already sent or answered with its history, a
// household already approved, an evening already matched or confirmed.
// None of them carries a secret: a restored request or household has no
// personal link until the officer sends one. Each checks what it refers
// to, like the methods that create records step by step.

// RestoreItinerary stores it as the version it.Version of its program,
// made at it.CreatedAt (now when zero), with its items' travel, pins and
// SEQUENCEs as given. A version the program already has is a conflict.
func (s *Store) RestoreItinerary(ctx context.Context, it *itinera.Itinerary) error {
	if err := it.Validate(); err != nil {
		return err
	}
	if it.Version < 1 {
		return itinera.FieldErrors{"version": "An itinerary version is numbered from 1."}.Err("itinerary")
	}
	if it.CreatedAt.IsZero() {
		it.CreatedAt = s.now().UTC()
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkProgram(ctx, tx, it.TenantID, it.ProgramID, "itinerary"); err != nil {
			return err
		}
		if err := s.checkItemsTx(ctx, tx, it); err != nil {
			return err
		}
		id, err := s.insertID(ctx, tx, `INSERT INTO itineraries (tenant_id, program_id, version, created_at, created_by, note)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, it.TenantID, it.ProgramID, it.Version, s.d.timeArg(it.CreatedAt),
			nullID(it.CreatedBy), it.Note)
		if err != nil {
			return err
		}
		it.ID = id
		for i, x := range it.Items {
			if x.Sequence < 0 || x.TravelMinutes < 0 {
				return itinera.FieldErrors{"items": "Travel and SEQUENCE are 0 or more."}.Err("itinerary")
			}
			// The place is where the item takes place now: the next version
			// compares with it to tell who must hear of a change.
			place, err := s.itemPlaceTx(ctx, tx, x)
			if err != nil {
				return err
			}
			if err := s.insertItemTx(ctx, tx, id, i, x, place); err != nil {
				return err
			}
		}
		return nil
	})
}

// RestoreRequest stores a request for a meeting of the tenant in the state
// r gives: its status, times, answer (with the times the resource ticked
// or proposed), confirmed time and history, in that order. It has no link:
// sending it again gives the resource one.
func (s *Store) RestoreRequest(ctx context.Context, r *itinera.Request) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if r.Answer != nil {
		if err := r.Answer.Validate(r.Windows); err != nil {
			return err
		}
	}
	now := s.now().UTC()
	if r.CreatedAt.IsZero() {
		r.CreatedAt = now
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.exists(ctx, tx, "meetings", "meeting", r.TenantID, r.MeetingID); err != nil {
			return err
		}
		f := itinera.FieldErrors{}
		if err := s.owns(ctx, tx, f, "contacts", r.TenantID, r.ContactID, "contact_id", "Choose the person from the directory."); err != nil {
			return err
		}
		if err := f.Err("request"); err != nil {
			return err
		}
		var confirmedAt any
		if r.IsConfirmed() {
			confirmedAt = s.d.timeArg(now)
			for _, e := range r.Events {
				if e.Kind == itinera.EventConfirmed {
					confirmedAt = s.d.timeArg(e.At)
				}
			}
		}
		id, err := s.insertID(ctx, tx, `INSERT INTO requests (tenant_id, meeting_id, contact_id, status, message, expires_at, sent_at,
			created_at, viewed_at, confirmed_start, confirmed_end, confirmed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
			RETURNING id`, r.TenantID, r.MeetingID, r.ContactID, string(r.Status), r.Message, optTime(s.d, r.ExpiresAt),
			optTime(s.d, r.SentAt), s.d.timeArg(r.CreatedAt), optTime(s.d, r.ViewedAt), optTime(s.d, r.Confirmed.Start),
			optTime(s.d, r.Confirmed.End), confirmedAt)
		if err != nil {
			return err
		}
		r.ID = id
		for i, w := range r.Windows {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO request_windows (request_id, position, starts_at, ends_at) VALUES ($1, $2, $3, $4)`),
				id, i, s.d.timeArg(w.Start), s.d.timeArg(w.End)); err != nil {
				return err
			}
		}
		if r.Answer != nil {
			a := *r.Answer
			if a.At.IsZero() {
				a.At = now
			}
			if err := s.writeAnswerTx(ctx, tx, id, &a); err != nil {
				return err
			}
		}
		for _, e := range r.Events {
			if e.At.IsZero() {
				e.At = now
			}
			if err := s.addEventTx(ctx, tx, id, e); err != nil {
				return err
			}
		}
		return nil
	})
}

// RestoreEvening stores an evening of a program in the state e gives: who
// takes part, the invited households with their answers, the saved
// matching (guests, locks, unplaced visitors), the confirmation and its
// itinerary activity, and the volunteer hours recorded for it. What
// households were told at a confirmation is not restored: confirming the
// evening again tells every household with guests.
func (s *Store) RestoreEvening(ctx context.Context, e *itinera.HospitalityEvening, hours []itinera.VolunteerHours) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkProgram(ctx, tx, e.TenantID, e.ProgramID, "evening"); err != nil {
			return err
		}
		f := itinera.FieldErrors{}
		checks := []struct {
			table, field, msg string
			ids               []int64
		}{
			{"visitors", "visitor_ids", "Choose visitors of this program.", e.VisitorIDs},
			{"interpreters", "interpreter_ids", "Choose interpreters of this program.", e.InterpreterIDs},
			{"activities", "activity_id", "Choose an activity of this program.", nonZero(e.ActivityID)},
		}
		for _, c := range checks {
			if ok, err := s.ofProgram(ctx, tx, c.table, e.TenantID, e.ProgramID, c.ids); err != nil {
				return err
			} else if !ok {
				f.Add(c.field, c.msg)
			}
		}
		for _, in := range e.Invitations {
			if err := s.owns(ctx, tx, f, "host_households", e.TenantID, in.HouseholdID, "invitations", "Invite households of your organization."); err != nil {
				return err
			}
			if in.Status != itinera.InvitationInvited && in.Status != itinera.InvitationUnavailable {
				f.Add("invitations", "An invitation is invited or unavailable.")
			}
		}
		for _, h := range hours {
			if err := s.owns(ctx, tx, f, "host_households", e.TenantID, h.HouseholdID, "volunteer_hours", "Record hours of your organization's households."); err != nil {
				return err
			}
			if h.Minutes < 0 {
				f.Add("volunteer_hours", "Volunteer time is 0 minutes or more.")
			}
		}
		part := map[int64]bool{}
		for _, v := range e.VisitorIDs {
			part[v] = true
		}
		for _, u := range e.Unplaced {
			if !part[u.VisitorID] {
				f.Add("unplaced", "Only the visitors of the evening can be left unplaced.")
			}
		}
		if err := f.Err("evening"); err != nil {
			return err
		}
		if err := checkGuests(*e, e.Guests); err != nil {
			return err
		}
		id, err := s.insertID(ctx, tx, `INSERT INTO hospitality_evenings (tenant_id, program_id, starts_at, ends_at, status, min_group, note,
			confirmed_at, activity_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, e.TenantID, e.ProgramID,
			s.d.timeArg(e.Start), s.d.timeArg(e.End), string(e.Status), e.MinGroup, e.Note, optTime(s.d, e.ConfirmedAt), nullID(e.ActivityID))
		if err != nil {
			return err
		}
		e.ID = id
		reasons := map[int64]string{}
		for _, u := range e.Unplaced {
			reasons[u.VisitorID] = u.Reason
		}
		for _, v := range dedupe(e.VisitorIDs) {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO hospitality_participants (evening_id, visitor_id, unplaced_reason) VALUES ($1, $2, $3)`),
				id, v, reasons[v]); err != nil {
				return err
			}
		}
		for _, i := range dedupe(e.InterpreterIDs) {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO hospitality_participants (evening_id, interpreter_id) VALUES ($1, $2)`), id, i); err != nil {
				return err
			}
		}
		for _, in := range e.Invitations {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO hospitality_invitations (evening_id, household_id, status, invited_at, answer,
				answer_note, answered_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`), id, in.HouseholdID, string(in.Status),
				s.d.timeArg(in.InvitedAt), string(in.Answer), in.AnswerNote, optTime(s.d, in.AnsweredAt)); err != nil {
				return err
			}
		}
		for _, g := range e.Guests {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO hospitality_guests (evening_id, household_id, visitor_id, interpreter_id, locked)
				VALUES ($1, $2, $3, $4, $5)`), id, g.HouseholdID, nullID(g.VisitorID), nullID(g.InterpreterID), g.Locked); err != nil {
				return err
			}
		}
		for _, h := range hours {
			if h.RecordedAt.IsZero() {
				h.RecordedAt = s.now().UTC()
			}
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO volunteer_hours (evening_id, household_id, tenant_id, minutes, recorded_at)
				VALUES ($1, $2, $3, $4, $5)`), id, h.HouseholdID, e.TenantID, h.Minutes, s.d.timeArg(h.RecordedAt)); err != nil {
				return fmt.Errorf("volunteer hours: %w", err)
			}
		}
		return nil
	})
}

func nonZero(id int64) []int64 {
	if id == 0 {
		return nil
	}
	return []int64{id}
}
