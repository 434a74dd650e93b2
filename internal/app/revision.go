package app

import (
	"context"
	"time"
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
	id, at, err := a.r.Audit.LatestChange(ctx, tenantID)
	return Revision{ID: id, At: at}, err
}
