package subgroup_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"itinera/internal/itinerary"
	"itinera/internal/subgroup"
)

// clone copies a result deeply enough for the mutations below.
func clone(r *subgroup.Result) *subgroup.Result {
	c := *r
	c.Days = append([]subgroup.DayPlan(nil), r.Days...)
	for d := range c.Days {
		c.Days[d].Stretches = append([]subgroup.Stretch(nil), r.Days[d].Stretches...)
		for s := range c.Days[d].Stretches {
			st := &c.Days[d].Stretches[s]
			st.Groups = append([]subgroup.Group(nil), st.Groups...)
			for g := range st.Groups {
				gr := &st.Groups[g]
				gr.Visitors = append([]string(nil), gr.Visitors...)
				gr.Interpreters = append([]string(nil), gr.Interpreters...)
				gr.Items = append([]subgroup.Item(nil), gr.Items...)
			}
		}
	}
	c.LeftOut = append([]subgroup.LeftOut(nil), r.LeftOut...)
	return &c
}

// TestCheckCatchesBrokenRules breaks one rule at a time in a valid plan
// and expects Check to name it.
func TestCheckCatchesBrokenRules(t *testing.T) {
	p := shelterDay()
	res, err := subgroup.Solve(context.Background(), p, subgroup.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := subgroup.Check(p, res); err != nil {
		t.Fatal(err)
	}
	split := func(r *subgroup.Result) *subgroup.Stretch { return &r.Days[0].Stretches[0] }
	french := func(r *subgroup.Result) *subgroup.Group {
		for g := range split(r).Groups {
			if split(r).Groups[g].Visitors[0] == "v0" {
				return &split(r).Groups[g]
			}
		}
		return nil
	}
	other := func(r *subgroup.Result) *subgroup.Group {
		for g := range split(r).Groups {
			if split(r).Groups[g].Visitors[0] != "v0" {
				return &split(r).Groups[g]
			}
		}
		return nil
	}
	cases := []struct {
		name   string
		edit   func(*subgroup.Problem, *subgroup.Result)
		expect string
	}{
		{"no interpreter", func(_ *subgroup.Problem, r *subgroup.Result) { french(r).Interpreters = nil }, "nobody interprets"},
		{"visitor twice", func(_ *subgroup.Problem, r *subgroup.Result) {
			other(r).Visitors = append(other(r).Visitors, "v0")
		}, "in two groups"},
		{"visitor missing", func(_ *subgroup.Problem, r *subgroup.Result) {
			g := other(r)
			g.Visitors = g.Visitors[1:]
		}, "visitors placed"},
		{"capacity", func(p *subgroup.Problem, _ *subgroup.Result) { p.Candidates[0].MaxVisitors = 1 }, "visitors at"},
		{"named", func(p *subgroup.Problem, _ *subgroup.Result) {
			p.Candidates[0].Audience, p.Candidates[0].Named = subgroup.Named, []string{"v0"}
		}, "for named visitors"},
		{"everyone", func(p *subgroup.Problem, _ *subgroup.Result) { p.Candidates[0].Audience = subgroup.Everyone }, "is for everyone"},
		{"too many groups", func(p *subgroup.Problem, _ *subgroup.Result) { p.Escorts = 1 }, "groups"},
		{"together part", func(p *subgroup.Problem, _ *subgroup.Result) { p.Days[0].Parts[0].Together = true }, "groups"},
		{"outside window", func(_ *subgroup.Problem, r *subgroup.Result) {
			it := &french(r).Items[0]
			it.Start, it.End = it.Start+200, it.End+200
		}, ""},
		{"too early", func(_ *subgroup.Problem, r *subgroup.Result) {
			it := &french(r).Items[0]
			it.Start, it.End = 545, 635
		}, "reachable from"},
		{"window", func(p *subgroup.Problem, _ *subgroup.Result) {
			p.Candidates[0].Windows = []itinerary.Window{{From: 900, To: 1000}}
		}, "outside its windows"},
		{"twice", func(_ *subgroup.Problem, r *subgroup.Result) {
			g := &r.Days[0].Stretches[1].Groups[0]
			g.Items = append(g.Items, french(r).Items[0])
		}, ""},
		{"value", func(_ *subgroup.Problem, r *subgroup.Result) { r.Value++ }, "values"},
		{"group value", func(_ *subgroup.Problem, r *subgroup.Result) { french(r).Value++ }, "recomputed"},
		{"left out", func(_ *subgroup.Problem, r *subgroup.Result) {
			r.LeftOut = append(r.LeftOut, subgroup.LeftOut{CandidateID: "shelter"})
		}, "both scheduled and left out"},
		{"mandatory", func(p *subgroup.Problem, r *subgroup.Result) {
			p.Candidates = append(p.Candidates, subgroup.Candidate{ID: "m", Place: "hotel", Mandatory: true})
			r.LeftOut = append(r.LeftOut, subgroup.LeftOut{CandidateID: "m", Mandatory: true})
		}, "Complete"},
		{"lunch apart", func(p *subgroup.Problem, _ *subgroup.Result) { p.LunchTogether = false }, "stretches"},
	}
	for _, tc := range cases {
		q := shelterDay()
		r := clone(res)
		tc.edit(&q, r)
		err := subgroup.Check(q, r)
		if err == nil || !strings.Contains(err.Error(), tc.expect) {
			t.Errorf("%s: Check says %v", tc.name, err)
		}
	}
}

// TestSolveRejectsMalformedProblems names the field at fault.
func TestSolveRejectsMalformedProblems(t *testing.T) {
	cases := []struct {
		name   string
		edit   func(*subgroup.Problem)
		expect string
	}{
		{"no visitors", func(p *subgroup.Problem) { p.Visitors = nil }, "no visitors"},
		{"unknown place", func(p *subgroup.Problem) { p.Candidates[0].Place = "moon" }, `unknown place "moon"`},
		{"capacity", func(p *subgroup.Problem) { p.Candidates[0].MinVisitors = 6 }, "at least 6 but at most 5"},
		{"named", func(p *subgroup.Problem) {
			p.Candidates[0].Audience, p.Candidates[0].Named = subgroup.Named, []string{"nobody"}
		}, `unknown visitor "nobody"`},
		{"lunch straddles", func(p *subgroup.Problem) { p.Days[0].Parts[0].To = 780 }, "straddles"},
		{"duplicate visitor", func(p *subgroup.Problem) { p.Visitors[1].ID = p.Visitors[0].ID }, "listed twice"},
		{"no parts", func(p *subgroup.Problem) { p.Days[0].Parts = nil; p.Days[0].Lunch = nil }, "no day parts"},
	}
	for _, tc := range cases {
		p := shelterDay()
		tc.edit(&p)
		_, err := subgroup.Solve(context.Background(), p, subgroup.Options{})
		if !errors.Is(err, subgroup.ErrInvalid) || !strings.Contains(err.Error(), tc.expect) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

// TestMeetingLimitPerVisitor: a day's MaxMeetings bounds the meetings
// each visitor attends that day, across the day's stretches; Check names
// a plan that breaks it, and a meeting left out for it says so.
func TestMeetingLimitPerVisitor(t *testing.T) {
	p := shelterDay()
	p.Candidates = append(p.Candidates, subgroup.Candidate{ID: "court", Title: "the court", Place: "prosecutor", Duration: 60, Value: 5,
		Topics: []string{"prosecution", "survivors"}, Languages: []string{"en"}, Windows: []itinerary.Window{{From: 840, To: 960}}})
	for c := range p.Candidates {
		p.Candidates[c].Meeting = true
	}
	free, err := subgroup.Solve(context.Background(), p, subgroup.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	most := func(r *subgroup.Result) int {
		n := map[string]int{}
		top := 0
		for _, st := range r.Days[0].Stretches {
			for _, g := range st.Groups {
				for _, v := range g.Visitors {
					n[v] += len(g.Items)
					top = max(top, n[v])
				}
			}
		}
		return top
	}
	if err := subgroup.Check(p, free); err != nil || most(free) != 2 {
		t.Fatalf("without a limit: %v, at most %d meetings a visitor", err, most(free))
	}
	p.Days[0].MaxMeetings = 1
	if err := subgroup.Check(p, free); err == nil || !strings.Contains(err.Error(), "attends 2 meetings on a day that allows 1") {
		t.Fatalf("Check of a plan over the limit: %v", err)
	}
	capped, err := subgroup.Solve(context.Background(), p, subgroup.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := subgroup.Check(p, capped); err != nil || most(capped) != 1 || capped.Value >= free.Value {
		t.Fatalf("with the limit: %v, at most %d meetings a visitor, value %d (free %d)", err, most(capped), capped.Value, free.Value)
	}
	// Everyone attends the court, worth most to all; the morning's two
	// meetings are left out for the limit.
	full := 0
	for _, lo := range capped.LeftOut {
		if lo.Explanation == "Everyone who may attend it already has the most meetings their day allows." {
			full++
		}
	}
	if full != 2 {
		t.Fatalf("left out: %+v", capped.LeftOut)
	}
}
