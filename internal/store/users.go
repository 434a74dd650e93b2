package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"itinera"
)

// Administration of a tenant's users, its name and time zone, and its API
// tokens. Every statement names the tenant, so another tenant's records are
// reported as not found.

// User returns the tenant's user with that id.
func (s *Store) User(ctx context.Context, tenantID, id int64) (itinera.User, error) {
	u, err := scanUser(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+userCols+` FROM users u WHERE u.tenant_id = $1 AND u.id = $2`),
		tenantID, id))
	return u, s.d.normalize(scanOne(err, "user"))
}

// UpdateUser stores the user's e-mail, name and role.
func (s *Store) UpdateUser(ctx context.Context, u *itinera.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		old, err := s.lockUserTx(ctx, tx, u.TenantID, u.ID)
		if err != nil {
			return err
		}
		// E-mail addresses are unique across tenants: they sign in alone.
		var taken int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM users WHERE email = $1 AND id <> $2`), u.Email, u.ID).Scan(&taken); err != nil {
			return err
		}
		if taken > 0 {
			return &itinera.Error{Code: itinera.ECONFLICT, Message: "A user with that e-mail address already exists.",
				Fields: map[string]string{"email": "This e-mail address is already in use."}}
		}
		if old.Role == itinera.RoleAdmin && u.Role != itinera.RoleAdmin {
			if err := s.keepAnAdminTx(ctx, tx, old, "role"); err != nil {
				return err
			}
		}
		u.CreatedAt = old.CreatedAt
		return s.execVersioned(ctx, tx, "user", "users", u.TenantID, u.ID, u.Version, `UPDATE users SET version = version + 1, email = $3, name = $4, role = $5 WHERE tenant_id = $1 AND id = $2`,
			u.TenantID, u.ID, u.Email, u.Name, string(u.Role))
	})
}

// DeleteUser removes the user, their sessions and their API tokens.
func (s *Store) DeleteUser(ctx context.Context, tenantID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		old, err := s.lockUserTx(ctx, tx, tenantID, id)
		if err != nil {
			return err
		}
		if old.Role == itinera.RoleAdmin {
			if err := s.keepAnAdminTx(ctx, tx, old, ""); err != nil {
				return err
			}
		}
		// The foreign keys cascade too; deleting explicitly does not rely on it.
		for _, q := range []string{`DELETE FROM sessions WHERE user_id = $1`, `DELETE FROM api_tokens WHERE user_id = $1`} {
			if _, err := tx.ExecContext(ctx, s.q(q), id); err != nil {
				return err
			}
		}
		return s.execOne(ctx, tx, "user", `DELETE FROM users WHERE tenant_id = $1 AND id = $2`, tenantID, id)
	})
}

// lockUserTx reads the user after locking their tenant's row, so that
// concurrent changes of one tenant's administrators run one after the
// other (PostgreSQL; SQLite has a single writer anyway).
func (s *Store) lockUserTx(ctx context.Context, tx *sql.Tx, tenantID, id int64) (itinera.User, error) {
	if err := s.lockRow(ctx, tx, "user", "tenants", 0, tenantID); err != nil {
		return itinera.User{}, err
	}
	u, err := scanUser(tx.QueryRowContext(ctx, s.q(`SELECT `+userCols+` FROM users u WHERE u.tenant_id = $1 AND u.id = $2`), tenantID, id))
	return u, scanOne(err, "user")
}

// keepAnAdminTx refuses to take the last administrator away from a tenant.
func (s *Store) keepAnAdminTx(ctx context.Context, tx *sql.Tx, u itinera.User, field string) error {
	var n int
	if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM users WHERE tenant_id = $1 AND role = $2`),
		u.TenantID, string(itinera.RoleAdmin)).Scan(&n); err != nil {
		return err
	}
	if n > 1 {
		return nil
	}
	who := u.Name
	if who == "" {
		who = u.Email
	}
	e := &itinera.Error{Code: itinera.ECONFLICT, Message: fmt.Sprintf(
		"%s is the organization's last administrator. Make another user an administrator first.", who)}
	if field != "" {
		e.Fields = map[string]string{field: "The organization needs at least one administrator."}
	}
	return e
}

// UpdateTenant stores the tenant's name and time zone; its slug stays.
func (s *Store) UpdateTenant(ctx context.Context, t *itinera.Tenant) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return s.updateTenantTx(ctx, tx, t) })
}

func (s *Store) updateTenantTx(ctx context.Context, tx *sql.Tx, t *itinera.Tenant) error {
	old, err := scanTenant(tx.QueryRowContext(ctx, s.q(`SELECT `+tenantCols+` FROM tenants WHERE id = $1`), t.ID))
	if err != nil {
		return scanOne(err, "organization")
	}
	t.Slug, t.CreatedAt = old.Slug, old.CreatedAt
	if err := t.Validate(); err != nil {
		return err
	}
	return s.execOne(ctx, tx, "organization", `UPDATE tenants SET version = version + 1, name = $2, time_zone = $3 WHERE id = $1`,
		t.ID, t.Name, t.TimeZone)
}

// APITokens lists the tenant's API tokens, newest first.
func (s *Store) APITokens(ctx context.Context, tenantID int64) ([]itinera.APIToken, error) {
	var out []itinera.APIToken
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT t.id, t.user_id, t.name, t.created_at, t.revoked_at, u.email, t.access, t.last_used_at
			FROM api_tokens t JOIN users u ON u.id = t.user_id
			WHERE u.tenant_id = $1 ORDER BY t.created_at DESC, t.id DESC`), tenantID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t itinera.APIToken
			var access string
			if err := rows.Scan(&t.ID, &t.UserID, &t.Name, dbTime{&t.CreatedAt}, dbTime{&t.RevokedAt}, &t.UserEmail, &access, dbTime{&t.LastUsedAt}); err != nil {
				return err
			}
			t.Access = itinera.TokenAccess(access)
			out = append(out, t)
		}
		return rows.Err()
	})
	return out, err
}

// RevokeAPIToken stops the tenant's token from working.
func (s *Store) RevokeAPIToken(ctx context.Context, tenantID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var revoked time.Time
		err := tx.QueryRowContext(ctx, s.q(`SELECT t.revoked_at FROM api_tokens t JOIN users u ON u.id = t.user_id
			WHERE u.tenant_id = $1 AND t.id = $2`), tenantID, id).Scan(dbTime{&revoked})
		if err != nil {
			return scanOne(err, "API token")
		}
		if !revoked.IsZero() {
			return nil
		}
		return s.execOne(ctx, tx, "API token", `UPDATE api_tokens SET revoked_at = $2 WHERE id = $1`,
			id, s.d.timeArg(s.now().UTC()))
	})
}
