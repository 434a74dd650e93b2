package itinerary

import "sort"

// Exact slice re-optimisation: a large-neighbourhood move that takes the
// items strictly between two positions i < j of one route, adds the
// unscheduled items that could fit between them, and finds exactly
// (labelling dynamic programme, as in the elementary shortest path
// problem with resource constraints) the sequence of those items from
// position i to position j of most objective value that still arrives at
// j in time for the rest of the route (route.latest[j]). It can exchange
// several chosen items at once, which the single-item moves (relocate,
// replace, fill) cannot, e.g. swap two items for three others. Slices
// holding or ending at a lunch break, or holding a pinned item, are left
// alone. As an improving move no way of applying it beat the engine
// without it; as a perturbation (sliceKick: the best sequence of other
// items than the slice's) it did (knobs.go).

// sliceLabel is a partial path from the slice's first position: the items
// of K visited (bit set), the last one (its index in K; len(K): none
// yet), the departure from it, the objective value and travel so far,
// and its parent label (-1: none).
type sliceLabel struct {
	set    uint32
	last   int32
	parent int32
	dep    int
	val    int64
	trav   int
}

// sliceDP holds the buffers of the labelling algorithm, reused between
// calls.
type sliceDP struct {
	labels []sliceLabel
	tab    []int32  // open-addressing table: label of a (set, last) key, -1: empty
	keys   []uint64 // ... and the key in each slot
	stamp  []uint32 // ... and the generation (layer) it belongs to
	gen    uint32
	tk, tb []int32 // travel among the items of K, and to the slice's end
	kids   []sliceLabel
	cand   []sliceCand
	K      []int
	seq    []int
}

type sliceCand struct {
	c   int
	key float64
}

// solve finds the sequence of items of K (distinct, at most 32) from
// the place from, left at dep0, to the place to, arriving there by
// latest, that has the most objective value; among equal values the
// least travel. It keeps, for every set of visited items and last item,
// only the label that leaves earliest (leaving earlier never hurts:
// waiting is allowed), and drops a label whose value plus the value of
// every item still reachable from it is below target (no use: the
// caller needs at least target). At most maxLabels labels are made;
// beyond that the answer is the best found so far. It returns the
// sequence (in dp.seq), its value and travel, and ok = false when no
// path reaches target.
func (dp *sliceDP) solve(md *model, d, from, dep0, to, latest int, K []int, target int64, maxLabels int) (val int64, trav int, ok bool) {
	// The travel times among K (index len(K): from) and to the end.
	nk := len(K)
	dp.tk = grow32(dp.tk, (nk+1)*nk)
	dp.tb = grow32(dp.tb, nk+1)
	for x := 0; x <= nk; x++ {
		px := from
		if x < nk {
			px = md.place[K[x]]
		}
		for y, c := range K {
			dp.tk[x*nk+y] = int32(md.t(d, px, md.place[c]))
		}
		dp.tb[x] = int32(md.t(d, px, to))
	}
	dp.labels = append(dp.labels[:0], sliceLabel{last: int32(nk), parent: -1, dep: dep0})
	best := -1
	var bestVal int64
	bestTrav := 0
	if leg := int(dp.tb[nk]); dep0+leg <= latest && target <= 0 {
		best, bestVal, bestTrav = 0, 0, leg
	}
	for lo := 0; lo < len(dp.labels); {
		hi := len(dp.labels)
		dp.resetTable(maxLabels)
		for li := lo; li < hi; li++ {
			L := dp.labels[li]
			row := dp.tk[int(L.last)*nk : int(L.last+1)*nk]
			// Every feasible extension first, so that the bound (value
			// plus every reachable item) can drop the label.
			kids := dp.kids[:0]
			ub := L.val
			for ci, c := range K {
				if L.set&(1<<ci) != 0 {
					continue
				}
				leg := int(row[ci])
				a := L.dep + leg
				s := -1
				for _, w := range md.windows(c, d) {
					if w.close >= a {
						s = max(a, w.open)
						break
					}
				}
				if s < 0 {
					continue
				}
				dep := s + md.dur[c]
				if dep+int(dp.tb[ci]) > latest {
					continue
				}
				ub += md.obj[c]
				kids = append(kids, sliceLabel{set: L.set | 1<<ci, last: int32(ci), parent: int32(li), dep: dep, val: L.val + md.obj[c], trav: L.trav + leg})
			}
			dp.kids = kids
			if ub < target || ub < bestVal {
				continue
			}
			for _, k := range kids {
				slot, j := dp.find(uint64(k.set)<<6 | uint64(k.last))
				if j >= 0 {
					if o := &dp.labels[j]; k.dep < o.dep || (k.dep == o.dep && k.trav < o.trav) {
						*o = k
					}
					continue
				}
				if len(dp.labels) >= maxLabels {
					continue
				}
				dp.tab[slot] = int32(len(dp.labels))
				dp.labels = append(dp.labels, k)
			}
		}
		// The new layer's complete paths.
		for li := hi; li < len(dp.labels); li++ {
			L := &dp.labels[li]
			t := L.trav + int(dp.tb[L.last])
			if L.val < target {
				continue
			}
			if best < 0 || L.val > bestVal || (L.val == bestVal && t < bestTrav) {
				best, bestVal, bestTrav = li, L.val, t
			}
		}
		lo = hi
	}
	dp.seq = dp.seq[:0]
	if best < 0 {
		return 0, 0, false
	}
	for li := best; dp.labels[li].parent >= 0; li = int(dp.labels[li].parent) {
		dp.seq = append(dp.seq, K[dp.labels[li].last])
	}
	for a, b := 0, len(dp.seq)-1; a < b; a, b = a+1, b-1 {
		dp.seq[a], dp.seq[b] = dp.seq[b], dp.seq[a]
	}
	return bestVal, bestTrav, true
}

// resetTable empties the open-addressing table of one layer's labels
// (by a new generation stamp), with room for n labels.
func (dp *sliceDP) resetTable(n int) {
	size := 64
	for size < 2*n {
		size *= 2
	}
	if len(dp.tab) < size {
		dp.tab, dp.keys, dp.stamp = make([]int32, size), make([]uint64, size), make([]uint32, size)
	}
	dp.gen++
	if dp.gen == 0 { // wrapped: old stamps could match
		clear(dp.stamp)
		dp.gen = 1
	}
}

// find returns the slot of key in the table, with its label or -1 if
// the key is new (the slot is then the key's; the table never fills:
// it has room for twice the labels).
func (dp *sliceDP) find(key uint64) (int, int32) {
	mask := len(dp.tab) - 1
	for i := int((key*0x9e3779b97f4a7c15)>>40) & mask; ; i = (i + 1) & mask {
		if dp.stamp[i] != dp.gen {
			dp.stamp[i], dp.keys[i], dp.tab[i] = dp.gen, key, -1
			return i, -1
		}
		if dp.keys[i] == key {
			return i, dp.tab[i]
		}
	}
}

func grow32(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}

// sliceAt re-optimises the items strictly between positions i and j of
// day d (see the top of this file) and applies the best sequence if it
// has more objective value than the current one, or as much and less
// travel (so the move never cycles: the score or, at equal score, the
// route's travel strictly improves). Slices that hold or end at a lunch
// break (whose place follows the item before it) or a pinned item are
// left alone. With program limits or a meeting cap only new items that
// use no limit and are no meeting are added, so neither can be exceeded.
//
// With kick the slice's own items are left out of the choice and the
// best sequence of the others replaces them whatever its value (see
// sliceKick).
func (se *searcher) sliceAt(d, i, j, maxK int, kick bool) bool {
	md, s := se.md, se.s
	r := s.routes[d]
	if j <= i || j >= len(r.nodes) || r.nodes[j] == nodeLunch || j-i-1 >= min(maxK, 32) {
		return false // the visited items are a 32-bit set
	}
	dp := &se.slice
	K := dp.K[:0]
	var curVal int64
	curTrav := 0
	for k := i + 1; k <= j; k++ {
		curTrav += md.t(d, r.place[k-1], r.place[k])
		if k == j {
			break
		}
		c := r.nodes[k]
		if c < 0 || md.locked[c] || (kick && md.mandatory[c]) {
			return false // a kick never leaves a mandatory item out
		}
		if !kick {
			K = append(K, c)
		}
		curVal += md.obj[c]
	}
	nOld := len(K)
	if kick {
		curVal, curTrav = 0, inf
	}
	from, to, dep0, latest := r.place[i], r.place[j], r.dep[i], r.latest[j]
	restricted := len(md.limitMax) > 0 || md.days[d].maxMeetings > 0
	// New items: those that fit alone between i and j, the cheapest in
	// extra time for their value first.
	cand := dp.cand[:0]
	base := md.t(d, from, to)
	for c := range md.n {
		if s.where[c] >= 0 {
			continue
		}
		ws := md.windows(c, d)
		if len(ws) == 0 || (restricted && (len(md.uses[c]) > 0 || md.meeting[c])) {
			continue
		}
		pc := md.place[c]
		tin, tout := md.t(d, from, pc), md.t(d, pc, to)
		a := dep0 + tin
		st := -1
		for _, w := range ws {
			if w.close >= a {
				st = max(a, w.open)
				break
			}
		}
		if st < 0 || st+md.dur[c]+tout > latest {
			continue
		}
		extra := tin + tout - base + md.dur[c]
		cand = append(cand, sliceCand{c, float64(md.obj[c]) / float64(max(extra, 0)+1)})
	}
	dp.cand = cand
	sort.Slice(cand, func(a, b int) bool { return cand[a].key > cand[b].key })
	for _, x := range cand {
		if len(K) >= min(maxK, 32) {
			break
		}
		K = append(K, x.c)
	}
	dp.K = K
	if len(K) == nOld {
		return false // nothing new to choose from
	}
	val, trav, ok := dp.solve(md, d, from, dep0, to, latest, K, curVal, knobSliceLabels)
	if !ok || val < curVal || (val == curVal && trav >= curTrav) {
		return false
	}
	// Verify on a copy with the full schedule (the authority), then apply.
	t := se.tmp
	t.day = d
	t.nodes = append(append(append(t.nodes[:0], r.nodes[:i+1]...), dp.seq...), r.nodes[j:]...)
	if !md.simulate(t) || (!kick && val == curVal && t.travel >= r.travel) {
		return false
	}
	s.setSlice(d, i, j, t.nodes[i+1:len(t.nodes)-(len(r.nodes)-j)])
	return true
}

// sliceKick is a perturbation: it replaces a random slice of
// knobSliceLen items by the most valuable sequence of other items
// (chosen from knobSliceK - knobSliceLen that fit there), usually worth
// less. Unlike removing items and refilling greedily, it jumps to the
// best piece of route that shares no item with the old one, so the
// local search that follows starts from a good but different solution.
// It reports whether the route changed.
func (se *searcher) sliceKick() bool {
	d := se.rng.IntN(se.md.m)
	r := se.s.routes[d]
	L := min(knobSliceLen, len(r.nodes)-2)
	if L <= 0 {
		return false
	}
	i := se.rng.IntN(len(r.nodes) - 1 - L)
	return se.sliceAt(d, i, i+L+1, knobSliceK, true)
}

// setSlice replaces the items strictly between positions i and j of day d
// by seq, which the caller has checked to be feasible, keeping the
// accounting of removeAt and add.
func (s *state) setSlice(d, i, j int, seq []int) {
	r := s.routes[d]
	old := append([]int(nil), r.nodes[i+1:j]...)
	nodes := append(append(append(make([]int, 0, len(r.nodes)-len(old)+len(seq)), r.nodes[:i+1]...), seq...), r.nodes[j:]...)
	r.nodes = nodes
	if !s.md.simulate(r) {
		panic("itinerary: infeasible slice applied")
	}
	for _, c := range old {
		s.where[c] = -1
		s.account(c, -1)
		s.removals++
		s.freedAt[c] = s.removals
	}
	for _, c := range seq {
		s.where[c] = d
		s.account(c, +1)
	}
}
