package app_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/demo"
	"itinera/internal/planning"
	"itinera/internal/storetest"
)

// splitDay is the day of plan on which the delegation splits.
func splitDay(t *testing.T, plan *planning.SubgroupPlan) planning.SubgroupDay {
	t.Helper()
	for _, d := range plan.Days {
		if d.Split() {
			return d
		}
	}
	t.Fatal("the proposal splits no day")
	return planning.SubgroupDay{}
}

// TestApplySubgroups: on both databases the demo's Tuesday split becomes
// the itinerary (the rule of app.ApplySubgroups): the day's items are the
// proposal's, the split stretch's items carry their group's visitors and
// interpreter (Ana only with Lucía's group), the other days are the same
// items as before, confirmed meetings keep their agreed times. A stale
// digest is a conflict, a day without a split or outside the program is
// refused with the date named, a viewer may not apply, another
// organization's program is not found; building the whole-delegation
// itinerary again undoes the split.
func TestApplySubgroups(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			_, err := demo.LoadRequests(ctx, f.s.Services(), f.tenant.ID, f.program.ID, "https://itinera.example.org")
			must(t, err)
			before := f.current()
			plan, err := f.a.PlanSubgroups(ctx, f.c, f.program.ID)
			must(t, err)
			if len(plan.Digest) != 24 {
				t.Fatalf("digest %q", plan.Digest)
			}
			day := splitDay(t, plan)
			loc := f.program.Location()

			_, err = f.a.ApplySubgroups(ctx, f.c, f.program.ID, day.Date, "stale")
			wantCode(t, err, itinera.ECONFLICT)
			viewer := f.c
			viewer.User.Role = itinera.RoleViewer
			_, err = f.a.ApplySubgroups(ctx, viewer, f.program.ID, day.Date, plan.Digest)
			wantCode(t, err, itinera.EFORBIDDEN)
			_, err = f.a.ApplySubgroups(ctx, f.c, f.program.ID, day.Date.AddDays(-1), plan.Digest)
			wantField(t, err, "date")
			if !strings.Contains(itinera.ErrorMessage(err), "stays together") {
				t.Errorf("an unsplit day: %v", err)
			}
			_, err = f.a.ApplySubgroups(ctx, f.c, f.program.ID, day.Date.AddDays(30), plan.Digest)
			wantField(t, err, "date")
			other := mustDemoIn(t, s, "other-org")
			_, err = other.a.ApplySubgroups(ctx, other.c, f.program.ID, day.Date, plan.Digest)
			wantCode(t, err, itinera.ENOTFOUND)
			if f.current().Version != before.Version {
				t.Fatal("a refused application saved a version")
			}

			out, err := f.a.ApplySubgroups(ctx, f.c, f.program.ID, day.Date, plan.Digest)
			must(t, err)
			it := out.Itinerary
			if it.Version != before.Version+1 || !strings.Contains(it.Note, "Sub-groups applied on Tuesday") {
				t.Fatalf("version %d, note %q", it.Version, it.Note)
			}
			if err := it.Validate(); err != nil {
				t.Fatal(err)
			}
			onDay := func(x itinera.ItineraryItem) bool { return itinera.DateOf(x.Start.In(loc)) == day.Date }
			var kept, was []itinera.ItineraryItem
			for _, x := range it.Items {
				if !onDay(x) {
					kept = append(kept, x)
				}
			}
			for _, x := range before.Items {
				if !onDay(x) {
					was = append(was, x)
				}
			}
			if len(kept) != len(was) {
				t.Fatalf("other days: %d items, were %d", len(kept), len(was))
			}
			for i := range kept {
				if kept[i].MeetingID != was[i].MeetingID || kept[i].ActivityID != was[i].ActivityID || !kept[i].Start.Equal(was[i].Start) || !kept[i].Whole() {
					t.Errorf("another day's item changed: %+v, was %+v", kept[i], was[i])
				}
			}
			want := 0
			for _, st := range day.Stretches {
				for _, g := range st.Groups {
					for _, gi := range g.Items {
						want++
						i := slices.IndexFunc(it.Items, func(x itinera.ItineraryItem) bool {
							return x.MeetingID == gi.MeetingID && x.ActivityID == gi.ActivityID
						})
						if i < 0 {
							t.Fatalf("%s is not in the itinerary", gi.Title)
						}
						x := it.Items[i]
						if !x.Start.Equal(gi.Start) || x.Whole() != !st.Split() || len(x.VisitorIDs) != len(visitorsOf(g, st)) {
							t.Errorf("%s: %+v", gi.Title, x)
						}
						lucia := slices.ContainsFunc(g.Visitors, func(p planning.Person) bool { return strings.HasPrefix(p.Name, "Lucía") })
						if st.Split() && lucia != (len(x.InterpreterIDs) == 1) {
							t.Errorf("%s: interpreters %v, group with Lucía %v", gi.Title, x.InterpreterIDs, lucia)
						}
					}
				}
			}
			if n := len(it.Items) - len(kept); n != want {
				t.Errorf("%d items on the day, want %d", n, want)
			}
			// Confirmed meetings of the day kept their times.
			for _, x := range before.Items {
				if x.MeetingID == 0 || !onDay(x) || f.meetingByID(x.MeetingID).Status != itinera.MeetingConfirmed {
					continue
				}
				i := slices.IndexFunc(it.Items, func(y itinera.ItineraryItem) bool { return y.MeetingID == x.MeetingID })
				if i < 0 || !it.Items[i].Start.Equal(x.Start) {
					t.Errorf("the confirmed meeting %s moved", x.Title)
				}
			}

			// Applying the same sub-groups again changes nothing: refused.
			again, err := f.a.PlanSubgroups(ctx, f.c, f.program.ID)
			must(t, err)
			_, err = f.a.ApplySubgroups(ctx, f.c, f.program.ID, day.Date, again.Digest)
			wantField(t, err, "date")
			if !strings.Contains(itinera.ErrorMessage(err), "already has these sub-groups") {
				t.Errorf("applied twice: %v", err)
			}

			// Undo: the whole-delegation plan again.
			pl, err := f.a.Propose(ctx, f.c, f.program.ID, nil)
			must(t, err)
			applied, err := f.a.ApplyPlan(ctx, f.c, f.program.ID, nil, pl.Digest)
			must(t, err)
			for _, x := range applied.Itinerary.Items {
				if !x.Whole() || len(x.InterpreterIDs) != 0 {
					t.Errorf("after building again %s is for %v", x.Title, x.VisitorIDs)
				}
			}
		})
	}
}

func visitorsOf(g planning.Subgroup, st planning.SubgroupStretch) []planning.Person {
	if !st.Split() {
		return nil
	}
	return g.Visitors
}

// TestApplySubgroupsKeepsConfirmedMeetings: a confirmed meeting of the
// split day that the sub-groups cannot keep at its time (here: before the
// day starts) makes the application refuse, naming the meeting; nothing
// is saved.
func TestApplySubgroupsKeepsConfirmedMeetings(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			plan, err := f.a.PlanSubgroups(ctx, f.c, f.program.ID)
			must(t, err)
			day := splitDay(t, plan)
			loc := f.program.Location()
			cur := f.current()
			ght := f.meeting("Gateway Human Trafficking")
			for i, x := range cur.Items {
				if x.MeetingID == ght.ID {
					cur.Items[i].Start = day.Date.At(6*60, loc)
					cur.Items[i].End = cur.Items[i].Start.Add(2 * time.Hour)
				}
			}
			must(t, f.s.SaveItinerary(ctx, &cur))
			plan, err = f.a.PlanSubgroups(ctx, f.c, f.program.ID)
			must(t, err)
			_, err = f.a.ApplySubgroups(ctx, f.c, f.program.ID, day.Date, plan.Digest)
			wantField(t, err, "date")
			if msg := itinera.ErrorMessage(err); !strings.Contains(msg, "confirmed meeting Gateway Human Trafficking") {
				t.Errorf("message %q", msg)
			}
			if f.current().Version != cur.Version {
				t.Error("a refused application saved a version")
			}
		})
	}
}

// TestReadinessOnASplitDay: a confirmed meeting that a sub-group attends
// is checked for interpretation with that sub-group's visitors and
// interpreters: with Ana in Lucía's group nothing is missing; the same
// group without her leaves Lucía without interpretation at Healing Action.
func TestReadinessOnASplitDay(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			plan, err := f.a.PlanSubgroups(ctx, f.c, f.program.ID)
			must(t, err)
			_, err = f.a.ApplySubgroups(ctx, f.c, f.program.ID, splitDay(t, plan).Date, plan.Digest)
			must(t, err)
			healing := f.meeting("Healing Action")
			gaps := func() []string {
				r, err := f.a.ProgramReadiness(ctx, f.c, f.program.ID)
				must(t, err)
				for _, g := range r.WithoutInterpretation {
					if g.MeetingID == healing.ID {
						return g.Visitors
					}
				}
				return nil
			}
			if got := gaps(); got != nil {
				t.Fatalf("with Ana in the group: %v left without interpretation", got)
			}
			cur := f.current()
			for i, x := range cur.Items {
				if x.MeetingID == healing.ID {
					if len(x.InterpreterIDs) != 1 {
						t.Fatalf("Healing Action's interpreters: %v", x.InterpreterIDs)
					}
					cur.Items[i].InterpreterIDs = nil
				}
			}
			must(t, f.s.SaveItinerary(ctx, &cur))
			if got := gaps(); len(got) != 1 || !strings.HasPrefix(got[0], "Lucía") {
				t.Errorf("without Ana: %v left without interpretation, want Lucía", got)
			}
		})
	}
}
