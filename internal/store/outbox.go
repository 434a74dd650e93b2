package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base32"
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"itinera"
)

var _ itinera.OutboxService = (*Store)(nil)

// The outbox is durable outgoing e-mail. Other store methods call EnqueueTx
// inside their own transaction, so a message exists exactly when the change
// that caused it was committed. A worker then claims due messages with a
// lease, sends them and records the outcome; a claim whose lease passes
// (the worker died) makes the message due again, with the same Message-ID.

const outboxCols = `id, tenant_id, message_id, to_address, subject, text_body, html_body, calendar, calendar_method,
	status, attempts, next_attempt_at, created_at, sent_at, last_error, request_id, reply_to`

func scanOutbox(row interface{ Scan(...any) error }) (itinera.OutboxMessage, error) {
	var m itinera.OutboxMessage
	var status string
	err := row.Scan(&m.ID, &m.TenantID, &m.MessageID, &m.To, &m.Subject, &m.TextBody, &m.HTMLBody, &m.Calendar, &m.CalendarMethod,
		&status, &m.Attempts, dbTime{&m.NextAttemptAt}, dbTime{&m.CreatedAt}, dbTime{&m.SentAt}, &m.LastError, idOrZero{&m.RequestID}, &m.ReplyTo)
	m.Status = itinera.OutboxStatus(status)
	return m, err
}

// Enqueue queues one message in a transaction of its own.
func (s *Store) Enqueue(ctx context.Context, m *itinera.OutboxMessage) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return s.EnqueueTx(ctx, tx, m) })
}

// EnqueueTx queues m inside tx, the transaction of the change that causes
// the message. It assigns m's ID, status and, unless the caller set one, a
// new Message-ID. A zero NextAttemptAt means "now"; a later one schedules it.
func (s *Store) EnqueueTx(ctx context.Context, tx *sql.Tx, m *itinera.OutboxMessage) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if m.MessageID == "" {
		host, err := s.messageIDHostTx(ctx, tx, m.TenantID)
		if err != nil {
			return err
		}
		m.MessageID = NewMessageID(host)
	} else if !validMessageID(m.MessageID) {
		return itinera.FieldErrors{"message_id": "Use the form <random@host>."}.Err("message")
	}
	m.Status = itinera.OutboxQueued
	m.Attempts = 0
	m.CreatedAt = s.now().UTC()
	if m.NextAttemptAt.IsZero() {
		m.NextAttemptAt = m.CreatedAt
	}
	m.SentAt, m.LastError = time.Time{}, ""
	id, err := s.insertID(ctx, tx, `INSERT INTO outbox (tenant_id, message_id, to_address, subject, text_body, html_body, calendar, calendar_method,
		status, attempts, next_attempt_at, created_at, request_id, reply_to) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $11, $12, $13) RETURNING id`,
		m.TenantID, m.MessageID, m.To, m.Subject, m.TextBody, m.HTMLBody, m.Calendar, m.CalendarMethod,
		string(m.Status), s.d.timeArg(m.NextAttemptAt), s.d.timeArg(m.CreatedAt), nullID(m.RequestID), m.ReplyTo)
	if err != nil {
		return err
	}
	m.ID = id
	if err := s.indexMessageTx(ctx, tx, m); err != nil {
		return err
	}
	for i, a := range m.Attachments {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO outbox_attachments (outbox_id, position, name, content_type, data)
			VALUES ($1, $2, $3, $4, $5)`), id, i, a.Name, a.ContentType, a.Data); err != nil {
			return err
		}
		m.Attachments[i].Size = len(a.Data)
	}
	return nil
}

// attachments reads the files of the messages, by message id: their data
// too when withData, else their names, types and sizes.
func (s *Store) attachments(ctx context.Context, q querier, ids []int64, withData bool) (map[int64][]itinera.OutboxAttachment, error) {
	out := map[int64][]itinera.OutboxAttachment{}
	if len(ids) == 0 {
		return out, nil
	}
	data := "NULL"
	if withData {
		data = "data"
	}
	args := make([]any, len(ids))
	marks := make([]string, len(ids))
	for i, id := range ids {
		args[i], marks[i] = id, "$"+strconv.Itoa(i+1)
	}
	rows, err := q.QueryContext(ctx, s.q(`SELECT outbox_id, name, content_type, `+data+`, LENGTH(data) FROM outbox_attachments
		WHERE outbox_id IN (`+strings.Join(marks, ", ")+`) ORDER BY outbox_id, position`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var a itinera.OutboxAttachment
		if err := rows.Scan(&id, &a.Name, &a.ContentType, &a.Data, &a.Size); err != nil {
			return nil, err
		}
		out[id] = append(out[id], a)
	}
	return out, rows.Err()
}

// messageIDHostTx is the right-hand side of new Message-IDs: the domain of
// the tenant's sending address, else this machine's name.
func (s *Store) messageIDHostTx(ctx context.Context, tx *sql.Tx, tenantID int64) (string, error) {
	var addr string
	err := tx.QueryRowContext(ctx, s.q(`SELECT mail_from_address FROM tenants WHERE id = $1`), tenantID).Scan(&addr)
	if err != nil {
		return "", scanOne(err, "organization")
	}
	if i := strings.LastIndexByte(addr, '@'); i >= 0 && i+1 < len(addr) {
		return addr[i+1:], nil
	}
	if h, err := os.Hostname(); err == nil && validMessageID("<x@"+h+">") {
		return h, nil
	}
	return "itinera.localhost", nil
}

// NewMessageID returns "<random@host>" with 130 random bits.
func NewMessageID(host string) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // never fails on supported platforms
	return "<" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)) + "@" + host + ">"
}

// validMessageID accepts "<left@right>" of printable ASCII without spaces,
// brackets or a second '@'.
func validMessageID(id string) bool {
	if len(id) < 5 || len(id) > 250 || id[0] != '<' || id[len(id)-1] != '>' {
		return false
	}
	left, right, ok := strings.Cut(id[1:len(id)-1], "@")
	if !ok || left == "" || right == "" {
		return false
	}
	for _, c := range left + right {
		if c <= ' ' || c > '~' || strings.ContainsRune("<>@()[]\\,;:\"", c) {
			return false
		}
	}
	return true
}

// dueCond selects messages a worker may claim at $1: queued and due, or
// claimed by a worker whose lease has passed.
const dueCond = `((status = 'queued' AND next_attempt_at <= $1) OR (status = 'sending' AND lease_until <= $1))`

// ClaimDue marks up to limit due messages as sending, leased until
// now+lease, counts the attempt and returns them, oldest due first.
//
// The condition is checked twice on purpose: on PostgreSQL a concurrent
// claimer blocks on the row lock and then re-checks the outer condition on
// the new row version, which no longer matches, so no message is claimed
// twice without FOR UPDATE SKIP LOCKED; SQLite has one writer anyway.
func (s *Store) ClaimDue(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]itinera.OutboxMessage, error) {
	if limit <= 0 {
		limit = 1
	}
	var out []itinera.OutboxMessage
	err := s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, s.q(`UPDATE outbox SET status = 'sending', attempts = attempts + 1, lease_until = $2
			WHERE id IN (SELECT id FROM outbox WHERE `+dueCond+` ORDER BY next_attempt_at, id LIMIT $3) AND `+dueCond+`
			RETURNING `+outboxCols), s.d.timeArg(now), s.d.timeArg(now.Add(lease)), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			m, err := scanOutbox(rows)
			if err != nil {
				return err
			}
			out = append(out, m)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		ids := make([]int64, len(out))
		for i, m := range out {
			ids[i] = m.ID
		}
		files, err := s.attachments(ctx, tx, ids, true)
		if err != nil {
			return err
		}
		for i := range out {
			out[i].Attachments = files[out[i].ID]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].NextAttemptAt.Equal(out[j].NextAttemptAt) {
			return out[i].NextAttemptAt.Before(out[j].NextAttemptAt)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// MarkSent records that message id was delivered at now.
func (s *Store) MarkSent(ctx context.Context, id int64, now time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.execOne(ctx, tx, "message", `UPDATE outbox SET status = 'sent', sent_at = $2, lease_until = NULL WHERE id = $1`,
			id, s.d.timeArg(now))
	})
}

// MarkFailed records a failed attempt of a message being sent: it is queued
// again for f.NextAttempt, or failed for good when f.Permanent. A message
// that is no longer being sent (another worker finished it) is a conflict.
func (s *Store) MarkFailed(ctx context.Context, id int64, f itinera.OutboxFailure) error {
	status, next := itinera.OutboxQueued, f.NextAttempt
	if f.Permanent {
		status = itinera.OutboxFailed
	}
	if next.Before(f.At) {
		next = f.At
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE outbox SET status = $2, next_attempt_at = $3, last_error = $4, lease_until = NULL
			WHERE id = $1 AND status = 'sending'`), id, string(status), s.d.timeArg(next), f.Reason)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			if err == nil && f.Permanent {
				err = s.bumpAlertsOfMessage(ctx, tx, id) // the bell shows it at once
			}
			return err
		}
		return itinera.Errorf(itinera.ECONFLICT, "That message is not being sent any more.")
	})
}

// defaultOutboxPage is the page size when the filter names none.
const defaultOutboxPage = 50

// OutboxMessages lists the tenant's messages, newest first.
func (s *Store) OutboxMessages(ctx context.Context, tenantID int64, f itinera.OutboxFilter) ([]itinera.OutboxMessage, error) {
	if _, err := itinera.ParseOutboxStatus(string(f.Status)); err != nil {
		return nil, err
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = defaultOutboxPage
	}
	offset := max(f.Offset, 0)
	var out []itinera.OutboxMessage
	err := s.view(ctx, func(q querier) error {
		// Each text is planned on its index (outbox_tenant_created,
		// outbox_tenant_status). A keyset page starts at the message named,
		// read in the same tenant: an unknown id makes an empty page.
		where, args := `tenant_id = $1`, []any{tenantID}
		if f.Status != "" {
			where += ` AND status = $2`
			args = append(args, string(f.Status))
		}
		order := `created_at DESC, id DESC`
		key := func(id int64, cmp string) {
			n := len(args)
			at := fmt.Sprintf(`(SELECT created_at FROM outbox WHERE tenant_id = $1 AND id = $%d)`, n+1)
			where += fmt.Sprintf(` AND created_at %s= %s AND (created_at %s %s OR id %s $%d)`, cmp, at, cmp, at, cmp, n+1)
			args = append(args, id)
		}
		switch {
		case f.After > 0:
			key(f.After, "<")
			offset = 0
		case f.Before > 0:
			key(f.Before, ">")
			order, offset = `created_at ASC, id ASC`, 0
		}
		n := len(args)
		query := fmt.Sprintf(`SELECT `+outboxCols+` FROM outbox WHERE %s ORDER BY %s LIMIT $%d OFFSET $%d`, where, order, n+1, n+2)
		rows, err := q.QueryContext(ctx, s.q(query), append(args, limit, offset)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			m, err := scanOutbox(rows)
			if err != nil {
				return err
			}
			out = append(out, m)
		}
		return rows.Err()
	})
	if f.Before > 0 && f.After <= 0 {
		slices.Reverse(out)
	}
	return out, err
}

// OutboxMessage returns one message of the tenant.
func (s *Store) OutboxMessage(ctx context.Context, tenantID, id int64) (itinera.OutboxMessage, error) {
	m, err := scanOutbox(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+outboxCols+` FROM outbox WHERE tenant_id = $1 AND id = $2`), tenantID, id))
	if err != nil {
		return m, s.d.normalize(scanOne(err, "message"))
	}
	files, err := s.attachments(ctx, s.reader(ctx), []int64{m.ID}, true)
	m.Attachments = files[m.ID]
	return m, err
}

// OutboxCounts counts the tenant's messages by status, each up to
// itinera.OutboxCountLimit+1 (index outbox_tenant_status: at most that
// many entries read per status, however large the outbox); absent
// statuses are 0.
func (s *Store) OutboxCounts(ctx context.Context, tenantID int64) (map[itinera.OutboxStatus]int, error) {
	out := map[itinera.OutboxStatus]int{}
	err := s.view(ctx, func(q querier) error {
		for _, st := range []itinera.OutboxStatus{itinera.OutboxQueued, itinera.OutboxSending, itinera.OutboxSent, itinera.OutboxFailed} {
			var n int
			if err := q.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM (SELECT 1 FROM outbox WHERE tenant_id = $1 AND status = $2 LIMIT $3) c`),
				tenantID, string(st), itinera.OutboxCountLimit+1).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				out[st] = n
			}
		}
		return nil
	})
	return out, err
}

// RetryOutboxMessage queues a failed message again, due now, with its
// attempts counted afresh. Its Message-ID stays the same.
func (s *Store) RetryOutboxMessage(ctx context.Context, tenantID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = $3, lease_until = NULL
			WHERE tenant_id = $1 AND id = $2 AND status = 'failed'`), tenantID, id, s.d.timeArg(s.now()))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			if err == nil {
				err = s.bumpAlerts(ctx, tx, tenantID) // it leaves the bell
			}
			return err
		}
		var status string
		err = tx.QueryRowContext(ctx, s.q(`SELECT status FROM outbox WHERE tenant_id = $1 AND id = $2`), tenantID, id).Scan(&status)
		if err != nil {
			return scanOne(err, "message")
		}
		return itinera.Errorf(itinera.ECONFLICT, "Only a message that failed can be sent again; this one is %s.", status)
	})
}

// TenantMailFrom returns the sender shown on the tenant's messages: its
// configured name (else the organization's name) and address ("" when the
// installation's address is to be used).
func (s *Store) TenantMailFrom(ctx context.Context, tenantID int64) (name, address string, err error) {
	var orgName string
	err = s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT name, mail_from_name, mail_from_address FROM tenants WHERE id = $1`), tenantID).
		Scan(&orgName, &name, &address)
	if err != nil {
		return "", "", s.d.normalize(scanOne(err, "organization"))
	}
	if name == "" {
		name = orgName
	}
	return name, address, nil
}

// SetTenantMailFrom sets the sender of the tenant's messages; empty values
// fall back to the organization's name and the installation's address.
func (s *Store) SetTenantMailFrom(ctx context.Context, tenantID int64, name, address string) error {
	name = strings.TrimSpace(name)
	f := itinera.FieldErrors{}
	if strings.ContainsAny(name, "\r\n") {
		f.Add("mail_from_name", "The name must be one line.")
	}
	if strings.TrimSpace(address) != "" {
		a, err := itinera.NormalizeEmail(address)
		if err != nil {
			f.Add("mail_from_address", itinera.ErrorMessage(err))
		}
		address = a
	} else {
		address = ""
	}
	if err := f.Err("sender"); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.execOne(ctx, tx, "organization", `UPDATE tenants SET version = version + 1, mail_from_name = $2, mail_from_address = $3 WHERE id = $1`,
			tenantID, name, address)
	})
}
