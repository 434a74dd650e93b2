package itinera

import (
	"testing"
	"time"
)

func TestHostHouseholdValidate(t *testing.T) {
	t.Parallel()
	ok := HostHousehold{TenantID: 1, Name: " The Brennan household ", Address: "3915 Connecticut St", Lat: 38.59, Lon: -90.25,
		ContactName: "Kathleen", Email: "KB@Example.com", Languages: []string{"English", " english "}, Capacity: 4,
		FreeWeekdays: []time.Weekday{time.Sunday, time.Sunday}}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	if ok.Name != "The Brennan household" || len(ok.Languages) != 1 || len(ok.FreeWeekdays) != 1 || ok.Status != HouseholdPending {
		t.Fatalf("not normalised: %+v", ok)
	}
	bad := HostHousehold{Capacity: 99, FreeWeekdays: []time.Weekday{9}}
	fields := ErrorFields(bad.Validate())
	for _, f := range []string{"name", "address", "lat", "contact_name", "email", "languages", "capacity", "free_weekdays"} {
		if fields[f] == "" {
			t.Errorf("no message for %s: %v", f, fields)
		}
	}
	sun := MustDate("2026-12-06")
	if !(&HostHousehold{}).FreeOn(sun) {
		t.Error("a household that named no days is not asked")
	}
	if (&HostHousehold{FreeDates: []Date{MustDate("2026-12-07")}}).FreeOn(sun) {
		t.Error("free on a date not listed")
	}
	if !(&HostHousehold{FreeWeekdays: []time.Weekday{time.Sunday}}).FreeOn(sun) {
		t.Error("not free on a listed weekday")
	}
}

func TestHospitalityEveningValidate(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 12, 6, 23, 30, 0, 0, time.UTC)
	e := HospitalityEvening{ProgramID: 1, Start: start, End: start.Add(3 * time.Hour), VisitorIDs: []int64{1}}
	if err := e.Validate(); err != nil || e.MinGroup != 2 || e.Status != EveningPlanning {
		t.Fatalf("%v %+v", err, e)
	}
	e.End, e.VisitorIDs, e.MinGroup = start.Add(-time.Hour), nil, 9
	fields := ErrorFields(e.Validate())
	for _, f := range []string{"end", "visitor_ids", "min_group"} {
		if fields[f] == "" {
			t.Errorf("no message for %s: %v", f, fields)
		}
	}
	p := HospitalityPair{ProgramID: 1, VisitorA: 2, VisitorB: 2, Kind: "maybe"}
	if f := ErrorFields(p.Validate()); f["visitor_b"] == "" || f["kind"] == "" {
		t.Errorf("pair: %v", f)
	}
}
