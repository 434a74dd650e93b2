package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"itinera"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in order. File names are
// NNNN_name.sql; numbers must be unique and increasing from 1.
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration file %q is not named NNNN_name.sql", e.Name())
		}
		body, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: name, sql: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %d is missing or repeated", i+1)
		}
	}
	return ms, nil
}

// LatestVersion is the schema version this binary expects.
func LatestVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

const migrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TSTZ NOT NULL
)`

// Migrate applies every embedded migration not yet applied, each in its own
// transaction together with its record in schema_migrations. It returns the
// versions it applied.
func (s *Store) Migrate(ctx context.Context) ([]int, error) {
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	return s.apply(ctx, ms)
}

// apply applies those of ms not yet applied, in order. The upgrade tests
// pass a prefix of migrations() to build a frozen old schema.
func (s *Store) apply(ctx context.Context, ms []migration) ([]int, error) {
	if _, err := s.write.ExecContext(ctx, s.d.ddl(migrationsTable)); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	var applied []int
	for _, m := range ms {
		did := false
		err := s.tx(ctx, func(tx *sql.Tx) error {
			if err := s.d.lockMigrations(tx); err != nil {
				return err
			}
			var n int
			if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM schema_migrations WHERE version = $1`), m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.ExecContext(ctx, s.d.ddl(m.sql)); err != nil {
				return fmt.Errorf("migration %04d_%s: %w", m.version, m.name, err)
			}
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`),
				m.version, m.name, s.d.timeArg(s.now())); err != nil {
				return err
			}
			did = true
			return nil
		})
		if err != nil {
			return applied, err
		}
		if did {
			applied = append(applied, m.version)
			s.log.Info("applied migration", "version", m.version, "name", m.name)
		}
	}
	return applied, nil
}

// SchemaVersion returns the highest applied migration, 0 for an empty database.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var exists bool
	var err error
	switch s.d.name() {
	case "sqlite":
		var n int
		err = s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&n)
		exists = n > 0
	default:
		err = s.read.QueryRowContext(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists)
	}
	if err != nil || !exists {
		return 0, err
	}
	var v sql.NullInt64
	if err := s.read.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, err
	}
	return int(v.Int64), nil
}

// CheckSchema reports an error unless the database has exactly the schema
// this binary expects: the server refuses to serve otherwise. A schema of
// another version is a conflict whose message says what to do.
func (s *Store) CheckSchema(ctx context.Context) error {
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	want := LatestVersion()
	switch {
	case v < want:
		return itinera.Errorf(itinera.ECONFLICT, "The database schema is at version %d but this program needs version %d: run `itinera migrate` first.", v, want)
	case v > want:
		return itinera.Errorf(itinera.ECONFLICT, "The database schema is at version %d, newer than this program knows (%d): upgrade itinera.", v, want)
	}
	return nil
}
