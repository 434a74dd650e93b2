// Package storetest opens real, migrated stores for tests: SQLite in a
// temporary directory and PostgreSQL in a fresh schema of the server named
// by ITINERA_TEST_POSTGRES. A PostgreSQL test fails (never skips) when that
// server is not configured.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver

	"itinera/internal/store"
)

// Clock is the fixed instant test stores use as "now".
var Clock = time.Date(2026, 11, 2, 15, 0, 0, 0, time.UTC)

// Now returns Clock; pass it where a clock is wanted.
func Now() time.Time { return Clock }

// SQLite returns a migrated store on a new SQLite file.
func SQLite(t testing.TB) *store.Store {
	t.Helper()
	return open(t, "sqlite:"+filepath.Join(t.TempDir(), "itinera.db"))
}

// PostgresURL returns the server URL for tests, failing the test if unset.
func PostgresURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("ITINERA_TEST_POSTGRES")
	if u == "" {
		t.Fatal("ITINERA_TEST_POSTGRES is not set: the PostgreSQL tests need a server (scripts/test.sh starts one and sets it)")
	}
	return u
}

// Postgres returns a migrated store in a new, empty schema of the test
// server; the schema is dropped when the test ends.
func Postgres(t testing.TB) *store.Store {
	t.Helper()
	return open(t, PostgresSchemaURL(t))
}

// PostgresSchemaURL creates a new, empty schema on the test server and
// returns a URL whose connections use it; the schema is dropped when the
// test ends.
func PostgresSchemaURL(t testing.TB) string {
	t.Helper()
	base := PostgresURL(t)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "test_" + hex.EncodeToString(b)
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("create schema (is PostgreSQL running at ITINERA_TEST_POSTGRES?): %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		_, _ = db.ExecContext(context.Background(), `DROP SCHEMA `+schema+` CASCADE`)
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("ITINERA_TEST_POSTGRES: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Default returns a migrated store of the kind ITINERA_TEST_STORE names:
// "postgres", or SQLite when it is unset or "sqlite". Whole suites (the
// web UI's, the API's) run on both databases this way: scripts/test.sh
// runs them once more with ITINERA_TEST_STORE=postgres.
func Default(t testing.TB) *store.Store {
	t.Helper()
	switch k := os.Getenv("ITINERA_TEST_STORE"); k {
	case "", "sqlite":
		return SQLite(t)
	case "postgres":
		return Postgres(t)
	default:
		t.Fatalf("ITINERA_TEST_STORE=%q: use sqlite or postgres", k)
		return nil
	}
}

// Both returns one store of each kind, named for subtests.
func Both(t testing.TB) map[string]*store.Store {
	t.Helper()
	return map[string]*store.Store{"sqlite": SQLite(t), "postgres": Postgres(t)}
}

func open(t testing.TB, u string) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, store.Options{URL: u, Now: Now})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return s
}
