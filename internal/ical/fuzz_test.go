package ical

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary input to the parser and the readers built on
// it: they may refuse it, never panic, and every refusal names a line
// within the input.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.ics"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	if b, err := Invitation(meeting(f), chicago(f)); err == nil {
		f.Add(b)
	}
	f.Add([]byte("BEGIN:VCALENDAR\r\nX;A=\"b\",c;D=^n^'^^:v\r\n f\r\nEND:VCALENDAR\r\n"))
	loc := chicago(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		cal, err := Parse(bytes.NewReader(data))
		if err != nil {
			var pe *ParseError
			if !asParseError(err, &pe) || pe.Line < 0 || pe.Line > bytes.Count(data, []byte("\n"))+1 {
				t.Fatalf("error %v does not name a line of the input", err)
			}
			return
		}
		_, _ = ReadAnswer(cal, loc)
		_, _ = cal.Events(loc)
	})
}

// FuzzRoundTrip writes an invitation from arbitrary text and times and
// reads it back: UID, SEQUENCE, instants and text survive.
func FuzzRoundTrip(f *testing.F) {
	f.Add("meeting-42@st-louis.itinera", "Meeting; with, Dr. Price", "Agenda:\n1. \\ Welcome", "WashU, 660 S. Euclid", int64(1797262200), uint16(90), uint16(1), uint8(0))
	f.Add("a", "é東🎉"+strings.Repeat("x", 80), "\r\n\t", "", int64(1793514600), uint16(60), uint16(0), uint8(1))
	f.Add("x\u00e9y", "ok", "", "loc", int64(1804924800), uint16(0), uint16(7), uint8(3))
	zones := []string{"America/Chicago", "UTC", "Asia/Kolkata", "Australia/Lord_Howe", "Europe/London"}
	f.Fuzz(func(t *testing.T, uid, summary, desc, location string, start int64, minutes, seq uint16, zone uint8) {
		loc, err := time.LoadLocation(zones[int(zone)%len(zones)])
		if err != nil {
			t.Fatal(err)
		}
		// Keep to years 1900–2200, where zone data and the layout hold.
		st := time.Unix(-2208988800+(start%(300*365*86400)+300*365*86400)%(300*365*86400), 0)
		ev := Event{UID: uid, Sequence: int(seq), Stamp: time.Unix(1796000000, 0), Start: st,
			End: st.Add(time.Duration(minutes) * time.Minute), Summary: summary, Description: desc, Location: location,
			Organizer: Person{Email: "programs@iistl.example.org"}, Attendees: []Attendee{{Person: Person{Name: summary, Email: "a@b.example"}}}}
		b, err := Invitation(ev, loc)
		if err != nil {
			return // refused input, such as an empty UID
		}
		cal, err := Parse(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("cannot read back what was written: %v\n%s", err, b)
		}
		evs, err := cal.Events(nil)
		if err != nil || len(evs) != 1 {
			t.Fatalf("events: %v, %d\n%s", err, len(evs), b)
		}
		got := evs[0]
		if got.UID != clean(uid) || got.Sequence != int(seq) {
			t.Errorf("UID/SEQUENCE: got %q/%d, want %q/%d", got.UID, got.Sequence, clean(uid), seq)
		}
		if !got.Start.Equal(ev.Start) || !got.End.Equal(ev.End) || !got.Stamp.Equal(ev.Stamp) {
			t.Errorf("times: got %v–%v, want %v–%v\n%s", got.Start, got.End, ev.Start, ev.End, b)
		}
		if got.Summary != clean(summary) || got.Description != clean(desc) || got.Location != clean(ev.location()) {
			t.Errorf("text: got %q %q %q", got.Summary, got.Description, got.Location)
		}
		if n := len(got.Attendees); n != 1 || got.Attendees[0].Name != cleanParam(summary) {
			t.Errorf("attendee CN: got %+v, want %q", got.Attendees, cleanParam(summary))
		}
	})
}

// clean is what a TEXT value becomes on the way: line ends become LF,
// other control characters and invalid UTF-8 are dropped.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || (isControl(r) && r != '\n') {
			return -1
		}
		return r
	}, s)
}

// cleanParam is what a parameter value becomes: CR, other control
// characters but LF, and invalid UTF-8 are dropped.
func cleanParam(s string) string {
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || r == '\r' || (isControl(r) && r != '\n') {
			return -1
		}
		return r
	}, s)
}

func asParseError(err error, pe **ParseError) bool {
	p, ok := err.(*ParseError)
	*pe = p
	return ok
}
