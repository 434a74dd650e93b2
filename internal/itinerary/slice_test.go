package itinerary

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// sliceProblem: hotel H at 0 on a line (travel |x-y| minutes), one day
// [0, 100]. A (x=10, 35 min) and B (x=20, 25 min), worth 5 each, fill the
// day exactly (H-A-B-H arrives at 100). C and D (x=15, 20 min, worth 4
// each) and E (x=15, 20 min, worth 4, start in [10, 20], so first) fit
// together (H-E-C-D-H arrives at 90) and are worth 12; A or B with two of
// C, D, E arrive at 105, and F (x=50, worth 11) fills the day alone. So
// the best is to swap A and B for E, C, D, which no single-item move does.
func sliceProblem(t *testing.T) *model {
	t.Helper()
	x := map[string]int{"H": 0, "a": 10, "b": 20, "c": 15, "f": 50}
	p := &Problem{
		Days:       []Day{{Start: "H", End: "H", Depart: 0, Return: 100}},
		WindowRule: StartOfService,
		Travel: func(a, b string) int {
			if d := x[a] - x[b]; d >= 0 {
				return d
			} else {
				return -d
			}
		},
	}
	for _, id := range []string{"H", "a", "b", "c", "f"} {
		p.Places = append(p.Places, Place{ID: id})
	}
	all := []Window{{0, 100}}
	p.Candidates = []Candidate{
		{ID: "A", Place: "a", Duration: 35, Value: 5, Windows: all},
		{ID: "B", Place: "b", Duration: 25, Value: 5, Windows: all},
		{ID: "C", Place: "c", Duration: 20, Value: 4, Windows: all},
		{ID: "D", Place: "c", Duration: 20, Value: 4, Windows: all},
		{ID: "E", Place: "c", Duration: 20, Value: 4, Windows: []Window{{10, 20}}},
		{ID: "F", Place: "f", Duration: 0, Value: 11, Windows: all},
	}
	md, err := compile(p)
	if err != nil {
		t.Fatal(err)
	}
	return md
}

func TestSliceDPFindsTheBestSequence(t *testing.T) {
	md := sliceProblem(t)
	const A, B, C, D, E = 0, 1, 2, 3, 4
	var dp sliceDP
	hotel := md.days[0].startPlace
	val, trav, ok := dp.solve(md, 0, hotel, 0, hotel, 100, []int{A, B, C, D, E, 5}, 10, 1000)
	if !ok || val != 12 || trav != 30 {
		t.Fatalf("solve = %d, %d, %v; want 12, 30, true", val, trav, ok)
	}
	if len(dp.seq) != 3 || dp.seq[0] != E || !slices.Contains(dp.seq, C) || !slices.Contains(dp.seq, D) {
		t.Fatalf("sequence %v; want E then C and D", dp.seq)
	}
	// Arriving by 89 leaves room for no set worth 10 or more (A and B, and
	// E, C and D arrive later; the rest are worth less).
	if _, _, ok := dp.solve(md, 0, hotel, 0, hotel, 89, []int{A, B, C, D, E, 5}, 10, 1000); ok {
		t.Fatalf("found a path worth 10 arriving by 89: %v", dp.seq)
	}
	// The move itself: the route H-A-B-H becomes H-E-C-D-H.
	se := newSearcher(md, 1)
	se.s.add(A, 0, 0)
	se.s.add(B, 0, 1)
	if !se.sliceAt(0, 0, 3, 10, false) {
		t.Fatal("sliceAt found nothing")
	}
	r := se.s.routes[0]
	if se.s.score != 12 || len(r.nodes) != 5 || r.nodes[1] != E || se.s.where[A] != -1 || se.s.where[B] != -1 || se.s.where[C] != 0 {
		t.Fatalf("after sliceAt: score %d, nodes %v, where %v", se.s.score, r.nodes, se.s.where)
	}
	if se.sliceAt(0, 0, 4, 10, false) {
		t.Fatal("sliceAt improved an optimal route")
	}
	// A kick replaces E, C, D by the best sequence of the others: F,
	// worth 11 (A and B are worth 10).
	if !se.sliceAt(0, 0, 4, 10, true) || se.s.score != 11 || len(r.nodes) != 3 || r.nodes[1] != 5 {
		t.Fatalf("after a kick: score %d, nodes %v", se.s.score, r.nodes)
	}
}

// TestSliceDPMatchesBruteForce compares the labelling algorithm with the
// enumeration of every sequence on small random problems (several
// windows per item, a start and an end that differ).
func TestSliceDPMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for trial := range 200 {
		const n = 7
		x := map[string]int{"S": 0, "T": rng.IntN(60)}
		p := &Problem{
			Days:       []Day{{Start: "S", End: "T", Depart: 0, Return: 300}},
			WindowRule: StartOfService,
			Places:     []Place{{ID: "S"}, {ID: "T"}},
			Travel: func(a, b string) int {
				return abs(x[a] - x[b])
			},
		}
		for i := range n {
			id := string(rune('a' + i))
			x[id] = rng.IntN(60)
			p.Places = append(p.Places, Place{ID: id})
			c := Candidate{ID: id, Place: id, Duration: 5 + rng.IntN(30), Value: 1 + rng.IntN(10)}
			for w, at := 0, rng.IntN(100); w < 1+rng.IntN(3) && at < 300; w++ {
				to := at + 10 + rng.IntN(80)
				c.Windows = append(c.Windows, Window{at, to})
				at = to + 10 + rng.IntN(60)
			}
			p.Candidates = append(p.Candidates, c)
		}
		md, err := compile(p)
		if err != nil {
			t.Fatal(err)
		}
		K := []int{0, 1, 2, 3, 4, 5, 6}
		latest := 120 + rng.IntN(180)
		from, to := md.days[0].startPlace, md.days[0].endPlace
		// Brute force: extend every sequence by every unused item.
		var bestVal int64 = -1
		bestTrav := 0
		var rec func(used uint32, pl, dep int, val int64, trav int)
		rec = func(used uint32, pl, dep int, val int64, trav int) {
			if end := dep + md.t(0, pl, to); end <= latest {
				tr := trav + md.t(0, pl, to)
				if val > bestVal || (val == bestVal && tr < bestTrav) {
					bestVal, bestTrav = val, tr
				}
			}
			for _, c := range K {
				if used&(1<<c) != 0 {
					continue
				}
				a := dep + md.t(0, pl, md.place[c])
				for _, w := range md.windows(c, 0) {
					if w.close >= a {
						rec(used|1<<c, md.place[c], max(a, w.open)+md.dur[c], val+md.obj[c], trav+md.t(0, pl, md.place[c]))
						break
					}
				}
			}
		}
		rec(0, from, 0, 0, 0)
		var dp sliceDP
		val, _, ok := dp.solve(md, 0, from, 0, to, latest, K, 0, 1<<20)
		if !ok || val != bestVal {
			t.Fatalf("trial %d: solve = %d, %v; brute force %d", trial, val, ok, bestVal)
		}
		// The sequence it returns is feasible and worth what it says.
		pl, dep := from, 0
		var sum int64
		for _, c := range dp.seq {
			a := dep + md.t(0, pl, md.place[c])
			s := -1
			for _, w := range md.windows(c, 0) {
				if w.close >= a {
					s = max(a, w.open)
					break
				}
			}
			if s < 0 {
				t.Fatalf("trial %d: sequence %v misses a window", trial, dp.seq)
			}
			pl, dep, sum = md.place[c], s+md.dur[c], sum+md.obj[c]
		}
		if sum != val || dep+md.t(0, pl, to) > latest {
			t.Fatalf("trial %d: sequence %v worth %d (said %d) or late", trial, dp.seq, sum, val)
		}
		// Asking for more than the best finds nothing.
		if _, _, ok := dp.solve(md, 0, from, 0, to, latest, K, bestVal+1, 1<<20); ok {
			t.Fatalf("trial %d: found more than the best %d", trial, bestVal)
		}
	}
}
