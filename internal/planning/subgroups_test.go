package planning_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"itinera"

	"itinera/internal/planning"
	"itinera/internal/subgroup"
)

// describe writes a plan as lines, for test failures.
func describe(p *planning.SubgroupPlan) string {
	var b strings.Builder
	for _, d := range p.Days {
		fmt.Fprintf(&b, "%s\n", d.Label)
		for _, s := range d.Stretches {
			fmt.Fprintf(&b, "  %s %s-%s together=%v: %s\n", s.Label, s.From.Format("15:04"), s.To.Format("15:04"), s.Together, s.Explanation)
			for _, g := range s.Groups {
				var who, in, items []string
				for _, v := range g.Visitors {
					who = append(who, v.Name)
				}
				for _, i := range g.Interpreters {
					in = append(in, i.Name)
				}
				for _, it := range g.Items {
					items = append(items, it.Start.Format("15:04")+"-"+it.End.Format("15:04")+" "+it.Title)
				}
				fmt.Fprintf(&b, "    [%s] with [%s]: %s | %s\n", strings.Join(who, ", "), strings.Join(in, ", "), strings.Join(items, "; "), g.Explanation)
			}
		}
	}
	for _, l := range p.LeftOut {
		fmt.Fprintf(&b, "left out: %s: %s\n", l.Title, l.Explanation)
	}
	return b.String()
}

// On the demo program the survivor-services site visits take at most
// five visitors each: the planner splits Tuesday afternoon into two
// sub-groups, and Lucía, who speaks only Spanish, has the interpreter in
// hers. Healing Action Network, confirmed for 14:30 in the current
// itinerary, keeps that time, so one group visits The Covering House after
// it while the others meet the Attorney General's Office. The plan keeps
// every rule (subgroup.Check on the same problem).
func TestSubgroupsSplitTheDemoForTheSiteVisits(t *testing.T) {
	s, tid, pid := mustDemo(t)
	in := mustInput(t, s, tid, pid)
	pr, err := planning.SubgroupProblem(in)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := planning.Subgroups(ctx, in, planning.SubgroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if t.Failed() || testing.Verbose() {
		t.Log("\n" + describe(plan))
	}
	if !plan.Complete {
		t.Error("a mandatory item was left out")
	}
	if n := plan.SplitDays(); n != 1 {
		t.Fatalf("the delegation splits on %d days, want 1\n%s", n, describe(plan))
	}
	// The same problem, solved by the planner directly, keeps every rule:
	// the adapter's result is that answer in the program's terms.
	res, err := subgroup.Solve(ctx, pr, subgroup.Options{TimeLimit: planning.DefaultSubgroupTimeLimit})
	if err != nil {
		t.Fatal(err)
	}
	if err := subgroup.Check(pr, res); err != nil {
		t.Fatalf("the plan breaks a rule: %v", err)
	}
	if res.Value != plan.Value {
		t.Errorf("value %d, the planner's %d", plan.Value, res.Value)
	}
	loc := in.Program.Location()
	for _, d := range plan.Days {
		if !d.Split() {
			continue
		}
		if wd := d.Date.In(loc).Weekday(); wd != time.Tuesday {
			t.Errorf("the split day is a %s, want Tuesday", wd)
		}
		for _, st := range d.Stretches {
			if !st.Split() {
				continue
			}
			if len(st.Groups) != 2 {
				t.Fatalf("%d groups, want 2", len(st.Groups))
			}
			if !strings.Contains(st.Explanation, "splits") || st.From.Location().String() != "America/Chicago" {
				t.Errorf("stretch %q at %v", st.Explanation, st.From)
			}
			sites := 0
			total := 0
			for _, g := range st.Groups {
				total += len(g.Visitors)
				var names, interps, titles []string
				for _, v := range g.Visitors {
					names = append(names, v.Name)
				}
				for _, i := range g.Interpreters {
					interps = append(interps, i.Name)
				}
				for _, it := range g.Items {
					titles = append(titles, it.Title)
					if it.MeetingID == 0 || it.Start.Location().String() != "America/Chicago" {
						t.Errorf("item %+v", it)
					}
				}
				hasLucia := slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, "Lucía") })
				if hasLucia != slices.Contains(interps, "Ana Beltrán") {
					t.Errorf("group %v has interpreters %v: Lucía needs Ana, and only she", names, interps)
				}
				for _, ti := range titles {
					if strings.Contains(ti, "Covering House") || strings.Contains(ti, "International Institute") {
						sites++
						if len(names) > 5 {
							t.Errorf("%d visitors at %s, which takes five", len(names), ti)
						}
					}
				}
				if g.Explanation == "" {
					t.Errorf("group %v is not explained", names)
				}
			}
			if sites < 1 || total != 9 {
				t.Errorf("site visits %d, visitors %d, want at least 1 and 9", sites, total)
			}
		}
	}
}

// A program without a hotel or visitors says what to do first.
func TestSubgroupsNeedVisitorsAndAHotel(t *testing.T) {
	s, tid, pid := mustDemo(t)
	in := mustInput(t, s, tid, pid)
	in.Visitors = nil
	if _, err := planning.Subgroups(ctx, in, planning.SubgroupOptions{}); itinera.ErrorCode(err) != itinera.EINVALID ||
		!strings.Contains(itinera.ErrorMessage(err), "visitors") {
		t.Errorf("no visitors: %v", err)
	}
	in = mustInput(t, s, tid, pid)
	in.Program.HotelPlaceID = 0
	if _, err := planning.Subgroups(ctx, in, planning.SubgroupOptions{}); itinera.ErrorCode(err) != itinera.EINVALID {
		t.Errorf("no hotel: %v", err)
	}
}

// A meeting agreed for 10:00-12:00 far from the hotel still fits when the
// sub-groups lunch together at the hotel: the lunch hour moves later in
// its window rather than lose it.
func TestSubgroupsLunchHourKeepsTightSlots(t *testing.T) {
	s, tid, pid := mustDemo(t)
	in := mustInput(t, s, tid, pid)
	found := false
	for i, m := range in.Meetings {
		if strings.HasPrefix(m.Title, "Gateway Human Trafficking") {
			w := m.Windows[0]
			w.Start = w.Start.Add(30 * time.Minute)
			w.End = w.Start.Add(120 * time.Minute)
			in.Meetings[i].Windows = []itinera.Window{w}
			found = true
		}
	}
	if !found {
		t.Fatal("no GHT meeting in the demo")
	}
	plan, err := planning.Subgroups(ctx, in, planning.SubgroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range plan.LeftOut {
		if strings.HasPrefix(l.Title, "Gateway Human Trafficking") {
			t.Fatalf("GHT left out: %s\n%s", l.Explanation, describe(plan))
		}
	}
}

// A pin (Input.Pins) and a confirmed meeting of the current itinerary keep
// their times in the sub-group proposal: the planner's only window for
// them is that time.
func TestSubgroupsKeepPinsAndConfirmedMeetings(t *testing.T) {
	s, tid, pid := mustDemo(t)
	in := mustInput(t, s, tid, pid)
	loc := in.Program.Location()
	var ght, healing itinera.Meeting
	for _, m := range in.Meetings {
		switch {
		case strings.HasPrefix(m.Title, "Gateway Human Trafficking"):
			ght = m
		case strings.HasPrefix(m.Title, "Healing Action"):
			healing = m
		}
	}
	var healingAt time.Time
	for _, x := range in.Current.Items {
		if x.MeetingID == healing.ID {
			healingAt = x.Start
		}
	}
	if ght.ID == 0 || healingAt.IsZero() || healing.Status != itinera.MeetingConfirmed {
		t.Fatal("the demo changed: no GHT meeting, or Healing Action is not confirmed in the itinerary")
	}
	pin := itinera.DateOf(ght.Windows[0].Start.In(loc)).At(10*60+15, loc)
	in.Pins = map[string]time.Time{fmt.Sprintf("m%d", ght.ID): pin}
	plan, err := planning.Subgroups(ctx, in, planning.SubgroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, d := range plan.Days {
		for _, st := range d.Stretches {
			for _, g := range st.Groups {
				for _, it := range g.Items {
					switch it.MeetingID {
					case ght.ID:
						found++
						if !it.Start.Equal(pin) {
							t.Errorf("GHT at %v, pinned at %v", it.Start, pin)
						}
					case healing.ID:
						found++
						if !it.Start.Equal(healingAt) {
							t.Errorf("Healing Action at %v, confirmed at %v", it.Start, healingAt)
						}
					}
				}
			}
		}
	}
	if found != 2 {
		t.Errorf("found %d of the two meetings\n%s", found, describe(plan))
	}
}

// TestBuildLeavesSubgroupItemsToTheSubgroupPlanner: the itinerary engine
// plans the whole delegation, so a site visit that takes five of the nine
// visitors (or a meeting for named visitors) is left out of its proposal,
// saying why, while the sub-group planner places it.
func TestBuildLeavesSubgroupItemsToTheSubgroupPlanner(t *testing.T) {
	s, tid, pid := mustDemo(t)
	in := mustInput(t, s, tid, pid)
	p, err := planning.Build(ctx, in, planning.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	why := map[string]string{}
	for _, l := range p.LeftOut {
		why[l.Title] = l.Explanation
	}
	for title, want := range map[string]string{
		"The Covering House: residential care for girls":              "The Covering House: residential care for girls receives at most 5 visitors, fewer than the delegation's 9; the sub-group planner can place it.",
		"Missouri Attorney General's Office: state trafficking cases": "Missouri Attorney General's Office: state trafficking cases receives at most 6 visitors, fewer than the delegation's 9; the sub-group planner can place it.",
	} {
		if why[title] != want {
			t.Errorf("%s left out because %q", title, why[title])
		}
	}
	for _, d := range p.Days {
		for _, x := range d.Items {
			if strings.Contains(x.Title, "Covering House") || strings.Contains(x.Title, "International Institute") {
				t.Errorf("the whole delegation is sent to %s", x.Title)
			}
		}
	}
	// A meeting for named visitors only is the sub-group planner's too.
	for i, m := range in.Meetings {
		if strings.HasPrefix(m.Title, "St. Louis Public Radio") {
			in.Meetings[i].For, in.Meetings[i].VisitorIDs = itinera.ForVisitors, []int64{in.Visitors[0].ID}
		}
	}
	p, err = planning.Build(ctx, in, planning.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, l := range p.LeftOut {
		found = found || l.Explanation == "St. Louis Public Radio newsroom is for some of the visitors only; the sub-group planner can place it."
	}
	if !found {
		t.Errorf("left out: %+v", p.LeftOut)
	}
}
