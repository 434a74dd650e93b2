package itinerary

// The improving moves of the local search (localSearch in search.go):
// 2-opt inside a day, relocation of single items, and replacement of an
// item by a more valuable left-out one. Each keeps the routes feasible
// and changes them only when it improves them.

// twoOpt reverses segments inside each route while that shortens travel.
func (se *searcher) twoOpt() bool {
	md, s := se.md, se.s
	improved := false
	for d, r := range s.routes {
		n := len(r.nodes)
		if n < 4 || se.twoOptVer[d] == r.version {
			continue
		}
		// Without a lunch break every position's place is its item's, so
		// the travel after a reversal follows from prefix sums of the legs
		// in both directions; only reversals that shorten travel are
		// simulated.
		noLunch := !md.days[r.day].hasLunch
	again:
		if noLunch {
			fw, bw := se.fw[:0], se.bw[:0]
			fw, bw = append(fw, 0), append(bw, 0)
			for x := 0; x+1 < n; x++ {
				fw = append(fw, fw[x]+md.t(r.day, r.place[x], r.place[x+1]))
				bw = append(bw, bw[x]+md.t(r.day, r.place[x+1], r.place[x]))
			}
			se.fw, se.bw = fw, bw
		}
		tt, np := md.days[r.day].tt, md.np
		for i := 1; i < n-2; i++ {
			// The legs out of the places at i-1 and i.
			pl := r.place
			from, to := tt[pl[i-1]*np:(pl[i-1]+1)*np], tt[pl[i]*np:(pl[i]+1)*np]
			for k := i + 1; k < n-1; k++ {
				if noLunch {
					// The legs from i-1 to k+1 now: fw[k+1]-fw[i-1].
					old := se.fw[k+1] - se.fw[i-1]
					nw := int(from[pl[k]]) + se.bw[k] - se.bw[i] + int(to[pl[k+1]])
					if nw >= old {
						continue
					}
				}
				t := se.tmp
				t.day = r.day
				t.nodes = append(t.nodes[:0], r.nodes...)
				for a, b := i, k; a < b; a, b = a+1, b-1 {
					t.nodes[a], t.nodes[b] = t.nodes[b], t.nodes[a]
				}
				if md.simulate(t) && t.travel < r.travel {
					r.nodes, t.nodes = t.nodes, r.nodes
					md.simulate(r)
					improved = true
					goto again
				}
			}
		}
		se.twoOptVer[d] = r.version
	}
	return improved
}

// relocate moves single items to another day or position when that
// shortens total travel, which frees time for more items. Each move is
// tried on a copy of the route, so the routes (and the insertion cache)
// change only when an item really moves.
func (se *searcher) relocate() bool {
	md, s := se.md, se.s
	// Versions only grow, so their sum is unchanged only if no route
	// changed.
	var vsum uint64
	same := true
	for d, r := range s.routes {
		vsum += r.version
		same = same && se.relocVer[d] == r.version
	}
	if same {
		return false
	}
	defer func() {
		var after uint64
		for _, r := range s.routes {
			after += r.version
		}
		if after == vsum {
			for d, r := range s.routes {
				se.relocVer[d] = r.version
			}
		}
	}()
	improved := false
	t := se.tmp2
	for d := range s.routes {
		r := s.routes[d]
		for k := 1; k < len(r.nodes)-1; k++ {
			c := r.nodes[k]
			if c < 0 || md.locked[c] {
				continue
			}
			t.day = d
			t.nodes = append(append(t.nodes[:0], r.nodes[:k]...), r.nodes[k+1:]...)
			// Without a lunch break, t (r without c) is feasible when the
			// item after c is reached no later than before (then no
			// later item is either: each keeps a window), and its travel
			// follows from r's. So t is simulated only when a position
			// of the same day needs its schedule (see relocateSameDay);
			// otherwise at once, as the estimate and the scan need it.
			lazy := !md.days[d].hasLunch && r.dep[k-1]+md.t(d, r.place[k-1], r.place[k+1]) <= r.arr[k+1]
			var gain int // travel saved by taking c out
			if lazy {
				pl := r.place
				gain = md.t(d, pl[k-1], pl[k]) + md.t(d, pl[k], pl[k+1]) - md.t(d, pl[k-1], pl[k+1])
			} else {
				if !md.simulate(t) {
					continue
				}
				gain = r.travel - t.travel
			}
			bd, bp, bdelta := -1, -1, gain
			for d2, r2 := range s.routes {
				out := -1
				if d2 == d {
					r2, out = t, c
				}
				ws := md.windows(c, d2)
				if !s.fitsCap(c, d2, out) || len(ws) == 0 {
					continue
				}
				if d2 == d && lazy {
					if p, delta := se.relocateSameDay(r, k, bdelta); p >= 0 {
						bd, bp, bdelta = d2, p, delta
					}
					continue
				}
				need := md.need(c, d2)
				if r2.maxRoom < need {
					continue
				}
				last := ws[len(ws)-1].close
				for p := md.firstPos(r2, ws[0].open+md.dur[c]); p < len(r2.nodes)-1 && r2.dep[p] <= last; p++ {
					if (d2 == d && p == k-1) || r2.room[p] < need {
						continue
					}
					// The travel first: only a shorter one needs the
					// insertion test.
					delta := md.t(d2, r2.place[p], md.place[c]) + md.t(d2, md.place[c], r2.place[p+1]) - md.t(d2, r2.place[p], r2.place[p+1])
					if r2.nodes[p+1] == nodeLunch {
						delta = legAfter(md, r2, p+1, c) // approximate; verified below
					}
					if delta >= bdelta {
						continue
					}
					if ok, _ := md.insertionIn(r2, c, p, ws); ok {
						bd, bp, bdelta = d2, p, delta
					}
				}
			}
			if bd < 0 || !s.removeAt(d, k) {
				continue
			}
			old := s.routes[bd].travel
			s.add(c, bd, bp)
			if s.routes[bd].travel-old < gain {
				improved = true
				continue
			}
			// Lunch made the estimate wrong: undo.
			s.removeAt(bd, bp+1)
			s.add(c, d, k-1)
		}
	}
	return improved
}

// relocateSameDay is relocate's scan of the item c at position k of r
// for a new position in r without it (se.tmp2, nodes set, not yet
// simulated), on a day without lunch, t known to be feasible. It takes
// the same decisions as the scan of relocate, in another order: the
// travel delta of each position first (from r's places: t's position p
// is r's p, or p+1 from k on), and the schedule of t (simulated once)
// only for a position that shortens travel below bdelta. It returns the
// last position accepted with its delta (-1: none).
func (se *searcher) relocateSameDay(r *route, k, bdelta int) (int, int) {
	md, t := se.md, se.tmp2
	d, c := r.day, r.nodes[k]
	pc := md.place[c]
	ws := md.windows(c, d)
	need := md.need(c, d)
	last := ws[len(ws)-1].close
	placeAt := func(p int) int {
		if p >= k {
			return r.place[p+1]
		}
		return r.place[p]
	}
	bp, simulated, first := -1, false, 0
	for p := 0; p < len(t.nodes)-1; p++ {
		if p == k-1 {
			continue
		}
		a, b := placeAt(p), placeAt(p+1)
		delta := md.t(d, a, pc) + md.t(d, pc, b) - md.t(d, a, b)
		if delta >= bdelta {
			continue
		}
		if !simulated {
			md.simulate(t) // feasible: see relocate
			simulated = true
			if t.maxRoom < need {
				break
			}
			first = md.firstPos(t, ws[0].open+md.dur[c])
		}
		if p < first {
			continue
		}
		if t.dep[p] > last {
			break // and every later position (departures never decrease)
		}
		if t.room[p] < need {
			continue
		}
		if ok, _ := md.insertionIn(t, c, p, ws); ok {
			bp, bdelta = p, delta
		}
	}
	return bp, bdelta
}

// legAfter estimates the extra travel of inserting c just before the lunch at q.
func legAfter(md *model, r *route, q, c int) int {
	p := r.place[q-1]
	after := r.place[q+1]
	return md.t(r.day, p, md.place[c]) + md.t(r.day, md.place[c], after) - md.t(r.day, p, after)
}

// valued is a candidate with its objective weight (kept side by side so
// that replace's scan of the candidates reads one array).
type valued struct {
	c   int
	obj int64
}

// replace swaps a scheduled item for a more valuable unscheduled one.
// A day whose route has not changed since a scan that found nothing is
// scanned again only for the items left out since (and, with program
// limits, only if nothing was left out since), which gives the same
// answer.
//
// For each item out it takes the first candidate, by decreasing weight,
// that weighs more than out and fits in the route without out. The
// candidates that can qualify on the day (unscheduled, with a window on
// the day, and, on a partial scan, left out since) do not depend on out,
// so they are listed once per day in avail, and again after each
// replacement; the checks that depend on out (program limits, meeting
// cap) stay in the scan.
func (se *searcher) replace() bool {
	md, s := se.md, se.s
	improved := false
	noLimits := len(md.limitMax) == 0
	for d := range s.routes {
		r := s.routes[d]
		partial := se.replVer[d] == r.version && (noLimits || se.replEpoch[d] == s.removals)
		since := se.replEpoch[d]
		if partial && since == s.removals {
			continue
		}
		noCap := md.days[d].maxMeetings == 0
		avail := se.listAvail(d, partial, since)
		changed := false
		for k := 1; k < len(r.nodes)-1; k++ {
			out := r.nodes[k]
			if out < 0 || md.locked[out] {
				continue
			}
			t := se.tmp
			simulated, z := false, 0
			bc, bp := -1, -1
			var bw int64 = md.obj[out]
			for _, v := range avail {
				if v.obj <= bw {
					break
				}
				c := v.c
				if (!noLimits && !s.fitsLimits(c, out)) || (!noCap && !s.fitsCap(c, d, out)) {
					continue
				}
				if !simulated {
					t.day = d
					t.nodes = append(append(t.nodes[:0], r.nodes[:k]...), r.nodes[k+1:]...)
					if !md.simulate(t) {
						break
					}
					simulated = true
					// From position z on, t's schedule is r's (waiting
					// absorbed the time freed by out).
					z = len(t.nodes) - 1
					for q := k; q < len(t.nodes); q++ {
						if t.start[q] == r.start[q+1] && t.place[q] == r.place[q+1] {
							z = q
							break
						}
					}
				}
				need := md.need(c, d)
				if t.maxRoom < need {
					continue
				}
				// An item known to fit nowhere in r fits nowhere in t
				// after z either: the schedule there is the same.
				stop := len(t.nodes) - 1
				if i := c*md.m + d; se.cacheVer[i] == r.version && se.bestRatio[i] < 0 {
					stop = z
				}
				ws := md.windows(c, d)
				last := ws[len(ws)-1].close
				for p := md.firstPos(t, ws[0].open+md.dur[c]); p < stop && t.dep[p] <= last; p++ {
					if t.room[p] < need {
						continue
					}
					if ok, _ := md.insertionIn(t, c, p, ws); ok {
						bc, bp, bw = c, p, v.obj
						break
					}
				}
			}
			if bc >= 0 {
				s.removeAt(d, k)
				s.add(bc, d, bp)
				improved, changed, partial = true, true, false
				avail = se.listAvail(d, false, since)
			}
		}
		if !changed {
			se.replVer[d], se.replEpoch[d] = r.version, s.removals
		}
	}
	return improved
}

// listAvail lists (in se.avail) the candidates replace may bring into day
// d: unscheduled, with a window on d, and on a partial scan left out
// after the removal count since.
func (se *searcher) listAvail(d int, partial bool, since uint64) []valued {
	s := se.s
	avail := se.avail[:0]
	for _, v := range se.dayByValue[d] {
		if s.where[v.c] < 0 && (!partial || s.freedAt[v.c] > since) {
			avail = append(avail, v)
		}
	}
	se.avail = avail
	return avail
}
