package planning

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"itinera"
	"itinera/internal/travel"
)

// Moving one item of the current itinerary by hand: the officer drags a
// meeting to another time (or types the time). The move is checked against
// the rules the engine keeps — the item's windows, travel from and to its
// neighbours, the day's limits, its cap of meetings and its lunch break —
// and explained in plain words before anything is saved. An accepted move
// gives the next itinerary version: the moved item pinned at its new time,
// the travel of the days it leaves and joins measured again.

// MoveCheck is what moving an item would do.
type MoveCheck struct {
	OK    bool
	Key   string // "m12" or "a7"
	Title string
	Kind  string // "meeting" or "activity"
	// Was is the item as it stands; Start and End its new time.
	Was        itinera.ItineraryItem
	Start, End time.Time
	// Explanation says in one sentence what the move does, or why it is
	// refused; Reasons lists every refusal, Notes every fact checked.
	Explanation string
	Reasons     []string
	Notes       []string
	// Itinerary is the next version with the move (when OK), its items
	// in time order.
	Itinerary itinera.Itinerary
}

// moveItem is an item of a day being checked, with where it is.
type moveItem struct {
	itinera.ItineraryItem
	key   string
	place travel.Place
	name  string // where it is, for the explanations
}

// CheckMove checks moving the current itinerary's item key to start. A
// move that breaks a rule is not an error: the check says why (OK false).
// Errors are for what cannot be asked: no itinerary, an unknown item, a
// time that is no program day.
func CheckMove(in Input, key string, start time.Time) (MoveCheck, error) {
	mc := MoveCheck{Key: key}
	if in.Current == nil {
		return mc, itinera.Errorf(itinera.EINVALID, "The program has no itinerary yet: build one first.")
	}
	loc, err := itinera.LoadZone(in.Program.TimeZone)
	if err != nil {
		return mc, itinera.Errorf(itinera.EINVALID, "The program's time zone is not valid: %v", err)
	}
	idx := -1
	for i, x := range in.Current.Items {
		if itemKey(x) == key {
			idx = i
		}
	}
	if idx < 0 {
		return mc, itinera.FieldErrors{"item": "This item is not in the current itinerary."}.Err("move")
	}
	if start.IsZero() {
		return mc, itinera.FieldErrors{"start": "Give the new start time."}.Err("move")
	}
	was := in.Current.Items[idx]
	start = start.In(loc)
	mc.Was, mc.Title, mc.Start = was, was.Title, start
	mc.End = start.Add(was.End.Sub(was.Start))
	mc.Kind = "activity"
	if was.MeetingID != 0 {
		mc.Kind = "meeting"
	}
	date := itinera.DateOf(start)
	var day *itinera.Day
	for i := range in.Days {
		if in.Days[i].Date == date {
			day = &in.Days[i]
		}
	}
	if day == nil {
		return mc, itinera.FieldErrors{"start": fmt.Sprintf("%s is not a day of the program.", start.Format("Mon 2 Jan 2006"))}.Err("move")
	}
	oldDate := itinera.DateOf(was.Start.In(loc))
	hhmm := func(t time.Time) string { return t.In(loc).Format("15:04") }
	zone := start.Format("MST")
	when := hhmm(start) + " " + zone
	if date != oldDate {
		when = start.Format("Mon 2 Jan") + " " + when
	}
	if start.Equal(was.Start) {
		mc.Reasons = append(mc.Reasons, fmt.Sprintf("%s already starts at %s.", was.Title, when))
		mc.Explanation = mc.Reasons[0]
		return mc, nil
	}

	places := map[int64]itinera.Place{}
	for _, p := range in.Places {
		places[p.ID] = p
	}
	hotel, ok := places[in.Program.HotelPlaceID]
	if !ok {
		return mc, itinera.Errorf(itinera.EINVALID, "Set the program's hotel first: every day starts and ends there.")
	}
	where := func(x itinera.ItineraryItem) (travel.Place, string) {
		p, ok := places[x.PlaceID]
		if !ok {
			p = hotel
		}
		return travel.Place{ID: p.ID, Point: travel.Point{Lat: p.Lat, Lon: p.Lon}}, p.Name
	}
	// The new itinerary: every item as it is but the moved one, which is
	// pinned at its new time (the officer chose it).
	next := itinera.Itinerary{TenantID: in.Current.TenantID, ProgramID: in.Current.ProgramID}
	for i, x := range in.Current.Items {
		if i == idx {
			x.Start, x.End, x.Pinned = start, mc.End, true
		}
		next.Items = append(next.Items, x)
	}
	hotelPlace := travel.Place{ID: hotel.ID, Point: travel.Point{Lat: hotel.Lat, Lon: hotel.Lon}}
	dayItems := func(items []itinera.ItineraryItem, d itinera.Date) []*moveItem {
		var out []*moveItem
		for i := range items {
			if itinera.DateOf(items[i].Start.In(loc)) == d {
				pl, name := where(items[i])
				out = append(out, &moveItem{ItineraryItem: items[i], key: itemKey(items[i]), place: pl, name: name})
			}
		}
		sort.Slice(out, func(a, b int) bool { return out[a].Start.Before(out[b].Start) })
		return out
	}
	days := map[itinera.Date]itinera.Day{}
	for _, d := range in.Days {
		days[d.Date] = d
	}
	// Problems that were there before the move are not the move's fault.
	before := map[string]bool{}
	for _, d := range []itinera.Date{oldDate, date} {
		if dd, ok := days[d]; ok {
			for _, lane := range lanes(dayItems(in.Current.Items, d)) {
				for _, p := range dayProblems(dd, lane, hotelPlace, hotel.Name, in.Travel.OnDay(d), loc, "") {
					before[p] = true
				}
			}
		}
	}
	// The moved item's day as its own visitors live it: the items they
	// attend (on a split day, their sub-group's and the whole
	// delegation's).
	newDay := laneOf(dayItems(next.Items, date), key)
	svc := in.Travel.OnDay(date)

	// The moved item's own windows.
	windows := in.windowsOf(was)
	fits := len(windows) == 0
	for _, w := range windows {
		if !start.Before(w.Start) && !mc.End.After(w.End) {
			fits = true
			mc.Notes = append(mc.Notes, fmt.Sprintf("inside its window %s–%s", hhmm(w.Start), hhmm(w.End)))
			break
		}
	}
	if len(windows) == 0 {
		mc.Notes = append(mc.Notes, "it has no availability windows to keep")
	} else if !fits {
		labels := make([]string, 0, len(windows))
		for _, w := range windows {
			if itinera.DateOf(w.Start.In(loc)) == date {
				labels = append(labels, hhmm(w.Start)+"–"+hhmm(w.End))
			}
		}
		if len(labels) == 0 {
			mc.Reasons = append(mc.Reasons, fmt.Sprintf("%s is not available on %s.", was.Title, start.Format("Mon 2 Jan")))
		} else {
			mc.Reasons = append(mc.Reasons, fmt.Sprintf("%s is available only %s on %s; %s–%s is outside.",
				was.Title, strings.Join(labels, ", "), start.Format("Mon 2 Jan"), hhmm(start), hhmm(mc.End)))
		}
	}
	// Travel from and to its neighbours.
	for i, x := range newDay {
		if x.key != key {
			continue
		}
		if i == 0 {
			t := svc.Between(hotelPlace, x.place)
			mc.Notes = append(mc.Notes, fmt.Sprintf("%d min from the hotel, which the day leaves at %s at the earliest", t, day.Start))
		} else {
			p := newDay[i-1]
			t := svc.Between(p.place, x.place)
			mc.Notes = append(mc.Notes, fmt.Sprintf("%d min from the previous item (%s, ends %s)", t, p.Title, hhmm(p.End)))
		}
		if i == len(newDay)-1 {
			t := svc.Between(x.place, hotelPlace)
			mc.Notes = append(mc.Notes, fmt.Sprintf("%d min back to the hotel by %s", t, day.End))
		} else {
			n := newDay[i+1]
			t := svc.Between(x.place, n.place)
			mc.Notes = append(mc.Notes, fmt.Sprintf("%d min to the next item (%s, starts %s)", t, n.Title, hhmm(n.Start)))
		}
	}
	for _, d := range []itinera.Date{oldDate, date} {
		dd, ok := days[d]
		if !ok {
			continue
		}
		for _, lane := range lanes(dayItems(next.Items, d)) {
			for _, p := range dayProblems(dd, lane, hotelPlace, hotel.Name, in.Travel.OnDay(d), loc, key) {
				if !before[p] {
					mc.Reasons = append(mc.Reasons, p)
				}
			}
		}
	}
	if day.HasLunch() {
		if lunch, ok := lunchFits(*day, newDay, hotelPlace, svc, loc); ok {
			mc.Notes = append(mc.Notes, "lunch still fits "+lunch)
		}
	}
	if day.MaxMeetings > 0 && mc.Kind == "meeting" {
		n := 0
		for _, x := range newDay {
			if x.MeetingID != 0 {
				n++
			}
		}
		if n <= day.MaxMeetings {
			mc.Notes = append(mc.Notes, fmt.Sprintf("%d of at most %d meetings that day", n, day.MaxMeetings))
		}
	}
	mc.Reasons = dedupe(mc.Reasons)
	if len(mc.Reasons) > 0 {
		mc.Explanation = fmt.Sprintf("%s cannot move to %s: %s", was.Title, when, strings.Join(mc.Reasons, " "))
		return mc, nil
	}
	mc.OK = true
	mc.Explanation = fmt.Sprintf("Moves the %s to %s: %s.", mc.Kind, when, strings.Join(mc.Notes, "; "))
	// Travel measured again on the days the move touched.
	// On a split day each item's travel is from the previous item its
	// visitors attend; an item of the whole delegation after a split, the
	// longest of its sub-groups' trips (everyone is there when it starts).
	for _, d := range []itinera.Date{oldDate, date} {
		dsvc := in.Travel.OnDay(d)
		measured := map[string]int{}
		for _, lane := range lanes(dayItems(next.Items, d)) {
			at := hotelPlace
			for _, x := range lane {
				t := dsvc.Between(at, x.place)
				if old, ok := measured[x.key]; !ok || t > old {
					measured[x.key] = t
				}
				at = x.place
			}
		}
		for i := range next.Items {
			if t, ok := measured[itemKey(next.Items[i])]; ok && itinera.DateOf(next.Items[i].Start.In(loc)) == d {
				next.Items[i].TravelMinutes = t
			}
		}
	}
	sort.Slice(next.Items, func(a, b int) bool { return next.Items[a].Start.Before(next.Items[b].Start) })
	next.Note = fmt.Sprintf("Moved by hand: %s to %s.", was.Title, start.Format("Mon 2 Jan 15:04 MST"))
	mc.Itinerary = next
	return mc, nil
}

// lanes splits a day's items (in time order) by who attends them: without
// items for part of the delegation, one lane of them all; on a split day,
// one lane per sub-group, each with the items of the whole delegation and
// those the sub-group's visitors attend.
func lanes(items []*moveItem) [][]*moveItem {
	var groups [][]int64
	for _, x := range items {
		if x.Whole() {
			continue
		}
		known := false
		for _, g := range groups {
			known = known || slices.Equal(g, x.VisitorIDs)
		}
		if !known {
			groups = append(groups, x.VisitorIDs)
		}
	}
	if len(groups) == 0 {
		return [][]*moveItem{items}
	}
	out := make([][]*moveItem, 0, len(groups))
	for _, g := range groups {
		var lane []*moveItem
		for _, x := range items {
			if x.Whole() || slices.ContainsFunc(g, x.ItineraryItem.Attends) {
				lane = append(lane, x)
			}
		}
		out = append(out, lane)
	}
	return out
}

// laneOf is the lane of the item key: the items its visitors attend
// (all the day's items for an item of the whole delegation).
func laneOf(items []*moveItem, key string) []*moveItem {
	i := slices.IndexFunc(items, func(y *moveItem) bool { return y.key == key })
	if i < 0 || items[i].Whole() {
		return items
	}
	var lane []*moveItem
	for _, y := range items {
		if y.Whole() || slices.ContainsFunc(items[i].VisitorIDs, y.ItineraryItem.Attends) {
			lane = append(lane, y)
		}
	}
	return lane
}

// windowsOf are the availability windows (or opening hours) of an item's
// meeting or activity.
func (in Input) windowsOf(x itinera.ItineraryItem) []itinera.Window {
	for _, m := range in.Meetings {
		if x.MeetingID != 0 && m.ID == x.MeetingID {
			return m.Windows
		}
	}
	for _, a := range in.Activities {
		if x.ActivityID != 0 && a.ID == x.ActivityID {
			return a.Windows
		}
	}
	return nil
}

// dayProblems lists, in plain words, what breaks the day's rules: items
// that overlap or leave too little time to travel, a day that starts too
// early or ends too late, too many meetings, no room for lunch. With key
// set, only problems that involve that item or the whole day are listed.
func dayProblems(d itinera.Day, items []*moveItem, hotel travel.Place, hotelName string, svc travel.Service, loc *time.Location, key string) []string {
	var out []string
	hhmm := func(t time.Time) string { return t.In(loc).Format("15:04") }
	at, atEnd := hotel, d.Date.At(d.Start, loc)
	for i, x := range items {
		t := svc.Between(at, x.place)
		if x.Start.Before(atEnd.Add(time.Duration(t) * time.Minute)) {
			involves := key == "" || x.key == key || (i > 0 && items[i-1].key == key)
			if involves {
				if i == 0 {
					out = append(out, fmt.Sprintf("%s would start at %s, but the day leaves the hotel at %s and the trip takes %d min.",
						x.Title, hhmm(x.Start), d.Start, t))
				} else if x.Start.Before(items[i-1].End) {
					out = append(out, fmt.Sprintf("%s (%s–%s) and %s (%s–%s) would overlap.",
						items[i-1].Title, hhmm(items[i-1].Start), hhmm(items[i-1].End), x.Title, hhmm(x.Start), hhmm(x.End)))
				} else {
					out = append(out, fmt.Sprintf("Only %d min between %s (ends %s) and %s (starts %s), and the trip takes %d min.",
						int(x.Start.Sub(items[i-1].End).Minutes()), items[i-1].Title, hhmm(items[i-1].End), x.Title, hhmm(x.Start), t))
				}
			}
		}
		at, atEnd = x.place, x.End
	}
	if n := len(items); n > 0 {
		last := items[n-1]
		t := svc.Between(last.place, hotel)
		if atEnd.Add(time.Duration(t)*time.Minute).After(d.Date.At(d.End, loc)) && (key == "" || last.key == key) {
			out = append(out, fmt.Sprintf("%s ends at %s; with %d min back to the hotel (%s) the day would end after %s.",
				last.Title, hhmm(last.End), t, hotelName, d.End))
		}
	}
	if d.MaxMeetings > 0 {
		n := 0
		for _, x := range items {
			if x.MeetingID != 0 {
				n++
			}
		}
		if n > d.MaxMeetings {
			out = append(out, fmt.Sprintf("%s would have %d meetings; its limit is %d.", d.Date.In(time.UTC).Format("Mon 2 Jan"), n, d.MaxMeetings))
		}
	}
	if d.HasLunch() {
		if _, ok := lunchFits(d, items, hotel, svc, loc); !ok {
			out = append(out, fmt.Sprintf("No %d min are left for lunch between %s and %s.", d.LunchMinutes, d.LunchFrom, d.LunchTo))
		}
	}
	return out
}

// lunchFits finds the first free stretch of the day's lunch break inside
// its lunch window: the group eats where the previous item ended, before
// travelling on (as the engine plans it).
func lunchFits(d itinera.Day, items []*moveItem, hotel travel.Place, svc travel.Service, loc *time.Location) (string, bool) {
	from, to := d.Date.At(d.LunchFrom, loc), d.Date.At(d.LunchTo, loc)
	need := time.Duration(d.LunchMinutes) * time.Minute
	at, free := hotel, d.Date.At(d.Start, loc)
	try := func(a, b time.Time) (string, bool) {
		if a.Before(from) {
			a = from
		}
		if b.After(to) {
			b = to
		}
		if b.Sub(a) >= need {
			return a.In(loc).Format("15:04") + "–" + a.Add(need).In(loc).Format("15:04"), true
		}
		return "", false
	}
	for _, x := range items {
		t := time.Duration(svc.Between(at, x.place)) * time.Minute
		if s, ok := try(free, x.Start.Add(-t)); ok {
			return s, true
		}
		at, free = x.place, x.End
	}
	back := time.Duration(svc.Between(at, hotel)) * time.Minute
	return try(free, d.Date.At(d.End, loc).Add(-back))
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// ParseItemKey reads an item key ("m12", "a7") into its meeting or
// activity id; ok is false for anything else.
func ParseItemKey(key string) (meetingID, activityID int64, ok bool) {
	if len(key) < 2 || (key[0] != 'm' && key[0] != 'a') {
		return 0, 0, false
	}
	id, err := strconv.ParseInt(key[1:], 10, 64)
	if err != nil || id <= 0 {
		return 0, 0, false
	}
	if key[0] == 'm' {
		return id, 0, true
	}
	return 0, id, true
}

// ItemKey is an itinerary item's key: "m12" for meeting 12, "a7" for
// activity 7.
func ItemKey(x itinera.ItineraryItem) string { return itemKey(x) }
