package itinerary

import (
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
	words int
	seen  map[string]bool
	byDay [][]poolRoute
}

type poolRoute struct {
	nodes []int
	set   []uint64
	score int64
}

const (
	poolPerDay   = 400     // routes kept per day for recombination
	poolMaxNodes = 100_000 // search nodes per recombination
)

func newRoutePool(md *model) *routePool {
	return &routePool{md: md, words: (md.n + 63) / 64, seen: map[string]bool{}, byDay: make([][]poolRoute, md.m)}
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
		set := make([]uint64, rp.words)
		for _, c := range r.nodes {
			if c >= 0 {
				score += md.obj[c]
				set[c/64] |= 1 << (c % 64)
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
			rp.byDay[d] = append(rp.byDay[d], poolRoute{nodes: slices.Clone(r.nodes), set: set, score: score})
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
	used := make([]uint64, rp.words)
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
		for k, r := range rp.byDay[d] {
			if score+r.score+rest[i+1] <= bestScore {
				break // sorted by score
			}
			if !disjoint(used, r.set) || !rp.fits(limits, r.nodes, +1) {
				continue
			}
			for w := range used {
				used[w] |= r.set[w]
			}
			choice[i] = k
			dfs(i+1, score+r.score)
			for w := range used {
				used[w] &^= r.set[w]
			}
			rp.fits(limits, r.nodes, -1)
			if nodes > poolMaxNodes {
				return
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

func disjoint(a, b []uint64) bool {
	for i := range a {
		if a[i]&b[i] != 0 {
			return false
		}
	}
	return true
}
