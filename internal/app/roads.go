package app

import (
	"context"
	"errors"
	"math"
	"sort"

	"itinera"
	"itinera/internal/geo"
	"itinera/internal/hosting"
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

// hostRoads is homeRoads for the evening's households and extra ones
// (about to be invited), from its program's hotel.
func (a *App) hostRoads(ctx context.Context, c Caller, eveningID int64, extra ...itinera.HostHousehold) travel.Overrides {
	if a.router == nil {
		return nil
	}
	rec, err := hosting.Load(ctx, a.r, c.tenant(), eveningID)
	if err != nil {
		return nil
	}
	return a.homeRoads(ctx, rec.Hotel, append(rec.Households, extra...))
}

// homeRoads asks the routing engine, when one is set, for the hosts' drive
// from the hotel to each home, keyed as internal/hosting reads them
// (hosting.HomePlace), without buffer. It runs before any transaction;
// when the engine fails, or without one, it returns nil and the model
// answers.
func (a *App) homeRoads(ctx context.Context, hotel itinera.Place, households []itinera.HostHousehold) travel.Overrides {
	if a.router == nil || hotel.ID == 0 || (hotel.Lat == 0 && hotel.Lon == 0) {
		return nil
	}
	var homes []itinera.HostHousehold
	seen := map[int64]bool{}
	for _, h := range households {
		if !seen[h.ID] && (h.Lat != 0 || h.Lon != 0) {
			seen[h.ID] = true
			homes = append(homes, h)
		}
	}
	sort.Slice(homes, func(i, j int) bool { return homes[i].ID < homes[j].ID })
	roads := travel.Overrides{}
	from := geo.Point{Lat: hotel.Lat, Lon: hotel.Lon}
	for len(homes) > 0 {
		n := min(len(homes), geo.MaxPoints-1)
		pts := []geo.Point{from}
		for _, h := range homes[:n] {
			pts = append(pts, geo.Point{Lat: h.Lat, Lon: h.Lon})
		}
		m, err := a.router.Table(ctx, pts)
		if err != nil {
			if !errors.Is(err, context.Canceled) {
				a.log.WarnContext(ctx, "routing engine failed", "err", err)
			}
			return nil
		}
		for i, h := range homes[:n] {
			if m[0][i+1] != geo.NoRoute {
				roads[travel.Leg{From: hotel.ID, To: hosting.HomePlace(h.ID)}] = int(math.Ceil(m[0][i+1].Minutes()))
			}
		}
		homes = homes[n:]
	}
	return roads
}

// programHomeRoads is homeRoads for every approved household, from the
// program's hotel: a new evening's invitations.
func (a *App) programHomeRoads(ctx context.Context, c Caller, programID int64) travel.Overrides {
	if a.router == nil {
		return nil
	}
	p, err := a.r.Programs.Program(ctx, c.tenant(), programID)
	if err != nil || p.HotelPlaceID == 0 {
		return nil
	}
	hotel, err := a.r.Directory.Place(ctx, c.tenant(), p.HotelPlaceID)
	if err != nil {
		return nil
	}
	hs, err := a.r.Hospitality.Households(ctx, c.tenant(), itinera.HouseholdFilter{Status: itinera.HouseholdApproved})
	if err != nil {
		return nil
	}
	return a.homeRoads(ctx, hotel, hs)
}
