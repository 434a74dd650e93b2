package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"

	"itinera"
)

// Backup writes a consistent copy of a SQLite database to the new file
// path with VACUUM INTO, while the server goes on reading and writing: the
// copy is the database as one read transaction sees it, compacted, and a
// complete database of its own (no WAL beside it). An existing file is
// never overwritten. PostgreSQL is backed up with its own tools (pg_dump);
// Backup refuses it.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.d.name() != "sqlite" {
		return itinera.Errorf(itinera.EINVALID, "Backup copies SQLite databases; back up PostgreSQL with pg_dump.")
	}
	if path == "" {
		return itinera.Errorf(itinera.EINVALID, "Name the file the backup is written to.")
	}
	if _, err := os.Lstat(path); err == nil {
		return itinera.Errorf(itinera.ECONFLICT, "%s already exists: a backup never overwrites a file; choose a new name.", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup: %w", err)
	}
	var seq int
	var name, file string
	if err := s.read.QueryRowContext(ctx, `PRAGMA database_list`).Scan(&seq, &name, &file); err != nil {
		return fmt.Errorf("backup: find the database file: %w", err)
	}
	if file == "" {
		return itinera.Errorf(itinera.EINVALID, "This database lives in memory only; there is no file to back up.")
	}
	// A connection of its own: the pool's readers may not write a file
	// (query_only), and the writer must stay free for the server.
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: file}).EscapedPath()+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("backup: vacuum into %s: %w", path, err)
	}
	return nil
}
