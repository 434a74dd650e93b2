package store

import (
	"context"
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
// moment: a generation that rises with every commit made by this process
// (at once) and with every notification from another process (as soon as
// PostgreSQL delivers it, milliseconds after the commit). While no listener
// is connected (SQLite, a command that does not serve, a lost connection)
// nothing may rely on it: live is false.
type changes struct {
	gen  atomic.Uint64
	live atomic.Bool
}

// mark returns the generation to note before a read, and whether a value
// read now may be kept under it.
func (c *changes) mark() (uint64, bool) {
	g := c.gen.Load()
	return g, c.live.Load()
}

// still reports whether nothing has changed since mark returned g.
func (c *changes) still(g uint64) bool { return c.live.Load() && c.gen.Load() == g }

// WatchChanges listens, on PostgreSQL, for the commits of every process
// serving the same database, so that the sign-in lookups done on every
// request (a session or API token, the organization's revision) can be
// answered from memory until something changes. It returns at once; the
// listener stops with ctx. On SQLite it does nothing (the lookups are
// in-process reads already, and other processes — a command run from a
// shell or the mail server — cannot notify).
func (s *Store) WatchChanges(ctx context.Context) {
	if s.d.name() != "postgres" || s.pgURL == "" {
		return
	}
	go s.listen(ctx)
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
	gen uint64
	at  time.Time // read at
	v   any
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
	if !ok || !s.changes.still(e.gen) || now.Sub(e.at) >= memoFor || now.Before(e.at) {
		return nil, false
	}
	return e.v, true
}

// mark is to be called before a read whose answer may be kept: it returns
// the generation to keep it under, and whether it may be kept at all.
func (s *Store) mark(ctx context.Context) (uint64, bool) {
	g, live := s.changes.mark()
	return g, live && s.joined(ctx) == nil
}

// keep stores v under key, read at now after mark returned gen.
func (s *Store) keep(key string, gen uint64, now time.Time, v any) {
	s.memo.mu.Lock()
	defer s.memo.mu.Unlock()
	if s.memo.m == nil || len(s.memo.m) >= memoMax {
		s.memo.m = map[string]memoEntry{}
	}
	s.memo.m[key] = memoEntry{gen: gen, at: now, v: v}
}
