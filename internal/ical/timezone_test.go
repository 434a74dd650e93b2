package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// vtimezone writes and parses back the VTIMEZONE of loc for from..to.
func vtimezone(t *testing.T, loc *time.Location, from, to time.Time) (*Component, string) {
	t.Helper()
	w := &writer{}
	w.begin("VCALENDAR")
	writeTimezone(w, loc, from, to)
	w.end("VCALENDAR")
	cal, err := Parse(bytes.NewReader(w.Bytes()))
	if err != nil {
		t.Fatalf("%s: %v", loc, err)
	}
	return cal.Sub("VTIMEZONE")[0], string(w.Bytes())
}

func TestTimezoneChicago(t *testing.T) {
	t.Parallel()
	loc := chicago(t)
	vtz, raw := vtimezone(t, loc, time.Date(2026, 12, 12, 0, 0, 0, 0, loc), time.Date(2026, 12, 16, 0, 0, 0, 0, loc))
	if got := text(vtz, "TZID"); got != "America/Chicago" {
		t.Errorf("TZID %q", got)
	}
	type obs struct{ kind, start, rrule, from, to, name string }
	want := []obs{
		{"STANDARD", "20251102T020000", "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "-0500", "-0600", "CST"},
		{"DAYLIGHT", "20260308T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "-0600", "-0500", "CDT"},
	}
	var got []obs
	for _, c := range vtz.Components {
		got = append(got, obs{c.Name, text(c, "DTSTART"), text(c, "RRULE"), text(c, "TZOFFSETFROM"), text(c, "TZOFFSETTO"), text(c, "TZNAME")})
	}
	if len(got) != len(want) {
		t.Fatalf("got %d observances, want %d:\n%s", len(got), len(want), raw)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("observance %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestTimezoneIrregular checks that a zone whose changes follow no yearly
// rule over the span gets one observance per change: Casablanca, which
// suspends its summer time for Ramadan, and São Paulo, which dropped
// daylight saving time in 2019.
func TestTimezoneIrregular(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		zone     string
		from, to time.Time
	}{
		{"Africa/Casablanca", time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)},
		{"America/Sao_Paulo", time.Date(2019, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2019, 3, 5, 0, 0, 0, 0, time.UTC)},
	} {
		loc, err := time.LoadLocation(tt.zone)
		if err != nil {
			t.Fatal(err)
		}
		vtz, raw := vtimezone(t, loc, tt.from, tt.to)
		if strings.Contains(raw, "RRULE") || len(vtz.Components) < 2 {
			t.Errorf("%s: want explicit observances, got\n%s", tt.zone, raw)
		}
	}
}

func TestTimezoneFixedOffset(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	vtz, raw := vtimezone(t, loc, time.Date(2026, 12, 12, 0, 0, 0, 0, loc), time.Date(2026, 12, 16, 0, 0, 0, 0, loc))
	if len(vtz.Components) != 1 || vtz.Components[0].Name != "STANDARD" || text(vtz.Components[0], "TZOFFSETTO") != "+0900" {
		t.Errorf("want one STANDARD observance at +0900, got\n%s", raw)
	}
}

// TestTimezoneMatchesGo checks, hour by hour over the span and its margin,
// that the written VTIMEZONE gives every local time the offset Go's zone
// database gives it, for zones north and south, with half-hour and
// 45-minute offsets, abolished DST and odd rules.
func TestTimezoneMatchesGo(t *testing.T) {
	t.Parallel()
	zones := []string{"America/Chicago", "America/New_York", "Europe/London", "Europe/Berlin", "Europe/Dublin",
		"Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Chatham",
		"America/Sao_Paulo", "Africa/Casablanca", "America/Santiago", "Asia/Tehran", "Pacific/Apia", "UTC"}
	for _, name := range zones {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, span := range [][2]time.Time{
				{time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC), time.Date(2027, 3, 20, 0, 0, 0, 0, time.UTC)},
				{time.Date(2019, 1, 10, 0, 0, 0, 0, time.UTC), time.Date(2019, 1, 20, 0, 0, 0, 0, time.UTC)},
			} {
				checkZoneSpan(t, name, span[0], span[1])
			}
		})
	}
}

// checkZoneSpan compares the VTIMEZONE of zone name for from..to with Go.
func checkZoneSpan(t *testing.T, name string, from, to time.Time) {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	vtz, raw := vtimezone(t, loc, from, to)
	checked := 0
	for u := from.Add(-zoneMargin); u.Before(to.Add(zoneMargin)); u = u.Add(time.Hour) {
		if ambiguous(u, loc) {
			continue // a wall time that happens twice after a clock goes back
		}
		local := u.In(loc)
		_, off := local.Zone()
		if got := offsetAt(vtz, wallOf(local)); got != off {
			t.Fatalf("%s (%s): VTIMEZONE gives offset %d, Go %d\n%s", wallOf(local).Format(localLayout), u, got, off, raw)
		}
		checked++
	}
	if checked < 10000 {
		t.Errorf("%s: checked only %d hours", name, checked)
	}
}

func TestFormatOffset(t *testing.T) {
	t.Parallel()
	tests := map[int]string{0: "+0000", -6 * 3600: "-0600", 5*3600 + 1800: "+0530", 12*3600 + 2700: "+1245", -(3600 + 1800 + 5): "-013005"}
	for in, want := range tests {
		if got := formatOffset(in); got != want {
			t.Errorf("formatOffset(%d) = %q, want %q", in, got, want)
		}
		if back, ok := parseOffset(want); !ok || back != in {
			t.Errorf("parseOffset(%q) = %d, %v", want, back, ok)
		}
	}
	for _, bad := range []string{"", "0500", "+5", "-05:00", "+2500", "+0575"} {
		if _, ok := parseOffset(bad); ok {
			t.Errorf("parseOffset(%q) accepted", bad)
		}
	}
}

func TestNthWeekday(t *testing.T) {
	t.Parallel()
	tests := []struct {
		year  int
		month time.Month
		by    string
		want  int
	}{
		{2026, time.March, "2SU", 8}, {2026, time.November, "1SU", 1}, {2027, time.March, "2SU", 14},
		{2026, time.October, "-1SU", 25}, {2027, time.March, "-1SU", 28}, {2026, time.March, "SU", 1},
	}
	for _, tt := range tests {
		if got, ok := nthWeekday(tt.year, tt.month, tt.by); !ok || got != tt.want {
			t.Errorf("nthWeekday(%d, %s, %s) = %d, %v; want %d", tt.year, tt.month, tt.by, got, ok, tt.want)
		}
	}
	for _, bad := range []string{"5SU", "XX", "0SU", "9MO", "S"} {
		if d, ok := nthWeekday(2026, time.February, bad); ok && !strings.HasPrefix(bad, "5") {
			t.Errorf("nthWeekday(%q) = %d, want refusal", bad, d)
		}
	}
}

// ambiguous reports whether the wall time of u in loc also names another
// instant within three hours.
func ambiguous(u time.Time, loc *time.Location) bool {
	wall := u.In(loc).Format(localLayout)
	for d := -3 * time.Hour; d <= 3*time.Hour; d += 15 * time.Minute {
		if d != 0 && u.Add(d).In(loc).Format(localLayout) == wall {
			return true
		}
	}
	return false
}

func TestWallIn(t *testing.T) {
	t.Parallel()
	loc := chicago(t)
	tests := []struct {
		wall string
		want string // UTC
	}{
		{"20261214T093000", "20261214T153000Z"},
		{"20261101T013000", "20261101T063000Z"}, // happens twice: the first run, CDT
		{"20261101T023000", "20261101T083000Z"},
		{"20270314T023000", "20270314T083000Z"}, // skipped: read in CST, the offset before
		{"20270314T033000", "20270314T083000Z"},
	}
	for _, tt := range tests {
		wall, _ := time.Parse(localLayout, tt.wall)
		if got := wallIn(wall, loc).UTC().Format(utcLayout); got != tt.want {
			t.Errorf("wallIn(%s) = %s, want %s", tt.wall, got, tt.want)
		}
	}
}

func TestSecondRunWrittenInUTC(t *testing.T) {
	t.Parallel()
	loc := chicago(t)
	first := time.Date(2026, 11, 1, 6, 30, 0, 0, time.UTC)  // 01:30 CDT
	second := time.Date(2026, 11, 1, 7, 30, 0, 0, time.UTC) // 01:30 CST
	if v, p := dateTime(first, loc); v != "20261101T013000" || len(p) != 1 {
		t.Errorf("first run: %s %v", v, p)
	}
	if v, p := dateTime(second, loc); v != "20261101T073000Z" || len(p) != 0 {
		t.Errorf("second run: %s %v", v, p)
	}
}
