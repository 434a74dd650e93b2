package app

import (
	"context"
	"errors"
	"math"
	"sort"

	"itinera"
	"itinera/internal/geo"
	"itinera/internal/planning"
	"itinera/internal/travel"
)

// roads asks the routing engine, when one is set, for the road times
// between the places a program's itinerary may use (the hotel, the
// meetings' and activities' places, the host organizations' offices), in
// one table, and gives them to the travel service; when it fails, the
// model answers and the service's note says so. It runs before any
// transaction: the engine is on the network.
func (a *App) roads(ctx context.Context, in *planning.Input) {
	if a.router == nil {
		return
	}
	places := routedPlaces(in)
	if len(places) < 2 {
		return
	}
	if len(places) > geo.MaxPoints {
		in.Travel.Note = "Travel times are estimates: the program uses more places than the routing engine answers for at once."
		return
	}
	pts := make([]geo.Point, len(places))
	for i, p := range places {
		pts[i] = geo.Point{Lat: p.Lat, Lon: p.Lon}
	}
	m, err := a.router.Table(ctx, pts)
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			a.log.WarnContext(ctx, "routing engine failed", "err", err)
		}
		in.Travel.Note = "Travel times are estimates: the routing engine did not answer, so Itinera's own model timed the trips."
		return
	}
	roads := travel.Overrides{}
	for i := range places {
		for j := range places {
			if i == j || m[i][j] == geo.NoRoute {
				continue
			}
			roads[travel.Leg{From: places[i].ID, To: places[j].ID}] = int(math.Ceil(m[i][j].Minutes()))
		}
	}
	in.Travel.Roads = roads
}

// routedPlaces are the places with coordinates an itinerary of the
// program may go to, by id.
func routedPlaces(in *planning.Input) []itinera.Place {
	want := map[int64]bool{in.Program.HotelPlaceID: true}
	hosts := map[int64]bool{}
	for _, m := range in.Meetings {
		want[m.PlaceID], hosts[m.HostOrganizationID] = true, true
	}
	for _, x := range in.Activities {
		want[x.PlaceID] = true
	}
	for _, o := range in.Organizations {
		if hosts[o.ID] {
			want[o.PlaceID] = true
		}
	}
	var out []itinera.Place
	for _, p := range in.Places {
		if p.ID != 0 && want[p.ID] && (p.Lat != 0 || p.Lon != 0) {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
