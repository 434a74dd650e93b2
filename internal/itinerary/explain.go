package itinerary

import (
	"fmt"
	"sort"
	"strings"
)

// explain says in plain words why candidate c is not in the itinerary s.
func explain(p *Problem, md *model, s *state, c int) LeftOut {
	lo := LeftOut{CandidateID: p.Candidates[c].ID, Mandatory: md.mandatory[c]}
	name := func(i int) string {
		if p.Candidates[i].Name != "" {
			return p.Candidates[i].Name
		}
		return p.Candidates[i].ID
	}
	prefix := ""
	if lo.Mandatory {
		prefix = "Required item could not be placed: "
		if md.locked[c] {
			prefix = "Pinned item could not be kept at its time: "
		}
	}
	say := func(r Reason, related []int, format string, args ...any) LeftOut {
		lo.Reason = r
		for _, i := range related {
			lo.Related = append(lo.Related, p.Candidates[i].ID)
		}
		text := fmt.Sprintf(format, args...)
		if prefix == "" && text != "" {
			text = strings.ToUpper(text[:1]) + text[1:]
		}
		lo.Explanation = prefix + text
		return lo
	}

	// 1. Alone on a day, with and without the lunch break.
	var fitDays []int
	fitsWithoutLunch := false
	for d := range md.m {
		if len(md.windows(c, d)) == 0 {
			continue
		}
		if fitsOn(md, d, []int{c}, true) {
			fitDays = append(fitDays, d)
		} else if fitsOn(md, d, []int{c}, false) {
			fitsWithoutLunch = true
		}
	}
	if len(fitDays) == 0 {
		if fitsWithoutLunch {
			return say(BreaksLunch, nil, "it would break the lunch break on every day it could take place.")
		}
		anyWindow := false
		for d := range md.m {
			anyWindow = anyWindow || len(md.windows(c, d)) > 0
		}
		if !anyWindow {
			return say(NoWindowFits, nil, "none of its available times falls within a program day.")
		}
		return say(NoWindowFits, nil, "no available time on any day leaves room to travel there from the start of the day and back.")
	}

	// 2. Only the pinned items of each day.
	var pinDays []int
	var blockers []int
	for _, d := range fitDays {
		var pins []int
		for _, node := range s.routes[d].nodes {
			if node >= 0 && md.locked[node] {
				pins = append(pins, node)
			}
		}
		if len(pins) == 0 || fitsAmong(md, d, pins, c) {
			pinDays = append(pinDays, d)
			continue
		}
		blockers = append(blockers, overlapping(md, s, d, c, pins)...)
	}
	if len(pinDays) == 0 {
		names := make([]string, len(blockers))
		for i, b := range blockers {
			names[i] = name(b)
		}
		return say(ConflictsWithPin, blockers, "it conflicts with pinned %s.", joinNames(names))
	}

	// 3. Time fits in the current itinerary, but a cap or a limit does not.
	capBlocked, timeFits := false, false
	for _, d := range pinDays {
		r := s.routes[d]
		for k := 0; k < len(r.nodes)-1; k++ {
			if ok, _ := md.insertion(r, c, k); ok {
				timeFits = true
				if !s.fitsCap(c, d, -1) {
					capBlocked = true
				}
				break
			}
		}
	}
	if timeFits && !s.fitsLimits(c, -1) {
		var names []string
		for _, u := range md.uses[c] {
			if s.used[u.limit]+u.amount > md.limitMax[u.limit] {
				names = append(names, p.Limits[u.limit].Name)
			}
		}
		return say(LimitReached, nil, "it would exceed the program's %s limit.", strings.Join(names, " and "))
	}
	if timeFits && capBlocked {
		return say(DayCapReached, nil, "the days it could fit already have their maximum number of meetings.")
	}

	// 4. The time it could use is taken by more valuable items.
	var fill []int
	seen := map[int]bool{}
	fillDay := map[int]int{}
	for _, d := range pinDays {
		var items []int
		for _, node := range s.routes[d].nodes {
			if node >= 0 {
				items = append(items, node)
			}
		}
		for _, i := range overlapping(md, s, d, c, items) {
			if !seen[i] {
				seen[i] = true
				fill = append(fill, i)
				fillDay[i] = d
			}
		}
	}
	// A far item that fills the day: the trip there is what leaves no room.
	for _, f := range fill {
		d := fillDay[f]
		there, back := md.t(d, md.days[d].startPlace, md.place[f]), md.t(d, md.place[f], md.days[d].endPlace)
		if min(there, back) >= DayTripMinutes {
			return say(DayTrip, []int{f}, "the trip to %s takes the day (%d min there, %d min back).", name(f), there, back)
		}
	}
	sort.SliceStable(fill, func(a, b int) bool { return md.value[fill[a]] > md.value[fill[b]] })
	if len(fill) > 4 {
		fill = fill[:4]
	}
	if len(fill) == 0 {
		return say(LowerValue, nil, "the itinerary has no room left for it on the days it could take place (value %d).", md.value[c])
	}
	names := make([]string, len(fill))
	for i, f := range fill {
		names[i] = fmt.Sprintf("%s (value %d)", name(f), md.value[f])
	}
	return say(LowerValue, fill, "its value (%d) is lower than that of the items filling the time it needs: %s.", md.value[c], joinNames(names))
}

// fitsOn reports whether the given items, in this order, make a feasible day.
func fitsOn(md *model, d int, items []int, lunch bool) bool {
	r := &route{day: d, nodes: []int{nodeStart}}
	r.nodes = append(r.nodes, items...)
	if lunch && md.days[d].hasLunch {
		// Try the lunch break in every position.
		for k := 1; k <= len(items)+1; k++ {
			t := &route{day: d, nodes: append(append(append([]int{}, r.nodes[:k]...), nodeLunch), r.nodes[k:]...)}
			t.nodes = append(t.nodes, nodeEnd)
			if md.simulate(t) {
				return true
			}
		}
		return false
	}
	r.nodes = append(r.nodes, nodeEnd)
	return md.simulate(r)
}

// fitsAmong reports whether c can join the route made of the pinned items
// of day d (and the lunch break).
func fitsAmong(md *model, d int, pins []int, c int) bool {
	sort.Slice(pins, func(a, b int) bool { return md.windows(pins[a], d)[0].open < md.windows(pins[b], d)[0].open })
	for k := 0; k <= len(pins); k++ {
		items := append(append(append([]int{}, pins[:k]...), c), pins[k:]...)
		if fitsOn(md, d, items, true) {
			return true
		}
	}
	return false
}

// overlapping returns the items of day d whose scheduled time overlaps a
// time c could occupy (its windows stretched by its duration).
func overlapping(md *model, s *state, d, c int, items []int) []int {
	r := s.routes[d]
	var out []int
	for k, node := range r.nodes {
		if node < 0 || !contains(items, node) {
			continue
		}
		from, to := r.start[k], r.start[k]+md.dur[node]
		for _, w := range md.windows(c, d) {
			if from < w.close+md.dur[c] && to > w.open {
				out = append(out, node)
				break
			}
		}
	}
	if len(out) == 0 {
		out = append(out, items...)
	}
	return out
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
