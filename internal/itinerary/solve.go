package itinerary

import (
	"context"
	"sync"
)

const defaultIterations = 2000

// Solve chooses and times the candidates of p. It returns the best
// itinerary found when the search ends: after Options.MaxIterations, at
// Options.TimeLimit, or when ctx is cancelled (anytime). For a fixed seed
// and iteration budget the result is deterministic; with only a time
// limit it depends on how far the search got.
func Solve(ctx context.Context, p Problem, opt Options) (*Result, error) {
	md, err := compile(&p)
	if err != nil {
		return nil, err
	}
	snap, iters := search(ctx, md, opt, nil)
	return buildResult(&p, md, md, snap, iters), nil
}

// search runs the workers and returns the best snapshot. seedSnap, if
// not nil, is a feasible starting solution for every worker.
func search(ctx context.Context, md *model, opt Options, seedSnap [][]int) ([][]int, int) {
	workers := max(opt.Workers, 1)
	maxIter := opt.MaxIterations
	if maxIter == 0 && opt.TimeLimit == 0 {
		maxIter = defaultIterations
	}
	b := newBudget(ctx, opt, maxIter)
	results := make([]searchResult, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			se := newSearcher(md, opt.Seed+uint64(w))
			if seedSnap != nil {
				se.s.restore(seedSnap)
			}
			results[w] = se.run(b)
		})
	}
	wg.Wait()
	best := 0
	total := 0
	for w, r := range results {
		total += r.iterations
		if r.score > results[best].score {
			best = w
		}
	}
	return results[best].snap, total
}
