package matching

// Weights of the secondary objective. Among matchings that place the most
// visitors, the solver prefers the one with the highest Score.Total:
//
//	+100 per visitor who shares a language with the household directly
//	 +10 per professional interest a visitor shares with the household
//	     (at most 3 counted per visitor)
//	  -1 per minute of travel from the hotel, per visitor placed
//	  -5 per unit of the sum of squared group sizes (visitors only),
//	     which favours even groups: 3+3 scores better than 4+2
//
// So one visitor spared an interpreter outweighs any interest or travel gain
// for that visitor; one shared interest is worth ten minutes of travel.
const (
	WeightDirect   = 100
	WeightInterest = 10
	MaxInterests   = 3
	WeightTravel   = 1
	WeightEven     = 5
)

// Score breaks down the secondary objective of a matching.
type Score struct {
	Placed          int `json:"placed"`
	Direct          int `json:"direct"`           // visitors sharing a language with their household
	Interpreted     int `json:"interpreted"`      // visitors who need an interpreter
	SharedInterests int `json:"shared_interests"` // counted at most MaxInterests per visitor
	TravelMinutes   int `json:"travel_minutes"`   // summed over visitors
	SizeSquares     int `json:"size_squares"`     // sum over households of (visitors)^2
	Total           int `json:"total"`
}

// Evaluate computes the objective of out for in. It does not check the hard
// rules (see Check); unknown ids are ignored.
func Evaluate(in Input, out Result) Score {
	visitors := map[string]*Visitor{}
	for i := range in.Visitors {
		visitors[in.Visitors[i].ID] = &in.Visitors[i]
	}
	households := map[string]*Household{}
	for i := range in.Households {
		households[in.Households[i].ID] = &in.Households[i]
	}
	var s Score
	for _, a := range out.Assignments {
		h := households[a.Household]
		if h == nil {
			continue
		}
		langs, interests := normSet(h.Languages), normSet(h.Interests)
		n := 0
		for _, id := range a.Visitors {
			v := visitors[id]
			if v == nil {
				continue
			}
			n++
			if intersects(v.Languages, langs) {
				s.Direct++
			} else {
				s.Interpreted++
			}
			s.SharedInterests += sharedInterests(v, interests)
			s.TravelMinutes += h.TravelMinutes
		}
		s.Placed += n
		s.SizeSquares += n * n
	}
	s.Total = WeightDirect*s.Direct + WeightInterest*s.SharedInterests - WeightTravel*s.TravelMinutes - WeightEven*s.SizeSquares
	return s
}

func sharedInterests(v *Visitor, household map[string]bool) int {
	seen := map[string]bool{}
	for _, it := range v.Interests {
		if n := norm(it); household[n] {
			seen[n] = true
		}
	}
	return min(len(seen), MaxInterests)
}
