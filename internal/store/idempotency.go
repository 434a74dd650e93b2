package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"itinera"
)

// Answers of POST requests sent with an Idempotency-Key, per tenant.

// IdempotentAnswer returns the answer kept for key.
func (s *Store) IdempotentAnswer(ctx context.Context, tenantID int64, key string) (itinera.IdempotentAnswer, error) {
	a := itinera.IdempotentAnswer{Key: key}
	err := s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT fingerprint, status, location, body, created_at FROM idempotency_keys
		WHERE tenant_id = $1 AND idem_key = $2`), tenantID, key).Scan(&a.Fingerprint, &a.Status, &a.Location, &a.Body, dbTime{&a.CreatedAt})
	return a, s.d.normalize(scanOne(err, "idempotency key"))
}

// SaveIdempotentAnswer keeps a for its key and forgets answers older than
// before. On PostgreSQL a second request with the same key waits here
// until the first commits, then finds the key taken: a conflict, and its
// transaction (with whatever it created) rolls back.
func (s *Store) SaveIdempotentAnswer(ctx context.Context, tenantID int64, a itinera.IdempotentAnswer, before time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM idempotency_keys WHERE created_at < $1`), s.d.timeArg(before)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO idempotency_keys (tenant_id, idem_key, fingerprint, status, location, body, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`), tenantID, a.Key, a.Fingerprint, a.Status, a.Location, a.Body, s.d.timeArg(a.CreatedAt))
		if err != nil && itinera.ErrorCode(s.d.normalize(err)) == itinera.ECONFLICT && !strings.Contains(err.Error(), "busy") {
			return itinera.Errorf(itinera.ECONFLICT, "Another request with this Idempotency-Key was handled at the same time; send it again to get its answer.")
		}
		return err
	})
}
