package store

import (
	"context"
	"database/sql"
	"errors"

	"itinera"
)

// The bell's revision (migration 0026): what the header's notifications
// are kept in memory by. The audit log's newest entry names every audited
// change; tenants.alerts_rev counts the others that make or remove a
// notification (a message failed for good, bounced or sent again; a
// received message recorded, tied to a request or put aside), bumped in
// the transaction that makes them.

// bumpAlerts adds one to the tenant's alerts revision, inside tx.
func (s *Store) bumpAlerts(ctx context.Context, tx *sql.Tx, tenantID int64) error {
	_, err := tx.ExecContext(ctx, s.q(`UPDATE tenants SET alerts_rev = alerts_rev + 1 WHERE id = $1`), tenantID)
	return err
}

// bumpAlertsOfMessage adds one to the alerts revision of the tenant of
// outbox message id, inside tx.
func (s *Store) bumpAlertsOfMessage(ctx context.Context, tx *sql.Tx, id int64) error {
	_, err := tx.ExecContext(ctx, s.q(`UPDATE tenants SET alerts_rev = alerts_rev + 1
		WHERE id = (SELECT tenant_id FROM outbox WHERE id = $1)`), id)
	return err
}

// AlertsRevision returns, in one read, the tenant's revision (its newest
// audit entry's id, 0 when none) and its alerts counter: together they
// change whenever the tenant's notifications may have changed, except by
// the passing of time (a request becoming overdue).
func (s *Store) AlertsRevision(ctx context.Context, tenantID int64) (itinera.AlertsRevision, error) {
	var rev itinera.AlertsRevision
	err := s.view(ctx, func(q querier) error {
		var a sql.NullInt64
		err := q.QueryRowContext(ctx, s.q(`SELECT (SELECT id FROM audit_log WHERE tenant_id = $1 ORDER BY id DESC LIMIT 1), alerts_rev
			FROM tenants WHERE id = $1`), tenantID).Scan(&a, &rev.Alerts)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		rev.Audit = a.Int64
		return err
	})
	return rev, err
}
