package itinerary

import (
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// routePool remembers good day routes met during the search and
// recombines them: choosing one route per day, pairwise disjoint, with the
// highest total is a set packing problem, solved here by a bounded
// depth-first search (the "route recombination" of Hu and Lim 2014). It
// finds itineraries that no single move reaches.
type routePool struct {
	md    *model
	seen  map[string]bool
	byDay [][]poolRoute
}

type poolRoute struct {
	nodes []int
	score int64
}

const (
	poolPerDay   = 400     // routes kept per day for recombination
	poolMaxNodes = 100_000 // search nodes per recombination
)

func newRoutePool(md *model) *routePool {
	return &routePool{md: md, seen: map[string]bool{}, byDay: make([][]poolRoute, md.m)}
}

func routeKey(d int, nodes []int) string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(d))
	for _, c := range nodes {
		b.WriteByte(',')
		b.WriteString(strconv.Itoa(c))
	}
	return b.String()
}

// add records the routes of s, each for every day it is feasible on.
func (rp *routePool) add(s *state) {
	md := rp.md
	t := &route{}
	for _, r := range s.routes {
		if len(r.nodes) <= 2 {
			continue
		}
		var score int64
		for _, c := range r.nodes {
			if c >= 0 {
				score += md.obj[c]
			}
		}
		for d := range md.m {
			key := routeKey(d, r.nodes)
			if rp.seen[key] {
				continue
			}
			rp.seen[key] = true
			if d != r.day {
				t.day = d
				t.nodes = append(t.nodes[:0], r.nodes...)
				if !md.simulate(t) || (md.days[d].maxMeetings > 0 && t.meetings > md.days[d].maxMeetings) {
					continue
				}
			}
			rp.byDay[d] = append(rp.byDay[d], poolRoute{nodes: slices.Clone(r.nodes), score: score})
		}
	}
	for d := range rp.byDay {
		if len(rp.byDay[d]) > 2*poolPerDay {
			rp.trim(d)
		}
	}
}

func (rp *routePool) trim(d int) {
	rs := rp.byDay[d]
	sort.SliceStable(rs, func(a, b int) bool { return rs[a].score > rs[b].score })
	rp.byDay[d] = rs[:min(len(rs), poolPerDay)]
}

// best returns the best combination found and its score (nil if none
// beats minScore).
func (rp *routePool) best(minScore int64) [][]int {
	md := rp.md
	for d := range rp.byDay {
		rp.trim(d)
	}
	// Days with the fewest routes first prune best.
	order := make([]int, md.m)
	for i := range order {
		order[i] = i
	}
	top := make([]int64, md.m) // best score per day
	for d, rs := range rp.byDay {
		if len(rs) > 0 {
			top[d] = rs[0].score
		}
	}
	rest := make([]int64, md.m+1) // bound: sum of tops of the days after position i
	for i := md.m - 1; i >= 0; i-- {
		rest[i] = rest[i+1] + top[order[i]]
	}
	cf := rp.newConflicts()
	limits := make([]int, len(md.limitMax))
	choice := make([]int, md.m)
	bestChoice := make([]int, md.m)
	bestScore := minScore
	found := false
	nodes := 0
	var dfs func(i int, score int64)
	dfs = func(i int, score int64) {
		nodes++
		if i == md.m {
			if score > bestScore {
				bestScore, found = score, true
				copy(bestChoice, choice)
			}
			return
		}
		if score+rest[i] <= bestScore || nodes > poolMaxNodes {
			return
		}
		d := order[i]
		// The routes of day d that share an item with a route chosen
		// for an earlier day.
		blocked := cf.blocked[d]
		clear(blocked)
		for j := range i {
			if choice[j] >= 0 {
				for w, x := range cf.row(order[j], choice[j], d) {
					blocked[w] |= x
				}
			}
		}
		rs := rp.byDay[d]
	scan:
		for w, b := range blocked {
			for free := ^b; free != 0; free &= free - 1 {
				k := w*64 + bits.TrailingZeros64(free)
				if k >= len(rs) {
					break scan
				}
				r := &rs[k]
				if score+r.score+rest[i+1] <= bestScore {
					break scan // sorted by score
				}
				if !rp.fits(limits, r.nodes, +1) {
					continue
				}
				choice[i] = k
				dfs(i+1, score+r.score)
				rp.fits(limits, r.nodes, -1)
				if nodes > poolMaxNodes {
					return
				}
			}
		}
		choice[i] = -1 // this day empty
		dfs(i+1, score)
	}
	dfs(0, 0)
	if !found {
		return nil
	}
	snap := make([][]int, md.m)
	for i, d := range order {
		if k := bestChoice[i]; k >= 0 {
			snap[d] = slices.Clone(rp.byDay[d][k].nodes)
		} else {
			snap[d] = newRoute(md, d).nodes
		}
	}
	return snap
}

// fits adds (sign +1) the limit usage of nodes if it stays within the
// limits, or removes it (sign -1).
func (rp *routePool) fits(limits []int, nodes []int, sign int) bool {
	md := rp.md
	if len(limits) == 0 {
		return true
	}
	for _, c := range nodes {
		if c >= 0 {
			for _, u := range md.uses[c] {
				limits[u.limit] += sign * u.amount
			}
		}
	}
	if sign < 0 {
		return true
	}
	for l, v := range limits {
		if v > md.limitMax[l] {
			rp.fits(limits, nodes, -1)
			return false
		}
	}
	return true
}

// conflicts answers, for the routes of one recombination, which routes
// of a day share an item with a given route, as bitsets over that day's
// routes (bit k: route k). Rows are built on first use from the routes
// holding each item, which is much cheaper than testing the recombination
// search's routes pairwise at every search node.
type conflicts struct {
	rp      *routePool
	words   []int        // per day: words of a bitset over its routes
	holders [][]uint64   // [day][item*words[day]...]: the routes of day holding item
	rows    [][][]uint64 // [day of route][route][other day]: row, nil until built
	blocked [][]uint64   // per day: scratch
}

func (rp *routePool) newConflicts() *conflicts {
	md := rp.md
	cf := &conflicts{rp: rp, words: make([]int, md.m), holders: make([][]uint64, md.m), rows: make([][][]uint64, md.m), blocked: make([][]uint64, md.m)}
	for d, rs := range rp.byDay {
		wd := (len(rs) + 63) / 64
		cf.words[d] = wd
		h := make([]uint64, md.n*wd)
		for k, r := range rs {
			for _, c := range r.nodes {
				if c >= 0 {
					h[c*wd+k/64] |= 1 << (k % 64)
				}
			}
		}
		cf.holders[d] = h
		cf.rows[d] = make([][]uint64, len(rs)*md.m)
		cf.blocked[d] = make([]uint64, wd)
	}
	return cf
}

// row returns the routes of day e that share an item with route k of day d.
func (cf *conflicts) row(d, k, e int) []uint64 {
	m := cf.rp.md.m
	if r := cf.rows[d][k*m+e]; r != nil {
		return r
	}
	wd := cf.words[e]
	r := make([]uint64, wd)
	h := cf.holders[e]
	for _, c := range cf.rp.byDay[d][k].nodes {
		if c >= 0 {
			for w, x := range h[c*wd : (c+1)*wd] {
				r[w] |= x
			}
		}
	}
	cf.rows[d][k*m+e] = r
	return r
}
