package auth

import (
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
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.Now()
	b, ok := l.buckets[key]
	if !ok {
		b = bucket{tokens: float64(l.Burst), at: now}
	}
	b.tokens += now.Sub(b.at).Seconds() / l.Every.Seconds()
	if b.tokens > float64(l.Burst) {
		b.tokens = float64(l.Burst)
	}
	b.at = now
	if b.tokens < 1 {
		l.buckets[key] = b
		return false
	}
	b.tokens--
	l.buckets[key] = b
	if len(l.buckets) > 10000 {
		l.sweep(now)
	}
	return true
}

// sweep forgets buckets that have refilled completely.
func (l *Limiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.at).Seconds()/l.Every.Seconds() >= float64(l.Burst) {
			delete(l.buckets, k)
		}
	}
}
