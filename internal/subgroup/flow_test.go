package subgroup

import (
	"math/rand/v2"
	"testing"
)

// flowAssignment is the textbook reference for assignment: the same
// transportation problem as a min-cost flow over every visitor (successive
// shortest paths with SPFA).
type flowAssignment struct {
	edges []flowEdge
	head  []int
	dist  []int64
	prev  []int
	inQ   []bool
	queue []int
}

type flowEdge struct {
	to, next, cap int
	cost          int64
}

func (a *flowAssignment) reset(n int) {
	a.edges = a.edges[:0]
	if cap(a.head) < n {
		a.head = make([]int, n)
		a.dist = make([]int64, n)
		a.prev = make([]int, n)
		a.inQ = make([]bool, n)
	}
	a.head, a.dist, a.prev, a.inQ = a.head[:n], a.dist[:n], a.prev[:n], a.inQ[:n]
	for i := range a.head {
		a.head[i] = -1
	}
}

func (a *flowAssignment) add(from, to, cp int, cost int64) {
	a.edges = append(a.edges, flowEdge{to, a.head[from], cp, cost})
	a.head[from] = len(a.edges) - 1
	a.edges = append(a.edges, flowEdge{from, a.head[to], 0, -cost})
	a.head[to] = len(a.edges) - 1
}

// solve returns each group's members and the total value, or ok false
// when no assignment keeps every rule. val[g][v] is v's value in group
// g; elig[g] the visitors group g may take.
func (a *flowAssignment) solve(nv int, val [][]int32, elig []uint64, lo, hi []int) (members []uint64, total int64, ok bool) {
	k := len(val)
	const big = int64(1) << 40
	src, sink := nv+k, nv+k+1
	a.reset(nv + k + 2)
	for v := range nv {
		a.add(src, v, 1, 0)
	}
	for g := range k {
		for v := range nv {
			if elig[g]&(1<<v) != 0 {
				a.add(v, nv+g, 1, -int64(val[g][v]))
			}
		}
		if lo[g] > hi[g] {
			return nil, 0, false
		}
		if lo[g] > 0 {
			a.add(nv+g, sink, lo[g], -big)
		}
		if hi[g] > lo[g] {
			a.add(nv+g, sink, hi[g]-lo[g], 0)
		}
	}
	flow := 0
	for {
		for i := range a.dist {
			a.dist[i], a.prev[i], a.inQ[i] = 1<<62, -1, false
		}
		a.dist[src] = 0
		// A ring of len(head)+1 places: a node is queued at most once.
		if len(a.queue) < len(a.head)+1 {
			a.queue = make([]int, len(a.head)+1)
		}
		qh, qt := 0, 1
		a.queue[0] = src
		for qh != qt {
			u := a.queue[qh]
			qh = (qh + 1) % len(a.queue)
			a.inQ[u] = false
			for e := a.head[u]; e >= 0; e = a.edges[e].next {
				ed := &a.edges[e]
				if ed.cap > 0 && a.dist[u]+ed.cost < a.dist[ed.to] {
					a.dist[ed.to] = a.dist[u] + ed.cost
					a.prev[ed.to] = e
					if !a.inQ[ed.to] {
						a.inQ[ed.to] = true
						a.queue[qt] = ed.to
						qt = (qt + 1) % len(a.queue)
					}
				}
			}
		}
		if a.prev[sink] < 0 {
			break
		}
		for x := sink; x != src; {
			e := a.prev[x]
			a.edges[e].cap--
			a.edges[e^1].cap++
			x = a.edges[e^1].to
		}
		flow++
	}
	if flow < nv {
		return nil, 0, false
	}
	members = make([]uint64, k)
	for v := range nv {
		for e := a.head[v]; e >= 0; e = a.edges[e].next {
			ed := &a.edges[e]
			if ed.to >= nv && ed.to < nv+k && ed.cap == 0 && e%2 == 0 {
				g := ed.to - nv
				members[g] |= 1 << v
				total += int64(val[g][v])
			}
		}
	}
	for g := range k {
		n := popcount(members[g])
		if n < lo[g] || n > hi[g] {
			return nil, 0, false
		}
	}
	return members, total, true
}

// TestAssignmentMatchesMinCostFlow compares the group-level shortest
// paths with the full min-cost flow on random instances: the same
// feasibility and the same optimum.
func TestAssignmentMatchesMinCostFlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	var a assignment
	var f flowAssignment
	feasible := 0
	for trial := range 3000 {
		nv, k := 1+rng.IntN(25), 1+rng.IntN(4)
		val := make([][]int32, k)
		elig := make([]uint64, k)
		lo, hi := make([]int, k), make([]int, k)
		for g := range k {
			val[g] = make([]int32, nv)
			for v := range nv {
				val[g][v] = int32(rng.IntN(40))
				if rng.IntN(4) > 0 {
					elig[g] |= 1 << v
				}
			}
			lo[g] = 1 + rng.IntN(3)
			hi[g] = lo[g] + rng.IntN(nv)
		}
		_, want, okWant := f.solve(nv, val, elig, lo, hi)
		mem, got, okGot := a.solve(nv, val, elig, lo, hi)
		if okWant != okGot || want != got {
			t.Fatalf("trial %d: got %d (%v), min-cost flow %d (%v)", trial, got, okGot, want, okWant)
		}
		if okGot {
			feasible++
			var sum int64
			var all uint64
			for g, m := range mem {
				if n := popcount(m); n < lo[g] || n > hi[g] || m&^elig[g] != 0 || all&m != 0 {
					t.Fatalf("trial %d: group %d breaks a rule", trial, g)
				}
				all |= m
				for v := range nv {
					if m&(1<<v) != 0 {
						sum += int64(val[g][v])
					}
				}
			}
			if sum != got || all != 1<<nv-1 {
				t.Fatalf("trial %d: members do not add up", trial)
			}
		}
	}
	if feasible < 300 {
		t.Fatalf("only %d feasible trials", feasible)
	}
}
