package web

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"itinera"
	"itinera/internal/app"
)

// The project's timeline: one line per stop over the project's days (about
// three weeks), the journey between stops drawn from one stop's end to the
// next one's start, and the stops with route problems marked. Server-drawn
// SVG like internal/chart's; the table beside it says the same.

const (
	ptLabelW = 170 // the stops' names
	ptWidth  = 980
	ptRowH   = 40
	ptTop    = 34 // the days' labels
	ptBarH   = 22
)

// projectTimeline draws the stops of a project (route order) as SVG, with
// a dot for each confirmed meeting of the stops whose program the caller
// reads (meetings, by stop).
func projectTimeline(stops []itinera.ProjectStop, problems []itinera.RouteProblem, meetings map[int64][]app.StopItem) template.HTML {
	route := make([]itinera.ProjectStop, 0, len(stops))
	for _, s := range stops {
		if s.Status != itinera.StopDeclined {
			route = append(route, s)
		}
	}
	if len(route) == 0 {
		return ""
	}
	itinera.RouteOrder(route)
	first, last := route[0].StartDate, route[0].EndDate
	for _, s := range route {
		if s.StartDate.Before(first) {
			first = s.StartDate
		}
		if last.Before(s.EndDate) {
			last = s.EndDate
		}
	}
	days := first.DaysUntil(last) + 1
	dayW := float64(ptWidth-ptLabelW-10) / float64(days)
	x := func(d itinera.Date, frac float64) float64 { return ptLabelW + (float64(first.DaysUntil(d))+frac)*dayW }
	height := ptTop + len(route)*ptRowH + 10
	bad := map[int64][]string{}
	for _, p := range problems {
		bad[p.StopID] = append(bad[p.StopID], p.Text)
	}
	esc := template.HTMLEscapeString
	var b strings.Builder
	desc := fmt.Sprintf("%d stops from %s to %s; %d route problems. The table below says the same.", len(route), first, last, len(problems))
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="project-timeline" id="project-timeline" viewBox="0 0 %d %d" role="img" aria-labelledby="pt-title pt-desc">`,
		ptWidth, height)
	fmt.Fprintf(&b, `<title id="pt-title">The project's route over %d days</title><desc id="pt-desc">%s</desc>`, days, esc(desc))
	// Day columns: weekends shaded, a label every day (weekday initial and date).
	for i := 0; i < days; i++ {
		d := first.AddDays(i)
		dx := x(d, 0)
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			fmt.Fprintf(&b, `<rect class="pt-weekend" x="%.1f" y="%d" width="%.1f" height="%d"/>`, dx, ptTop-6, dayW, height-ptTop)
		}
		fmt.Fprintf(&b, `<line class="pt-grid" x1="%.1f" y1="%d" x2="%.1f" y2="%d"/>`, dx, ptTop-6, dx, height-4)
		fmt.Fprintf(&b, `<text class="pt-day" x="%.1f" y="%d">%s</text>`, dx+dayW/2, ptTop-20, d.Weekday().String()[:2])
		fmt.Fprintf(&b, `<text class="pt-day" x="%.1f" y="%d">%d</text>`, dx+dayW/2, ptTop-8, d.Day)
	}
	for i, s := range route {
		y := ptTop + i*ptRowH + (ptRowH-ptBarH)/2
		class := "pt-stop pt-" + string(s.Status)
		if len(bad[s.ID]) > 0 {
			class += " pt-problem"
		}
		x0, x1 := x(s.StartDate, 0.15), x(s.EndDate, 0.85)
		label := fmt.Sprintf("%s, %s to %s, %s (%s)", s.City, s.StartDate, s.EndDate, s.OrganizationName, s.Status)
		fmt.Fprintf(&b, `<text class="pt-name" x="6" y="%d">%s</text>`, y+ptBarH-6, esc(clip(s.City, 22)))
		fmt.Fprintf(&b, `<rect class="%s" x="%.1f" y="%d" width="%.1f" height="%d" rx="4"><title>%s</title></rect>`, class, x0, y, x1-x0, ptBarH, esc(label))
		loc := s.Location()
		for _, m := range meetings[s.ID] {
			d := itinera.DateOf(m.Start.In(loc))
			mins := m.Start.In(loc).Hour()*60 + m.Start.In(loc).Minute()
			fmt.Fprintf(&b, `<circle class="pt-meeting" cx="%.1f" cy="%d" r="4"><title>%s</title></circle>`, x(d, float64(mins)/(24*60)),
				y+ptBarH/2, esc(m.Start.In(loc).Format("Mon 2 Jan 15:04 MST")+": "+m.Title+" (confirmed)"))
		}
		if len(bad[s.ID]) > 0 {
			fmt.Fprintf(&b, `<text class="pt-mark" x="%.1f" y="%d"><title>%s</title>!</text>`, x0+8, y+ptBarH-6, esc(strings.Join(bad[s.ID], " ")))
		}
		// The journey into the stop: from the previous stop's bar (or the
		// start of the first day) to this one's.
		if i > 0 {
			p := route[i-1]
			py := ptTop + (i-1)*ptRowH + ptRowH/2
			jx := x(p.EndDate, 0.85)
			mode := "flight"
			if s.ArrivalMode == itinera.TravelGround {
				mode = "ground"
			}
			fmt.Fprintf(&b, `<path class="pt-travel pt-%s" d="M%.1f %d C%.1f %d %.1f %d %.1f %d"><title>%s</title></path>`,
				mode, jx, py, jx+12, py, x0-12, y+ptBarH/2, x0, y+ptBarH/2, esc(journeyLabel(p, s)))
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// journeyLabel says the journey from p to s with its times in their zones.
func journeyLabel(p, s itinera.ProjectStop) string {
	out := "From " + p.City + " to " + s.City + " by " + string(s.ArrivalMode)
	if s.ArrivalRef != "" {
		out += " (" + s.ArrivalRef + ")"
	}
	if !s.DepartsAt.IsZero() {
		out += ", leaves " + s.DepartsAt.In(p.Location()).Format("Mon 2 Jan 15:04 MST")
	}
	if !s.ArrivesAt.IsZero() {
		out += ", arrives " + s.ArrivesAt.In(s.Location()).Format("Mon 2 Jan 15:04 MST")
	}
	return out
}
