package api

import (
	"context"
	"net/http"
	"testing"

	"itinera"
)

// TestTravelTimes sets, reads and removes the officer's time for a leg
// through the API; a leg between another organization's places, or with
// wrong minutes, is refused and nothing is stored. The settings and a day
// say how the delegation travels.
func TestTravelTimes(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		x := e.more()
		legs := "/api/v1/programs/" + id(e.program.ID) + "/travel-times"
		leg := legs + "/" + id(e.place.ID) + "/" + id(x.far.ID)
		e.do("GET", leg, e.officerA, nil).expect(http.StatusNotFound)
		got := e.do("PUT", leg, e.officerA, map[string]any{"minutes": 50, "note": "The bus takes 50 minutes here"}).expect(http.StatusOK).object()
		if got["minutes"] != 50.0 || got["from_place_name"] != e.place.Name || got["to_place_name"] != x.far.Name {
			t.Fatalf("set: %v", got)
		}
		e.do("PUT", leg, e.officerA, map[string]any{"minutes": 45}).expect(http.StatusOK)
		list := e.do("GET", legs, e.viewerA, nil).expect(http.StatusOK).object()
		if items := list["travel_times"].([]any); len(items) != 1 || items[0].(map[string]any)["minutes"] != 45.0 {
			t.Fatalf("list: %v", list)
		}

		for _, bad := range []map[string]any{{}, {"minutes": -5}, {"minutes": 1441}} {
			r := e.do("PUT", leg, e.officerA, bad).expect(http.StatusUnprocessableEntity)
			if _, _, fields := r.apiError(); fields["minutes"] == nil {
				t.Errorf("%v: no message on minutes: %s", bad, r.Body)
			}
		}
		back := legs + "/" + id(x.far.ID) + "/" + id(x.far.ID)
		e.do("PUT", back, e.officerA, map[string]any{"minutes": 5}).expect(http.StatusUnprocessableEntity)
		e.do("PUT", legs+"/0/"+id(x.far.ID), e.officerA, map[string]any{"minutes": 5}).expect(http.StatusNotFound)

		// Tenant B: A's program is not found, and B's program cannot
		// name A's places.
		e.do("GET", legs, e.officerB, nil).expect(http.StatusNotFound)
		e.do("PUT", leg, e.officerB, map[string]any{"minutes": 5}).expect(http.StatusNotFound)
		e.do("DELETE", leg, e.officerB, nil).expect(http.StatusNotFound)
		pb := itinera.Program{TenantID: e.tenantB.ID, Title: "B's program", City: "Kansas City", TimeZone: "America/Chicago",
			StartDate: e.program.StartDate, EndDate: e.program.EndDate}
		must(t, e.store.CreateProgram(ctx, &pb))
		bLeg := "/api/v1/programs/" + id(pb.ID) + "/travel-times/" + id(e.place.ID) + "/" + id(x.far.ID)
		if r := e.do("PUT", bLeg, e.officerB, map[string]any{"minutes": 5}); r.Code != http.StatusNotFound && r.Code != http.StatusUnprocessableEntity {
			t.Errorf("B's program naming A's places: %d %s", r.Code, r.Body)
		}
		if bl, err := e.store.TravelOverrides(ctx, e.tenantB.ID, pb.ID); err != nil || len(bl) != 0 {
			t.Errorf("B's program has %d travel times (%v)", len(bl), err)
		}

		e.do("DELETE", leg, e.officerA, nil).expect(http.StatusNoContent)
		e.do("GET", leg, e.officerA, nil).expect(http.StatusNotFound)
		e.do("DELETE", leg, e.officerA, nil).expect(http.StatusNotFound)

		// How the delegation travels: the settings' usual mode and a day's.
		st := e.do("PATCH", "/api/v1/settings", x.adminA, map[string]any{"travel_mode": "transit", "walk_short_hops": false}).expect(http.StatusOK).object()
		if st["travel_mode"] != "transit" || st["walk_short_hops"] != false {
			t.Fatalf("settings: %v", st)
		}
		e.do("PATCH", "/api/v1/settings", x.adminA, map[string]any{"travel_mode": "bicycle"}).expect(http.StatusUnprocessableEntity)
		day := "/api/v1/programs/" + id(e.program.ID) + "/days/" + e.program.StartDate.String()
		d := e.do("PATCH", day, e.officerA, map[string]any{"travel_mode": "walking"}).expect(http.StatusOK).object()
		if d["travel_mode"] != "walking" {
			t.Fatalf("day: %v", d)
		}
		r := e.do("PATCH", day, e.officerA, map[string]any{"travel_mode": "horse"}).expect(http.StatusUnprocessableEntity)
		if _, _, fields := r.apiError(); fields["travel_mode"] == nil {
			t.Errorf("no message on travel_mode: %s", r.Body)
		}
		days, err := e.store.Days(ctx, e.tenantA.ID, e.program.ID)
		must(t, err)
		if days[0].TravelMode != itinera.TravelWalking {
			t.Errorf("stored day mode %q", days[0].TravelMode)
		}
	})
}
