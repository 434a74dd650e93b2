package itinerary

// Result is the engine's answer.
type Result struct {
	Days  []DayPlan
	Value int // sum of the values of the scheduled items
	// Complete is false when a mandatory or pinned candidate could not be
	// placed; LeftOut then says which and why.
	Complete bool
	// LeftOut lists every candidate not scheduled, mandatory ones first.
	LeftOut []LeftOut
	// Moved lists, for Repair, the sent items whose day or time changed or
	// that were dropped.
	Moved      []string
	Iterations int // search iterations over all workers
}

// DayPlan is one day of the itinerary.
type DayPlan struct {
	Label        string
	Items        []Item
	ReturnTravel int // travel from the last item back to Day.End
	ReturnAt     int
	Travel       int // total travel of the day
	Value        int
}

// Item is a scheduled candidate or the lunch break.
type Item struct {
	CandidateID string // empty for the lunch break
	Lunch       bool
	Start, End  int
	Travel      int // travel time right before this item
	Wait        int // waiting after arriving, before Start
}

// Reason classifies why a candidate was left out.
type Reason int

const (
	NoWindowFits     Reason = iota + 1 // no window on any day fits, travel included
	BreaksLunch                        // it only fits by eating into the lunch break
	ConflictsWithPin                   // a pinned item holds the time it needs
	DayCapReached                      // the day's meeting cap is reached
	LimitReached                       // a program-wide limit would be exceeded
	LowerValue                         // more valuable items fill the time it could use
	DayTrip                            // a far item of the day (a day trip) leaves no room
)

// DayTripMinutes is the travel, each way from the day's start, from which
// an item that fills the time another needs is a day trip, and the left-out
// item is explained by the trip rather than by values.
const DayTripMinutes = 60

func (r Reason) String() string {
	switch r {
	case NoWindowFits:
		return "no window fits"
	case BreaksLunch:
		return "would break the lunch break"
	case ConflictsWithPin:
		return "conflicts with a pinned item"
	case DayCapReached:
		return "meeting cap reached"
	case LimitReached:
		return "limit reached"
	case LowerValue:
		return "lower value"
	case DayTrip:
		return "a day trip takes the day"
	}
	return "unknown"
}

// LeftOut explains one candidate that is not in the itinerary.
type LeftOut struct {
	CandidateID string
	Mandatory   bool
	Reason      Reason
	Related     []string // IDs of the items named in Explanation
	Explanation string   // plain words for the program officer
}

// buildResult times snap with the model it was searched with (sched,
// which may hold sent items at their old times) and explains what is left
// out with the real model md.
func buildResult(p *Problem, md, sched *model, snap [][]int, iters int) *Result {
	s := newState(sched)
	s.restore(snap)
	res := &Result{Complete: true, Iterations: iters}
	for d, r := range s.routes {
		dp := DayPlan{Label: p.Days[d].Label, Travel: r.travel}
		for k := 1; k < len(r.nodes)-1; k++ {
			node := r.nodes[k]
			prevEnd := r.start[k-1] + md.nodeDur(d, r.nodes[k-1])
			it := Item{
				Start:  r.start[k],
				End:    r.start[k] + md.nodeDur(d, node),
				Travel: r.arr[k] - prevEnd,
				Wait:   r.wait[k],
			}
			if node == nodeLunch {
				it.Lunch = true
			} else {
				it.CandidateID = p.Candidates[node].ID
				dp.Value += md.value[node]
			}
			dp.Items = append(dp.Items, it)
		}
		last := len(r.nodes) - 1
		dp.ReturnAt = r.arr[last]
		dp.ReturnTravel = r.arr[last] - (r.start[last-1] + md.nodeDur(d, r.nodes[last-1]))
		res.Value += dp.Value
		res.Days = append(res.Days, dp)
	}
	var mand, rest []LeftOut
	for c := range md.n {
		if s.where[c] >= 0 {
			continue
		}
		lo := explain(p, md, s, c)
		if lo.Mandatory {
			res.Complete = false
			mand = append(mand, lo)
		} else {
			rest = append(rest, lo)
		}
	}
	res.LeftOut = append(mand, rest...)
	return res
}
