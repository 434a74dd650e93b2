package itinera_test

import (
	"testing"
	"time"

	"itinera"
)

// TestCheckRoute: the route's stops follow each other (the next starts on
// the previous one's last day or the day after), each journey leaves on
// the previous stop's last day and arrives on the stop's first, in their
// own zones; declined stops are not on the route.
func TestCheckRoute(t *testing.T) {
	t.Parallel()
	utc := func(s string) time.Time {
		x, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	stop := func(id int64, city, zone, start, end, departs, arrives string) itinera.ProjectStop {
		s := itinera.ProjectStop{ID: id, City: city, TimeZone: zone, StartDate: itinera.MustDate(start), EndDate: itinera.MustDate(end),
			Status: itinera.StopAccepted, ArrivalMode: itinera.TravelFlight}
		if departs != "" {
			s.DepartsAt, s.ArrivesAt = utc(departs), utc(arrives)
		}
		return s
	}
	dc := stop(1, "Washington", "America/New_York", "2026-12-01", "2026-12-05", "2026-11-30T23:00:00Z", "2026-12-01T14:00:00Z")
	stl := stop(2, "St. Louis", "America/Chicago", "2026-12-05", "2026-12-09", "2026-12-05T20:00:00Z", "2026-12-05T22:30:00Z")
	pdx := stop(3, "Portland", "America/Los_Angeles", "2026-12-09", "2026-12-12", "2026-12-09T15:00:00Z", "2026-12-09T21:00:00Z")
	kinds := func(ps []itinera.RouteProblem) map[string]int64 {
		out := map[string]int64{}
		for _, p := range ps {
			out[p.Kind] = p.StopID
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		stops []itinera.ProjectStop
		want  map[string]int64
	}{
		{"consistent, in any order", []itinera.ProjectStop{pdx, dc, stl}, map[string]int64{}},
		{"late departure, late arrival", func() []itinera.ProjectStop {
			late := stl
			late.DepartsAt, late.ArrivesAt = utc("2026-12-06T13:00:00Z"), utc("2026-12-06T20:00:00Z")
			return []itinera.ProjectStop{dc, late}
		}(), map[string]int64{itinera.RouteDeparture: 2, itinera.RouteArrival: 2}},
		{"an evening flight lands on the first day in its own zone", func() []itinera.ProjectStop {
			x := stl
			x.DepartsAt, x.ArrivesAt = utc("2026-12-05T22:00:00Z"), utc("2026-12-06T05:30:00Z") // 23:30 CST on the 5th
			return []itinera.ProjectStop{dc, x}
		}(), map[string]int64{}},
		{"overlap", func() []itinera.ProjectStop {
			x := stl
			x.StartDate = itinera.MustDate("2026-12-04")
			return []itinera.ProjectStop{dc, x}
		}(), map[string]int64{itinera.RouteOverlap: 2, itinera.RouteArrival: 2}},
		{"gap", []itinera.ProjectStop{dc, stop(3, "Portland", "America/Los_Angeles", "2026-12-08", "2026-12-10", "", "")},
			map[string]int64{itinera.RouteGap: 3, itinera.RouteNoTimes: 3}},
		{"a declined stop is off the route", func() []itinera.ProjectStop {
			x := stl
			x.Status = itinera.StopDeclined
			return []itinera.ProjectStop{dc, x, pdx}
		}(), map[string]int64{itinera.RouteGap: 3, itinera.RouteDeparture: 3}},
	} {
		got := kinds(itinera.CheckRoute(tc.stops))
		if len(got) != len(tc.want) {
			t.Errorf("%s: problems %v, want %v", tc.name, itinera.CheckRoute(tc.stops), tc.want)
			continue
		}
		for k, id := range tc.want {
			if got[k] != id {
				t.Errorf("%s: problems %v, want %v", tc.name, itinera.CheckRoute(tc.stops), tc.want)
			}
		}
	}
}
