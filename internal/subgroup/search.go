package subgroup

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"time"
)

// group is one sub-group of a stretch: its tour, members and
// interpreters (bit sets).
type group struct {
	route   int
	members uint64
	ints    uint64
}

// plan is a stretch's groups with its score: the members' values of
// their tours, plus the mandatory bonus, minus the split cost.
type plan struct {
	groups []group
	score  int64
}

type searcher struct {
	md    *model
	pools [][]route
	order [][]int // per stretch: route indices by potential, best first
	plans []plan
	rng   *rand.Rand
	as    assignment
	// scratch
	vals [][]int32
	elig []uint64
	lo   []int
	hi   []int
	used []bool
	// room is, per visitor, how many meetings they may still attend in
	// the stretch being planned: the day's MaxMeetings less those the
	// other stretches of that day give them (see limit).
	room []int
	// reserve keeps, per visitor, meetings out of the stretch being
	// planned for the day's other stretches (the reserve move of run).
	reserve []int
	// cache holds, per stretch, the assignments already solved, by tours
	// and interpreters of the groups.
	cache []map[string]filled
	// stop says whether the search must end (deadline or context).
	stop func() bool
}

type filled struct {
	members []uint64
	total   int64
	ok      bool
}

func newSearcher(md *model, seed uint64) *searcher {
	se := &searcher{md: md, rng: rand.New(rand.NewPCG(seed, 0x5eed)), used: make([]bool, md.nc), room: make([]int, md.nv),
		reserve: make([]int, md.nv)}
	for s := range md.segs {
		pl := md.pool(&md.segs[s])
		se.pools = append(se.pools, pl)
		ord := make([]int, len(pl))
		for i := range ord {
			ord[i] = i
		}
		sort.SliceStable(ord, func(a, b int) bool { return pl[ord[a]].pot > pl[ord[b]].pot })
		se.order = append(se.order, ord)
	}
	se.stop = func() bool { return false }
	se.plans = make([]plan, len(md.segs))
	se.cache = make([]map[string]filled, len(md.segs))
	for s := range se.cache {
		se.cache[s] = map[string]filled{}
	}
	return se
}

// markUsed marks the candidates of every stretch's plan except skip.
func (se *searcher) markUsed(skip int) {
	clear(se.used)
	for s, pl := range se.plans {
		if s == skip {
			continue
		}
		for _, g := range pl.groups {
			for _, c := range se.pools[s][g.route].items {
				se.used[c] = true
			}
		}
	}
}

// noLimit is a visitor's room on a day without a meeting limit.
const noLimit = 1 << 20

// limit sets se.room for stretch s from the plans of the other stretches
// of its day.
func (se *searcher) limit(s int) {
	md := se.md
	d := md.segs[s].day
	if md.dayMax[d] == 0 {
		for v := range se.room {
			se.room[v] = noLimit
		}
		return
	}
	for v := range se.room {
		se.room[v] = md.dayMax[d] - se.reserve[v]
	}
	for t, pl := range se.plans {
		if t == s || md.segs[t].day != d {
			continue
		}
		for _, g := range pl.groups {
			n := se.pools[t][g.route].nMeet
			for m := g.members; m != 0 && n > 0; m &= m - 1 {
				se.room[trailing(m)] -= n
			}
		}
	}
}

// fits is the set of visitors, among vs, with room for r's meetings.
func (se *searcher) fits(r *route, vs uint64) uint64 {
	if r.nMeet == 0 {
		return vs
	}
	for m := vs; m != 0; m &= m - 1 {
		if v := trailing(m); se.room[v] < r.nMeet {
			vs &^= 1 << v
		}
	}
	return vs
}

// whole is the best plan keeping the delegation together, exactly.
func (se *searcher) whole(s int) plan {
	md := se.md
	best := plan{score: -1}
	for ri := range se.pools[s] {
		r := &se.pools[s][ri]
		if r.uses(se.used) || r.lo > md.nv || r.hi < md.nv || r.allowed != md.all || se.fits(r, md.all) != md.all {
			continue
		}
		sc := int64(r.nMand) * md.bonus
		ok := true
		for v := range md.nv {
			if !r.interpreted(v, md.allInt) {
				ok = false
				break
			}
			sc += int64(r.val[v])
		}
		if ok && sc > best.score {
			best = plan{groups: []group{{route: ri, members: md.all, ints: md.allInt}}, score: sc}
		}
	}
	return best
}

// fill assigns members to the groups' tours and interpreters; it
// returns the plan's score or ok false.
func (se *searcher) fill(s int, gs []group) (int64, bool) {
	md := se.md
	k := len(gs)
	se.vals, se.elig, se.lo, se.hi = se.vals[:0], se.elig[:0], se.lo[:0], se.hi[:0]
	for _, g := range gs {
		r := &se.pools[s][g.route]
		if r.everyone {
			return 0, false
		}
		el := se.fits(r, r.allowed)
		for v := range md.nv {
			if el&(1<<v) != 0 && !r.interpreted(v, g.ints) {
				el &^= 1 << v
			}
		}
		se.vals = append(se.vals, r.val)
		se.elig = append(se.elig, el)
		se.lo = append(se.lo, max(r.lo, 1))
		se.hi = append(se.hi, r.hi)
	}
	key := make([]byte, 0, 24*k)
	for g := range gs {
		key = fmt.Appendf(key, "%d/%d/%d;", gs[g].route, gs[g].ints, se.elig[g])
	}
	c, hit := se.cache[s][string(key)]
	if !hit {
		c.members, c.total, c.ok = se.as.solve(md.nv, se.vals, se.elig, se.lo, se.hi)
		se.cache[s][string(key)] = c
	}
	mem, total, ok := c.members, c.total, c.ok
	if !ok {
		return 0, false
	}
	for g := range gs {
		gs[g].members = mem[g] // mem is shared with the cache: read only
	}
	return total - int64(k-1)*int64(md.p.SplitCost), true
}

// reroute gives group g the best tour for its members and interpreters,
// among those free of other groups' and stretches' candidates.
func (se *searcher) reroute(s int, gs []group, g int) bool {
	for h, o := range gs {
		if h != g {
			for _, c := range se.pools[s][o.route].items {
				se.used[c] = true
			}
		}
	}
	n := popcount(gs[g].members)
	best, bestVal := gs[g].route, int64(-1)
	for ri := range se.pools[s] {
		r := &se.pools[s][ri]
		if r.everyone || n < r.lo || n > r.hi || gs[g].members&^r.allowed != 0 || se.fits(r, gs[g].members) != gs[g].members || r.uses(se.used) {
			continue
		}
		var sc int64
		ok := true
		for m := gs[g].members; m != 0; m &= m - 1 {
			v := trailing(m)
			if !r.interpreted(v, gs[g].ints) {
				ok = false
				break
			}
			sc += int64(r.val[v])
		}
		if ok && (sc > bestVal || (sc == bestVal && ri == gs[g].route)) {
			best, bestVal = ri, sc
		}
	}
	for h, o := range gs {
		if h != g {
			for _, c := range se.pools[s][o.route].items {
				se.used[c] = false
			}
		}
	}
	changed := best != gs[g].route
	gs[g].route = best
	return changed
}

func trailing(x uint64) int {
	n := 0
	for x&1 == 0 {
		x >>= 1
		n++
	}
	return n
}

// split searches plans with k groups for stretch s from one random
// start: alternate the best tours for the groups, the best members for
// the tours, and interpreter moves, until nothing improves.
// The first group starts from the first-th best tour by potential, the
// others from random good ones.
func (se *searcher) split(s, k, first int) plan {
	md := se.md
	// The starting tours: the best by potential; on a day with a meeting
	// limit, the best that someone still has room for (free of other
	// stretches' candidates).
	want := 12 + 4*k
	ord := se.order[s][:min(len(se.order[s]), want)]
	if md.dayMax[md.segs[s].day] > 0 {
		ord = make([]int, 0, want)
		for _, ri := range se.order[s] {
			if r := &se.pools[s][ri]; !r.everyone && !r.uses(se.used) && se.fits(r, r.allowed) != 0 {
				if ord = append(ord, ri); len(ord) == want {
					break
				}
			}
		}
		if len(ord) == 0 {
			return plan{score: -1}
		}
	}
	gs := make([]group, k)
	top := len(ord)
	taken := make([]bool, md.nc)
	for g := range gs {
		gs[g].route = 0
		for try := range 8 {
			ri := ord[se.rng.IntN(top)]
			if g == 0 && try == 0 {
				ri = ord[first%len(ord)]
			}
			r := &se.pools[s][ri]
			if r.everyone || r.uses(se.used) || clash(r.items, taken) {
				continue
			}
			gs[g].route = ri
			for _, c := range r.items {
				taken[c] = true
			}
			break
		}
	}
	for i := range md.ni {
		if g := se.rng.IntN(k + 1); g < k {
			gs[g].ints |= 1 << i
		}
	}
	score, ok := se.fill(s, gs)
	for try := 0; !ok && try < 4; try++ {
		for g := range gs {
			gs[g].ints = 0
		}
		for i := range md.ni {
			gs[se.rng.IntN(k)].ints |= 1 << i
		}
		score, ok = se.fill(s, gs)
	}
	if !ok {
		return plan{score: -1}
	}
	for loop := 0; loop < 12; loop++ {
		improved := false
		for g := range gs {
			if se.reroute(s, gs, g) {
				if sc, ok := se.fill(s, gs); ok && sc >= score {
					improved = improved || sc > score
					score = sc
				} else {
					// keep the members the tour was chosen for
					score = se.score(s, gs)
				}
			}
		}
		// Interpreter moves: each interpreter to another group or none.
		for i := range md.ni {
			bit := uint64(1) << i
			from := -1
			for g := range gs {
				if gs[g].ints&bit != 0 {
					from = g
				}
			}
			bestTo, bestSc := from, score
			for to := -1; to < k; to++ {
				if to == from {
					continue
				}
				trial := append([]group(nil), gs...)
				if from >= 0 {
					trial[from].ints &^= bit
				}
				if to >= 0 {
					trial[to].ints |= bit
				}
				if sc, ok := se.fill(s, trial); ok && sc > bestSc {
					bestTo, bestSc = to, sc
				}
			}
			if bestTo != from {
				if from >= 0 {
					gs[from].ints &^= bit
				}
				if bestTo >= 0 {
					gs[bestTo].ints |= bit
				}
				se.fill(s, gs)
				score = bestSc
				improved = true
			}
		}
		if !improved {
			break
		}
	}
	return plan{groups: gs, score: score}
}

// score is the plan's value with its current members.
func (se *searcher) score(s int, gs []group) int64 {
	var sc int64
	for _, g := range gs {
		r := &se.pools[s][g.route]
		for m := g.members; m != 0; m &= m - 1 {
			sc += int64(r.val[trailing(m)])
		}
		sc += int64(r.nMand) * se.md.bonus
	}
	return sc - int64(len(gs)-1)*int64(se.md.p.SplitCost)
}

func clash(items []int, taken []bool) bool {
	for _, c := range items {
		if taken[c] {
			return true
		}
	}
	return false
}

// optimize is the best plan for stretch s found from its current plan,
// the best plan together and restarts of the split search, given the
// candidates marked used.
func (se *searcher) optimize(s, restarts int, cur plan) plan {
	se.limit(s)
	for _, g := range cur.groups {
		if r := &se.pools[s][g.route]; r.uses(se.used) || se.fits(r, g.members) != g.members {
			cur = se.fallback(s)
			break
		}
	}
	best := cur
	if w := se.whole(s); w.score > best.score {
		best = w
	}
	if !se.md.segs[s].together {
		for k := 2; k <= min(se.md.maxGroups, se.md.nv); k++ {
			for r := range restarts {
				if se.stop() {
					return best
				}
				if p := se.split(s, k, r); p.score > best.score {
					best = p
				}
			}
		}
	}
	return best
}

// fallback keeps the delegation together doing nothing: always feasible.
func (se *searcher) fallback(s int) plan {
	pl := plan{groups: []group{{route: 0, members: se.md.all, ints: se.md.allInt}}}
	pl.score = se.score(s, pl.groups)
	return pl
}

// shares says whether stretches s and t have a candidate in common.
func (se *searcher) sharesCands(s, t int) bool {
	for _, a := range se.md.segs[s].cands {
		for _, b := range se.md.segs[t].cands {
			if a == b {
				return true
			}
		}
	}
	return false
}

// run improves every stretch's plan in turn, given the candidates the
// other stretches use; then, for two stretches that could hold the same
// candidates, it plans the first as if the second held none and replans
// the second around it, keeping the pair when the sum improves. It stops
// after rounds, or calm rounds without improvement, or at the deadline.
func (se *searcher) run(ctx context.Context, deadline time.Time, rounds int) {
	for s := range se.plans {
		se.markUsed(s)
		se.limit(s)
		se.plans[s] = se.whole(s)
		if se.plans[s].score < 0 {
			se.plans[s] = se.fallback(s)
		}
	}
	stop := func() bool { return ctx.Err() != nil || (!deadline.IsZero() && time.Now().After(deadline)) }
	se.stop = stop
	const restarts, calm = 6, 6
	idle := 0
	for round := 0; round < rounds && idle < calm; round++ {
		changed := false
		for s := range se.plans {
			if stop() {
				return
			}
			se.markUsed(s)
			if best := se.optimize(s, restarts, se.plans[s]); best.score > se.plans[s].score {
				se.plans[s] = best
				changed = true
			}
		}
		for s := range se.plans {
			for t := range se.plans {
				if s == t || !se.sharesCands(s, t) {
					continue
				}
				if stop() {
					return
				}
				old := [2]plan{se.plans[s], se.plans[t]}
				se.plans[t] = se.fallback(t)
				se.markUsed(s)
				se.plans[s] = se.optimize(s, restarts, se.fallback(s))
				se.markUsed(t)
				se.plans[t] = se.optimize(t, restarts, se.fallback(t))
				if se.plans[s].score+se.plans[t].score > old[0].score+old[1].score {
					changed = true
				} else {
					se.plans[s], se.plans[t] = old[0], old[1]
				}
			}
		}
		// Forbid one candidate of a stretch's plan there and replan the
		// stretch as if no other stretch held anything; then every other
		// stretch replans around it, twice over, so that a chain of
		// moves across days (this one takes another day's item, that day
		// takes a third day's) can happen at once.
		for s := range se.plans {
			var mine []int
			for _, g := range se.plans[s].groups {
				mine = append(mine, se.pools[s][g.route].items...)
			}
			for _, c := range mine {
				if stop() {
					return
				}
				if se.replan(s, restarts, func() { clear(se.used); se.used[c] = true }, nil, func(int) bool { return true }) {
					changed = true
				}
			}
		}
		if se.reserveMoves(restarts) {
			changed = true
		}
		if changed {
			idle = 0
		} else {
			idle++
		}
	}
}

// reserveMoves tries, on days with a meeting limit, to give a visitor's
// meetings to another stretch of the day: for each visitor attending a
// meeting in a stretch, it replans the stretch with one meeting fewer for
// that visitor, and the day's other stretches around it, twice over,
// keeping the result only if the total improves. It reports whether it
// did.
func (se *searcher) reserveMoves(restarts int) bool {
	md := se.md
	changed := false
	for s := range se.plans {
		d := md.segs[s].day
		if md.dayMax[d] == 0 || md.segs[s].together {
			continue
		}
		for v := range md.nv {
			attends := false
			for _, g := range se.plans[s].groups {
				attends = attends || (g.members&(1<<v) != 0 && se.pools[s][g.route].nMeet > 0)
			}
			if !attends {
				continue
			}
			if se.stop() {
				return changed
			}
			before := func() { se.reserve[v] = 1; se.markUsed(s) }
			after := func() { se.reserve[v] = 0 }
			if se.replan(s, restarts, before, after, func(t int) bool { return md.segs[t].day == d }) {
				changed = true
			}
		}
	}
	return changed
}

// replan replans stretch s from nothing after prepare (which sets what
// it may use), then, after done, every other stretch t that others says
// to replan, around it, twice over; it keeps the result only if the total
// improves, and reports whether it did.
func (se *searcher) replan(s, restarts int, prepare, done func(), others func(t int) bool) bool {
	old := append([]plan(nil), se.plans...)
	var before int64
	for _, pl := range old {
		before += pl.score
	}
	prepare()
	se.plans[s] = se.optimize(s, restarts, se.fallback(s))
	if done != nil {
		done()
	}
	for range 2 {
		for t := range se.plans {
			if t != s && others(t) {
				se.markUsed(t)
				se.plans[t] = se.optimize(t, restarts, se.plans[t])
			}
		}
	}
	var after int64
	for _, pl := range se.plans {
		after += pl.score
	}
	if after > before {
		return true
	}
	copy(se.plans, old)
	return false
}
