package demo

import (
	"itinera"
	"itinera/internal/travel"
)

// travelMinutes estimates the leg between two places, 0 within one place.
// The initial itinerary records it before each item, estimated by the
// travel service the itinerary engine uses for a program
// (travel.ForProgram, with a new organization's defaults: by van, short
// hops walked), so the engine finds the entered plan feasible.
func travelMinutes(a, b placeData) int {
	if a.Key == b.Key {
		return 0
	}
	return travel.ForProgram(itinera.Settings{TravelMode: itinera.TravelVan, WalkShortHops: true}, nil, nil).Between(travel.Place{Point: travel.Point{Lat: a.Lat, Lon: a.Lon}},
		travel.Place{Point: travel.Point{Lat: b.Lat, Lon: b.Lon}})
}
