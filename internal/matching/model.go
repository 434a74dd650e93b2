package matching

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"
)

// model is an Input compiled into indices, boolean tables and bit sets. Only
// available households are kept; h indexes model households, hIdx maps back.
type model struct {
	in         *Input
	nV, nH, nI int
	m          int // minimum group

	hIdx   []int
	cap    []int
	da     [][]bool   // [v][h] diets served and no allergen
	direct [][]bool   // [v][h] a shared language
	bridge [][]uint64 // [v][h] interpreters who speak a language of both
	gain   [][]int    // [v][h] secondary score of v placed at h, without evenness

	units  [][]int // together groups, in order of first member
	unitOf []int
	usize  []int
	uapart [][]int  // units that must be apart from unit u
	uda    [][]bool // [u][h] all members da and the group fits
	lockU  []int    // unit -> locked household or -1
	lockI  []int    // interpreter -> locked household or -1
	iclass []int    // interpreter -> first interpreter with the same languages
	hclass []int    // household -> first household interchangeable with it
	ugain  [][]int  // [u][h] sum of member gains
}

func compile(in *Input) *model {
	md := &model{in: in, nV: len(in.Visitors), nI: len(in.Interpreters)}
	md.m = in.MinGroup
	if md.m <= 0 {
		md.m = DefaultMinGroup
	}
	unavailable := map[string]bool{}
	for _, id := range in.Unavailable {
		unavailable[id] = true
	}
	hpos := map[string]int{}
	for i, h := range in.Households {
		if unavailable[h.ID] {
			continue
		}
		hpos[h.ID] = len(md.hIdx)
		md.hIdx = append(md.hIdx, i)
		md.cap = append(md.cap, h.Capacity)
	}
	md.nH = len(md.hIdx)

	hLang := make([]map[string]bool, md.nH)
	hServe := make([]map[string]bool, md.nH)
	hPets := make([]map[string]bool, md.nH)
	hInt := make([]map[string]bool, md.nH)
	for h, i := range md.hIdx {
		hh := &in.Households[i]
		hLang[h], hServe[h], hPets[h], hInt[h] = normSet(hh.Languages), normSet(hh.CanServe), normSet(hh.Pets), normSet(hh.Interests)
	}
	iLang := make([]map[string]bool, md.nI)
	md.iclass = make([]int, md.nI)
	for i, t := range in.Interpreters {
		iLang[i] = normSet(t.Languages)
		md.iclass[i] = i
		for j := range i {
			if sameSet(iLang[i], iLang[j]) {
				md.iclass[i] = j
				break
			}
		}
	}
	vpos := map[string]int{}
	md.da = make([][]bool, md.nV)
	md.direct = make([][]bool, md.nV)
	md.bridge = make([][]uint64, md.nV)
	md.gain = make([][]int, md.nV)
	for v := range in.Visitors {
		vis := &in.Visitors[v]
		vpos[vis.ID] = v
		md.da[v] = make([]bool, md.nH)
		md.direct[v] = make([]bool, md.nH)
		md.bridge[v] = make([]uint64, md.nH)
		md.gain[v] = make([]int, md.nH)
		for h, hi := range md.hIdx {
			ok := true
			for _, d := range vis.Diets {
				if n := norm(d); n != "" && !hServe[h][n] {
					ok = false
				}
			}
			if intersects(vis.Allergies, hPets[h]) {
				ok = false
			}
			md.da[v][h] = ok
			md.direct[v][h] = intersects(vis.Languages, hLang[h])
			for i := range in.Interpreters {
				if intersects(vis.Languages, iLang[i]) && anyIn(iLang[i], hLang[h]) {
					md.bridge[v][h] |= 1 << i
				}
			}
			g := WeightInterest*sharedInterests(vis, hInt[h]) - WeightTravel*in.Households[hi].TravelMinutes
			if md.direct[v][h] {
				g += WeightDirect
			}
			md.gain[v][h] = g
		}
	}

	// Together groups become units.
	groups := togetherGroups(in)
	unitByRoot := map[string]int{}
	md.unitOf = make([]int, md.nV)
	for v, vis := range in.Visitors {
		r := groups[vis.ID]
		u, ok := unitByRoot[r]
		if !ok {
			u = len(md.units)
			unitByRoot[r] = u
			md.units = append(md.units, nil)
		}
		md.units[u] = append(md.units[u], v)
		md.unitOf[v] = u
	}
	nU := len(md.units)
	md.usize = make([]int, nU)
	md.uapart = make([][]int, nU)
	md.uda = make([][]bool, nU)
	md.ugain = make([][]int, nU)
	md.lockU = make([]int, nU)
	for u, mem := range md.units {
		md.usize[u] = len(mem)
		md.lockU[u] = -1
		md.uda[u] = make([]bool, md.nH)
		md.ugain[u] = make([]int, md.nH)
		for h := range md.nH {
			ok := len(mem) <= md.cap[h]
			for _, v := range mem {
				ok = ok && md.da[v][h]
				md.ugain[u][h] += md.gain[v][h]
			}
			md.uda[u][h] = ok
		}
	}
	for _, pr := range in.Apart {
		a, b := md.unitOf[vpos[pr[0]]], md.unitOf[vpos[pr[1]]]
		if !slices.Contains(md.uapart[a], b) {
			md.uapart[a] = append(md.uapart[a], b)
			md.uapart[b] = append(md.uapart[b], a)
		}
	}
	md.lockI = make([]int, md.nI)
	for i := range md.lockI {
		md.lockI[i] = -1
	}
	ipos := map[string]int{}
	for i, t := range in.Interpreters {
		ipos[t.ID] = i
	}
	for _, l := range in.Locked {
		h := hpos[l.Household]
		if l.Visitor != "" {
			md.lockU[md.unitOf[vpos[l.Visitor]]] = h
		} else {
			md.lockI[ipos[l.Interpreter]] = h
		}
	}

	// Households that no visitor can tell apart are interchangeable while
	// empty; the exact search tries only the first of them.
	md.hclass = make([]int, md.nH)
	sig := make([]string, md.nH)
	for h := range md.nH {
		var b strings.Builder
		fmt.Fprintf(&b, "%d|", md.cap[h])
		for v := range md.nV {
			fmt.Fprintf(&b, "%t%t%x,", md.da[v][h], md.direct[v][h], md.bridge[v][h])
		}
		sig[h] = b.String()
		md.hclass[h] = h
		for g := range h {
			if sig[g] == sig[h] {
				md.hclass[h] = g
				break
			}
		}
	}
	return md
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func anyIn(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

// covers lists the minimal sets of free interpreters that, added to those
// already at household h (present), give every member of unit u who shares
// no language with h an interpreter, within seats free seats. Interpreters
// with the same languages are interchangeable, so only the first free one of
// each kind is tried.
func (md *model) covers(u, h int, present, free uint64, seats int) []uint64 {
	return md.coverVisitors(md.units[u], h, present, free, seats)
}

// coverVisitors is covers for any list of visitors.
func (md *model) coverVisitors(vs []int, h int, present, free uint64, seats int) []uint64 {
	var need []int
	for _, v := range vs {
		if !md.direct[v][h] && md.bridge[v][h]&present == 0 {
			need = append(need, v)
		}
	}
	if len(need) == 0 {
		return []uint64{0}
	}
	var out []uint64
	var rec func(added uint64)
	rec = func(added uint64) {
		have := present | added
		first := -1
		for _, v := range need {
			if md.bridge[v][h]&have == 0 {
				first = v
				break
			}
		}
		if first < 0 {
			out = append(out, added)
			return
		}
		if bits.OnesCount64(added)+1 > seats {
			return
		}
		avail := md.bridge[first][h] & free &^ added
		for c := avail; c != 0; c &= c - 1 {
			i := bits.TrailingZeros64(c)
			if md.twinBefore(i, free&^added) {
				continue
			}
			rec(added | 1<<i)
		}
	}
	rec(0)
	// Drop supersets: a smaller set leaves more interpreters free.
	slices.SortStableFunc(out, func(a, b uint64) int { return bits.OnesCount64(a) - bits.OnesCount64(b) })
	kept := out[:0]
	for _, s := range out {
		dominated := false
		for _, k := range kept {
			if s&k == k {
				dominated = true
				break
			}
		}
		if !dominated {
			kept = append(kept, s)
		}
	}
	return kept
}

// twinBefore reports whether an interpreter with the same languages as i and
// a lower index is in set.
func (md *model) twinBefore(i int, set uint64) bool {
	for c := set & (1<<i - 1); c != 0; c &= c - 1 {
		if md.iclass[bits.TrailingZeros64(c)] == md.iclass[i] {
			return true
		}
	}
	return false
}
