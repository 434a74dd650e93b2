package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestMoveThroughTheAPI plans a small program, reads its readiness, then
// moves its meeting by hand on both databases: the check explains the
// move and saves nothing; a move outside the meeting's window is refused
// with its reason (200 ok false without apply, 422 with it); an accepted
// move saves the next version with the meeting pinned; a move made on an
// older version is a conflict and a viewer may not move.
func TestMoveThroughTheAPI(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		tok := e.officerA
		num := func(m map[string]any, k string) int64 { return int64(m[k].(float64)) }
		post := func(path string, body any, want int) map[string]any {
			t.Helper()
			return e.do("POST", path, tok, body).expect(want).object()
		}
		hotel := post("/api/v1/places", map[string]any{"name": "Hotel downtown", "kind": "hotel", "address": "1 Market St, St. Louis",
			"lat": 38.627, "lon": -90.19}, http.StatusCreated)
		org := post("/api/v1/organizations", map[string]any{"name": "Healing Action Network", "kind": "nonprofit",
			"place_id": num(hotel, "id"), "topics": []string{"victim services"}}, http.StatusCreated)
		prog := post("/api/v1/programs", map[string]any{"title": "Moves", "city": "St. Louis",
			"time_zone": "America/Chicago", "start_date": "2026-12-12", "end_date": "2026-12-16", "hotel_place_id": num(hotel, "id"),
			"objectives": []string{"victim services"}}, http.StatusCreated)
		pid := id(num(prog, "id"))
		meeting := post("/api/v1/programs/"+pid+"/meetings", map[string]any{"title": "Survivor services", "host_organization_id": num(org, "id"),
			"duration_minutes": 90, "priority": 5, "topics": []string{"victim services"},
			"windows": []map[string]string{{"start": "2026-12-14T09:00:00-06:00", "end": "2026-12-14T12:00:00-06:00"}}}, http.StatusCreated)
		item := "meeting-" + id(num(meeting, "id"))
		path := "/api/v1/programs/" + pid + "/itinerary/moves"

		rd := e.do("GET", "/api/v1/programs/"+pid+"/readiness", tok, nil).expect(http.StatusOK).object()
		if rd["itinerary_version"] != 0.0 || len(rd["days_without_items"].([]any)) != 5 || len(rd["not_requested"].([]any)) != 1 || rd["ready"] != false {
			t.Fatalf("readiness before planning: %v", rd)
		}
		e.do("POST", path, tok, map[string]any{"item": item, "start": "2026-12-14T10:00:00-06:00"}).expect(http.StatusUnprocessableEntity)

		plan := post("/api/v1/programs/"+pid+"/plan", map[string]any{}, http.StatusOK)
		post("/api/v1/programs/"+pid+"/plan", map[string]any{"apply": true, "digest": plan["digest"]}, http.StatusOK)
		rd = e.do("GET", "/api/v1/programs/"+pid+"/readiness", tok, nil).expect(http.StatusOK).object()
		nr := rd["not_requested"].([]any)
		if rd["itinerary_version"] != 1.0 || rd["release_pending"] != true || len(nr) != 1 || nr[0].(map[string]any)["scheduled"] != true {
			t.Fatalf("readiness after planning: %v", rd)
		}
		it := e.do("GET", "/api/v1/programs/"+pid+"/itinerary", tok, nil).expect(http.StatusOK).object()["itinerary"].(map[string]any)
		start := it["items"].([]any)[0].(map[string]any)["start"].(string)
		to := "2026-12-14T10:00:00-06:00"
		if start == to {
			to = "2026-12-14T10:30:00-06:00"
		}

		check := post(path, map[string]any{"item": item, "start": to}, http.StatusOK)
		if check["ok"] != true || check["applied"] != false || check["itinerary_version"] != nil || check["start"] != to ||
			!strings.HasPrefix(check["explanation"].(string), "Moves the meeting to 10:") || !strings.Contains(check["explanation"].(string), "inside its window 09:00–12:00") {
			t.Fatalf("check: %v", check)
		}
		refused := post(path, map[string]any{"item": item, "start": "2026-12-14T11:00:00-06:00"}, http.StatusOK)
		if refused["ok"] != false || len(refused["reasons"].([]any)) == 0 || !strings.Contains(refused["explanation"].(string), "11:00–12:30 is outside") {
			t.Fatalf("refused check: %v", refused)
		}
		r := e.do("POST", path, tok, map[string]any{"item": item, "start": "2026-12-14T11:00:00-06:00", "apply": true}).expect(http.StatusUnprocessableEntity)
		if _, _, f := r.apiError(); f["start"] == nil {
			t.Errorf("refused move: fields %v", f)
		}
		e.do("POST", path, e.viewerA, map[string]any{"item": item, "start": to, "apply": true}).expect(http.StatusForbidden)
		e.do("POST", path, tok, map[string]any{"item": "meeting-999999", "start": to}).expect(http.StatusUnprocessableEntity)

		moved := post(path, map[string]any{"item": item, "start": to, "version": 1, "apply": true}, http.StatusOK)
		if moved["applied"] != true || moved["itinerary_version"] != 2.0 {
			t.Fatalf("moved: %v", moved)
		}
		it = e.do("GET", "/api/v1/programs/"+pid+"/itinerary", tok, nil).expect(http.StatusOK).object()["itinerary"].(map[string]any)
		x := it["items"].([]any)[0].(map[string]any)
		if x["start"] != to || x["pinned"] != true {
			t.Errorf("item after the move: %v", x)
		}
		e.do("POST", path, tok, map[string]any{"item": item, "start": "2026-12-14T09:30:00-06:00", "version": 1, "apply": true}).expect(http.StatusConflict)
	})
}
