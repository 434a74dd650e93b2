package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/storetest"
)

// TestHospitalityEndpoint confirms an evening of tenant A and reads it
// back: guests by first name per household, volunteer time; tenant B
// cannot see it. Every answer is checked against openapi.json by do.
func TestHospitalityEndpoint(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		s, tid := e.store, e.tenantA.ID
		ctx := context.Background()
		path := "/api/v1/programs/" + strconv.FormatInt(e.program.ID, 10) + "/hospitality"
		empty := e.do("GET", path, e.viewerA, nil).expect(http.StatusOK).object()
		if evs, _ := empty["evenings"].([]any); len(evs) != 0 || empty["total_volunteer_minutes"] != 0.0 {
			t.Fatalf("before any evening: %v", empty)
		}

		_, hash, err := auth.NewToken()
		must(t, err)
		h := itinera.HostHousehold{TenantID: tid, Name: "The Brennan household", Address: "3915 Connecticut St, St. Louis, MO",
			Lat: 38.5957, Lon: -90.2559, ContactName: "Kathleen Brennan", Email: "kb@example.com", Languages: []string{"English"},
			Capacity: 4}
		must(t, s.SignUpHousehold(ctx, &h, itinera.HouseholdLink{TokenHash: hash, ExpiresAt: storetest.Clock.Add(24 * time.Hour)}))
		must(t, s.SetHouseholdStatus(ctx, tid, h.ID, itinera.HouseholdApproved))
		loc := e.program.Location()
		day := e.program.StartDate
		ev := itinera.HospitalityEvening{TenantID: tid, ProgramID: e.program.ID, Start: day.At(itinera.MustClock("17:30"), loc),
			End: day.At(itinera.MustClock("21:00"), loc), VisitorIDs: []int64{e.visitor.ID}, InterpreterIDs: []int64{e.interpreter.ID}, MinGroup: 1}
		must(t, s.CreateEvening(ctx, &ev))
		must(t, s.InviteHouseholds(ctx, tid, ev.ID, []int64{h.ID}))
		must(t, s.SaveMatching(ctx, tid, ev.ID, []itinera.HospitalityGuest{{HouseholdID: h.ID, VisitorID: e.visitor.ID},
			{HouseholdID: h.ID, InterpreterID: e.interpreter.ID}}, nil))

		matched := e.do("GET", path, e.viewerA, nil).expect(http.StatusOK).object()
		evs := matched["evenings"].([]any)
		if len(evs) != 1 {
			t.Fatalf("evenings %v", evs)
		}
		hj := evs[0].(map[string]any)["households"].([]any)[0].(map[string]any)
		if hj["volunteer_minutes"] != nil || len(hj["guests"].([]any)) != 2 {
			t.Fatalf("matched household %v", hj)
		}

		_, err = s.ConfirmEvening(ctx, tid, ev.ID, itinera.HospitalityConfirmation{Hours: []itinera.VolunteerHours{{HouseholdID: h.ID, Minutes: 270}}})
		must(t, err)
		got := e.do("GET", path, e.officerA, nil).expect(http.StatusOK).object()
		if got["total_volunteer_minutes"] != 270.0 {
			t.Errorf("total %v", got["total_volunteer_minutes"])
		}
		evj := got["evenings"].([]any)[0].(map[string]any)
		if evj["status"] != "confirmed" || evj["confirmed_at"] == nil || !strings.HasPrefix(evj["start"].(string), day.String()+"T17:30:00-") {
			t.Errorf("evening %v", evj)
		}
		hj = evj["households"].([]any)[0].(map[string]any)
		if hj["name"] != h.Name || hj["volunteer_minutes"] != 270.0 || hj["volunteer_hours"] != 4.5 {
			t.Errorf("household %v", hj)
		}
		guests := hj["guests"].([]any)
		first := guests[0].(map[string]any)
		if first["role"] != "visitor" || first["first_name"] != e.visitor.GivenName {
			t.Errorf("first guest %v, want visitor %s", first, e.visitor.GivenName)
		}
		if strings.Contains(e.do("GET", path, e.viewerA, nil).Body.String(), e.visitor.FamilyName) && e.visitor.FamilyName != "" {
			t.Error("the answer gives a visitor's family name")
		}
		// Tenant B does not see tenant A's program.
		e.do("GET", path, e.officerB, nil).expect(http.StatusNotFound)
	})
}
