package matching

import (
	"context"
	"errors"
	"fmt"
	"math/bits"
	"slices"
)

// ErrLocksInfeasible is returned (wrapped) when the locked assignments
// cannot all be kept under the hard rules.
var ErrLocksInfeasible = errors.New("the locked assignments cannot all be kept")

// Solve matches visitors and interpreters to households: first it finds,
// by exact search, the largest number of visitors that can be placed, then
// it improves the secondary objective by local search without placing fewer.
// The input is validated first. If ctx ends during the exact search, Solve
// returns the best matching found so far with Stats.Optimal false.
func Solve(ctx context.Context, in Input) (Result, error) {
	if err := in.Validate(); err != nil {
		return Result{}, err
	}
	md := compile(&in)
	s := newSearch(ctx, md)
	// A local-search matching gives the exact search a first lower bound.
	if heur := heuristic(md); heur != nil && md.feasibleLocks(heur) {
		s.best = heur.placed()
		s.bestAt = append([]int(nil), heur.at...)
		s.bestIat = append([]int(nil), heur.iat...)
	}
	s.run()
	if s.best < 0 {
		if s.stopped {
			return Result{}, fmt.Errorf("matching stopped before a first matching was found: %w", ctx.Err())
		}
		return Result{}, lockError(md)
	}
	st := &state{model: md, at: s.bestAt, iat: s.bestIat}
	st.rebuild()
	moves := st.improve()
	st.trimInterpreters()

	res := st.result()
	res.Stats = Stats{
		Placed:       s.best,
		UpperBound:   s.upper,
		Optimal:      !s.stopped,
		Nodes:        s.nodes,
		ImproveMoves: moves,
	}
	res.Stats.Score = Evaluate(in, res).Total
	res.Unplaced = st.explain(res.Stats.Optimal)
	return res, nil
}

// heuristic builds a matching from scratch with the local search: it starts
// with the locked people seated and everyone else unplaced, and the moves
// that place more visitors are improving moves.
func heuristic(md *model) *state {
	st := &state{model: md, at: make([]int, len(md.units)), iat: make([]int, md.nI)}
	for u := range st.at {
		st.at[u] = md.lockU[u]
	}
	copy(st.iat, md.lockI)
	st.rebuild()
	// Locked groups need their interpreters; leave that to the exact search.
	for u, h := range st.at {
		if h >= 0 {
			var vs []int
			vs = append(vs, md.units[u]...)
			if len(md.coverVisitors(vs, h, st.imask[h], 0, 0)) == 0 {
				return nil
			}
		}
	}
	st.improve()
	return st
}

func (st *state) placed() int {
	n := 0
	for u, h := range st.at {
		if h >= 0 {
			n += st.usize[u]
		}
	}
	return n
}

// feasibleLocks reports whether st keeps every hard rule, as a safety net
// before the exact search trusts it as its first matching.
func (md *model) feasibleLocks(st *state) bool {
	return len(Check(*md.in, st.result())) == 0
}

// lockError names the rules the locked people break on their own, when
// that is why no matching exists.
func lockError(md *model) error {
	partial := Result{}
	byHousehold := map[string]*Assignment{}
	get := func(h string) *Assignment {
		if a := byHousehold[h]; a != nil {
			return a
		}
		partial.Assignments = append(partial.Assignments, Assignment{Household: h})
		a := &partial.Assignments[len(partial.Assignments)-1]
		byHousehold[h] = a
		return a
	}
	for _, l := range md.in.Locked {
		if l.Visitor != "" {
			get(l.Household)
		}
	}
	for _, l := range md.in.Locked {
		a := byHousehold[l.Household]
		if a == nil {
			a = get(l.Household)
		}
		if l.Visitor != "" {
			a.Visitors = append(a.Visitors, l.Visitor)
		} else {
			a.Interpreters = append(a.Interpreters, l.Interpreter)
		}
	}
	var msgs []string
	for _, v := range Check(*md.in, partial) {
		switch v.Rule {
		case RuleDiet, RuleAllergy, RuleCapacity, RuleApart:
			msgs = append(msgs, v.Message)
		}
	}
	if len(msgs) == 0 {
		return fmt.Errorf("%w: together with the language, together and minimum-group rules they leave no valid matching", ErrLocksInfeasible)
	}
	return fmt.Errorf("%w: %s", ErrLocksInfeasible, joinAnd(msgs))
}

// state is a complete matching at the level of units, used by the local
// search, the explanations and the output.
type state struct {
	*model
	at    []int // unit -> household or unplaced
	iat   []int // interpreter -> household or -1
	vcnt  []int
	load  []int
	imask []uint64
}

func (st *state) rebuild() {
	st.vcnt = make([]int, st.nH)
	st.load = make([]int, st.nH)
	st.imask = make([]uint64, st.nH)
	for u, h := range st.at {
		if h >= 0 {
			st.vcnt[h] += st.usize[u]
			st.load[h] += st.usize[u]
		}
	}
	for i, h := range st.iat {
		if h >= 0 {
			st.load[h]++
			st.imask[h] |= 1 << i
		}
	}
}

func (st *state) freeMask() uint64 {
	var f uint64
	for i, h := range st.iat {
		if h < 0 {
			f |= 1 << i
		}
	}
	return f
}

type change struct{ u, h int }

// improve runs first-improvement local search on the secondary objective:
// move one group, swap two groups, or move two groups into an empty
// household, never placing fewer visitors and keeping every hard rule.
// It stops when no move improves or after a fixed number of passes, so the
// result is deterministic.
func (st *state) improve() int {
	const maxPasses = 50
	moves := 0
	nU := len(st.units)
	try := func(ch ...change) bool {
		if st.apply(ch) {
			moves++
			return true
		}
		return false
	}
	for range maxPasses {
		improved := false
		for u := range nU {
			if st.lockU[u] >= 0 {
				continue
			}
			for h := range st.nH {
				if h != st.at[u] && st.uda[u][h] && try(change{u, h}) {
					improved = true
				}
			}
			for w := u + 1; w < nU; w++ {
				if st.lockU[w] >= 0 || st.at[w] == st.at[u] {
					continue
				}
				hu, hw := st.at[u], st.at[w]
				if (hw < 0 || st.uda[u][hw]) && (hu < 0 || st.uda[w][hu]) && try(change{u, hw}, change{w, hu}) {
					improved = true
				}
			}
		}
		for h := range st.nH {
			if st.vcnt[h] > 0 {
				continue
			}
			for u := range nU {
				if st.lockU[u] >= 0 || !st.uda[u][h] {
					continue
				}
				for w := u + 1; w < nU; w++ {
					if st.lockU[w] < 0 && st.uda[w][h] && st.vcnt[h] == 0 && try(change{u, h}, change{w, h}) {
						improved = true
					}
				}
			}
		}
		// Seat an unplaced group by moving someone out of the way.
		for u := range nU {
			if st.at[u] >= 0 || st.lockU[u] >= 0 {
				continue
			}
			for h := range st.nH {
				if !st.uda[u][h] || st.vcnt[h] == 0 || !st.reachable(u, h) {
					continue
				}
				for w := range nU {
					if st.at[w] != h || st.lockU[w] >= 0 {
						continue
					}
					for h2 := range st.nH {
						if h2 != h && st.uda[w][h2] && st.vcnt[h2] > 0 && try(change{u, h}, change{w, h2}) {
							improved = true
							break
						}
					}
					if st.at[u] >= 0 {
						break
					}
				}
				if st.at[u] >= 0 {
					break
				}
			}
		}
		// Open an empty household with a group of unplaced visitors large
		// enough for the minimum group.
		for h := range st.nH {
			if st.vcnt[h] > 0 {
				continue
			}
			var ch []change
			size := 0
			taken := map[int]int{}
			// Unplaced visitors first, then visitors from households that
			// keep their minimum group without them.
			for pass := range 2 {
				for u := range nU {
					hu := st.at[u]
					if (pass == 0) != (hu < 0) || st.lockU[u] >= 0 || !st.uda[u][h] || size+st.usize[u] > st.cap[h] {
						continue
					}
					if hu >= 0 && st.vcnt[hu]-taken[hu]-st.usize[u] < st.m {
						continue
					}
					clash := false
					for _, c := range ch {
						if slices.Contains(st.uapart[u], c.u) {
							clash = true
						}
					}
					if clash || !st.reachable(u, h) {
						continue
					}
					ch = append(ch, change{u, h})
					size += st.usize[u]
					if hu >= 0 {
						taken[hu] += st.usize[u]
					}
				}
				if pass == 0 && size >= st.m {
					break
				}
			}
			for len(ch) > 0 && size >= st.m {
				if try(ch...) {
					improved = true
					break
				}
				size -= st.usize[ch[len(ch)-1].u]
				ch = ch[:len(ch)-1]
			}
		}
		if !improved {
			break
		}
	}
	return moves
}

// reachable says whether every member of u shares a language with h or
// has an interpreter who could bridge.
func (st *state) reachable(u, h int) bool {
	for _, v := range st.units[u] {
		if !st.direct[v][h] && st.bridge[v][h] == 0 {
			return false
		}
	}
	return true
}

// apply performs the changes if they keep every hard rule, place no fewer
// visitors and raise the score, and reports whether it did.
func (st *state) apply(ch []change) bool {
	old := make([]int, len(ch))
	delta, placedDelta := 0, 0
	touched := make([]int, 0, 4)
	touch := func(h int) {
		if h >= 0 && !slices.Contains(touched, h) {
			touched = append(touched, h)
		}
	}
	newCnt := map[int]int{}
	for k, c := range ch {
		old[k] = st.at[c.u]
		touch(old[k])
		touch(c.h)
	}
	for _, h := range touched {
		newCnt[h] = st.vcnt[h]
	}
	for k, c := range ch {
		n := st.usize[c.u]
		if o := old[k]; o >= 0 {
			delta -= st.ugain[c.u][o]
			newCnt[o] -= n
			placedDelta -= n
		}
		if c.h >= 0 {
			delta += st.ugain[c.u][c.h]
			newCnt[c.h] += n
			placedDelta += n
		}
	}
	for _, h := range touched {
		delta -= WeightEven * (newCnt[h]*newCnt[h] - st.vcnt[h]*st.vcnt[h])
	}
	if placedDelta < 0 || (placedDelta == 0 && delta <= 0) {
		return false
	}
	for _, h := range touched {
		if n := newCnt[h]; n > 0 && n < st.m {
			return false
		}
	}
	for k, c := range ch {
		st.at[c.u] = c.h
		_ = k
	}
	undo := func() {
		for k, c := range ch {
			st.at[c.u] = old[k]
		}
	}
	// Apart rules and seats for visitors.
	for _, h := range touched {
		for u, hu := range st.at {
			if hu != h {
				continue
			}
			for _, w := range st.uapart[u] {
				if st.at[w] == h {
					undo()
					return false
				}
			}
		}
	}
	// Interpreters: release the unlocked ones in the touched households and
	// seat them again where needed.
	pool := st.freeMask()
	locked := map[int]uint64{}
	for _, h := range touched {
		for c := st.imask[h]; c != 0; c &= c - 1 {
			i := bits.TrailingZeros64(c)
			if st.lockI[i] == h {
				locked[h] |= 1 << i
			} else {
				pool |= 1 << i
			}
		}
	}
	assign := make([]uint64, len(touched))
	var fit func(k int, pool uint64) bool
	fit = func(k int, pool uint64) bool {
		if k == len(touched) {
			return true
		}
		h := touched[k]
		var vs []int
		for u, hu := range st.at {
			if hu == h {
				vs = append(vs, st.units[u]...)
			}
		}
		seats := st.cap[h] - newCnt[h] - bits.OnesCount64(locked[h])
		if seats < 0 {
			return false
		}
		for _, add := range st.coverVisitors(vs, h, locked[h], pool, seats) {
			assign[k] = add
			if fit(k+1, pool&^add) {
				return true
			}
		}
		return false
	}
	if !fit(0, pool) {
		undo()
		return false
	}
	for _, h := range touched {
		for c := st.imask[h] &^ locked[h]; c != 0; c &= c - 1 {
			st.iat[bits.TrailingZeros64(c)] = -1
		}
	}
	for k, h := range touched {
		for c := assign[k]; c != 0; c &= c - 1 {
			st.iat[bits.TrailingZeros64(c)] = h
		}
	}
	st.rebuild()
	return true
}

// trimInterpreters removes interpreters whom no visitor of their household
// needs (unless locked there).
func (st *state) trimInterpreters() {
	for h := range st.nH {
		var vs []int
		for u, hu := range st.at {
			if hu == h {
				vs = append(vs, st.units[u]...)
			}
		}
		for c := st.imask[h]; c != 0; c &= c - 1 {
			i := bits.TrailingZeros64(c)
			if st.lockI[i] == h {
				continue
			}
			without := st.imask[h] &^ (1 << i)
			needed := false
			for _, v := range vs {
				if !st.direct[v][h] && st.bridge[v][h]&without == 0 {
					needed = true
					break
				}
			}
			if !needed {
				st.imask[h] = without
				st.iat[i] = -1
			}
		}
	}
	st.rebuild()
}

// result lists the households that receive someone, in input order.
func (st *state) result() Result {
	var res Result
	for h, hi := range st.hIdx {
		a := Assignment{Household: st.in.Households[hi].ID, Visitors: []string{}, Interpreters: []string{}}
		for v := range st.nV {
			if st.at[st.unitOf[v]] == h {
				a.Visitors = append(a.Visitors, st.in.Visitors[v].ID)
			}
		}
		for i, ih := range st.iat {
			if ih == h {
				a.Interpreters = append(a.Interpreters, st.in.Interpreters[i].ID)
			}
		}
		if len(a.Visitors)+len(a.Interpreters) > 0 {
			res.Assignments = append(res.Assignments, a)
		}
	}
	return res
}
