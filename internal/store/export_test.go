package store

import (
	"context"
	"database/sql"
	"fmt"
)

// What the tests of package store_test need beyond the public API.

// MigrateTo applies the migrations not yet applied up to and including
// version, and no further: the schema an older release left behind.
func (s *Store) MigrateTo(ctx context.Context, version int) ([]int, error) {
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	if version < 0 || version > len(ms) {
		return nil, fmt.Errorf("no migration %d: the latest is %d", version, len(ms))
	}
	return s.apply(ctx, ms[:version])
}

// DB is the connection the store writes with (SQLite's one writer or the
// PostgreSQL pool), for tests that load or inspect raw SQL.
func (s *Store) DB() *sql.DB { return s.write }

// MigrationFile is one embedded migration as shipped.
type MigrationFile struct {
	Version int
	Name    string // as in NNNN_name.sql
	SQL     string
}

// FileName is the migration's file name.
func (m MigrationFile) FileName() string { return fmt.Sprintf("%04d_%s.sql", m.Version, m.Name) }

// MigrationFiles returns the embedded migrations in order.
func MigrationFiles() ([]MigrationFile, error) {
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	out := make([]MigrationFile, len(ms))
	for i, m := range ms {
		out[i] = MigrationFile{Version: m.version, Name: m.name, SQL: m.sql}
	}
	return out, nil
}

// ExecForTest runs a statement as is, so that tests can set up data that
// the store's own methods refuse, such as what older versions stored.
func (s *Store) ExecForTest(ctx context.Context, query string, args ...any) error {
	_, err := s.write.ExecContext(ctx, s.q(query), args...)
	return err
}

// Listening reports whether WatchChanges' listener is connected.
func (s *Store) Listening() bool { return s.changes.live.Load() }
