// Package requests prepares meeting requests for sending: the times to
// propose, the delegation's profile a resource may see, the e-mail with
// the personal link, and the sending itself through the service
// interfaces. Composition is pure; only Sender touches services.
package requests

import (
	"sort"
	"time"

	"itinera"
)

// MaxSlots bounds the times proposed by default; officers may add more.
const MaxSlots = 12

// Slots cuts windows into back-to-back slots of minutes each, earliest
// first, at most limit of them. A window shorter than minutes gives none.
func Slots(ws []itinera.Window, minutes, limit int) []itinera.Window {
	if minutes <= 0 || limit <= 0 {
		return nil
	}
	sorted := append([]itinera.Window(nil), ws...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Start.Before(sorted[j].Start) })
	d := time.Duration(minutes) * time.Minute
	var out []itinera.Window
	for _, w := range sorted {
		for s := w.Start; !s.Add(d).After(w.End); s = s.Add(d) {
			out = append(out, itinera.Window{Start: s, End: s.Add(d)})
			if len(out) == limit {
				return out
			}
		}
	}
	return out
}

// DayWindows returns each program day's hours as a window in loc, for a
// meeting that has no availability windows of its own. The arrival and
// departure days are left out when the program has days in between.
func DayWindows(days []itinera.Day, loc *time.Location) []itinera.Window {
	var out []itinera.Window
	for i, d := range days {
		if len(days) > 2 && (i == 0 || i == len(days)-1) {
			continue
		}
		out = append(out, itinera.Window{Start: d.Date.At(d.Start, loc), End: d.Date.At(d.End, loc)})
	}
	return out
}

// Proposed returns the times to propose for m by default: its windows cut
// into slots of its duration, else the program days' hours cut likewise.
func Proposed(m itinera.Meeting, days []itinera.Day, loc *time.Location) []itinera.Window {
	ws := m.Windows
	if len(ws) == 0 {
		ws = DayWindows(days, loc)
	}
	return Slots(ws, m.DurationMinutes, MaxSlots)
}
