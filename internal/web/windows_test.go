package web

import (
	"strings"
	"testing"
	"time"

	"itinera"
)

func TestParseWindows(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("America/Chicago")
	must(t, err)
	p := itinera.Program{TimeZone: "America/Chicago", StartDate: itinera.MustDate("2026-03-07"), EndDate: itinera.MustDate("2026-03-10")}
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		must(t, err)
		return tm
	}
	cases := []struct {
		in   string
		want []itinera.Window
		errs []string // parts of the message; none: valid
	}{
		{in: "", want: nil},
		{in: "2026-03-09 09:00-12:00", want: []itinera.Window{{Start: at("2026-03-09 09:00"), End: at("2026-03-09 12:00")}}},
		{in: "  2026-03-09   9:00 – 12.30 \r\n\r\n2026-03-10 14:00 to 15:00\n",
			want: []itinera.Window{{Start: at("2026-03-09 09:00"), End: at("2026-03-09 12:30")},
				{Start: at("2026-03-10 14:00"), End: at("2026-03-10 15:00")}}},
		{in: "2026-03-09 20:00-24:00", want: []itinera.Window{{Start: at("2026-03-09 20:00"), End: at("2026-03-10 00:00")}}},
		// The day the clocks change: 09:00 CDT is 14:00 UTC.
		{in: "2026-03-08 09:00-10:00", want: []itinera.Window{{Start: time.Date(2026, 3, 8, 14, 0, 0, 0, time.UTC),
			End: time.Date(2026, 3, 8, 15, 0, 0, 0, time.UTC)}}},
		{in: "Monday 9-12", errs: []string{"Line 1", "YYYY-MM-DD HH:MM-HH:MM"}},
		{in: "2026-02-30 09:00-10:00", errs: []string{"Line 1", `"2026-02-30" is not a date`}},
		{in: "2026-03-09 09:00-08:00", errs: []string{"ends (08:00) before it starts (09:00)"}},
		{in: "2026-03-09 09:70-10:00", errs: []string{`"09:70" is not a time of day`}},
		{in: "2026-03-11 09:00-10:00", errs: []string{"2026-03-11 is not a day of the program (2026-03-07 to 2026-03-10)"}},
		{in: "2026-03-09 09:00-10:00\nnonsense\n2026-03-06 09:00-10:00", errs: []string{"Line 2", "Line 3"}},
	}
	for _, tc := range cases {
		got, msg := parseWindows(tc.in, p)
		if len(tc.errs) == 0 {
			if msg != "" {
				t.Errorf("%q: unexpected message %q", tc.in, msg)
				continue
			}
			if len(got) != len(tc.want) {
				t.Errorf("%q: %d windows, want %d", tc.in, len(got), len(tc.want))
				continue
			}
			for i := range got {
				if !got[i].Start.Equal(tc.want[i].Start) || !got[i].End.Equal(tc.want[i].End) {
					t.Errorf("%q: window %d = %v, want %v", tc.in, i, got[i], tc.want[i])
				}
			}
			// What is shown in the form reads back the same.
			again, msg := parseWindows(formatWindows(got, loc), p)
			if msg != "" || len(again) != len(got) {
				t.Errorf("%q: round trip gave %v, %q", tc.in, again, msg)
			}
			continue
		}
		for _, e := range tc.errs {
			if !strings.Contains(msg, e) {
				t.Errorf("%q: message %q lacks %q", tc.in, msg, e)
			}
		}
	}
}

func FuzzParseWindows(f *testing.F) {
	for _, s := range []string{"2026-03-09 09:00-12:00", "2026-03-09 9.00 – 24:00\n\nx", "2026-13-40 25:99-00:00"} {
		f.Add(s)
	}
	loc, _ := time.LoadLocation("America/Chicago")
	p := itinera.Program{TimeZone: "America/Chicago", StartDate: itinera.MustDate("2026-03-07"), EndDate: itinera.MustDate("2026-03-10")}
	f.Fuzz(func(t *testing.T, s string) {
		ws, msg := parseWindows(s, p)
		for _, w := range ws {
			if !w.End.After(w.Start) {
				t.Fatalf("%q: empty window %v", s, w)
			}
		}
		if msg == "" {
			again, msg := parseWindows(formatWindows(ws, loc), p)
			if msg != "" || len(again) != len(ws) {
				t.Fatalf("%q: round trip %v %q", s, again, msg)
			}
		}
	})
}

func TestDrawDay(t *testing.T) {
	t.Parallel()
	loc, _ := time.LoadLocation("America/Chicago")
	d := itinera.DefaultDay(1, itinera.MustDate("2026-12-07"))
	at := func(c string) time.Time { return d.Date.At(itinera.MustClock(c), loc) }
	cases := []struct {
		name               string
		items              []itinera.ItineraryItem
		first, last        string // hour labels
		blocks, legs, list int
		line1              []string
	}{
		{name: "empty day", first: "08:00", last: "18:00"},
		{name: "early start widens the axis",
			items: []itinera.ItineraryItem{{MeetingID: 1, Title: "Breakfast briefing", Start: at("07:30"), End: at("08:15"), TravelMinutes: 40}},
			first: "06:00", last: "18:00", blocks: 1, legs: 1, list: 1, line1: []string{"07:30–08:15 Breakfast briefing"}},
		{name: "late and short",
			items: []itinera.ItineraryItem{
				{ActivityID: 2, Title: strings.Repeat("Very long title ", 10), Start: at("17:00"), End: at("19:10")},
				{MeetingID: 3, Title: "Quick call", Start: at("12:00"), End: at("12:10")}},
			first: "08:00", last: "20:00", blocks: 2, list: 2, line1: []string{"17:00–19:10 Very long title Very long title Very long title Very lo…", ""}},
	}
	for _, tc := range cases {
		tl := drawDay(d, tc.items, loc)
		if tl.Ticks[0].Label != tc.first || tl.Ticks[len(tl.Ticks)-1].Label != tc.last {
			t.Errorf("%s: axis %s–%s, want %s–%s", tc.name, tl.Ticks[0].Label, tl.Ticks[len(tl.Ticks)-1].Label, tc.first, tc.last)
		}
		if len(tl.Blocks) != tc.blocks || len(tl.Legs) != tc.legs || len(tl.List) != tc.list {
			t.Errorf("%s: %d blocks %d legs %d list items", tc.name, len(tl.Blocks), len(tl.Legs), len(tl.List))
		}
		for i, b := range tl.Blocks {
			if b.Y < 0 || b.Y+b.H > tl.Height || b.X+b.W > tl.Width {
				t.Errorf("%s: block %d outside the drawing: %+v in %dx%d", tc.name, i, b, tl.Width, tl.Height)
			}
			if i < len(tc.line1) && b.Line1 != tc.line1[i] {
				t.Errorf("%s: block %d line %q, want %q", tc.name, i, b.Line1, tc.line1[i])
			}
		}
		if tl.Lunch == nil || tl.Lunch.H <= 0 {
			t.Errorf("%s: no lunch window", tc.name)
		}
	}
}
