package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"itinera"
)

// Mailboxes: each organization's IMAP mailbox (one row per tenant that
// has one) and where reading it stands; mailbox_problems holds the
// messages not taken (yet).

var _ itinera.MailboxService = (*Store)(nil)

const mailboxCols = `tenant_id, version, host, port, security, username, folder, password <> '', uid_validity, last_uid, last_poll_at, last_error, last_error_at, idle, taken`

func scanMailbox(r interface{ Scan(...any) error }) (itinera.Mailbox, itinera.MailboxState, error) {
	var m itinera.Mailbox
	var st itinera.MailboxState
	var sec string
	var validity, last int64
	err := r.Scan(&m.TenantID, &m.Version, &m.Host, &m.Port, &sec, &m.Username, &m.Folder, &m.HasPassword,
		&validity, &last, dbTime{&st.LastPollAt}, &st.LastError, dbTime{&st.LastErrorAt}, &st.Idle, &st.Taken)
	m.Security = itinera.MailboxSecurity(sec)
	st.TenantID, st.UIDValidity, st.LastUID = m.TenantID, uint32(validity), uint32(last)
	return m, st, err
}

// Mailbox returns the tenant's mailbox settings without the password; an
// organization without one gets empty settings (Configured is false).
func (s *Store) Mailbox(ctx context.Context, tenantID int64) (itinera.Mailbox, error) {
	m, _, err := scanMailbox(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+mailboxCols+` FROM mailboxes WHERE tenant_id = $1`), tenantID))
	if errors.Is(err, sql.ErrNoRows) {
		return itinera.Mailbox{TenantID: tenantID}, nil
	}
	return m, s.d.normalize(err)
}

// MailboxState returns how reading the tenant's mailbox goes, with the
// messages not taken, the latest first.
func (s *Store) MailboxState(ctx context.Context, tenantID int64) (itinera.MailboxState, error) {
	var st itinera.MailboxState
	err := s.view(ctx, func(q querier) error {
		var err error
		_, st, err = scanMailbox(q.QueryRowContext(ctx, s.q(`SELECT `+mailboxCols+` FROM mailboxes WHERE tenant_id = $1`), tenantID))
		if errors.Is(err, sql.ErrNoRows) {
			st, err = itinera.MailboxState{TenantID: tenantID}, nil
		}
		if err != nil {
			return err
		}
		st.Problems, err = s.mailboxProblems(ctx, q, tenantID)
		return err
	})
	return st, err
}

func (s *Store) mailboxProblems(ctx context.Context, q querier, tenantID int64) ([]itinera.MailboxProblem, error) {
	rows, err := q.QueryContext(ctx, s.q(`SELECT uid_validity, uid, size, status, attempts, reason, first_at, next_attempt_at
		FROM mailbox_problems WHERE tenant_id = $1 ORDER BY CASE WHEN status = 'failing' THEN 0 ELSE 1 END, first_at DESC, id DESC LIMIT 200`), tenantID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []itinera.MailboxProblem
	for rows.Next() {
		var p itinera.MailboxProblem
		var validity, uid int64
		var status string
		if err := rows.Scan(&validity, &uid, &p.Size, &status, &p.Attempts, &p.Reason, dbTime{&p.FirstAt}, dbTime{&p.NextAttempt}); err != nil {
			return nil, err
		}
		p.UIDValidity, p.UID, p.Status = uint32(validity), uint32(uid), itinera.MailboxProblemStatus(status)
		out = append(out, p)
	}
	return out, rows.Err()
}

// SaveMailbox stores the tenant's mailbox settings. An empty Password
// keeps the stored one; an empty Host removes the settings and the
// password, and the position with them (a new mailbox starts anew).
func (s *Store) SaveMailbox(ctx context.Context, m *itinera.Mailbox) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var current int
		err := tx.QueryRowContext(ctx, s.q(`SELECT version FROM mailboxes WHERE tenant_id = $1`), m.TenantID).Scan(&current)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			current = 0
		case err != nil:
			return err
		}
		if m.Version != 0 && m.Version != current {
			return itinera.Stale("organization's mailbox", m.Version, current)
		}
		if !m.Configured() {
			_, err := tx.ExecContext(ctx, s.q(`DELETE FROM mailboxes WHERE tenant_id = $1`), m.TenantID)
			if err == nil {
				_, err = tx.ExecContext(ctx, s.q(`DELETE FROM mailbox_problems WHERE tenant_id = $1`), m.TenantID)
			}
			m.Version, m.HasPassword = 0, false
			return err
		}
		if current == 0 {
			_, err = tx.ExecContext(ctx, s.q(`INSERT INTO mailboxes (tenant_id, host, port, security, username, folder, password)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`), m.TenantID, m.Host, m.Port, string(m.Security), m.Username, m.Folder, m.Password)
		} else {
			// Another server or account is another mailbox: its UIDs start anew.
			_, err = tx.ExecContext(ctx, s.q(`UPDATE mailboxes SET version = version + 1,
				uid_validity = CASE WHEN host = $2 AND username = $5 AND folder = $6 THEN uid_validity ELSE 0 END,
				last_uid = CASE WHEN host = $2 AND username = $5 AND folder = $6 THEN last_uid ELSE 0 END,
				host = $2, port = $3, security = $4, username = $5, folder = $6,
				password = CASE WHEN $7 = '' THEN password ELSE $7 END WHERE tenant_id = $1`),
				m.TenantID, m.Host, m.Port, string(m.Security), m.Username, m.Folder, m.Password)
		}
		if err != nil {
			return err
		}
		m.Version = current + 1
		return tx.QueryRowContext(ctx, s.q(`SELECT password <> '' FROM mailboxes WHERE tenant_id = $1`), m.TenantID).Scan(&m.HasPassword)
	})
}

// MailboxAccounts lists the tenants that have a mailbox (or the one
// tenant), with their slug, password and position, in tenant order.
func (s *Store) MailboxAccounts(ctx context.Context, tenantID int64) ([]itinera.MailboxAccount, error) {
	var out []itinera.MailboxAccount
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT t.slug, m.password, `+prefixed("m.", mailboxCols)+`
			FROM mailboxes m JOIN tenants t ON t.id = m.tenant_id WHERE m.host <> '' AND ($1 = 0 OR m.tenant_id = $1)
			ORDER BY m.tenant_id`), tenantID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a itinera.MailboxAccount
			var pw string
			m, st, err := scanMailbox(scanPrefix{rows, []any{&a.Slug, &pw}})
			if err != nil {
				return err
			}
			m.Password = pw
			a.Mailbox, a.State = m, st
			out = append(out, a)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		for i := range out {
			if out[i].State.Problems, err = s.mailboxProblems(ctx, q, out[i].Mailbox.TenantID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// prefixed qualifies the columns of a list with a table alias.
func prefixed(alias, cols string) string {
	parts := strings.Split(cols, ",")
	for i, p := range parts {
		parts[i] = alias + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

// scanPrefix scans some leading columns into head, the rest through Scan.
type scanPrefix struct {
	rows *sql.Rows
	head []any
}

func (p scanPrefix) Scan(dest ...any) error { return p.rows.Scan(append(p.head, dest...)...) }

// ResetMailboxPosition starts the tenant's mailbox anew under uidValidity.
func (s *Store) ResetMailboxPosition(ctx context.Context, tenantID int64, uidValidity uint32) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.execOne(ctx, tx, "mailbox", `UPDATE mailboxes SET uid_validity = $2, last_uid = 0 WHERE tenant_id = $1`,
			tenantID, int64(uidValidity)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`DELETE FROM mailbox_problems WHERE tenant_id = $1 AND uid_validity <> $2`), tenantID, int64(uidValidity))
		return err
	})
}

// MailboxTaken records that message uid was handed to the handler.
func (s *Store) MailboxTaken(ctx context.Context, tenantID int64, uidValidity, uid uint32, isNew bool) error {
	n := 0
	if isNew {
		n = 1
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.advanceMailboxTx(ctx, tx, tenantID, uidValidity, uid, n); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`DELETE FROM mailbox_problems WHERE tenant_id = $1 AND uid_validity = $2 AND uid = $3`),
			tenantID, int64(uidValidity), int64(uid))
		return err
	})
}

// advanceMailboxTx moves the position past uid (never back) and adds
// taken; nothing when the mailbox's UIDVALIDITY is no longer uidValidity.
func (s *Store) advanceMailboxTx(ctx context.Context, tx *sql.Tx, tenantID int64, uidValidity, uid uint32, taken int) error {
	_, err := tx.ExecContext(ctx, s.q(`UPDATE mailboxes SET last_uid = CASE WHEN last_uid < $3 THEN $3 ELSE last_uid END, taken = taken + $4
		WHERE tenant_id = $1 AND uid_validity = $2`), tenantID, int64(uidValidity), int64(uid), taken)
	return err
}

// MailboxProblem records a message not taken, and moves the position past it.
func (s *Store) MailboxProblem(ctx context.Context, tenantID int64, p itinera.MailboxProblem) error {
	var next any
	if !p.NextAttempt.IsZero() {
		next = s.d.timeArg(p.NextAttempt)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.advanceMailboxTx(ctx, tx, tenantID, p.UIDValidity, p.UID, 0); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO mailbox_problems (tenant_id, uid_validity, uid, size, status, attempts, reason, first_at, next_attempt_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			ON CONFLICT (tenant_id, uid_validity, uid) DO UPDATE SET size = excluded.size, status = excluded.status,
			attempts = excluded.attempts, reason = excluded.reason, next_attempt_at = excluded.next_attempt_at`),
			tenantID, int64(p.UIDValidity), int64(p.UID), p.Size, string(p.Status), p.Attempts, p.Reason, s.d.timeArg(p.FirstAt), next)
		return err
	})
}

// RecordMailboxPoll notes a poll: when, its problem, and IDLE.
func (s *Store) RecordMailboxPoll(ctx context.Context, tenantID int64, at time.Time, problem string, idle bool) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if problem == "" {
			_, err := tx.ExecContext(ctx, s.q(`UPDATE mailboxes SET last_poll_at = $2, last_error = '', idle = $3 WHERE tenant_id = $1`),
				tenantID, s.d.timeArg(at), idle)
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`UPDATE mailboxes SET last_poll_at = $2, last_error = $3, last_error_at = $2 WHERE tenant_id = $1`),
			tenantID, s.d.timeArg(at), problem)
		return err
	})
}
