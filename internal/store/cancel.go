package store

import (
	"context"
	"database/sql"

	"itinera"
)

// CancelMeeting cancels a meeting: live requests are withdrawn, a confirmed
// one is closed, the meeting leaves the current itinerary (a new version),
// and the cancellations notify composes are queued in the same transaction.
func (s *Store) CancelMeeting(ctx context.Context, tenantID, meetingID int64, reason string, notify itinera.CancelNotify) error {
	m, err := s.Meeting(ctx, tenantID, meetingID)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var status string
		if err := tx.QueryRowContext(ctx, s.q(`SELECT status FROM meetings WHERE tenant_id = $1 AND id = $2`), tenantID, meetingID).Scan(&status); err != nil {
			return scanOne(err, "meeting")
		}
		if itinera.MeetingStatus(status) == itinera.MeetingCancelled {
			return itinera.Errorf(itinera.ECONFLICT, "This meeting is already cancelled.")
		}
		now := s.now().UTC()
		rows, err := tx.QueryContext(ctx, s.q(`SELECT id FROM requests WHERE tenant_id = $1 AND meeting_id = $2 ORDER BY id`), tenantID, meetingID)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		var confirmed *itinera.Request
		for _, id := range ids {
			r, err := s.requestTx(ctx, tx, tenantID, id)
			if err != nil {
				return err
			}
			switch {
			case r.IsConfirmed():
				confirmed = &r
			case r.Status == itinera.RequestWithdrawn, r.Status == itinera.RequestDeclined, r.Status == itinera.RequestExpired:
				continue
			}
			if err := s.setRequestStatusTx(ctx, tx, id, itinera.RequestWithdrawn); err != nil {
				return err
			}
			if err := s.addEventTx(ctx, tx, id, itinera.RequestEvent{At: now, Kind: itinera.EventCancelled, Detail: reason}); err != nil {
				return err
			}
		}
		if err := s.execOne(ctx, tx, "meeting", `UPDATE meetings SET version = version + 1, status = $1 WHERE tenant_id = $2 AND id = $3`,
			string(itinera.MeetingCancelled), tenantID, meetingID); err != nil {
			return err
		}
		seq, err := s.dropFromItineraryTx(ctx, tx, tenantID, m.ProgramID, meetingID)
		if err != nil {
			return err
		}
		if notify == nil || confirmed == nil {
			return nil
		}
		m.Status = itinera.MeetingCancelled
		if err := s.addEventTx(ctx, tx, confirmed.ID, itinera.RequestEvent{At: now, Kind: itinera.EventCancelled, Detail: reason}); err != nil {
			return err
		}
		msgs, err := notify(itinera.Cancelled{Meeting: m, Request: *confirmed, Sequence: seq, Reason: reason})
		if err != nil {
			return err
		}
		for i := range msgs {
			if err := s.EnqueueTx(ctx, tx, &msgs[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// dropFromItineraryTx saves a new itinerary version without the meeting
// when the current one holds it. It returns the SEQUENCE a cancellation
// carries: one more than the item's last.
func (s *Store) dropFromItineraryTx(ctx context.Context, tx *sql.Tx, tenantID, programID, meetingID int64) (int, error) {
	version, items, err := s.currentItemsTx(ctx, tx, tenantID, programID)
	if err != nil || version == 0 {
		return 1, err
	}
	kept := items[:0:0]
	seq := 0
	found := false
	for _, x := range items {
		if x.MeetingID == meetingID {
			seq, found = x.Sequence, true
			continue
		}
		kept = append(kept, x)
	}
	if !found {
		return 1, nil
	}
	it := itinera.Itinerary{TenantID: tenantID, ProgramID: programID, Note: "Meeting cancelled", Items: kept}
	_, err = s.saveItineraryTx(ctx, tx, &it) // the cancellation is the notice
	return seq + 1, err
}

// WithdrawConfirmation takes back a confirmed request (see
// itinera.RequestService).
func (s *Store) WithdrawConfirmation(ctx context.Context, tenantID, id int64, reason string, notify itinera.CancelNotify) error {
	before, err := s.Request(ctx, tenantID, id)
	if err != nil {
		return err
	}
	m, err := s.Meeting(ctx, tenantID, before.MeetingID)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		r, err := s.requestTx(ctx, tx, tenantID, id)
		if err != nil {
			return err
		}
		if !r.IsConfirmed() || r.Status == itinera.RequestWithdrawn {
			return itinera.Errorf(itinera.ECONFLICT, "This request is not confirmed; withdraw it instead.")
		}
		now := s.now().UTC()
		if err := s.setRequestStatusTx(ctx, tx, id, itinera.RequestWithdrawn); err != nil {
			return err
		}
		if err := s.addEventTx(ctx, tx, id, itinera.RequestEvent{At: now, Kind: itinera.EventUnconfirmed, Detail: reason}); err != nil {
			return err
		}
		others, err := s.liveOthersTx(ctx, tx, r.MeetingID, id)
		if err != nil {
			return err
		}
		status := itinera.MeetingCandidate
		if others > 0 {
			status = itinera.MeetingRequested
		}
		if err := s.execOne(ctx, tx, "meeting", `UPDATE meetings SET version = version + 1, status = $1 WHERE tenant_id = $2 AND id = $3`,
			string(status), tenantID, r.MeetingID); err != nil {
			return err
		}
		// The confirmation fixed the meeting's windows at its time; the
		// request's proposed times are what it may be asked for again.
		if err := s.setWindowsTx(ctx, tx, "meeting_id", r.MeetingID, r.Windows); err != nil {
			return err
		}
		if notify == nil {
			return nil
		}
		m.Status = status
		msgs, err := notify(itinera.Cancelled{Meeting: m, Request: r, Sequence: r.ToldSequence + 1, Reason: reason})
		if err != nil {
			return err
		}
		for i := range msgs {
			if err := s.EnqueueTx(ctx, tx, &msgs[i]); err != nil {
				return err
			}
		}
		return nil
	})
}
