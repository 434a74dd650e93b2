package store_test

import (
	"reflect"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/store"
)

// A meeting's attendance and languages, a day's parts together and the
// program's split settings round-trip on both databases; wrong values are
// refused with the field named, identically; an older version is refused.
func TestSubgroupModelRoundTrip(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		f := mustFixture(t, s, "subgroups")
		tid, pid := f.tenant.ID, f.program.ID
		var vs []itinera.Visitor
		for _, name := range []string{"Lucía", "Awa", "Siti"} {
			v := itinera.Visitor{TenantID: tid, ProgramID: pid, GivenName: name, Country: "Mexico", Languages: []string{"Spanish"}}
			must(t, s.CreateVisitor(ctx, &v))
			vs = append(vs, v)
		}
		m := itinera.Meeting{TenantID: tid, ProgramID: pid, Title: "Shelter visit", HostOrganizationID: f.org.ID, DurationMinutes: 60,
			Attendance: itinera.Attendance{For: itinera.ForVisitors, MinVisitors: 2, MaxVisitors: 5, VisitorIDs: []int64{vs[2].ID, vs[0].ID}},
			Languages:  []string{"English", "es"}}
		must(t, s.CreateMeeting(ctx, &m))
		got, err := s.Meeting(ctx, tid, m.ID)
		must(t, err)
		if got.For != itinera.ForVisitors || got.MinVisitors != 2 || got.MaxVisitors != 5 ||
			!reflect.DeepEqual(got.VisitorIDs, []int64{vs[2].ID, vs[0].ID}) || !reflect.DeepEqual(got.Languages, []string{"en", "es"}) {
			t.Fatalf("meeting = %+v %v", got.Attendance, got.Languages)
		}
		// A sub-group forgets the named visitors.
		got.For, got.MaxVisitors = itinera.ForSubgroup, 4
		must(t, s.UpdateMeeting(ctx, &got))
		ms, err := s.Meetings(ctx, tid, pid)
		must(t, err)
		if len(ms) != 1 || ms[0].For != itinera.ForSubgroup || len(ms[0].VisitorIDs) != 0 || ms[0].MaxVisitors != 4 || ms[0].Version != 2 {
			t.Fatalf("meetings = %+v", ms)
		}
		// An older version is refused.
		stale := got
		stale.Version = 1
		wantCode(t, s.UpdateMeeting(ctx, &stale), itinera.ESTALE)

		// A visitor of another program, or of another tenant, is refused.
		other := itinera.Program{TenantID: tid, Title: "Other", City: "St. Louis", TimeZone: "America/Chicago",
			StartDate: itinera.MustDate("2027-01-05"), EndDate: itinera.MustDate("2027-01-06")}
		must(t, s.CreateProgram(ctx, &other))
		stranger := itinera.Visitor{TenantID: tid, ProgramID: other.ID, GivenName: "Kenji", Country: "Japan", Languages: []string{"Japanese"}}
		must(t, s.CreateVisitor(ctx, &stranger))
		g := mustFixture(t, s, "subgroups-other")
		foreign := itinera.Visitor{TenantID: g.tenant.ID, ProgramID: g.program.ID, GivenName: "Ngozi", Country: "Nigeria", Languages: []string{"English"}}
		must(t, s.CreateVisitor(ctx, &foreign))
		for _, id := range []int64{stranger.ID, foreign.ID} {
			bad := ms[0]
			bad.For, bad.VisitorIDs = itinera.ForVisitors, []int64{vs[0].ID, id}
			err := s.UpdateMeeting(ctx, &bad)
			wantCode(t, err, itinera.EINVALID)
			if msg := itinera.ErrorFields(err)["visitor_ids"]; msg != "Choose visitors of this program's delegation." {
				t.Fatalf("visitor %d: %q", id, msg)
			}
		}
		bad := ms[0]
		bad.For, bad.MinVisitors, bad.MaxVisitors, bad.Languages = itinera.ForVisitors, 5, 3, []string{"Klingon"}
		err = s.UpdateMeeting(ctx, &bad)
		fs := itinera.ErrorFields(err)
		if !strings.Contains(fs["visitor_ids"], "at least one visitor") || !strings.Contains(fs["max_visitors"], "fewer than the minimum of 5") ||
			!strings.Contains(fs["languages"], "Entry 1: choose one of en (English)") {
			t.Fatalf("messages: %v", fs)
		}
		// Deleting a visitor takes them off the meetings that name them.
		named := ms[0]
		named.For, named.VisitorIDs = itinera.ForVisitors, []int64{vs[0].ID, vs[1].ID}
		must(t, s.UpdateMeeting(ctx, &named))
		must(t, s.DeleteVisitor(ctx, tid, vs[0].ID))
		got, err = s.Meeting(ctx, tid, m.ID)
		must(t, err)
		if !reflect.DeepEqual(got.VisitorIDs, []int64{vs[1].ID}) {
			t.Fatalf("after deleting a visitor: %v", got.VisitorIDs)
		}

		// A day's parts together.
		days, err := s.Days(ctx, tid, pid)
		must(t, err)
		if len(days[0].Together) != 0 {
			t.Fatalf("new day: %+v", days[0].Together)
		}
		d := days[1]
		d.Together = []itinera.DayPart{{From: itinera.MustClock("09:30"), To: itinera.MustClock("13:00"), Label: "Gateway Arch"},
			{From: itinera.MustClock("18:00"), To: itinera.MustClock("24:00"), Label: "Evening"}}
		must(t, s.UpdateDay(ctx, tid, &d))
		days, err = s.Days(ctx, tid, pid)
		must(t, err)
		if !reflect.DeepEqual(days[1].Together, d.Together) || days[1].Version != 2 {
			t.Fatalf("together = %+v", days[1])
		}
		d.Version = 1
		wantCode(t, s.UpdateDay(ctx, tid, &d), itinera.ESTALE)
		d = days[1]
		d.Together = []itinera.DayPart{{From: 600, To: 540}}
		if msg := itinera.ErrorFields(s.UpdateDay(ctx, tid, &d))["together"]; !strings.Contains(msg, "Part 1 (10:00-09:00) ends before it starts") {
			t.Fatalf("backwards part: %q", msg)
		}

		// The program's split settings.
		p, err := s.Program(ctx, tid, pid)
		must(t, err)
		if p.SplitLunch != itinera.LunchTogether || p.SplitCost != 0 {
			t.Fatalf("new program: %q %d", p.SplitLunch, p.SplitCost)
		}
		p.SplitLunch, p.SplitCost = itinera.LunchApart, 7
		must(t, s.UpdateProgram(ctx, &p))
		p, err = s.Program(ctx, tid, pid)
		must(t, err)
		if p.SplitLunch != itinera.LunchApart || p.SplitCost != 7 {
			t.Fatalf("program: %q %d", p.SplitLunch, p.SplitCost)
		}
		p.SplitCost = -1
		if msg := itinera.ErrorFields(s.UpdateProgram(ctx, &p))["split_cost"]; !strings.Contains(msg, "from 0 (split freely)") {
			t.Fatalf("split cost: %q", msg)
		}
		p.SplitCost, p.Version = 7, 1
		wantCode(t, s.UpdateProgram(ctx, &p), itinera.ESTALE)
	})
}
