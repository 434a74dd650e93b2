package subgroup

// assignment puts visitors into groups: every visitor in exactly one
// group they are eligible for, each group's size within [lo, hi], the sum
// of the visitors' values as high as possible. It is a transportation
// problem, solved exactly by successive shortest paths on the groups: a
// path brings an unplaced visitor into a group, possibly moving one
// visitor from that group to another and so on, and ends in a group with
// room (one still below its minimum first). With at most a handful of
// groups, a shortest path is a Bellman-Ford over the groups with, for
// each pair, the cheapest visitor to move.
type assignment struct {
	where []int
	size  []int
	dist  []int64
	next  []int
	mover []int // [g*k+h]: the visitor to move from g to h, -1 if none
	cost  []int64
}

const unreachable = int64(1) << 62

// solve returns each group's members and the total value, or ok false
// when no assignment keeps every rule. val[g][v] is v's value in group g;
// elig[g] the visitors group g may take.
func (a *assignment) solve(nv int, val [][]int32, elig []uint64, lo, hi []int) (members []uint64, total int64, ok bool) {
	k := len(val)
	const big = int64(1) << 40 // filling a group up to its minimum comes first
	a.where = resize(a.where, nv)
	a.size = resize(a.size, k)
	a.dist = resize(a.dist, k)
	a.next = resize(a.next, k)
	a.mover = resize(a.mover, k*k)
	a.cost = resize(a.cost, k*k)
	for v := range a.where {
		a.where[v] = -1
	}
	for g := range k {
		a.size[g] = 0
		if lo[g] > hi[g] {
			return nil, 0, false
		}
	}
	for range nv {
		// The cheapest move of a placed visitor between each two groups.
		for i := range a.mover {
			a.mover[i], a.cost[i] = -1, unreachable
		}
		for w, g := range a.where {
			if g < 0 {
				continue
			}
			for h := range k {
				if h == g || elig[h]&(1<<w) == 0 {
					continue
				}
				if c := int64(val[g][w]) - int64(val[h][w]); c < a.cost[g*k+h] {
					a.cost[g*k+h], a.mover[g*k+h] = c, w
				}
			}
		}
		// Shortest paths from every group to a group with room.
		for g := range k {
			a.next[g] = -1
			switch {
			case a.size[g] < lo[g]:
				a.dist[g] = -big
			case a.size[g] < hi[g]:
				a.dist[g] = 0
			default:
				a.dist[g] = unreachable
			}
		}
		for range k {
			for g := range k {
				for h := range k {
					if a.mover[g*k+h] < 0 || a.dist[h] == unreachable {
						continue
					}
					if d := a.cost[g*k+h] + a.dist[h]; d < a.dist[g] {
						a.dist[g], a.next[g] = d, h
					}
				}
			}
		}
		// The unplaced visitor and group that start the cheapest path.
		bv, bg, bd := -1, -1, unreachable
		for v, g0 := range a.where {
			if g0 >= 0 {
				continue
			}
			for g := range k {
				if elig[g]&(1<<v) == 0 || a.dist[g] == unreachable {
					continue
				}
				if d := a.dist[g] - int64(val[g][v]); d < bd {
					bv, bg, bd = v, g, d
				}
			}
		}
		if bv < 0 {
			return nil, 0, false
		}
		a.where[bv] = bg
		for g, steps := bg, 0; ; steps++ {
			h := a.next[g]
			if h < 0 || steps > k {
				a.size[g]++
				break
			}
			a.where[a.mover[g*k+h]] = h
			g = h
		}
	}
	members = make([]uint64, k)
	for v, g := range a.where {
		members[g] |= 1 << v
		total += int64(val[g][v])
	}
	for g := range k {
		if a.size[g] < lo[g] || a.size[g] > hi[g] {
			return nil, 0, false
		}
	}
	return members, total, true
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

func popcount(x uint64) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}
