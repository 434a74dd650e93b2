package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/demo"
	"itinera/internal/storetest"
)

// TestDemoProject loads the whole demo, as itinera demo does, on both
// databases and reads it through the application layer: the agency sees
// its project with four accepted stops over three weeks, a route without
// problems and, through the stop's state, St. Louis's confirmed meetings;
// St. Louis's officer sees the shared roster — the nine visitors and the
// interpreter, without their passports — on the demo program; a visitor's
// withdrawal at the agency is a notice in St. Louis.
func TestDemoProject(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			now := time.Now()
			a, err := app.New(app.Config{Store: s.Services(), Tx: s})
			if err != nil {
				t.Fatal(err)
			}
			city := demo.Tenant()
			if err := s.CreateTenant(ctx, &city); err != nil {
				t.Fatal(err)
			}
			p, err := demo.LoadAll(ctx, a, s.Services(), city, now, "http://127.0.0.1:8080")
			if err != nil {
				t.Fatalf("LoadAll: %v", err)
			}
			agency := app.Caller{User: itinera.User{TenantID: p.Agency.ID, Role: itinera.RoleOfficer, Name: "Agency officer"}}
			officer := itinera.User{TenantID: city.ID, Email: "officer@stl.example.org", Role: itinera.RoleOfficer, Name: "St. Louis officer"}
			if err := s.CreateUser(ctx, &officer, "not a hash"); err != nil {
				t.Fatal(err)
			}
			stl := app.Caller{User: officer}

			// The agency's view.
			v, err := a.ProjectView(ctx, agency, p.ProjectID)
			if err != nil {
				t.Fatal(err)
			}
			if !v.IsAgency || v.Project.Title != demo.ProgramTitle() || len(v.Stops) != 4 {
				t.Fatalf("the agency's project: %+v", v)
			}
			if len(v.Problems) != 0 {
				t.Fatalf("route problems: %+v", v.Problems)
			}
			var cities []string
			var stlStop itinera.ProjectStop
			for _, sv := range v.Stops {
				cities = append(cities, sv.Stop.City)
				if sv.Stop.Status != itinera.StopAccepted || !sv.ReadsProgram || sv.RosterUntil.IsZero() {
					t.Errorf("stop %s: %s, reads program %v, roster until %v", sv.Stop.City, sv.Stop.Status, sv.ReadsProgram, sv.RosterUntil)
				}
				if sv.Stop.TenantID == city.ID {
					stlStop = sv.Stop
				}
			}
			if got := strings.Join(cities, "; "); got != "Washington, D.C.; St. Louis; Kansas City, Missouri; Seattle, Washington" {
				t.Fatalf("route %s", got)
			}
			first, last := v.Stops[0].Stop.StartDate, v.Stops[3].Stop.EndDate
			if days := first.DaysUntil(last) + 1; days != 21 {
				t.Errorf("the project lasts %d days (%s to %s), want three weeks", days, first, last)
			}
			if stlStop.ProgramID != p.ProgramID {
				t.Fatalf("St. Louis's stop program %d, the demo program %d", stlStop.ProgramID, p.ProgramID)
			}
			state, err := a.StopState(ctx, agency, stlStop.ID)
			if err != nil {
				t.Fatal(err)
			}
			confirmed := 0
			for _, x := range state.Items {
				if x.Confirmed {
					confirmed++
				}
			}
			ms, err := s.Meetings(ctx, city.ID, p.ProgramID)
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			for _, m := range ms {
				if m.Status == itinera.MeetingConfirmed {
					want++
				}
			}
			if confirmed == 0 || confirmed != want {
				t.Fatalf("the agency sees %d confirmed meetings in St. Louis, the program has %d", confirmed, want)
			}

			// St. Louis reads the shared roster on its program.
			r, err := a.ProgramRoster(ctx, stl, p.ProgramID)
			if err != nil {
				t.Fatal(err)
			}
			visitors := 0
			for _, m := range r.Members {
				if m.Role == itinera.RosterVisitor {
					visitors++
				}
				if m.Passport != "" || m.Notes != "" {
					t.Errorf("St. Louis sees %s's private data: %+v", m.Name(), m)
				}
			}
			if visitors != 9 || len(r.Members) != 10 || r.Until.IsZero() {
				t.Fatalf("St. Louis's shared roster: %d visitors of %d, until %v", visitors, len(r.Members), r.Until)
			}
			// The agency holds the private data.
			if v.Roster[0].Passport == "" {
				t.Errorf("the agency's roster lacks its private data: %+v", v.Roster[0])
			}

			// A visitor withdraws at the agency: St. Louis is told.
			w := v.Roster[0]
			if _, err := a.WithdrawRosterMember(ctx, agency, p.ProjectID, w.ID); err != nil {
				t.Fatal(err)
			}
			al, err := a.Alerts(ctx, stl)
			if err != nil {
				t.Fatal(err)
			}
			told := false
			for _, n := range al.Items {
				told = told || n.Kind == itinera.AlertProject && strings.Contains(n.Text(), w.Name()+" (visitor) withdrew from the project.")
			}
			if !told {
				t.Fatalf("St. Louis's bell lacks %s's withdrawal: %+v", w.Name(), al.Items)
			}
		})
	}
}
