package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"

	"itinera"
)

// What the officer does with received mail (the unmatched list, attach,
// dismiss) and what answers change: a counter-proposal kept on a request,
// accepted or declined, and a contact's failing address.

// InboundMessage returns one of the tenant's received messages.
func (s *Store) InboundMessage(ctx context.Context, tenantID, id int64) (itinera.InboundMessage, error) {
	m, err := scanInbound(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+inboundCols+` FROM inbound_messages
		WHERE tenant_id = $1 AND id = $2`), tenantID, id))
	return m, s.d.normalize(scanOne(err, "received message"))
}

// FindInbound lists the tenant's received messages f selects, newest
// first, and counts them.
func (s *Store) FindInbound(ctx context.Context, tenantID int64, f itinera.InboundFilter) (itinera.InboundPage, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 500)
	where, args := `tenant_id = $1`, []any{tenantID}
	if f.Unmatched {
		where += ` AND matched = $2 AND dismissed = $3 AND kind IN ($4, $5)`
		args = append(args, false, false, string(itinera.InboundMail), string(itinera.InboundCalendarOther))
	}
	if f.RequestID != 0 {
		args = append(args, f.RequestID)
		where += ` AND request_id = $` + itoa(len(args))
	}
	if f.OutboxID != 0 {
		args = append(args, f.OutboxID)
		where += ` AND outbox_id = $` + itoa(len(args))
	}
	page := itinera.InboundPage{Items: []itinera.InboundMessage{}}
	err := s.view(ctx, func(q querier) error {
		if err := q.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM inbound_messages WHERE `+where), args...).Scan(&page.Total); err != nil {
			return err
		}
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+inboundCols+` FROM inbound_messages WHERE `+where+`
			ORDER BY received_at DESC, id DESC LIMIT $`+itoa(len(args)+1)+` OFFSET $`+itoa(len(args)+2)), append(args, limit, max(f.Offset, 0))...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			m, err := scanInbound(rows)
			if err != nil {
				return err
			}
			page.Items = append(page.Items, m)
		}
		return rows.Err()
	})
	return page, err
}

// DismissInbound puts a received message aside.
func (s *Store) DismissInbound(ctx context.Context, tenantID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.execOne(ctx, tx, "received message", `UPDATE inbound_messages SET dismissed = $1 WHERE tenant_id = $2 AND id = $3`,
			true, tenantID, id); err != nil {
			return err
		}
		return s.bumpAlerts(ctx, tx, tenantID)
	})
}

// AttachInbound ties a received message to one of the tenant's requests.
func (s *Store) AttachInbound(ctx context.Context, tenantID, id, requestID int64, outcome string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := s.requestTx(ctx, tx, tenantID, requestID); err != nil {
			return err
		}
		if err := s.execOne(ctx, tx, "received message", `UPDATE inbound_messages SET request_id = $1, matched = $2, outcome = $3
			WHERE tenant_id = $4 AND id = $5`, requestID, true, outcome, tenantID, id); err != nil {
			return err
		}
		return s.bumpAlerts(ctx, tx, tenantID)
	})
}

// SetCounter keeps a counter-proposal on the tenant's request.
func (s *Store) SetCounter(ctx context.Context, tenantID, requestID int64, p itinera.CounterProposal, e itinera.RequestEvent) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.execOne(ctx, tx, "request", `UPDATE requests SET version = version + 1, counter_start = $1, counter_end = $2,
			counter_comment = $3, counter_inbound_id = $4 WHERE tenant_id = $5 AND id = $6`,
			s.d.timeArg(p.At.Start), s.d.timeArg(p.At.End), p.Comment, nullID(p.InboundID), tenantID, requestID); err != nil {
			return err
		}
		return s.addEventTx(ctx, tx, requestID, e)
	})
}

// ClearCounter drops the request's counter-proposal, with its history
// entry and the messages it causes.
func (s *Store) ClearCounter(ctx context.Context, tenantID, requestID int64, e itinera.RequestEvent, msgs []itinera.OutboxMessage) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.clearCounterTx(ctx, tx, tenantID, requestID); err != nil {
			return err
		}
		if err := s.addEventTx(ctx, tx, requestID, e); err != nil {
			return err
		}
		for i := range msgs {
			msgs[i].RequestID = requestID
			if err := s.EnqueueTx(ctx, tx, &msgs[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) clearCounterTx(ctx context.Context, tx *sql.Tx, tenantID, requestID int64) error {
	return s.execOne(ctx, tx, "request", `UPDATE requests SET version = version + 1, counter_start = NULL, counter_end = NULL,
		counter_comment = '', counter_inbound_id = NULL WHERE tenant_id = $1 AND id = $2`, tenantID, requestID)
}

// MoveConfirmed moves a confirmed request and its meeting to at.
func (s *Store) MoveConfirmed(ctx context.Context, tenantID, requestID int64, at itinera.Window, e itinera.RequestEvent, notify itinera.ConfirmNotify) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		r, err := s.requestTx(ctx, tx, tenantID, requestID)
		if err != nil {
			return err
		}
		if !r.IsConfirmed() || r.Status == itinera.RequestWithdrawn {
			return itinera.Errorf(itinera.ECONFLICT, "This meeting is no longer confirmed: nothing to move.")
		}
		if err := s.execOne(ctx, tx, "request", `UPDATE requests SET version = version + 1, confirmed_start = $1, confirmed_end = $2,
			counter_start = NULL, counter_end = NULL, counter_comment = '', counter_inbound_id = NULL
			WHERE tenant_id = $3 AND id = $4`, s.d.timeArg(at.Start), s.d.timeArg(at.End), tenantID, requestID); err != nil {
			return err
		}
		if err := s.execOne(ctx, tx, "meeting", `UPDATE meetings SET version = version + 1 WHERE tenant_id = $1 AND id = $2`,
			tenantID, r.MeetingID); err != nil {
			return err
		}
		if err := s.setWindowsTx(ctx, tx, "meeting_id", r.MeetingID, []itinera.Window{at}); err != nil {
			return err
		}
		if err := s.addEventTx(ctx, tx, requestID, e); err != nil {
			return err
		}
		// The resource's calendar replaces its entry only for a higher SEQUENCE.
		return s.tellConfirmedTx(ctx, tx, itinera.Confirmed{Request: r, At: at, Changed: true}, r.ToldSequence+1, notify)
	})
}

// MarkContactFailing records why mail to the contact's address came back.
func (s *Store) MarkContactFailing(ctx context.Context, tenantID, contactID int64, why string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.execOne(ctx, tx, "contact", `UPDATE contacts SET email_failing = $1 WHERE tenant_id = $2 AND id = $3`,
			why, tenantID, contactID)
	})
}

// ReplyKey returns the tenant's secret for its per-request reply
// addresses, made (32 random bytes, hex) on first use.
func (s *Store) ReplyKey(ctx context.Context, tenantID int64) ([]byte, error) {
	var key string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, s.q(`SELECT reply_key FROM tenants WHERE id = $1`), tenantID).Scan(&key); err != nil {
			return scanOne(err, "organization")
		}
		if key != "" {
			return nil
		}
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			return err
		}
		key = hex.EncodeToString(b)
		return s.execOne(ctx, tx, "organization", `UPDATE tenants SET reply_key = $1 WHERE id = $2 AND reply_key = ''`, key, tenantID)
	})
	if err != nil {
		return nil, s.d.normalize(err)
	}
	return hex.DecodeString(key)
}
