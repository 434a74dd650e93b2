package subgroup

import (
	"context"
	"math/rand/v2"

	"itinera/internal/itinerary"
)

// moreTours asks internal/itinerary (the one-group TOPTW engine) for good
// tours of stretch sg when the stretch has too many tours to enumerate:
// one for the whole delegation's values and one for each of a few random
// halves of it. Its lunch break, taken where the previous item ended with
// no travel during it, is the lunch hour apart.
func (md *model) moreTours(sg *segment) [][]int {
	p := md.p
	day := itinerary.Day{Start: p.Places[sg.start].ID, End: p.Places[sg.end].ID, Depart: sg.from, Return: sg.to}
	if sg.lunch {
		day.Lunch = &itinerary.Lunch{From: sg.l0, To: sg.l1, Duration: sg.l1 - sg.l0}
	}
	travel := func(a, b string) int {
		return md.t(md.placeIndex(a), md.placeIndex(b))
	}
	rng := rand.New(rand.NewPCG(uint64(sg.from), uint64(sg.to)))
	var out [][]int
	for round := range 4 {
		members := md.all
		if round > 0 {
			members = 0
			for v := range md.nv {
				if rng.IntN(2) == 0 {
					members |= 1 << v
				}
			}
		}
		ip := itinerary.Problem{Days: []itinerary.Day{day}, Places: p.Places, Travel: travel}
		byID := map[string]int{}
		for _, c := range sg.cands {
			val := 0
			for v := range md.nv {
				if members&(1<<v) != 0 && md.allowed[c]&(1<<v) != 0 {
					val += md.w[v][c]
				}
			}
			cd := &p.Candidates[c]
			ip.Candidates = append(ip.Candidates, itinerary.Candidate{ID: cd.ID, Place: cd.Place,
				Duration: cd.Duration, Value: val, Windows: cd.Windows, Kind: itinerary.Activity})
			byID[cd.ID] = c
		}
		res, err := itinerary.Solve(context.Background(), ip, itinerary.Options{Seed: uint64(round + 1), MaxIterations: 300})
		if err != nil || len(res.Days) == 0 {
			continue
		}
		var seq []int
		for _, it := range res.Days[0].Items {
			if !it.Lunch {
				seq = append(seq, byID[it.CandidateID])
			}
		}
		// Every prefix and every single item is a tour too.
		for k := 1; k <= len(seq); k++ {
			out = append(out, seq[:k])
		}
		for _, c := range seq {
			out = append(out, []int{c})
		}
	}
	return out
}

func (md *model) placeIndex(id string) int {
	for i, pl := range md.p.Places {
		if pl.ID == id {
			return i
		}
	}
	return 0
}
