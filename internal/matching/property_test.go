package matching_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"itinera/internal/matching"
	"itinera/internal/matching/matchingtest"
)

// bruteForce returns the most visitors any assignment of visitors and
// interpreters to households places without a violation reported by Check.
func bruteForce(in matching.Input) int {
	hs := make([]string, 0, len(in.Households))
	for _, h := range in.Households {
		hs = append(hs, h.ID)
	}
	nV, nI, choices := len(in.Visitors), len(in.Interpreters), len(hs)+1
	total := 1
	for range nV + nI {
		total *= choices
	}
	best := 0
	for code := range total {
		byH := make([]matching.Assignment, len(hs))
		for h := range hs {
			byH[h].Household = hs[h]
		}
		c, placed := code, 0
		for v := range nV {
			if k := c % choices; k > 0 {
				byH[k-1].Visitors = append(byH[k-1].Visitors, in.Visitors[v].ID)
				placed++
			}
			c /= choices
		}
		for i := range nI {
			if k := c % choices; k > 0 {
				byH[k-1].Interpreters = append(byH[k-1].Interpreters, in.Interpreters[i].ID)
			}
			c /= choices
		}
		if placed <= best {
			continue
		}
		var res matching.Result
		for _, a := range byH {
			if len(a.Visitors)+len(a.Interpreters) > 0 {
				res.Assignments = append(res.Assignments, a)
			}
		}
		if len(matching.Check(in, res)) == 0 {
			best = placed
		}
	}
	return best
}

func smallInstance(seed uint64) matching.Input {
	shapes := []matchingtest.Options{
		{Visitors: 5, Households: 3, Interpreters: 1, Together: 1, Apart: 1},
		{Visitors: 6, Households: 2, Interpreters: 1, Apart: 2},
		{Visitors: 4, Households: 3, Interpreters: 2, Together: 1},
		{Visitors: 6, Households: 3, MinGroup: 3, Apart: 1},
		{Visitors: 5, Households: 3, Interpreters: 1, MinGroup: 1, Unavailable: 1},
	}
	o := shapes[seed%uint64(len(shapes))]
	in := matchingtest.Generate(seed, o)
	// Small capacities and more single-language visitors make the rules bite.
	for h := range in.Households {
		in.Households[h].Capacity = 1 + int(seed+uint64(h))%4
	}
	for v := range in.Visitors {
		if (seed+uint64(v))%3 == 0 {
			in.Visitors[v].Languages = []string{"Arabic"}
		}
	}
	if len(in.Interpreters) > 0 {
		in.Interpreters[0].Languages = []string{"Arabic", "English"}
	}
	return in
}

func TestOptimalAgainstBruteForce(t *testing.T) {
	t.Parallel()
	for seed := range uint64(60) {
		in := smallInstance(seed)
		if err := in.Validate(); err != nil {
			continue
		}
		res, err := matching.Solve(context.Background(), in)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if vs := matching.Check(in, res); len(vs) > 0 {
			t.Fatalf("seed %d: violations %+v", seed, vs)
		}
		if want := bruteForce(in); res.Stats.Placed != want || !res.Stats.Optimal {
			t.Fatalf("seed %d: placed %d (optimal %t), brute force %d\ninput %+v\nresult %+v", seed, res.Stats.Placed, res.Stats.Optimal, want, in, res)
		}
		if len(res.Unplaced) != len(in.Visitors)-res.Stats.Placed {
			t.Fatalf("seed %d: %d unplaced listed, %d placed of %d", seed, len(res.Unplaced), res.Stats.Placed, len(in.Visitors))
		}
		for _, u := range res.Unplaced {
			if u.Reason == "" {
				t.Fatalf("seed %d: %s has no reason", seed, u.Visitor)
			}
		}
	}
}

func TestRandomInstancesKeepRules(t *testing.T) {
	t.Parallel()
	for k := range 40 {
		in := matchingtest.Benchmark(1000 + k)
		res, err := matching.Solve(context.Background(), in)
		if err != nil {
			t.Fatalf("instance %d: %v", k, err)
		}
		if vs := matching.Check(in, res); len(vs) > 0 {
			t.Fatalf("instance %d: violations %+v", k, vs)
		}
		if !res.Stats.Optimal || res.Stats.Placed != res.Stats.UpperBound {
			t.Fatalf("instance %d: not proven optimal: %+v", k, res.Stats)
		}
		if got := matching.Evaluate(in, res); got.Placed != res.Stats.Placed || got.Total != res.Stats.Score {
			t.Fatalf("instance %d: score %+v, stats %+v", k, got, res.Stats)
		}
		again, _ := matching.Solve(context.Background(), in)
		if !reflect.DeepEqual(again.Assignments, res.Assignments) || !reflect.DeepEqual(again.Unplaced, res.Unplaced) {
			t.Fatalf("instance %d: two runs differ", k)
		}
	}
}

func TestCancelledSearchReturnsValidMatching(t *testing.T) {
	t.Parallel()
	in := matchingtest.Hard(7) // needs seconds to prove
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := matching.Solve(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Stats.Optimal || res.Stats.Placed > res.Stats.UpperBound {
		t.Errorf("stats %+v", res.Stats)
	}
	if vs := matching.Check(in, res); len(vs) > 0 {
		t.Errorf("violations %+v", vs)
	}
	for _, u := range res.Unplaced {
		if strings.Contains(u.Reason, "no other arrangement") {
			t.Errorf("unproven result claims optimality: %q", u.Reason)
		}
	}
}
