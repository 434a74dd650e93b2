package subgroup

import (
	"fmt"
	"slices"

	"itinera/internal/itinerary"
)

// Check verifies res against p from the rules alone, with none of the
// engine's code: the stretches (parts, cut at a lunch taken together),
// at most max(1, Escorts) groups and one in a together part, every
// visitor in exactly one group and every interpreter in at most one, each
// tour's timing (travel, windows, the lunch hour, back at the reunion
// point in time), every candidate at most once, capacities, audiences,
// interpretation for every visitor who shares no language with a
// meeting, mandatory items attended by everyone, each visitor's meetings
// a day within the day's MaxMeetings, and the values. It returns the
// first rule broken.
func Check(p Problem, res *Result) error {
	places := map[string]itinerary.Place{}
	for _, pl := range p.Places {
		places[pl.ID] = pl
	}
	tm := p.TravelModel
	if tm.SpeedKmh <= 0 {
		tm = itinerary.Driving()
	}
	travel := func(a, b string) int {
		if a == b {
			return 0
		}
		if p.Travel != nil {
			return p.Travel(a, b)
		}
		return tm.Minutes(places[a], places[b])
	}
	cands := map[string]*Candidate{}
	for i := range p.Candidates {
		cands[p.Candidates[i].ID] = &p.Candidates[i]
	}
	visitors := map[string]*Visitor{}
	for i := range p.Visitors {
		visitors[p.Visitors[i].ID] = &p.Visitors[i]
	}
	interps := map[string]*Interpreter{}
	for i := range p.Interpreters {
		interps[p.Interpreters[i].ID] = &p.Interpreters[i]
	}
	worth := func(v *Visitor, c *Candidate) int {
		w := c.Value
		for _, t := range c.Topics {
			w += v.Interests[t]
		}
		return w
	}
	if len(res.Days) != len(p.Days) {
		return fmt.Errorf("%d day plans for %d days", len(res.Days), len(p.Days))
	}
	seen := map[string]bool{}
	attended, splitCost := 0, 0
	for d, day := range p.Days {
		type stretch struct {
			from, to   int
			start, end string
			together   bool
			lunch      bool
			l0, l1     int
		}
		var want []stretch
		for _, pt := range day.Parts {
			st := stretch{pt.From, pt.To, pt.Start, pt.End, pt.Together, false, 0, 0}
			l := day.Lunch
			if l == nil || l.To <= pt.From || l.From >= pt.To {
				want = append(want, st)
			} else if !p.LunchTogether {
				st.lunch, st.l0, st.l1 = true, l.From, l.To
				want = append(want, st)
			} else {
				a, b := st, st
				a.to, a.end = l.From, l.Place
				b.from, b.start = l.To, l.Place
				want = append(want, a, b)
			}
		}
		meetings := map[string]int{} // per visitor, this day
		got := res.Days[d].Stretches
		if len(got) != len(want) {
			return fmt.Errorf("day %d: %d stretches, want %d", d+1, len(got), len(want))
		}
		for si, st := range want {
			where := fmt.Sprintf("day %d stretch %d", d+1, si+1)
			groups := got[si].Groups
			if got[si].From != st.from || got[si].To != st.to {
				return fmt.Errorf("%s: runs %d-%d, want %d-%d", where, got[si].From, got[si].To, st.from, st.to)
			}
			if len(groups) == 0 || len(groups) > max(1, p.Escorts) || (st.together && len(groups) > 1) {
				return fmt.Errorf("%s: %d groups", where, len(groups))
			}
			if len(groups) > 1 {
				splitCost += (len(groups) - 1) * p.SplitCost
			}
			inGroup := map[string]int{}
			intIn := map[string]bool{}
			for gi, g := range groups {
				if len(g.Visitors) == 0 {
					return fmt.Errorf("%s: group %d is empty", where, gi+1)
				}
				for _, v := range g.Visitors {
					if visitors[v] == nil {
						return fmt.Errorf("%s: unknown visitor %q", where, v)
					}
					if _, dup := inGroup[v]; dup {
						return fmt.Errorf("%s: visitor %q in two groups", where, v)
					}
					inGroup[v] = gi
				}
				for _, i := range g.Interpreters {
					if interps[i] == nil || intIn[i] {
						return fmt.Errorf("%s: interpreter %q unknown or in two groups", where, i)
					}
					intIn[i] = true
				}
			}
			if len(inGroup) != len(p.Visitors) {
				return fmt.Errorf("%s: %d of %d visitors placed", where, len(inGroup), len(p.Visitors))
			}
			for gi, g := range groups {
				gw := fmt.Sprintf("%s group %d", where, gi+1)
				pos, t, after := st.start, st.from, false
				value := 0
				for _, it := range g.Items {
					c := cands[it.CandidateID]
					if c == nil {
						return fmt.Errorf("%s: unknown candidate %q", gw, it.CandidateID)
					}
					if seen[c.ID] {
						return fmt.Errorf("%s: %q scheduled twice", gw, c.ID)
					}
					seen[c.ID] = true
					tr := travel(pos, c.Place)
					if it.Travel != tr || it.End != it.Start+c.Duration {
						return fmt.Errorf("%s: %q travel %d or end %d wrong", gw, c.ID, it.Travel, it.End)
					}
					dep := t
					if st.lunch && !after && it.End > st.l0 {
						dep, after = max(t, st.l1), true
					}
					if it.Start < dep+tr || it.End > st.to {
						return fmt.Errorf("%s: %q at %d-%d, reachable from %d, stretch ends %d", gw, c.ID, it.Start, it.End, dep+tr, st.to)
					}
					if st.lunch && it.Start < st.l1 && it.End > st.l0 {
						return fmt.Errorf("%s: %q runs into the lunch hour", gw, c.ID)
					}
					inWin := false
					for _, w := range c.Windows {
						inWin = inWin || (w.From <= it.Start && it.End <= w.To)
					}
					if !inWin {
						return fmt.Errorf("%s: %q at %d-%d outside its windows", gw, c.ID, it.Start, it.End)
					}
					n := len(g.Visitors)
					if n < c.MinVisitors || (c.MaxVisitors > 0 && n > c.MaxVisitors) {
						return fmt.Errorf("%s: %d visitors at %q (min %d, max %d)", gw, n, c.ID, c.MinVisitors, c.MaxVisitors)
					}
					if (c.Mandatory || c.Audience == Everyone) && n != len(p.Visitors) {
						return fmt.Errorf("%s: %q is for everyone, %d attend", gw, c.ID, n)
					}
					for _, vid := range g.Visitors {
						v := visitors[vid]
						if c.Audience == Named && !slices.Contains(c.Named, vid) {
							return fmt.Errorf("%s: %q attends %q, which is for named visitors", gw, vid, c.ID)
						}
						if len(c.Languages) > 0 && !shares(v.Languages, c.Languages) {
							ok := false
							for _, iid := range g.Interpreters {
								in := interps[iid]
								ok = ok || (shares(in.Languages, c.Languages) && shares(in.Languages, v.Languages))
							}
							if !ok {
								return fmt.Errorf("%s: nobody interprets %q for %q", gw, c.ID, vid)
							}
						}
						value += worth(v, c)
						if c.Meeting {
							meetings[vid]++
							if day.MaxMeetings > 0 && meetings[vid] > day.MaxMeetings {
								return fmt.Errorf("%s: %q attends %d meetings on a day that allows %d", gw, vid, meetings[vid], day.MaxMeetings)
							}
						}
					}
					pos, t = c.Place, it.End
				}
				if st.lunch && !after {
					t = max(t, st.l1)
				}
				if t+travel(pos, st.end) > st.to {
					return fmt.Errorf("%s: back at %d, stretch ends %d", gw, t+travel(pos, st.end), st.to)
				}
				if value != g.Value {
					return fmt.Errorf("%s: value %d, recomputed %d", gw, g.Value, value)
				}
				attended += value
			}
		}
	}
	left := map[string]bool{}
	for _, lo := range res.LeftOut {
		left[lo.CandidateID] = true
	}
	complete := true
	for _, c := range p.Candidates {
		if seen[c.ID] == left[c.ID] {
			return fmt.Errorf("candidate %q both scheduled and left out, or neither", c.ID)
		}
		if c.Mandatory && !seen[c.ID] {
			complete = false
		}
	}
	if complete != res.Complete {
		return fmt.Errorf("Complete is %v, want %v", res.Complete, complete)
	}
	if attended != res.Attended || splitCost != res.SplitCost || res.Value != attended-splitCost {
		return fmt.Errorf("values %d - %d = %d, recomputed %d - %d", res.Attended, res.SplitCost, res.Value, attended, splitCost)
	}
	return nil
}
