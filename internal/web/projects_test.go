package web

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/storetest"
)

// TestProjectPages: the agency's project page draws the timeline (one
// line per stop, the journeys, the route's problems marked) with the table
// that says the same, the stops and the grants with their revoke buttons;
// the stop's page shows its itinerary and readiness to the agency; the
// city reads the shared roster on its program (read only, "shared by …
// until …", no passport when it is not shared) and sees its own stops
// only; a revoked grant ends the roster view at once. Desktop and phone,
// with screenshots in ITINERA_SCREENSHOTS when set.
func TestProjectPages(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	mustItinerary(t, e)
	f := e.a
	m, err := e.store.Meeting(ctx, f.tenant.ID, f.meeting.ID)
	must(t, err)
	m.Status = itinera.MeetingConfirmed
	must(t, e.store.UpdateMeeting(ctx, &m))
	agency := e.mustUser(f.project.TenantID, "officer@agency-alpha.example.org", itinera.RoleOfficer)
	for _, st := range []itinera.ProjectStop{
		{City: "Washington", TimeZone: "America/New_York", StartDate: itinera.MustDate("2026-12-01"), EndDate: itinera.MustDate("2026-12-05"),
			ArrivalRef: "LA 8180", DepartsAt: time.Date(2026, 11, 30, 23, 0, 0, 0, time.UTC), ArrivesAt: time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)},
		{City: "Portland", TimeZone: "America/Los_Angeles", StartDate: itinera.MustDate("2026-12-11"), EndDate: itinera.MustDate("2026-12-14"),
			ArrivalMode: itinera.TravelGround, ArrivalRef: "Van"},
	} {
		st.ProjectID, st.AgencyID, st.TenantID = f.project.ID, f.project.TenantID, e.b.tenant.ID
		must(t, e.store.CreateStop(ctx, &st))
	}

	ag := e.signIn(agency)
	res, body := ag.get("/projects/" + itoa(f.project.ID))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("the agency's project page: %d", res.StatusCode)
	}
	doc := parseHTML(t, body)
	doc.one(t, "svg#project-timeline")
	if n := len(doc.all("svg#project-timeline circle")); n != 1 {
		t.Fatalf("%d confirmed meetings on the timeline, want 1", n)
	}
	if n := len(doc.all("#stops-table tbody tr")); n != 3 {
		t.Fatalf("%d stops in the table, want 3", n)
	}
	if txt := doc.one(t, "#route-problems").Text(); !strings.Contains(txt, "belong to no stop") || !strings.Contains(txt, "no departure or arrival time") {
		t.Fatalf("route problems %q", txt)
	}
	if n := len(doc.all(`#grants-table form`)); n != 2 {
		t.Fatalf("%d revoke buttons, want 2", n)
	}
	if !strings.Contains(doc.one(t, "#roster-table").Text(), "PT7654321") {
		t.Fatal("the agency does not see its own roster's passport")
	}
	// A return package the agency imported (internal/app's
	// TestStopPackageBetweenInstallations imports real ones) is listed.
	must(t, e.store.CreateImportedPackage(ctx, &itinera.ImportedPackage{TenantID: f.project.TenantID, Kind: itinera.PackageReturn,
		Digest: "sha256:web-test", KeyID: "ed25519:f3734e2fbd2c0293fa8b04ae2f432bbd", Issuer: f.tenant.Name, IssuedAt: storetest.Now(),
		StopID: f.stop.ID, Payload: []byte(`{"release": {"version": 1, "itinerary_version": 2, "released_at": "2026-11-01T15:00:00Z", "note": ""},
			"program": {"meetings": [{"id": 1, "status": "confirmed"}, {"id": 2, "status": "candidate"}],
				"itineraries": [{"version": 2, "items": [{"meeting_id": 1}, {"meeting_id": 2}, {"activity_id": 1}]}]},
			"feedback": [{"role": "visitor", "rating": 5}, {"role": "visitor", "rating": 4}], "collaborations": [{"kind": "training"}]}`)}))
	res, body = ag.get("/stops/" + itoa(f.stop.ID))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("the stop's page: %d", res.StatusCode)
	}
	if n := len(parseHTML(t, body).all("#stop-items tbody tr")); n == 0 {
		t.Fatal("the stop's page shows no itinerary")
	}
	if txt := parseHTML(t, body).one(t, "#returns").Text(); !strings.Contains(txt, "Release 1 (itinerary version 2)") ||
		!strings.Contains(txt, "3 items, 2 meetings (1 confirmed), 1 collaboration; visitor feedback: 2, rated 4.5 of 5") {
		t.Fatalf("the stop's returns %q", txt)
	}

	city := e.signIn(f.officer)
	res, body = city.get("/programs/" + itoa(f.program.ID) + "/roster")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("the shared roster: %d", res.StatusCode)
	}
	doc = parseHTML(t, body)
	if txt := doc.one(t, "#roster-shared").Text(); !strings.Contains(txt, "Shared by National Agency alpha until Friday 8 January 2027") {
		t.Fatalf("roster says %q", txt)
	}
	if strings.Contains(body, "PT7654321") || !strings.Contains(doc.one(t, "#shared-roster").Text(), "Lucia Ferreira") {
		t.Fatal("the shared roster shows the passport, or not the visitor")
	}
	// A hand-off that touches the itinerary is on the stop's next release.
	must(t, e.store.CreateProjectNotice(ctx, &itinera.ProjectNotice{TenantID: f.tenant.ID, ProjectID: f.project.ID, StopID: f.stop.ID,
		ProgramID: f.program.ID, Text: "Lucia Ferreira (visitor) withdrew from the project.", Itinerary: true}))
	_, body = city.get("/programs/" + itoa(f.program.ID) + "/release")
	if txt := parseHTML(t, body).one(t, "#handoffs").Text(); !strings.Contains(txt, "Lucia Ferreira (visitor) withdrew") {
		t.Fatalf("the release page's hand-offs: %q", txt)
	}
	_, body = city.get("/projects/" + itoa(f.project.ID))
	if strings.Contains(body, "Washington") || strings.Contains(body, "Portland") || strings.Contains(body, "project-timeline") {
		t.Fatal("the city sees another city's stop")
	}
	other := e.signIn(e.b.officer)
	_, body = other.get("/projects/" + itoa(f.project.ID))
	doc = parseHTML(t, body)
	if strings.Contains(body, "St. Louis") || len(doc.all(`#stops-table form`)) != 2 {
		t.Fatalf("the second city's view of the project: %s", doc.one(t, "#stops-table").Text())
	}
	if res, _ := other.get("/stops/" + itoa(f.stop.ID)); res.StatusCode != http.StatusNotFound {
		t.Fatalf("another city reads the stop: %d", res.StatusCode)
	}

	shootPages(t, e, ag, []shot{{"/projects/" + itoa(f.project.ID), "project-timeline", "#project-timeline"},
		{"/stops/" + itoa(f.stop.ID), "project-stop", "#stop-items"}})
	shootPages(t, e, city, []shot{{"/programs/" + itoa(f.program.ID) + "/roster", "project-shared-roster", "#shared-roster"},
		{"/projects/" + itoa(f.project.ID), "project-city", "#stops-table"}})

	// The agency revokes the roster grant: the city's next read is refused.
	var roster int64
	for _, n := range parseHTML(t, func() string { _, b := ag.get("/projects/" + itoa(f.project.ID)); return b }()).all(`#grants-table form`) {
		if a := n.attr("action"); a != "/grants/"+itoa(f.programGrant.ID)+"/revoke" {
			roster = mustID(t, strings.TrimSuffix(strings.TrimPrefix(a, "/grants/"), "/revoke"))
		}
	}
	if res, _ := ag.post("/grants/"+itoa(roster)+"/revoke", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: %d", res.StatusCode)
	}
	if res, _ := city.get("/programs/" + itoa(f.program.ID) + "/roster"); res.StatusCode != http.StatusForbidden {
		t.Fatalf("after the revocation the roster answers %d", res.StatusCode)
	}
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	for _, c := range s {
		if c < '0' || c > '9' {
			t.Fatalf("%q is not an id", s)
		}
		n = n*10 + int64(c-'0')
	}
	return n
}
