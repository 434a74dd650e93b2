package app

import (
	"context"
	"time"

	"itinera"
)

// Revision names the state of an organization's records: the id and time
// of its newest audit entry, which every change writes in its own
// transaction. Two reads with the same revision see the same records, so
// answers made from them can be cached under it (internal/pagecache), and
// a calendar feed's ETag is made from it.
type Revision struct {
	ID int64     // 0: nothing changed yet
	At time.Time // zero when ID is 0
}

// Revision returns the tenant's current revision. It reads one row.
func (a *App) Revision(ctx context.Context, tenantID int64) (Revision, error) {
	last, err := a.r.Audit.AuditLog(ctx, tenantID, itinera.AuditFilter{Limit: 1})
	if err != nil || len(last) == 0 {
		return Revision{}, err
	}
	return Revision{ID: last[0].ID, At: last[0].At}, nil
}
