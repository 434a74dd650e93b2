package store

import (
	"context"
	"database/sql"

	"itinera"
)

// Inbound mail: one row per received message and tenant.

const inboundCols = `id, tenant_id, message_id, received_at, from_address, subject, kind, matched, outcome,
	request_id, outbox_id, body, dismissed`

// RecordInbound stores m and sets its ID; ECONFLICT for a Message-ID the
// tenant already has.
func (s *Store) RecordInbound(ctx context.Context, m *itinera.InboundMessage) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM inbound_messages WHERE tenant_id = $1 AND message_id = $2`),
			m.TenantID, m.MessageID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return itinera.Errorf(itinera.ECONFLICT, "This message was received before.")
		}
		id, err := s.insertID(ctx, tx, `INSERT INTO inbound_messages (tenant_id, message_id, received_at, from_address, subject, kind,
			matched, outcome, request_id, outbox_id, body, dismissed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
			m.TenantID, m.MessageID, s.d.timeArg(m.ReceivedAt), m.From, m.Subject, string(m.Kind), m.Matched, m.Outcome,
			nullID(m.RequestID), nullID(m.OutboxID), m.Text, m.Dismissed)
		m.ID = id
		if err != nil {
			return err
		}
		return s.bumpAlerts(ctx, tx, m.TenantID)
	})
}

// InboundByMessageID returns the tenant's message with that Message-ID.
func (s *Store) InboundByMessageID(ctx context.Context, tenantID int64, messageID string) (itinera.InboundMessage, error) {
	m, err := scanInbound(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+inboundCols+` FROM inbound_messages
		WHERE tenant_id = $1 AND message_id = $2`), tenantID, messageID))
	return m, s.d.normalize(scanOne(err, "inbound message"))
}

// InboundMessages lists the tenant's messages, newest first.
func (s *Store) InboundMessages(ctx context.Context, tenantID int64, limit int) ([]itinera.InboundMessage, error) {
	if limit <= 0 || limit > 500 {
		limit = 500
	}
	var out []itinera.InboundMessage
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+inboundCols+` FROM inbound_messages WHERE tenant_id = $1
			ORDER BY received_at DESC, id DESC LIMIT $2`), tenantID, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			m, err := scanInbound(rows)
			if err != nil {
				return err
			}
			out = append(out, m)
		}
		return rows.Err()
	})
	return out, err
}

func scanInbound(r interface{ Scan(...any) error }) (itinera.InboundMessage, error) {
	var m itinera.InboundMessage
	var kind string
	err := r.Scan(&m.ID, &m.TenantID, &m.MessageID, dbTime{&m.ReceivedAt}, &m.From, &m.Subject, &kind, &m.Matched, &m.Outcome,
		idOrZero{&m.RequestID}, idOrZero{&m.OutboxID}, &m.Text, &m.Dismissed)
	m.Kind = itinera.InboundKind(kind)
	return m, err
}

// OutboxByMessageID returns the tenant's outgoing message with that
// Message-ID.
func (s *Store) OutboxByMessageID(ctx context.Context, tenantID int64, messageID string) (itinera.OutboxMessage, error) {
	var id int64
	err := s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT id FROM outbox WHERE tenant_id = $1 AND message_id = $2`),
		tenantID, messageID).Scan(&id)
	if err != nil {
		return itinera.OutboxMessage{}, s.d.normalize(scanOne(err, "message"))
	}
	return s.OutboxMessage(ctx, tenantID, id)
}

// MarkOutboxBounced marks a message failed for good: its recipient's
// server returned it. The failure is dated now, so that the officer's
// notifications show it.
func (s *Store) MarkOutboxBounced(ctx context.Context, tenantID, id int64, why string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE outbox SET status = 'failed', last_error = $3, next_attempt_at = $4, lease_until = NULL
			WHERE tenant_id = $1 AND id = $2`), tenantID, id, why, s.d.timeArg(s.now()))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			if err == nil {
				err = s.bumpAlerts(ctx, tx, tenantID)
			}
			return err
		}
		return notFound("message")
	})
}

// AddRequestEvent adds an entry to the tenant's request's history.
func (s *Store) AddRequestEvent(ctx context.Context, tenantID, requestID int64, e itinera.RequestEvent) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := s.requestTx(ctx, tx, tenantID, requestID); err != nil {
			return err
		}
		return s.addEventTx(ctx, tx, requestID, e)
	})
}
