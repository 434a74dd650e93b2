package planning

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"itinera"
	"itinera/internal/itinerary"
	"itinera/internal/travel"
)

// model maps the program's records to the engine's problem and back. Engine
// times are minutes since the start (local midnight) of the program's first
// day, counted on the real time line, so daylight-saving changes are exact.
type model struct {
	in       Input
	loc      *time.Location
	epoch    time.Time
	problem  itinerary.Problem
	values   map[string]itinerary.ValueBreakdown
	titles   map[string]string
	places   map[string]itinera.Place // candidate key -> where it is planned
	meetings map[string]itinera.Meeting
	current  map[string]itinera.ItineraryItem
	pinned   map[string]bool
	byKey    map[string]travel.Place // engine place key -> the travel service's place
}

// timer is the engine's travel function for a travel service.
func timer(svc travel.Service, byKey map[string]travel.Place) func(from, to string) int {
	return func(from, to string) int { return svc.Between(byKey[from], byKey[to]) }
}

func meetingKey(id int64) string  { return "m" + strconv.FormatInt(id, 10) }
func activityKey(id int64) string { return "a" + strconv.FormatInt(id, 10) }
func placeKey(id int64) string    { return "p" + strconv.FormatInt(id, 10) }

func itemKey(x itinera.ItineraryItem) string {
	if x.MeetingID != 0 {
		return meetingKey(x.MeetingID)
	}
	return activityKey(x.ActivityID)
}

func (m *model) minutes(t time.Time) int { return int(t.Sub(m.epoch) / time.Minute) }
func (m *model) instant(min int) time.Time {
	return m.epoch.Add(time.Duration(min) * time.Minute).In(m.loc)
}

func newModel(in Input) (*model, error) {
	loc, err := itinera.LoadZone(in.Program.TimeZone)
	if err != nil {
		return nil, itinera.Errorf(itinera.EINVALID, "The program's time zone is not valid: %v", err)
	}
	if in.Program.HotelPlaceID == 0 {
		return nil, itinera.Errorf(itinera.EINVALID, "Set the program's hotel first: every day starts and ends there.")
	}
	m := &model{in: in, loc: loc, epoch: in.Program.StartDate.In(loc),
		values: map[string]itinerary.ValueBreakdown{}, titles: map[string]string{}, places: map[string]itinera.Place{},
		meetings: map[string]itinera.Meeting{}, current: map[string]itinera.ItineraryItem{}, pinned: map[string]bool{}}
	m.problem.WindowRule = itinerary.WholeMeeting

	placeByID := map[int64]itinera.Place{}
	byKey := map[string]travel.Place{}
	for _, p := range in.Places {
		placeByID[p.ID] = p
		m.problem.Places = append(m.problem.Places, itinerary.Place{ID: placeKey(p.ID), Lat: p.Lat, Lon: p.Lon})
		byKey[placeKey(p.ID)] = travel.Place{ID: p.ID, Point: travel.Point{Lat: p.Lat, Lon: p.Lon}}
	}
	m.problem.Travel = timer(in.Travel, byKey)
	m.byKey = byKey
	hotel, ok := placeByID[in.Program.HotelPlaceID]
	if !ok {
		return nil, itinera.Errorf(itinera.EINVALID, "The program's hotel is not among the directory's places.")
	}
	hotelKey := placeKey(hotel.ID)
	orgPlace := map[int64]int64{}
	for _, o := range in.Organizations {
		orgPlace[o.ID] = o.PlaceID
	}

	for _, d := range in.Days {
		// Days stored before their limits were checked as now (a lunch
		// window outside the day) would make the engine refuse the whole
		// problem: say which day to correct instead.
		if err := d.Validate(); err != nil {
			msgs := make([]string, 0, len(itinera.ErrorFields(err)))
			for _, m := range itinera.ErrorFields(err) {
				msgs = append(msgs, m)
			}
			sort.Strings(msgs)
			return nil, itinera.Errorf(itinera.EINVALID, "The limits of %s need correcting before the itinerary can be built: %s",
				d.Date.In(loc).Format("Monday 2 January"), strings.Join(msgs, " "))
		}
		day := itinerary.Day{Label: d.Date.In(loc).Format("Monday 2 January"), Start: hotelKey, End: hotelKey,
			Depart: m.minutes(d.Date.At(d.Start, loc)), Return: m.minutes(d.Date.At(d.End, loc)), MaxMeetings: d.MaxMeetings}
		if in.Travel.VariesByDay() {
			if svc := in.Travel.OnDay(d.Date); svc.Mode != in.Travel.Mode {
				day.Travel = timer(svc, byKey)
			}
		}
		if d.HasLunch() {
			day.Lunch = &itinerary.Lunch{From: m.minutes(d.Date.At(d.LunchFrom, loc)), To: m.minutes(d.Date.At(d.LunchTo, loc)), Duration: d.LunchMinutes}
		}
		m.problem.Days = append(m.problem.Days, day)
	}

	if in.Current != nil {
		for _, x := range in.Current.Items {
			m.current[itemKey(x)] = x
		}
	}
	objectives := lowerSet(in.Program.Objectives)
	windows := func(ws []itinera.Window) []itinerary.Window {
		out := make([]itinerary.Window, 0, len(ws))
		for _, w := range ws {
			out = append(out, itinerary.Window{From: m.minutes(w.Start), To: m.minutes(w.End)})
		}
		return out
	}
	add := func(key, title string, placeID int64, c itinerary.Candidate, topics []string, priority int) {
		c.ID, c.Name = key, title
		place, ok := placeByID[placeID]
		if !ok {
			place = hotel // no place agreed yet: plan as if at the hotel
		}
		c.Place = placeKey(place.ID)
		m.places[key] = place
		v := valueOf(topics, priority, objectives, in.Visitors)
		c.Value = v.Total
		m.values[key], m.titles[key] = v, title
		if x, ok := m.current[key]; ok && x.Pinned {
			start := m.minutes(x.Start)
			c.PinnedStart = &start
			m.pinned[key] = true
		}
		if t, ok := in.Pins[key]; ok {
			start := m.minutes(t)
			c.PinnedStart = &start
			m.pinned[key] = true
		}
		m.problem.Candidates = append(m.problem.Candidates, c)
	}
	for _, mt := range in.Meetings {
		if !eligibleMeeting(mt) {
			continue
		}
		key := meetingKey(mt.ID)
		m.meetings[key] = mt
		placeID := mt.PlaceID
		if placeID == 0 {
			placeID = orgPlace[mt.HostOrganizationID]
		}
		add(key, mt.Title, placeID, itinerary.Candidate{Duration: mt.DurationMinutes, Windows: windows(mt.Windows),
			Kind: itinerary.Meeting, Mandatory: mt.Mandatory}, mt.Topics, mt.Priority)
	}
	for _, a := range in.Activities {
		if a.Status == itinera.ActivityCancelled {
			continue
		}
		add(activityKey(a.ID), a.Title, a.PlaceID, itinerary.Candidate{Duration: a.DurationMinutes, Windows: windows(a.Windows),
			Kind: itinerary.Activity, Mandatory: a.Mandatory}, a.Topics, a.Priority)
	}
	return m, nil
}

// sent lists the current items that were already sent out: meetings asked
// for or agreed with their resource, and confirmed activities.
func (m *model) sent() []itinerary.Sent {
	var out []itinerary.Sent
	for _, key := range sortedKeys(m.current) {
		x := m.current[key]
		if mt, ok := m.meetings[key]; ok && !sentMeeting(mt) {
			continue
		}
		if _, ok := m.titles[key]; !ok {
			continue // no longer a candidate (declined, cancelled)
		}
		out = append(out, itinerary.Sent{CandidateID: key, Start: m.minutes(x.Start)})
	}
	return out
}

// proposal turns the engine's result into a Proposal.
func (m *model) proposal(res *itinerary.Result) *Proposal {
	p := &Proposal{ProgramID: m.in.Program.ID, Complete: res.Complete, Value: res.Value, Values: m.values,
		Titles: m.titles, Moved: len(res.Moved)}
	scheduled := map[string]bool{}
	for i, dp := range res.Days {
		d := Day{Date: m.in.Days[i].Date, TravelMinutes: dp.Travel, Value: dp.Value}
		for _, it := range dp.Items {
			if it.Lunch {
				w := itinera.Window{Start: m.instant(it.Start), End: m.instant(it.End)}
				d.Lunch = &w
				continue
			}
			key := it.CandidateID
			scheduled[key] = true
			x := Item{Key: key, Title: m.titles[key], PlaceName: m.places[key].Name, Place: m.places[key], Start: m.instant(it.Start), End: m.instant(it.End),
				TravelMinutes: it.Travel, WaitMinutes: it.Wait, Value: m.values[key].Total, Pinned: m.pinned[key], Change: Added}
			if key[0] == 'm' {
				x.MeetingID, _ = strconv.ParseInt(key[1:], 10, 64)
			} else {
				x.ActivityID, _ = strconv.ParseInt(key[1:], 10, 64)
			}
			if cur, ok := m.current[key]; ok {
				x.Change = Kept
				if !cur.Start.Equal(x.Start) {
					x.Change = Moved
					was := cur
					x.Was = &was
				}
			}
			d.Items = append(d.Items, x)
		}
		p.TravelMinutes += dp.Travel
		p.Days = append(p.Days, d)
	}
	for _, l := range res.LeftOut {
		_, inCurrent := m.current[l.CandidateID]
		p.LeftOut = append(p.LeftOut, LeftOut{Key: l.CandidateID, Title: m.titles[l.CandidateID], Mandatory: l.Mandatory,
			Explanation: l.Explanation, Dropped: inCurrent})
	}
	if m.in.Current != nil {
		p.CurrentTravelMinutes = m.currentTravel()
		for _, x := range m.in.Current.Items {
			if v, ok := m.values[itemKey(x)]; ok {
				p.CurrentValue += v.Total
			}
		}
		// Current items that are no longer candidates at all are dropped too.
		for _, key := range sortedKeys(m.current) {
			if _, ok := m.titles[key]; !ok && !scheduled[key] {
				x := m.current[key]
				p.LeftOut = append(p.LeftOut, LeftOut{Key: key, Title: x.Title, Dropped: true,
					Explanation: fmt.Sprintf("%s was declined or cancelled, so it leaves the itinerary.", x.Title)})
			}
		}
	}
	return p
}

// currentTravel measures the current itinerary's travel the way the engine
// measures a proposal's: from the hotel through each day's items and back.
func (m *model) currentTravel() int {
	placeOf := map[string]string{}
	for _, c := range m.problem.Candidates {
		placeOf[c.ID] = c.Place
	}
	hotel := placeKey(m.in.Program.HotelPlaceID)
	byDay := map[itinera.Date][]itinera.ItineraryItem{}
	for _, x := range m.in.Current.Items {
		d := itinera.DateOf(x.Start.In(m.loc))
		byDay[d] = append(byDay[d], x)
	}
	total := 0
	for day, items := range byDay {
		sort.Slice(items, func(i, j int) bool { return items[i].Start.Before(items[j].Start) })
		travel := m.problem.Travel
		if m.in.Travel.VariesByDay() {
			travel = timer(m.in.Travel.OnDay(day), m.byKey)
		}
		// On a split day each sub-group travels its own legs; a leg
		// the whole delegation travels together counts once.
		legs := map[[2]int]bool{}
		for _, lane := range dayLanes(items) {
			at, from := hotel, -1
			for _, i := range lane {
				next, ok := placeOf[itemKey(items[i])]
				if !ok {
					continue
				}
				if !legs[[2]int{from, i}] {
					legs[[2]int{from, i}] = true
					total += travel(at, next)
				}
				at, from = next, i
			}
			if !legs[[2]int{from, -2}] {
				legs[[2]int{from, -2}] = true
				total += travel(at, hotel)
			}
		}
	}
	return total
}

// dayLanes returns the indexes of a day's items (in time order) by who
// attends them: one lane of them all, or on a split day one lane per
// sub-group with the whole delegation's items and its own.
func dayLanes(items []itinera.ItineraryItem) [][]int {
	var groups [][]int64
	for _, x := range items {
		if !x.Whole() && !slices.ContainsFunc(groups, func(g []int64) bool { return slices.Equal(g, x.VisitorIDs) }) {
			groups = append(groups, x.VisitorIDs)
		}
	}
	if len(groups) == 0 {
		groups = [][]int64{nil}
	}
	out := make([][]int, 0, len(groups))
	for _, g := range groups {
		var lane []int
		for i, x := range items {
			if g == nil || x.Whole() || slices.ContainsFunc(g, x.Attends) {
				lane = append(lane, i)
			}
		}
		out = append(out, lane)
	}
	return out
}

// partOnly says why only part of the delegation may attend a candidate
// (its capacity, or the visitors it names), or "" when the whole
// delegation may.
func (m *model) partOnly(key string) string {
	mt, ok := m.meetings[key]
	n := len(m.in.Visitors)
	if !ok || n == 0 {
		return ""
	}
	switch {
	case mt.For == itinera.ForVisitors && !namesAll(mt.VisitorIDs, m.in.Visitors):
		return fmt.Sprintf("%s is for some of the visitors only; the sub-group planner can place it.", mt.Title)
	case mt.MaxVisitors > 0 && mt.MaxVisitors < n:
		return fmt.Sprintf("%s receives at most %d visitors, fewer than the delegation's %d; the sub-group planner can place it.",
			mt.Title, mt.MaxVisitors, n)
	case mt.MinVisitors > n:
		return fmt.Sprintf("%s needs at least %d visitors, more than the delegation's %d.", mt.Title, mt.MinVisitors, n)
	}
	return ""
}

// namesAll says whether ids name every visitor.
func namesAll(ids []int64, visitors []itinera.Visitor) bool {
	for _, v := range visitors {
		if !slices.Contains(ids, v.ID) {
			return false
		}
	}
	return true
}
