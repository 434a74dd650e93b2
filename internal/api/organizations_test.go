package api

import (
	"net/http"
	"strings"
	"sync"
	"testing"
)

// TestOrganizationByAddress: an organization is created with its address
// and the pin, its office added to the directory; GET answers its address;
// a PATCH of its name renames its office, a PUT of what GET answered with
// a new address and pin moves it; refusals name the field, the same on
// SQLite and PostgreSQL.
func TestOrganizationByAddress(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	refusals := map[string][]string{}
	t.Cleanup(func() {
		if a, b := strings.Join(refusals["sqlite"], "\n"), strings.Join(refusals["postgres"], "\n"); a != b || a == "" {
			t.Errorf("refusals differ between the databases:\n%s\n--\n%s", a, b)
		}
	})
	forBothStores(t, func(t *testing.T, e *env) {
		var bodies []string
		refuse := func(method, path string, body map[string]any, field, says string) {
			t.Helper()
			r := e.do(method, path, e.officerA, body).expect(http.StatusUnprocessableEntity)
			_, _, fields := r.apiError()
			if msg, _ := fields[field].(string); !strings.Contains(msg, says) {
				t.Errorf("%s %s %v: fields %v, want %q on %s", method, path, body, fields, says, field)
			}
			bodies = append(bodies, r.Body.String())
		}
		const soulard = "730 Carroll St, St. Louis, MO 63104"
		// No geocoder here: an address alone asks for the pin.
		refuse("POST", "/api/v1/organizations", map[string]any{"name": "Soulard Legal Clinic", "address": soulard}, "lat", "pin")
		refuse("POST", "/api/v1/organizations", map[string]any{"name": "Soulard Legal Clinic", "lat": 38.6, "lon": -90.2}, "address", "address")
		refuse("POST", "/api/v1/organizations", map[string]any{"name": "Soulard Legal Clinic", "address": soulard, "lat": 38.6, "lon": -190},
			"lon", "Longitude")

		r := e.do("POST", "/api/v1/organizations", e.officerA, map[string]any{"name": "Soulard Legal Clinic", "kind": "nonprofit",
			"address": soulard, "lat": 38.6102, "lon": -90.207, "coordinates_source": "map"}).expect(http.StatusCreated)
		o := r.object()
		place, _ := o["place"].(map[string]any)
		if o["address"] != soulard || place == nil || place["name"] != "Soulard Legal Clinic" {
			t.Fatalf("created: %v", o)
		}
		path := r.Header().Get("Location")
		placePath := "/api/v1/places/" + id(int64(place["id"].(float64)))
		p := e.do("GET", placePath, e.viewerA, nil).expect(http.StatusOK).object()
		if p["kind"] != "office" || p["lat"] != 38.6102 || p["coordinates_source"] != "map" || p["address"] != soulard {
			t.Fatalf("office %v", p)
		}

		// A PATCH of the name keeps the office, renamed with it.
		o = e.do("PATCH", path, e.officerA, map[string]any{"name": "Soulard Law Clinic"}).expect(http.StatusOK).object()
		if got, _ := o["place"].(map[string]any); got["id"] != place["id"] || got["name"] != "Soulard Law Clinic" || o["address"] != soulard {
			t.Fatalf("renamed: %v", o)
		}

		// A PUT of what GET answers, with a new address and its pin, moves the office.
		got := e.do("GET", path, e.viewerA, nil).expect(http.StatusOK).object()
		body := map[string]any{"name": got["name"], "kind": got["kind"], "description": got["description"], "website": got["website"],
			"email": got["email"], "phone": got["phone"], "topics": got["topics"], "place_id": place["id"],
			"address": "2 Soulard Market Plaza, St. Louis", "lat": 38.611, "lon": -90.208}
		o = e.do("PUT", path, e.officerA, body).expect(http.StatusOK).object()
		if got, _ := o["place"].(map[string]any); got["id"] != place["id"] || o["address"] != "2 Soulard Market Plaza, St. Louis" {
			t.Fatalf("moved: %v", o)
		}
		if p := e.do("GET", placePath, e.viewerA, nil).expect(http.StatusOK).object(); p["lat"] != 38.611 || p["coordinates_source"] != "typed" {
			t.Fatalf("moved office %v", p)
		}
		// A new address alone needs a geocoder.
		refuse("PATCH", path, map[string]any{"address": "3 Other St, St. Louis"}, "lat", "pin")
		// A place of the directory, chosen, wins over the address.
		o = e.do("PATCH", path, e.officerA, map[string]any{"place_id": e.place.ID}).expect(http.StatusOK).object()
		if o["address"] != e.place.Address {
			t.Fatalf("chosen place: %v", o)
		}
		mu.Lock()
		refusals[storeName(t)] = bodies
		mu.Unlock()
	})
}

// storeName is the database a forBothStores subtest runs on.
func storeName(t *testing.T) string {
	return t.Name()[strings.LastIndex(t.Name(), "/")+1:]
}
