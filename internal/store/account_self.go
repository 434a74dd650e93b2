package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"itinera"
)

// What users do for themselves: sign in (the last sign-in is kept), name
// themselves, reset a forgotten password by an e-mailed link, and choose
// their notifications; and the use of API tokens.

// RecordSignIn moves the latest sign-in to the one before and records at.
func (s *Store) RecordSignIn(ctx context.Context, userID int64, at time.Time) (itinera.User, error) {
	var u itinera.User
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.execOne(ctx, tx, "user", `UPDATE users SET last_signed_in_at = signed_in_at, signed_in_at = $2 WHERE id = $1`,
			userID, s.d.timeArg(at)); err != nil {
			return err
		}
		var err error
		u, err = scanUser(tx.QueryRowContext(ctx, s.q(`SELECT `+userCols+` FROM users u WHERE u.id = $1`), userID))
		return scanOne(err, "user")
	})
	return u, err
}

// SetUserName stores the tenant's user's own name, refusing a stale version.
func (s *Store) SetUserName(ctx context.Context, tenantID, userID int64, version int, name string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.execVersioned(ctx, tx, "user", "users", tenantID, userID, version,
			`UPDATE users SET version = version + 1, name = $3 WHERE tenant_id = $1 AND id = $2`, tenantID, userID, name)
	})
}

// CreatePasswordReset stores a reset link's hash, replacing the user's
// previous one.
func (s *Store) CreatePasswordReset(ctx context.Context, userID int64, tokenHash string, createdAt, expiresAt time.Time) error {
	if tokenHash == "" {
		return errors.New("store: a reset link without a hash")
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM password_resets WHERE user_id = $1 OR expires_at <= $2`), userID, s.d.timeArg(createdAt)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)`),
			userID, tokenHash, s.d.timeArg(createdAt), s.d.timeArg(expiresAt))
		return err
	})
}

// UserByPasswordReset returns the user of a reset link that works at now.
func (s *Store) UserByPasswordReset(ctx context.Context, tokenHash string, now time.Time) (itinera.User, error) {
	u, err := scanUser(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+userCols+` FROM password_resets r JOIN users u ON u.id = r.user_id
		WHERE r.token_hash = $1 AND r.expires_at > $2`), tokenHash, s.d.timeArg(now)))
	return u, s.d.normalize(scanOne(err, "reset link"))
}

// DeletePasswordReset ends the user's reset link.
func (s *Store) DeletePasswordReset(ctx context.Context, userID int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`DELETE FROM password_resets WHERE user_id = $1`), userID)
		return err
	})
}

// SetAlertsSeen records that the user has seen their notifications up to at.
func (s *Store) SetAlertsSeen(ctx context.Context, tenantID, userID int64, at time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.execOne(ctx, tx, "user", `UPDATE users SET alerts_seen_at = $3 WHERE tenant_id = $1 AND id = $2`,
			tenantID, userID, s.d.timeArg(at))
	})
}

// SetDailyDigest turns the user's daily digest on or off.
func (s *Store) SetDailyDigest(ctx context.Context, tenantID, userID int64, on bool) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.execOne(ctx, tx, "user", `UPDATE users SET daily_digest = $3 WHERE tenant_id = $1 AND id = $2`, tenantID, userID, on)
	})
}

// DigestUsers lists the users of every tenant who want a daily digest.
func (s *Store) DigestUsers(ctx context.Context) ([]itinera.User, error) {
	var out []itinera.User
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+userCols+` FROM users u WHERE u.daily_digest ORDER BY u.id`))
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

// ClaimDigestDay records day as the user's latest digest, if it is later
// than the one recorded: of two workers, one claims it.
func (s *Store) ClaimDigestDay(ctx context.Context, userID int64, day string) (bool, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE users SET digest_day = $2 WHERE id = $1 AND digest_day < $2`), userID, day)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n == 1, err
}

// APITokenUser returns a live token and its owner, and records its use,
// at most once a minute so that busy clients do not write on every call.
func (s *Store) APITokenUser(ctx context.Context, tokenHash string, now time.Time) (itinera.User, itinera.APIToken, error) {
	key := "token:" + tokenHash
	if v, ok := s.recall(ctx, key, now); ok {
		// Read again once a minute: the token's last use is written then.
		if e := v.(tokenAndUser); now.Sub(e.t.LastUsedAt) < time.Minute {
			return e.u, e.t, nil
		}
	}
	gen, keep := s.mark(ctx)
	u, t, err := s.readAPIToken(ctx, tokenHash, now)
	if err == nil && keep {
		// Kept under the generation read before: the last-use write just
		// made (if any) raised it, and the next request reads again once.
		s.keep(key, gen, now, tokenAndUser{u, t})
	}
	return u, t, err
}

type tokenAndUser struct {
	u itinera.User
	t itinera.APIToken
}

func (s *Store) readAPIToken(ctx context.Context, tokenHash string, now time.Time) (itinera.User, itinera.APIToken, error) {
	var t itinera.APIToken
	var access string
	var u itinera.User
	// Read on the read pool: every API request comes here, and only a
	// token unused for a minute is written to (its last use), so most
	// requests never wait for the one writer.
	err := s.view(ctx, func(q querier) error {
		var err error
		var rev sql.NullInt64
		u, err = scanUser(q.QueryRowContext(ctx, s.q(`SELECT `+userCols+`, t.id, t.user_id, t.name, t.created_at, t.access, t.last_used_at,
			(SELECT a.id FROM audit_log a WHERE a.tenant_id = u.tenant_id ORDER BY a.id DESC LIMIT 1)
			FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND t.revoked_at IS NULL`), tokenHash),
			&t.ID, &t.UserID, &t.Name, dbTime{&t.CreatedAt}, &access, dbTime{&t.LastUsedAt}, &rev)
		if err != nil {
			return scanOne(err, "API token")
		}
		t.Revision = rev.Int64
		t.Access, t.UserEmail = itinera.TokenAccess(access), u.Email
		return nil
	})
	if err != nil || now.Sub(t.LastUsedAt) < time.Minute {
		return u, t, err
	}
	t.LastUsedAt = now.UTC()
	err = s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`UPDATE api_tokens SET last_used_at = $2 WHERE id = $1`), t.ID, s.d.timeArg(now))
		return err
	})
	return u, t, err
}
