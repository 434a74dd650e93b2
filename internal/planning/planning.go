// Package planning connects a program's records to the itinerary engine: it
// builds the engine's problem from the program, its days, visitors and
// candidates, runs the engine (a fresh solve, or a repair that keeps what
// was already sent), and turns the answer into a proposal the program
// officer can compare with the current itinerary and apply.
//
// It does no I/O: callers load the records and save the proposal.
package planning

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"itinera"
	"itinera/internal/itinerary"
	"itinera/internal/travel"
)

// Input is everything a proposal is built from.
type Input struct {
	Program       itinera.Program
	Days          []itinera.Day
	Visitors      []itinera.Visitor
	Interpreters  []itinera.Interpreter // read by the sub-group planner only
	Meetings      []itinera.Meeting
	Activities    []itinera.Activity
	Places        []itinera.Place
	Organizations []itinera.Organization
	// Current is the itinerary in force, nil if there is none. Its items
	// whose meeting or activity was already sent out (requested, accepted,
	// confirmed) are kept where they are whenever possible.
	Current *itinera.Itinerary
	// Pins fix items at a start time (by key, "m12" or "a7"), in addition
	// to the items pinned in the current itinerary.
	Pins map[string]time.Time
	// Travel times the legs between places; its zero value is the default
	// model in a van. The hospitality matching asks the same service.
	Travel travel.Service
}

// Options tune the engine run.
type Options struct {
	Seed uint64
	// MaxIterations bounds the search, so that the same data and pins give
	// the same proposal; 0 means the engine's default. TimeLimit is a
	// safety net for very large programs (0: none).
	MaxIterations int
	TimeLimit     time.Duration
	Workers       int
}

// DefaultIterations is the search budget of a proposal: on the demo program
// it answers in milliseconds (BenchmarkSolveDemo) and reproduces the seed.
const DefaultIterations = 2000

// Change says how a proposed item differs from the current itinerary.
type Change string

// Changes.
const (
	Kept    Change = "kept"
	Added   Change = "added"
	Moved   Change = "moved"
	Dropped Change = "dropped"
)

// Item is one proposed meeting or activity.
type Item struct {
	Key        string // "m12" or "a7"
	MeetingID  int64
	ActivityID int64
	Title      string
	PlaceName  string
	// Place is where the item is planned: its own place, the host's, or
	// the hotel while none is agreed (zero when the program has no hotel).
	Place         itinera.Place
	Start, End    time.Time
	TravelMinutes int
	WaitMinutes   int
	Value         int
	Pinned        bool
	Change        Change
	Was           *itinera.ItineraryItem // the current item, for moved ones
}

// Day is one proposed day.
type Day struct {
	Date          itinera.Date
	Items         []Item
	Lunch         *itinera.Window // when the lunch break is taken
	TravelMinutes int
	Value         int
}

// LeftOut is a candidate the proposal does not schedule, with the reason.
type LeftOut struct {
	Key         string
	Title       string
	Mandatory   bool
	Explanation string
	Dropped     bool // it is in the current itinerary
}

// Proposal is the engine's itinerary for a program, compared with the
// current one.
type Proposal struct {
	ProgramID int64
	Days      []Day
	LeftOut   []LeftOut
	// Complete is false when a mandatory or pinned item could not be placed.
	Complete      bool
	Value         int
	TravelMinutes int
	// CurrentValue and CurrentTravelMinutes measure the current itinerary
	// with the same formula, for comparison (0 without one).
	CurrentValue         int
	CurrentTravelMinutes int
	Values               map[string]itinerary.ValueBreakdown
	Titles               map[string]string
	Moved                int // sent items moved or dropped
	Repaired             bool
	Elapsed              time.Duration
}

// Counts returns how many items were added, moved and dropped.
func (p *Proposal) Counts() (added, moved, dropped int) {
	for _, d := range p.Days {
		for _, it := range d.Items {
			switch it.Change {
			case Added:
				added++
			case Moved:
				moved++
			}
		}
	}
	for _, l := range p.LeftOut {
		if l.Dropped {
			dropped++
		}
	}
	return
}

// Itinerary returns the proposal as an itinerary version to save.
func (p *Proposal) Itinerary(tenantID, userID int64, note string) itinera.Itinerary {
	it := itinera.Itinerary{TenantID: tenantID, ProgramID: p.ProgramID, CreatedBy: userID, Note: note}
	for _, d := range p.Days {
		for _, x := range d.Items {
			it.Items = append(it.Items, itinera.ItineraryItem{MeetingID: x.MeetingID, ActivityID: x.ActivityID,
				Title: x.Title, PlaceName: x.PlaceName, Start: x.Start, End: x.End, TravelMinutes: x.TravelMinutes, Pinned: x.Pinned})
		}
	}
	return it
}

// Build runs the engine on in and returns the proposal.
func Build(ctx context.Context, in Input, opt Options) (*Proposal, error) {
	started := time.Now()
	m, err := newModel(in)
	if err != nil {
		return nil, err
	}
	eo := itinerary.Options{Seed: opt.Seed, TimeLimit: opt.TimeLimit, MaxIterations: opt.MaxIterations, Workers: opt.Workers}
	if eo.MaxIterations == 0 {
		eo.MaxIterations = DefaultIterations
	}
	// The engine plans the whole delegation: what only part of it may
	// attend is left out (the sub-group planner places it).
	whole := m.problem
	whole.Candidates = nil
	partOnly := map[string]string{}
	for _, c := range m.problem.Candidates {
		if why := m.partOnly(c.ID); why != "" {
			partOnly[c.ID] = why
			continue
		}
		whole.Candidates = append(whole.Candidates, c)
	}
	var res *itinerary.Result
	var sent []itinerary.Sent
	for _, s := range m.sent() {
		if partOnly[s.CandidateID] == "" {
			sent = append(sent, s)
		}
	}
	if len(sent) > 0 {
		res, err = itinerary.Repair(ctx, whole, sent, eo)
	} else {
		res, err = itinerary.Solve(ctx, whole, eo)
	}
	if errors.Is(err, itinerary.ErrInvalid) {
		// The records break a rule the engine needs; what it says names
		// the day or item, and is no internal detail.
		return nil, &itinera.Error{Code: itinera.EINVALID, Message: "The itinerary cannot be built from these records: " + err.Error()}
	}
	if err != nil {
		return nil, fmt.Errorf("itinerary engine: %w", err)
	}
	for _, c := range m.problem.Candidates {
		if why := partOnly[c.ID]; why != "" {
			res.LeftOut = append(res.LeftOut, itinerary.LeftOut{CandidateID: c.ID, Mandatory: c.Mandatory, Explanation: why})
		}
	}
	p := m.proposal(res)
	p.Repaired = len(sent) > 0
	p.Elapsed = time.Since(started)
	return p, nil
}

// eligibleMeeting reports whether a meeting is still a candidate.
func eligibleMeeting(m itinera.Meeting) bool {
	return m.Status != itinera.MeetingDeclined && m.Status != itinera.MeetingCancelled
}

// sentMeeting reports whether the resource has been told about the meeting's time.
func sentMeeting(m itinera.Meeting) bool {
	return m.Status == itinera.MeetingRequested || m.Status == itinera.MeetingAccepted || m.Status == itinera.MeetingConfirmed
}

func overlapCount(topics []string, set map[string]bool) int {
	n := 0
	for _, t := range topics {
		if set[strings.ToLower(t)] {
			n++
		}
	}
	return n
}

func lowerSet(items []string) map[string]bool {
	s := map[string]bool{}
	for _, it := range items {
		s[strings.ToLower(it)] = true
	}
	return s
}

// valueOf computes a candidate's value from the program.
func valueOf(topics []string, priority int, objectives map[string]bool, visitors []itinera.Visitor) itinerary.ValueBreakdown {
	topicSet := lowerSet(topics)
	interested := 0
	for _, v := range visitors {
		if overlapCount(v.Interests, topicSet) > 0 {
			interested++
		}
	}
	return itinerary.ComputeValue(itinerary.ValueInputs{ObjectivesCovered: overlapCount(topics, objectives),
		VisitorsInterested: interested, Priority: priority})
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Problem returns the engine's problem for in, as Build would solve it
// (without the repair's sent items): for benchmarks and cross-checks.
func Problem(in Input) (itinerary.Problem, error) {
	m, err := newModel(in)
	if err != nil {
		return itinerary.Problem{}, err
	}
	return m.problem, nil
}
