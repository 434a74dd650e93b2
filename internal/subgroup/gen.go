package subgroup

import (
	"fmt"
	"math/rand/v2"

	"itinera/internal/itinerary"
)

// Size says how large a generated delegation is.
type Size struct {
	Visitors, Interpreters, Candidates, Days int
}

// Generate makes a delegation's program for tests and benchmarks, the
// same for the same seed and size: visitors who speak two or three of
// French, Arabic, Spanish, Russian and Portuguese (some English too), with weighted
// interests among six topics; interpreters between English and one or
// two of those; days with a together welcome (day 1) and evening, split
// visits from 10:00 (09:00 after day 1) to 17:00 and a lunch hour at
// 12:30, together or apart; meetings in English, Spanish or no language,
// some for at most three to eight people, some for named visitors, a
// mandatory welcome. Times are minutes from midnight of day 1; travel is
// the Driving model between places around St. Louis.
func Generate(seed uint64, sz Size) Problem {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b9))
	p := Problem{
		Escorts:       2 + rng.IntN(3),
		LunchTogether: rng.IntN(2) == 0,
		SplitCost:     10 + rng.IntN(30),
		TopicLabels: map[string]string{"survivors": "survivor services", "prosecution": "prosecution",
			"policing": "policing", "media": "the media", "education": "education", "civil": "civil society"},
	}
	topics := []string{"survivors", "prosecution", "policing", "media", "education", "civil"}
	foreign := []string{"fr", "ar", "es", "ru", "pt"}
	rng.Shuffle(len(foreign), func(i, j int) { foreign[i], foreign[j] = foreign[j], foreign[i] })
	// The delegation's languages besides English, each one an interpreter's.
	foreign = foreign[:max(1, min(2+rng.IntN(2), sz.Interpreters))]
	names := []string{"Amina", "Priya", "Lena", "Omar", "Sofia", "Tariq", "Yuki", "Nadia", "Carlos", "Irina",
		"Kwame", "Leila", "Mateo", "Olga", "Rania", "Samir", "Tomas", "Ugne", "Vera", "Wen",
		"Ximena", "Yusuf", "Zara", "Bilal", "Chiara"}
	p.Places = append(p.Places, itinerary.Place{ID: "hotel", Lat: 38.627, Lon: -90.19})
	for v := range sz.Visitors {
		vis := Visitor{ID: fmt.Sprintf("v%02d", v), Name: names[v%len(names)], Interests: map[string]int{}}
		vis.Languages = []string{foreign[rng.IntN(len(foreign))]}
		if rng.IntN(10) < 4 {
			vis.Languages = append(vis.Languages, "en")
		}
		for range 1 + rng.IntN(3) {
			vis.Interests[topics[rng.IntN(len(topics))]] = 5 * (1 + rng.IntN(6))
		}
		p.Visitors = append(p.Visitors, vis)
	}
	for i := range sz.Interpreters {
		in := Interpreter{ID: fmt.Sprintf("i%d", i), Name: []string{"Fatima", "Jean", "Lucia", "Dmitri", "Ana", "Hassan"}[i%6],
			Languages: []string{"en", foreign[i%len(foreign)]}}
		if x := foreign[rng.IntN(len(foreign))]; rng.IntN(2) == 0 && x != in.Languages[1] {
			in.Languages = append(in.Languages, x)
		}
		p.Interpreters = append(p.Interpreters, in)
	}
	for d := range sz.Days {
		off := d * 1440
		day := Day{Label: fmt.Sprintf("day %d", d+1)}
		lunch := fmt.Sprintf("lunch%d", d+1)
		p.Places = append(p.Places, itinerary.Place{ID: lunch, Lat: 38.627 + (rng.Float64()-0.5)*0.08, Lon: -90.19 + (rng.Float64()-0.5)*0.1})
		day.Lunch = &Lunch{From: off + 750, To: off + 810, Place: lunch}
		visitsFrom := off + 540
		if d == 0 {
			day.Parts = append(day.Parts, Part{Label: "welcome", From: off + 510, To: off + 600, Start: "hotel", End: "hotel", Together: true})
			visitsFrom = off + 600
		}
		day.Parts = append(day.Parts, Part{Label: "visits", From: visitsFrom, To: off + 1020, Start: "hotel", End: "hotel"})
		if rng.IntN(2) == 0 {
			day.Parts = append(day.Parts, Part{Label: "evening", From: off + 1110, To: off + 1260, Start: "hotel", End: "hotel", Together: true})
		}
		p.Days = append(p.Days, day)
	}
	for i := range sz.Candidates {
		id := fmt.Sprintf("c%02d", i)
		p.Places = append(p.Places, itinerary.Place{ID: id,
			Lat: 38.627 + (rng.Float64()-0.5)*0.16, Lon: -90.19 + (rng.Float64()-0.5)*0.2})
		c := Candidate{ID: id, Title: fmt.Sprintf("meeting %d", i+1), Place: id, Duration: 45 + 15*rng.IntN(6),
			Value: 5 + rng.IntN(11), Languages: []string{"en"}}
		for range 1 + rng.IntN(2) {
			t := topics[rng.IntN(len(topics))]
			if len(c.Topics) == 0 || c.Topics[0] != t {
				c.Topics = append(c.Topics, t)
			}
		}
		switch x := rng.IntN(10); {
		case x == 0:
			c.Languages = []string{"es"}
		case x == 1:
			c.Languages = nil
		}
		if i == 0 {
			c.Title, c.Mandatory, c.Duration, c.Audience, c.Place, c.Languages = "welcome", true, 60, Everyone, "hotel", []string{"en"}
			c.Windows = []itinerary.Window{{From: 510, To: 600}}
			p.Candidates = append(p.Candidates, c)
			continue
		}
		if rng.IntN(100) < 35 {
			c.MaxVisitors = 3 + rng.IntN(6)
		}
		if rng.IntN(100) < 15 {
			c.MinVisitors = 2 + rng.IntN(3)
			if c.MaxVisitors > 0 {
				c.MinVisitors = min(c.MinVisitors, c.MaxVisitors)
			}
		}
		switch x := rng.IntN(100); {
		case x < 8:
			c.Audience = Named
			for _, v := range rng.Perm(sz.Visitors)[:2+rng.IntN(4)] {
				c.Named = append(c.Named, p.Visitors[v].ID)
			}
		case x < 13:
			c.Audience = Everyone
		}
		evening := rng.IntN(10) == 0
		for range 1 + rng.IntN(2) {
			off := rng.IntN(sz.Days) * 1440
			if evening {
				from := off + 1110 + 15*rng.IntN(4)
				c.Windows = append(c.Windows, itinerary.Window{From: from, To: min(from+c.Duration+30*rng.IntN(4), off+1260)})
				continue
			}
			from := off + 540 + 30*rng.IntN(14)
			c.Windows = append(c.Windows, itinerary.Window{From: from, To: min(from+c.Duration+30*rng.IntN(8), off+1020)})
		}
		p.Candidates = append(p.Candidates, c)
	}
	return p
}
