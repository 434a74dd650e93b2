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

// Stamper is what a store offers that can tell whether anything at all
// was committed since a moment (store.Store.Stamp).
type Stamper interface {
	Stamp(ctx context.Context) (string, bool)
}

// Stamp names the state of the whole database as this process knows it:
// it changes with every commit, of any organization, by any process on
// the same database, whether or not it wrote an audit entry. ok is false
// when it cannot be told (the store does not watch for changes): nothing
// may then be kept under it.
func (a *App) Stamp(ctx context.Context) (string, bool) {
	if st, ok := a.tx.(Stamper); ok {
		return st.Stamp(ctx)
	}
	return "", false
}
