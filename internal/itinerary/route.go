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
// latest[k] is the latest arrival at k that keeps k and every later
// position feasible, computed backwards over every window of each item
// (an item delayed past its window may move to a later one). With wait
// it gives the O(1) insertion test of Vansteenwegen et al. (2009)
// ("maximum shift"), extended exactly to several windows per item: an
// insertion before q is feasible if and only if the new arrival at q is
// at most latest[q]. latest never decreases along a route.
type route struct {
	day    int
	nodes  []int
	arr    []int
	start  []int
	dep    []int // departure: start + duration
	wait   []int
	close  []int // latest start in the chosen window
	latest []int // latest feasible arrival (see above)
	place  []int // effective place (lunch: where the previous item was)
	// room[p] bounds the shift an insertion between p and p+1 may cause:
	// latest[p+1]-arr[p+1] (inf before a lunch break, whose leg after
	// changes with the inserted item). maxRoom is its maximum over the
	// route. See model.need.
	room     []int
	maxRoom  int
	travel   int // total travel time
	meetings int
	version  uint64 // bumped by every simulate; keys insertion caches
	lunchAt  int    // position of the lunch break (-1: none)
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
// feasible. On false the arrays are partial (and travel and meetings
// stale).
func (md *model) simulate(r *route) bool {
	n := len(r.nodes)
	r.version++
	grow := func(s []int) []int {
		if cap(s) < n {
			return make([]int, n, n+8)
		}
		return s[:n]
	}
	r.arr, r.start, r.wait, r.dep = grow(r.arr), grow(r.start), grow(r.wait), grow(r.dep)
	r.close, r.latest, r.place, r.room = grow(r.close), grow(r.latest), grow(r.place), grow(r.room)
	dm := &md.days[r.day]
	r.arr[0], r.start[0], r.wait[0], r.close[0], r.place[0], r.dep[0] = dm.depart, dm.depart, 0, dm.depart, dm.startPlace, dm.depart
	r.lunchAt = -1
	// Locals for what the loops read at every position (the compiler
	// reloads fields after each store to the route's arrays).
	tt, np, win, m, day := dm.tt, md.np, md.win, md.m, r.day
	nodes, arr, start, wait, dep, clos, place := r.nodes[:n], r.arr[:n], r.start[:n], r.wait[:n], r.dep[:n], r.close[:n], r.place[:n]
	travel, meetings := 0, 0
	for k := 1; k < n; k++ {
		node := nodes[k]
		end := dep[k-1]
		pp := place[k-1]
		var a, s, cl, pl, dur int
		switch node {
		case nodeLunch:
			r.lunchAt = k
			a, pl, cl = end, pp, dm.lunchLatest
			s = max(a, dm.lunchOpen)
			if s > cl {
				return false
			}
			dur = dm.lunchDur
		case nodeEnd:
			pl = dm.endPlace
			leg := int(tt[pp*np+pl])
			a = end + leg
			travel += leg
			s, cl = a, dm.ret
			if a > cl {
				return false
			}
		default:
			pl = md.place[node]
			leg := int(tt[pp*np+pl])
			a = end + leg
			travel += leg
			s = -1
			for _, w := range win[node*m+day] {
				if w.close >= a {
					s, cl = max(a, w.open), w.close
					break
				}
			}
			if s < 0 {
				return false
			}
			if md.meeting[node] {
				meetings++
			}
			dur = md.dur[node]
		}
		arr[k], start[k], wait[k], clos[k], place[k] = a, s, s-a, cl, pl
		dep[k] = s + dur
	}
	r.travel, r.meetings = travel, meetings
	latest, room := r.latest[:n], r.room[:n]
	latest[n-1] = dm.ret
	room[n-1] = -inf
	maxRoom := -inf
	for k := n - 2; k >= 0; k-- {
		if nodes[k+1] == nodeLunch {
			room[k] = inf
		} else {
			room[k] = latest[k+1] - arr[k+1]
		}
		maxRoom = max(maxRoom, room[k])
		// The latest start at k keeping k+1 on time (k+1's place does
		// not depend on k's start), then the latest arrival whose start
		// is no later than that. arr[k+1]-start[k] is k's duration plus
		// the leg to k+1.
		lm := latest[k+1] - (arr[k+1] - start[k])
		a := -inf
		switch node := nodes[k]; node {
		case nodeStart:
			a = lm
		case nodeLunch:
			if dm.lunchOpen <= lm {
				a = min(dm.lunchLatest, lm)
			}
		default:
			ws := win[node*m+day]
			for i := len(ws) - 1; i >= 0; i-- {
				if ws[i].open <= lm {
					a = min(ws[i].close, lm)
					break
				}
			}
		}
		latest[k] = a
	}
	r.maxRoom = maxRoom
	return true
}

// firstPos is the first position p after which an item that cannot end
// before need may be inserted in r: the next position q = p+1 must accept
// an arrival at need or later, and latest is non-decreasing, so every
// earlier position is refused by the O(1) test. The position before a
// lunch break is the exception (the leg after lunch changes with the
// place of the item before it), so the search starts there at the latest.
func (md *model) firstPos(r *route, need int) int {
	n1 := len(r.nodes) - 1
	lo := n1 + 1 // none
	if r.latest[n1] >= need {
		lo = 1
		for hi := n1; lo < hi; {
			mid := (lo + hi) / 2
			if r.latest[mid] >= need {
				hi = mid
			} else {
				lo = mid + 1
			}
		}
	}
	if r.lunchAt > 0 && r.lunchAt < lo {
		lo = r.lunchAt
	}
	return lo - 1
}

// need is the least room (see route.room) a position needs for c on day
// d. Inserting c between p and q = p+1 (q not a lunch break) delays the
// arrival at q by at least dur[c] + t(p,c) + t(c,q) - t(p,q), where
// t(p,c) + t(c,q) - t(p,q) >= -triTol (the day's triangle inequality
// violation, 0 for metric travel times); the insertion is feasible
// only if that delay is at most latest[q]-arr[q]. So positions with
// room[p] < need(c, d), and whole routes with maxRoom < need, can be
// skipped without the insertion test: the screen never rejects a
// feasible insertion.
func (md *model) need(c, d int) int { return md.dur[c] - md.days[d].triTol }

// insertion tests inserting candidate c between positions p and p+1 of r.
// It returns whether that is feasible (time only) and the delay it causes
// to the arrival at the next position (the "shift").
func (md *model) insertion(r *route, c, p int) (bool, int) {
	return md.insertionIn(r, c, p, md.windows(c, r.day))
}

func (md *model) insertionIn(r *route, c, p int, ws []tw) (bool, int) {
	end := r.dep[p]
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
		if newArr > r.latest[q2] {
			return false, 0
		}
		return true, endC - end + max(0, newArr-oldArr)
	}
	shift := endC + md.t(r.day, pc, r.place[q]) - r.arr[q]
	if r.arr[q]+shift > r.latest[q] {
		return false, 0
	}
	return true, shift
}

func (r *route) insertAt(p, c int) {
	r.nodes = append(r.nodes, 0)
	copy(r.nodes[p+2:], r.nodes[p+1:])
	r.nodes[p+1] = c
}

func (r *route) removeAt(k int) {
	r.nodes = append(r.nodes[:k], r.nodes[k+1:]...)
}
