package itinerary

import (
	"math"
	"math/rand/v2"
	"sort"
)

// searcher runs one iterated local search (one worker).
type searcher struct {
	md  *model
	rng *rand.Rand
	s   *state
	// insertion cache per (candidate, day)
	bestRatio []float64
	bestPos   []int
	cacheVer  []uint64
	tmp, tmp2 *route
	// replace's memory per day: the route version and removal count of
	// its last scan that found nothing
	replVer, replEpoch []uint64
	// twoOptVer[d] is the version of day d's route after a twoOpt scan
	// of it found nothing, relocVer the versions of all routes after a
	// relocate that changed nothing: the same scans of the same routes
	// find nothing again, so they are skipped.
	twoOptVer, relocVer []uint64
	fw, bw              []int // prefix sums of travel (twoOpt)
	byValue             []int // candidates by decreasing objective weight
	// dayByValue[d] holds the candidates with a window on day d in
	// byValue order; replace builds avail from it (see replace).
	dayByValue [][]valued
	avail      []valued
	// guided local search memory: how many of the local optima reached
	// after a perturbation held each item, and how many there were
	glsCount []int
	glsTotal int
	// meanValue is the mean candidate value: the unit of the annealing
	// temperature and of the guided local search penalty.
	meanValue float64
	slice     sliceDP // buffers of the slice re-optimisation
}

func newSearcher(md *model, seed uint64) *searcher {
	byValue := make([]int, md.n)
	for i := range byValue {
		byValue[i] = i
	}
	sort.SliceStable(byValue, func(a, b int) bool { return md.obj[byValue[a]] > md.obj[byValue[b]] })
	dayByValue := make([][]valued, md.m)
	for _, c := range byValue {
		for d := range md.m {
			if len(md.windows(c, d)) > 0 {
				dayByValue[d] = append(dayByValue[d], valued{c, md.obj[c]})
			}
		}
	}
	var meanValue float64
	for c := range md.n {
		meanValue += float64(md.value[c])
	}
	meanValue /= float64(max(md.n, 1))
	return &searcher{
		meanValue:  meanValue,
		glsCount:   make([]int, md.n),
		byValue:    byValue,
		dayByValue: dayByValue,
		md:         md,
		rng:        rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)),
		s:          newState(md),
		bestRatio:  make([]float64, md.n*md.m),
		bestPos:    make([]int, md.n*md.m),
		cacheVer:   make([]uint64, md.n*md.m),
		tmp:        &route{},
		tmp2:       &route{},
		replVer:    make([]uint64, md.m),
		replEpoch:  make([]uint64, md.m),
		twoOptVer:  make([]uint64, md.m),
		relocVer:   make([]uint64, md.m),
	}
}

// evalDay finds the best insertion position of c on day d (ratio -1: none).
func (se *searcher) evalDay(c, d int) {
	md, r := se.md, se.s.routes[d]
	i := c*md.m + d
	if se.cacheVer[i] == r.version {
		return
	}
	se.cacheVer[i] = r.version
	se.bestRatio[i] = -1
	ws := md.windows(c, d)
	if len(ws) == 0 {
		return
	}
	need := md.need(c, d)
	if r.maxRoom < need {
		return
	}
	// The scan ends at the first position left after the last window
	// closes: c arrives no earlier than that departure, and departures
	// never decrease along a route (the same bound ends the scans of
	// randomPos, relocate and replace).
	last := ws[len(ws)-1].close
	best := -1
	bestShift := 0
	for p := md.firstPos(r, ws[0].open+md.dur[c]); p < len(r.nodes)-1 && r.dep[p] <= last; p++ {
		if r.room[p] < need {
			continue
		}
		ok, shift := md.insertionIn(r, c, p, ws)
		if ok && (best < 0 || shift < bestShift) {
			best, bestShift = p, shift
		}
	}
	if best < 0 {
		return
	}
	w := float64(md.obj[c])
	se.bestRatio[i] = w * w / float64(max(bestShift, 0)+1)
	se.bestPos[i] = best
}

// fill inserts unscheduled candidates greedily by value²/shift until
// nothing fits. noise > 0 randomises the choice.
func (se *searcher) fill(noise float64) bool {
	md, s := se.md, se.s
	for c := range md.n {
		if s.where[c] < 0 {
			for d := range md.m {
				se.evalDay(c, d)
			}
		}
	}
	added := false
	for {
		bc, bd := -1, -1
		var br float64
		for c := range md.n {
			if s.where[c] >= 0 || !s.fitsLimits(c, -1) {
				continue
			}
			for d := range md.m {
				r := se.bestRatio[c*md.m+d]
				if r < 0 || !s.fitsCap(c, d, -1) {
					continue
				}
				if noise > 0 {
					r *= 1 + noise*se.rng.Float64()
					if knobGLS > 0 && se.glsTotal > 0 {
						// Guided local search (Voudouris & Tsang): the items
						// most often in the local optima count for less.
						w := float64(md.obj[c])
						pw := max(w-knobGLS*se.meanValue*float64(se.glsCount[c])/float64(se.glsTotal), 0.05*w)
						r *= (pw / w) * (pw / w)
					}
				}
				if r > br {
					bc, bd, br = c, d, r
				}
			}
		}
		if bc < 0 {
			return added
		}
		r := s.routes[bd]
		oldVer := r.version
		pos := se.bestPos[bc*md.m+bd]
		if noise > 0 && knobRandPos > 0 && se.rng.Float64() < knobRandPos {
			pos = se.randomPos(bc, bd, pos)
		}
		s.add(bc, bd, pos)
		added = true
		// An item that fitted nowhere on the day still fits nowhere after
		// an insertion there (the schedule only gets later), unless a
		// lunch break moves with the inserted item; those are not tested
		// again.
		keep := knobKeepInfeasible && !md.days[bd].hasLunch
		for c := range md.n {
			if s.where[c] < 0 {
				if i := c*md.m + bd; keep && se.cacheVer[i] == oldVer && se.bestRatio[i] < 0 {
					se.cacheVer[i] = r.version
					continue
				}
				se.evalDay(c, bd)
			}
		}
	}
}

// randomPos picks a feasible insertion position of c on day d uniformly
// at random (def: the one known to be feasible), so that the first fill
// after a perturbation also builds routes the min-shift rule does not.
func (se *searcher) randomPos(c, d, def int) int {
	md, r := se.md, se.s.routes[d]
	ws := md.windows(c, d)
	need := md.need(c, d)
	last := ws[len(ws)-1].close
	pos, n := def, 0
	for p := md.firstPos(r, ws[0].open+md.dur[c]); p < len(r.nodes)-1 && r.dep[p] <= last; p++ {
		if r.room[p] < need {
			continue
		}
		if ok, _ := md.insertionIn(r, c, p, ws); ok {
			n++
			if se.rng.IntN(n) == 0 {
				pos = p
			}
		}
	}
	return pos
}

// localSearch alternates the moves until none helps.
func (se *searcher) localSearch(noise float64) {
	if knobGLS > 0 && noise > 0 {
		defer se.countOptimum()
	}
	for range 50 {
		se.fill(noise)
		noise = 0
		if se.twoOpt() || se.relocate() {
			continue
		}
		if se.replace() {
			continue
		}
		if !se.fill(0) {
			return
		}
	}
}

// countOptimum records the items of the local optimum reached (guided
// local search memory).
func (se *searcher) countOptimum() {
	se.glsTotal++
	for c, d := range se.s.where {
		if d >= 0 {
			se.glsCount[c]++
		}
	}
}

// perturb removes items (pinned ones stay) with one of several destroy
// operators chosen at random: a run of consecutive items from a random
// position of every day (Vansteenwegen et al. 2009); random items; the
// items closest in place and time to a random one (Shaw removal); the
// items that cost the most time for their value.
func (se *searcher) perturb(size int) {
	md, s := se.md, se.s
	op := se.rng.IntN(knobOps)
	if op == 0 {
		for d, r := range s.routes {
			n := len(r.nodes) - 2
			if n <= 0 {
				continue
			}
			k := 1 + se.rng.IntN(n)
			for j := 0; j < size && k < len(r.nodes)-1; j++ {
				if c := r.nodes[k]; c >= 0 && !md.locked[c] && s.removeAt(d, k) {
					continue
				}
				k++
			}
		}
		return
	}
	// Collect removable items with a score: lower is removed first.
	type cand struct {
		d, c int
		key  float64
	}
	var items []cand
	var seedC, seedD, seedStart int = -1, -1, 0
	for d, r := range s.routes {
		for k := 1; k < len(r.nodes)-1; k++ {
			if c := r.nodes[k]; c >= 0 && !md.locked[c] {
				items = append(items, cand{d, c, 0})
				if seedC < 0 || se.rng.IntN(len(items)) == 0 {
					seedC, seedD, seedStart = c, d, r.start[k]
				}
			}
		}
	}
	if len(items) == 0 {
		return
	}
	q := min(len(items), 1+se.rng.IntN(max(1, int(float64(len(items))*knobFrac))))
	for i := range items {
		it := &items[i]
		switch op {
		case 1:
			it.key = se.rng.Float64()
		case 2:
			r := s.routes[it.d]
			k := indexOf(r.nodes, it.c)
			dt := abs(r.start[k] - seedStart)
			it.key = float64(md.t(it.d, md.place[seedC], md.place[it.c])+dt/2) * (0.8 + 0.4*se.rng.Float64())
			if it.d != seedD {
				it.key *= 1.2
			}
		default:
			r := s.routes[it.d]
			k := indexOf(r.nodes, it.c)
			saved := md.t(it.d, r.place[k-1], md.place[it.c]) + md.dur[it.c] + r.wait[k]
			if k+1 < len(r.nodes) {
				saved += md.t(it.d, md.place[it.c], r.place[k+1]) - md.t(it.d, r.place[k-1], r.place[k+1])
			}
			it.key = float64(md.obj[it.c]) / float64(max(saved, 1)) * (0.7 + 0.6*se.rng.Float64())
		}
	}
	sort.Slice(items, func(a, b int) bool { return items[a].key < items[b].key })
	for _, it := range items[:q] {
		r := s.routes[it.d]
		if k := indexOf(r.nodes, it.c); k > 0 {
			s.removeAt(it.d, k)
		}
	}
}

// temperature is the annealing temperature, in units of the mean
// candidate value, after the fraction f of the budget: it falls
// geometrically from knobTempStart to knobTempEnd: early on the search
// wanders (a loss of a few mean values is often accepted), at the end it
// only descends. 3 to 0.05 beat the constant 1 used before (issue 15:
// quick trial 1.78 against 2.00, and 1.45 against 1.90 on pr13-20 with
// m = 1 and 3 at 5 s); 1 to 0.02, 10 to 0.1 and 0.3 to 0.01 did not
// (measured on the slower engine before the speed-ups of issue 15).
func temperature(f float64) float64 {
	return knobTempStart * math.Pow(knobTempEnd/knobTempStart, f)
}

func indexOf(xs []int, x int) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// placePinned inserts pinned items first, in time order.
func (se *searcher) placePinned() {
	md, s := se.md, se.s
	var pins []int
	for c := range md.n {
		if md.locked[c] && s.where[c] < 0 {
			pins = append(pins, c)
		}
	}
	first := func(c int) int {
		for d := range md.m {
			if ws := md.windows(c, d); len(ws) > 0 {
				return ws[0].open
			}
		}
		return inf
	}
	sort.SliceStable(pins, func(a, b int) bool { return first(pins[a]) < first(pins[b]) })
	for _, c := range pins {
		for d := range md.m {
			if len(md.windows(c, d)) == 0 || !s.fitsCap(c, d, -1) || !s.fitsLimits(c, -1) {
				continue
			}
			r := s.routes[d]
			for p := 0; p < len(r.nodes)-1; p++ {
				if ok, _ := md.insertion(r, c, p); ok {
					s.add(c, d, p)
					break
				}
			}
			break
		}
	}
}

type searchResult struct {
	snap       [][]int
	score      int64
	iterations int
}

// run is the iterated local search. It stops when the budget is used.
func (se *searcher) run(b *budget) searchResult {
	se.placePinned()
	se.localSearch(0)
	best := searchResult{snap: se.s.snapshot(), score: se.s.score}
	curSnap, curScore := best.snap, best.score
	maxSize := 1
	for _, r := range se.s.routes {
		maxSize = max(maxSize, (len(r.nodes)-2)/2)
	}
	var pool *routePool
	if se.md.m > 1 && knobPoolEvery > 0 {
		pool = newRoutePool(se.md)
		pool.add(se.s)
	}
	size, stall := 1, 0
	for it := 1; ; it++ {
		best.iterations = it
		if b.over(it) {
			break
		}
		temp := se.meanValue * temperature(b.fraction(it))
		// The perturbation: a slice kick now and then (falling back on
		// the destroy operators when the slice has nothing else to
		// choose from), else the destroy operators.
		if knobSliceKick == 0 || se.rng.Float64() >= knobSliceKick || !se.sliceKick() {
			se.perturb(size)
		}
		se.localSearch(knobNoise)
		if pool != nil {
			pool.add(se.s)
			if it%knobPoolEvery == 0 {
				if snap := pool.best(best.score); snap != nil {
					se.s.restore(snap)
					se.localSearch(0)
				}
			}
		}
		if se.s.score > best.score {
			best.snap, best.score = se.s.snapshot(), se.s.score
			curSnap, curScore = best.snap, best.score
			size, stall = 1, 0
			continue
		}
		stall++
		size++
		if size > maxSize {
			size = 1
		}
		// Simulated annealing acceptance of the new current solution.
		d := float64(se.s.score - curScore)
		if d >= 0 || (temp > 0 && se.rng.Float64() < math.Exp(d/temp)) {
			curSnap, curScore = se.s.snapshot(), se.s.score
		} else {
			se.s.restore(curSnap)
		}
		if restore := knobRestore; restore > 0 && stall%restore == 0 {
			se.s.restore(best.snap)
			curSnap, curScore = best.snap, best.score
		}
	}
	return best
}
