package subgroup_test

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"itinera/internal/subgroup"
)

// genSize draws a delegation size in the range: 8-25 visitors,
// 2-4 interpreters, 10-40 candidates, 1-3 days.
func genSize(seed uint64) subgroup.Size {
	rng := rand.New(rand.NewPCG(seed, 1))
	return subgroup.Size{Visitors: 8 + rng.IntN(18), Interpreters: 2 + rng.IntN(3), Candidates: 10 + rng.IntN(31), Days: 1 + rng.IntN(3)}
}

// TestGeneratedPlansKeepEveryRule solves generated delegations and checks
// every plan with Check, within the time the product allows.
func TestGeneratedPlansKeepEveryRule(t *testing.T) {
	for seed := uint64(1); seed <= 30; seed++ {
		p := subgroup.Generate(seed, genSize(seed))
		start := time.Now()
		res, err := subgroup.Solve(context.Background(), p, subgroup.Options{Seed: seed})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		el := time.Since(start)
		if err := subgroup.Check(p, res); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if !res.Complete {
			t.Errorf("seed %d: a mandatory item is left out: %+v", seed, res.LeftOut[0])
		}
		if el > time.Second {
			t.Errorf("seed %d: %v, want under 1 s", seed, el)
		}
		splits := 0
		for _, d := range res.Days {
			for _, st := range d.Stretches {
				if len(st.Groups) > 1 {
					splits++
				}
			}
		}
		t.Logf("seed %d %+v: value %d, %d splits, %v", seed, genSize(seed), res.Value, splits, el)
	}
}
