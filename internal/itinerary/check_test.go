package itinerary_test

import (
	"fmt"

	"itinera/internal/itinerary"
)

// checkResult verifies res against p from the rules alone. It uses only
// the public API, none of the solver's code.
func checkResult(p itinerary.Problem, res *itinerary.Result) error {
	places := map[string]itinerary.Place{}
	for _, pl := range p.Places {
		places[pl.ID] = pl
	}
	tm := p.TravelModel
	if tm.SpeedKmh <= 0 {
		tm = itinerary.Driving()
	}
	travel := func(a, b string) int {
		if p.Travel != nil {
			return p.Travel(a, b)
		}
		if a == b {
			return 0
		}
		return tm.Minutes(places[a], places[b])
	}
	cands := map[string]itinerary.Candidate{}
	for _, c := range p.Candidates {
		cands[c.ID] = c
	}
	if len(res.Days) != len(p.Days) {
		return fmt.Errorf("%d day plans for %d days", len(res.Days), len(p.Days))
	}
	seen := map[string]bool{}
	used := map[string]int{}
	total := 0
	for d, day := range p.Days {
		plan := res.Days[d]
		pos, t := day.Start, day.Depart
		meetings, lunches, value := 0, 0, 0
		for i, it := range plan.Items {
			if it.Lunch {
				lunches++
				if day.Lunch == nil {
					return fmt.Errorf("day %d: lunch item on a day without lunch", d+1)
				}
				if it.Travel != 0 || it.Start < t || it.Wait != it.Start-t || it.Start < day.Lunch.From ||
					it.End != it.Start+day.Lunch.Duration || it.End > day.Lunch.To {
					return fmt.Errorf("day %d item %d: bad lunch %+v (free from %d)", d+1, i, it, t)
				}
				t = it.End
				continue
			}
			c, ok := cands[it.CandidateID]
			if !ok {
				return fmt.Errorf("day %d: unknown candidate %q", d+1, it.CandidateID)
			}
			if seen[c.ID] {
				return fmt.Errorf("candidate %q scheduled twice", c.ID)
			}
			seen[c.ID] = true
			tr := travel(pos, c.Place)
			arrive := t + tr
			if it.Travel != tr || it.Start < arrive || it.Wait != it.Start-arrive || it.End != it.Start+c.Duration {
				return fmt.Errorf("day %d: %q timed wrongly: %+v (arrive %d, travel %d)", d+1, c.ID, it, arrive, tr)
			}
			if c.PinnedStart != nil {
				if it.Start != *c.PinnedStart {
					return fmt.Errorf("pinned %q starts at %d, not %d", c.ID, it.Start, *c.PinnedStart)
				}
			} else {
				inside := false
				for _, w := range c.Windows {
					end := it.End
					if p.WindowRule == itinerary.StartOfService {
						end = it.Start
					}
					if it.Start >= w.From && end <= w.To {
						inside = true
					}
				}
				if !inside {
					return fmt.Errorf("%q at %d-%d is outside its windows", c.ID, it.Start, it.End)
				}
			}
			if c.Kind == itinerary.Meeting {
				meetings++
			}
			for k, v := range c.Uses {
				used[k] += v
			}
			value += c.Value
			t, pos = it.End, c.Place
		}
		back := t + travel(pos, day.End)
		if back > day.Return || plan.ReturnAt != back {
			return fmt.Errorf("day %d: back at %d (reported %d), must be by %d", d+1, back, plan.ReturnAt, day.Return)
		}
		if t < day.Depart {
			return fmt.Errorf("day %d starts too early", d+1)
		}
		if day.Lunch != nil && lunches != 1 {
			return fmt.Errorf("day %d: %d lunch breaks", d+1, lunches)
		}
		if day.MaxMeetings > 0 && meetings > day.MaxMeetings {
			return fmt.Errorf("day %d: %d meetings, cap %d", d+1, meetings, day.MaxMeetings)
		}
		if value != plan.Value {
			return fmt.Errorf("day %d: value %d reported as %d", d+1, value, plan.Value)
		}
		total += value
	}
	for _, l := range p.Limits {
		if used[l.Name] > l.Max {
			return fmt.Errorf("limit %s: %d > %d", l.Name, used[l.Name], l.Max)
		}
	}
	if total != res.Value {
		return fmt.Errorf("value %d reported as %d", total, res.Value)
	}
	complete := true
	left := map[string]bool{}
	for _, lo := range res.LeftOut {
		if seen[lo.CandidateID] || left[lo.CandidateID] {
			return fmt.Errorf("%q left out twice or also scheduled", lo.CandidateID)
		}
		left[lo.CandidateID] = true
		c := cands[lo.CandidateID]
		if lo.Mandatory != (c.Mandatory || c.PinnedStart != nil) {
			return fmt.Errorf("%q: mandatory flag wrong", lo.CandidateID)
		}
		if lo.Mandatory {
			complete = false
		}
		if lo.Explanation == "" || lo.Reason == 0 {
			return fmt.Errorf("%q left out without a reason", lo.CandidateID)
		}
	}
	if len(left)+len(seen) != len(p.Candidates) {
		return fmt.Errorf("%d scheduled + %d left out != %d candidates", len(seen), len(left), len(p.Candidates))
	}
	if complete != res.Complete {
		return fmt.Errorf("Complete is %v", res.Complete)
	}
	return nil
}
