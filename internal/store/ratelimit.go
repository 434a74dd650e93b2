package store

import (
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"time"

	"itinera/internal/auth"
)

// UpdateBuckets reads the buckets of limit name for keys (auth.Bucket.Found
// false for a key without one), lets fn change them and writes what fn
// returns, in one transaction that holds them locked: two app servers
// taking from one bucket at once take one after the other. Buckets full
// again (fn says so with Full) are deleted, and so, now and then, are the
// limit's buckets last changed before staleBefore (full by then).
func (s *Store) UpdateBuckets(ctx context.Context, name string, keys []string, staleBefore time.Time,
	fn func(bs []auth.Bucket) (out []auth.Bucket, write bool)) error {
	// First a plain read on the read pool: most calls only look (a limit
	// checked before each API request) and write nothing, so they take
	// no lock and open no write transaction. Only when fn would write are
	// the buckets read again, locked, and fn asked again.
	bs := make([]auth.Bucket, len(keys))
	for i, k := range keys {
		var ns int64
		err := s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT tokens, at_ns FROM rate_buckets WHERE name = $1 AND key = $2`), name, k).
			Scan(&bs[i].Tokens, &ns)
		if errors.Is(err, sql.ErrNoRows) {
			bs[i] = auth.Bucket{}
			continue
		}
		if err != nil {
			return err
		}
		if ns >= 0 {
			bs[i].Found, bs[i].At = true, time.Unix(0, ns)
		}
	}
	if _, write := fn(bs); !write {
		return nil
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		bs := make([]auth.Bucket, len(keys))
		for i, k := range keys {
			// The row must exist to be locked on PostgreSQL; a new one is
			// marked with a negative time, read as "none".
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO rate_buckets (name, key, tokens, at_ns) VALUES ($1, $2, 0, -1)
				ON CONFLICT (name, key) DO NOTHING`), name, k); err != nil {
				return err
			}
			var ns int64
			if err := tx.QueryRowContext(ctx, s.q(`SELECT tokens, at_ns FROM rate_buckets WHERE name = $1 AND key = $2`+s.d.forUpdate()),
				name, k).Scan(&bs[i].Tokens, &ns); err != nil {
				return err
			}
			if ns >= 0 {
				bs[i].Found, bs[i].At = true, time.Unix(0, ns)
			}
		}
		out, write := fn(bs)
		if !write {
			out = bs
		}
		for i, k := range keys {
			b := out[i]
			if b.Full || !b.Found {
				if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM rate_buckets WHERE name = $1 AND key = $2`), name, k); err != nil {
					return err
				}
				continue
			}
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE rate_buckets SET tokens = $3, at_ns = $4 WHERE name = $1 AND key = $2`),
				name, k, b.Tokens, b.At.UnixNano()); err != nil {
				return err
			}
		}
		if rand.IntN(64) == 0 { // now and then: buckets of keys never seen again
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM rate_buckets WHERE name = $1 AND at_ns >= 0 AND at_ns < $2`),
				name, staleBefore.UnixNano()); err != nil {
				return err
			}
		}
		return nil
	})
}
