package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"testing"
)

// validBody returns a body a write route would accept, so that an answer
// other than the expected one cannot hide behind a validation error.
func (e *env) validBody(kind string) map[string]any {
	switch kind {
	case "programs":
		return map[string]any{"title": "Women in Leadership", "project_type": "IVLP", "city": "St. Louis",
			"time_zone": "America/Chicago", "start_date": "2026-05-02", "end_date": "2026-05-06",
			"objectives": []string{"policy and legislation"}, "hotel_place_id": e.place.ID}
	case "days":
		return map[string]any{"start": "09:00", "end": "17:30", "lunch_from": "12:00", "lunch_to": "13:30",
			"lunch_minutes": 60, "max_meetings": 2, "note": "Early dinner"}
	case "visitors":
		return map[string]any{"given_name": "Ana", "family_name": "Silva", "country": "Brazil",
			"languages": []string{"Portuguese", "English"}, "diets": []string{"vegetarian"}, "fictional": true}
	case "interpreters":
		return map[string]any{"name": "Jean Dupont", "languages": []string{"English", "French"}}
	case "meetings":
		return map[string]any{"title": "Newsroom visit", "host_organization_id": e.org.ID, "contact_id": e.contact.ID,
			"partner_organization_ids": []int64{e.partner.ID}, "place_id": e.place.ID, "topics": []string{"media"},
			"duration_minutes": 60, "priority": 4, "status": "candidate",
			"windows": []map[string]string{{"start": "2026-05-04T13:00:00-05:00", "end": "2026-05-04T16:00:00-05:00"}}}
	case "activities":
		return map[string]any{"title": "Saint Louis Art Museum", "kind": "cultural", "place_id": e.place.ID,
			"duration_minutes": 90, "windows": []map[string]string{{"start": "2026-05-03T10:00:00-05:00", "end": "2026-05-03T17:00:00-05:00"}}}
	case "organizations":
		// Given by its address: the office is added with it, and the
		// address sent is the one answered. Its place_id is checked below
		// (testTenantIsolation).
		return map[string]any{"name": "St. Louis Post-Dispatch", "kind": "media", "website": "https://www.stltoday.com",
			"topics": []string{"media and reporting"}, "address": "900 N Tucker Blvd, St. Louis, MO 63101",
			"lat": 38.6323, "lon": -90.1964}
	case "contacts":
		return map[string]any{"organization_id": e.org.ID, "name": "Dr. Rumi Price", "title": "Professor"}
	case "requests":
		return map[string]any{"contact_id": e.contact.ID, "message": "Would you meet the delegation?",
			"windows": []map[string]string{{"start": "2026-05-05T09:00:00-05:00", "end": "2026-05-05T10:30:00-05:00"}}}
	case "password": // the token user's own
		return map[string]any{"current_password": userPassword, "new_password": "a brand new staff passphrase"}
	case "projects": // an agency's project; tenant A is a community organization
		return map[string]any{"title": "Rule of Law Exchange", "theme": "Courts and communities.",
			"objectives": []string{"judicial independence"}, "shared": []string{"country", "languages"},
			"stops": []map[string]any{{"city": "St. Louis", "organization": e.tenantA.Slug, "start_date": "2026-12-05", "end_date": "2026-12-09"}}}
	case "roster": // a person added to a project's roster
		return map[string]any{"given_name": "Amara", "family_name": "Okafor", "country": "Nigeria", "languages": []string{"English"},
			"passport": "NG1234567", "fictional": true}
	case "arrival":
		return map[string]any{"mode": "flight", "ref": "UA 1234", "departs_at": "2026-12-05T14:00:00-05:00", "arrives_at": "2026-12-05T16:30:00-06:00"}
	case "grants": // the stop's organization grants the agency its program
		return map[string]any{"scope": "program"}
	case "trusted-keys": // a partner's key (the fixture's trusted key is the agency's test key)
		b, err := os.ReadFile("../projectfile/testdata/city.pub.pem")
		must(e.t, err)
		return map[string]any{"name": "Gateway Global Hospitality", "public_key": string(b)}
	case "package", "return-package": // exports take no fields
		return map[string]any{}
	case "send", "withdraw", "retry", "accept-counter", "dismiss", "accept": // actions take no fields
		return map[string]any{}
	case "decline-counter":
		return map[string]any{"comment": "The delegation is elsewhere then."}
	case "attach":
		return map[string]any{"request_id": e.request.ID}
	case "cancel", "decline", "unconfirm":
		return map[string]any{"reason": "The program changed."}
	case "plan":
		return map[string]any{"apply": false}
	case "apply": // a day's sub-groups, with a digest the fixture's program never gives
		return map[string]any{"date": "2026-05-04", "digest": "0123456789abcdef01234567"}
	case "moves": // an item of the itinerary moved by hand
		return map[string]any{"item": "meeting-" + id(e.meeting.ID), "start": "2026-05-04T13:00:00-05:00"}
	case "confirm":
		return map[string]any{"start": "2026-05-05T09:00:00-05:00", "end": "2026-05-05T10:30:00-05:00"}
	case "places":
		return map[string]any{"name": "Saint Louis Art Museum", "kind": "site",
			"address": "1 Fine Arts Dr, St. Louis, MO 63110", "lat": 38.6393, "lon": -90.2944}
	case "feeds":
		return map[string]any{"kind": "visitor", "subject_id": e.visitor.ID}
	case "revoke", "approve", "reject", "match", "reset-password", "undo": // actions take no fields
		return map[string]any{}
	case "evenings":
		return map[string]any{"start": "2026-05-03T17:30:00-05:00", "end": "2026-05-03T21:00:00-05:00",
			"visitor_ids": []int64{e.visitor.ID}, "interpreter_ids": []int64{e.interpreter.ID}, "min_group": 1,
			"note": "Pick-up at the hotel lobby."}
	case "invite":
		return map[string]any{"household_ids": []int64{e.more().spare.ID}}
	case "availability":
		return map[string]any{"household_id": e.more().spare.ID, "status": "unavailable"}
	case "move":
		return map[string]any{"visitor_id": e.more().visitors[0].ID, "household_id": e.more().household.ID}
	case "lock":
		return map[string]any{"guest": "", "locked": true}
	case "pairs":
		x := e.more()
		return map[string]any{"visitor_a": x.visitors[0].ID, "visitor_b": x.visitors[1].ID, "kind": "together", "scope": "evening"}
	case "users":
		return map[string]any{"email": "associate@stl.example.org", "name": "Associate", "role": "officer"}
	case "tokens":
		return map[string]any{"name": "Nightly sync"}
	case "import": // a program file
		b, err := os.ReadFile("../programfile/testdata/small.json")
		must(e.t, err)
		var file map[string]any
		must(e.t, json.Unmarshal(b, &file))
		return file
	case "settings":
		return map[string]any{"name": "St. Louis Visitors Council", "time_zone": "America/Chicago",
			"mail_from_name": "Program office", "mail_from_address": "programs@stl.example.org",
			"travel_mode": "car", "walk_short_hops": false}
	case "mailbox":
		return map[string]any{"host": "imap.stl.example.org", "security": "tls", "username": "programs@stl.example.org",
			"password": "mailbox-password-1", "folder": "Answers"}
	case "release":
		return map[string]any{"hold": []string{}, "note": "Your program, released."}
	case "distribution":
		return map[string]any{"hold": []string{}, "note": "Welcome to St. Louis."}
	case "collaborations":
		return map[string]any{"kind": "training", "status": "ongoing", "title": "Training of shelter staff",
			"organization_ids": []int64{e.org.ID}, "countries": []string{"Brazil"},
			"started_on": "2027-02-01", "evidence_url": "https://example.org/training"}
	case "feedback": // takes no fields
		return map[string]any{}
	case "travel-times":
		return map[string]any{"minutes": 50, "note": "The bus takes 50 minutes here"}
	case "economic-inputs":
		return map[string]any{"hotel_nights": 40, "hotel_cents": 640000, "meals": 80, "meals_cents": 160000,
			"transport_cents": 90000, "note": "From the hotel's invoice."}
	}
	e.t.Fatalf("no body for %q", kind)
	return nil
}

// target fills a route's pattern with tenant A's records and picks a valid
// body for it. The first segment after /api/v1/ names the record of {id};
// the last named segment names what the body is.
func (e *env) target(rt route) (path string, body any) {
	segs := strings.Split(strings.TrimPrefix(rt.path, "/api/v1/"), "/")
	ids := map[string]int64{"programs": e.program.ID, "visitors": e.visitor.ID, "interpreters": e.interpreter.ID,
		"meetings": e.meeting.ID, "activities": e.activity.ID, "organizations": e.org.ID,
		"contacts": e.contact.ID, "places": e.place.ID, "requests": e.request.ID, "outbox": e.outbox.ID}
	x := e.more()
	ids["feeds"], ids["households"], ids["evenings"] = x.feed.ID, x.pending.ID, x.evening.ID
	ids["users"], ids["tokens"], ids["imports"] = x.user.ID, x.token, x.imported.ID
	ids["collaborations"], ids["thank-yous"] = x.collaboration.ID, x.thankYou.ID
	ids["inbound"] = x.received.ID
	if strings.HasPrefix(rt.path, "/api/v1/projects/") || strings.HasPrefix(rt.path, "/api/v1/stops/") || strings.HasPrefix(rt.path, "/api/v1/grants/") {
		pf := e.projects()
		ids["projects"], ids["stops"], ids["grants"] = pf.project.Project.ID, pf.proposed.ID, pf.progGrant.ID
	}
	if strings.HasPrefix(rt.path, "/api/v1/trusted-keys/") {
		ids["trusted-keys"] = e.trustedKey().ID
	}
	path = fill(rt.path, ids[segs[0]], "2026-05-03")
	if rt.method == "POST" && rt.path == "/api/v1/imports" {
		path += "?kind=visitors&program_id=" + id(e.program.ID)
	}
	path = strings.ReplaceAll(path, "{pair}", id(x.pair.ID))
	if strings.Contains(path, "{member}") {
		path = strings.ReplaceAll(path, "{member}", id(e.projects().project.Roster[0].ID))
	}
	path = strings.ReplaceAll(path, "{from}", id(e.place.ID))
	path = strings.ReplaceAll(path, "{to}", id(x.far.ID))
	path = strings.ReplaceAll(path, "{kind}", "places") // an import kind whose template names nothing of tenant A's
	if rt.path == "/api/v1/reports/summary" || rt.path == "/api/v1/reports/year-end" || rt.path == "/api/v1/network" {
		path += "?from=2026-01-01&to=2026-12-31"
	}
	if rt.path == "/api/v1/geocode" {
		path += "?address=" + url.QueryEscape(e.place.Address)
	}
	if rt.method == "POST" || rt.method == "PUT" || rt.method == "PATCH" {
		kind := ""
		for _, s := range segs {
			if !strings.HasPrefix(s, "{") {
				kind = s
			}
		}
		if kind == "inbound" { // a raw e-mail: tenant A's contact accepts A's meeting in Outlook
			return path, fileBody{"message/rfc822", e.calendarReply("ACCEPTED", "<walk-"+id(e.meeting.ID)+"@example.org>")}
		}
		if rt.path == "/api/v1/packages/stop" || rt.path == "/api/v1/packages/return" { // a signed package, as is
			b, err := os.ReadFile("../projectfile/testdata/stlouis-" + kind + ".json")
			must(e.t, err)
			return path, fileBody{"application/json", string(b)}
		}
		if kind == "imports" { // a roster of the program in the query
			return path, fileBody{"text/csv", "Given name,Family name,Country,Languages\nAmara,Okonkwo,Nigeria,English\n"}
		}
		body = e.validBody(kind)
	}
	return path, body
}

// TestTenantIsolation walks every route with an officer of tenant B: every
// id of tenant A is not found, lists show nothing of tenant A, and records
// of tenant B cannot point at records of tenant A.
func TestTenantIsolation(t *testing.T) {
	t.Parallel()
	forBothStores(t, testTenantIsolation)
}

func testTenantIsolation(t *testing.T, e *env) {
	markers := []string{e.program.Title, e.visitor.GivenName, e.interpreter.Name, e.meeting.Title,
		e.org.Name, e.partner.Name, e.contact.Name, e.place.Name, "victim services"}
	x := e.more()
	markers = append(markers, x.program.Title, x.visitors[0].FamilyName, x.interpreter.Name, x.household.Name,
		x.spare.Name, x.pending.Name, x.household.Email)
	// Creating in B with references to A's records is refused, naming the field.
	refField := map[string]string{
		"POST /api/v1/programs": "hotel_place_id",
		"POST /api/v1/contacts": "organization_id",
	}
	for _, rt := range e.api.routes() {
		if rt.access == public {
			continue
		}
		if rt.access == admin {
			continue // officers are refused: walked below with an administrator of tenant B
		}
		name := rt.method + " " + rt.path
		path, body := e.target(rt)
		r := e.do(rt.method, path, e.officerB, body)
		switch {
		case strings.Contains(rt.path, "{id}"):
			r.expect(http.StatusNotFound)
			if code, _, _ := r.apiError(); code != "not_found" {
				t.Errorf("%s: code %q, want not_found", name, code)
			}
		case name == "GET /api/v1/geocode":
			// No geocoder here: the lookup asks for the pin (TestGeocode
			// looks addresses up). Nothing of a tenant's is in the answer.
			r.expect(http.StatusUnprocessableEntity)
			if _, _, fields := r.apiError(); !strings.Contains(fmt.Sprint(fields["address"]), "(geocoder) is set up") {
				t.Errorf("%s: fields %v", name, fields)
			}
		case rt.method == "GET":
			r.expect(http.StatusOK)
			for _, m := range markers {
				if strings.Contains(r.Body.String(), m) {
					t.Errorf("%s: tenant B sees %q of tenant A", name, m)
				}
			}
		case refField[name] != "":
			r.expect(http.StatusUnprocessableEntity)
			if _, _, fields := r.apiError(); fields[refField[name]] == nil {
				t.Errorf("%s: fields %v do not name %s", name, fields, refField[name])
			}
		case name == "POST /api/v1/places" || name == "POST /api/v1/organizations":
			r.expect(http.StatusCreated) // a place, or an organization given by its address, refers to nothing
		case name == "POST /api/v1/projects":
			r.expect(http.StatusForbidden) // tenant B is a community organization: only an agency creates projects
		case name == "POST /api/v1/programs/import":
			r.expect(http.StatusCreated) // a program file refers to its own records only
		case name == "POST /api/v1/trusted-keys":
			r.expect(http.StatusCreated) // a key B trusts, B's own
		case name == "POST /api/v1/packages/stop":
			r.expect(http.StatusUnprocessableEntity) // signed with a key B does not trust
		case name == "POST /api/v1/packages/return":
			r.expect(http.StatusForbidden) // tenant B is a community organization: only an agency takes returns
		case name == "POST /api/v1/imports":
			r.expect(http.StatusNotFound) // into A's program
		case name == "POST /api/v1/inbound":
			// A's contact's answer to A's invitation, received by B: taken,
			// matched to nothing, changing nothing.
			r.expect(http.StatusAccepted)
			if o := r.object(); o["matched"] != false || o["changed"] != false || o["request_id"] != nil {
				t.Errorf("%s: tenant B matched tenant A's invitation: %v", name, o)
			}
		case rt.access == self:
			r.expect(http.StatusNoContent) // B's own account
		case name == "POST /api/v1/tokens":
			r.expect(http.StatusCreated) // a token of one's own
		default:
			t.Errorf("%s: not covered by the tenant walk", name)
		}
	}

	// An organization of B cannot have A's place as its office, address or not.
	for _, body := range []map[string]any{
		{"name": "B's newsroom", "place_id": e.place.ID},
		{"name": "B's newsroom", "place_id": e.place.ID, "address": "900 N Tucker Blvd, St. Louis, MO 63101", "lat": 38.6323, "lon": -90.1964},
	} {
		r := e.do("POST", "/api/v1/organizations", e.officerB, body).expect(http.StatusUnprocessableEntity)
		if _, _, fields := r.apiError(); fields["place_id"] == nil {
			t.Errorf("organization of tenant B with tenant A's place %v: fields %v", body, fields)
		}
	}

	// A meeting of B cannot name A's organizations, contact or place.
	var bProgram int64
	{
		r := e.do("POST", "/api/v1/programs", e.officerB, map[string]any{"title": "B", "city": "Kansas City",
			"time_zone": "America/Chicago", "start_date": "2026-05-02", "end_date": "2026-05-04"}).expect(http.StatusCreated)
		bProgram = int64(r.object()["id"].(float64))
	}
	r := e.do("POST", "/api/v1/programs/"+id(bProgram)+"/meetings", e.officerB, e.validBody("meetings")).
		expect(http.StatusUnprocessableEntity)
	_, _, fields := r.apiError()
	for _, f := range []string{"host_organization_id", "contact_id", "partner_organization_ids", "place_id"} {
		if fields[f] == nil {
			t.Errorf("meeting of tenant B naming tenant A's records: no message for %s in %v", f, fields)
		}
	}
	r = e.do("POST", "/api/v1/programs/"+id(bProgram)+"/activities", e.officerB, e.validBody("activities")).
		expect(http.StatusUnprocessableEntity)
	if _, _, fields := r.apiError(); fields["place_id"] == nil {
		t.Errorf("activity of tenant B naming tenant A's place: fields %v", fields)
	}
	e.walkAdminRoutesAsTenantB(t, append(markers, x.user.Email, "officer@stl.example.org", "Spreadsheet", e.tenantA.Name))
}

// TestViewerCannotWrite walks every write route with a viewer of the
// records' own tenant: all are refused with 403 and nothing changes.
func TestViewerCannotWrite(t *testing.T) {
	t.Parallel()
	forBothStores(t, testViewerCannotWrite)
}

func testViewerCannotWrite(t *testing.T, e *env) {
	before := e.do("GET", "/api/v1/programs/"+id(e.program.ID), e.viewerA, nil).expect(http.StatusOK).Body.String()
	writes := 0
	for _, rt := range e.api.routes() {
		if rt.access == admin {
			path, body := e.target(rt)
			r := e.do(rt.method, path, e.viewerA, body).expect(http.StatusForbidden)
			if code, msg, _ := r.apiError(); code != "forbidden" || !strings.Contains(msg, "administrators") {
				t.Errorf("%s %s: %s %q, want forbidden to all but administrators", rt.method, rt.path, code, msg)
			}
			continue
		}
		if rt.access == own {
			continue // a viewer's own tokens: TestAdminCanAdminister
		}
		if rt.access != write {
			if rt.method != "GET" && rt.access != self {
				t.Errorf("%s %s is not a write route", rt.method, rt.path)
			}
			continue
		}
		writes++
		path, body := e.target(rt)
		r := e.do(rt.method, path, e.viewerA, body).expect(http.StatusForbidden)
		if code, _, _ := r.apiError(); code != "forbidden" {
			t.Errorf("%s %s: code %q, want forbidden", rt.method, rt.path, code)
		}
	}
	if writes < 20 {
		t.Errorf("only %d write routes walked", writes)
	}
	after := e.do("GET", "/api/v1/programs/"+id(e.program.ID), e.viewerA, nil).expect(http.StatusOK).Body.String()
	if before != after {
		t.Errorf("a viewer changed the program:\nbefore %s\nafter  %s", before, after)
	}
	for _, p := range []string{"/api/v1/organizations", "/api/v1/contacts", "/api/v1/places"} {
		r := e.do("GET", p, e.viewerA, nil).expect(http.StatusOK)
		for k, list := range r.object() {
			if k == "next_cursor" {
				continue
			}
			if n := len(list.([]any)); n == 0 {
				t.Errorf("%s: empty after a viewer's deletes", p)
			}
		}
	}
}

// TestOfficerCanWrite checks the other side: every write route works for an
// officer of the records' tenant (deletes last, in an order that frees
// references first).
func TestOfficerCanWrite(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	var deletes []route
	// Workflows that change other records are walked last, each with the
	// answer the fixture's records call for (TestWorkflowsThroughTheAPI
	// runs them in a program's real order).
	after := map[string]int{
		"POST /api/v1/requests/{id}/confirm":   http.StatusConflict, // withdrawn above
		"POST /api/v1/requests/{id}/decline":   http.StatusConflict, // withdrawn above
		"POST /api/v1/requests/{id}/unconfirm": http.StatusConflict, // not confirmed (TestUnconfirmThroughTheAPI takes one back)
		"POST /api/v1/programs/{id}/plan":      http.StatusOK,
		// Not the proposal's digest (TestApplySubgroupsThroughTheAPI applies).
		"POST /api/v1/programs/{id}/subgroups/apply": http.StatusConflict,
		// No itinerary here: nothing to move (TestMoveThroughTheAPI moves).
		"POST /api/v1/programs/{id}/itinerary/moves": http.StatusUnprocessableEntity,
		// No itinerary and no Chromium here: refused, saying why
		// (internal/app's TestDistribute sends).
		"POST /api/v1/programs/{id}/distribution":    http.StatusUnprocessableEntity,
		"POST /api/v1/programs/{id}/release":         http.StatusUnprocessableEntity, // no itinerary: TestReleaseEndpoint releases
		"POST /api/v1/meetings/{id}/cancel":          http.StatusOK,
		"POST /api/v1/programs/{id}/feedback":        http.StatusOK,       // the program is over: links to all who took part
		"POST /api/v1/inbound":                       http.StatusAccepted, // a calendar answer (TestInboundThroughTheAPI)
		"POST /api/v1/inbound/{id}/attach":           http.StatusOK,
		"POST /api/v1/inbound/{id}/dismiss":          http.StatusOK,
		"POST /api/v1/requests/{id}/accept-counter":  http.StatusConflict, // none waits (TestInboundDoneMeans accepts one)
		"POST /api/v1/requests/{id}/decline-counter": http.StatusConflict, // none waits (TestInboundDoneMeans declines one)
		"POST /api/v1/activities/{id}/cancel":        http.StatusOK,

		// Projects (projects_test.go): tenant A, a community organization,
		// creates none and moves no arrival (the agency's); it accepts the
		// stop proposed to it, which gives the agency its program already
		// (a second grant conflicts), and revokes the agency's grant of
		// another of its stops.
		"POST /api/v1/projects":                               http.StatusForbidden,
		"POST /api/v1/projects/{id}/roster":                   http.StatusForbidden,
		"POST /api/v1/projects/{id}/roster/{member}/withdraw": http.StatusForbidden,
		"POST /api/v1/stops/{id}/accept":                      http.StatusOK,
		"PUT /api/v1/stops/{id}/arrival":                      http.StatusForbidden,
		"POST /api/v1/stops/{id}/grants":                      http.StatusConflict,
		"POST /api/v1/grants/{id}/revoke":                     http.StatusOK,

		// Project packages (project_packages_test.go): tenant A, a
		// community organization, exports no stop package and takes no
		// return package (the agency's); its program came from no stop
		// package; the test package's key is not one it trusts.
		"POST /api/v1/stops/{id}/package":           http.StatusForbidden,
		"POST /api/v1/programs/{id}/return-package": http.StatusUnprocessableEntity,
		"POST /api/v1/packages/stop":                http.StatusUnprocessableEntity,
		"POST /api/v1/packages/return":              http.StatusForbidden,
		"POST /api/v1/trusted-keys/{id}/revoke":     http.StatusOK,

		// The extra fixture's records, in the route table's order: a pending
		// household approved then rejected; the evening still to come gets
		// a household, loses it, is matched, adjusted and confirmed.
		"POST /api/v1/feeds/{id}/revoke":          http.StatusNoContent,
		"POST /api/v1/households/{id}/approve":    http.StatusOK,
		"POST /api/v1/households/{id}/reject":     http.StatusOK,
		"POST /api/v1/evenings/{id}/invite":       http.StatusOK,
		"POST /api/v1/evenings/{id}/availability": http.StatusOK,
		"POST /api/v1/evenings/{id}/match":        http.StatusOK,
		"POST /api/v1/evenings/{id}/move":         http.StatusOK,
		"POST /api/v1/evenings/{id}/lock":         http.StatusOK,
		"POST /api/v1/evenings/{id}/confirm":      http.StatusOK,
	}
	// Every write changes the organization's revision (its newest audit
	// entry), which the caches and the feeds' ETags are keyed by: a write
	// that changed records without an audit entry would be served stale.
	revision := func() int64 {
		id, _, err := e.store.LatestChange(context.Background(), e.tenantA.ID)
		must(t, err)
		return id
	}
	// Writes that change none of what is cached or served by revision (the
	// program, its days, people, meetings, activities, feeds, the
	// directory): a proposal that is not applied, feedback links and the
	// mail they queue, received mail and what is attached to a request's
	// history.
	unrevised := map[string]bool{
		"POST /api/v1/programs/{id}/plan":     true,
		"POST /api/v1/programs/{id}/feedback": true,
		"POST /api/v1/inbound":                true,
		"POST /api/v1/inbound/{id}/attach":    true,
		"POST /api/v1/inbound/{id}/dismiss":   true,
	}
	var before int64
	revised := func(rt route, r response) {
		t.Helper()
		if r.Code < 300 && revision() == before && !unrevised[rt.method+" "+rt.path] {
			t.Errorf("%s %s answered %d without changing the revision: caches keyed by it would not see the change", rt.method, rt.path, r.Code)
		}
		before = revision()
	}
	before = revision()
	var last []route
	for _, rt := range e.api.routes() {
		if rt.access == admin {
			path, body := e.target(rt)
			r := e.do(rt.method, path, e.officerA, body).expect(http.StatusForbidden)
			if code, _, _ := r.apiError(); code != "forbidden" {
				t.Errorf("%s %s: code %q, want forbidden", rt.method, rt.path, code)
			}
			continue
		}
		if rt.access != write {
			continue
		}
		if rt.method == "DELETE" {
			deletes = append(deletes, rt)
			continue
		}
		if _, ok := after[rt.method+" "+rt.path]; ok {
			last = append(last, rt)
			continue
		}
		path, body := e.target(rt)
		want := http.StatusOK
		if rt.method == "POST" && !strings.HasSuffix(rt.path, "/send") && !strings.HasSuffix(rt.path, "/withdraw") &&
			!strings.HasSuffix(rt.path, "/retry") && !strings.HasSuffix(rt.path, "/undo") {
			want = http.StatusCreated // actions on a record answer 200
		}
		revised(rt, e.do(rt.method, path, e.officerA, body).expect(want))
	}
	if len(last) != len(after) {
		t.Fatalf("%d of the %d workflows are routes", len(last), len(after))
	}
	for _, rt := range last {
		path, body := e.target(rt)
		revised(rt, e.do(rt.method, path, e.officerA, body).expect(after[rt.method+" "+rt.path]))
	}
	// A record's own parts (a program's travel times) before the record.
	sort.SliceStable(deletes, func(i, j int) bool { return len(deletes[i].path) > len(deletes[j].path) })
	order := []string{"meetings", "activities", "visitors", "interpreters", "programs", "contacts", "organizations", "places"}
	for _, kind := range order {
		for _, rt := range deletes {
			if !strings.HasPrefix(rt.path, "/api/v1/"+kind+"/") {
				continue
			}
			path, _ := e.target(rt)
			r := e.do("DELETE", path, e.officerA, nil)
			if r.Code == http.StatusConflict && (kind == "organizations" || kind == "places") {
				// Records created above still use it; the store says which.
				if code, msg, _ := r.apiError(); code != "conflict" || !strings.Contains(msg, "cannot be deleted") {
					t.Errorf("DELETE %s: %s %q, want a conflict naming the use", path, code, msg)
				}
				continue
			}
			if r.Code == http.StatusConflict && (kind == "meetings" || kind == "activities") {
				// Requested above: it stays on record, to be cancelled.
				if code, msg, _ := r.apiError(); code != "conflict" || !strings.Contains(msg, "cancel it instead") {
					t.Errorf("DELETE %s: %s %q, want a conflict asking to cancel", path, code, msg)
				}
				continue
			}
			revised(rt, r.expect(http.StatusNoContent))
			e.do("GET", path, e.officerA, nil).expect(http.StatusNotFound)
		}
	}
	// Deletes under an evening (its pairs): gone once, then not found.
	for _, rt := range deletes {
		if strings.HasPrefix(rt.path, "/api/v1/evenings/") {
			path, _ := e.target(rt)
			e.do("DELETE", path, e.officerA, nil).expect(http.StatusNoContent)
			e.do("DELETE", path, e.officerA, nil).expect(http.StatusNotFound)
		}
	}
}

// walkAdminRoutesAsTenantB walks the administrators' routes with an
// administrator of tenant B: tenant A's ids are not found, lists show none
// of the markers of tenant A, and changes stay in tenant B.
func (e *env) walkAdminRoutesAsTenantB(t *testing.T, markers []string) {
	x := e.more()
	settingsA := e.do("GET", "/api/v1/settings", x.adminA, nil).expect(http.StatusOK).Body.String()
	mailboxA := e.do("GET", "/api/v1/settings/mailbox", x.adminA, nil).expect(http.StatusOK).Body.String()
	bodies := map[string]any{
		"POST /api/v1/users":   map[string]any{"email": "associate@kc.example.org", "role": "officer"},
		"PUT /api/v1/settings": map[string]any{"name": "Kansas City Visitors Council", "time_zone": "America/Chicago"},
	}
	walked := 0
	for _, rt := range e.api.routes() {
		if rt.access != admin {
			continue
		}
		walked++
		name := rt.method + " " + rt.path
		path, body := e.target(rt)
		if b, ok := bodies[name]; ok {
			body = b
		}
		r := e.do(rt.method, path, x.adminB, body)
		switch {
		case strings.Contains(rt.path, "{id}"):
			r.expect(http.StatusNotFound)
			if code, _, _ := r.apiError(); code != "not_found" {
				t.Errorf("%s: code %q, want not_found", name, code)
			}
		case rt.method == "GET":
			r.expect(http.StatusOK)
			for _, m := range markers {
				if strings.Contains(r.Body.String(), m) {
					t.Errorf("%s: tenant B sees %q of tenant A", name, m)
				}
			}
		case name == "POST /api/v1/users":
			r.expect(http.StatusCreated)
		case name == "PUT /api/v1/settings", name == "PATCH /api/v1/settings", name == "PUT /api/v1/settings/mailbox":
			r.expect(http.StatusOK)
		default:
			t.Errorf("%s: not covered by the tenant walk", name)
		}
	}
	if walked < 9 {
		t.Errorf("only %d administrators' routes walked", walked)
	}
	// A token of tenant B cannot be made for a user of tenant A.
	e.do("POST", "/api/v1/tokens", x.adminB, map[string]any{"name": "Theirs", "user_id": x.user.ID}).expect(http.StatusNotFound)
	if got := e.do("GET", "/api/v1/settings", x.adminA, nil).expect(http.StatusOK).Body.String(); got != settingsA {
		t.Errorf("tenant B's administrator changed tenant A's settings:\nbefore %s\nafter  %s", settingsA, got)
	}
	if got := e.do("GET", "/api/v1/settings/mailbox", x.adminA, nil).expect(http.StatusOK).Body.String(); got != mailboxA {
		t.Errorf("tenant B's administrator changed tenant A's mailbox:\nbefore %s\nafter  %s", mailboxA, got)
	}
}

// TestAdminCanAdminister checks that an administrator can use every one of
// the administrators' routes and of the own-token routes (officers and
// viewers are refused them in the walks above), with the conflicts the
// rules call for; and that a viewer makes and revokes a token of their
// own, but not another's.
func TestAdminCanAdminister(t *testing.T) {
	t.Parallel()
	forBothStores(t, testAdminCanAdminister)
}

func testAdminCanAdminister(t *testing.T, e *env) {
	x := e.more()
	added := e.do("POST", "/api/v1/users", x.adminA, map[string]any{"email": "Associate@STL.example.org", "name": "Associate",
		"role": "Officer"}).expect(http.StatusCreated).object()
	if added["role"] != "officer" || added["email"] != "associate@stl.example.org" || added["password"] == "" {
		t.Fatalf("added user %v", added)
	}
	newID := id(int64(added["id"].(float64)))
	userPath := "/api/v1/users/" + id(x.user.ID)
	steps := []struct {
		route, path string
		body        any
		want        int
	}{
		{"GET /api/v1/users", "/api/v1/users", nil, http.StatusOK},
		{"POST /api/v1/users", "/api/v1/users", map[string]any{"email": "associate@stl.example.org", "role": "officer"}, http.StatusConflict},
		{"GET /api/v1/users/{id}", "/api/v1/users/" + newID, nil, http.StatusOK},
		{"PUT /api/v1/users/{id}", userPath, map[string]any{"email": x.user.Email, "name": "Second Officer", "role": "officer"}, http.StatusOK},
		{"PUT /api/v1/users/{id}", "/api/v1/users/" + id(x.admin.ID), map[string]any{"email": x.admin.Email, "role": "officer"}, http.StatusConflict},
		{"PUT /api/v1/users/{id}", userPath, map[string]any{"email": "not an address", "role": "boss"}, http.StatusUnprocessableEntity},
		{"PATCH /api/v1/users/{id}", userPath, map[string]any{"name": "Second Officer, patched"}, http.StatusOK},
		{"PATCH /api/v1/users/{id}", userPath, map[string]any{"role": "boss"}, http.StatusUnprocessableEntity},
		{"POST /api/v1/users/{id}/reset-password", userPath + "/reset-password", nil, http.StatusOK},
		{"GET /api/v1/tokens", "/api/v1/tokens", nil, http.StatusOK},
		{"POST /api/v1/tokens", "/api/v1/tokens", map[string]any{"name": "Reports", "user_id": x.user.ID}, http.StatusCreated},
		{"POST /api/v1/tokens/{id}/revoke", "/api/v1/tokens/" + id(x.token) + "/revoke", nil, http.StatusNoContent},
		{"GET /api/v1/settings", "/api/v1/settings", nil, http.StatusOK},
		{"PUT /api/v1/settings", "/api/v1/settings", e.validBody("settings"), http.StatusOK},
		{"PUT /api/v1/settings", "/api/v1/settings", map[string]any{"name": "", "time_zone": "Mars/Olympus"}, http.StatusUnprocessableEntity},
		{"PATCH /api/v1/settings", "/api/v1/settings", map[string]any{"mail_from_name": "Program office"}, http.StatusOK},
		{"GET /api/v1/settings/mailbox", "/api/v1/settings/mailbox", nil, http.StatusOK},
		{"PUT /api/v1/settings/mailbox", "/api/v1/settings/mailbox", e.validBody("mailbox"), http.StatusOK},
		{"PUT /api/v1/settings/mailbox", "/api/v1/settings/mailbox", map[string]any{"host": "imap.stl.example.org", "security": "none"},
			http.StatusUnprocessableEntity},
		{"DELETE /api/v1/users/{id}", "/api/v1/users/" + id(x.admin.ID), nil, http.StatusConflict},
		{"DELETE /api/v1/users/{id}", "/api/v1/users/" + newID, nil, http.StatusNoContent},
		{"GET /api/v1/audit", "/api/v1/audit?kind=user", nil, http.StatusOK},
		{"GET /api/v1/audit", "/api/v1/audit?from=yesterday", nil, http.StatusUnprocessableEntity},
	}
	covered := map[string]bool{}
	for _, s := range steps {
		covered[s.route] = true
		method, _, _ := strings.Cut(s.route, " ")
		r := e.do(method, s.path, x.adminA, s.body).expect(s.want)
		if s.want >= 400 {
			r.apiError()
		}
	}
	for _, rt := range e.api.routes() {
		if (rt.access == admin || rt.access == own) && !covered[rt.method+" "+rt.path] {
			t.Errorf("%s %s: not walked by the administrator", rt.method, rt.path)
		}
	}
	e.do("GET", "/api/v1/users/"+newID, x.adminA, nil).expect(http.StatusNotFound)
	e.do("GET", "/api/v1/programs", x.userToken, nil).expect(http.StatusUnauthorized) // revoked above
	if st := e.do("GET", "/api/v1/settings", x.adminA, nil).expect(http.StatusOK).object(); st["mail_from_name"] != "Program office" {
		t.Errorf("settings %v", st)
	}

	// A token of one's own: a viewer makes one, uses it and revokes it, but
	// cannot revoke another's; an officer cannot make one for someone else.
	mine := e.do("POST", "/api/v1/tokens", e.viewerA, map[string]any{"name": "Mine"}).expect(http.StatusCreated).object()
	secret := mine["token"].(string)
	e.do("GET", "/api/v1/programs", secret, nil).expect(http.StatusOK)
	e.do("POST", "/api/v1/tokens", e.officerA, map[string]any{"user_id": x.admin.ID}).expect(http.StatusForbidden)
	others := e.do("POST", "/api/v1/tokens", x.adminA, map[string]any{"name": "Admin's"}).expect(http.StatusCreated).object()
	e.do("POST", "/api/v1/tokens/"+id(int64(others["id"].(float64)))+"/revoke", e.viewerA, nil).expect(http.StatusForbidden)
	e.do("POST", "/api/v1/tokens/"+id(int64(mine["id"].(float64)))+"/revoke", e.viewerA, nil).expect(http.StatusNoContent)
	e.do("GET", "/api/v1/programs", secret, nil).expect(http.StatusUnauthorized)

	// A read-only token of an administrator reads, and writes nothing;
	// its use is recorded; an unknown access level names the field.
	ro := e.do("POST", "/api/v1/tokens", x.adminA, map[string]any{"name": "Reports", "access": "read"}).expect(http.StatusCreated).object()
	if ro["access"] != "read" || ro["last_used_at"] != nil {
		t.Errorf("read-only token %v", ro)
	}
	roSecret := ro["token"].(string)
	e.do("GET", "/api/v1/programs", roSecret, nil).expect(http.StatusOK)
	e.do("POST", "/api/v1/programs", roSecret, map[string]any{"title": "Not allowed"}).expect(http.StatusForbidden)
	e.do("GET", "/api/v1/users", roSecret, nil).expect(http.StatusForbidden)
	for _, tk := range e.do("GET", "/api/v1/tokens", x.adminA, nil).expect(http.StatusOK).object()["tokens"].([]any) {
		if tk := tk.(map[string]any); tk["id"] == ro["id"] && (tk["access"] != "read" || tk["last_used_at"] == nil) {
			t.Errorf("listed %v", tk)
		}
	}
	if f := e.do("POST", "/api/v1/tokens", x.adminA, map[string]any{"access": "root"}).expect(http.StatusUnprocessableEntity).object(); f["error"].(map[string]any)["fields"].(map[string]any)["access"] == nil {
		t.Errorf("unknown access: %v", f)
	}
}
