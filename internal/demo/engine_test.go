package demo

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"itinera/internal/itinerary"
)

// problem turns the demo data into an itinerary problem directly (times are
// minutes from midnight of the arrival day), so this test guards the data's
// promise without depending on the store or the product's adapter.
func (d *dataFile) problem() itinerary.Problem {
	at := func(day int, c clock) int { return day*24*60 + int(c) }
	var p itinerary.Problem
	for _, pl := range d.Places {
		p.Places = append(p.Places, itinerary.Place{ID: pl.Key, Lat: pl.Lat, Lon: pl.Lon})
	}
	for _, dd := range d.Days {
		day := itinerary.Day{Label: fmt.Sprint("day ", dd.Day), Start: d.Program.Hotel, End: d.Program.Hotel,
			Depart: at(dd.Day, dd.Start), Return: at(dd.Day, dd.End), MaxMeetings: dd.MaxMeetings}
		if dd.LunchMinutes > 0 {
			day.Lunch = &itinerary.Lunch{From: at(dd.Day, dd.LunchFrom), To: at(dd.Day, dd.LunchTo), Duration: dd.LunchMinutes}
		}
		p.Days = append(p.Days, day)
	}
	windows := func(ws []windowData) []itinerary.Window {
		var out []itinerary.Window
		for _, w := range ws {
			out = append(out, itinerary.Window{From: at(w.Day, w.From), To: at(w.Day, w.To)})
		}
		return out
	}
	for _, m := range d.Meetings {
		if m.MaxVisitors > 0 && m.MaxVisitors < len(d.Visitors) {
			continue // for a sub-group only: the engine plans the whole delegation
		}
		p.Candidates = append(p.Candidates, itinerary.Candidate{ID: m.Key, Place: m.Place, Duration: m.DurationMinutes,
			Value: value(d, m.Topics, m.Priority), Windows: windows(m.Windows), Kind: itinerary.Meeting, Mandatory: m.Mandatory})
	}
	for _, a := range d.Activities {
		p.Candidates = append(p.Candidates, itinerary.Candidate{ID: a.Key, Place: a.Place, Duration: a.DurationMinutes,
			Value: value(d, a.Topics, a.Priority), Windows: windows(a.Windows), Kind: itinerary.Activity, Mandatory: a.Mandatory})
	}
	return p
}

// TestEngineReproducesTheSeed: run on the demo's candidates, the itinerary
// engine chooses the seed's days, in the seed's order, because they are the
// best choices under the data (nothing is pinned).
func TestEngineReproducesTheSeed(t *testing.T) {
	t.Parallel()
	d := mustParse(t)
	var want [][]string
	for _, it := range d.Itinerary.Items {
		for len(want) <= it.Day {
			want = append(want, nil)
		}
		want[it.Day] = append(want[it.Day], it.Meeting+it.Activity)
	}
	for seed := uint64(1); seed <= 3; seed++ {
		r, err := itinerary.Solve(context.Background(), d.problem(), itinerary.Options{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		if !r.Complete {
			t.Errorf("seed %d: a mandatory item was left out: %+v", seed, r.LeftOut)
		}
		var got [][]string
		for _, dp := range r.Days {
			var ids []string
			for _, it := range dp.Items {
				if !it.Lunch {
					ids = append(ids, it.CandidateID)
				}
			}
			got = append(got, ids)
		}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("seed %d: engine chose %q, want the seed's days %q", seed, got, want)
		}
	}
}
