package store

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"itinera"
)

// dialect is the seam between SQLite and PostgreSQL.
type dialect interface {
	name() string
	// ddl replaces the portable type words of a migration.
	ddl(sql string) string
	// rebind rewrites $n placeholders.
	rebind(query string) string
	// timeArg encodes an instant for a TSTZ column.
	timeArg(t time.Time) any
	// normalize maps driver errors to itinera errors by code.
	normalize(err error) error
	// lockMigrations serialises concurrent migrators inside tx.
	lockMigrations(tx *sql.Tx) error
	// searchMatch is the condition on search_entries e that its text has
	// a word beginning with each term (letters and digits only), and the
	// query argument it binds as $2.
	searchMatch(terms []string) (cond string, arg any)
	// forUpdate ends a SELECT that locks the rows it reads until the
	// transaction ends: " FOR UPDATE" on PostgreSQL; nothing on SQLite,
	// whose one writer runs write transactions one after the other.
	forUpdate() string
	// planEachTime marks a query's arguments so that the database plans it
	// for their values every time instead of reusing a generic plan:
	// PostgreSQL fixes a prepared statement's plan after five runs, and a
	// plan made while a table was nearly empty (the first rows of a large
	// import, in one transaction) scans the whole table ever after.
	planEachTime(args ...any) []any
}

// forDialect keeps, of a migration, the lines for every database and those
// for the dialect named: a line "-- dialect: sqlite" (or postgres) starts
// lines for that database only, "-- dialect: all" ends them. The few
// schema objects the two build differently (full-text search) are written
// once for each, in the same migration.
func forDialect(s, name string) string {
	if !strings.Contains(s, "-- dialect: ") {
		return s
	}
	var b strings.Builder
	keep := true
	for _, line := range strings.SplitAfter(s, "\n") {
		if d, ok := strings.CutPrefix(strings.TrimSpace(line), "-- dialect: "); ok {
			keep = d == "all" || d == name
			continue
		}
		if keep {
			b.WriteString(line)
		}
	}
	return b.String()
}

// sqliteTimeLayout sorts as text in time order.
const sqliteTimeLayout = "2006-01-02T15:04:05.000000Z"

type sqliteDialect struct{}

func (sqliteDialect) name() string { return "sqlite" }

func (sqliteDialect) ddl(s string) string {
	s = forDialect(s, "sqlite")
	return strings.NewReplacer("ID_PK", "INTEGER PRIMARY KEY AUTOINCREMENT", "TSTZ", "TEXT", "BYTES", "BLOB").Replace(s)
}

// rebind turns $1 into ?1, which SQLite binds by position.
func (sqliteDialect) rebind(q string) string {
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		if q[i] == '$' && i+1 < len(q) && q[i+1] >= '0' && q[i+1] <= '9' {
			b.WriteByte('?')
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

func (sqliteDialect) timeArg(t time.Time) any { return t.UTC().Format(sqliteTimeLayout) }

func (sqliteDialect) normalize(err error) error {
	var se *sqlite.Error
	if err == nil || !errors.As(err, &se) {
		return err
	}
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return &wrapped{itinera.Errorf(itinera.ECONFLICT, "A record with the same name or key already exists."), err}
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return &wrapped{itinera.Errorf(itinera.ECONFLICT, "Other records still refer to this one, or it refers to a record that does not exist."), err}
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return &wrapped{itinera.Errorf(itinera.ECONFLICT, "The database is busy; please try again."), err}
	}
	return err
}

func (sqliteDialect) lockMigrations(*sql.Tx) error { return nil } // one writer connection

// searchMatch asks FTS5 for every term as a prefix: "traff"* "zur"*.
func (sqliteDialect) searchMatch(terms []string) (string, any) {
	q := make([]string, len(terms))
	for i, t := range terms {
		q[i] = `"` + t + `"*`
	}
	return "e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH $2)", strings.Join(q, " ")
}

func (sqliteDialect) forUpdate() string { return "" }

func (sqliteDialect) planEachTime(args ...any) []any { return args }

func openSQLite(path string) (write, read *sql.DB, readDSN string, err error) {
	if path == "" {
		return nil, nil, "", fmt.Errorf("sqlite: a file path is required")
	}
	memory := path == ":memory:"
	// The path is a URI path: escape '?', '#' and '%' so they stay in it.
	base := "file:" + (&url.URL{Path: path}).EscapedPath()
	if memory {
		// A shared in-memory database, private to this store.
		base = fmt.Sprintf("file:itinera-%d?mode=memory&cache=shared", time.Now().UnixNano())
	}
	// Settings go in the DSN so that they apply to every connection.
	pragmas := url.Values{}
	pragmas.Add("_pragma", "busy_timeout(10000)")
	pragmas.Add("_pragma", "foreign_keys(1)")
	pragmas.Add("_pragma", "synchronous(NORMAL)")
	if !memory {
		pragmas.Add("_pragma", "journal_mode(WAL)")
	}
	pragmas.Add("_txlock", "immediate")
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	write, err = sql.Open("sqlite", base+sep+pragmas.Encode())
	if err != nil {
		return nil, nil, "", err
	}
	write.SetMaxOpenConns(1) // SQLite has one writer; queueing here beats SQLITE_BUSY
	write.SetConnMaxIdleTime(0)
	if memory {
		return write, write, "", nil
	}
	rp := url.Values{}
	rp.Add("_pragma", "busy_timeout(10000)")
	rp.Add("_pragma", "foreign_keys(1)")
	rp.Add("_pragma", "query_only(1)")
	readDSN = base + sep + rp.Encode()
	read, err = sql.Open("sqlite", readDSN)
	if err != nil {
		write.Close()
		return nil, nil, "", err
	}
	read.SetMaxOpenConns(4)
	// Keep them all open: database/sql keeps two idle by default, so
	// under load the others were closed and opened again, each time
	// setting its pragmas and preparing its statements anew.
	read.SetMaxIdleConns(4)
	return write, read, readDSN, nil
}

type postgresDialect struct{}

func (postgresDialect) name() string { return "postgres" }

func (postgresDialect) ddl(s string) string {
	s = forDialect(s, "postgres")
	return strings.NewReplacer("ID_PK", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "TSTZ", "TIMESTAMPTZ", "BYTES", "BYTEA").Replace(s)
}

func (postgresDialect) rebind(q string) string { return q }

func (postgresDialect) timeArg(t time.Time) any { return t.UTC() }

func (postgresDialect) normalize(err error) error {
	var pe *pgconn.PgError
	if err == nil || !errors.As(err, &pe) {
		return err
	}
	switch pe.Code {
	case "23505":
		return &wrapped{itinera.Errorf(itinera.ECONFLICT, "A record with the same name or key already exists."), err}
	case "23503":
		return &wrapped{itinera.Errorf(itinera.ECONFLICT, "Other records still refer to this one, or it refers to a record that does not exist."), err}
	case "40001", "40P01":
		return &wrapped{itinera.Errorf(itinera.ECONFLICT, "The database is busy; please try again."), err}
	case "22021", "22P05":
		// NUL or invalid UTF-8 that no validation caught: SQLite would store
		// it, PostgreSQL cannot. The records' Validate refuses such text
		// first, naming the field; this keeps any other path from a 500.
		return &wrapped{itinera.Errorf(itinera.EINVALID, "Some of the text holds characters that cannot be stored, such as invisible control characters."), err}
	}
	return err
}

// searchMatch asks the GIN index for every term as a prefix, with the
// 'simple' rules the column was made with: traff:* & zur:*.
func (postgresDialect) searchMatch(terms []string) (string, any) {
	q := make([]string, len(terms))
	for i, t := range terms {
		q[i] = t + ":*"
	}
	return "e.document @@ to_tsquery('simple', $2)", strings.Join(q, " & ")
}

func (postgresDialect) forUpdate() string { return " FOR UPDATE" }

// planEachTime sends the query as an unnamed statement (pgx's
// QueryExecModeExec), which PostgreSQL plans with the values bound.
func (postgresDialect) planEachTime(args ...any) []any {
	return append([]any{pgx.QueryExecModeExec}, args...)
}

func (postgresDialect) lockMigrations(tx *sql.Tx) error {
	_, err := tx.Exec(`SELECT pg_advisory_xact_lock(4242001)`)
	return err
}

func openPostgres(u string) (*sql.DB, error) {
	db, err := sql.Open("pgx", u)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(16)
	// Idle connections are kept (database/sql keeps two by default: under
	// load the others were closed and opened again, a new backend process
	// and pgx's statement cache lost each time) until unused for a while.
	db.SetMaxIdleConns(16)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return db, nil
}

// wrapped is a user-facing error that keeps the driver error for logs.
type wrapped struct {
	user   *itinera.Error
	driver error
}

func (w *wrapped) Error() string { return w.user.Error() + ": " + w.driver.Error() }

// Unwrap exposes both, so errors.As finds the *itinera.Error.
func (w *wrapped) Unwrap() []error { return []error{w.user, w.driver} }

// dbTime scans a TSTZ column from either database.
type dbTime struct{ t *time.Time }

func (d dbTime) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*d.t = time.Time{}
	case time.Time:
		*d.t = x.UTC()
	case string:
		return d.parse(x)
	case []byte:
		return d.parse(string(x))
	default:
		return fmt.Errorf("store: cannot scan %T into a time", v)
	}
	return nil
}

func (d dbTime) parse(s string) error {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("store: bad time %q: %w", s, err)
	}
	*d.t = t.UTC()
	return nil
}

// nullID maps 0 to NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// idOrZero scans an optional reference.
type idOrZero struct{ p *int64 }

func (z idOrZero) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*z.p = 0
	case int64:
		*z.p = x
	case int32:
		*z.p = int64(x)
	case []byte:
		n, err := strconv.ParseInt(string(x), 10, 64)
		*z.p = n
		return err
	default:
		return fmt.Errorf("store: cannot scan %T into an id", v)
	}
	return nil
}
