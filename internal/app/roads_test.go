package app_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"itinera/internal/app"
	"itinera/internal/geo"
	"itinera/internal/storetest"
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
