package planning

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"itinera"
	"itinera/internal/itinerary"
	"itinera/internal/subgroup"
)

// The sub-group proposal (issue 15): the same records as Build, read by
// the sub-group planner (internal/subgroup), which chooses for each day
// whether the delegation splits, who goes where and with which
// interpreter. It is a proposal to read: nothing is saved.
//
// How the records become the planner's problem:
//
//   - A day runs from its start to its end at the hotel. The parts it
//     marks together (Day.Together, clipped to the day) are together parts;
//     the time between them is a part where the delegation may split. Every
//     part begins and ends at the hotel.
//   - Lunch is one fixed hour of the day's lunch minutes in its lunch
//     window, inside one part: the one that leaves the most of the day's
//     candidates room before or after it (nearest the middle on a tie;
//     none when no hour lies inside a part). With the program's SplitLunch
//     "together" every sub-group is back at the hotel for it; "apart",
//     each eats where it is.
//   - Candidates are the meetings not declined or cancelled and the
//     activities not cancelled, at their places (or their host's, or the
//     hotel while none is agreed), with their windows. A pinned item, and
//     a confirmed meeting of the current itinerary, keeps its time there: its only window is that time (fixedStart). A meeting's
//     attendance gives its audience (everyone, any sub-group, named
//     visitors) and capacity; its languages, who needs an interpreter.
//     Activities are for everyone.
//   - Value: a visitor attending an item gains its priority (1 to 5; 3
//     when not given) plus SubgroupInterestPoints for each of its topics
//     among the visitor's interests. The program's SplitCost is subtracted
//     for each sub-group beyond the first, in the same units.
//   - Languages are compared as itinera.NeedsInterpreter compares them: a
//     catalog language's code, English name or own name are one language.
//   - A day's meeting limit (Day.MaxMeetings) bounds the meetings each
//     visitor attends that day; activities do not count.
//   - Sub-groups need a companion each: the program's escort officer and
//     each interpreter, so at most one more sub-group than interpreters.
//   - Travel is the program's travel service on its usual mode (a day's
//     own mode is not read here).

// SubgroupInterestPoints is what a topic among a visitor's interests adds
// to the value of an item for that visitor.
const SubgroupInterestPoints = 3

// SubgroupOptions tune the planner's run.
type SubgroupOptions struct {
	Seed uint64
	// MaxRounds bounds the search (0: the planner's default), so that the
	// same records give the same proposal; TimeLimit is a safety net
	// (0: DefaultSubgroupTimeLimit).
	MaxRounds int
	TimeLimit time.Duration
}

// DefaultSubgroupTimeLimit bounds a proposal's search when the rounds do
// not end it first.
const DefaultSubgroupTimeLimit = 2 * time.Second

// Person is a visitor or an interpreter in a sub-group.
type Person struct {
	ID   int64
	Name string
}

// SubgroupItem is a meeting or activity on a sub-group's tour.
type SubgroupItem struct {
	Key           string // "m12" or "a7"
	MeetingID     int64
	ActivityID    int64
	Title         string
	PlaceName     string
	Start, End    time.Time // in the program's time zone
	TravelMinutes int       // travel right before the item
}

// Subgroup is a sub-group, or the whole delegation, on one stretch of a day.
type Subgroup struct {
	Visitors     []Person
	Interpreters []Person
	Items        []SubgroupItem
	Value        int
	Explanation  string
}

// SubgroupStretch is a part of a day between two reunion points.
type SubgroupStretch struct {
	Label       string
	From, To    time.Time
	Together    bool // a part the delegation spends together
	Groups      []Subgroup
	Explanation string
}

// Split says whether the delegation splits in the stretch.
func (s SubgroupStretch) Split() bool { return len(s.Groups) > 1 }

// SubgroupDay is one program day of the sub-group proposal.
type SubgroupDay struct {
	Date      itinera.Date
	Label     string // "Tuesday 10 March"
	Stretches []SubgroupStretch
}

// Split says whether the delegation splits at some time of the day.
func (d SubgroupDay) Split() bool {
	for _, s := range d.Stretches {
		if s.Split() {
			return true
		}
	}
	return false
}

// SubgroupPlan is the sub-group planner's proposal for a program.
type SubgroupPlan struct {
	ProgramID int64
	TimeZone  string
	Days      []SubgroupDay
	LeftOut   []LeftOut
	// Complete is false when a mandatory item could not be placed.
	Complete  bool
	Value     int // Attended - SplitCost
	Attended  int
	SplitCost int
	Elapsed   time.Duration
	// Digest names the proposal for applying it (set by the application
	// layer: app.PlanSubgroups).
	Digest string
}

// SplitDays counts the days on which the delegation splits.
func (p *SubgroupPlan) SplitDays() int {
	n := 0
	for _, d := range p.Days {
		if d.Split() {
			n++
		}
	}
	return n
}

// groupModel maps the records to the sub-group problem and back.
type groupModel struct {
	*model
	problem      subgroup.Problem
	visitors     map[string]itinera.Visitor
	interpreters map[string]itinera.Interpreter
	free         map[string]bool // labels given to the parts between the together ones
}

func visitorKey(id int64) string     { return "v" + strconv.FormatInt(id, 10) }
func interpreterKey(id int64) string { return "i" + strconv.FormatInt(id, 10) }

// languageKeys returns the languages as the planner compares them: a
// catalog language as its code, any other in lower case.
func languageKeys(langs []string) []string {
	out := make([]string, 0, len(langs))
	seen := map[string]bool{}
	for _, s := range langs {
		k := strings.ToLower(strings.Join(strings.Fields(s), " "))
		for _, l := range itinera.Languages {
			if !itinera.NeedsInterpreter(itinera.Visitor{Languages: []string{s}}, []string{l.Code}) {
				k = l.Code
				break
			}
		}
		if k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

func lowerAll(ts []string) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = strings.ToLower(t)
	}
	return out
}

func newGroupModel(in Input) (*groupModel, error) {
	m, err := newModel(in)
	if err != nil {
		return nil, err
	}
	g := &groupModel{model: m, visitors: map[string]itinera.Visitor{}, interpreters: map[string]itinera.Interpreter{},
		free: map[string]bool{}}
	p := &g.problem
	p.Places = m.problem.Places
	p.Travel = m.problem.Travel
	p.LunchTogether = in.Program.SplitLunch != itinera.LunchApart
	p.SplitCost = in.Program.SplitCost
	p.Escorts = len(in.Interpreters) + 1
	p.TopicLabels = map[string]string{}
	hotel := placeKey(in.Program.HotelPlaceID)

	for _, v := range in.Visitors {
		key := visitorKey(v.ID)
		g.visitors[key] = v
		interests := map[string]int{}
		for _, t := range v.Interests {
			interests[strings.ToLower(t)] = SubgroupInterestPoints
		}
		p.Visitors = append(p.Visitors, subgroup.Visitor{ID: key, Name: v.Name(), Languages: languageKeys(v.Languages), Interests: interests})
	}
	for _, i := range in.Interpreters {
		key := interpreterKey(i.ID)
		g.interpreters[key] = i
		p.Interpreters = append(p.Interpreters, subgroup.Interpreter{ID: key, Name: i.Name, Languages: languageKeys(i.Languages)})
	}

	activities := map[string]itinera.Activity{}
	for _, a := range in.Activities {
		activities[activityKey(a.ID)] = a
	}
	for _, c := range m.problem.Candidates {
		sc := subgroup.Candidate{ID: c.ID, Title: m.titles[c.ID], Place: c.Place, Duration: c.Duration,
			Windows: c.Windows, Mandatory: c.Mandatory, Audience: subgroup.Everyone}
		if start, ok := g.fixedStart(c); ok {
			sc.Windows = []itinerary.Window{{From: start, To: start + c.Duration}}
		}
		var topics []string
		priority := 0
		if mt, ok := m.meetings[c.ID]; ok {
			topics, priority = mt.Topics, mt.Priority
			sc.Meeting = true
			sc.MinVisitors, sc.MaxVisitors = mt.MinVisitors, mt.MaxVisitors
			sc.Languages = languageKeys(mt.Languages)
			switch mt.Attendance.For {
			case itinera.ForSubgroup:
				sc.Audience = subgroup.AnyGroup
			case itinera.ForVisitors:
				sc.Audience = subgroup.Named
				for _, id := range mt.VisitorIDs {
					if _, ok := g.visitors[visitorKey(id)]; ok {
						sc.Named = append(sc.Named, visitorKey(id))
					}
				}
			}
		} else if a, ok := activities[c.ID]; ok {
			topics, priority = a.Topics, a.Priority
		}
		if priority <= 0 {
			priority = 3
		}
		sc.Value = min(priority, 5)
		sc.Topics = lowerAll(topics)
		for _, t := range topics {
			p.TopicLabels[strings.ToLower(t)] = t
		}
		p.Candidates = append(p.Candidates, sc)
	}
	// The days last: the lunch hour is chosen to keep the candidates.
	for i, d := range in.Days {
		p.Days = append(p.Days, g.day(d, m.problem.Days[i].Label, hotel))
	}
	return g, nil
}

// fixedStart returns the start the planner must keep for a candidate:
// its pin (in the current itinerary or in.Pins), or, for a confirmed
// meeting of the current itinerary, its time there: the time agreed with
// its resource, which a sub-group proposal never moves (applying one
// refuses to, see app.ApplySubgroups).
func (g *groupModel) fixedStart(c itinerary.Candidate) (int, bool) {
	if c.PinnedStart != nil {
		return *c.PinnedStart, true
	}
	cur, ok := g.current[c.ID]
	if !ok {
		return 0, false
	}
	if mt, ok := g.meetings[c.ID]; ok && mt.Status == itinera.MeetingConfirmed {
		return g.minutes(cur.Start), true
	}
	return 0, false
}

// day returns the planner's day for d: its parts (together or not) and
// its lunch hour.
func (g *groupModel) day(d itinera.Day, label, hotel string) subgroup.Day {
	out := subgroup.Day{Label: label, MaxMeetings: d.MaxMeetings}
	at := func(c itinera.Clock) int { return g.minutes(d.Date.At(c, g.loc)) }
	part := func(from, to itinera.Clock, name string, together bool) {
		if to <= from {
			return
		}
		if name == "" {
			name = from.String() + "–" + to.String()
			g.free[name] = true
		}
		out.Parts = append(out.Parts, subgroup.Part{Label: name, From: at(from), To: at(to), Start: hotel, End: hotel, Together: together})
	}
	cur := d.Start
	for _, tp := range d.Together {
		from, to := max(tp.From, cur), min(tp.To, d.End)
		if to <= from {
			continue
		}
		part(cur, from, "", false)
		part(from, to, tp.Label, true)
		cur = to
	}
	part(cur, d.End, "", false)
	if len(out.Parts) == 0 {
		// A day without time: a zero-length part keeps the days aligned.
		out.Parts = append(out.Parts, subgroup.Part{Label: label, From: at(d.Start), To: at(d.Start), Start: hotel, End: hotel, Together: true})
		return out
	}
	if !d.HasLunch() {
		return out
	}
	// The lunch hour: of the hours that start in the lunch window on a
	// quarter hour and lie inside one part, the one that leaves the most
	// (by priority) of the day's candidates room before or after it, from
	// and back to the hotel where lunch is taken together; on a tie, the
	// one nearest the middle of the window.
	slack := int(d.LunchTo-d.LunchFrom) - d.LunchMinutes
	best, bestScore, bestDist := -1, -1, 0
	for off := 0; off <= slack; off += 15 {
		from := at(d.LunchFrom) + off
		to := from + d.LunchMinutes
		inside := false
		for _, pt := range out.Parts {
			inside = inside || (pt.From <= from && to <= pt.To)
		}
		if !inside {
			continue
		}
		score := g.lunchScore(at(d.Start), at(d.End), from, to, hotel)
		dist := abs(2*off - slack)
		if score > bestScore || (score == bestScore && dist < bestDist) {
			best, bestScore, bestDist = from, score, dist
		}
	}
	if best >= 0 {
		out.Lunch = &subgroup.Lunch{From: best, To: best + d.LunchMinutes, Place: hotel}
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// lunchScore sums the values of the candidates that still fit on a day
// from start to end with lunch from l0 to l1: wholly before lunch (from
// the hotel at the day's start, back by l0 when lunch is together) or
// wholly after it. Mandatory ones count above all others.
func (g *groupModel) lunchScore(start, end, l0, l1 int, hotel string) int {
	score := 0
	together := g.problem.LunchTogether
	for _, c := range g.problem.Candidates {
		out, back := g.problem.Travel(hotel, c.Place), g.problem.Travel(c.Place, hotel)
		if !together {
			back = 0
		}
		fits := false
		for _, w := range c.Windows {
			if w.To <= start || w.From >= end {
				continue
			}
			// before lunch
			if s := max(w.From, start+out); s+c.Duration <= min(w.To, l0-back) {
				fits = true
			}
			// after lunch
			if s := max(w.From, l1+out); s+c.Duration <= min(w.To, end-back) {
				fits = true
			}
		}
		if !fits {
			continue
		}
		if c.Mandatory {
			score += 1000
		}
		score += c.Value
	}
	return score
}

// Subgroups runs the sub-group planner on in and returns its proposal.
func Subgroups(ctx context.Context, in Input, opt SubgroupOptions) (*SubgroupPlan, error) {
	started := time.Now()
	g, err := newGroupModel(in)
	if err != nil {
		return nil, err
	}
	if len(g.problem.Visitors) == 0 {
		return nil, itinera.Errorf(itinera.EINVALID, "Add the delegation's visitors first: sub-groups are made of them.")
	}
	so := subgroup.Options{Seed: opt.Seed, MaxRounds: opt.MaxRounds, TimeLimit: opt.TimeLimit}
	if so.TimeLimit == 0 {
		so.TimeLimit = DefaultSubgroupTimeLimit
	}
	res, err := subgroup.Solve(ctx, g.problem, so)
	if errors.Is(err, subgroup.ErrInvalid) {
		return nil, &itinera.Error{Code: itinera.EINVALID, Message: "The sub-groups cannot be planned from these records: " + err.Error()}
	}
	if err != nil {
		return nil, fmt.Errorf("sub-group planner: %w", err)
	}
	p := g.plan(res)
	p.Elapsed = time.Since(started)
	return p, nil
}

// SubgroupProblem returns the planner's problem for in, as Subgroups
// solves it: for tests and cross-checks (subgroup.Check).
func SubgroupProblem(in Input) (subgroup.Problem, error) {
	g, err := newGroupModel(in)
	if err != nil {
		return subgroup.Problem{}, err
	}
	return g.problem, nil
}

// plan turns the planner's result into a SubgroupPlan.
func (g *groupModel) plan(res *subgroup.Result) *SubgroupPlan {
	p := &SubgroupPlan{ProgramID: g.in.Program.ID, TimeZone: g.loc.String(), Complete: res.Complete,
		Value: res.Value, Attended: res.Attended, SplitCost: res.SplitCost}
	for i, dp := range res.Days {
		d := SubgroupDay{Date: g.in.Days[i].Date, Label: dp.Label}
		for _, st := range dp.Stretches {
			s := SubgroupStretch{Label: g.stretchLabel(st), From: g.instant(st.From), To: g.instant(st.To), Together: st.Together,
				Explanation: st.Explanation}
			for _, gr := range st.Groups {
				sg := Subgroup{Value: gr.Value, Explanation: gr.Explanation}
				for _, id := range gr.Visitors {
					v := g.visitors[id]
					sg.Visitors = append(sg.Visitors, Person{ID: v.ID, Name: v.Name()})
				}
				for _, id := range gr.Interpreters {
					in := g.interpreters[id]
					sg.Interpreters = append(sg.Interpreters, Person{ID: in.ID, Name: in.Name})
				}
				for _, it := range gr.Items {
					x := SubgroupItem{Key: it.CandidateID, Title: g.titles[it.CandidateID], PlaceName: g.places[it.CandidateID].Name,
						Start: g.instant(it.Start), End: g.instant(it.End), TravelMinutes: it.Travel}
					id, _ := strconv.ParseInt(it.CandidateID[1:], 10, 64)
					if it.CandidateID[0] == 'm' {
						x.MeetingID = id
					} else {
						x.ActivityID = id
					}
					sg.Items = append(sg.Items, x)
				}
				s.Groups = append(s.Groups, sg)
			}
			// The groups in the order they set off, as the itinerary's
			// pages number their lanes.
			sort.SliceStable(s.Groups, func(i, j int) bool {
				a, b := s.Groups[i].Items, s.Groups[j].Items
				return len(a) > 0 && (len(b) == 0 || a[0].Start.Before(b[0].Start))
			})
			d.Stretches = append(d.Stretches, s)
		}
		p.Days = append(p.Days, d)
	}
	for _, l := range res.LeftOut {
		p.LeftOut = append(p.LeftOut, LeftOut{Key: l.CandidateID, Title: g.titles[l.CandidateID], Mandatory: l.Mandatory,
			Explanation: l.Explanation})
	}
	sort.SliceStable(p.LeftOut, func(i, j int) bool { return p.LeftOut[i].Mandatory && !p.LeftOut[j].Mandatory })
	return p
}

// stretchLabel names a stretch: a together part by its own label, the
// time between them by the time of day it starts.
func (g *groupModel) stretchLabel(st subgroup.Stretch) string {
	name, _, _ := strings.Cut(st.Label, " (")
	if !g.free[name] {
		return st.Label
	}
	switch h := g.instant(st.From).Hour(); {
	case h < 12:
		return "Morning"
	case h < 17:
		return "Afternoon"
	}
	return "Evening"
}
