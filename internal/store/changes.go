package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// changeChannel is the PostgreSQL notification channel every write
// transaction notifies before it commits (PostgreSQL delivers the
// notification at the commit, and only if it commits).
const changeChannel = "itinera_changes"

// changes tells whether anything may have changed in the database since a
// moment. On PostgreSQL: a generation that rises with every commit made by
// this process (at once) and with every notification from another process
// (as soon as PostgreSQL delivers it, milliseconds after the commit). On
// SQLite: the same generation and SQLite's data_version, read on a
// connection of its own, which changes with every commit of any other
// connection, in this process or another (a command run from a shell, the
// mail server's pipe). Until WatchChanges runs (a command that does not
// serve) or while the listener is not connected, nothing may rely on it:
// live is false.
type changes struct {
	gen      atomic.Uint64
	live     atomic.Bool
	watching atomic.Bool // WatchChanges ran

	probeMu sync.Mutex
	probe   *sql.DB // SQLite: one connection for PRAGMA data_version
}

// stamp is what changes says at a moment.
type stamp struct{ gen, version uint64 }

// mark returns the stamp to note before a read, and whether a value read
// now may be kept under it.
func (c *changes) mark(ctx context.Context) (stamp, bool) {
	st := stamp{gen: c.gen.Load()}
	if !c.live.Load() {
		return st, false
	}
	if c.probe == nil {
		return st, true
	}
	c.probeMu.Lock()
	defer c.probeMu.Unlock()
	if err := c.probe.QueryRowContext(ctx, "PRAGMA data_version").Scan(&st.version); err != nil {
		return st, false
	}
	return st, true
}

// still reports whether nothing has changed since mark returned st.
func (c *changes) still(ctx context.Context, st stamp) bool {
	now, ok := c.mark(ctx)
	return ok && now == st
}

func (c *changes) closeProbe() {
	c.live.Store(false)
	c.probeMu.Lock()
	defer c.probeMu.Unlock()
	if c.probe != nil {
		c.probe.Close()
		c.probe = nil
	}
}

// WatchChanges lets the lookups made on every request (a session or API
// token and its user, a feed, the organization's newest change) be
// answered from memory until something changes: on PostgreSQL it listens
// for the commits of every process serving the same database (until ctx
// ends); on SQLite it opens a connection to ask data_version. It returns
// at once; a second call does nothing. Commands that do not serve never call it and read every time.
func (s *Store) WatchChanges(ctx context.Context) {
	if !s.changes.watching.CompareAndSwap(false, true) {
		return // once per store
	}
	switch {
	case s.pgURL != "":
		go s.listen(ctx)
	case s.sqliteDSN != "":
		db, err := sql.Open("sqlite", s.sqliteDSN)
		if err != nil {
			s.log.Warn("cannot open the change probe; lookups read the database every time", "err", err)
			return
		}
		db.SetMaxOpenConns(1)
		db.SetMaxIdleConns(1)
		db.SetConnMaxIdleTime(0)
		s.changes.probeMu.Lock()
		s.changes.probe = db
		s.changes.probeMu.Unlock()
		s.changes.live.Store(true)
	}
}

func (s *Store) listen(ctx context.Context) {
	wait := time.Second
	for ctx.Err() == nil {
		err := s.listenOnce(ctx)
		s.changes.live.Store(false)
		s.changes.gen.Add(1)
		if ctx.Err() != nil {
			return
		}
		s.log.Warn("listening for other servers' changes failed; sign-in lookups read the database until it is back", "err", err, "retry_in", wait)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Minute)
	}
}

// listenOnce connects, listens and counts notifications until the
// connection or ctx ends.
func (s *Store) listenOnce(ctx context.Context) error {
	conn, err := pgx.Connect(ctx, s.pgURL)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+changeChannel); err != nil {
		return err
	}
	// Whatever was read before this moment may have missed a notification.
	s.changes.gen.Add(1)
	s.changes.live.Store(true)
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return err
		}
		s.changes.gen.Add(1)
	}
}

// memo keeps the answers of the lookups every request makes (a session or
// API token and its user, a feed, an organization's newest change) while
// changes says nothing has changed since they were read, and never longer
// than memoFor. It is bounded: when full it starts again empty. Reads made
// inside a transaction are neither answered from it nor kept in it.
type memo struct {
	mu sync.Mutex
	m  map[string]memoEntry
}

type memoEntry struct {
	st stamp
	at time.Time // read at
	v  any
}

const memoMax = 20000

// memoFor bounds how long a kept answer is used even when nothing was
// heard: a change made with SQL outside Itinera (which notifies nobody) is
// seen after at most this long.
const memoFor = time.Minute

// recall returns what was kept under key, if it may still be used at now.
func (s *Store) recall(ctx context.Context, key string, now time.Time) (any, bool) {
	if s.joined(ctx) != nil {
		return nil, false
	}
	s.memo.mu.Lock()
	e, ok := s.memo.m[key]
	s.memo.mu.Unlock()
	if !ok || now.Sub(e.at) >= memoFor || now.Before(e.at) || !s.changes.still(ctx, e.st) {
		return nil, false
	}
	return e.v, true
}

// mark is to be called before a read whose answer may be kept: it returns
// the generation to keep it under, and whether it may be kept at all.
func (s *Store) mark(ctx context.Context) (stamp, bool) {
	if s.joined(ctx) != nil {
		return stamp{}, false
	}
	return s.changes.mark(ctx)
}

// keep stores v under key, read at now after mark returned st.
func (s *Store) keep(key string, st stamp, now time.Time, v any) {
	s.memo.mu.Lock()
	defer s.memo.mu.Unlock()
	if s.memo.m == nil || len(s.memo.m) >= memoMax {
		s.memo.m = map[string]memoEntry{}
	}
	s.memo.m[key] = memoEntry{st: st, at: now, v: v}
}

// Stamp names the database's state as this process knows it: it changes
// with every commit by this process at once, and with every other
// process's commit (SQLite: at once; PostgreSQL: when its notification
// arrives). ok is false while that cannot be told (WatchChanges is not
// running, or its listener is not connected).
func (s *Store) Stamp(ctx context.Context) (string, bool) {
	st, ok := s.changes.mark(ctx)
	return fmt.Sprintf("g%d.v%d", st.gen, st.version), ok
}
