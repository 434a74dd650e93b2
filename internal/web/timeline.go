package web

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"itinera"
)

// A timeline draws one day of an itinerary as server-rendered SVG: an hours
// axis down the left, travel legs in a narrow lane, items as labelled blocks,
// the lunch window and the hours outside the day's limits shaded. All
// geometry is computed here; the template only writes it out.

const (
	tlWidth  = 640
	tlAxisX  = 52 // hour labels end here
	tlLaneX  = 58 // travel lane
	tlLaneW  = 16
	tlBlockX = 80
	tlTop    = 14
	tlPx     = 1.2 // pixels per minute
)

type timeline struct {
	ID            string
	Label         string
	Width, Height int
	Title, Desc   string
	Ticks         []tick
	Off           []band
	Lunch         *band
	Legs          []band
	Blocks        []block
	List          []string
	AxisX, LineX  int
	TextX         int
	LaneX, LaneW  int
}

type tick struct {
	Y     int
	Label string
}

type band struct {
	X, Y, W, H int
	Label      string
}

type block struct {
	X, Y, W, H   int
	TX           int // where its text starts
	Class        string
	Line1, Line2 string
	Y1, Y2       int
	Label        string // the block's accessible name
}

// timelines draws each program day of it; ppl names the sub-groups of a
// split day, whose items are drawn side by side.
func timelines(it itinera.Itinerary, days []itinera.Day, loc *time.Location, ppl people) []timeline {
	byDate := map[itinera.Date][]itinera.ItineraryItem{}
	for _, x := range it.Items {
		d := itinera.DateOf(x.Start.In(loc))
		byDate[d] = append(byDate[d], x)
	}
	out := make([]timeline, 0, len(days))
	for _, d := range days {
		items := byDate[d.Date]
		sort.Slice(items, func(i, j int) bool { return items[i].Start.Before(items[j].Start) })
		out = append(out, drawDayOf(d, items, loc, ppl))
	}
	return out
}

func drawDay(d itinera.Day, items []itinera.ItineraryItem, loc *time.Location) timeline {
	return drawDayOf(d, items, loc, people{})
}

func drawDayOf(d itinera.Day, items []itinera.ItineraryItem, loc *time.Location, ppl people) timeline {
	midnight := d.Date.In(loc)
	minute := func(t time.Time) int { return int(t.Sub(midnight).Minutes()) }
	from, to := int(d.Start), int(d.End)
	for _, x := range items {
		from = min(from, minute(x.Start)-x.TravelMinutes)
		to = max(to, minute(x.End))
	}
	from = max(0, from/60*60)
	to = (to + 59) / 60 * 60
	y := func(m int) int { return tlTop + int(float64(m-from)*tlPx+0.5) }

	t := timeline{ID: "day-" + d.Date.String(), Label: dateLabel(d.Date), Width: tlWidth,
		Height: y(to) + tlTop, AxisX: tlAxisX, LineX: tlAxisX + 4, TextX: tlBlockX + 8, LaneX: tlLaneX, LaneW: tlLaneW}
	for m := from; m <= to; m += 60 {
		t.Ticks = append(t.Ticks, tick{Y: y(m), Label: itinera.Clock(m % (24 * 60)).String()})
	}
	full := tlWidth - t.LineX
	if int(d.Start) > from {
		t.Off = append(t.Off, band{X: t.LineX, Y: y(from), W: full, H: y(int(d.Start)) - y(from),
			Label: "Before the day starts (" + d.Start.String() + ")"})
	}
	if int(d.End) < to {
		t.Off = append(t.Off, band{X: t.LineX, Y: y(int(d.End)), W: full, H: y(to) - y(int(d.End)),
			Label: "After the day ends (" + d.End.String() + ")"})
	}
	if d.HasLunch() {
		t.Lunch = &band{X: t.LineX, Y: y(int(d.LunchFrom)), W: full, H: y(int(d.LunchTo)) - y(int(d.LunchFrom)),
			Label: fmt.Sprintf("Lunch window %s–%s (%d min)", d.LunchFrom, d.LunchTo, d.LunchMinutes)}
	}

	meetings, activities := 0, 0
	lanes := dayLanes(items, ppl)
	for i, x := range items {
		s, e := minute(x.Start), minute(x.End)
		kind, class := "Activity", "activity"
		if x.MeetingID != 0 {
			kind, class = "Meeting", "meeting"
			meetings++
		} else {
			activities++
		}
		if x.Pinned {
			class += " pinned"
		}
		span := x.Start.In(loc).Format("15:04") + "–" + x.End.In(loc).Format("15:04")
		b := block{X: tlBlockX, Y: y(s), W: tlWidth - tlBlockX - 2, H: max(y(e)-y(s), 6), Class: class + lanes[i].Class()}
		n := 1
		if l := lanes[i]; l.Lanes > 0 {
			// A sub-group's lane: its share of the width.
			n = l.Lanes
			const gap = 4
			b.W = (b.W - gap*(n-1)) / n
			b.X += (l.Lane - 1) * (b.W + gap)
		}
		b.TX = b.X + 8
		b.Line1 = span + " " + clip(x.Title, 56/n)
		var sub []string
		if lanes[i].Short != "" {
			sub = append(sub, lanes[i].Short)
		}
		if x.PlaceName != "" {
			sub = append(sub, x.PlaceName)
		}
		if x.TravelMinutes > 0 {
			sub = append(sub, fmt.Sprintf("%d min travel before", x.TravelMinutes))
		}
		b.Line2 = clip(strings.Join(sub, " · "), 64/n)
		b.Y1, b.Y2 = b.Y+15, b.Y+31
		if b.H < 18 {
			b.Line1 = ""
		}
		if b.H < 36 {
			b.Line2 = ""
		}
		line := fmt.Sprintf("%s %s — %s: %s", span, x.Start.In(loc).Format("MST"), kind, x.Title)
		if x.PlaceName != "" {
			line += ", at " + x.PlaceName
		}
		if x.TravelMinutes > 0 {
			line += fmt.Sprintf(" (%d min travel before)", x.TravelMinutes)
			t.Legs = append(t.Legs, band{X: tlLaneX, Y: y(s - x.TravelMinutes), W: tlLaneW,
				H:     max(y(s)-y(s-x.TravelMinutes), 2),
				Label: fmt.Sprintf("%d min travel to %s", x.TravelMinutes, orDash(x.PlaceName))})
		}
		if x.Pinned {
			line += " — time confirmed"
		}
		if lanes[i].Full != "" {
			line += " — for " + lanes[i].Full
		}
		b.Label = line
		t.Blocks = append(t.Blocks, b)
		t.List = append(t.List, line)
	}
	t.Title = "Itinerary of " + t.Label
	if len(items) == 0 {
		t.Desc = "Nothing is scheduled on this day."
	} else {
		first, last := items[0].Start.In(loc), items[len(items)-1].End.In(loc)
		t.Desc = fmt.Sprintf("%s and %s from %s to %s %s. The list after the drawing gives every item as text.",
			plural(meetings, "meeting"), plural(activities, "activity"),
			first.Format("15:04"), last.Format("15:04"), first.Format("MST"))
	}
	return t
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "y") && !strings.ContainsRune("aeiou", rune(word[max(0, len(word)-2)])) {
		word = strings.TrimSuffix(word, "y") + "ie"
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func orDash(s string) string {
	if s == "" {
		return "the next place"
	}
	return s
}
