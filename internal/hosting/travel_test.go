package hosting_test

import (
	"testing"

	"itinera"
	"itinera/internal/hosting"
	"itinera/internal/travel"
)

// The hosts' drive from the hotel is timed by the program's travel service,
// the one the itinerary engine uses: a home 25 km out is not an hour away.
func TestHostsTravelUsesTheTravelService(t *testing.T) {
	t.Parallel()
	hotel := itinera.Place{ID: 1, Name: "Hotel", Lat: 38.6270, Lon: -90.1910}
	rec := &hosting.Records{Hotel: hotel, Travel: travel.ForProgram(itinera.Program{}, nil)}
	home := itinera.HostHousehold{ID: 9, Lat: 38.6270, Lon: -90.1910 - 25/(111.195*0.78123)} // 25 km west
	want := travel.ForProgram(itinera.Program{}, nil).Between(travel.Place{ID: 1, Point: travel.Point{Lat: hotel.Lat, Lon: hotel.Lon}},
		travel.Place{Point: travel.Point{Lat: home.Lat, Lon: home.Lon}})
	got := rec.TravelMinutes(home)
	if got != want || got < 35 || got > 55 {
		t.Errorf("hosts' travel %d minutes, want the travel service's %d (35-55 by van)", got, want)
	}
	if km := rec.DistanceKm(home); km < 24.5 || km > 25.5 {
		t.Errorf("distance %.1f km", km)
	}
	if (&hosting.Records{}).TravelMinutes(home) != 0 {
		t.Error("travel without a hotel")
	}
}
