package subgroup

import (
	"slices"
	"sort"
)

// route is one feasible tour of a stretch: a set of candidates in a
// visiting order that keeps every window, the travel and the lunch hour.
type route struct {
	items   []int // visiting order
	starts  []int
	lo, hi  int    // how many visitors may attend every item
	allowed uint64 // visitors who may attend every item
	// everyone: an item is for the whole delegation only.
	everyone bool
	nMand    int
	nMeet    int        // items that count towards the day's MaxMeetings
	val      []int32    // per visitor: value of the whole route
	needs    [][]uint64 // per visitor: interpreter sets, one per item needing one
	pot      int64      // potential: the best possible group's value
}

// maxRouteNodes bounds the enumeration of one stretch's tours; past it
// the pool holds the tours found so far plus those internal/itinerary
// finds (see moreTours).
const maxRouteNodes = 30000

// pool enumerates every feasible tour of stretch sg (one per set of
// candidates, with the earliest timing), the empty tour first. Where
// windows are wide and candidates many, the enumeration stops at
// maxRouteNodes and the pool also gets the tours that the itinerary
// engine finds best for the whole delegation and for random halves of it.
func (md *model) pool(sg *segment) []route {
	seen := map[string]bool{}
	var out []route
	var seq, starts []int
	nodes := 0
	var dfs func(pos, t int, after bool)
	dfs = func(pos, t int, after bool) {
		nodes++
		if md.back(sg, pos, t, after) {
			key := setKey(seq)
			if !seen[key] {
				seen[key] = true
				out = append(out, md.newRoute(slices.Clone(seq), slices.Clone(starts)))
			}
		}
		if nodes > maxRouteNodes {
			return
		}
		for _, c := range sg.cands {
			if slices.Contains(seq, c) {
				continue
			}
			s, a, ok := md.earliest(sg, pos, t, after, c)
			if !ok {
				continue
			}
			seq, starts = append(seq, c), append(starts, s)
			dfs(md.place[c], s+md.p.Candidates[c].Duration, a)
			seq, starts = seq[:len(seq)-1], starts[:len(starts)-1]
		}
	}
	dfs(sg.start, sg.from, false)
	if nodes > maxRouteNodes {
		for _, seq := range md.moreTours(sg) {
			if key := setKey(seq); !seen[key] {
				if starts, ok := md.timeTour(sg, seq); ok {
					seen[key] = true
					out = append(out, md.newRoute(seq, starts))
				}
			}
		}
	}
	return out
}

// timeTour times seq at its earliest in sg, if it fits.
func (md *model) timeTour(sg *segment, seq []int) ([]int, bool) {
	pos, t, after := sg.start, sg.from, false
	starts := make([]int, len(seq))
	for k, c := range seq {
		s, a, ok := md.earliest(sg, pos, t, after, c)
		if !ok {
			return nil, false
		}
		starts[k], pos, t, after = s, md.place[c], s+md.p.Candidates[c].Duration, a
	}
	return starts, md.back(sg, pos, t, after)
}

func setKey(seq []int) string {
	s := slices.Clone(seq)
	sort.Ints(s)
	b := make([]byte, 0, 2*len(s))
	for _, c := range s {
		b = append(b, byte(c), byte(c>>8))
	}
	return string(b)
}

func (md *model) newRoute(items, starts []int) route {
	r := route{items: items, starts: starts, lo: 0, hi: md.nv, allowed: md.all,
		val: make([]int32, md.nv), needs: make([][]uint64, md.nv)}
	for _, c := range items {
		r.lo = max(r.lo, md.capLo[c])
		r.hi = min(r.hi, md.capHi[c])
		r.allowed &= md.allowed[c]
		r.everyone = r.everyone || md.everyone[c]
		if md.mandatory[c] {
			r.nMand++
		}
		if md.meeting[c] {
			r.nMeet++
		}
		for v := range md.nv {
			r.val[v] += int32(md.w[v][c])
			if md.needs[v][c] {
				r.needs[v] = append(r.needs[v], md.cover[v][c])
			}
		}
	}
	if r.everyone {
		r.lo = max(r.lo, md.nv)
	}
	vals := make([]int, 0, md.nv)
	for v := range md.nv {
		if r.allowed&(1<<v) != 0 {
			vals = append(vals, int(r.val[v]))
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(vals)))
	for i := 0; i < len(vals) && i < r.hi; i++ {
		r.pot += int64(vals[i])
	}
	r.pot += int64(r.nMand) * md.bonus
	return r
}

// interpreted says whether visitor v can follow every item of r with the
// interpreters ints in the group.
func (r *route) interpreted(v int, ints uint64) bool {
	for _, m := range r.needs[v] {
		if m&ints == 0 {
			return false
		}
	}
	return true
}

// uses says whether r holds a candidate marked in used.
func (r *route) uses(used []bool) bool {
	for _, c := range r.items {
		if used[c] {
			return true
		}
	}
	return false
}
