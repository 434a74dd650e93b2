package itinerary

import "time"

// WindowRule says what an availability window bounds.
type WindowRule int

const (
	// WholeMeeting (the default for real meetings): the item starts and
	// ends inside one of its windows.
	WholeMeeting WindowRule = iota
	// StartOfService (the TOPTW benchmark convention): only the start of
	// the item must lie inside a window; it may end after the window closes.
	StartOfService
)

// Kind tells meetings from activities; only meetings count towards
// Day.MaxMeetings.
type Kind int

const (
	Meeting Kind = iota
	Activity
)

func (k Kind) String() string {
	if k == Activity {
		return "activity"
	}
	return "meeting"
}

// Window is a closed interval [From, To] of times (see the package
// documentation for the time unit).
type Window struct {
	From, To int
}

// Place is a location with WGS84 coordinates in degrees.
type Place struct {
	ID       string
	Lat, Lon float64
}

// Lunch is a break of Duration that must be taken entirely inside
// [From, To]. No item is in progress and nobody travels during it; the
// group eats where the previous item ended.
type Lunch struct {
	From, To, Duration int
}

// Day is one program day: one tour from Start to End (place IDs, usually
// the hotel), leaving no earlier than Depart and back no later than Return.
type Day struct {
	Label       string // shown in explanations, e.g. "Monday 14 December"
	Start, End  string // place IDs
	Depart      int
	Return      int
	Lunch       *Lunch // nil: no lunch break
	MaxMeetings int    // 0: no cap
	// Travel times the day's legs when the day travels otherwise than the
	// rest (another mode); nil: Problem.Travel.
	Travel func(from, to string) int
}

// Candidate is a meeting or activity the engine may schedule.
type Candidate struct {
	ID       string
	Name     string // shown in explanations; ID if empty
	Place    string // place ID
	Duration int
	Value    int // see ComputeValue
	Windows  []Window
	Kind     Kind
	// Mandatory items are placed before any optional one; if one cannot be
	// placed the result says so (Result.Complete is false).
	Mandatory bool
	// PinnedStart fixes the start time: the item is scheduled exactly then
	// or reported as left out. A pinned item is also mandatory.
	PinnedStart *int
	// Uses consumes program-wide limits by name (see Problem.Limits), e.g.
	// {"budget": 25}.
	Uses map[string]int
}

// Limit caps the sum of Candidate.Uses[Name] over all scheduled items.
type Limit struct {
	Name string
	Max  int
}

// Problem is everything the engine needs.
type Problem struct {
	Days       []Day
	Candidates []Candidate
	Places     []Place
	// Travel returns the travel time between two places (IDs). If nil,
	// TravelModel estimates it from coordinates.
	Travel      func(from, to string) int
	TravelModel TravelModel // zero value: Driving()
	WindowRule  WindowRule
	Limits      []Limit
}

// Options tune the search. The zero value is a sensible default for
// program-sized problems.
type Options struct {
	Seed uint64
	// TimeLimit stops the search; 0 means no time limit (MaxIterations
	// then bounds it).
	TimeLimit time.Duration
	// MaxIterations of the iterated local search per worker; 0 means 2000
	// when there is no TimeLimit and unlimited otherwise.
	MaxIterations int
	// Clock, if set, is the clock TimeLimit is measured on (any origin:
	// the search uses differences), e.g. the process's CPU time in a
	// benchmark on a shared machine; it must be safe for concurrent use.
	// nil means wall time. The search also reads it to know how much of
	// its time is left.
	Clock func() time.Duration
	// Workers run independent searches with seeds Seed, Seed+1, ...; the
	// best result wins (ties go to the lowest worker). 0 means 1.
	Workers int
}
