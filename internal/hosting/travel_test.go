package hosting_test

import (
	"testing"

	"itinera"
	"itinera/internal/hosting"
	"itinera/internal/travel"
)

// The hosts' drive from the hotel is timed by the program's travel service,
// the one the itinerary engine uses, in a car (the hosts drive their own): a
// home 25 km out is not an hour away.
func TestHostsTravelUsesTheTravelService(t *testing.T) {
	t.Parallel()
	hotel := itinera.Place{ID: 1, Name: "Hotel", Lat: 38.6270, Lon: -90.1910}
	svc := travel.ForProgram(itinera.Settings{TravelMode: itinera.TravelVan}, nil, nil).InMode(travel.Car)
	rec := &hosting.Records{Hotel: hotel, Travel: svc}
	home := itinera.HostHousehold{ID: 9, Lat: 38.6270, Lon: -90.1910 - 25/(111.195*0.78123)} // 25 km west
	want := svc.Between(travel.Place{ID: 1, Point: travel.Point{Lat: hotel.Lat, Lon: hotel.Lon}},
		travel.Place{Point: travel.Point{Lat: home.Lat, Lon: home.Lon}})
	got := rec.TravelMinutes(home)
	if got != want || got < 30 || got > 50 {
		t.Errorf("hosts' travel %d minutes, want the travel service's %d (30-50 by car)", got, want)
	}
	if km := rec.DistanceKm(home); km < 24.5 || km > 25.5 {
		t.Errorf("distance %.1f km", km)
	}
	if (&hosting.Records{}).TravelMinutes(home) != 0 {
		t.Error("travel without a hotel")
	}
}
