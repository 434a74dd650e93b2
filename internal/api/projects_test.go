package api

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/storetest"
)

// projectsFixture is a national agency's project with three stops of
// tenant A: one proposed (the routes' target), one accepted (its grants are
// the grant routes' target) and one accepted long ago, whose roster
// retention is over. Made on first use by projects().
type projectsFixture struct {
	agency                 string // the agency officer's API token
	agencyUser             itinera.User
	project                app.ProjectView
	proposed, live, past   itinera.ProjectStop
	rosterGrant, progGrant itinera.ProjectGrant
}

func (e *env) projects() *projectsFixture {
	e.t.Helper()
	if e.extra != nil && e.extra.projects != nil {
		return e.extra.projects
	}
	x := e.more()
	ctx := context.Background()
	t := e.t
	ag := itinera.Tenant{Slug: "national-agency", Name: "National Program Agency", TimeZone: "America/New_York", Kind: itinera.TenantAgency}
	must(t, e.store.CreateTenant(ctx, &ag))
	f := &projectsFixture{agency: e.mustToken(ag.ID, "officer@agency.example.org", itinera.RoleOfficer)}
	u, _, err := e.store.UserByEmail(ctx, "officer@agency.example.org")
	must(t, err)
	f.agencyUser = u
	c := app.Caller{User: u, Site: "https://itinera.example.org"}
	// An application layer on the store itself: the fixture is made
	// before a test's own transactions (committed_test.go takes the
	// database down after the first of those).
	ap, err := app.New(app.Config{Store: e.store.Services(), Tx: e.store, Now: storetest.Now, Hasher: cheapHasher})
	must(t, err)
	retention := 5
	f.project, err = ap.CreateProject(ctx, c, app.ProjectInput{
		Project:   itinera.Project{Title: "Rule of Law Exchange", Objectives: []string{"judicial independence"}},
		Retention: &retention,
		Roster: []itinera.RosterMember{{Role: itinera.RosterVisitor, GivenName: "Lucia", FamilyName: "Ferreira", Country: "Portugal",
			Languages: []string{"Portuguese"}, Passport: "PT7654321", Notes: "Agency only.", Fictional: true}},
		Stops: []itinera.ProjectStop{
			{City: "St. Louis", OrganizationSlug: e.tenantA.Slug, StartDate: itinera.MustDate("2026-12-05"), EndDate: itinera.MustDate("2026-12-09")},
			{City: "Kirkwood", OrganizationSlug: e.tenantA.Slug, StartDate: itinera.MustDate("2026-11-28"), EndDate: itinera.MustDate("2026-12-01")},
			{City: "Clayton", OrganizationSlug: e.tenantA.Slug, StartDate: itinera.MustDate("2026-09-01"), EndDate: itinera.MustDate("2026-09-04")},
		},
	})
	must(t, err)
	officer, _, err := e.store.UserByEmail(ctx, "officer@stl.example.org")
	must(t, err)
	cityA := app.Caller{User: officer, Site: c.Site}
	for _, sv := range f.project.Stops {
		switch sv.Stop.City {
		case "St. Louis":
			f.proposed = sv.Stop
		case "Kirkwood":
			f.live, err = ap.AcceptStop(ctx, cityA, sv.Stop.ID)
			must(t, err)
		case "Clayton":
			f.past, err = ap.AcceptStop(ctx, cityA, sv.Stop.ID)
			must(t, err)
		}
	}
	gs, err := ap.ProjectGrants(ctx, c, f.project.Project.ID)
	must(t, err)
	for _, g := range gs {
		if g.StopID == f.live.ID && g.Scope == itinera.GrantRoster {
			f.rosterGrant = g
		}
		if g.StopID == f.live.ID && g.Scope == itinera.GrantProgram {
			f.progGrant = g
		}
	}
	x.projects = f
	return f
}

// TestProjectsThroughTheAPI: GET /api/v1/projects answers exactly the
// documented shape — for the agency's token its projects, for a city's
// token its own stops, program_id only where the caller may read the
// program —; the city reads the shared roster of its stop without the
// fields not shared; a revoked grant stops access at once; an expired
// retention stops the roster view; another organization sees nothing.
// Both databases.
func TestProjectsThroughTheAPI(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		f := e.projects()
		exact := func(r response) []map[string]any {
			t.Helper()
			var doc map[string][]map[string]any
			must(t, json.Unmarshal(r.Body.Bytes(), &doc))
			if len(doc) != 1 || doc["projects"] == nil {
				t.Fatalf("answer %s", r.Body.String())
			}
			for _, p := range doc["projects"] {
				keys := slices.Sorted(func(yield func(string) bool) {
					for k := range p {
						if !yield(k) {
							return
						}
					}
				})
				if !slices.Equal(keys, []string{"id", "stops", "title"}) {
					t.Fatalf("project keys %v", keys)
				}
				for _, s := range p["stops"].([]any) {
					for k := range s.(map[string]any) {
						if !slices.Contains([]string{"city", "start_date", "end_date", "organization", "program_id"}, k) {
							t.Fatalf("stop key %q in %s", k, r.Body.String())
						}
					}
				}
			}
			return doc["projects"]
		}
		stops := func(p map[string]any) map[string]map[string]any {
			out := map[string]map[string]any{}
			for _, s := range p["stops"].([]any) {
				out[s.(map[string]any)["city"].(string)] = s.(map[string]any)
			}
			return out
		}
		ps := exact(e.do("GET", "/api/v1/projects", f.agency, nil).expect(http.StatusOK))
		if len(ps) != 1 || ps[0]["title"] != "Rule of Law Exchange" {
			t.Fatalf("the agency's projects %v", ps)
		}
		st := stops(ps[0])
		if st["St. Louis"]["program_id"] != nil || st["Kirkwood"]["program_id"] != float64(f.live.ProgramID) ||
			st["St. Louis"]["organization"] != e.tenantA.Slug || st["St. Louis"]["start_date"] != "2026-12-05" {
			t.Fatalf("the agency's stops %v", st)
		}
		ps = exact(e.do("GET", "/api/v1/projects", e.officerA, nil).expect(http.StatusOK))
		if len(ps) != 1 || stops(ps[0])["Kirkwood"]["program_id"] != float64(f.live.ProgramID) {
			t.Fatalf("tenant A's projects %v", ps)
		}
		if ps := exact(e.do("GET", "/api/v1/projects", e.officerB, nil).expect(http.StatusOK)); len(ps) != 0 {
			t.Fatalf("tenant B's projects %v", ps)
		}

		// The shared roster: no passport, no notes.
		r := e.do("GET", "/api/v1/stops/"+id(f.live.ID)+"/roster", e.officerA, nil).expect(http.StatusOK)
		if body := r.Body.String(); !strings.Contains(body, "Ferreira") || strings.Contains(body, "PT7654321") ||
			strings.Contains(body, "Agency only") || !strings.Contains(body, `"agency":"National Program Agency"`) {
			t.Fatalf("tenant A's roster %s", body)
		}
		if body := e.do("GET", "/api/v1/projects/"+id(f.project.Project.ID), f.agency, nil).expect(http.StatusOK).Body.String(); !strings.Contains(body, "PT7654321") {
			t.Fatalf("the agency's project %s", body)
		}
		// Expired retention: the roster of the September stop is gone.
		r = e.do("GET", "/api/v1/stops/"+id(f.past.ID)+"/roster", e.officerA, nil).expect(http.StatusForbidden)
		if _, msg, _ := r.apiError(); !strings.Contains(msg, "that time is over") {
			t.Fatalf("expired roster: %q", msg)
		}
		// The agency reads the stop's state; tenant B nothing.
		e.do("GET", "/api/v1/stops/"+id(f.live.ID)+"/state", f.agency, nil).expect(http.StatusOK)
		for _, p := range []string{"/api/v1/stops/" + id(f.live.ID) + "/state", "/api/v1/stops/" + id(f.live.ID) + "/roster",
			"/api/v1/projects/" + id(f.project.Project.ID), "/api/v1/projects/" + id(f.project.Project.ID) + "/grants"} {
			e.do("GET", p, e.officerB, nil).expect(http.StatusNotFound)
		}
		e.do("POST", "/api/v1/grants/"+id(f.rosterGrant.ID)+"/revoke", e.officerB, map[string]any{}).expect(http.StatusNotFound)

		// Grants listed, revoked: access ends at once.
		var gs struct{ Grants []grantJSON }
		must(t, json.Unmarshal(e.do("GET", "/api/v1/projects/"+id(f.project.Project.ID)+"/grants", e.officerA, nil).expect(http.StatusOK).Body.Bytes(), &gs))
		if len(gs.Grants) != 4 {
			t.Fatalf("tenant A's grants %+v", gs.Grants)
		}
		r = e.do("POST", "/api/v1/grants/"+id(f.rosterGrant.ID)+"/revoke", f.agency, map[string]any{}).expect(http.StatusOK)
		if r.object()["state"] != "revoked" {
			t.Fatalf("revoked %s", r.Body.String())
		}
		e.do("GET", "/api/v1/stops/"+id(f.live.ID)+"/roster", e.officerA, nil).expect(http.StatusForbidden)
		e.do("POST", "/api/v1/grants/"+id(f.progGrant.ID)+"/revoke", e.officerA, map[string]any{}).expect(http.StatusOK)
		e.do("GET", "/api/v1/stops/"+id(f.live.ID)+"/state", f.agency, nil).expect(http.StatusForbidden)
		ps = exact(e.do("GET", "/api/v1/projects", f.agency, nil).expect(http.StatusOK))
		if stops(ps[0])["Kirkwood"]["program_id"] != nil {
			t.Fatalf("after the revocation the agency still gets the program: %v", ps)
		}
		// The agency grants the roster again.
		r = e.do("POST", "/api/v1/stops/"+id(f.live.ID)+"/grants", f.agency, map[string]any{"scope": "roster"}).expect(http.StatusCreated)
		if r.object()["state"] != "live" {
			t.Fatalf("new grant %s", r.Body.String())
		}
		e.do("GET", "/api/v1/stops/"+id(f.live.ID)+"/roster", e.officerA, nil).expect(http.StatusOK)

		// The roster changes at the agency: a person added, one withdrawn.
		pid := id(f.project.Project.ID)
		e.do("POST", "/api/v1/projects/"+pid+"/roster", e.officerA, map[string]any{"given_name": "Amara", "country": "Nigeria"}).expect(http.StatusForbidden)
		r = e.do("POST", "/api/v1/projects/"+pid+"/roster", f.agency, map[string]any{"given_name": "Amara", "family_name": "Okafor",
			"country": "Nigeria", "languages": []string{"English"}}).expect(http.StatusCreated)
		if r.object()["withdrawn"] != false {
			t.Fatalf("added %s", r.Body.String())
		}
		r = e.do("POST", "/api/v1/projects/"+pid+"/roster/"+id(f.project.Roster[0].ID)+"/withdraw", f.agency, map[string]any{}).expect(http.StatusOK)
		if r.object()["withdrawn"] != true {
			t.Fatalf("withdrawn %s", r.Body.String())
		}
		e.do("POST", "/api/v1/projects/"+pid+"/roster/999999/withdraw", f.agency, map[string]any{}).expect(http.StatusNotFound)

		// The arrival moves: the mode's field is named as the API names it.
		r = e.do("PUT", "/api/v1/stops/"+id(f.live.ID)+"/arrival", f.agency, map[string]any{"mode": "boat"}).expect(http.StatusUnprocessableEntity)
		if _, _, fields := r.apiError(); fields["mode"] == nil {
			t.Fatalf("fields %v", fields)
		}
		e.do("PUT", "/api/v1/stops/"+id(f.live.ID)+"/arrival", f.agency, map[string]any{"mode": "ground", "ref": "Van from St. Louis",
			"departs_at": "2026-11-28T08:00:00-06:00", "arrives_at": "2026-11-28T09:00:00-06:00"}).expect(http.StatusOK)
		e.do("PUT", "/api/v1/stops/"+id(f.live.ID)+"/arrival", e.officerA, map[string]any{"mode": "ground"}).expect(http.StatusForbidden)
	})
}
