package api

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/auth"
)

var workflowLinkRE = regexp.MustCompile(`/r/([A-Za-z0-9_-]{43})`)

// TestWorkflowsThroughTheAPI is a program officer's script that uses only
// the API, on both databases: a whole program entered, planned and
// applied, a request sent, answered by the resource and confirmed, then
// the meeting cancelled — which leaves the itinerary in a new version and
// sends the resource a calendar cancellation.
func TestWorkflowsThroughTheAPI(t *testing.T) {
	t.Parallel()
	forBothStores(t, testWorkflowsThroughTheAPI)
}

func testWorkflowsThroughTheAPI(t *testing.T, e *env) {
	tok := e.officerA
	num := func(m map[string]any, k string) int64 { return int64(m[k].(float64)) }
	post := func(path string, body any, want int) map[string]any {
		t.Helper()
		return e.do("POST", path, tok, body).expect(want).object()
	}
	hotel := post("/api/v1/places", map[string]any{"name": "Hotel downtown", "kind": "hotel", "address": "1 Market St, St. Louis",
		"lat": 38.627, "lon": -90.19}, http.StatusCreated)
	venue := post("/api/v1/places", map[string]any{"name": "County Library", "kind": "venue", "address": "1640 S Lindbergh Blvd",
		"lat": 38.605, "lon": -90.36}, http.StatusCreated)
	org := post("/api/v1/organizations", map[string]any{"name": "Healing Action Network", "kind": "nonprofit",
		"place_id": num(venue, "id"), "topics": []string{"victim services"}}, http.StatusCreated)
	contact := post("/api/v1/contacts", map[string]any{"organization_id": num(org, "id"), "name": "Renee Calloway",
		"email": "renee@example.org"}, http.StatusCreated)
	prog := post("/api/v1/programs", map[string]any{"title": "Combating Trafficking in Persons", "city": "St. Louis",
		"time_zone": "America/Chicago", "start_date": "2026-12-12", "end_date": "2026-12-16", "hotel_place_id": num(hotel, "id"),
		"objectives": []string{"victim services"}}, http.StatusCreated)
	pid := id(num(prog, "id"))
	post("/api/v1/programs/"+pid+"/visitors", map[string]any{"given_name": "Ana", "family_name": "Silva", "country": "Brazil",
		"email": "ana@example.org", "languages": []string{"English"}}, http.StatusCreated)
	meeting := post("/api/v1/programs/"+pid+"/meetings", map[string]any{"title": "Survivor services", "host_organization_id": num(org, "id"),
		"contact_id": num(contact, "id"), "duration_minutes": 90, "priority": 5, "topics": []string{"victim services"},
		"windows": []map[string]string{{"start": "2026-12-14T09:00:00-06:00", "end": "2026-12-14T12:00:00-06:00"}}}, http.StatusCreated)
	mid := id(num(meeting, "id"))

	// Plan, then apply what was shown; a stale digest is refused.
	plan := post("/api/v1/programs/"+pid+"/plan", map[string]any{}, http.StatusOK)
	if plan["applied"] != false || len(plan["days"].([]any)) != 5 {
		t.Fatalf("plan: %v", plan)
	}
	if sg, ok := plan["subgroups"].(map[string]any); !ok || len(sg["days"].([]any)) != 5 || sg["split_days"] != float64(0) {
		t.Fatalf("plan's sub-groups: %v", plan["subgroups"])
	}
	applied := post("/api/v1/programs/"+pid+"/plan", map[string]any{"apply": true, "digest": plan["digest"]}, http.StatusOK)
	if applied["applied"] != true || applied["itinerary_version"].(float64) != 1 {
		t.Fatalf("applied: %v", applied)
	}
	e.do("POST", "/api/v1/programs/"+pid+"/plan", tok, map[string]any{"apply": true, "digest": plan["digest"]}).expect(http.StatusConflict)

	// Release it: the visitor is told the whole program, once.
	rp := e.do("GET", "/api/v1/programs/"+pid+"/release", tok, nil).expect(http.StatusOK).object()
	people := rp["people"].([]any)
	if rp["why"] != "" || rp["last_release"] != nil || len(people) != 1 || len(people[0].(map[string]any)["changes"].([]any)) != 1 {
		t.Fatalf("release plan: %v", rp)
	}
	rel := post("/api/v1/programs/"+pid+"/release", map[string]any{"note": "Welcome!"}, http.StatusOK)
	if rel["queued"] != 1.0 || rel["release"].(map[string]any)["version"] != 1.0 {
		t.Fatalf("release: %v", rel)
	}
	e.do("POST", "/api/v1/programs/"+pid+"/release", tok, map[string]any{}).expect(http.StatusUnprocessableEntity)
	if rels := e.do("GET", "/api/v1/programs/"+pid+"/releases", tok, nil).expect(http.StatusOK).object()["releases"].([]any); len(rels) != 1 {
		t.Fatalf("releases: %v", rels)
	}
	it := e.do("GET", "/api/v1/programs/"+pid+"/itinerary", tok, nil).expect(http.StatusOK).object()
	if !strings.Contains(e.do("GET", "/api/v1/programs/"+pid+"/itinerary", tok, nil).Body.String(), "Survivor services") {
		t.Fatalf("itinerary: %v", it)
	}
	// Pins by item name, and items that do not exist are named.
	r := e.do("POST", "/api/v1/programs/"+pid+"/plan", tok, map[string]any{"pins": []map[string]string{{"item": "meeting-999999",
		"start": "2026-12-14T09:00:00-06:00"}}}).expect(http.StatusUnprocessableEntity)
	if _, _, f := r.apiError(); f["pins"] == nil {
		t.Errorf("pins: %v", f)
	}
	pinned := post("/api/v1/programs/"+pid+"/plan", map[string]any{"pins": []map[string]string{{"item": "meeting-" + mid,
		"start": "2026-12-14T10:30:00-06:00"}}}, http.StatusOK)
	if !strings.Contains(toJSON(t, pinned), `"start":"2026-12-14T10:30:00-06:00"`) {
		t.Errorf("the pin did not hold: %s", toJSON(t, pinned))
	}

	// Create and send in one call; the resource answers from the link.
	rq := post("/api/v1/meetings/"+mid+"/requests", map[string]any{"contact_id": num(contact, "id"), "send": true,
		"windows": []map[string]string{{"start": "2026-12-14T09:00:00-06:00", "end": "2026-12-14T10:30:00-06:00"}}}, http.StatusCreated)
	if rq["status"] != "sent" {
		t.Fatalf("request: %v", rq)
	}
	ctx := context.Background()
	msgs, err := e.store.OutboxMessages(ctx, e.tenantA.ID, itinera.OutboxFilter{})
	must(t, err)
	link := workflowLinkRE.FindStringSubmatch(msgs[0].TextBody)
	if link == nil {
		t.Fatal("no link in the request e-mail")
	}
	slot := itinera.Window{}
	open, err := e.api.app.OpenRequest(ctx, auth.HashToken(link[1]))
	must(t, err)
	slot = open.Windows[0]
	_, err = e.api.app.AnswerRequest(ctx, auth.HashToken(link[1]), itinera.RequestAnswer{Kind: itinera.AnswerAccept, Slot: slot})
	must(t, err)

	rid := id(num(rq, "id"))
	e.do("POST", "/api/v1/requests/"+rid+"/confirm", tok, map[string]string{"start": "2026-12-14T11:00:00-06:00",
		"end": "2026-12-14T12:30:00-06:00"}).expect(http.StatusUnprocessableEntity)
	conf := post("/api/v1/requests/"+rid+"/confirm", map[string]string{"start": "2026-12-14T09:00:00-06:00",
		"end": "2026-12-14T10:30:00-06:00"}, http.StatusOK)
	if conf["confirmed"] == nil {
		t.Fatalf("confirmed: %v", conf)
	}
	msgs, _ = e.store.OutboxMessages(ctx, e.tenantA.ID, itinera.OutboxFilter{})
	if msgs[0].CalendarMethod != "REQUEST" {
		t.Fatalf("no invitation after confirming: %q", msgs[0].Subject)
	}
	e.do("POST", "/api/v1/requests/"+rid+"/decline", tok, nil).expect(http.StatusConflict)

	// Cancelling the meeting: a new itinerary version without it, and a CANCEL.
	cancelled := post("/api/v1/meetings/"+mid+"/cancel", map[string]any{"reason": "The venue closed."}, http.StatusOK)
	if cancelled["status"] != "cancelled" || cancelled["notified"].(float64) != 1 {
		t.Fatalf("cancelled: %v", cancelled)
	}
	body := e.do("GET", "/api/v1/programs/"+pid+"/itinerary", tok, nil).expect(http.StatusOK).Body.String()
	if strings.Contains(body, "Survivor services") {
		t.Error("the cancelled meeting is still in the itinerary")
	}
	msgs, _ = e.store.OutboxMessages(ctx, e.tenantA.ID, itinera.OutboxFilter{})
	if msgs[0].CalendarMethod != "CANCEL" || !strings.Contains(msgs[0].TextBody, "The venue closed.") {
		t.Fatalf("cancellation: %q", msgs[0].TextBody)
	}
	e.do("POST", "/api/v1/meetings/"+mid+"/cancel", tok, nil).expect(http.StatusConflict)
	e.do("DELETE", "/api/v1/meetings/"+mid, tok, nil).expect(http.StatusConflict)

	// A PUT with status cancelled is the same cancellation, not a silent edit.
	m2 := post("/api/v1/programs/"+pid+"/meetings", map[string]any{"title": "Second meeting", "host_organization_id": num(org, "id"),
		"duration_minutes": 60, "windows": []map[string]string{{"start": "2026-12-15T09:00:00-06:00", "end": "2026-12-15T12:00:00-06:00"}}},
		http.StatusCreated)
	plan = post("/api/v1/programs/"+pid+"/plan", map[string]any{}, http.StatusOK)
	post("/api/v1/programs/"+pid+"/plan", map[string]any{"apply": true, "digest": plan["digest"]}, http.StatusOK)
	if !strings.Contains(e.do("GET", "/api/v1/programs/"+pid+"/itinerary", tok, nil).Body.String(), "Second meeting") {
		t.Fatal("the second meeting was not planned")
	}
	put := map[string]any{"title": "Second meeting", "host_organization_id": num(org, "id"), "duration_minutes": 60, "status": "cancelled",
		"windows": []map[string]string{{"start": "2026-12-15T09:00:00-06:00", "end": "2026-12-15T12:00:00-06:00"}}}
	e.do("PUT", "/api/v1/meetings/"+id(num(m2, "id")), tok, put).expect(http.StatusOK)
	if strings.Contains(e.do("GET", "/api/v1/programs/"+pid+"/itinerary", tok, nil).Body.String(), "Second meeting") {
		t.Error("a meeting cancelled by PUT stays in the itinerary")
	}
}

func toJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	must(t, err)
	return string(b)
}
