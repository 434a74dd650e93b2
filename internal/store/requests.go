package store

import (
	"context"
	"database/sql"
	"time"

	"itinera"
)

var _ itinera.RequestService = (*Store)(nil)

// Meeting requests. Officer methods are scoped by tenant; the resource's
// methods find a request by the hash of its link's token, which is unique
// across tenants. Every change of status writes an event, in the same
// transaction, so the history is complete.

const requestCols = `r.id, r.tenant_id, r.version, r.meeting_id, r.contact_id, r.status, r.message, r.expires_at, r.sent_at, r.created_at,
	r.viewed_at, r.confirmed_start, r.confirmed_end, r.told_sequence, m.program_id, m.title, c.name, c.email, c.email_failing,
	r.counter_start, r.counter_end, r.counter_comment, r.counter_inbound_id`
const requestFrom = ` FROM requests r JOIN meetings m ON m.id = r.meeting_id JOIN contacts c ON c.id = r.contact_id`

func scanRequest(row interface{ Scan(...any) error }) (itinera.Request, error) {
	var r itinera.Request
	var status string
	var counter itinera.CounterProposal
	err := row.Scan(&r.ID, &r.TenantID, &r.Version, &r.MeetingID, &r.ContactID, &status, &r.Message, dbTime{&r.ExpiresAt}, dbTime{&r.SentAt},
		dbTime{&r.CreatedAt}, dbTime{&r.ViewedAt}, dbTime{&r.Confirmed.Start}, dbTime{&r.Confirmed.End}, &r.ToldSequence,
		&r.ProgramID, &r.MeetingTitle, &r.ContactName, &r.ContactEmail, &r.ContactEmailFailing,
		dbTime{&counter.At.Start}, dbTime{&counter.At.End}, &counter.Comment, idOrZero{&counter.InboundID})
	r.Status = itinera.RequestStatus(status)
	if !counter.At.Start.IsZero() {
		r.Counter = &counter
	}
	r.Windows, r.Events = []itinera.Window{}, []itinera.RequestEvent{}
	return r, err
}

// selectRequests loads the requests matching where (a condition on r and
// m with args) with their windows, events and answers.
func (s *Store) selectRequests(ctx context.Context, q querier, where string, args ...any) ([]itinera.Request, error) {
	rows, err := q.QueryContext(ctx, s.q(`SELECT `+requestCols+requestFrom+` WHERE `+where+` ORDER BY r.created_at DESC, r.id DESC`), args...)
	if err != nil {
		return nil, err
	}
	var out []itinera.Request
	for rows.Next() {
		r, err := scanRequest(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return out, nil
	}
	return out, s.fillRequests(ctx, q, out, where, args...)
}

func (s *Store) fillRequests(ctx context.Context, q querier, rs []itinera.Request, where string, args ...any) error {
	idx := map[int64]int{}
	for i, r := range rs {
		idx[r.ID] = i
	}
	join := ` JOIN requests r ON r.id = x.request_id JOIN meetings m ON m.id = r.meeting_id WHERE ` + where
	windows, err := s.windowsBy(ctx, q, `SELECT x.request_id, x.starts_at, x.ends_at FROM request_windows x`+join+
		` ORDER BY x.request_id, x.position`, args...)
	if err != nil {
		return err
	}
	for id, ws := range windows {
		if i, ok := idx[id]; ok {
			rs[i].Windows = ws
		}
	}
	if err := s.fillRequestEvents(ctx, q, rs, idx, join, args...); err != nil {
		return err
	}
	return s.fillRequestAnswers(ctx, q, rs, idx, join, args...)
}

func (s *Store) fillRequestEvents(ctx context.Context, q querier, rs []itinera.Request, idx map[int64]int, join string, args ...any) error {
	rows, err := q.QueryContext(ctx, s.q(`SELECT x.request_id, x.id, x.at, x.kind, x.detail FROM request_events x`+join+
		` ORDER BY x.request_id, x.at, x.id`), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var rid int64
		var e itinera.RequestEvent
		if err := rows.Scan(&rid, &e.ID, dbTime{&e.At}, &e.Kind, &e.Detail); err != nil {
			return err
		}
		if i, ok := idx[rid]; ok {
			rs[i].Events = append(rs[i].Events, e)
		}
	}
	return rows.Err()
}

func (s *Store) fillRequestAnswers(ctx context.Context, q querier, rs []itinera.Request, idx map[int64]int, join string, args ...any) error {
	rows, err := q.QueryContext(ctx, s.q(`SELECT x.request_id, x.kind, x.slot_start, x.slot_end, x.reason, x.colleague_name,
		x.colleague_email, x.colleague_note, x.partners, x.comment, x.answered_at FROM request_answers x`+join), args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var rid int64
		var kind string
		a := &itinera.RequestAnswer{}
		if err := rows.Scan(&rid, &kind, dbTime{&a.Slot.Start}, dbTime{&a.Slot.End}, &a.Reason, &a.Colleague.Name,
			&a.Colleague.Email, &a.Colleague.Note, listScanner{&a.Partners}, &a.Comment, dbTime{&a.At}); err != nil {
			rows.Close()
			return err
		}
		a.Kind = itinera.AnswerKind(kind)
		if i, ok := idx[rid]; ok {
			rs[i].Answer = a
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, s.q(`SELECT x.request_id, x.kind, x.starts_at, x.ends_at FROM request_answer_windows x`+join+
		` ORDER BY x.request_id, x.kind, x.position`), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var rid int64
		var kind string
		var w itinera.Window
		if err := rows.Scan(&rid, &kind, dbTime{&w.Start}, dbTime{&w.End}); err != nil {
			return err
		}
		i, ok := idx[rid]
		if !ok || rs[i].Answer == nil {
			continue
		}
		if kind == "available" {
			rs[i].Answer.Available = append(rs[i].Answer.Available, w)
		} else {
			rs[i].Answer.Proposed = append(rs[i].Answer.Proposed, w)
		}
	}
	return rows.Err()
}

// Requests lists a program's requests, newest first.
func (s *Store) Requests(ctx context.Context, tenantID, programID int64) ([]itinera.Request, error) {
	var out []itinera.Request
	err := s.view(ctx, func(q querier) error {
		var err error
		out, err = s.selectRequests(ctx, q, `r.tenant_id = $1 AND m.program_id = $2`, tenantID, programID)
		return err
	})
	return out, err
}

// Request returns one request of the tenant.
func (s *Store) Request(ctx context.Context, tenantID, id int64) (itinera.Request, error) {
	var r itinera.Request
	err := s.view(ctx, func(q querier) error {
		var err error
		r, err = s.requestTx(ctx, q, tenantID, id)
		return err
	})
	return r, err
}

func (s *Store) requestTx(ctx context.Context, q querier, tenantID, id int64) (itinera.Request, error) {
	rs, err := s.selectRequests(ctx, q, `r.tenant_id = $1 AND r.id = $2`, tenantID, id)
	if err != nil {
		return itinera.Request{}, err
	}
	if len(rs) == 0 {
		return itinera.Request{}, notFound("request")
	}
	return rs[0], nil
}

func (s *Store) requestByTokenTx(ctx context.Context, q querier, tokenHash string) (itinera.Request, error) {
	if tokenHash == "" {
		return itinera.Request{}, notFound("request")
	}
	rs, err := s.selectRequests(ctx, q, `r.token_hash = $1`, tokenHash)
	if err != nil {
		return itinera.Request{}, err
	}
	if len(rs) == 0 {
		return itinera.Request{}, notFound("request")
	}
	return rs[0], nil
}

// CreateRequest stores a draft request for a meeting of the tenant.
func (s *Store) CreateRequest(ctx context.Context, r *itinera.Request) error {
	r.Status = itinera.RequestDraft
	if err := r.Validate(); err != nil {
		return err
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
		now := s.now().UTC()
		r.CreatedAt = now
		id, err := s.insertID(ctx, tx, `INSERT INTO requests (tenant_id, meeting_id, contact_id, status, message, expires_at, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, r.TenantID, r.MeetingID, r.ContactID, string(r.Status), r.Message,
			optTime(s.d, r.ExpiresAt), s.d.timeArg(now))
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
		return s.addEventTx(ctx, tx, id, itinera.RequestEvent{At: now, Kind: itinera.EventCreated})
	})
}

// SendRequest sends a draft or re-sends a request with a new link; the
// e-mail is queued in the same transaction.
func (s *Store) SendRequest(ctx context.Context, tenantID, id int64, snd itinera.RequestSending) error {
	now := s.now().UTC()
	f := itinera.FieldErrors{}
	if len(snd.TokenHash) != 64 {
		f.Add("token", "A request is sent with a new link.")
	}
	if !snd.ExpiresAt.After(now) {
		f.Add("expires_at", "The link must expire in the future.")
	}
	if err := f.Err("request"); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		r, err := s.requestTx(ctx, tx, tenantID, id)
		if err != nil {
			return err
		}
		if r.Status == itinera.RequestWithdrawn {
			return itinera.Errorf(itinera.ECONFLICT, "This request was withdrawn; make a new request instead.")
		}
		status, kind := r.Status, itinera.EventResent
		if r.Status == itinera.RequestDraft || r.Status == itinera.RequestExpired {
			status = itinera.RequestSent
		}
		if r.Status == itinera.RequestDraft {
			kind = itinera.EventSent
		}
		if err := s.execOne(ctx, tx, "request", `UPDATE requests SET version = version + 1, token_hash = $1, expires_at = $2, status = $3, sent_at = $4
			WHERE tenant_id = $5 AND id = $6`, snd.TokenHash, s.d.timeArg(snd.ExpiresAt), string(status), s.d.timeArg(now),
			tenantID, id); err != nil {
			return err
		}
		if r.Status == itinera.RequestDraft {
			if err := s.setMeetingStatusTx(ctx, tx, tenantID, r.MeetingID, itinera.MeetingRequested); err != nil {
				return err
			}
		}
		m := snd.Mail
		m.TenantID, m.RequestID = tenantID, id
		if err := s.EnqueueTx(ctx, tx, &m); err != nil {
			return err
		}
		return s.addEventTx(ctx, tx, id, itinera.RequestEvent{At: now, Kind: kind, Detail: "to " + m.To})
	})
}

// WithdrawRequest ends a request that is not confirmed.
func (s *Store) WithdrawRequest(ctx context.Context, tenantID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		r, err := s.requestTx(ctx, tx, tenantID, id)
		if err != nil {
			return err
		}
		switch {
		case r.Status == itinera.RequestWithdrawn:
			return itinera.Errorf(itinera.ECONFLICT, "This request was already withdrawn.")
		case r.IsConfirmed():
			return itinera.Errorf(itinera.ECONFLICT, "This request is confirmed; change or cancel the meeting instead.")
		}
		if err := s.setRequestStatusTx(ctx, tx, id, itinera.RequestWithdrawn); err != nil {
			return err
		}
		others, err := s.liveOthersTx(ctx, tx, r.MeetingID, id)
		if err != nil {
			return err
		}
		if others == 0 {
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE meetings SET version = version + 1, status = $1 WHERE tenant_id = $2 AND id = $3 AND status IN ($4, $5)`),
				string(itinera.MeetingCandidate), tenantID, r.MeetingID, string(itinera.MeetingRequested), string(itinera.MeetingAccepted)); err != nil {
				return err
			}
		}
		return s.addEventTx(ctx, tx, id, itinera.RequestEvent{At: s.now().UTC(), Kind: itinera.EventWithdrawn})
	})
}

// ConfirmRequest fixes the meeting at one of the times the resource gave.
func (s *Store) ConfirmRequest(ctx context.Context, tenantID, id int64, at itinera.Window, notify itinera.ConfirmNotify) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		r, err := s.requestTx(ctx, tx, tenantID, id)
		if err != nil {
			return err
		}
		switch {
		case r.IsConfirmed():
			return itinera.Errorf(itinera.ECONFLICT, "This request is already confirmed.")
		case r.Status == itinera.RequestWithdrawn:
			return itinera.Errorf(itinera.ECONFLICT, "This request was withdrawn.")
		case r.Answer == nil || r.Answer.Kind == itinera.AnswerDecline:
			return itinera.Errorf(itinera.ECONFLICT, "The resource has not offered a time yet.")
		}
		ok := false
		for _, w := range r.Answer.Times() {
			ok = ok || (w.Start.Equal(at.Start) && w.End.Equal(at.End))
		}
		if !ok {
			return itinera.Errorf(itinera.EINVALID, "Confirm one of the times the resource gave.")
		}
		now := s.now().UTC()
		if err := s.execOne(ctx, tx, "request", `UPDATE requests SET version = version + 1, status = $1, confirmed_start = $2, confirmed_end = $3, confirmed_at = $4
			WHERE tenant_id = $5 AND id = $6`, string(itinera.RequestAccepted), s.d.timeArg(at.Start), s.d.timeArg(at.End),
			s.d.timeArg(now), tenantID, id); err != nil {
			return err
		}
		if err := s.execOne(ctx, tx, "meeting", `UPDATE meetings SET version = version + 1, status = $1 WHERE tenant_id = $2 AND id = $3`,
			string(itinera.MeetingConfirmed), tenantID, r.MeetingID); err != nil {
			return err
		}
		if err := s.setWindowsTx(ctx, tx, "meeting_id", r.MeetingID, []itinera.Window{at}); err != nil {
			return err
		}
		loc, err := s.requestZoneTx(ctx, tx, r.MeetingID)
		if err != nil {
			return err
		}
		if err := s.addEventTx(ctx, tx, id, itinera.RequestEvent{At: now, Kind: itinera.EventConfirmed, Detail: at.Label(loc)}); err != nil {
			return err
		}
		return s.tellConfirmedTx(ctx, tx, itinera.Confirmed{Request: r, At: at}, 0, notify)
	})
}

// tellConfirmedTx places a confirmed request's meeting at c.At in the
// current itinerary, records the SEQUENCE its resource is told (at least
// minSequence) and queues notify's messages, tied to the request.
func (s *Store) tellConfirmedTx(ctx context.Context, tx *sql.Tx, c itinera.Confirmed, minSequence int, notify itinera.ConfirmNotify) error {
	r := c.Request
	var err error
	if c.Sequence, c.InItinerary, err = s.placeConfirmedTx(ctx, tx, r.TenantID, r.MeetingID, c.At); err != nil {
		return err
	}
	c.Sequence = max(c.Sequence, minSequence)
	if err := s.setToldTx(ctx, tx, r.TenantID, r.ID, c.Sequence); err != nil {
		return err
	}
	if notify == nil {
		return nil
	}
	msgs, err := notify(c)
	if err != nil {
		return err
	}
	for i := range msgs {
		msgs[i].RequestID = r.ID
		if err := s.EnqueueTx(ctx, tx, &msgs[i]); err != nil {
			return err
		}
	}
	return nil
}

// placeConfirmedTx moves a confirmed meeting to its time in the current
// itinerary, as a new version, when it is there and the time is free. It
// returns the meeting's SEQUENCE after the change: the itinerary item's,
// or one more than it when the itinerary could not follow.
func (s *Store) placeConfirmedTx(ctx context.Context, tx *sql.Tx, tenantID, meetingID int64, at itinera.Window) (int, bool, error) {
	var programID int64
	if err := tx.QueryRowContext(ctx, s.q(`SELECT program_id FROM meetings WHERE tenant_id = $1 AND id = $2`), tenantID, meetingID).Scan(&programID); err != nil {
		return 0, false, err
	}
	version, items, err := s.currentItemsTx(ctx, tx, tenantID, programID)
	if err != nil || version == 0 {
		return 0, false, err
	}
	moved, idx, what := itinera.PlaceConfirmed(items, meetingID, at)
	switch what {
	case itinera.PlacementAbsent:
		return 0, false, nil
	case itinera.PlacementSame:
		return items[idx].Sequence, true, nil
	case itinera.PlacementClash:
		return items[idx].Sequence + 1, false, nil // overlaps: the officer rebuilds the itinerary
	}
	it := itinera.Itinerary{TenantID: tenantID, ProgramID: programID, Note: "Meeting confirmed at the time the resource gave", Items: moved}
	if _, err := s.saveItineraryTx(ctx, tx, &it); err != nil { // the confirmation is the notice
		return 0, false, err
	}
	return it.Items[idx].Sequence, true, nil
}

// RequestByToken returns the request of a link, recording the first view
// and the expiry of an unanswered request.
func (s *Store) RequestByToken(ctx context.Context, tokenHash string) (itinera.Request, error) {
	var r itinera.Request
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if r, err = s.requestByTokenTx(ctx, tx, tokenHash); err != nil {
			return err
		}
		now := s.now().UTC()
		changed := false
		switch {
		case (r.Status == itinera.RequestSent || r.Status == itinera.RequestViewed) && !r.LinkWorks(now):
			if err := s.setRequestStatusTx(ctx, tx, r.ID, itinera.RequestExpired); err != nil {
				return err
			}
			if err := s.addEventTx(ctx, tx, r.ID, itinera.RequestEvent{At: now, Kind: itinera.EventExpired}); err != nil {
				return err
			}
			changed = true
		case r.Status == itinera.RequestSent && r.LinkWorks(now):
			// The first open of this link (a re-sent link is opened anew).
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE requests SET version = version + 1, viewed_at = COALESCE(viewed_at, $1), status = $2 WHERE id = $3`),
				s.d.timeArg(now), string(itinera.RequestViewed), r.ID); err != nil {
				return err
			}
			if err := s.addEventTx(ctx, tx, r.ID, itinera.RequestEvent{At: now, Kind: itinera.EventViewed}); err != nil {
				return err
			}
			changed = true
		}
		if changed {
			r, err = s.requestByTokenTx(ctx, tx, tokenHash)
		}
		return err
	})
	return r, err
}

// AnswerRequest stores or replaces the resource's answer.
func (s *Store) AnswerRequest(ctx context.Context, tokenHash string, a itinera.RequestAnswer) (itinera.Request, error) {
	var r itinera.Request
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if r, err = s.requestByTokenTx(ctx, tx, tokenHash); err != nil {
			return err
		}
		now := s.now().UTC()
		switch {
		case r.IsConfirmed():
			return itinera.Errorf(itinera.ECONFLICT, "The meeting is already confirmed. To change it, please reply to the program officer's e-mail.")
		case !r.LinkWorks(now):
			return itinera.Errorf(itinera.ECONFLICT, "This request is no longer open for answers.")
		}
		if err := a.Validate(r.Windows); err != nil {
			return err
		}
		a.At = now
		if err := s.writeAnswerTx(ctx, tx, r.ID, &a); err != nil {
			return err
		}
		if err := s.setRequestStatusTx(ctx, tx, r.ID, a.Status()); err != nil {
			return err
		}
		if err := s.answerMeetingTx(ctx, tx, r, a.Kind); err != nil {
			return err
		}
		loc, err := s.requestZoneTx(ctx, tx, r.MeetingID)
		if err != nil {
			return err
		}
		for _, e := range a.Events(func(w itinera.Window) string { return w.Label(loc) }) {
			if err := s.addEventTx(ctx, tx, r.ID, e); err != nil {
				return err
			}
		}
		r, err = s.requestByTokenTx(ctx, tx, tokenHash)
		return err
	})
	return r, err
}

func (s *Store) writeAnswerTx(ctx context.Context, tx *sql.Tx, id int64, a *itinera.RequestAnswer) error {
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM request_answer_windows WHERE request_id = $1`), id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM request_answers WHERE request_id = $1`), id); err != nil {
		return err
	}
	var slotStart, slotEnd any
	if a.Kind == itinera.AnswerAccept {
		slotStart, slotEnd = s.d.timeArg(a.Slot.Start), s.d.timeArg(a.Slot.End)
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO request_answers (request_id, kind, slot_start, slot_end, reason, colleague_name,
		colleague_email, colleague_note, partners, comment, answered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`),
		id, string(a.Kind), slotStart, slotEnd, a.Reason, a.Colleague.Name, a.Colleague.Email, a.Colleague.Note,
		jsonList(a.Partners), a.Comment, s.d.timeArg(a.At)); err != nil {
		return err
	}
	kind, ws := "", []itinera.Window(nil)
	switch a.Kind {
	case itinera.AnswerAvailable:
		kind, ws = "available", a.Available
	case itinera.AnswerCounter:
		kind, ws = "proposed", a.Proposed
	}
	for i, w := range ws {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO request_answer_windows (request_id, kind, position, starts_at, ends_at)
			VALUES ($1, $2, $3, $4, $5)`), id, kind, i, s.d.timeArg(w.Start), s.d.timeArg(w.End)); err != nil {
			return err
		}
	}
	return nil
}

// answerMeetingTx moves the meeting along with the answer: a yes makes it
// accepted, other times keep it requested, a decline makes it declined
// unless another request for it is still live.
func (s *Store) answerMeetingTx(ctx context.Context, tx *sql.Tx, r itinera.Request, kind itinera.AnswerKind) error {
	switch kind {
	case itinera.AnswerAccept, itinera.AnswerAvailable:
		return s.setMeetingStatusTx(ctx, tx, r.TenantID, r.MeetingID, itinera.MeetingAccepted)
	case itinera.AnswerCounter:
		return s.setMeetingStatusTx(ctx, tx, r.TenantID, r.MeetingID, itinera.MeetingRequested)
	}
	others, err := s.liveOthersTx(ctx, tx, r.MeetingID, r.ID)
	if err != nil || others > 0 {
		return err
	}
	return s.setMeetingStatusTx(ctx, tx, r.TenantID, r.MeetingID, itinera.MeetingDeclined)
}

// setMeetingStatusTx changes a meeting's status unless it was cancelled.
func (s *Store) setMeetingStatusTx(ctx context.Context, tx *sql.Tx, tenantID, meetingID int64, st itinera.MeetingStatus) error {
	_, err := tx.ExecContext(ctx, s.q(`UPDATE meetings SET version = version + 1, status = $1 WHERE tenant_id = $2 AND id = $3 AND status <> $4`),
		string(st), tenantID, meetingID, string(itinera.MeetingCancelled))
	return err
}

func (s *Store) setRequestStatusTx(ctx context.Context, tx *sql.Tx, id int64, st itinera.RequestStatus) error {
	_, err := tx.ExecContext(ctx, s.q(`UPDATE requests SET version = version + 1, status = $1 WHERE id = $2`), string(st), id)
	return err
}

// liveOthersTx counts the live requests for a meeting other than except.
func (s *Store) liveOthersTx(ctx context.Context, tx *sql.Tx, meetingID, except int64) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM requests WHERE meeting_id = $1 AND id <> $2 AND status IN ($3, $4, $5, $6)`),
		meetingID, except, string(itinera.RequestSent), string(itinera.RequestViewed), string(itinera.RequestAccepted),
		string(itinera.RequestCountered)).Scan(&n)
	return n, err
}

func (s *Store) addEventTx(ctx context.Context, tx *sql.Tx, requestID int64, e itinera.RequestEvent) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO request_events (request_id, at, kind, detail) VALUES ($1, $2, $3, $4)`),
		requestID, s.d.timeArg(e.At), e.Kind, e.Detail)
	return err
}

// requestZoneTx returns the time zone of the meeting's program, for the
// times written into the history.
func (s *Store) requestZoneTx(ctx context.Context, tx *sql.Tx, meetingID int64) (*time.Location, error) {
	var zone string
	err := tx.QueryRowContext(ctx, s.q(`SELECT p.time_zone FROM meetings m JOIN programs p ON p.id = m.program_id WHERE m.id = $1`),
		meetingID).Scan(&zone)
	if err != nil {
		return nil, scanOne(err, "meeting")
	}
	loc, err := itinera.LoadZone(zone)
	if err != nil {
		return time.UTC, nil
	}
	return loc, nil
}

// optTime maps the zero time to NULL.
func optTime(d dialect, t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return d.timeArg(t)
}

// DeclineRequest records a decline the resource gave by other means than
// their link.
func (s *Store) DeclineRequest(ctx context.Context, tenantID, id int64, reason string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		r, err := s.requestTx(ctx, tx, tenantID, id)
		if err != nil {
			return err
		}
		switch {
		case r.IsConfirmed():
			return itinera.Errorf(itinera.ECONFLICT, "This request is confirmed; cancel the meeting instead.")
		case r.Status == itinera.RequestWithdrawn:
			return itinera.Errorf(itinera.ECONFLICT, "This request was withdrawn.")
		case r.Status == itinera.RequestDraft:
			return itinera.Errorf(itinera.ECONFLICT, "This request was never sent; withdraw or delete it instead.")
		case r.Status == itinera.RequestDeclined:
			return itinera.Errorf(itinera.ECONFLICT, "This request is already declined.")
		}
		a := itinera.RequestAnswer{Kind: itinera.AnswerDecline, Reason: reason, At: s.now().UTC()}
		if err := s.writeAnswerTx(ctx, tx, r.ID, &a); err != nil {
			return err
		}
		if err := s.setRequestStatusTx(ctx, tx, r.ID, itinera.RequestDeclined); err != nil {
			return err
		}
		if err := s.answerMeetingTx(ctx, tx, r, itinera.AnswerDecline); err != nil {
			return err
		}
		detail := "recorded by the program officer"
		if reason != "" {
			detail += ": " + reason
		}
		return s.addEventTx(ctx, tx, r.ID, itinera.RequestEvent{At: a.At, Kind: itinera.EventDeclined, Detail: detail})
	})
}

// SetToldSequence records that the request's resource was sent the
// meeting's invitation with that SEQUENCE.
func (s *Store) SetToldSequence(ctx context.Context, tenantID, requestID int64, sequence int) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return s.setToldTx(ctx, tx, tenantID, requestID, sequence) })
}

func (s *Store) setToldTx(ctx context.Context, tx *sql.Tx, tenantID, requestID int64, sequence int) error {
	return s.execOne(ctx, tx, "request", `UPDATE requests SET told_sequence = $1 WHERE tenant_id = $2 AND id = $3`,
		sequence, tenantID, requestID)
}
