package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"itinera"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// TestBackupWhileWriting copies a live SQLite database while another
// goroutine keeps writing to it: the copy passes SQLite's integrity check,
// has every migration and holds at least what was written before the copy
// began; a second backup to the same file is refused; PostgreSQL is not
// copied this way.
func TestBackupWhileWriting(t *testing.T) {
	t.Parallel()
	s := storetest.SQLite(t)
	f := mustFixture(t, s, "backup")
	place := func(i int) error {
		p := itinera.Place{TenantID: f.tenant.ID, Name: fmt.Sprintf("Venue %d", i), Kind: itinera.PlaceVenue,
			Address: "1 Main St, St. Louis, MO", Lat: 38.6, Lon: -90.2}
		return s.CreatePlace(ctx, &p)
	}
	for i := range 50 {
		must(t, place(i))
	}
	before, err := s.Places(ctx, f.tenant.ID, itinera.DirectoryFilter{})
	must(t, err)

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var written atomic.Int64
	busy := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 1000; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := place(i); err != nil {
				t.Errorf("writing during the backup: %v", err)
				return
			}
			if written.Add(1) == 5 {
				close(busy)
			}
		}
	}()
	out := filepath.Join(t.TempDir(), "copy.db")
	<-busy // the writer is at work when the copy starts
	err = s.Backup(ctx, out)
	close(stop)
	wg.Wait()
	must(t, err)
	if written.Load() < 5 {
		t.Fatal("nothing was written during the backup")
	}

	raw, err := sql.Open("sqlite", "file:"+out)
	must(t, err)
	defer raw.Close()
	var check string
	must(t, raw.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check))
	if check != "ok" {
		t.Fatalf("integrity check of the copy: %s", check)
	}
	cp, err := store.Open(context.Background(), store.Options{URL: "sqlite:" + out, Now: storetest.Now})
	must(t, err)
	defer cp.Close()
	must(t, cp.CheckSchema(ctx))
	got, err := cp.Places(ctx, f.tenant.ID, itinera.DirectoryFilter{})
	must(t, err)
	if len(got) < len(before) {
		t.Fatalf("the copy has %d places, fewer than the %d before the backup", len(got), len(before))
	}

	wantCode(t, s.Backup(ctx, out), itinera.ECONFLICT)
	wantCode(t, storetest.Postgres(t).Backup(ctx, filepath.Join(t.TempDir(), "pg.db")), itinera.EINVALID)
}
