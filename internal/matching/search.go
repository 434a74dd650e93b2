package matching

import (
	"context"
	"math/bits"
	"slices"
)

const (
	undecided = -2
	unplaced  = -1
)

// Household states in the exact search: a household is open once someone
// is seated there or once the search decides it must reach the minimum
// group; closed households receive nobody.
const (
	hUnknown int8 = iota
	hOpen
	hClosed
)

// search is the exact branch-and-bound for the number of visitors placed.
//
// It decides locked people and together groups first, then interpreters,
// then whether households the bound under-fills open or close, then the
// other visitors (see node). The bound at each node is the number placed
// plus a maximum b-matching of the undecided visitors to the free seats of
// the households still open to them: diets, allergies, apart rules against
// people already seated, languages with the interpreters present or still
// undecided, and closed households are respected, and households opened
// below the minimum group must be fillable together; seats for future
// interpreters, apart rules between undecided visitors, the unity of
// together groups and the minimum of unopened households are relaxed. The
// matching is repaired incrementally from the parent's. A node is cut when
// its bound does not exceed the floor set by run, so the result is optimal.
type search struct {
	*model
	ctx context.Context

	at      []int  // unit -> household, unplaced or undecided
	iat     []int  // interpreter -> household or -1
	ichoice []int  // interpreter -> household, nH for none, -1 undecided
	lazy    []bool // interpreter seated with a together group
	hstate  []int8
	lb      []int // per household: visitors still needed for the minimum
	load    []int // seats taken, interpreters included
	vcnt    []int // visitors seated
	imask   []uint64
	free    uint64
	blocked [][]int // [u][h] seated units that u must be apart from
	placed  int

	best      int
	bestAt    []int
	bestIat   []int
	rootBound int // the relaxation at the root
	upper     int // proven: no matching places more
	floor     int // nodes whose bound is not above floor are cut
	target    int // the search stops at a matching placing target
	nodes     int64
	stopped   bool

	okBuf    [][]bool // per depth [u*nH+h]
	matchBuf [][]int  // per depth [v]
	usage    []int
	// scratch for the augmenting search
	visH    []bool
	visV    []bool
	parentH []int
	parentV []int
	queue   []int
}

func newSearch(ctx context.Context, md *model) *search {
	nU := len(md.units)
	s := &search{model: md, ctx: ctx, best: -1}
	s.at = make([]int, nU)
	for u := range s.at {
		s.at[u] = undecided
	}
	s.iat = make([]int, md.nI)
	s.load = make([]int, md.nH)
	s.vcnt = make([]int, md.nH)
	s.imask = make([]uint64, md.nH)
	s.ichoice = make([]int, md.nI)
	s.lazy = make([]bool, md.nI)
	s.hstate = make([]int8, md.nH)
	s.lb = make([]int, md.nH)
	for i := range md.nI {
		s.iat[i] = -1
		s.ichoice[i] = -1
		s.free |= 1 << i
	}
	for i, h := range md.lockI {
		if h >= 0 {
			s.iat[i] = h
			s.ichoice[i] = h
			s.free &^= 1 << i
			s.imask[h] |= 1 << i
			s.load[h]++
		}
	}
	s.blocked = make([][]int, nU)
	for u := range s.blocked {
		s.blocked[u] = make([]int, md.nH)
	}
	depth := nU + md.nI + md.nH + 2
	s.okBuf = make([][]bool, depth)
	s.matchBuf = make([][]int, depth)
	for d := range depth {
		s.okBuf[d] = make([]bool, nU*md.nH)
		s.matchBuf[d] = make([]int, md.nV)
	}
	for v := range s.matchBuf[0] {
		s.matchBuf[0][v] = -1
	}
	s.usage = make([]int, md.nH)
	s.visH = make([]bool, md.nH)
	s.visV = make([]bool, md.nV)
	s.parentH = make([]int, md.nH)
	s.parentV = make([]int, md.nV)
	return s
}

func (s *search) place(u, h int, add uint64) {
	s.at[u] = h
	n := s.usize[u]
	s.load[h] += n + bits.OnesCount64(add)
	s.vcnt[h] += n
	s.imask[h] |= add
	s.free &^= add
	for c := add; c != 0; c &= c - 1 {
		i := bits.TrailingZeros64(c)
		s.iat[i], s.ichoice[i], s.lazy[i] = h, h, true
	}
	s.placed += n
	for _, w := range s.uapart[u] {
		s.blocked[w][h]++
	}
}

func (s *search) unplace(u, h int, add uint64) {
	s.at[u] = undecided
	n := s.usize[u]
	s.load[h] -= n + bits.OnesCount64(add)
	s.vcnt[h] -= n
	s.imask[h] &^= add
	s.free |= add
	for c := add; c != 0; c &= c - 1 {
		i := bits.TrailingZeros64(c)
		s.iat[i], s.ichoice[i], s.lazy[i] = -1, -1, false
	}
	s.placed -= n
	for _, w := range s.uapart[u] {
		s.blocked[w][h]--
	}
}

// relaxedOK says whether undecided unit u may still go to h as far as the
// bound is concerned.
func (s *search) relaxedOK(u, h int) bool {
	if !s.uda[u][h] || s.blocked[u][h] > 0 || s.hstate[h] == hClosed {
		return false
	}
	if l := s.lockU[u]; l >= 0 && l != h {
		return false
	}
	seats := s.cap[h] - s.load[h] - s.usize[u]
	if seats < 0 {
		return false
	}
	needSeat := false
	for _, v := range s.units[u] {
		if s.direct[v][h] {
			continue
		}
		if s.bridge[v][h]&s.imask[h] == 0 {
			if s.bridge[v][h]&s.free == 0 {
				return false
			}
			needSeat = true
		}
	}
	return !needSeat || seats >= 1
}

// run finds a matching placing the most visitors. It asks for the root
// bound first, then for a matching placing exactly that many, cutting every
// node whose bound falls short; if the tree is exhausted the target is
// impossible and drops by one, down to the best matching already known.
// When the root bound is tight (the common case) the first pass both finds
// and proves the optimum.
func (s *search) run() {
	s.rootBound = -1
	s.floor = 1 << 30
	s.node(0)
	s.upper = max(s.rootBound, s.best)
	for t := s.rootBound; t > s.best; t-- {
		s.upper = t
		s.floor, s.target = t-1, t
		s.node(0)
		if s.stopped || s.best >= t {
			break
		}
	}
	if !s.stopped {
		s.upper = max(s.best, 0)
	}
}

func (s *search) done() bool {
	return s.stopped || s.best >= s.target
}

func (s *search) node(depth int) {
	s.nodes++
	if s.nodes&1023 == 0 && s.ctx.Err() != nil {
		s.stopped = true
	}
	if s.stopped {
		return
	}
	nH := s.nH
	ok := s.okBuf[depth]
	for u := range s.units {
		row := ok[u*nH : (u+1)*nH]
		if s.at[u] != undecided {
			clear(row)
			continue
		}
		for h := range nH {
			row[h] = s.relaxedOK(u, h)
		}
	}
	// An interpreter placed where nobody needs them any more only takes a
	// seat: release the seat for the rest of this subtree.
	released := false
	for i, h := range s.iat {
		if h < 0 || s.lockI[i] == h || s.useful(i, h, ok) {
			continue
		}
		s.iat[i] = -1
		s.imask[h] &^= 1 << i
		s.load[h]--
		defer func() {
			s.iat[i] = h
			s.imask[h] |= 1 << i
			s.load[h]++
		}()
		released = true
	}
	if released {
		for u := range s.units {
			if s.at[u] != undecided {
				continue
			}
			for h := range nH {
				ok[u*nH+h] = s.relaxedOK(u, h)
			}
		}
	}
	// Households that can no longer reach the minimum group are closed;
	// an open household below it must still be fillable.
	for h := range nH {
		s.lb[h] = 0
		if s.vcnt[h] >= s.m {
			continue
		}
		sum := 0
		for u := range s.units {
			if ok[u*nH+h] {
				sum += s.usize[u]
			}
		}
		short := s.m - s.vcnt[h]
		if s.vcnt[h] > 0 || s.hstate[h] == hOpen {
			if sum < short || s.cap[h]-s.load[h] < short {
				return
			}
			s.lb[h] = short
		} else if sum < short || s.cap[h]-s.load[h] < short {
			for u := range s.units {
				ok[u*nH+h] = false
			}
		}
	}
	match := s.matchBuf[depth]
	if depth > 0 {
		copy(match, s.matchBuf[depth-1])
	}
	s.clean(ok, match)
	// Open households must be fillable together, not only one by one.
	if !s.fillOpen(ok, match) {
		return
	}
	flow := s.augment(ok, match)
	bound := s.placed + flow
	if depth == 0 {
		s.rootBound = bound
	}
	if bound <= s.floor {
		return
	}

	// Branch on locked units first, then on together groups (their
	// interpreters are chosen with them), then on the other interpreters,
	// then on the undecided unit with the fewest households open to it.
	pick, pickKey := -1, [3]int{}
	for u := range s.units {
		if s.at[u] != undecided {
			continue
		}
		n := 0
		for h := range nH {
			if ok[u*nH+h] {
				n++
			}
		}
		class := 2
		switch {
		case s.lockU[u] >= 0:
			class = 0
		case s.usize[u] > 1:
			class = 1
		}
		key := [3]int{class, n, -s.usize[u]}
		if pick < 0 || slices.Compare(key[:], pickKey[:]) < 0 {
			pick, pickKey = u, key
		}
	}
	if pick < 0 {
		// Every unit is decided and no household is below the minimum.
		s.best = s.placed
		s.bestAt = append(s.bestAt[:0], s.at...)
		s.bestIat = append(s.bestIat[:0], s.iat...)
		return
	}
	u := pick
	if pickKey[0] == 2 && s.free != 0 {
		s.branchInterpreter(depth, ok)
		return
	}

	// Where the bound seats fewer than the minimum in a household nobody
	// has opened yet, decide whether it is opened or closed.
	hb, hbUse := -1, 0
	for h := range nH {
		if s.hstate[h] != hUnknown || s.vcnt[h] > 0 {
			continue
		}
		if use := s.usage[h]; use > 0 && use < s.m && use > hbUse {
			hb, hbUse = h, use
		}
	}
	if hb >= 0 && pickKey[0] == 2 {
		first, second := hOpen, hClosed
		if 2*hbUse < s.m {
			first, second = hClosed, hOpen
		}
		for _, st := range []int8{first, second} {
			s.hstate[hb] = st
			s.node(depth + 1)
			s.hstate[hb] = hUnknown
			if s.done() {
				return
			}
		}
		return
	}

	// Households in order: where the bound seated u, then open households
	// below the minimum, then other open ones, then empty ones.
	pref := match[s.units[u][0]]
	order := make([]int, 0, nH)
	if pref >= 0 && ok[u*nH+pref] {
		order = append(order, pref)
	}
	for pass := range 3 {
		for h := range nH {
			if h == pref || !ok[u*nH+h] {
				continue
			}
			var class int
			switch {
			case s.lb[h] > 0:
				class = 0
			case s.vcnt[h] > 0:
				class = 1
			default:
				class = 2
			}
			if class == pass {
				order = append(order, h)
			}
		}
	}
	tried := map[int]bool{}
	for _, h := range order {
		if s.vcnt[h] == 0 && s.load[h] == 0 && s.hstate[h] == hUnknown {
			if tried[s.hclass[h]] {
				continue
			}
			tried[s.hclass[h]] = true
		}
		for _, add := range s.covers(u, h, s.imask[h], s.free, s.cap[h]-s.load[h]-s.usize[u]) {
			s.place(u, h, add)
			s.node(depth + 1)
			s.unplace(u, h, add)
			if s.done() {
				return
			}
		}
	}
	if s.lockU[u] >= 0 {
		return
	}
	s.at[u] = unplaced
	s.node(depth + 1)
	s.at[u] = undecided
}

// useful reports whether interpreter i at h bridges a visitor seated there
// or an undecided visitor who may still come.
func (s *search) useful(i, h int, ok []bool) bool {
	bit := uint64(1) << i
	for u := range s.units {
		if s.at[u] != h && (s.at[u] != undecided || !ok[u*s.nH+h]) {
			continue
		}
		for _, v := range s.units[u] {
			if !s.direct[v][h] && s.bridge[v][h]&bit != 0 {
				return true
			}
		}
	}
	return false
}

// branchInterpreter decides where the first undecided interpreter goes:
// to a household where an undecided visitor still open to it needs them, or
// nowhere. Interpreters are decided before visitors so that the bound sees
// exactly which households have a language bridge and which seats it takes.
func (s *search) branchInterpreter(depth int, ok []bool) {
	nH := s.nH
	i := bits.TrailingZeros64(s.free)
	bit := uint64(1) << i
	lowest := 0
	for j := i - 1; j >= 0; j-- {
		if s.iclass[j] == s.iclass[i] && s.lockI[j] < 0 {
			if !s.lazy[j] {
				lowest = s.ichoice[j] // twins take households in order
			}
			break
		}
	}
	type option struct{ h, need int }
	var opts []option
	for h := lowest; h < nH; h++ {
		if s.cap[h]-s.load[h] < 1 {
			continue
		}
		need := 0
		for u := range s.units {
			if !ok[u*nH+h] {
				continue
			}
			for _, v := range s.units[u] {
				if !s.direct[v][h] && s.bridge[v][h]&s.imask[h] == 0 && s.bridge[v][h]&bit != 0 {
					need++
				}
			}
		}
		if need > 0 {
			opts = append(opts, option{h, need})
		}
	}
	slices.SortStableFunc(opts, func(a, b option) int { return b.need - a.need })
	// Interchangeable empty households: try only the first of each kind.
	tried := map[int]bool{}
	kept := opts[:0]
	for _, o := range opts {
		if s.vcnt[o.h] == 0 && s.load[o.h] == 0 && s.hstate[o.h] == hUnknown {
			if tried[s.hclass[o.h]] {
				continue
			}
			tried[s.hclass[o.h]] = true
		}
		kept = append(kept, o)
	}
	opts = kept
	s.free &^= bit
	for _, o := range opts {
		h := o.h
		s.iat[i], s.ichoice[i] = h, h
		s.imask[h] |= bit
		s.load[h]++
		s.node(depth + 1)
		s.load[h]--
		s.imask[h] &^= bit
		s.iat[i], s.ichoice[i] = -1, -1
		if s.done() {
			s.free |= bit
			return
		}
	}
	s.ichoice[i] = nH
	s.node(depth + 1)
	s.ichoice[i] = -1
	s.free |= bit
}

// clean drops from match (visitor -> household) the pairs that are no
// longer allowed and recounts the seats used.
func (s *search) clean(ok []bool, match []int) {
	nH := s.nH
	usage := s.usage
	clear(usage)
	for v, h := range match {
		if h < 0 {
			continue
		}
		if u := s.unitOf[v]; s.at[u] != undecided || !ok[u*nH+h] || usage[h] >= s.cap[h]-s.load[h] {
			match[v] = -1
			continue
		}
		usage[h]++
	}
}

// fillOpen moves visitors in match until every household gets at least lb
// of them, and reports whether that is possible. A visitor may leave a
// household only if it keeps its own lb.
func (s *search) fillOpen(ok []bool, match []int) bool {
	nH := s.nH
	usage := s.usage
	for {
		target := -1
		for h := range nH {
			if usage[h] < s.lb[h] {
				target = h
				break
			}
		}
		if target < 0 {
			return true
		}
		clear(s.visH)
		clear(s.visV)
		q := s.queue[:0]
		for v, h := range match {
			if s.at[s.unitOf[v]] == undecided && (h < 0 || usage[h] > s.lb[h]) {
				s.visV[v] = true
				s.parentV[v] = -1
				q = append(q, v)
			}
		}
		found := false
		for qi := 0; qi < len(q) && !found; qi++ {
			x := q[qi]
			row := ok[s.unitOf[x]*nH : (s.unitOf[x]+1)*nH]
			for h := range nH {
				if !row[h] || s.visH[h] || match[x] == h {
					continue
				}
				s.visH[h] = true
				s.parentH[h] = x
				if h == target {
					usage[h]++
					cur, hh := x, h
					for {
						prev := s.parentV[cur]
						if prev < 0 && match[cur] >= 0 {
							usage[match[cur]]--
						}
						match[cur] = hh
						if prev < 0 {
							break
						}
						hh = prev
						cur = s.parentH[prev]
					}
					found = true
					break
				}
				for y, hy := range match {
					if hy == h && !s.visV[y] {
						s.visV[y] = true
						s.parentV[y] = h
						q = append(q, y)
					}
				}
			}
		}
		s.queue = q
		if !found {
			return false
		}
	}
}

// augment grows match into a maximum b-matching of the undecided visitors
// over the edges in ok and the free seats, and returns its size. Visitors
// only move along augmenting paths, so no household loses a visitor.
func (s *search) augment(ok []bool, match []int) int {
	nH := s.nH
	usage := s.usage
	flow := 0
	for _, h := range match {
		if h >= 0 {
			flow++
		}
	}
	for {
		clear(s.visH)
		clear(s.visV)
		q := s.queue[:0]
		for v, h := range match {
			if h < 0 && s.at[s.unitOf[v]] == undecided {
				s.visV[v] = true
				s.parentV[v] = -1
				q = append(q, v)
			}
		}
		found := false
		for qi := 0; qi < len(q) && !found; qi++ {
			x := q[qi]
			row := ok[s.unitOf[x]*nH : (s.unitOf[x]+1)*nH]
			for h := range nH {
				if !row[h] || s.visH[h] || match[x] == h {
					continue
				}
				s.visH[h] = true
				s.parentH[h] = x
				if usage[h] < s.cap[h]-s.load[h] {
					// Shift every visitor on the path one step on.
					usage[h]++
					cur, hh := x, h
					for {
						prev := s.parentV[cur]
						match[cur] = hh
						if prev < 0 {
							break
						}
						hh = prev
						cur = s.parentH[prev]
					}
					found = true
					break
				}
				for y, hy := range match {
					if hy == h && !s.visV[y] {
						s.visV[y] = true
						s.parentV[y] = h
						q = append(q, y)
					}
				}
			}
		}
		s.queue = q
		if !found {
			return flow
		}
		flow++
	}
}
