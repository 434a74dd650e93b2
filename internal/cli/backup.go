package cli

import (
	"context"
	"fmt"
	"strings"
)

// postgresBackup is what `itinera backup` says for a PostgreSQL database,
// which its own tools copy consistently while the server runs.
const postgresBackup = `This database is PostgreSQL: back it up with PostgreSQL's own tools, which take a
consistent copy while Itinera keeps running. Nothing was done.

Back up (a compressed archive in pg_dump's custom format):
  pg_dump --format=custom --file=itinera-$(date +%%Y-%%m-%%d).dump "$ITINERA_DATABASE"

Restore into an empty database, then check the schema:
  pg_restore --no-owner --dbname="$ITINERA_DATABASE" itinera-YYYY-MM-DD.dump
  itinera migrate --database "$ITINERA_DATABASE"

(Set ITINERA_DATABASE to the postgres:// address, or write it in its place.)
`

// runBackup is `itinera backup`: a consistent copy of a live SQLite
// database, or how to back up PostgreSQL.
func runBackup(ctx context.Context, args []string, env Env, io IO, lg *logs) error {
	fs := newFlags("backup", "backup --database sqlite:PATH --out FILE", io)
	db := databaseFlag(fs, env)
	out := fs.String("out", "", "the new file the copy is written to (never overwritten)")
	var lf logFlags
	lf.register(fs, env)
	if err := parse(fs, args, io); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	if strings.HasPrefix(*db, "postgres://") || strings.HasPrefix(*db, "postgresql://") {
		fmt.Fprintf(io.Stdout, postgresBackup)
		return nil
	}
	if *out == "" {
		return usageError{"--out is required: the new file the copy is written to"}
	}
	log, err := lg.set(lf, io.Stderr)
	if err != nil {
		return err
	}
	s, err := openStore(ctx, *db, log)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Backup(ctx, *out); err != nil {
		return fail("no backup was made", err)
	}
	fmt.Fprintf(io.Stdout, "Backed up to %s. It is a complete SQLite database: to restore it, stop Itinera and put it in place of the database file.\n", *out)
	return nil
}
