package store

import (
	"context"
	"database/sql"
	"time"

	"itinera"
)

// Project packages across installations (migration 0030): signing keys,
// trusted partner keys and imported packages, each of one organization.

// SigningKey returns the organization's signing key.
func (s *Store) SigningKey(ctx context.Context, tenantID int64) (itinera.SigningKey, error) {
	var k itinera.SigningKey
	err := s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT tenant_id, private_key, public_key, key_id, created_at
		FROM signing_keys WHERE tenant_id = $1`), tenantID).Scan(&k.TenantID, &k.PrivateKeyPEM, &k.PublicKey, &k.KeyID, dbTime{&k.CreatedAt})
	return k, s.d.normalize(scanOne(err, "signing key"))
}

// CreateSigningKey stores the organization's signing key.
func (s *Store) CreateSigningKey(ctx context.Context, k *itinera.SigningKey) error {
	if k.TenantID == 0 || k.PrivateKeyPEM == "" || k.PublicKey == "" || k.KeyID == "" {
		return itinera.Errorf(itinera.EINVALID, "store: a signing key needs its organization and keys")
	}
	k.CreatedAt = s.now().UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO signing_keys (tenant_id, private_key, public_key, key_id, created_at)
			VALUES ($1, $2, $3, $4, $5)`), k.TenantID, k.PrivateKeyPEM, k.PublicKey, k.KeyID, s.d.timeArg(k.CreatedAt))
		return err
	})
}

const trustedKeyCols = `id, tenant_id, name, public_key, key_id, created_at, created_by, revoked_at, revoked_by`

func scanTrustedKey(row interface{ Scan(...any) error }) (itinera.TrustedKey, error) {
	var k itinera.TrustedKey
	err := row.Scan(&k.ID, &k.TenantID, &k.Name, &k.PublicKey, &k.KeyID, dbTime{&k.CreatedAt}, &k.CreatedBy, dbTime{&k.RevokedAt}, &k.RevokedBy)
	return k, err
}

// CreateTrustedKey records a partner key the organization confirmed.
func (s *Store) CreateTrustedKey(ctx context.Context, k *itinera.TrustedKey) error {
	if k.TenantID == 0 || k.Name == "" || k.PublicKey == "" || k.KeyID == "" {
		return itinera.Errorf(itinera.EINVALID, "store: a trusted key needs its organization, name and key")
	}
	k.CreatedAt = s.now().UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		id, err := s.insertID(ctx, tx, `INSERT INTO trusted_keys (tenant_id, name, public_key, key_id, created_at, created_by)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, k.TenantID, k.Name, k.PublicKey, k.KeyID, s.d.timeArg(k.CreatedAt), k.CreatedBy)
		k.ID = id
		return err
	})
}

// TrustedKeys lists the organization's trusted keys, oldest first.
func (s *Store) TrustedKeys(ctx context.Context, tenantID int64) ([]itinera.TrustedKey, error) {
	out := []itinera.TrustedKey{}
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+trustedKeyCols+` FROM trusted_keys WHERE tenant_id = $1 ORDER BY id`), tenantID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			k, err := scanTrustedKey(rows)
			if err != nil {
				return err
			}
			out = append(out, k)
		}
		return rows.Err()
	})
	return out, err
}

// TrustedKey returns one of the organization's trusted keys.
func (s *Store) TrustedKey(ctx context.Context, tenantID, id int64) (itinera.TrustedKey, error) {
	k, err := scanTrustedKey(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+trustedKeyCols+` FROM trusted_keys
		WHERE tenant_id = $1 AND id = $2`), tenantID, id))
	return k, s.d.normalize(scanOne(err, "trusted key"))
}

// RevokeTrustedKey revokes a live trusted key at at.
func (s *Store) RevokeTrustedKey(ctx context.Context, tenantID, id int64, at time.Time, by string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE trusted_keys SET revoked_at = $1, revoked_by = $2
			WHERE tenant_id = $3 AND id = $4 AND revoked_at IS NULL`), s.d.timeArg(at), by, tenantID, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n > 0 {
			return err
		}
		if _, err := s.TrustedKey(ctx, tenantID, id); err != nil {
			return err
		}
		return itinera.Errorf(itinera.ECONFLICT, "This key is already revoked.")
	})
}

const packageCols = `id, tenant_id, kind, digest, key_id, issuer, issued_at, imported_at, imported_by, program_id, stop_id, payload`

// CreateImportedPackage records an imported package.
func (s *Store) CreateImportedPackage(ctx context.Context, p *itinera.ImportedPackage) error {
	if p.TenantID == 0 || (p.Kind != itinera.PackageStop && p.Kind != itinera.PackageReturn) || p.Digest == "" || p.IssuedAt.IsZero() {
		return itinera.Errorf(itinera.EINVALID, "store: an imported package needs its organization, kind, digest and time")
	}
	p.ImportedAt = s.now().UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		id, err := s.insertID(ctx, tx, `INSERT INTO project_packages (tenant_id, kind, digest, key_id, issuer, issued_at, imported_at,
			imported_by, program_id, stop_id, payload) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			p.TenantID, string(p.Kind), p.Digest, p.KeyID, p.Issuer, s.d.timeArg(p.IssuedAt), s.d.timeArg(p.ImportedAt), p.ImportedBy,
			nullID(p.ProgramID), nullID(p.StopID), string(p.Payload))
		p.ID = id
		return err
	})
}

// ImportedPackages lists the organization's imported packages, oldest
// first.
func (s *Store) ImportedPackages(ctx context.Context, tenantID int64) ([]itinera.ImportedPackage, error) {
	out := []itinera.ImportedPackage{}
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+packageCols+` FROM project_packages WHERE tenant_id = $1 ORDER BY id`), tenantID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p itinera.ImportedPackage
			var kind, payload string
			var program, stop sql.NullInt64
			if err := rows.Scan(&p.ID, &p.TenantID, &kind, &p.Digest, &p.KeyID, &p.Issuer, dbTime{&p.IssuedAt}, dbTime{&p.ImportedAt},
				&p.ImportedBy, &program, &stop, &payload); err != nil {
				return err
			}
			p.Kind, p.ProgramID, p.StopID, p.Payload = itinera.PackageKind(kind), program.Int64, stop.Int64, []byte(payload)
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}
