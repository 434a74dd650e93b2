package app_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/geo"
	"itinera/internal/storetest"
	"itinera/internal/travel"
)

// osrm is an OSRM server on loopback answering /table/v1/driving/… in its
// documented format: every trip between two places takes 20 minutes, or
// it fails when broken.
func osrm(t *testing.T, broken bool) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if broken || !strings.HasPrefix(r.URL.Path, "/table/v1/driving/") {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"code":"InvalidQuery","message":"broken on purpose"}`))
			return
		}
		n := len(strings.Split(strings.TrimPrefix(r.URL.Path, "/table/v1/driving/"), ";"))
		d := make([][]float64, n)
		for i := range d {
			d[i] = make([]float64, n)
			for j := range d[i] {
				if i != j {
					d[i][j] = 1200
				}
			}
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"code": "Ok", "durations": d})
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestRoadTimes: with a routing engine, the itinerary engine times the
// legs between places with its road times (and the group's buffer); when
// the engine fails, the model times them and the plan says so.
func TestRoadTimes(t *testing.T) {
	t.Parallel()
	s := storetest.Default(t)
	f := mustDemo(t, s)
	for _, broken := range []bool{false, true} {
		r, err := geo.NewRouter("osrm", osrm(t, broken), geo.Options{UserAgent: "Itinera (+https://itinera.example.org)"})
		must(t, err)
		a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: storetest.Now, Hasher: cheap, Router: r})
		must(t, err)
		pl, err := a.Propose(ctx, f.c, f.program.ID, nil)
		must(t, err)
		legs := map[int]int{}
		for _, d := range pl.Proposal.Days {
			for _, x := range d.Items {
				if x.TravelMinutes > 0 {
					legs[x.TravelMinutes]++
				}
			}
		}
		road := 20 + pl.Input.Travel.BufferMinutes()
		switch {
		case !broken && (pl.Input.Travel.Note != "" || len(legs) != 1 || legs[road] == 0):
			t.Errorf("with road times every leg takes %d min: %v (note %q)", road, legs, pl.Input.Travel.Note)
		case broken && (!strings.Contains(pl.Input.Travel.Note, "did not answer") || legs[road] > 0 && len(legs) == 1):
			t.Errorf("a failing engine: legs %v, note %q", legs, pl.Input.Travel.Note)
		}
		if !broken {
			// Applying the proposal made with road times works: they are not
			// taken for a change of the program.
			if _, err := a.ApplyPlan(ctx, f.c, f.program.ID, nil, pl.Digest); err != nil {
				t.Fatalf("apply with road times: %v", err)
			}
		}
	}
}

// TestTravelOverride: the officer's time for a leg wins in the proposal,
// in that direction; another organization cannot set one on the program;
// removing it gives the leg back to the model.
func TestTravelOverride(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			pl, err := f.a.Propose(ctx, f.c, f.program.ID, nil)
			must(t, err)
			// The first leg of a day from the hotel to another place.
			var from, to int64
			for _, d := range pl.Proposal.Days {
				for _, x := range d.Items {
					if to == 0 && x.TravelMinutes > 0 && x.Place.ID != 0 && x.Place.ID != f.program.HotelPlaceID {
						from, to = f.program.HotelPlaceID, x.Place.ID
					}
				}
			}
			if to == 0 {
				t.Fatal("no leg from the hotel")
			}
			_, err = f.a.SetTravelOverride(ctx, f.c, itinera.TravelOverride{ProgramID: f.program.ID, From: from, To: to, Minutes: 77, Note: "The bus takes 77 minutes"})
			must(t, err)
			pl, err = f.a.Propose(ctx, f.c, f.program.ID, nil)
			must(t, err)
			if got := pl.Input.Travel.Between(travel.Place{ID: from}, travel.Place{ID: to}); got != 77 {
				t.Fatalf("the leg takes %d min", got)
			}
			if pl.Input.Travel.Between(travel.Place{ID: to, Point: travel.Point{Lat: 38.6, Lon: -90.2}}, travel.Place{ID: from, Point: travel.Point{Lat: 38.62, Lon: -90.19}}) == 77 {
				t.Error("the way back took the override too")
			}
			_, err = f.a.SetTravelOverride(ctx, f.c, itinera.TravelOverride{ProgramID: f.program.ID, From: from, To: from, Minutes: 5})
			wantField(t, err, "to_place_id")
			other := mustDemoIn(t, s, "other-"+name)
			_, err = other.a.SetTravelOverride(ctx, other.c, itinera.TravelOverride{ProgramID: f.program.ID, From: from, To: to, Minutes: 5})
			wantCode(t, err, itinera.ENOTFOUND)
			must(t, f.a.DeleteTravelOverride(ctx, f.c, f.program.ID, from, to))
			pl, err = f.a.Propose(ctx, f.c, f.program.ID, nil)
			must(t, err)
			if len(pl.Input.Travel.Overrides) != 0 {
				t.Fatalf("%v", pl.Input.Travel.Overrides)
			}
		})
	}
}

// TestHostRoadTimes: with a routing engine, the hosts' drive from the hotel
// to each home is its road time with a car's buffer (they drive their own),
// in the evening's view and in its matching; when the engine fails, the
// model times it.
func TestHostRoadTimes(t *testing.T) {
	t.Parallel()
	s := storetest.Default(t)
	f := mustDemo(t, s)
	for _, broken := range []bool{false, true} {
		r, err := geo.NewRouter("osrm", osrm(t, broken), geo.Options{UserAgent: "Itinera (+https://itinera.example.org)"})
		must(t, err)
		a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: storetest.Now, Hasher: cheap, Router: r})
		must(t, err)
		ev, err := a.ShowEvening(ctx, f.c, f.evening)
		must(t, err)
		rec := ev.Records
		if len(rec.Households) == 0 {
			t.Fatal("the demo's evening invites no household")
		}
		car := travel.Service{Mode: travel.Car}.BufferMinutes()
		for _, h := range rec.Households {
			got := rec.TravelMinutes(h)
			model := travel.ForProgram(itinera.Settings{}, nil, nil).InMode(travel.Car).Between(
				travel.Place{ID: rec.Hotel.ID, Point: travel.Point{Lat: rec.Hotel.Lat, Lon: rec.Hotel.Lon}},
				travel.Place{Point: travel.Point{Lat: h.Lat, Lon: h.Lon}})
			switch {
			case !broken && got != 20+car:
				t.Errorf("%s: %d minutes, want the road's 20 and a car's %d", h.Name, got, car)
			case broken && got != model:
				t.Errorf("%s with the engine down: %d minutes, want the model's %d", h.Name, got, model)
			}
		}
		m, err := a.MatchEvening(ctx, f.c, f.evening)
		must(t, err)
		if h := m.Records.Households[0]; !broken && m.Records.TravelMinutes(h) != 20+car {
			t.Errorf("matching: %d minutes", m.Records.TravelMinutes(h))
		}
	}
}
