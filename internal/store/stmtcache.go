package store

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
)

// stmtCache runs the read pool's queries through prepared statements kept by
// query text, so that a query is compiled once per connection rather than at
// every call: the profile of a program page spent 45 % of its CPU in
// SQLite's parser compiling the same statements again. database/sql's
// *sql.Stmt prepares itself again on each connection of the pool that runs
// it and keeps those, so one Stmt per text serves every connection.
//
// Only SQLite uses it: pgx already keeps a cache of prepared statements per
// connection (and planEachTime's mode argument needs pgx's own path).
type stmtCache struct {
	db    *sql.DB
	stmts sync.Map // query text -> *sql.Stmt
	n     atomic.Int64
}

// maxCachedStmts bounds the cache: query texts are fixed strings, but a
// few are built from a variable number of parameters (IN lists, filters),
// and such texts past the bound are simply run unprepared.
const maxCachedStmts = 2000

func newStmtCache(db *sql.DB) *stmtCache { return &stmtCache{db: db} }

// stmt returns the prepared statement of query, or nil when it is not
// cached and cannot be (the caller then runs it unprepared, which reports
// the same error a prepare would).
func (c *stmtCache) stmt(ctx context.Context, query string) *sql.Stmt {
	if v, ok := c.stmts.Load(query); ok {
		return v.(*sql.Stmt)
	}
	if c.n.Load() >= maxCachedStmts {
		return nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	if v, loaded := c.stmts.LoadOrStore(query, st); loaded {
		st.Close()
		return v.(*sql.Stmt)
	}
	c.n.Add(1)
	return st
}

func (c *stmtCache) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := c.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return c.db.ExecContext(ctx, query, args...)
}

func (c *stmtCache) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := c.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return c.db.QueryContext(ctx, query, args...)
}

func (c *stmtCache) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := c.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return c.db.QueryRowContext(ctx, query, args...)
}

// close closes every cached statement.
func (c *stmtCache) close() {
	c.stmts.Range(func(k, v any) bool {
		v.(*sql.Stmt).Close()
		c.stmts.Delete(k)
		return true
	})
}
