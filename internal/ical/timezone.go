package ical

import (
	"fmt"
	"time"
)

// Formats of DATE-TIME values: local wall time (with a TZID parameter, or
// floating) and UTC.
const (
	localLayout = "20060102T150405"
	utcLayout   = "20060102T150405Z"
)

// zoneMargin is how far before the first and after the last event the
// VTIMEZONE describes the zone's transitions, so a client that moves an
// event a little still finds the right offset.
const zoneMargin = 366 * 24 * time.Hour

// observance is one STANDARD or DAYLIGHT sub-component: from onset on, the
// zone is offsetTo seconds east of UTC; before it, offsetFrom.
type observance struct {
	onset      time.Time // instant of the change; zero: since ever
	offsetFrom int
	offsetTo   int
	name       string
	dst        bool
}

// observances lists, for loc, the observance in effect at from and every
// transition up to to, read from Go's zone database with ZoneBounds.
// Explicit observances (one per change) are the form every client reads
// the same way, unlike RRULEs that only approximate a zone's history.
func observances(loc *time.Location, from, to time.Time) []observance {
	t := from.In(loc)
	name, off := t.Zone()
	start, end := t.ZoneBounds()
	first := observance{onset: start, offsetFrom: off, offsetTo: off, name: name, dst: t.IsDST()}
	if !start.IsZero() {
		_, first.offsetFrom = start.Add(-time.Second).In(loc).Zone()
	}
	obs := []observance{first}
	// The bound guards against a zone database that never stops changing.
	for i := 0; !end.IsZero() && !end.After(to) && i < 10000; i++ {
		at := end.In(loc)
		name, next := at.Zone()
		obs = append(obs, observance{onset: end, offsetFrom: off, offsetTo: next, name: name, dst: at.IsDST()})
		off = next
		_, end = at.ZoneBounds()
	}
	return obs
}

// writeTimezone writes the VTIMEZONE of loc for the instants from..to:
// two yearly rules when the zone is that regular over the span, else one
// observance per change.
func writeTimezone(w *writer, loc *time.Location, from, to time.Time) {
	w.begin("VTIMEZONE")
	w.line("TZID", escapeText(loc.String()))
	w.text("X-LIC-LOCATION", loc.String())
	obs := observances(loc, from.Add(-zoneMargin), to.Add(zoneMargin))
	if rules, ok := yearlyRules(obs); ok {
		for _, r := range rules {
			writeObservance(w, r.observance, r.rrule())
		}
	} else {
		for _, o := range obs {
			writeObservance(w, o, "")
		}
	}
	w.end("VTIMEZONE")
}

// writeObservance writes one STANDARD or DAYLIGHT sub-component.
func writeObservance(w *writer, o observance, rrule string) {
	kind := "STANDARD"
	if o.dst {
		kind = "DAYLIGHT"
	}
	w.begin(kind)
	// DTSTART of an observance is the local time just before the change,
	// that is in the offset it changes from (RFC 5545 3.6.5).
	onset := "16010101T000000"
	if !o.onset.IsZero() {
		onset = localOnset(o).Format(localLayout)
	}
	w.line("DTSTART", onset)
	if rrule != "" {
		w.line("RRULE", rrule)
	}
	w.line("TZOFFSETFROM", formatOffset(o.offsetFrom))
	w.line("TZOFFSETTO", formatOffset(o.offsetTo))
	if o.name != "" {
		w.text("TZNAME", o.name)
	}
	w.end(kind)
}

// formatOffset writes a UTC-OFFSET value: +HHMM, or +HHMMSS for the odd
// historical offset with seconds.
func formatOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	h, m, s := sec/3600, sec/60%60, sec%60
	if s != 0 {
		return fmt.Sprintf("%c%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%c%02d%02d", sign, h, m)
}

// isUTC reports whether loc is UTC, written with a trailing Z and no VTIMEZONE.
func isUTC(loc *time.Location) bool {
	return loc == time.UTC || loc.String() == "UTC"
}

// checkZone rejects the zones a calendar client cannot be told about: the
// server's "Local" zone and unnamed fixed zones.
func checkZone(loc *time.Location) error {
	switch {
	case loc == nil:
		return fmt.Errorf("a time zone such as America/Chicago is required")
	case loc.String() == "Local" || loc.String() == "":
		return fmt.Errorf("time zone %q has no IANA name; load one such as America/Chicago", loc.String())
	}
	return nil
}

// dateTime returns the value and parameters of a DATE-TIME property for t
// shown in loc. The second run of a wall time that happens twice (when
// clocks go back) cannot be written as local time, which RFC 5545 reads as
// the first run, so it is written in UTC.
func dateTime(t time.Time, loc *time.Location) (string, []param) {
	t = t.Truncate(time.Second)
	if isUTC(loc) || !wallIn(wallOf(t.In(loc)), loc).Equal(t) {
		return t.UTC().Format(utcLayout), nil
	}
	return t.In(loc).Format(localLayout), []param{{"TZID", loc.String()}}
}

// wallOf returns the wall clock of t as a time in UTC.
func wallOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// wallIn returns the instant of a wall clock time (given as a time in UTC)
// in loc as RFC 5545 3.3.5 reads it: the first run of a time that happens
// twice, and a time skipped by a clock going forward in the offset before
// the change. time.Date leaves both choices open.
func wallIn(wall time.Time, loc *time.Location) time.Time {
	t := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), 0, loc)
	var best time.Time
	for _, probe := range []time.Time{t.Add(-24 * time.Hour), t, t.Add(24 * time.Hour)} {
		_, off := probe.In(loc).Zone()
		c := wall.Add(-time.Duration(off) * time.Second)
		if wallOf(c.In(loc)).Equal(wall) && (best.IsZero() || c.Before(best)) {
			best = c
		}
	}
	if best.IsZero() { // skipped: read in the offset before the change
		_, off := t.Add(-24 * time.Hour).In(loc).Zone()
		best = wall.Add(-time.Duration(off) * time.Second)
	}
	return best.In(loc)
}
