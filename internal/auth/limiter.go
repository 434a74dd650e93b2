package auth

import (
	"context"
	"math"
	"sync"
	"time"
)

// Limiter allows at most Burst attempts per key, refilled at one attempt per
// Every. It bounds memory by forgetting keys that are full again.
//
// A shared limiter (NewSharedLimiter) keeps its buckets in Buckets, the
// database, so that several app servers on one database have one budget;
// when the database cannot be reached it falls back to this process's
// buckets.
type Limiter struct {
	Burst int
	Every time.Duration
	Now   func() time.Time

	name   string
	shared Buckets

	mu      sync.Mutex
	buckets map[string]bucket
	// looked keeps, for a shared limiter, what Wait last read of each
	// key, for lookFresh: the check before every API request then reads
	// the database at most once a second per client address.
	looked map[string]look
}

// look is a shared bucket's wait as read at at.
type look struct {
	wait time.Duration
	at   time.Time
}

// lookFresh is how long Wait trusts what it read of a shared bucket: a
// limit reached through another server holds here within it; one reached
// through this one holds at once (Take forgets the key's look).
const lookFresh = time.Second

// Bucket is a shared limiter's bucket as Buckets keeps it: Tokens left as
// of At. Found is false for a key without a bucket (a full one); Full,
// set by the limiter, asks for the bucket to be forgotten.
type Bucket struct {
	Tokens float64
	At     time.Time
	Found  bool
	Full   bool
}

// Buckets keeps shared limiters' buckets (the store, in the database).
// UpdateBuckets reads the buckets of keys of limit name, lets fn change
// them and, when fn says write, stores fn's buckets, all in one
// transaction that holds them locked. Buckets last changed before
// staleBefore are full and may be forgotten.
type Buckets interface {
	UpdateBuckets(ctx context.Context, name string, keys []string, staleBefore time.Time,
		fn func(bs []Bucket) (out []Bucket, write bool)) error
}

// NewSharedLimiter returns a limiter named name whose buckets live in b.
func NewSharedLimiter(name string, burst int, every time.Duration, now func() time.Time, b Buckets) *Limiter {
	l := NewLimiter(burst, every, now)
	l.name, l.shared = name, b
	return l
}

// sharedTimeout bounds a shared limiter's database round trip.
const sharedTimeout = 5 * time.Second

// update runs fn on the shared buckets of keys; ok is false when the
// database could not be used (the caller then uses the local buckets).
func (l *Limiter) update(keys []string, fn func(bs []bucket, now time.Time) (write bool)) (ok bool) {
	if l.shared == nil {
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), sharedTimeout)
	defer cancel()
	now := l.Now()
	err := l.shared.UpdateBuckets(ctx, l.name, keys, now.Add(-time.Duration(l.Burst+1)*l.Every), func(in []Bucket) ([]Bucket, bool) {
		bs := make([]bucket, len(in))
		for i, b := range in {
			if b.Found {
				bs[i] = l.refill(bucket{tokens: b.Tokens, at: b.At}, now)
			} else {
				bs[i] = bucket{tokens: float64(l.Burst), at: now}
			}
		}
		write := fn(bs, now)
		out := make([]Bucket, len(bs))
		for i, b := range bs {
			out[i] = Bucket{Tokens: b.tokens, At: b.at, Found: true, Full: b.tokens >= float64(l.Burst)}
		}
		return out, write
	})
	return err == nil
}

type bucket struct {
	tokens float64
	at     time.Time
}

// NewLimiter returns a limiter; now is the clock (time.Now in production).
func NewLimiter(burst int, every time.Duration, now func() time.Time) *Limiter {
	return &Limiter{Burst: burst, Every: every, Now: now, buckets: map[string]bucket{}}
}

// Allow takes one attempt for key and reports whether it is allowed.
func (l *Limiter) Allow(key string) bool {
	ok, _ := l.Take(key)
	return ok
}

// Take takes one attempt from every key, all or none: it reports whether
// each key had one left, and when not, how long until they all have one.
// A limit on several keys at once (an account and a client address) is
// one Take, so that a refused attempt costs nothing.
func (l *Limiter) Take(keys ...string) (ok bool, wait time.Duration) {
	if l.shared != nil {
		l.mu.Lock()
		for _, k := range keys {
			delete(l.looked, k)
		}
		l.mu.Unlock()
	}
	if l.update(keys, func(bs []bucket, _ time.Time) bool {
		ok, wait = l.take(bs)
		return ok
	}) {
		return ok, wait
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.Now()
	bs := make([]bucket, len(keys))
	for i, k := range keys {
		bs[i] = l.refilled(k, now)
		if w := l.waitFor(bs[i]); w > wait {
			wait = w
		}
	}
	if wait > 0 {
		return false, wait
	}
	for i, k := range keys {
		bs[i].tokens--
		l.buckets[k] = bs[i]
	}
	if len(l.buckets) > 10000 {
		l.sweep(now)
	}
	return true, 0
}

// Refund gives back an attempt taken from each key, for attempts that turn
// out not to count (a successful sign-in).
func (l *Limiter) Refund(keys ...string) {
	if l.update(keys, func(bs []bucket, _ time.Time) bool {
		for i := range bs {
			bs[i].tokens = math.Min(bs[i].tokens+1, float64(l.Burst))
		}
		return true
	}) {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.Now()
	for _, k := range keys {
		b := l.refilled(k, now)
		b.tokens = math.Min(b.tokens+1, float64(l.Burst))
		l.buckets[k] = b
	}
}

// Wait reports how long until key has an attempt, without taking one: 0
// when it has one now. With Allow after each failure it limits failures
// only, for callers whose successes must never be held back.
func (l *Limiter) Wait(key string) (wait time.Duration) {
	if l.shared != nil {
		now := l.Now()
		l.mu.Lock()
		lk, ok := l.looked[key]
		l.mu.Unlock()
		if ok && now.Sub(lk.at) >= 0 && now.Sub(lk.at) < lookFresh {
			return max(0, lk.wait-now.Sub(lk.at))
		}
	}
	if l.update([]string{key}, func(bs []bucket, _ time.Time) bool {
		wait = l.waitFor(bs[0])
		return false
	}) {
		l.mu.Lock()
		if l.looked == nil || len(l.looked) > 10000 {
			l.looked = map[string]look{}
		}
		l.looked[key] = look{wait: wait, at: l.Now()}
		l.mu.Unlock()
		return wait
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.waitFor(l.refilled(key, l.Now()))
}

// take takes one attempt from each of bs when each has one.
func (l *Limiter) take(bs []bucket) (ok bool, wait time.Duration) {
	for _, b := range bs {
		if w := l.waitFor(b); w > wait {
			wait = w
		}
	}
	if wait > 0 {
		return false, wait
	}
	for i := range bs {
		bs[i].tokens--
	}
	return true, 0
}

// refilled is key's bucket as of now.
func (l *Limiter) refilled(key string, now time.Time) bucket {
	b, ok := l.buckets[key]
	if !ok {
		return bucket{tokens: float64(l.Burst), at: now}
	}
	return l.refill(b, now)
}

// refill is b as of now.
func (l *Limiter) refill(b bucket, now time.Time) bucket {
	if now.After(b.at) {
		b.tokens = math.Min(b.tokens+now.Sub(b.at).Seconds()/l.Every.Seconds(), float64(l.Burst))
		b.at = now
	}
	return b
}

// waitFor is how long until b holds a whole attempt.
func (l *Limiter) waitFor(b bucket) time.Duration {
	if b.tokens >= 1 {
		return 0
	}
	return time.Duration(math.Ceil((1 - b.tokens) * float64(l.Every)))
}

// sweep forgets buckets that have refilled completely.
func (l *Limiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.at).Seconds()/l.Every.Seconds() >= float64(l.Burst) {
			delete(l.buckets, k)
		}
	}
}

// NewLimiterIn returns a limiter named name shared through b, or a limiter
// of this process when b is nil.
func NewLimiterIn(b Buckets, name string, burst int, every time.Duration, now func() time.Time) *Limiter {
	if b == nil {
		return NewLimiter(burst, every, now)
	}
	return NewSharedLimiter(name, burst, every, now, b)
}
