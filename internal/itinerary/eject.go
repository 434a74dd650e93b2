package itinerary

// eject is the "1-out, k-in" move: it takes one scheduled item out of a
// day, refills that day greedily (value²/shift, as fill) from the
// unscheduled items, and keeps the result when the score rises. It
// generalises replace, which accepts only one more valuable item, and
// lets the local search leave item sets that replace and fill alone
// cannot (several cheap items in place of one expensive one). The
// refill is done on a copy of the route, so the state changes only on
// success.
func (se *searcher) eject() bool {
	md, s := se.md, se.s
	improved := false
	if se.ejUsed == nil {
		se.ejUsed = make([]int, len(md.limitMax))
		se.ejMark = make([]uint32, md.n)
	}
	for d := range s.routes {
		r := s.routes[d]
		lunch := md.days[d].hasLunch
		lim := md.days[d].maxMeetings
		for k := 1; k < len(r.nodes)-1; k++ {
			out := r.nodes[k]
			if out < 0 || md.locked[out] {
				continue
			}
			t := se.tmp
			t.day = d
			t.nodes = append(append(t.nodes[:0], r.nodes[:k]...), r.nodes[k+1:]...)
			if !md.simulate(t) {
				continue
			}
			// From position z on, t's schedule is r's (see replace): an
			// item known to fit nowhere in r fits in t only before z.
			z := len(t.nodes) - 1
			for q := k; q < len(t.nodes); q++ {
				if t.start[q] == r.start[q+1] && t.place[q] == r.place[q+1] {
					z = q
					break
				}
			}
			copy(se.ejUsed, s.used)
			for _, u := range md.uses[out] {
				se.ejUsed[u.limit] -= u.amount
			}
			se.ejGen++
			gen := se.ejGen
			se.ejMark[out] = gen // not re-inserted: that gives r back
			// First round: which items fit in t at all, and the sum of
			// their values, which bounds the gain.
			fits := se.ejList[:0]
			var bound int64
			for c := range md.n {
				if s.where[c] >= 0 || c == out {
					continue
				}
				ws := md.windows(c, d)
				need := md.need(c, d)
				if len(ws) == 0 || t.maxRoom < need {
					continue
				}
				stop := len(t.nodes) - 1
				if i := c*md.m + d; se.cacheVer[i] == r.version && se.bestRatio[i] < 0 {
					stop = z
				}
				last := ws[len(ws)-1].close
				for p := md.firstPos(t, ws[0].open+md.dur[c]); p < stop && t.start[p] <= last; p++ {
					if t.room[p] < need {
						continue
					}
					if ok, _ := md.insertionIn(t, c, p, ws); ok {
						fits = append(fits, c)
						bound += md.obj[c]
						break
					}
				}
			}
			se.ejList = fits
			if bound <= md.obj[out] {
				continue
			}
			// Greedy refill from the items that fit.
			var gain int64 = -md.obj[out]
			for {
				bc, bp := -1, -1
				var br float64
				for _, c := range fits {
					if se.ejMark[c] == gen {
						continue
					}
					if lim > 0 && md.meeting[c] && t.meetings >= lim {
						continue
					}
					if !se.ejFitsLimits(c) {
						continue
					}
					ws := md.windows(c, d)
					need := md.need(c, d)
					if t.maxRoom < need {
						if !lunch {
							se.ejMark[c] = gen // t only gets fuller
						}
						continue
					}
					last := ws[len(ws)-1].close
					p0, sh := -1, 0
					for p := md.firstPos(t, ws[0].open+md.dur[c]); p < len(t.nodes)-1 && t.start[p] <= last; p++ {
						if t.room[p] < need {
							continue
						}
						if ok, shift := md.insertionIn(t, c, p, ws); ok && (p0 < 0 || shift < sh) {
							p0, sh = p, shift
						}
					}
					if p0 < 0 {
						if !lunch {
							se.ejMark[c] = gen
						}
						continue
					}
					w := float64(md.obj[c])
					if ratio := w * w / float64(max(sh, 0)+1); ratio > br {
						bc, bp, br = c, p0, ratio
					}
				}
				if bc < 0 {
					break
				}
				t.insertAt(bp, bc)
				md.simulate(t)
				se.ejMark[bc] = gen
				for _, u := range md.uses[bc] {
					se.ejUsed[u.limit] += u.amount
				}
				gain += md.obj[bc]
			}
			if gain <= 0 {
				continue
			}
			s.setRoute(d, t.nodes)
			r = s.routes[d]
			improved = true
		}
	}
	return improved
}

// ejFitsLimits is fitsLimits against eject's running limit usage.
func (se *searcher) ejFitsLimits(c int) bool {
	for _, u := range se.md.uses[c] {
		if se.ejUsed[u.limit]+u.amount > se.md.limitMax[u.limit] {
			return false
		}
	}
	return true
}

// setRoute replaces day d's items by nodes (a feasible order), keeping
// the accounting: the items that leave the day count as removals (see
// removeAt), so that replace scans for them again.
func (s *state) setRoute(d int, nodes []int) {
	r := s.routes[d]
	old := append([]int(nil), r.nodes...)
	for _, c := range old {
		if c >= 0 {
			s.where[c] = -1
			s.account(c, -1)
		}
	}
	r.nodes = append(r.nodes[:0], nodes...)
	if !s.md.simulate(r) {
		panic("itinerary: infeasible route set")
	}
	for _, c := range nodes {
		if c >= 0 {
			s.where[c] = d
			s.account(c, +1)
		}
	}
	for _, c := range old {
		if c >= 0 && s.where[c] < 0 {
			s.removals++
			s.freedAt[c] = s.removals
		}
	}
}
