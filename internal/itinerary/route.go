package itinerary

// Route nodes are candidate indices (>= 0) or one of these markers.
const (
	nodeStart = -1
	nodeEnd   = -2
	nodeLunch = -3
)

// route is one day's tour with its earliest-start schedule. Every array is
// indexed by position; position 0 is the start, the last the end.
//
// maxShift[k] is how much the start at k may be delayed without making
// any later position infeasible; together with wait it gives the O(1)
// insertion test of Vansteenwegen et al. (2009). With several windows a
// delayed item may have to move to a later window: maxShift keeps every
// item in its current window, so when that test fails and a later item
// has another window, the insertion is checked by propagating the delay
// forward (exact, and usually short because waiting absorbs it).
type route struct {
	day      int
	nodes    []int
	arr      []int
	start    []int
	wait     []int
	close    []int // latest start in the chosen window
	maxShift []int
	latest   []int // start + maxShift: latest start keeping the rest feasible; non-decreasing
	place    []int // effective place (lunch: where the previous item was)
	travel   int   // total travel time
	meetings int
	version  uint64 // bumped by every simulate; keys insertion caches
	// lastMulti is the last position whose item has more than one
	// window on this day (-1: none).
	lastMulti int
}

func (md *model) nodeDur(day, node int) int {
	switch node {
	case nodeStart, nodeEnd:
		return 0
	case nodeLunch:
		return md.days[day].lunchDur
	}
	return md.dur[node]
}

func newRoute(md *model, day int) *route {
	r := &route{day: day, nodes: []int{nodeStart, nodeEnd}}
	if md.days[day].hasLunch {
		r.nodes = []int{nodeStart, nodeLunch, nodeEnd}
	}
	md.simulate(r)
	return r
}

// simulate recomputes the schedule of r.nodes and reports whether it is
// feasible. On false the arrays are partial.
func (md *model) simulate(r *route) bool {
	n := len(r.nodes)
	r.version++
	grow := func(s []int) []int {
		if cap(s) < n {
			return make([]int, n, n+8)
		}
		return s[:n]
	}
	r.arr, r.start, r.wait = grow(r.arr), grow(r.start), grow(r.wait)
	r.close, r.maxShift, r.place = grow(r.close), grow(r.maxShift), grow(r.place)
	r.latest = grow(r.latest)
	dm := &md.days[r.day]
	r.arr[0], r.start[0], r.wait[0], r.close[0], r.place[0] = dm.depart, dm.depart, 0, dm.depart, dm.startPlace
	r.travel, r.meetings, r.lastMulti = 0, 0, -1
	for k := 1; k < n; k++ {
		node := r.nodes[k]
		end := r.start[k-1] + md.nodeDur(r.day, r.nodes[k-1])
		pp := r.place[k-1]
		var a, s, cl, pl int
		switch node {
		case nodeLunch:
			a, pl, cl = end, pp, dm.lunchLatest
			s = max(a, dm.lunchOpen)
			if s > cl {
				return false
			}
		case nodeEnd:
			pl = dm.endPlace
			a = end + md.t(r.day, pp, pl)
			r.travel += md.t(r.day, pp, pl)
			s, cl = a, dm.ret
			if a > cl {
				return false
			}
		default:
			pl = md.place[node]
			a = end + md.t(r.day, pp, pl)
			r.travel += md.t(r.day, pp, pl)
			s = -1
			ws := md.windows(node, r.day)
			if len(ws) > 1 {
				r.lastMulti = k
			}
			for _, w := range ws {
				if w.close >= a {
					s, cl = max(a, w.open), w.close
					break
				}
			}
			if s < 0 {
				return false
			}
			if md.meeting[node] {
				r.meetings++
			}
		}
		r.arr[k], r.start[k], r.wait[k], r.close[k], r.place[k] = a, s, s-a, cl, pl
	}
	r.maxShift[n-1] = dm.ret - r.start[n-1]
	r.latest[n-1] = dm.ret
	for k := n - 2; k >= 0; k-- {
		r.maxShift[k] = min(r.close[k]-r.start[k], r.wait[k+1]+r.maxShift[k+1])
		r.latest[k] = r.start[k] + r.maxShift[k]
	}
	return true
}

// firstPos is the first position p after which an item that cannot end
// before need may be inserted in r: the next position q = p+1 must accept
// an arrival at need or later, and latest is non-decreasing, so every
// earlier position is refused by the O(1) test. Days with a lunch break
// (the leg after lunch changes with its place) or with items that may move
// to a later window (the exact test goes beyond maxShift) are not pruned.
func (md *model) firstPos(r *route, need int) int {
	if r.lastMulti >= 0 || md.days[r.day].hasLunch {
		return 0
	}
	lo, hi := 1, len(r.nodes)-1
	if r.latest[hi] < need {
		return hi // none
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if r.latest[mid] >= need {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo - 1
}

// insertion tests inserting candidate c between positions p and p+1 of r.
// It returns whether that is feasible (time only) and the delay it causes
// to the arrival at the next position (the "shift").
func (md *model) insertion(r *route, c, p int) (bool, int) {
	return md.insertionIn(r, c, p, md.windows(c, r.day))
}

func (md *model) insertionIn(r *route, c, p int, ws []tw) (bool, int) {
	end := r.start[p] + md.nodeDur(r.day, r.nodes[p])
	pc := md.place[c]
	a := end + md.tIn(r.day, r.place[p], pc)
	s := -1
	for _, w := range ws {
		if w.close >= a {
			s = max(a, w.open)
			break
		}
	}
	if s < 0 {
		return false, 0
	}
	endC := s + md.dur[c]
	q := p + 1
	if r.nodes[q] == nodeLunch {
		// Lunch is taken where c ends, so the leg after lunch changes too.
		shift := endC - r.arr[q]
		sl := max(0, shift-r.wait[q])
		if r.start[q]+sl > r.close[q] {
			return false, 0
		}
		q2 := q + 1
		oldArr := r.arr[q2]
		newArr := r.start[q] + sl + md.days[r.day].lunchDur + md.t(r.day, pc, r.place[q2])
		if newArr-oldArr-r.wait[q2] > r.maxShift[q2] && (q2 > r.lastMulti || !md.propagate(r, q2, newArr)) {
			return false, 0
		}
		return true, endC - end + max(0, newArr-oldArr)
	}
	shift := endC + md.t(r.day, pc, r.place[q]) - r.arr[q]
	if shift-r.wait[q] > r.maxShift[q] && (q > r.lastMulti || !md.propagate(r, q, r.arr[q]+shift)) {
		return false, 0
	}
	return true, shift
}

// propagate reports whether r stays feasible when the arrival at position
// q (an item or the end, whose predecessor's place is unchanged) becomes
// a, letting items move to a later window of theirs the way simulate
// does. It stops as soon as an item's start is unchanged.
func (md *model) propagate(r *route, q, a int) bool {
	dm := &md.days[r.day]
	n := len(r.nodes)
	for k := q; k < n; k++ {
		var s int
		switch node := r.nodes[k]; node {
		case nodeLunch:
			s = max(a, dm.lunchOpen)
			if s > dm.lunchLatest {
				return false
			}
		case nodeEnd:
			return a <= dm.ret
		default:
			s = -1
			for _, w := range md.windows(node, r.day) {
				if w.close >= a {
					s = max(a, w.open)
					break
				}
			}
			if s < 0 {
				return false
			}
		}
		if s <= r.start[k] {
			return true
		}
		// The place after k is unchanged (lunch stays where it is), so
		// the next arrival moves with this start.
		a = s + md.nodeDur(r.day, r.nodes[k]) + md.t(r.day, r.place[k], r.place[k+1])
	}
	return true
}

func (r *route) insertAt(p, c int) {
	r.nodes = append(r.nodes, 0)
	copy(r.nodes[p+2:], r.nodes[p+1:])
	r.nodes[p+1] = c
}

func (r *route) removeAt(k int) {
	r.nodes = append(r.nodes[:k], r.nodes[k+1:]...)
}
