package web

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"itinera"
	"itinera/internal/planning"
)

// The week view draws a program's itinerary as days side by side on one
// hour axis, items to scale, the travel before each item as a labelled
// gap and the lunch break where it fits. The geometry is computed here as
// rows of a CSS grid (one row per weekSlot minutes, classes wk-rN for the
// first row and wk-sN for the span, in workspace.css), so the page draws
// without script and under a style-src 'self' policy. A little script
// (week.js) adds drag and drop; the Move forms do the same without it.

const (
	weekSlot    = 5   // minutes per grid row
	weekMaxRows = 288 // a whole day: the rows workspace.css defines
)

type weekView struct {
	Tabs       sectionNav
	P          itinera.Program
	Zone       string // "America/Chicago (CST)"
	Abbr       string // "CST"
	Itinerary  *itineraryView
	Rows       int // rows of the hour axis
	AxisStart  int // minutes after midnight of the first row
	Days       []weekDay
	DayRows    []dayRow // the days' limits
	Dates      []option // for the Move forms
	FirstDate  string
	LastDate   string
	Day        *weekDay // the day view's day
	Prev, Next string   // the day view's neighbours
	Maps       []dayMap
	Edit       bool // the user may move items
}

type weekDay struct {
	// PhoneStart (minutes after midnight) and PhoneRows are the day's own
	// hours, drawn on a phone.
	PhoneStart, PhoneRows  int
	ID, Label, Short, Href string
	Date                   string
	Blocks                 []weekBlock
	Hours                  []weekBlock
	Items                  []weekItem
	Travel                 string // "by van"
}

// weekBlock is one thing drawn in a day's column: on the week's hour
// axis (Row, Span) and, on a phone where the days stack, on its own day's
// hours (PRow, PSpan; Out: not shown there).
type weekBlock struct {
	Class       string // item meeting, item activity, travel, lunch, off, hour
	Row, Span   int
	PRow, PSpan int
	Out         bool
	Kind        string // "Meeting", "Activity": said in words, not only colour
	Time        string
	Title       string
	Sub         string
	Key         string // items: "m12"
	Minutes     int    // items: duration
	Pinned      bool
	Who         string // items of a sub-group: its visitors and interpreter, shortly
	WhoTiny     string // and in a word, for a narrow lane
}

// weekItem is one item in the list under the drawing, with its Move form.
type weekItem struct {
	Key, Kind, Time, Title, Place, Travel, Date, Start string
	Pinned                                             bool
	Who                                                string // a sub-group's item: who attends it
}

// Only is the view with the day view's day alone, for its list of items.
func (v weekView) Only() weekView {
	if v.Day != nil {
		v.Days = []weekDay{*v.Day}
	}
	return v
}

// Grid is the classes that place a block on the grid.
func (b weekBlock) Grid() string {
	if b.Out {
		return fmt.Sprintf("wk-r%d wk-s%d wk-out", b.Row, b.Span)
	}
	return fmt.Sprintf("wk-r%d wk-s%d wk-p%d wk-q%d", b.Row, b.Span, b.PRow, b.PSpan)
}

func (ui *UI) weekView(r *http.Request, s *session, p itinera.Program) (weekView, error) {
	ctx, tid := r.Context(), s.User.TenantID
	loc := p.Location()
	v := weekView{Tabs: programTabs(p.ID, "itinerary"), P: p, Zone: p.ZoneLabel(),
		FirstDate: p.StartDate.String(), LastDate: p.EndDate.String()}
	v.Abbr = p.StartDate.At(12*60, loc).Format("MST")
	v.Edit = s.User.Role.CanEdit()
	days, err := ui.svc.Programs.Days(ctx, tid, p.ID)
	if err != nil {
		return v, err
	}
	usual := ui.usualTravel(r, s)
	for _, d := range days {
		row := newDayRow(d, usual)
		v.DayRows = append(v.DayRows, row)
		v.Dates = append(v.Dates, option{Value: d.Date.String(), Label: dateLabel(d.Date)})
	}
	var items []itinera.ItineraryItem
	var ppl people
	it, err := ui.svc.Itineraries.CurrentItinerary(ctx, tid, p.ID)
	switch itinera.ErrorCode(err) {
	case "":
		v.Itinerary = &itineraryView{Version: it.Version, Note: it.Note,
			Created: it.CreatedAt.In(loc).Format("Mon 2 Jan 2006 15:04 MST")}
		items = it.Items
		if ppl, err = ui.people(ctx, tid, p.ID); err != nil {
			return v, err
		}
		if r.PathValue("date") != "" {
			places, err := ui.svc.Directory.Places(ctx, tid, itinera.DirectoryFilter{})
			if err != nil {
				return v, err
			}
			byID := make(map[int64]itinera.Place, len(places))
			for _, pl := range places {
				byID[pl.ID] = pl
			}
			v.Maps = dayMaps(it, days, p, byID, ui.maps, ppl)
		}
	case itinera.ENOTFOUND:
	default:
		return v, err
	}
	drawWeek(&v, days, items, loc, usual, ppl)
	return v, nil
}

// drawWeek lays the days out on one hour axis.
// On a split day each sub-group's items are drawn in its own lane.
func drawWeek(v *weekView, days []itinera.Day, items []itinera.ItineraryItem, loc *time.Location, usual itinera.TravelMode, ppl people) {
	byDate := map[itinera.Date][]itinera.ItineraryItem{}
	for _, x := range items {
		d := itinera.DateOf(x.Start.In(loc))
		byDate[d] = append(byDate[d], x)
	}
	from, to := 24*60, 0
	minute := func(d itinera.Date, t time.Time) int { return int(t.Sub(d.In(loc)).Minutes()) }
	for _, d := range days {
		from, to = min(from, int(d.Start)), max(to, int(d.End))
		for _, x := range byDate[d.Date] {
			from = min(from, minute(d.Date, x.Start)-x.TravelMinutes)
			to = max(to, minute(d.Date, x.End))
		}
	}
	if from >= to {
		from, to = 8*60, 18*60
	}
	from = max(0, from/60*60)
	to = min(24*60, (to+59)/60*60)
	v.AxisStart, v.Rows = from, (to-from)/weekSlot
	zone := v.Abbr
	for _, d := range days {
		xs := byDate[d.Date]
		// The day's own hours, for a phone.
		dFrom, dTo := int(d.Start), int(d.End)
		for _, x := range xs {
			dFrom = min(dFrom, minute(d.Date, x.Start)-x.TravelMinutes)
			dTo = max(dTo, minute(d.Date, x.End))
		}
		dFrom, dTo = max(from, dFrom/60*60), min(to, (dTo+59)/60*60)
		// at places b on the rows of [a, e).
		at := func(b weekBlock, a, e int) weekBlock {
			a, e = max(a, from), min(e, to)
			b.Row = (a-from)/weekSlot + 1
			b.Span = max(1, min((e-a+weekSlot-1)/weekSlot, v.Rows-b.Row+1))
			pa, pe := max(a, dFrom), min(e, dTo)
			if pe <= pa {
				b.Out = true
				return b
			}
			b.PRow = (pa-dFrom)/weekSlot + 1
			b.PSpan = max(1, min((pe-pa+weekSlot-1)/weekSlot, (dTo-dFrom)/weekSlot-b.PRow+1))
			return b
		}
		sort.Slice(xs, func(i, j int) bool { return xs[i].Start.Before(xs[j].Start) })
		mode := usual
		if d.TravelMode.Valid() {
			mode = d.TravelMode
		}
		wd := weekDay{PhoneStart: dFrom, PhoneRows: (dTo - dFrom) / weekSlot, ID: "day-" + d.Date.String(), Label: dateLabel(d.Date), Short: d.Date.In(time.UTC).Format("Mon 2 Jan"),
			Href: sectionPath(v.P.ID, "itinerary") + "/" + d.Date.String(), Date: d.Date.String(), Travel: travelBy(mode)}
		for m := from; m < to; m += 60 {
			wd.Hours = append(wd.Hours, at(weekBlock{Class: "hour", Time: itinera.Clock(m).String()}, m, m+60))
		}
		if int(d.Start) > from {
			wd.Blocks = append(wd.Blocks, at(weekBlock{Class: "off", Title: "Before " + d.Start.String()}, from, int(d.Start)))
		}
		if int(d.End) < to {
			wd.Blocks = append(wd.Blocks, at(weekBlock{Class: "off", Title: "After " + d.End.String()}, int(d.End), to))
		}
		if d.HasLunch() {
			if w, ok := lunchOf(d, xs, loc); ok {
				a, b := minute(d.Date, w.Start), minute(d.Date, w.End)
				wd.Blocks = append(wd.Blocks, at(weekBlock{Class: "lunch",
					Title: "Lunch", Time: w.Start.In(loc).Format("15:04") + "–" + w.End.In(loc).Format("15:04") + " " + zone}, a, b))
			} else if len(xs) > 0 {
				a, b := int(d.LunchFrom), int(d.LunchTo)
				wd.Blocks = append(wd.Blocks, at(weekBlock{Class: "lunch none",
					Title: "No room for lunch", Time: d.LunchFrom.String() + "–" + d.LunchTo.String() + " " + zone}, a, b))
			}
		}
		lanes := dayLanes(xs, ppl)
		for i, x := range xs {
			a, b := minute(d.Date, x.Start), minute(d.Date, x.End)
			key := planning.ItemKey(x)
			kind, class := "Activity", "item activity"
			if x.MeetingID != 0 {
				kind, class = "Meeting", "item meeting"
			}
			if x.Pinned {
				class += " pinned"
			}
			tm := x.Start.In(loc).Format("15:04") + "–" + x.End.In(loc).Format("15:04") + " " + zone
			if x.TravelMinutes > 0 {
				tb := at(weekBlock{Class: "travel" + lanes[i].Class(), Title: fmt.Sprintf("%d min %s", x.TravelMinutes, wd.Travel)}, a-x.TravelMinutes, a)
				if tb.Span < 4 {
					tb.Class += " short" // too short for its label: the list says it
				}
				wd.Blocks = append(wd.Blocks, tb)
			}
			if b-a < 60 {
				class += " small" // room for two lines: the place is in the list
			}
			wd.Blocks = append(wd.Blocks, at(weekBlock{Class: class + lanes[i].Class(), Kind: kind, Time: tm,
				Title: x.Title, Sub: x.PlaceName, Key: key, Minutes: b - a, Pinned: x.Pinned, Who: lanes[i].Short, WhoTiny: lanes[i].Tiny}, a, b))
			wi := weekItem{Key: key, Kind: kind, Time: tm, Title: x.Title, Place: x.PlaceName, Pinned: x.Pinned,
				Date: d.Date.String(), Start: x.Start.In(loc).Format("15:04"), Who: lanes[i].Full}
			if x.TravelMinutes > 0 {
				wi.Travel = fmt.Sprintf("%d min %s before", x.TravelMinutes, wd.Travel)
			}
			wd.Items = append(wd.Items, wi)
		}
		v.Days = append(v.Days, wd)
	}
}

// travelBy says how the delegation travels: "by van".
func travelBy(m itinera.TravelMode) string {
	switch m {
	case itinera.TravelWalking:
		return "on foot"
	case itinera.TravelTransit:
		return "by public transport"
	}
	return "by " + strings.ToLower(m.Label())
}

// lunchOf is where the day's lunch break falls: the first free stretch
// of its lunch window, after an item ends and before the travel to the
// next (the group eats where it is, as the engine plans it). On a split
// day it is a stretch when no group has an item or is travelling.
func lunchOf(d itinera.Day, xs []itinera.ItineraryItem, loc *time.Location) (itinera.Window, bool) {
	from, to := d.Date.At(d.LunchFrom, loc), d.Date.At(d.LunchTo, loc)
	need := time.Duration(d.LunchMinutes) * time.Minute
	free := d.Date.At(d.Start, loc)
	try := func(a, b time.Time) (itinera.Window, bool) {
		if a.Before(from) {
			a = from
		}
		if b.After(to) {
			b = to
		}
		return itinera.Window{Start: a, End: a.Add(need)}, b.Sub(a) >= need
	}
	for _, x := range xs {
		if w, ok := try(free, x.Start.Add(-time.Duration(x.TravelMinutes)*time.Minute)); ok {
			return w, true
		}
		if x.End.After(free) {
			free = x.End // a group's item may end before another's
		}
	}
	return try(free, d.Date.At(d.End, loc))
}

// itineraryShow is the Itinerary section: the week view.
func (ui *UI) itineraryShow(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v, err := ui.weekView(r, s, p)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.render(w, r, s, http.StatusOK, "itinerary", sectionInfo(p, "itinerary"), v)
}

// itineraryDay is one day of the itinerary, larger, with its map.
func (ui *UI) itineraryDay(w http.ResponseWriter, r *http.Request, s *session) {
	p, d, err := ui.day(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v, err := ui.weekView(r, s, p)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	for i := range v.Days {
		if v.Days[i].Date == d.Date.String() {
			v.Day = &v.Days[i]
			if i > 0 {
				v.Prev = v.Days[i-1].Href
			}
			if i+1 < len(v.Days) {
				v.Next = v.Days[i+1].Href
			}
		}
	}
	var maps []dayMap
	for _, m := range v.Maps {
		if m.ID == "map-"+d.Date.String() || strings.HasPrefix(m.ID, "map-"+d.Date.String()+"-group-") {
			maps = append(maps, m)
		}
	}
	v.Maps = maps
	info := sectionInfo(p, "itinerary")
	info.Title = dateLabel(d.Date) + " · " + p.Title
	info.Crumbs = append(info.Crumbs, crumb{Href: sectionPath(p.ID, "itinerary"), Label: "Itinerary"})
	ui.render(w, r, s, http.StatusOK, "itinerary_day", info, v)
}
