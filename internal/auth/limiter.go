package auth

import (
	"math"
	"sync"
	"time"
)

// Limiter allows at most Burst attempts per key, refilled at one attempt per
// Every. It bounds memory by forgetting keys that are full again.
type Limiter struct {
	Burst int
	Every time.Duration
	Now   func() time.Time

	mu      sync.Mutex
	buckets map[string]bucket
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
func (l *Limiter) Wait(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.waitFor(l.refilled(key, l.Now()))
}

// refilled is key's bucket as of now.
func (l *Limiter) refilled(key string, now time.Time) bucket {
	b, ok := l.buckets[key]
	if !ok {
		return bucket{tokens: float64(l.Burst), at: now}
	}
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
