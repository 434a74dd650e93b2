package hosting

import (
	"strings"

	"itinera"
	"itinera/internal/matching"
	"itinera/internal/travel"
)

// Input maps the records to a matching instance. Locked guests become
// locks unless their household dropped out; households that are not
// available are listed as unavailable, so that Check reports guests left
// there.
func (rec *Records) Input() matching.Input {
	in := matching.Input{MinGroup: rec.Evening.MinGroup, Visitors: []matching.Visitor{}, Interpreters: []matching.Interpreter{},
		Households: []matching.Household{}, Together: []matching.Pair{}, Apart: []matching.Pair{}}
	for _, v := range rec.Visitors {
		in.Visitors = append(in.Visitors, matching.Visitor{ID: rec.visitorLabel[v.ID], Languages: v.Languages, Diets: v.Diets,
			Allergies: animals(v.Allergies), Interests: v.Interests})
	}
	for _, i := range rec.Interpreters {
		in.Interpreters = append(in.Interpreters, matching.Interpreter{ID: rec.interpLabel[i.ID], Languages: i.Languages})
	}
	for _, h := range rec.Households {
		label := rec.householdLabel[h.ID]
		in.Households = append(in.Households, matching.Household{ID: label, Capacity: h.Capacity, Languages: h.Languages,
			CanServe: h.CanServe, Pets: animals(h.Pets), TravelMinutes: rec.TravelMinutes(h), Interests: h.Interests})
		if !rec.Available(h) {
			in.Unavailable = append(in.Unavailable, label)
		}
	}
	for _, p := range rec.Pairs {
		a, b := rec.visitorLabel[p.VisitorA], rec.visitorLabel[p.VisitorB]
		if a == "" || b == "" {
			continue // one of them does not take part in this evening
		}
		if p.Kind == itinera.PairTogether {
			in.Together = append(in.Together, matching.Pair{a, b})
		} else {
			in.Apart = append(in.Apart, matching.Pair{a, b})
		}
	}
	for _, g := range rec.Evening.Guests {
		h := rec.householdLabel[g.HouseholdID]
		if !g.Locked || h == "" || rec.Evening.Unavailable(g.HouseholdID) {
			continue
		}
		if g.VisitorID != 0 && rec.visitorLabel[g.VisitorID] != "" {
			in.Locked = append(in.Locked, matching.Lock{Visitor: rec.visitorLabel[g.VisitorID], Household: h})
		}
		if g.InterpreterID != 0 && rec.interpLabel[g.InterpreterID] != "" {
			in.Locked = append(in.Locked, matching.Lock{Interpreter: rec.interpLabel[g.InterpreterID], Household: h})
		}
	}
	return in
}

// TravelMinutes estimates the hosts' drive from the hotel to their home
// with the program's travel service, the one the itinerary engine uses
// (the routing engine's road time when the application layer set it, see
// HomeLeg); 0 when the program has no hotel yet.
func (rec *Records) TravelMinutes(h itinera.HostHousehold) int {
	if rec.Hotel.ID == 0 || (h.Lat == 0 && h.Lon == 0) {
		return 0
	}
	return rec.Travel.Between(travel.Place{ID: rec.Hotel.ID, Point: travel.Point{Lat: rec.Hotel.Lat, Lon: rec.Hotel.Lon}},
		travel.Place{ID: HomePlace(h.ID), Point: travel.Point{Lat: h.Lat, Lon: h.Lon}})
}

// HomePlace is the travel service's place id of a household's home: minus
// the household's id, so that it never meets a directory place's. A road
// time from the hotel to a home is keyed
// travel.Leg{From: hotel, To: HomePlace(household)}.
func HomePlace(householdID int64) int64 { return -householdID }

// DistanceKm is the straight-line distance from the hotel to the home.
func (rec *Records) DistanceKm(h itinera.HostHousehold) float64 {
	if rec.Hotel.ID == 0 || (h.Lat == 0 && h.Lon == 0) {
		return 0
	}
	return travel.DistanceKm(travel.Point{Lat: rec.Hotel.Lat, Lon: rec.Hotel.Lon}, travel.Point{Lat: h.Lat, Lon: h.Lon})
}

// animals normalises animal words so that an allergy to "cats" meets a
// household's "cat": lower case, singular.
func animals(xs []string) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		out = append(out, animal(x))
	}
	return out
}

func animal(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) > 3 && strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss") {
		s = strings.TrimSuffix(s, "s")
	}
	return s
}
