package app_test

import (
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// projectFixture is the demo organization (St. Louis) with a national
// agency and two more community organizations (Washington, Portland) on
// one installation, and the agency's project with a stop in each city,
// St. Louis's and Washington's accepted. The app runs on a settable clock.
type projectFixture struct {
	*fixture
	clk                 *clock
	a                   *app.App
	agency, dc, pdx     app.Caller
	outsider, agency2   app.Caller
	stl                 app.Caller
	view                app.ProjectView
	dcStop, stlStop     itinera.ProjectStop
	pdxStop             itinera.ProjectStop
	ana, ben, interp    itinera.RosterMember
	dcTenant, pdxTenant itinera.Tenant
}

// org adds an organization of kind with an officer, and returns the officer.
func org(t *testing.T, s *store.Store, slug, name string, kind itinera.TenantKind, zone string) (app.Caller, itinera.Tenant) {
	t.Helper()
	tn := itinera.Tenant{Slug: slug, Name: name, TimeZone: zone, Kind: kind}
	must(t, s.CreateTenant(ctx, &tn))
	u := itinera.User{TenantID: tn.ID, Email: "officer@" + slug + ".example.org", Name: "Officer of " + name, Role: itinera.RoleOfficer}
	h, _ := cheap.Hash("correct horse battery staple")
	must(t, s.CreateUser(ctx, &u, h))
	return app.Caller{User: u, Site: "https://itinera.example.org"}, tn
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func mustProject(t *testing.T, s *store.Store) *projectFixture {
	t.Helper()
	f := &projectFixture{fixture: mustDemo(t, s), clk: &clock{t: storetest.Now()}}
	f.a = f.withClock(t, f.clk)
	f.stl = f.c
	f.agency, _ = org(t, s, "national-agency", "National Program Agency", itinera.TenantAgency, "America/New_York")
	f.agency2, _ = org(t, s, "other-agency", "Other Agency", itinera.TenantAgency, "America/New_York")
	f.dc, f.dcTenant = org(t, s, "dc-council", "Washington International Council", itinera.TenantCommunity, "America/New_York")
	f.pdx, f.pdxTenant = org(t, s, "pdx-world", "World Affairs Portland", itinera.TenantCommunity, "America/Los_Angeles")
	f.outsider, _ = org(t, s, "elsewhere", "Somewhere Else", itinera.TenantCommunity, "America/Denver")
	retention := 10
	v, err := f.a.CreateProject(ctx, f.agency, app.ProjectInput{
		Project: itinera.Project{Title: "Combating Trafficking in Persons", Theme: "How communities fight trafficking.",
			Objectives: []string{"victim services and resources", "prosecution of traffickers"}},
		Retention: &retention,
		Roster: []itinera.RosterMember{
			{Role: itinera.RosterVisitor, GivenName: "Ana", FamilyName: "Silva", Country: "Brazil", Position: "Prosecutor",
				Languages: []string{"Portuguese", "English"}, Diets: []string{"vegetarian"}, Passport: "BR1234567", Phone: "+55 11 5555 0100",
				Notes: "Prefers not to be photographed.", Fictional: true},
			{Role: itinera.RosterVisitor, GivenName: "Ben", FamilyName: "Okafor", Country: "Nigeria", Languages: []string{"English"}, Fictional: true},
			{Role: itinera.RosterInterpreter, GivenName: "Carla", FamilyName: "Mendes", Languages: []string{"Portuguese", "English"}, Fictional: true},
		},
		Stops: []itinera.ProjectStop{
			{City: "Washington", OrganizationSlug: "dc-council", StartDate: itinera.MustDate("2026-12-01"), EndDate: itinera.MustDate("2026-12-05"),
				ArrivalRef: "LA 8180", DepartsAt: at("2026-11-30T23:00:00Z"), ArrivesAt: at("2026-12-01T14:00:00Z")},
			{City: "St. Louis", OrganizationSlug: f.tenant.Slug, StartDate: itinera.MustDate("2026-12-05"), EndDate: itinera.MustDate("2026-12-09"),
				ArrivalRef: "UA 1234", DepartsAt: at("2026-12-05T20:00:00Z"), ArrivesAt: at("2026-12-05T22:30:00Z")},
			{City: "Portland", OrganizationSlug: "pdx-world", StartDate: itinera.MustDate("2026-12-09"), EndDate: itinera.MustDate("2026-12-12"),
				ArrivalRef: "AS 613", DepartsAt: at("2026-12-09T15:00:00Z"), ArrivesAt: at("2026-12-09T21:00:00Z")},
		},
	})
	must(t, err)
	f.view = v
	for _, sv := range v.Stops {
		switch sv.Stop.City {
		case "Washington":
			f.dcStop = sv.Stop
		case "St. Louis":
			f.stlStop = sv.Stop
		case "Portland":
			f.pdxStop = sv.Stop
		}
	}
	for _, m := range v.Roster {
		switch m.GivenName {
		case "Ana":
			f.ana = m
		case "Ben":
			f.ben = m
		case "Carla":
			f.interp = m
		}
	}
	f.stlStop, err = f.a.AcceptStop(ctx, f.stl, f.stlStop.ID)
	must(t, err)
	f.dcStop, err = f.a.AcceptStop(ctx, f.dc, f.dcStop.ID)
	must(t, err)
	return f
}

// alerts is the organization's bell as caller reads it.
func (f *projectFixture) alerts(t *testing.T, c app.Caller) []string {
	t.Helper()
	al, err := f.a.Alerts(ctx, c)
	must(t, err)
	var out []string
	for _, n := range al.Items {
		if n.Kind == itinera.AlertProject {
			out = append(out, n.Text())
		}
	}
	return out
}

func anyContains(list []string, s string) bool {
	for _, x := range list {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}

// TestProjectCreateAndAccept: an agency's project proposes each stop to
// its organization (told on its bell and in its audit log); a community
// organization cannot create one; bad input names its field; accepting a
// stop creates its program in the city's workspace, with both grants
// recorded in both audit logs and the agency told.
func TestProjectCreateAndAccept(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustProject(t, s)
			_, err := f.a.CreateProject(ctx, f.stl, app.ProjectInput{Project: itinera.Project{Title: "Mine"}})
			wantCode(t, err, itinera.EFORBIDDEN)
			_, err = f.a.CreateProject(ctx, f.agency, app.ProjectInput{Project: itinera.Project{Title: "Bad"},
				Stops: []itinera.ProjectStop{{City: "Nowhere", OrganizationSlug: "no-such-org", StartDate: itinera.MustDate("2026-12-01"),
					EndDate: itinera.MustDate("2026-11-30")}}})
			wantField(t, err, "stops.0.organization")
			wantField(t, err, "stops.0.end_date")
			_, err = f.a.CreateProject(ctx, f.agency, app.ProjectInput{Project: itinera.Project{Title: "Bad", Shared: []string{"soul"}},
				Stops: []itinera.ProjectStop{{City: "Washington", OrganizationSlug: "dc-council", StartDate: itinera.MustDate("2026-12-01"),
					EndDate: itinera.MustDate("2026-12-02")}}})
			wantField(t, err, "shared")

			if f.stlStop.Status != itinera.StopAccepted || f.stlStop.ProgramID == 0 {
				t.Fatalf("St. Louis stop %+v, want accepted with a program", f.stlStop)
			}
			prog, err := s.Program(ctx, f.tenant.ID, f.stlStop.ProgramID)
			must(t, err)
			if prog.Title != "Combating Trafficking in Persons" || prog.City != "St. Louis" || prog.StartDate != f.stlStop.StartDate ||
				prog.TimeZone != "America/Chicago" || len(prog.Objectives) != 2 {
				t.Fatalf("the stop's program %+v", prog)
			}
			_, err = f.a.AcceptStop(ctx, f.stl, f.stlStop.ID)
			wantCode(t, err, itinera.ECONFLICT)
			_, err = f.a.AcceptStop(ctx, f.agency, f.pdxStop.ID)
			wantCode(t, err, itinera.EFORBIDDEN)
			if !anyContains(f.alerts(t, f.pdx), "proposes a stop in Portland") {
				t.Fatalf("Portland's bell: %q", f.alerts(t, f.pdx))
			}
			if !anyContains(f.alerts(t, f.agency), "accepted the stop in St. Louis") {
				t.Fatalf("the agency's bell: %q", f.alerts(t, f.agency))
			}
			declined, err := f.a.DeclineStop(ctx, f.pdx, f.pdxStop.ID, "Our volunteers are away that week.")
			must(t, err)
			if declined.Status != itinera.StopDeclined || !anyContains(f.alerts(t, f.agency), "declined the stop in Portland") {
				t.Fatalf("declined %+v, bell %q", declined, f.alerts(t, f.agency))
			}

			// Both grants of the accepted stop, in both logs.
			gs, err := f.a.ProjectGrants(ctx, f.agency, f.view.Project.ID)
			must(t, err)
			scopes := map[itinera.GrantScope]itinera.ProjectGrant{}
			for _, g := range gs {
				if g.StopID == f.stlStop.ID {
					scopes[g.Scope] = g
				}
			}
			roster, program := scopes[itinera.GrantRoster], scopes[itinera.GrantProgram]
			if roster.GranteeID != f.tenant.ID || roster.GrantorID != f.agency.User.TenantID ||
				!roster.Until.Equal(at("2026-12-20T06:00:00Z")) || program.GranteeID != f.agency.User.TenantID || !program.Until.IsZero() {
				t.Fatalf("grants %+v", scopes)
			}
			for _, c := range []app.Caller{f.agency, f.stl} {
				log, err := s.AuditLog(ctx, c.User.TenantID, itinera.AuditFilter{Kind: "project grant", Limit: 50})
				must(t, err)
				n := 0
				for _, e := range log {
					if e.Action == "grant" && e.After["Stop"] == "St. Louis" {
						n++
					}
				}
				if n != 2 {
					t.Fatalf("tenant %d's log has %d grants of St. Louis, want 2: %+v", c.User.TenantID, n, log)
				}
			}

			// The route is consistent.
			v, err := f.a.ProjectView(ctx, f.agency, f.view.Project.ID)
			must(t, err)
			if len(v.Problems) != 0 {
				t.Fatalf("route problems %+v", v.Problems)
			}
		})
	}
}

// TestProjectSharing: the city sees the objectives and roster of its own
// stop with the shared fields only (no passport, phone or the agency's
// notes unless shared; the notes never); it sees only its own stops, and
// its private notes are nobody else's; the agency reads the stop's state
// but not the city's notes or directory.
func TestProjectSharing(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustProject(t, s)
			r, err := f.a.StopRoster(ctx, f.stl, f.stlStop.ID)
			must(t, err)
			if r.Agency != "National Program Agency" || len(r.Objectives) != 2 || len(r.Members) != 3 || !r.Until.Equal(at("2026-12-20T06:00:00Z")) {
				t.Fatalf("shared roster %+v", r)
			}
			var ana itinera.RosterMember
			for _, m := range r.Members {
				if m.GivenName == "Ana" {
					ana = m
				}
			}
			if ana.Country != "Brazil" || len(ana.Diets) != 1 || ana.Passport != "" || ana.Phone != "" || ana.Notes != "" {
				t.Fatalf("St. Louis sees Ana as %+v", ana)
			}
			byProgram, err := f.a.ProgramRoster(ctx, f.stl, f.stlStop.ProgramID)
			must(t, err)
			if len(byProgram.Members) != 3 {
				t.Fatal("the program's roster differs from the stop's")
			}

			// Sharing the passport: the city sees it, never the notes.
			p := f.view.Project
			p.Shared = append(p.Shared, "passport")
			p.Version = 1
			_, err = f.a.UpdateProject(ctx, f.agency, p)
			must(t, err)
			r, err = f.a.StopRoster(ctx, f.stl, f.stlStop.ID)
			must(t, err)
			for _, m := range r.Members {
				if m.GivenName == "Ana" && (m.Passport != "BR1234567" || m.Notes != "") {
					t.Fatalf("with the passport shared, St. Louis sees %+v", m)
				}
			}

			// The city's view of the project: its own stop only.
			v, err := f.a.ProjectView(ctx, f.stl, p.ID)
			must(t, err)
			if len(v.Stops) != 1 || v.Stops[0].Stop.City != "St. Louis" || v.IsAgency || len(v.Problems) != 0 {
				t.Fatalf("St. Louis's project view %+v", v)
			}
			for _, m := range v.Roster {
				if m.Notes != "" || m.Phone != "" {
					t.Fatalf("St. Louis's project view shows %+v", m)
				}
			}

			// The city's notes are its own.
			_, err = f.a.SetStopNotes(ctx, f.stl, f.stlStop.ID, "Ask the Arch for a group rate.")
			must(t, err)
			_, err = f.a.SetStopNotes(ctx, f.agency, f.stlStop.ID, "Agency's note")
			wantCode(t, err, itinera.EFORBIDDEN)
			av, err := f.a.ProjectView(ctx, f.agency, p.ID)
			must(t, err)
			for _, sv := range av.Stops {
				if sv.Stop.Notes != "" {
					t.Fatalf("the agency reads the notes of %s", sv.Stop.City)
				}
			}
			dv, err := f.a.ProjectView(ctx, f.dc, p.ID)
			must(t, err)
			if len(dv.Stops) != 1 || dv.Stops[0].Stop.City != "Washington" {
				t.Fatalf("Washington's view %+v", dv.Stops)
			}

			// The agency reads the stop's state; no hotel, no directory.
			st, err := f.a.StopState(ctx, f.agency, f.stlStop.ID)
			must(t, err)
			if st.Program.ID != f.stlStop.ProgramID || st.Program.HotelName != "" || st.Stop.Notes != "" {
				t.Fatalf("stop state %+v", st)
			}
			_, err = f.a.StopState(ctx, f.agency, f.pdxStop.ID)
			wantCode(t, err, itinera.EFORBIDDEN)
		})
	}
}

// TestProjectIsolation: a city sees nothing of another city's stop, an
// organization without a stop nothing of the project, another agency
// nothing of it.
func TestProjectIsolation(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustProject(t, s)
			pid := f.view.Project.ID
			for _, c := range []app.Caller{f.outsider, f.agency2} {
				_, err := f.a.ProjectView(ctx, c, pid)
				wantCode(t, err, itinera.ENOTFOUND)
				_, err = f.a.ProjectGrants(ctx, c, pid)
				wantCode(t, err, itinera.ENOTFOUND)
				_, err = f.a.StopRoster(ctx, c, f.stlStop.ID)
				wantCode(t, err, itinera.ENOTFOUND)
				_, err = f.a.StopState(ctx, c, f.stlStop.ID)
				wantCode(t, err, itinera.ENOTFOUND)
				list, err := f.a.Projects(ctx, c)
				must(t, err)
				if len(list) != 0 {
					t.Fatalf("%s lists %+v", c.User.Email, list)
				}
			}
			// Washington: nothing of St. Louis's stop.
			_, err := f.a.StopRoster(ctx, f.dc, f.stlStop.ID)
			wantCode(t, err, itinera.ENOTFOUND)
			_, err = f.a.StopState(ctx, f.dc, f.stlStop.ID)
			wantCode(t, err, itinera.ENOTFOUND)
			_, err = f.a.AcceptStop(ctx, f.dc, f.pdxStop.ID)
			wantCode(t, err, itinera.ENOTFOUND)
			gs, err := f.a.ProjectGrants(ctx, f.dc, pid)
			must(t, err)
			for _, g := range gs {
				if g.StopID != f.dcStop.ID {
					t.Fatalf("Washington sees grant %+v", g)
				}
				_, err := f.a.RevokeGrant(ctx, f.stl, g.ID)
				wantCode(t, err, itinera.ENOTFOUND)
			}
			list, err := f.a.Projects(ctx, f.dc)
			must(t, err)
			if len(list) != 1 || len(list[0].Stops) != 1 || list[0].Stops[0].City != "Washington" || list[0].Stops[0].ProgramID != f.dcStop.ProgramID {
				t.Fatalf("Washington's projects %+v", list)
			}
			// The agency's list: program ids only where it reads the program.
			list, err = f.a.Projects(ctx, f.agency)
			must(t, err)
			if len(list) != 1 || len(list[0].Stops) != 3 {
				t.Fatalf("the agency's projects %+v", list)
			}
			for _, st := range list[0].Stops {
				if (st.City == "Portland") != (st.ProgramID == 0) {
					t.Fatalf("the agency's stop %s has program %d", st.City, st.ProgramID)
				}
			}
			// A city cannot read the stop's program of another city through its own program id either.
			_, err = f.a.ProgramRoster(ctx, f.dc, f.stlStop.ProgramID)
			wantCode(t, err, itinera.ENOTFOUND)
		})
	}
}

// TestProjectGrantRevokeAndExpiry: a revoked grant stops access at once
// (the city's roster, the agency's stop state), both logs record it, it
// can be given again; the roster grant ends when the retention after the
// stop's last day is over.
func TestProjectGrantRevokeAndExpiry(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustProject(t, s)
			gs, err := f.a.ProjectGrants(ctx, f.stl, f.view.Project.ID)
			must(t, err)
			var roster, program itinera.ProjectGrant
			for _, g := range gs {
				switch g.Scope {
				case itinera.GrantRoster:
					roster = g
				case itinera.GrantProgram:
					program = g
				}
			}
			// The agency revokes the roster: St. Louis's next read is refused.
			revoked, err := f.a.RevokeGrant(ctx, f.agency, roster.ID)
			must(t, err)
			if revoked.RevokedAt.IsZero() {
				t.Fatal("the grant is not revoked")
			}
			_, err = f.a.StopRoster(ctx, f.stl, f.stlStop.ID)
			wantCode(t, err, itinera.EFORBIDDEN)
			if !strings.Contains(itinera.ErrorMessage(err), "revoked") {
				t.Fatalf("refusal %q", itinera.ErrorMessage(err))
			}
			v, err := f.a.ProjectView(ctx, f.stl, f.view.Project.ID)
			must(t, err)
			if v.SeesRoster || len(v.Roster) != 0 || len(v.Project.Objectives) != 0 {
				t.Fatalf("after the revocation St. Louis sees %+v", v)
			}
			_, err = f.a.RevokeGrant(ctx, f.agency, roster.ID)
			wantCode(t, err, itinera.ECONFLICT)
			for _, c := range []app.Caller{f.agency, f.stl} {
				log, err := s.AuditLog(ctx, c.User.TenantID, itinera.AuditFilter{Kind: "project grant", RecordID: roster.ID, Limit: 10})
				must(t, err)
				if len(log) != 2 || log[0].Action != "revoke" {
					t.Fatalf("tenant %d's log of the grant: %+v", c.User.TenantID, log)
				}
			}
			// Only the agency grants the roster again.
			_, err = f.a.GrantAccess(ctx, f.stl, f.stlStop.ID, itinera.GrantRoster, time.Time{})
			wantCode(t, err, itinera.EFORBIDDEN)
			again, err := f.a.GrantAccess(ctx, f.agency, f.stlStop.ID, itinera.GrantRoster, time.Time{})
			must(t, err)
			if _, err := f.a.StopRoster(ctx, f.stl, f.stlStop.ID); err != nil {
				t.Fatalf("after the new grant %+v: %v", again, err)
			}
			_, err = f.a.GrantAccess(ctx, f.agency, f.stlStop.ID, itinera.GrantRoster, time.Time{})
			wantCode(t, err, itinera.ECONFLICT)

			// The city revokes the agency's view of its program.
			_, err = f.a.RevokeGrant(ctx, f.stl, program.ID)
			must(t, err)
			_, err = f.a.StopState(ctx, f.agency, f.stlStop.ID)
			wantCode(t, err, itinera.EFORBIDDEN)
			list, err := f.a.Projects(ctx, f.agency)
			must(t, err)
			for _, st := range list[0].Stops {
				if st.City == "St. Louis" && st.ProgramID != 0 {
					t.Fatal("the agency's list still names St. Louis's program")
				}
			}
			if !anyContains(f.alerts(t, f.agency), "revoked the grant of the program") {
				t.Fatalf("the agency's bell %q", f.alerts(t, f.agency))
			}

			// Retention: 10 days after 9 December, the roster is gone.
			f.clk.Add(at("2026-12-20T05:59:00Z").Sub(f.clk.Now()))
			if _, err := f.a.StopRoster(ctx, f.stl, f.stlStop.ID); err != nil {
				t.Fatalf("a minute before the end of the retention: %v", err)
			}
			f.clk.Add(2 * time.Minute)
			_, err = f.a.StopRoster(ctx, f.stl, f.stlStop.ID)
			wantCode(t, err, itinera.EFORBIDDEN)
			if !strings.Contains(itinera.ErrorMessage(err), "until") {
				t.Fatalf("refusal %q", itinera.ErrorMessage(err))
			}
		})
	}
}

// TestProjectHandoffs: a visitor's withdrawal, an interpreter's change
// and a moved arrival reach the stops concerned as notices on their bell,
// and the itinerary ones are on the stop's next release, which carries
// them once; a change of a field not shared tells nobody.
func TestProjectHandoffs(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustProject(t, s)
			pid := f.view.Project.ID
			_, err := f.a.WithdrawRosterMember(ctx, f.agency, pid, f.ben.ID)
			must(t, err)
			_, err = f.a.WithdrawRosterMember(ctx, f.agency, pid, f.ben.ID)
			wantCode(t, err, itinera.ECONFLICT)
			_, err = f.a.WithdrawRosterMember(ctx, f.stl, pid, f.ana.ID)
			wantCode(t, err, itinera.EFORBIDDEN)
			for _, c := range []app.Caller{f.stl, f.dc} {
				if !anyContains(f.alerts(t, c), "Ben Okafor (visitor) withdrew from the project.") {
					t.Fatalf("%s's bell %q", c.User.Email, f.alerts(t, c))
				}
			}
			if anyContains(f.alerts(t, f.pdx), "Ben Okafor") {
				t.Fatal("Portland, which has not accepted its stop, learnt of the roster")
			}
			interp := f.interp
			interp.GivenName, interp.FamilyName = "Diego", "Ramos"
			_, err = f.a.UpdateRosterMember(ctx, f.agency, interp)
			must(t, err)
			if !anyContains(f.alerts(t, f.stl), "The interpreter changed: Diego Ramos instead of Carla Mendes.") {
				t.Fatalf("St. Louis's bell %q", f.alerts(t, f.stl))
			}
			// The phone is not shared: nobody is told.
			before := len(f.alerts(t, f.stl))
			ana := f.ana
			ana.Phone = "+55 11 5555 0199"
			_, err = f.a.UpdateRosterMember(ctx, f.agency, ana)
			must(t, err)
			if len(f.alerts(t, f.stl)) != before {
				t.Fatalf("a change of a field not shared told St. Louis: %q", f.alerts(t, f.stl))
			}

			// The flight to St. Louis moves: St. Louis and Washington are told.
			_, err = f.a.MoveArrival(ctx, f.agency, f.stlStop.ID, app.StopArrival{Mode: itinera.TravelFlight, Ref: "UA 1236",
				DepartsAt: at("2026-12-05T22:00:00Z"), ArrivesAt: at("2026-12-06T00:30:00Z")})
			must(t, err)
			if !anyContains(f.alerts(t, f.stl), "The arrival in St. Louis moved: flight UA 1236, arrives Sat 5 Dec 18:30 CST") {
				t.Fatalf("St. Louis's bell %q", f.alerts(t, f.stl))
			}
			if !anyContains(f.alerts(t, f.dc), "The departure from Washington to St. Louis moved") {
				t.Fatalf("Washington's bell %q", f.alerts(t, f.dc))
			}
			_, err = f.a.MoveArrival(ctx, f.agency, f.stlStop.ID, app.StopArrival{Mode: itinera.TravelFlight,
				DepartsAt: at("2026-12-06T22:00:00Z"), ArrivesAt: at("2026-12-05T00:30:00Z")})
			wantField(t, err, "arrives_at")

			// St. Louis's release lists the withdrawal, the interpreter
			// and the arrival, and carries them once.
			must(t, s.SaveItinerary(ctx, &itinera.Itinerary{TenantID: f.tenant.ID, ProgramID: f.stlStop.ProgramID, Note: "First draft"}))
			plan, err := f.a.PlanRelease(ctx, f.stl, f.stlStop.ProgramID)
			must(t, err)
			if len(plan.Handoffs) != 3 {
				t.Fatalf("release plan hand-offs %+v", plan.Handoffs)
			}
			_, err = f.a.Release(ctx, f.stl, f.stlStop.ProgramID, app.ReleaseOptions{})
			must(t, err)
			plan, err = f.a.PlanRelease(ctx, f.stl, f.stlStop.ProgramID)
			must(t, err)
			if len(plan.Handoffs) != 0 || plan.Why == "" {
				t.Fatalf("after the release, hand-offs %+v, why %q", plan.Handoffs, plan.Why)
			}

			// The later flight still lands on the first day (18:30 CST);
			// a journey a day late is on the timeline's problems.
			v, err := f.a.ProjectView(ctx, f.agency, pid)
			must(t, err)
			if len(v.Problems) != 0 {
				t.Fatalf("route problems %+v", v.Problems)
			}
			_, err = f.a.MoveArrival(ctx, f.agency, f.stlStop.ID, app.StopArrival{Mode: itinera.TravelGround,
				DepartsAt: at("2026-12-06T13:00:00Z"), ArrivesAt: at("2026-12-06T20:00:00Z")})
			must(t, err)
			v, err = f.a.ProjectView(ctx, f.agency, pid)
			must(t, err)
			kinds := map[string]bool{}
			for _, p := range v.Problems {
				kinds[p.Kind] = true
			}
			if !kinds[itinera.RouteDeparture] || !kinds[itinera.RouteArrival] {
				t.Fatalf("route problems %+v", v.Problems)
			}
		})
	}
}
