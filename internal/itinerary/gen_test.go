package itinerary_test

import (
	"fmt"
	"math/rand/v2"

	"itinera/internal/itinerary"
)

// randomProgram makes a program-sized problem: a hotel and candidates
// around downtown St. Louis, days of 08:30-18:00 (minutes since midnight
// of day 1), optional lunch, caps, a budget, a few mandatory or pinned
// items.
func randomProgram(seed uint64, nCand, nDays int) itinerary.Problem {
	rng := rand.New(rand.NewPCG(seed, 7))
	p := itinerary.Problem{}
	p.Places = append(p.Places, itinerary.Place{ID: "hotel", Lat: 38.627, Lon: -90.19})
	for d := range nDays {
		day := itinerary.Day{
			Label: fmt.Sprintf("day %d", d+1), Start: "hotel", End: "hotel",
			Depart: d*1440 + 510, Return: d*1440 + 1080,
		}
		if rng.IntN(2) == 0 {
			day.Lunch = &itinerary.Lunch{From: d*1440 + 690, To: d*1440 + 840, Duration: 45 + 15*rng.IntN(2)}
		}
		if rng.IntN(3) == 0 {
			day.MaxMeetings = 2 + rng.IntN(2)
		}
		p.Days = append(p.Days, day)
	}
	p.Limits = []itinerary.Limit{{Name: "budget", Max: 60}}
	for i := range nCand {
		id := fmt.Sprintf("c%02d", i)
		p.Places = append(p.Places, itinerary.Place{ID: id,
			Lat: 38.627 + (rng.Float64()-0.5)*0.16, Lon: -90.19 + (rng.Float64()-0.5)*0.2})
		c := itinerary.Candidate{ID: id, Place: id, Duration: 45 + 15*rng.IntN(5), Value: 10 + rng.IntN(90)}
		if rng.IntN(6) == 0 {
			c.Kind = itinerary.Activity
			c.Uses = map[string]int{"budget": 10 + rng.IntN(20)}
		}
		for range 1 + rng.IntN(3) {
			d := rng.IntN(nDays)
			from := d*1440 + 480 + 30*rng.IntN(16)
			c.Windows = append(c.Windows, itinerary.Window{From: from, To: from + c.Duration + 30*rng.IntN(10)})
		}
		if rng.IntN(12) == 0 {
			c.Mandatory = true
		}
		p.Candidates = append(p.Candidates, c)
	}
	// Pin one item inside its first window.
	if nCand > 3 && rng.IntN(2) == 0 {
		c := &p.Candidates[rng.IntN(nCand)]
		s := c.Windows[0].From
		c.PinnedStart = &s
	}
	return p
}
