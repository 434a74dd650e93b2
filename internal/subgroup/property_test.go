package subgroup_test

import (
	"context"
	"math/rand/v2"
	"reflect"
	"syscall"
	"testing"
	"time"

	"itinera/internal/itinerary"
	"itinera/internal/subgroup"
)

// cpuTime is the CPU time this process has used: on a machine shared
// with other work it measures the engine, which the wall clock does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

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
		start, cpu := time.Now(), cpuTime()
		res, err := subgroup.Solve(context.Background(), p, subgroup.Options{Seed: seed})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		el, used := time.Since(start), cpuTime()-cpu
		if err := subgroup.Check(p, res); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if !res.Complete {
			t.Errorf("seed %d: a mandatory item is left out: %+v", seed, res.LeftOut[0])
		}
		if used > time.Second {
			t.Errorf("seed %d: %v of CPU time, want under 1 s", seed, used)
		}
		splits := 0
		for _, d := range res.Days {
			for _, st := range d.Stretches {
				if len(st.Groups) > 1 {
					splits++
				}
			}
		}
		t.Logf("seed %d %+v: value %d, %d splits, %v (%v CPU)", seed, genSize(seed), res.Value, splits, el, used)
	}
}

// TestWideWindowsUseTheItineraryEngine plans a day whose tours are too
// many to enumerate (24 short meetings open all day, lunch apart): the
// pool then takes tours from internal/itinerary, and the plan still keeps
// every rule, fills the day and comes back within a second.
func TestWideWindowsUseTheItineraryEngine(t *testing.T) {
	p := subgroup.Generate(5, subgroup.Size{Visitors: 12, Interpreters: 3, Candidates: 25, Days: 1})
	p.LunchTogether = false
	for i := range p.Candidates[1:] {
		c := &p.Candidates[i+1]
		c.Duration = 45
		c.Windows = []itinerary.Window{{From: 540, To: 1020}}
		c.Place = "hotel"
		if i%3 == 0 {
			c.Place = "lunch1"
		}
	}
	cpu := cpuTime()
	res, err := subgroup.Solve(context.Background(), p, subgroup.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if used := cpuTime() - cpu; used > time.Second {
		t.Errorf("%v of CPU time, want under 1 s", used)
	}
	if err := subgroup.Check(p, res); err != nil {
		t.Fatal(err)
	}
	items := 0
	for _, st := range res.Days[0].Stretches {
		for _, g := range st.Groups {
			items += len(g.Items)
		}
	}
	if items < 8 {
		t.Errorf("only %d items on a day open from 9 to 5", items)
	}
}

// TestSameSeedSamePlan: when the rounds, not the clock, end the search,
// a seed gives one plan.
func TestSameSeedSamePlan(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		p := subgroup.Generate(seed, genSize(seed))
		opt := subgroup.Options{Seed: seed, TimeLimit: time.Minute, MaxRounds: 4}
		a, err := subgroup.Solve(context.Background(), p, opt)
		if err != nil {
			t.Fatal(err)
		}
		b, err := subgroup.Solve(context.Background(), p, opt)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("seed %d: two plans, values %d and %d", seed, a.Value, b.Value)
		}
	}
}

// TestMoreEscortsNeverLoseValue: splitting is a choice, so a delegation
// with escorts for several groups does at least as well as with one.
func TestMoreEscortsNeverLoseValue(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		p := subgroup.Generate(seed, genSize(seed))
		escorts := p.Escorts
		opt := subgroup.Options{Seed: 1, TimeLimit: time.Minute}
		many, err := subgroup.Solve(context.Background(), p, opt)
		if err != nil {
			t.Fatal(err)
		}
		p.Escorts = 1
		one, err := subgroup.Solve(context.Background(), p, opt)
		if err != nil {
			t.Fatal(err)
		}
		if err := subgroup.Check(p, one); err != nil {
			t.Fatal(err)
		}
		for _, d := range one.Days {
			for _, st := range d.Stretches {
				if len(st.Groups) != 1 {
					t.Fatalf("seed %d: %d groups with one escort", seed, len(st.Groups))
				}
			}
		}
		if many.Value < one.Value {
			t.Errorf("seed %d: %d with %d escorts, %d with one", seed, many.Value, escorts, one.Value)
		}
	}
}
