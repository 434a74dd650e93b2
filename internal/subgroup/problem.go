package subgroup

import (
	"time"

	"itinera/internal/itinerary"
)

// Audience says who may attend a candidate.
type Audience int

const (
	// AnyGroup (the default): the whole delegation or any sub-group, within
	// the candidate's capacity.
	AnyGroup Audience = iota
	// Everyone: only the whole delegation together (a welcome, a reception).
	Everyone
	// Named: only the visitors listed in Candidate.Named; a sub-group made
	// of some or all of them attends.
	Named
)

func (a Audience) String() string {
	switch a {
	case Everyone:
		return "everyone"
	case Named:
		return "named visitors"
	}
	return "a sub-group"
}

// Visitor is a member of the delegation.
type Visitor struct {
	ID   string
	Name string // shown in explanations; ID if empty
	// Languages the visitor understands, as language codes ("en", "fr").
	Languages []string
	// Interests weight topics: attending an item worth Candidate.Value
	// gives this visitor Value + the sum of Interests[t] over the item's
	// topics t.
	Interests map[string]int
}

// Interpreter accompanies one sub-group at a time and interprets between
// any two of the languages listed.
type Interpreter struct {
	ID        string
	Name      string
	Languages []string
}

// Candidate is a meeting, site visit or activity that the engine may give
// to the whole delegation or to one sub-group.
type Candidate struct {
	ID       string
	Title    string // shown in explanations; ID if empty
	Place    string // place ID
	Duration int
	// Windows bound the whole item: it starts and ends inside one of them.
	Windows []itinerary.Window
	Topics  []string
	// Value is what attending is worth to any visitor, before interests.
	Value int
	// MinVisitors and MaxVisitors bound how many visitors attend; 0 means
	// no minimum and no maximum.
	MinVisitors, MaxVisitors int
	Audience                 Audience
	Named                    []string // visitor IDs, for Audience Named
	// Mandatory items are attended by every visitor: the delegation is
	// together for them.
	Mandatory bool
	// Languages the host speaks; empty means no language is needed (a
	// walk, a performance).
	Languages []string
	// Meeting says the item counts towards its day's MaxMeetings.
	Meeting bool
}

// Lunch is a fixed lunch hour of a day, [From, To]. With
// Problem.LunchTogether every sub-group reunites at Place by From; lunch
// apart, each sub-group (or the delegation) eats where its previous item
// ended (or where its part began), nobody travels or meets during it, and
// the leg to an item after lunch starts when it ends.
type Lunch struct {
	From, To int
	Place    string
}

// Part is a stretch of a day. Everyone leaves Start at From together and
// must be together at End by To (the reunion point). In a Together part
// (arrivals, welcome, cultural visits, evenings) the delegation never
// splits.
type Part struct {
	Label      string
	From, To   int
	Start, End string // place IDs
	Together   bool
}

// Day is one program day: its parts in time order, and its lunch hour.
type Day struct {
	Label string
	Parts []Part
	Lunch *Lunch // nil: no lunch hour on this day
	// MaxMeetings bounds how many items that are meetings
	// (Candidate.Meeting) each visitor attends that day; 0: no bound.
	MaxMeetings int
}

// Problem is everything the engine needs. Times are minutes (or any one
// unit) from an epoch of the caller's choice, as in internal/itinerary.
type Problem struct {
	Days         []Day
	Visitors     []Visitor
	Interpreters []Interpreter
	// Escorts is how many sub-groups can be accompanied at once: at most
	// max(1, Escorts) sub-groups exist at any time.
	Escorts    int
	Candidates []Candidate
	Places     []itinerary.Place
	// Travel gives travel times between place IDs (a matrix); if nil,
	// TravelModel estimates them from coordinates.
	Travel      func(from, to string) int
	TravelModel itinerary.TravelModel // zero value: itinerary.Driving()
	// LunchTogether makes the lunch hour a reunion point: a part that
	// contains it is cut in two, before and after lunch, at Lunch.Place.
	LunchTogether bool
	// SplitCost is subtracted for every sub-group beyond the first in
	// every stretch where the delegation is split.
	SplitCost int
	// TopicLabels name topics in explanations; the topic itself if absent.
	TopicLabels map[string]string
}

// Options tune the search.
type Options struct {
	Seed uint64
	// TimeLimit bounds the search (default 500 ms of wall-clock time);
	// MaxRounds bounds it by work (default 60 rounds over the stretches;
	// the search also ends after six rounds without improvement), so a
	// run is deterministic whenever the rounds, not the clock, end it.
	TimeLimit time.Duration
	MaxRounds int
}
