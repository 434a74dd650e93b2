package subgroup

import (
	"context"
	"time"
)

const (
	defaultTimeLimit = 500 * time.Millisecond
	defaultRounds    = 60
)

// Result is the engine's answer.
type Result struct {
	// Value is the objective: Attended minus SplitCost.
	Value int
	// Attended sums, over visitors, the value of every item they attend.
	Attended int
	// SplitCost is Problem.SplitCost times the sub-groups beyond the first,
	// summed over the stretches.
	SplitCost int
	// Complete is false when a mandatory candidate could not be placed.
	Complete bool
	Days     []DayPlan
	// LeftOut lists the candidates nobody attends, mandatory ones first.
	LeftOut []LeftOut
}

// DayPlan is one day: its stretches in time order.
type DayPlan struct {
	Label     string
	Stretches []Stretch
}

// Stretch is a part of a day between two reunion points (a part, or half
// of one cut by a lunch taken together) and the sub-groups that travel it.
type Stretch struct {
	Label    string
	From, To int
	Together bool // a together part: never split
	// Groups holds one group when the delegation stays together.
	Groups      []Group
	Explanation string
}

// Group is a sub-group (or the whole delegation) and its tour.
type Group struct {
	Visitors     []string // visitor IDs
	Interpreters []string // interpreter IDs
	Items        []Item
	Value        int // sum over the members of the value of the items
	Explanation  string
}

// Item is a candidate on a group's tour.
type Item struct {
	CandidateID string
	Start, End  int
	Travel      int // travel right before the item
}

// LeftOut is a candidate that nobody attends.
type LeftOut struct {
	CandidateID string
	Mandatory   bool
	Explanation string
}

// Solve plans the delegation's days with sub-groups. It returns the best
// plan found after Options.MaxRounds or at Options.TimeLimit, or when ctx
// is cancelled.
func Solve(ctx context.Context, p Problem, opt Options) (*Result, error) {
	md, err := compile(&p)
	if err != nil {
		return nil, err
	}
	limit := opt.TimeLimit
	if limit == 0 {
		limit = defaultTimeLimit
	}
	rounds := opt.MaxRounds
	if rounds == 0 {
		rounds = defaultRounds
	}
	se := newSearcher(md, opt.Seed)
	se.run(ctx, time.Now().Add(limit), rounds)
	return se.result(), nil
}

func (se *searcher) result() *Result {
	md, p := se.md, se.md.p
	res := &Result{Complete: true}
	placed := make([]bool, md.nc)
	for s, sg := range md.segs {
		for len(res.Days) <= sg.day {
			res.Days = append(res.Days, DayPlan{Label: p.Days[len(res.Days)].Label})
		}
		st := Stretch{Label: sg.label, From: sg.from, To: sg.to, Together: sg.together}
		if md.p.LunchTogether && md.p.Days[sg.day].Lunch != nil && (sg.to == md.p.Days[sg.day].Lunch.From || sg.secondHalf) {
			if sg.secondHalf {
				st.Label += " (after lunch)"
			} else {
				st.Label += " (before lunch)"
			}
		}
		pl := se.plans[s]
		for _, g := range pl.groups {
			r := &se.pools[s][g.route]
			out := Group{}
			for m := g.members; m != 0; m &= m - 1 {
				v := trailing(m)
				out.Visitors = append(out.Visitors, p.Visitors[v].ID)
				out.Value += int(r.val[v])
			}
			for m := g.ints; m != 0; m &= m - 1 {
				out.Interpreters = append(out.Interpreters, p.Interpreters[trailing(m)].ID)
			}
			pos := sg.start
			for k, c := range r.items {
				cd := &p.Candidates[c]
				out.Items = append(out.Items, Item{CandidateID: cd.ID, Start: r.starts[k], End: r.starts[k] + cd.Duration,
					Travel: md.t(pos, md.place[c])})
				pos = md.place[c]
				placed[c] = true
			}
			res.Attended += out.Value
			st.Groups = append(st.Groups, out)
		}
		if k := len(pl.groups); k > 1 {
			res.SplitCost += (k - 1) * p.SplitCost
		}
		res.Days[len(res.Days)-1].Stretches = append(res.Days[len(res.Days)-1].Stretches, st)
	}
	for len(res.Days) < len(p.Days) {
		res.Days = append(res.Days, DayPlan{Label: p.Days[len(res.Days)].Label})
	}
	res.Value = res.Attended - res.SplitCost
	for _, mand := range []bool{true, false} {
		for c := range md.nc {
			if placed[c] || md.mandatory[c] != mand {
				continue
			}
			res.Complete = res.Complete && !mand
			res.LeftOut = append(res.LeftOut, LeftOut{CandidateID: p.Candidates[c].ID, Mandatory: mand})
		}
	}
	explain(se, res)
	return res
}
