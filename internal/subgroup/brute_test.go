package subgroup_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"itinera/internal/itinerary"
	"itinera/internal/subgroup"
)

// tiny makes a delegation small enough for exhaustive search: one day
// with a together welcome and a split part with a lunch hour, 3-4
// visitors, 1-2 interpreters, 4-5 candidates, two escorts, a travel
// matrix.
func tiny(seed uint64) subgroup.Problem {
	rng := rand.New(rand.NewPCG(seed, 3))
	p := subgroup.Problem{Escorts: 2 + rng.IntN(2), LunchTogether: rng.IntN(2) == 0, SplitCost: rng.IntN(25)}
	langs := []string{"fr", "ar"}
	topics := []string{"a", "b", "c"}
	for v := range 3 + rng.IntN(2) {
		vis := subgroup.Visitor{ID: fmt.Sprintf("v%d", v), Languages: []string{langs[rng.IntN(2)]}, Interests: map[string]int{}}
		if rng.IntN(3) == 0 {
			vis.Languages = append(vis.Languages, "en")
		}
		vis.Interests[topics[rng.IntN(3)]] = 5 * rng.IntN(5)
		p.Visitors = append(p.Visitors, vis)
	}
	for i := range 1 + rng.IntN(2) {
		p.Interpreters = append(p.Interpreters, subgroup.Interpreter{ID: fmt.Sprintf("i%d", i), Languages: []string{"en", langs[i]}})
	}
	places := []string{"hotel", "lunch"}
	nc := 4 + rng.IntN(2)
	for c := range nc {
		id := fmt.Sprintf("c%d", c)
		places = append(places, id)
		cd := subgroup.Candidate{ID: id, Place: id, Duration: 60 + 30*rng.IntN(3), Value: 1 + rng.IntN(10),
			Topics: []string{topics[rng.IntN(3)]}, Languages: [][]string{{"en"}, {"en"}, {"fr"}, nil}[rng.IntN(4)]}
		from := 540 + 30*rng.IntN(14)
		cd.Windows = []itinerary.Window{{From: from, To: min(from+cd.Duration+30*rng.IntN(6), 1020)}}
		if rng.IntN(3) == 0 {
			from := 540 + 30*rng.IntN(14)
			cd.Windows = append(cd.Windows, itinerary.Window{From: from, To: min(from+cd.Duration+60, 1020)})
		}
		switch rng.IntN(8) {
		case 0:
			cd.MaxVisitors = 1 + rng.IntN(2)
		case 1:
			cd.MinVisitors = 2
		case 2:
			cd.Audience = subgroup.Named
			cd.Named = []string{"v0", "v1"}
		case 3:
			cd.Audience = subgroup.Everyone
		}
		if c == 1 && rng.IntN(2) == 0 {
			// Just after lunch: reachable from some places and not others.
			cd.Windows = []itinerary.Window{{From: 820, To: 820 + cd.Duration}}
		}
		if c == 0 && rng.IntN(2) == 0 {
			cd.Mandatory, cd.Languages, cd.Windows = true, nil, []itinerary.Window{{From: 480, To: 540}}
			cd.Audience, cd.Named, cd.MinVisitors, cd.MaxVisitors, cd.Duration = subgroup.AnyGroup, nil, 0, 0, 60
			cd.Place = "hotel"
		}
		p.Candidates = append(p.Candidates, cd)
	}
	tt := map[[2]string]int{}
	for _, a := range places {
		p.Places = append(p.Places, itinerary.Place{ID: a})
		for _, b := range places {
			if a < b {
				tt[[2]string{a, b}] = 5 + rng.IntN(26)
			}
		}
	}
	p.Travel = func(a, b string) int {
		if a > b {
			a, b = b, a
		}
		return tt[[2]string{a, b}]
	}
	p.Days = []subgroup.Day{{Label: "day 1", Lunch: &subgroup.Lunch{From: 750, To: 810, Place: "lunch"}, Parts: []subgroup.Part{
		{Label: "welcome", From: 480, To: 540, Start: "hotel", End: "hotel", Together: true},
		{Label: "visits", From: 540, To: 1020, Start: "hotel", End: "hotel"},
	}}}
	// Half the delegations have a meeting limit on their day (drawn last,
	// so the rest of each instance is as before the limit existed).
	if rng.IntN(2) == 0 {
		p.Days[0].MaxMeetings = 1 + rng.IntN(2)
		for c := range p.Candidates {
			p.Candidates[c].Meeting = rng.IntN(3) != 0
		}
	}
	return p
}

// brute finds the best value of p by trying every partition of the
// visitors, every placement of the interpreters and every ordered tour of
// every group in every stretch (dynamic programming over the set of
// candidates already used). It shares no code with the engine.
func brute(p subgroup.Problem) int {
	type stretch struct {
		from, to   int
		start, end string
		together   bool
		lunch      bool
		l0, l1     int
	}
	var sts []stretch
	day := p.Days[0]
	for _, pt := range day.Parts {
		st := stretch{pt.From, pt.To, pt.Start, pt.End, pt.Together, false, 0, 0}
		l := day.Lunch
		switch {
		case l.To <= pt.From || l.From >= pt.To:
			sts = append(sts, st)
		case !p.LunchTogether:
			st.lunch, st.l0, st.l1 = true, l.From, l.To
			sts = append(sts, st)
		default:
			a, b := st, st
			a.to, a.end = l.From, l.Place
			b.from, b.start = l.To, l.Place
			sts = append(sts, a, b)
		}
	}
	nv, ni, nc := len(p.Visitors), len(p.Interpreters), len(p.Candidates)
	place := func(c int) string { return p.Candidates[c].Place }
	// feasible tours per stretch: candidate masks (any feasible order).
	tours := make([][]int, len(sts))
	for si, st := range sts {
		seen := map[int]bool{}
		var rec func(seq []int, mask int)
		rec = func(seq []int, mask int) {
			// time the sequence: earliest starts; a leg that would end in or
			// after the lunch hour leaves after it.
			pos, t, after, ok := st.start, st.from, false, true
			for _, c := range seq {
				cd := p.Candidates[c]
				tr := p.Travel(pos, place(c))
				best := -1
				for _, lunchFirst := range []bool{false, true} {
					dep := t
					if lunchFirst {
						if !st.lunch || after {
							continue
						}
						dep = max(t, st.l1)
					}
					for _, w := range cd.Windows {
						s := max(dep+tr, w.From)
						e := s + cd.Duration
						if e > w.To || e > st.to {
							continue
						}
						if st.lunch && !after && !lunchFirst && e > st.l0 {
							continue
						}
						if best < 0 || s < best {
							best = s
						}
					}
					if best >= 0 {
						after = after || lunchFirst
						break
					}
				}
				if best < 0 {
					ok = false
					break
				}
				pos, t = place(c), best+cd.Duration
			}
			if ok {
				if st.lunch && !after {
					t = max(t, st.l1)
				}
				if t+p.Travel(pos, st.end) <= st.to && !seen[mask] {
					seen[mask] = true
					tours[si] = append(tours[si], mask)
				}
			}
			if !ok {
				return
			}
			for c := range nc {
				if mask&(1<<c) == 0 {
					rec(append(seq, c), mask|1<<c)
				}
			}
		}
		rec(nil, 0)
	}
	worth := func(v, c int) int {
		w := p.Candidates[c].Value
		for _, t := range p.Candidates[c].Topics {
			w += p.Visitors[v].Interests[t]
		}
		return w
	}
	meetings := func(mask int) int {
		n := 0
		for c := range nc {
			if mask&(1<<c) != 0 && p.Candidates[c].Meeting {
				n++
			}
		}
		return n
	}
	can := func(members []int, ints []int, mask int, count []int) (int, bool) {
		if lim := day.MaxMeetings; lim > 0 {
			for _, v := range members {
				if count[v]+meetings(mask) > lim {
					return 0, false
				}
			}
		}
		val := 0
		for c := range nc {
			if mask&(1<<c) == 0 {
				continue
			}
			cd := p.Candidates[c]
			if len(members) < cd.MinVisitors || (cd.MaxVisitors > 0 && len(members) > cd.MaxVisitors) {
				return 0, false
			}
			if (cd.Mandatory || cd.Audience == subgroup.Everyone) && len(members) != nv {
				return 0, false
			}
			for _, v := range members {
				vis := p.Visitors[v]
				if cd.Audience == subgroup.Named && !slices.Contains(cd.Named, vis.ID) {
					return 0, false
				}
				if len(cd.Languages) > 0 && !overlap(vis.Languages, cd.Languages) {
					ok := false
					for _, i := range ints {
						in := p.Interpreters[i]
						ok = ok || (overlap(in.Languages, cd.Languages) && overlap(in.Languages, vis.Languages))
					}
					if !ok {
						return 0, false
					}
				}
				val += worth(v, c)
			}
		}
		return val, true
	}
	// partitions of visitors into at most k groups.
	var partitions func(v, k int, groups [][]int, out *[][][]int)
	partitions = func(v, k int, groups [][]int, out *[][][]int) {
		if v == nv {
			cp := make([][]int, len(groups))
			for i := range groups {
				cp[i] = slices.Clone(groups[i])
			}
			*out = append(*out, cp)
			return
		}
		for g := range groups {
			groups[g] = append(groups[g], v)
			partitions(v+1, k, groups, out)
			groups[g] = groups[g][:len(groups[g])-1]
		}
		if len(groups) < k {
			partitions(v+1, k, append(groups, []int{v}), out)
		}
	}
	const none = -1 << 40
	memo := map[[3]int]int{}
	var best func(si, used int, count []int) int
	best = func(si, used int, count []int) int {
		if si == len(sts) {
			for c := range nc {
				if p.Candidates[c].Mandatory && used&(1<<c) == 0 {
					return none
				}
			}
			return 0
		}
		key := [3]int{si, used, 0}
		for _, n := range count {
			key[2] = key[2]*16 + n
		}
		if v, ok := memo[key]; ok {
			return v
		}
		k := max(1, p.Escorts)
		if sts[si].together {
			k = 1
		}
		var parts [][][]int
		partitions(0, k, nil, &parts)
		res := none
		for _, groups := range parts {
			ng := len(groups)
			// interpreter placements: each to a group or none.
			combos := 1
			for range ni {
				combos *= ng + 1
			}
			for combo := range combos {
				ints := make([][]int, ng)
				x := combo
				for i := range ni {
					if g := x % (ng + 1); g < ng {
						ints[g] = append(ints[g], i)
					}
					x /= ng + 1
				}
				var pick func(g, used, val int, count []int)
				pick = func(g, used, val int, count []int) {
					if g == ng {
						if r := best(si+1, used, count); r > none {
							res = max(res, val+r-(ng-1)*p.SplitCost)
						}
						return
					}
					for _, m := range tours[si] {
						if m&used != 0 {
							continue
						}
						if v, ok := can(groups[g], ints[g], m, count); ok {
							next := slices.Clone(count)
							for _, v := range groups[g] {
								next[v] += meetings(m)
							}
							pick(g+1, used|m, val+v, next)
						}
					}
				}
				pick(0, used, 0, count)
			}
		}
		memo[key] = res
		return res
	}
	return best(0, 0, make([]int, nv))
}

func overlap(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// TestEngineMatchesExhaustiveSearch compares the engine's value with the
// exhaustive optimum on tiny delegations, and checks every plan.
func TestEngineMatchesExhaustiveSearch(t *testing.T) {
	splits, skipped := 0, 0
	const n = 150
	for seed := uint64(1); seed <= n; seed++ {
		p := tiny(seed)
		want := brute(p)
		res, err := subgroup.Solve(context.Background(), p, subgroup.Options{Seed: seed, TimeLimit: 5 * time.Second})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if err := subgroup.Check(p, res); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if want < 0 {
			skipped++
			if res.Complete {
				t.Errorf("seed %d: exhaustive search places no mandatory item, the engine does", seed)
			}
			continue
		}
		if res.Value != want || !res.Complete {
			t.Errorf("seed %d: engine %d (complete %v), exhaustive optimum %d", seed, res.Value, res.Complete, want)
		}
		for _, st := range res.Days[0].Stretches {
			if len(st.Groups) > 1 {
				splits++
			}
		}
	}
	if skipped > n/6 {
		t.Errorf("%d of %d instances have no plan", skipped, n)
	}
	if splits < n/6 {
		t.Errorf("only %d split stretches in the optimal plans: the instances test too little", splits)
	}
}
