package itinera

import "testing"

func TestParseClockText(t *testing.T) {
	for in, want := range map[string]string{
		"14:00": "14:00", "9:30": "09:30", "9.30": "09:30", "0930": "09:30", "930": "09:30", "9": "09:00",
		"9am": "09:00", "9 am": "09:00", "9:30 AM": "09:30", "2.30 pm": "14:30", "2.30pm": "14:30", "12 noon": "12:00",
		"noon": "12:00", "midnight": "00:00", "12am": "00:00", "12pm": "12:00", "11 p.m.": "23:00", "24:00": "24:00", "14h30": "14:30",
	} {
		got, err := ParseClockText(in)
		if err != nil || got.String() != want {
			t.Errorf("%q: %v %v, want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"", "25:00", "9:60", "13pm", "0am", "nine", "9:3", "24:30", "1:00:00", "9 :30"} {
		if _, err := ParseClockText(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

func TestParseWindowTextForgiving(t *testing.T) {
	p := &Program{TimeZone: "America/Chicago", StartDate: MustDate("2026-12-05")}
	for in, want := range map[string]string{
		"2026-12-08 14:00-15:30":     "2026-12-08 14:00-15:30",
		"2026-12-08 9am - 11am":      "2026-12-08 09:00-11:00",
		"2026-12-08 2-4 pm":          "2026-12-08 14:00-16:00",
		"2026-12-08 9.30 to 11":      "2026-12-08 09:30-11:00",
		"2026-12-08 11am–2.30pm":     "2026-12-08 11:00-14:30",
		"2026-12-08  10:00 — 12:00 ": "2026-12-08 10:00-12:00",
	} {
		w, err := ParseWindowText(in, p)
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if got := WindowText(w, p.Location()); got != want {
			t.Errorf("%q: %s, want %s", in, got, want)
		}
	}
	for _, in := range []string{"Monday morning", "2026-12-08 11-10", "2026-12-08 9am", "2026-13-08 9-10"} {
		if _, err := ParseWindowText(in, p); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

// FuzzParseClockText: whatever is typed, a time read is a time of day
// that reads back as itself.
func FuzzParseClockText(f *testing.F) {
	for _, s := range []string{"9am", "2.30 pm", "14:00", "0930", "noon", "12 p.m.", "24:00", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseClockText(s)
		if err != nil {
			return
		}
		if c < 0 || c > 24*60 {
			t.Fatalf("%q: %d minutes", s, c)
		}
		back, err := ParseClockText(c.String())
		if err != nil || back != c {
			t.Fatalf("%q: %s reads back as %v (%v)", s, c, back, err)
		}
	})
}

// FuzzParseWindowText: a window read starts before it ends and writes
// back as text that reads as the same window.
func FuzzParseWindowText(f *testing.F) {
	for _, s := range []string{"2026-12-08 9am-11am", "2026-12-08 2-4 pm", "2026-12-08 14:00-15:30", "2026-12-08 9.30 to 11", "x"} {
		f.Add(s)
	}
	p := &Program{TimeZone: "America/Chicago", StartDate: MustDate("2026-12-05")}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := ParseWindowText(s, p)
		if err != nil {
			return
		}
		if !w.End.After(w.Start) {
			t.Fatalf("%q: %v", s, w)
		}
		back, err := ParseWindowText(WindowText(w, p.Location()), p)
		if err != nil || !back.Start.Equal(w.Start) || !back.End.Equal(w.End) {
			t.Fatalf("%q: %v reads back as %v (%v)", s, w, back, err)
		}
	})
}
