package itinerary

// state is a complete candidate solution: one route per day.
type state struct {
	md     *model
	routes []*route
	where  []int // candidate -> day, or -1 when left out
	used   []int // limit usage
	score  int64 // sum of objective weights of scheduled candidates
	// removals counts the items taken out by removeAt; freedAt is that
	// count when each candidate was last taken out.
	removals uint64
	freedAt  []uint64
}

func newState(md *model) *state {
	s := &state{md: md, where: make([]int, md.n), used: make([]int, len(md.limitMax)), freedAt: make([]uint64, md.n)}
	for i := range s.where {
		s.where[i] = -1
	}
	for d := range md.m {
		s.routes = append(s.routes, newRoute(md, d))
	}
	return s
}

// fitsLimits reports whether c can be added, optionally after removing out (-1: none).
func (s *state) fitsLimits(c, out int) bool {
	for _, u := range s.md.uses[c] {
		v := s.used[u.limit] + u.amount
		if out >= 0 {
			for _, o := range s.md.uses[out] {
				if o.limit == u.limit {
					v -= o.amount
				}
			}
		}
		if v > s.md.limitMax[u.limit] {
			return false
		}
	}
	return true
}

// fitsCap reports whether c can join day d's meeting count, optionally
// after removing out (-1: none) from that day.
func (s *state) fitsCap(c, d, out int) bool {
	md := s.md
	lim := md.days[d].maxMeetings
	if lim == 0 || !md.meeting[c] {
		return true
	}
	n := s.routes[d].meetings
	if out >= 0 && md.meeting[out] {
		n--
	}
	return n < lim
}

func (s *state) account(c, sign int) {
	for _, u := range s.md.uses[c] {
		s.used[u.limit] += sign * u.amount
	}
	s.score += int64(sign) * s.md.obj[c]
}

// add inserts c after position p of day d; the caller has checked feasibility.
func (s *state) add(c, d, p int) {
	r := s.routes[d]
	r.insertAt(p, c)
	if !s.md.simulate(r) {
		panic("itinerary: infeasible insertion applied")
	}
	s.where[c] = d
	s.account(c, +1)
}

// removeAt drops the item at position k of day d. It refuses (false) in
// the rare case where travel times break the triangle inequality and the
// shorter route would arrive too late somewhere.
func (s *state) removeAt(d, k int) bool {
	r := s.routes[d]
	c := r.nodes[k]
	r.removeAt(k)
	if !s.md.simulate(r) {
		r.insertAt(k-1, c)
		s.md.simulate(r)
		return false
	}
	s.where[c] = -1
	s.account(c, -1)
	s.removals++
	s.freedAt[c] = s.removals
	return true
}

func (s *state) snapshot() [][]int {
	out := make([][]int, len(s.routes))
	for d, r := range s.routes {
		out[d] = append([]int(nil), r.nodes...)
	}
	return out
}

// restore rebuilds s from a snapshot.
func (s *state) restore(snap [][]int) {
	for i := range s.where {
		s.where[i] = -1
	}
	clear(s.used)
	s.score = 0
	for d, nodes := range snap {
		r := s.routes[d]
		r.nodes = append(r.nodes[:0], nodes...)
		if !s.md.simulate(r) {
			panic("itinerary: snapshot infeasible")
		}
		for _, c := range nodes {
			if c >= 0 {
				s.where[c] = d
				s.account(c, +1)
			}
		}
	}
}
