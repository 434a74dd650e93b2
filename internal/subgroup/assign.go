package subgroup

// assignment puts visitors into groups: every visitor in exactly one
// group they are eligible for, each group's size within [lo, hi], the
// sum of the visitors' values as high as possible. It is a transportation
// problem, solved exactly as a min-cost flow (successive shortest paths).
type assignment struct {
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

func (a *assignment) reset(n int) {
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

func (a *assignment) add(from, to, cp int, cost int64) {
	a.edges = append(a.edges, flowEdge{to, a.head[from], cp, cost})
	a.head[from] = len(a.edges) - 1
	a.edges = append(a.edges, flowEdge{from, a.head[to], 0, -cost})
	a.head[to] = len(a.edges) - 1
}

// solve returns each group's members and the total value, or ok false
// when no assignment keeps every rule. val[g][v] is v's value in group
// g; elig[g] the visitors group g may take.
func (a *assignment) solve(nv int, val [][]int32, elig []uint64, lo, hi []int) (members []uint64, total int64, ok bool) {
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
		a.queue = append(a.queue[:0], src)
		for len(a.queue) > 0 {
			u := a.queue[0]
			a.queue = a.queue[1:]
			a.inQ[u] = false
			for e := a.head[u]; e >= 0; e = a.edges[e].next {
				ed := &a.edges[e]
				if ed.cap > 0 && a.dist[u]+ed.cost < a.dist[ed.to] {
					a.dist[ed.to] = a.dist[u] + ed.cost
					a.prev[ed.to] = e
					if !a.inQ[ed.to] {
						a.inQ[ed.to] = true
						a.queue = append(a.queue, ed.to)
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

func popcount(x uint64) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}
