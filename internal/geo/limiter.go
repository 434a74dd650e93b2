package geo

import (
	"context"
	"sync"
	"time"
)

// limiter spaces requests at least interval apart. Each caller reserves the
// next free slot, then waits for it; a caller whose context ends while
// waiting leaves its slot unused, which only makes the limit stricter.
type limiter struct {
	interval time.Duration
	clock    Clock

	mu   sync.Mutex
	next time.Time // the earliest time of the next request
}

func newLimiter(interval time.Duration, clock Clock) *limiter {
	return &limiter{interval: interval, clock: clock}
}

// reserve books the next slot and returns how long to wait for it.
func (l *limiter) reserve() time.Duration {
	if l.interval <= 0 {
		return 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock.Now()
	at := l.next
	if at.Before(now) {
		at = now
	}
	l.next = at.Add(l.interval)
	return at.Sub(now)
}

// wait returns when the caller may send, or ctx's error if it ends first.
func (l *limiter) wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	d := l.reserve()
	if d <= 0 {
		return nil
	}
	return l.clock.Sleep(ctx, d)
}
