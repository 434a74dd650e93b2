package store

import (
	"context"
	"database/sql"
	"sort"
	"time"

	"itinera"
)

// Confirming an evening, and what hosts are told. hospitality_notices
// keeps, per household and evening, the fingerprint of what the household
// was last told and its calendar SEQUENCE: a re-confirmation writes only to
// households whose guests or time changed, and cancels the invitation of
// those that receive nobody now. Hosts answer invitations on their personal
// page; inviting by e-mail gives the household a new personal link (it
// keeps one link, the newest).

// ConfirmEvening confirms the saved matching: volunteer hours, the notices
// of households whose part changed, and the itinerary, in one transaction.
func (s *Store) ConfirmEvening(ctx context.Context, tenantID, eveningID int64, c itinera.HospitalityConfirmation) ([]itinera.HospitalityNotice, error) {
	var sent []itinera.HospitalityNotice
	err := s.tx(ctx, func(tx *sql.Tx) error {
		sent = nil
		e, err := s.eveningTx(ctx, tx, tenantID, eveningID)
		if err != nil {
			return err
		}
		if len(e.Guests) == 0 {
			return itinera.Errorf(itinera.ECONFLICT, "Nobody is placed yet: run the matching first.")
		}
		hosting := map[int64]bool{}
		for _, g := range e.Guests {
			if e.Unavailable(g.HouseholdID) {
				return itinera.Errorf(itinera.ECONFLICT, "A household with guests has dropped out: run the matching again first.")
			}
			hosting[g.HouseholdID] = true
		}
		now := s.now().UTC()
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM volunteer_hours WHERE evening_id = $1`), e.ID); err != nil {
			return err
		}
		for _, h := range c.Hours {
			if !hosting[h.HouseholdID] || h.Minutes < 0 {
				return itinera.Errorf(itinera.EINVALID, "Volunteer hours are recorded for the households that receive guests.")
			}
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO volunteer_hours (evening_id, household_id, tenant_id, minutes, recorded_at)
				VALUES ($1, $2, $3, $4, $5)`), e.ID, h.HouseholdID, tenantID, h.Minutes, s.d.timeArg(now)); err != nil {
				return err
			}
		}
		if c.Notify != nil {
			if sent, err = s.notifyTx(ctx, tx, tenantID, e, c); err != nil {
				return err
			}
		}
		aid, err := s.eveningActivityTx(ctx, tx, e)
		if err != nil {
			return err
		}
		if err := s.eveningInItineraryTx(ctx, tx, e, aid); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q(`UPDATE hospitality_evenings SET version = version + 1, status = $1, confirmed_at = $2, activity_id = $3 WHERE id = $4`),
			string(itinera.EveningConfirmed), s.d.timeArg(now), aid, e.ID)
		return err
	})
	return sent, err
}

// notifyTx queues the e-mail of each household whose part of e changed
// since it was last told (but those c holds back) and records what each
// was told, within the confirmation's (or the release's) transaction.
func (s *Store) notifyTx(ctx context.Context, tx *sql.Tx, tenantID int64, e itinera.HospitalityEvening,
	c itinera.HospitalityConfirmation) ([]itinera.HospitalityNotice, error) {
	notices, err := s.noticesTx(ctx, tx, e)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	var sent []itinera.HospitalityNotice
	for _, n := range notices {
		if c.Hold[n.HouseholdID] {
			continue // still pending: listed again next time
		}
		m, err := c.Notify(n)
		if err != nil {
			return nil, err
		}
		m.TenantID = tenantID
		if err := s.EnqueueTx(ctx, tx, &m); err != nil {
			return nil, err
		}
		fp, told := "", ""
		if n.Kind != itinera.NoticeCancel {
			fp, told = itinera.GuestFingerprint(e, n.HouseholdID), itinera.GuestsTold(e, n.HouseholdID)
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO hospitality_notices (evening_id, household_id, tenant_id, fingerprint,
			sequence, cancelled, sent_at, told) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (evening_id, household_id)
			DO UPDATE SET fingerprint = excluded.fingerprint, sequence = excluded.sequence, cancelled = excluded.cancelled,
			sent_at = excluded.sent_at, told = excluded.told`), e.ID, n.HouseholdID, tenantID, fp, n.Sequence, n.Kind == itinera.NoticeCancel,
			s.d.timeArg(now), told); err != nil {
			return nil, err
		}
		sent = append(sent, n)
	}
	return sent, nil
}

// PendingNotices says what confirming the evening's saved matching now
// would tell its households: noticesTx's decision, read only.
func (s *Store) PendingNotices(ctx context.Context, tenantID, eveningID int64) ([]itinera.HospitalityNotice, error) {
	var out []itinera.HospitalityNotice
	err := s.view(ctx, func(q querier) error {
		e, err := s.eveningTx(ctx, q, tenantID, eveningID)
		if err != nil {
			return err
		}
		out, err = s.noticesTx(ctx, q, e)
		return err
	})
	return out, err
}

// lastNotice is what a household was last told about an evening.
type lastNotice struct {
	fingerprint string
	sequence    int
	cancelled   bool
	told        string
}

// noticesTx decides who is told what about e (at a confirmation, at a
// release, or to show what either would do): households with guests that
// were never told, or whose guests or time changed, and households told
// before that receive nobody now. Unchanged households are left out.
func (s *Store) noticesTx(ctx context.Context, q querier, e itinera.HospitalityEvening) ([]itinera.HospitalityNotice, error) {
	rows, err := q.QueryContext(ctx, s.q(`SELECT household_id, fingerprint, sequence, cancelled, told FROM hospitality_notices
		WHERE evening_id = $1 ORDER BY household_id`), e.ID)
	if err != nil {
		return nil, err
	}
	last := map[int64]lastNotice{}
	var told []int64
	for rows.Next() {
		var hid int64
		var n lastNotice
		if err := rows.Scan(&hid, &n.fingerprint, &n.sequence, &n.cancelled, &n.told); err != nil {
			rows.Close()
			return nil, err
		}
		last[hid] = n
		told = append(told, hid)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// An evening confirmed before notices were recorded: its invitations
	// carried a SEQUENCE from the clock, which the next ones must exceed.
	first := 0
	if len(last) == 0 && !e.ConfirmedAt.IsZero() {
		first = itinera.LegacyNoticeSequence(e.ConfirmedAt) + 1
	}
	guests := map[int64][]itinera.HospitalityGuest{}
	var hosts []int64
	for _, g := range e.Guests {
		if _, ok := guests[g.HouseholdID]; !ok {
			hosts = append(hosts, g.HouseholdID)
		}
		guests[g.HouseholdID] = append(guests[g.HouseholdID], g)
	}
	sort.Slice(hosts, func(i, j int) bool { return hosts[i] < hosts[j] })
	var out []itinera.HospitalityNotice
	for _, hid := range hosts {
		n := itinera.HospitalityNotice{HouseholdID: hid, Kind: itinera.NoticeNew, Sequence: first, Guests: guests[hid]}
		if prev, ok := last[hid]; ok {
			switch {
			case prev.cancelled:
				n.Sequence = prev.sequence + 1
			case prev.fingerprint == itinera.GuestFingerprint(e, hid):
				continue
			default:
				n.Kind, n.Sequence = itinera.NoticeUpdate, prev.sequence+1
				if t, ok := itinera.ParseTold(prev.told); ok {
					n.Before = &t
				}
			}
		}
		out = append(out, n)
	}
	for _, hid := range told {
		if prev := last[hid]; len(guests[hid]) == 0 && !prev.cancelled {
			n := itinera.HospitalityNotice{HouseholdID: hid, Kind: itinera.NoticeCancel, Sequence: prev.sequence + 1,
				Guests: []itinera.HospitalityGuest{}}
			if t, ok := itinera.ParseTold(prev.told); ok {
				n.Before = &t
			}
			out = append(out, n)
		}
	}
	return out, nil
}

// InviteHouseholdsByMail invites households to an evening; each gets a new
// personal link, which replaces its old one, and its e-mail is queued, all
// in one transaction.
func (s *Store) InviteHouseholdsByMail(ctx context.Context, tenantID, eveningID int64, invites []itinera.EveningInvite) error {
	now := s.now().UTC()
	ids := make([]int64, 0, len(invites))
	for _, in := range invites {
		if len(in.Link.TokenHash) != 64 || !in.Link.ExpiresAt.After(now) || in.Link.Mail.To == "" {
			return itinera.Errorf(itinera.EINVALID, "Each invitation goes by e-mail with a new personal link.")
		}
		ids = append(ids, in.HouseholdID)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.inviteTx(ctx, tx, tenantID, eveningID, ids); err != nil {
			return err
		}
		for _, in := range invites {
			if err := s.execOne(ctx, tx, "household", `UPDATE host_households SET version = version + 1, token_hash = $1, token_expires_at = $2
				WHERE tenant_id = $3 AND id = $4`, in.Link.TokenHash, s.d.timeArg(in.Link.ExpiresAt.UTC()), tenantID, in.HouseholdID); err != nil {
				return err
			}
			m := in.Link.Mail
			m.TenantID = tenantID
			if err := s.EnqueueTx(ctx, tx, &m); err != nil {
				return err
			}
		}
		return nil
	})
}

// HostEvenings lists the evenings not yet over that the household of a
// personal link is invited to.
func (s *Store) HostEvenings(ctx context.Context, tokenHash string) ([]itinera.HostEvening, error) {
	out := []itinera.HostEvening{}
	err := s.view(ctx, func(q querier) error {
		h, err := s.householdByTokenTx(ctx, q, tokenHash)
		if err != nil {
			return err
		}
		rows, err := q.QueryContext(ctx, s.q(`SELECT e.id, p.title, p.time_zone, e.starts_at, e.ends_at, e.note, e.status, x.status,
			x.answer, x.answer_note FROM hospitality_invitations x JOIN hospitality_evenings e ON e.id = x.evening_id
			JOIN programs p ON p.id = e.program_id AND p.tenant_id = e.tenant_id
			WHERE x.household_id = $1 AND e.tenant_id = $2 AND e.ends_at > $3 ORDER BY e.starts_at, e.id`),
			h.ID, h.TenantID, s.d.timeArg(s.now().UTC()))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var x itinera.HostEvening
			var est, st, answer string
			if err := rows.Scan(&x.EveningID, &x.ProgramTitle, &x.TimeZone, dbTime{&x.Start}, dbTime{&x.End}, &x.Note, &est, &st,
				&answer, &x.AnswerNote); err != nil {
				return err
			}
			x.Confirmed = itinera.EveningStatus(est) == itinera.EveningConfirmed
			x.Status, x.Answer = itinera.InvitationStatus(st), itinera.InvitationAnswer(answer)
			out = append(out, x)
		}
		return rows.Err()
	})
	return out, err
}

// AnswerInvitationByToken records a host's answer for one evening it is
// invited to and that is not over: no makes the household unavailable for
// it (the matching leaves it out), yes available again.
func (s *Store) AnswerInvitationByToken(ctx context.Context, tokenHash string, eveningID int64, a itinera.HostAnswer) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		h, err := s.householdByTokenTx(ctx, tx, tokenHash)
		if err != nil {
			return err
		}
		if h.Status != itinera.HouseholdApproved {
			return itinera.Errorf(itinera.ECONFLICT, "This household is not on our list of hosts at the moment.")
		}
		now := s.now().UTC()
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM hospitality_invitations x JOIN hospitality_evenings e ON e.id = x.evening_id
			WHERE x.evening_id = $1 AND x.household_id = $2 AND e.tenant_id = $3`), eveningID, h.ID, h.TenantID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return notFound("invitation")
		}
		var ends time.Time
		if err := tx.QueryRowContext(ctx, s.q(`SELECT ends_at FROM hospitality_evenings WHERE id = $1`), eveningID).Scan(dbTime{&ends}); err != nil {
			return err
		}
		if !ends.After(now) {
			return itinera.Errorf(itinera.ECONFLICT, "This evening is over.")
		}
		st := itinera.InvitationInvited
		if a.Answer == itinera.AnswerNo {
			st = itinera.InvitationUnavailable
		}
		return s.execOne(ctx, tx, "invitation", `UPDATE hospitality_invitations SET status = $1, answer = $2, answer_note = $3, answered_at = $4
			WHERE evening_id = $5 AND household_id = $6`, string(st), string(a.Answer), a.Note, s.d.timeArg(now), eveningID, h.ID)
	})
}

// HouseholdMinutes totals each household's volunteer minutes over every
// confirmed evening of the tenant.
func (s *Store) HouseholdMinutes(ctx context.Context, tenantID int64) (map[int64]int, error) {
	out := map[int64]int{}
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT household_id, SUM(minutes) FROM volunteer_hours WHERE tenant_id = $1 GROUP BY household_id`), tenantID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var hid, minutes int64
			if err := rows.Scan(&hid, &minutes); err != nil {
				return err
			}
			out[hid] = int(minutes)
		}
		return rows.Err()
	})
	return out, err
}
