package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"itinera"
)

var _ itinera.AccountService = (*Store)(nil)

// CreateTenant stores a new tenant.
func (s *Store) CreateTenant(ctx context.Context, t *itinera.Tenant) error {
	if err := t.Validate(); err != nil {
		return err
	}
	t.CreatedAt = s.now().UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		id, err := s.insertID(ctx, tx, `INSERT INTO tenants (slug, name, time_zone, created_at, kind) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			t.Slug, t.Name, t.TimeZone, s.d.timeArg(t.CreatedAt), string(t.Kind))
		t.ID = id
		return err
	})
}

const tenantCols = `id, slug, name, time_zone, created_at, kind`

func scanTenant(row interface{ Scan(...any) error }) (itinera.Tenant, error) {
	var t itinera.Tenant
	var kind string
	err := row.Scan(&t.ID, &t.Slug, &t.Name, &t.TimeZone, dbTime{&t.CreatedAt}, &kind)
	t.Kind = itinera.TenantKind(kind)
	return t, err
}

// TenantBySlug returns the tenant with the given slug.
func (s *Store) TenantBySlug(ctx context.Context, slug string) (itinera.Tenant, error) {
	if !itinera.ValidSlug(slug) {
		// Such as a NUL in a public sign-up address: no tenant has it.
		return itinera.Tenant{}, notFound("organization")
	}
	t, err := scanTenant(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+tenantCols+` FROM tenants WHERE slug = $1`), slug))
	return t, s.d.normalize(scanOne(err, "organization"))
}

// Tenant returns the tenant with the given id.
func (s *Store) Tenant(ctx context.Context, id int64) (itinera.Tenant, error) {
	t, err := scanTenant(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+tenantCols+` FROM tenants WHERE id = $1`), id))
	return t, s.d.normalize(scanOne(err, "organization"))
}

// CreateUser stores a user with an already hashed password.
func (s *Store) CreateUser(ctx context.Context, u *itinera.User, passwordHash string) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if passwordHash == "" {
		return errors.New("store: CreateUser without a password hash")
	}
	u.CreatedAt = s.now().UTC()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		id, err := s.insertID(ctx, tx, `INSERT INTO users (tenant_id, email, name, role, password_hash, created_at, must_change_password)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			u.TenantID, u.Email, u.Name, string(u.Role), passwordHash, s.d.timeArg(u.CreatedAt), u.MustChangePassword)
		u.ID = id
		return err
	})
	if itinera.ErrorCode(err) == itinera.ECONFLICT {
		return &itinera.Error{Code: itinera.ECONFLICT, Message: "A user with that e-mail address already exists.",
			Fields: map[string]string{"email": "This e-mail address is already in use."}}
	}
	return err
}

// SetPassword replaces a user's password hash with one of their own
// choosing and ends their sessions.
func (s *Store) SetPassword(ctx context.Context, userID int64, passwordHash string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.setPasswordTx(ctx, tx, `UPDATE users SET version = version + 1, password_hash = $1, must_change_password = FALSE WHERE id = $2`,
			userID, passwordHash, userID)
	})
}

// ResetPassword replaces the password of the tenant's user with one made
// for them, which they must change at their next sign-in, and ends their
// sessions.
func (s *Store) ResetPassword(ctx context.Context, tenantID, userID int64, passwordHash string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.setPasswordTx(ctx, tx, `UPDATE users SET version = version + 1, password_hash = $1, must_change_password = TRUE WHERE id = $2 AND tenant_id = $3`,
			userID, passwordHash, userID, tenantID)
	})
}

func (s *Store) setPasswordTx(ctx context.Context, tx *sql.Tx, update string, userID int64, args ...any) error {
	if args[0] == "" {
		return errors.New("store: a password without a hash")
	}
	if err := s.execOne(ctx, tx, "user", update, args...); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE user_id = $1`), userID)
	return err
}

const userCols = `u.id, u.tenant_id, u.version, u.email, u.name, u.role, u.created_at, u.must_change_password,
	u.signed_in_at, u.last_signed_in_at, u.alerts_seen_at, u.daily_digest`

func scanUser(row interface{ Scan(...any) error }, extra ...any) (itinera.User, error) {
	var u itinera.User
	var role string
	err := row.Scan(append([]any{&u.ID, &u.TenantID, &u.Version, &u.Email, &u.Name, &role, dbTime{&u.CreatedAt}, &u.MustChangePassword,
		dbTime{&u.SignedInAt}, dbTime{&u.LastSignedInAt}, dbTime{&u.AlertsSeenAt}, &u.DailyDigest}, extra...)...)
	u.Role = itinera.Role(role)
	return u, err
}

// UserByEmail returns the user with that e-mail and their password hash.
func (s *Store) UserByEmail(ctx context.Context, email string) (itinera.User, string, error) {
	var hash string
	e, err := itinera.NormalizeEmail(email)
	if err != nil {
		return itinera.User{}, "", notFound("user")
	}
	u, err := scanUser(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+userCols+`, u.password_hash FROM users u WHERE u.email = $1`), e), &hash)
	return u, hash, s.d.normalize(scanOne(err, "user"))
}

// Users lists the tenant's users by e-mail.
func (s *Store) Users(ctx context.Context, tenantID int64) ([]itinera.User, error) {
	var out []itinera.User
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+userCols+` FROM users u WHERE u.tenant_id = $1 ORDER BY u.email`), tenantID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			u, err := scanUser(rows)
			if err != nil {
				return err
			}
			out = append(out, u)
		}
		return rows.Err()
	})
	return out, err
}

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, se *itinera.Session) error {
	if se.CreatedAt.IsZero() {
		se.CreatedAt = s.now().UTC()
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`),
			se.TokenHash, se.UserID, se.CSRFToken, s.d.timeArg(se.CreatedAt), s.d.timeArg(se.ExpiresAt))
		return err
	})
}

// SessionByTokenHash returns a session that has not expired at now, and its user.
func (s *Store) SessionByTokenHash(ctx context.Context, tokenHash string, now time.Time) (itinera.Session, itinera.User, error) {
	key := "session:" + tokenHash
	if v, ok := s.recall(ctx, key, now); ok {
		if e := v.(sessionAndUser); now.Before(e.se.ExpiresAt) {
			return e.se, e.u, nil
		}
	}
	gen, keep := s.mark(ctx)
	se, u, err := s.readSession(ctx, tokenHash, now)
	if err == nil && keep {
		s.keep(key, gen, now, sessionAndUser{se, u})
	}
	return se, u, err
}

type sessionAndUser struct {
	se itinera.Session
	u  itinera.User
}

func (s *Store) readSession(ctx context.Context, tokenHash string, now time.Time) (itinera.Session, itinera.User, error) {
	var se itinera.Session
	var audit sql.NullInt64
	// The tenant's alerts revision comes in the same read (one statement
	// per page instead of two).
	u, err := scanUser(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+userCols+`, s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at,
		(SELECT a.id FROM audit_log a WHERE a.tenant_id = u.tenant_id ORDER BY a.id DESC LIMIT 1),
		(SELECT t.alerts_rev FROM tenants t WHERE t.id = u.tenant_id)
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2`), tokenHash, s.d.timeArg(now)),
		&se.TokenHash, &se.UserID, &se.CSRFToken, dbTime{&se.CreatedAt}, dbTime{&se.ExpiresAt}, &audit, &se.Alerts.Alerts)
	se.Alerts.Audit = audit.Int64
	return se, u, s.d.normalize(scanOne(err, "session"))
}

// DeleteSession ends a session; ending one that does not exist is not an error.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE token_hash = $1`), tokenHash)
		return err
	})
}

// DeleteExpiredSessions removes sessions that expired before now.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE expires_at <= $1`), s.d.timeArg(now))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

// CreateAPIToken stores a new API token's hash.
func (s *Store) CreateAPIToken(ctx context.Context, t *itinera.APIToken) error {
	t.CreatedAt = s.now().UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		if t.Access == "" {
			t.Access = itinera.TokenFull
		}
		id, err := s.insertID(ctx, tx, `INSERT INTO api_tokens (user_id, name, token_hash, created_at, access) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			t.UserID, t.Name, t.TokenHash, s.d.timeArg(t.CreatedAt), string(t.Access))
		t.ID = id
		return err
	})
}

// UserByAPITokenHash returns the user of a token that has not been revoked.
func (s *Store) UserByAPITokenHash(ctx context.Context, tokenHash string) (itinera.User, error) {
	u, err := scanUser(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+userCols+` FROM api_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.token_hash = $1 AND t.revoked_at IS NULL`), tokenHash))
	if err == nil {
		err = s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT name FROM api_tokens WHERE token_hash = $1`), tokenHash).Scan(&u.Token)
	}
	return u, s.d.normalize(scanOne(err, "API token"))
}
