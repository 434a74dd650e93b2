package itinera

import (
	"fmt"
	"sort"
)

// RouteProblem is one inconsistency of a project's route: between one
// stop's end and the next one's start, or in a stop's arrival.
type RouteProblem struct {
	StopID int64 // the stop the problem is found at (the later of two)
	Kind   string
	Text   string
}

// Route problem kinds.
const (
	RouteOverlap   = "overlap"   // a stop starts before the previous one ends
	RouteGap       = "gap"       // days between two stops belong to neither
	RouteNoTimes   = "no-times"  // a journey has no departure or arrival time yet
	RouteDeparture = "departure" // a journey leaves on another day than the previous stop's last
	RouteArrival   = "arrival"   // a journey arrives on another day than the stop's first
)

// RouteOrder sorts stops by their first day, then their last, then id:
// the order of the route.
func RouteOrder(stops []ProjectStop) {
	sort.SliceStable(stops, func(i, j int) bool {
		a, b := stops[i], stops[j]
		if c := a.StartDate.Compare(b.StartDate); c != 0 {
			return c < 0
		}
		if c := a.EndDate.Compare(b.EndDate); c != 0 {
			return c < 0
		}
		return a.ID < b.ID
	})
}

// CheckRoute checks that each stop's end and the next one's start agree:
// the next stop starts on the previous one's last day (the travel day) or
// the day after, never before; its journey leaves on the previous stop's
// last day (in that stop's zone) and arrives on its first day (in its
// own). Declined stops are not on the route. It is pure: the same stops,
// the same problems, in route order.
func CheckRoute(stops []ProjectStop) []RouteProblem {
	route := make([]ProjectStop, 0, len(stops))
	for _, s := range stops {
		if s.Status != StopDeclined {
			route = append(route, s)
		}
	}
	RouteOrder(route)
	var out []RouteProblem
	add := func(s ProjectStop, kind, format string, args ...any) {
		out = append(out, RouteProblem{StopID: s.ID, Kind: kind, Text: fmt.Sprintf(format, args...)})
	}
	for i, s := range route {
		if i > 0 {
			p := route[i-1]
			switch n := p.EndDate.DaysUntil(s.StartDate); {
			case s.StartDate.Before(p.EndDate):
				add(s, RouteOverlap, "%s starts on %s, before %s ends on %s.", s.City, s.StartDate, p.City, p.EndDate)
			case n > 1:
				days := fmt.Sprintf("%d days", n-1)
				if n == 2 {
					days = "1 day"
				}
				add(s, RouteGap, "%s between %s (ends %s) and %s (starts %s) belong to no stop.", days, p.City, p.EndDate, s.City, s.StartDate)
			}
			if !s.DepartsAt.IsZero() {
				if d := DateOf(s.DepartsAt.In(p.Location())); d != p.EndDate {
					add(s, RouteDeparture, "The %s to %s leaves %s on %s, not on its last day (%s).", s.journey(), s.City, p.City, d, p.EndDate)
				}
			}
		}
		if s.DepartsAt.IsZero() || s.ArrivesAt.IsZero() {
			add(s, RouteNoTimes, "The %s to %s has no departure or arrival time yet.", s.journey(), s.City)
			continue
		}
		if d := DateOf(s.ArrivesAt.In(s.Location())); d != s.StartDate {
			add(s, RouteArrival, "The %s to %s arrives on %s, not on the stop's first day (%s).", s.journey(), s.City, d, s.StartDate)
		}
	}
	return out
}

// journey names the stop's arrival: "flight UA 1234", "ground journey".
func (s ProjectStop) journey() string {
	if s.ArrivalMode == TravelGround {
		if s.ArrivalRef != "" {
			return "ground journey (" + s.ArrivalRef + ")"
		}
		return "ground journey"
	}
	if s.ArrivalRef != "" {
		return "flight " + s.ArrivalRef
	}
	return "flight"
}
