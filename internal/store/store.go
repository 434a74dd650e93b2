// Package store keeps Itinera's records in SQLite (embedded, the default)
// or PostgreSQL (larger installations) behind one set of hand-written SQL
// statements. The few places where the two differ live in dialect.go.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"itinera"
)

// Options configure Open.
type Options struct {
	// URL is "sqlite:PATH" (or "sqlite::memory:" for a throw-away database)
	// or a PostgreSQL URL "postgres://…".
	URL    string
	Logger *slog.Logger
	Now    func() time.Time // the clock; time.Now when nil
}

// Store implements every service interface of the itinera package.
type Store struct {
	d     dialect
	write *sql.DB // the one writer connection (SQLite) or the pool (PostgreSQL)
	read  *sql.DB // a pool of read-only connections (SQLite) or the same pool
	// reads is what reads outside a transaction use: the read pool
	// through prepared statements kept per connection (SQLite), or the
	// pool itself (PostgreSQL, whose driver keeps its own).
	reads  querier
	cached *stmtCache // the cache behind reads, or nil
	log    *slog.Logger
	now    func() time.Time
	stmts  sync.Map // query text -> dialect-specific text
	// pgURL is the PostgreSQL URL, for WatchChanges' own connection;
	// sqliteDSN a read connection's, for its data_version probe.
	pgURL, sqliteDSN string
	changes          changes // what this process knows of commits (changes.go)
	memo             memo    // per-request lookups kept while nothing changes
}

// Open connects to the database named by opts.URL and checks that it
// answers. It does not migrate: call Migrate, or check SchemaStatus.
func Open(ctx context.Context, opts Options) (*Store, error) {
	s := &Store{log: opts.Logger, now: opts.Now}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	var err error
	switch {
	case strings.HasPrefix(opts.URL, "sqlite:"):
		s.d = sqliteDialect{}
		s.write, s.read, s.sqliteDSN, err = openSQLite(strings.TrimPrefix(opts.URL, "sqlite:"))
		if err == nil {
			s.cached = newStmtCache(s.read)
			s.reads = s.cached
		}
	case strings.HasPrefix(opts.URL, "postgres://"), strings.HasPrefix(opts.URL, "postgresql://"):
		s.d = postgresDialect{}
		s.write, err = openPostgres(opts.URL)
		s.read = s.write
		s.pgURL = opts.URL
		s.reads = s.read
	default:
		return nil, itinera.Errorf(itinera.EINVALID, "the database URL must start with sqlite: or postgres:// (got %q)", redactURL(opts.URL))
	}
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", redactURL(opts.URL), err)
	}
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("connect to database %s: %w", redactURL(opts.URL), err)
	}
	return s, nil
}

// Close closes every connection.
func (s *Store) Close() error {
	s.changes.closeProbe()
	if s.cached != nil {
		s.cached.close()
	}
	err := s.write.Close()
	if s.read != s.write {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.write.PingContext(ctx); err != nil {
		return err
	}
	if s.read != s.write {
		return s.read.PingContext(ctx)
	}
	return nil
}

// Dialect names the database kind: "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.d.name() }

// q returns query rewritten for the dialect. Queries are written with
// PostgreSQL's $n placeholders.
func (s *Store) q(query string) string {
	if v, ok := s.stmts.Load(query); ok {
		return v.(string)
	}
	r := s.d.rebind(query)
	s.stmts.Store(query, r)
	return r
}

// InTx runs fn in one write transaction: every method of the store called
// with the context fn receives joins it, so an application workflow's
// reads, writes and queued e-mails commit together or not at all. A call
// of InTx inside fn joins the same transaction as a savepoint: when the
// inner fn fails, only its part is rolled back.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if a, ok := ctx.Value(txKey{}).(*activeTx); ok && a.store == s {
		return s.savepoint(ctx, a, fn)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		return fn(context.WithValue(ctx, txKey{}, &activeTx{store: s, tx: tx}))
	})
}

// txKey carries the transaction InTx opened in its context.
type txKey struct{}

type activeTx struct {
	store *Store
	tx    *sql.Tx
	depth int // of nested InTx calls, each a savepoint
	// topics remembers topic ids by tenant and name key (topicIDsTx);
	// forgotten when a savepoint rolls back, which may undo their creation.
	topics map[string]int64
}

// savepoint runs fn, a nested InTx, as a savepoint of the transaction: when
// fn fails, only what it did is rolled back, and the transaction goes on
// (PostgreSQL refuses any statement after a failed one until then).
func (s *Store) savepoint(ctx context.Context, a *activeTx, fn func(ctx context.Context) error) error {
	a.depth++
	name := fmt.Sprintf("itinera_%d", a.depth)
	defer func() { a.depth-- }()
	if _, err := a.tx.ExecContext(ctx, "SAVEPOINT "+name); err != nil {
		return s.d.normalize(fmt.Errorf("savepoint: %w", err))
	}
	if err := fn(ctx); err != nil {
		a.topics = nil
		if _, rerr := a.tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT "+name); rerr != nil {
			return errors.Join(err, fmt.Errorf("rollback to savepoint: %w", rerr))
		}
		_, _ = a.tx.ExecContext(ctx, "RELEASE SAVEPOINT "+name)
		return err
	}
	if _, err := a.tx.ExecContext(ctx, "RELEASE SAVEPOINT "+name); err != nil {
		return s.d.normalize(fmt.Errorf("release savepoint: %w", err))
	}
	return nil
}

// joined returns the transaction of ctx opened by this store, or nil.
func (s *Store) joined(ctx context.Context) *sql.Tx {
	if a, ok := ctx.Value(txKey{}).(*activeTx); ok && a.store == s {
		return a.tx
	}
	return nil
}

// reader is what reads use: the transaction of ctx when there is one (so
// a workflow sees its own writes), else the read pool.
func (s *Store) reader(ctx context.Context) querier {
	if tx := s.joined(ctx); tx != nil {
		return tx
	}
	return s.reads
}

// tx runs fn in a write transaction, committing when fn returns nil. Inside
// InTx it runs fn in that transaction, which commits later.
func (s *Store) tx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if tx := s.joined(ctx); tx != nil {
		return s.d.normalize(fn(tx))
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return s.d.normalize(fmt.Errorf("begin: %w", err))
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return s.d.normalize(err)
	}
	if s.pgURL != "" {
		// Every other server on the database hears of the commit (and only
		// of a commit): they stop answering sign-ins from memory.
		if _, err := tx.ExecContext(ctx, `SELECT pg_notify('`+changeChannel+`', '')`); err != nil {
			_ = tx.Rollback()
			return s.d.normalize(err)
		}
	}
	err = tx.Commit()
	s.changes.gen.Add(1) // this process knows at once, committed or not
	if err != nil {
		return s.d.normalize(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// view runs fn with the read pool; errors are normalised.
func (s *Store) view(ctx context.Context, fn func(q querier) error) error {
	return s.d.normalize(fn(s.reader(ctx)))
}

// insertID runs an INSERT … RETURNING id.
func (s *Store) insertID(ctx context.Context, q querier, query string, args ...any) (int64, error) {
	var id int64
	if err := q.QueryRowContext(ctx, s.q(query), args...).Scan(&id); err != nil {
		return 0, err
	}
	return id, nil
}

// exec runs a statement that must touch exactly one row of the tenant; zero
// rows is reported as not found.
func (s *Store) execOne(ctx context.Context, q querier, what, query string, args ...any) error {
	res, err := q.ExecContext(ctx, s.q(query), args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound(what)
	}
	return nil
}

// execVersioned runs the UPDATE of one record of table, made against
// version (0: whatever version is stored). query must end with its WHERE
// clause; the version condition is added as the next parameter. No row
// touched means the record changed since that version (a stale error) or
// does not exist.
func (s *Store) execVersioned(ctx context.Context, q querier, what, table string, tenantID, id int64, version int,
	query string, args ...any) error {
	n := len(args) + 1
	query += fmt.Sprintf(" AND ($%d = 0 OR version = $%d)", n, n)
	res, err := q.ExecContext(ctx, s.q(query), append(args, version)...)
	if err != nil {
		return err
	}
	rows, err := res.RowsAffected()
	if err != nil || rows > 0 {
		return err
	}
	var current int
	err = q.QueryRowContext(ctx, s.q(`SELECT version FROM `+table+` WHERE tenant_id = $1 AND id = $2`), tenantID, id).Scan(&current)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(what)
	}
	if err != nil {
		return err
	}
	return itinera.Stale(what, version, current)
}

// lockRow locks one row of table (of the tenant, by id) until the
// transaction ends, so that checks made across rows (one e-mail per
// visitor of a program, the last administrator of a tenant) run one after
// the other. It reads with SELECT … FOR UPDATE: an UPDATE that changes
// nothing would leave a new version of the row at each call, and a
// transaction calling it ten thousand times (an import) would walk ever
// longer chains of versions on PostgreSQL.
func (s *Store) lockRow(ctx context.Context, tx *sql.Tx, what, table string, tenantID, id int64) error {
	var x int64
	where := `tenant_id = $1 AND id = $2`
	args := []any{tenantID, id}
	if table == "tenants" {
		where, args = `id = $1`, []any{id}
	}
	err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM `+table+` WHERE `+where+s.d.forUpdate()), args...).Scan(&x)
	return scanOne(err, what)
}

func notFound(what string) error {
	return itinera.Errorf(itinera.ENOTFOUND, "That %s does not exist, or it belongs to another organization.", what)
}

// scanOne turns sql.ErrNoRows into a not-found error for what.
func scanOne(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(what)
	}
	return err
}

func redactURL(u string) string {
	if i := strings.Index(u, "@"); i > 0 {
		if j := strings.Index(u, "://"); j > 0 && j < i {
			return u[:j+3] + "…" + u[i:]
		}
	}
	return u
}
