package itinerary

import (
	"context"
	"sort"
)

// Sent is an item of an itinerary that was already sent out (to the
// resource, the visitors, ...): moving it costs goodwill.
type Sent struct {
	CandidateID string
	Start       int
}

// repairIterations bounds a repair without a time limit; it answers a
// program-sized problem (40 candidates, 6 days) in a few tens of ms.
const repairIterations = 400

// Repair re-solves p after a change while moving as few sent items as
// possible. The preference is lexicographic:
//
//  1. every mandatory and pinned item placed, then
//  2. as few sent items moved (other start) or dropped as possible, then
//  3. the highest total value.
//
// It works in two phases. Phase 1 keeps every sent item that is still
// possible at its old start (the candidate still exists and the start
// still lies in one of its windows) exactly there, like a pin, and
// schedules the rest around them; only the sent items that cannot stay
// move. If phase 1 leaves a mandatory item out, phase 2 re-solves freely
// (starting from the phase 1 itinerary) and is used if it places more
// mandatory items; Result.Moved then lists every sent item that changed.
func Repair(ctx context.Context, p Problem, sent []Sent, opt Options) (*Result, error) {
	md, err := compile(&p)
	if err != nil {
		return nil, err
	}
	if opt.MaxIterations == 0 && opt.TimeLimit == 0 {
		opt.MaxIterations = repairIterations
	}
	byID := make(map[string]int, md.n)
	for i, c := range p.Candidates {
		byID[c.ID] = i
	}
	kept := *md
	kept.win = append([][]tw(nil), md.win...)
	kept.locked = append([]bool(nil), md.locked...)
	kept.mandatory = append([]bool(nil), md.mandatory...)
	kept.obj = append([]int64(nil), md.obj...)
	var bonus int64 = 1
	for _, v := range md.value {
		bonus += int64(v)
	}
	for _, s := range sent {
		c, ok := byID[s.CandidateID]
		if !ok {
			continue // withdrawn or declined: no longer a candidate
		}
		if md.locked[c] {
			continue // a pin decides
		}
		for d := range md.m {
			if !inWindows(md.windows(c, d), s.Start) {
				continue
			}
			for dd := range md.m {
				kept.win[c*md.m+dd] = nil
			}
			kept.win[c*md.m+d] = []tw{{s.Start, s.Start}}
			kept.locked[c] = true
			if !kept.mandatory[c] {
				kept.mandatory[c] = true
				kept.obj[c] += bonus
			}
			break
		}
	}
	snap, iters := search(ctx, &kept, opt, keptSeed(&kept, sent, byID))
	// The kept schedule is feasible for the real model too: its windows
	// are subsets of the real ones.
	sched := &kept
	if missingMandatory(md, snap) > 0 {
		free, it2 := search(ctx, md, opt, snap)
		iters += it2
		if missingMandatory(md, free) < missingMandatory(md, snap) {
			snap, sched = free, md
		}
	}
	res := buildResult(&p, md, sched, snap, iters)
	starts := map[string]int{}
	for _, d := range res.Days {
		for _, it := range d.Items {
			if !it.Lunch {
				starts[it.CandidateID] = it.Start
			}
		}
	}
	for _, s := range sent {
		if st, ok := starts[s.CandidateID]; !ok || st != s.Start {
			res.Moved = append(res.Moved, s.CandidateID)
		}
	}
	return res, nil
}

func inWindows(ws []tw, t int) bool {
	for _, w := range ws {
		if w.open <= t && t <= w.close {
			return true
		}
	}
	return false
}

func missingMandatory(md *model, snap [][]int) int {
	in := make([]bool, md.n)
	for _, nodes := range snap {
		for _, c := range nodes {
			if c >= 0 {
				in[c] = true
			}
		}
	}
	n := 0
	for c := range md.n {
		if md.mandatory[c] && !in[c] {
			n++
		}
	}
	return n
}

// keptSeed lays the kept sent items out in time order per day, with the
// lunch break in the first position that works, as the start of the
// phase 1 search. It returns nil when that is not feasible (then the
// search places them one by one).
func keptSeed(md *model, sent []Sent, byID map[string]int) [][]int {
	perDay := make([][]Sent, md.m)
	for _, s := range sent {
		c, ok := byID[s.CandidateID]
		if !ok || !md.locked[c] {
			continue
		}
		for d := range md.m {
			if inWindows(md.windows(c, d), s.Start) {
				perDay[d] = append(perDay[d], s)
				break
			}
		}
	}
	snap := make([][]int, md.m)
	st := newState(md)
	for d, items := range perDay {
		sort.Slice(items, func(a, b int) bool { return items[a].Start < items[b].Start })
		nodes := []int{nodeStart}
		for _, s := range items {
			nodes = append(nodes, byID[s.CandidateID])
		}
		r := &route{day: d}
		found := false
		if md.days[d].hasLunch {
			for k := 1; k <= len(nodes) && !found; k++ {
				r.nodes = append(append(append([]int{}, nodes[:k]...), nodeLunch), nodes[k:]...)
				r.nodes = append(r.nodes, nodeEnd)
				found = md.simulate(r)
			}
		} else {
			r.nodes = append(nodes, nodeEnd)
			found = md.simulate(r)
		}
		if !found || (md.days[d].maxMeetings > 0 && r.meetings > md.days[d].maxMeetings) {
			return nil
		}
		snap[d] = r.nodes
	}
	st.restore(snap)
	for l, u := range st.used {
		if u > md.limitMax[l] {
			return nil
		}
	}
	return snap
}
