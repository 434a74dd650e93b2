package ical

import (
	"strconv"
	"strings"
	"time"
)

// offsetAt returns the UTC offset, in seconds, that the VTIMEZONE vtz gives
// the local wall time wall (a time whose UTC fields are the wall clock).
// It reads the forms calendar clients send: observances with a DTSTART and
// either RDATEs or a yearly RRULE with BYMONTH and BYDAY (such as
// FREQ=YEARLY;BYMONTH=3;BYDAY=2SU). Used only for TZIDs that are not IANA
// names; the wall time inside a transition hour is read in the newer offset.
func offsetAt(vtz *Component, wall time.Time) int {
	best, bestOff := time.Time{}, 0
	earliest, earliestOff := time.Time{}, 0
	for _, ob := range vtz.Components {
		if ob.Name != "STANDARD" && ob.Name != "DAYLIGHT" {
			continue
		}
		start, err := time.Parse(localLayout, strings.TrimSpace(text(ob, "DTSTART")))
		if err != nil {
			continue
		}
		to, ok1 := parseOffset(text(ob, "TZOFFSETTO"))
		from, ok2 := parseOffset(text(ob, "TZOFFSETFROM"))
		if !ok1 || !ok2 {
			continue
		}
		if earliest.IsZero() || start.Before(earliest) {
			earliest, earliestOff = start, from
		}
		for _, on := range onsets(ob, start, wall.Year()) {
			if !on.After(wall) && (best.IsZero() || on.After(best)) {
				best, bestOff = on, to
			}
		}
	}
	if best.IsZero() {
		return earliestOff
	}
	return bestOff
}

// onsets lists the wall times at which an observance starts, up to year.
func onsets(ob *Component, start time.Time, year int) []time.Time {
	ons := []time.Time{start}
	for _, p := range ob.All("RDATE") {
		for _, v := range strings.Split(p.Value, ",") {
			if t, err := time.Parse(localLayout, strings.TrimSpace(v)); err == nil {
				ons = append(ons, t)
			}
		}
	}
	rule := map[string]string{}
	if p := ob.Prop("RRULE"); p != nil {
		for _, part := range strings.Split(p.Value, ";") {
			k, v, _ := strings.Cut(part, "=")
			rule[strings.ToUpper(k)] = strings.ToUpper(v)
		}
	}
	if rule["FREQ"] != "YEARLY" {
		return ons
	}
	month, err := strconv.Atoi(rule["BYMONTH"])
	if err != nil || month < 1 || month > 12 {
		month = int(start.Month())
	}
	var until time.Time
	if u := rule["UNTIL"]; u != "" {
		until, _ = time.Parse(utcLayout, u)
	}
	for y := max(start.Year(), year-1); y <= year; y++ {
		day := start.Day()
		if by := rule["BYDAY"]; by != "" {
			d, ok := nthWeekday(y, time.Month(month), by)
			if !ok {
				continue
			}
			day = d
		}
		on := time.Date(y, time.Month(month), day, start.Hour(), start.Minute(), start.Second(), 0, time.UTC)
		if on.Before(start) || (!until.IsZero() && on.After(until)) {
			continue
		}
		ons = append(ons, on)
	}
	return ons
}

// nthWeekday returns the day of month of a BYDAY value such as 2SU (second
// Sunday) or -1SU (last Sunday).
func nthWeekday(year int, month time.Month, by string) (int, bool) {
	days := map[string]time.Weekday{"SU": time.Sunday, "MO": time.Monday, "TU": time.Tuesday,
		"WE": time.Wednesday, "TH": time.Thursday, "FR": time.Friday, "SA": time.Saturday}
	if len(by) < 2 {
		return 0, false
	}
	wd, ok := days[by[len(by)-2:]]
	if !ok {
		return 0, false
	}
	n := 1
	if s := by[:len(by)-2]; s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n == 0 || n < -5 || n > 5 {
			return 0, false
		}
	}
	first := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	if n > 0 {
		d := 1 + (int(wd)-int(first.Weekday())+7)%7 + 7*(n-1)
		return d, d <= last
	}
	lastWd := time.Date(year, month, last, 0, 0, 0, 0, time.UTC).Weekday()
	d := last - (int(lastWd)-int(wd)+7)%7 + 7*(n+1)
	return d, d >= 1
}

// parseOffset reads a UTC-OFFSET such as -0500 or +053000.
func parseOffset(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if (len(s) != 5 && len(s) != 7) || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	n := 0
	parts := []int{}
	for i := 1; i+2 <= len(s); i += 2 {
		v, err := strconv.Atoi(s[i : i+2])
		if err != nil || v < 0 {
			return 0, false
		}
		parts = append(parts, v)
	}
	n = parts[0]*3600 + parts[1]*60
	if len(parts) == 3 {
		n += parts[2]
	}
	if parts[0] > 23 || parts[1] > 59 {
		return 0, false
	}
	if s[0] == '-' {
		n = -n
	}
	return n, true
}
