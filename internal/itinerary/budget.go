package itinerary

import (
	"context"
	"time"
)

// budget is how long one worker may search, and how far through it the
// worker is: the annealing temperature falls with that fraction.
type budget struct {
	ctx     context.Context
	maxIter int           // 0: no iteration limit
	limit   time.Duration // 0: no time limit
	clock   func() time.Duration
	start   time.Duration
}

func newBudget(ctx context.Context, opt Options, maxIter int) *budget {
	b := &budget{ctx: ctx, maxIter: maxIter, limit: opt.TimeLimit, clock: opt.Clock}
	if b.clock == nil {
		t0 := time.Now()
		b.clock = func() time.Duration { return time.Since(t0) }
	}
	b.start = b.clock()
	return b
}

// fraction is the part of the budget used before iteration it (1-based),
// in [0, 1]: the larger of the iterations' and the time's part. Without
// any limit (only a context) it is 0.
func (b *budget) fraction(it int) float64 {
	f := 0.0
	if b.maxIter > 0 {
		f = float64(it-1) / float64(b.maxIter)
	}
	if b.limit > 0 {
		f = max(f, float64(b.clock()-b.start)/float64(b.limit))
	}
	return min(f, 1)
}

// over reports whether iteration it (1-based) may not run.
func (b *budget) over(it int) bool {
	if b.maxIter > 0 && it > b.maxIter {
		return true
	}
	return b.ctx.Err() != nil || (b.limit > 0 && b.clock()-b.start >= b.limit)
}
