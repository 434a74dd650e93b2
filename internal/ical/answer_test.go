package ical

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// mustParseFile parses a calendar under testdata/.
func mustParseFile(t *testing.T, name string) *Calendar {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cal, err := Parse(f)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return cal
}

func TestReadAnswer(t *testing.T) {
	t.Parallel()
	loc := chicago(t)
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		file string
		want Reply
	}{
		{"reply_accepted_google.ics", Reply{Method: MethodReply, UID: "meeting-42@st-louis.itinera", Sequence: 1,
			Stamp: utc("2026-12-01T12:00:00Z"), Attendee: "rumi.price@wustl.example.edu", AttendeeName: "Rumi Price",
			PartStat: PartAccepted}},
		{"reply_declined_outlook.ics", Reply{Method: MethodReply, UID: "meeting-43@st-louis.itinera", Sequence: 2,
			Stamp: utc("2026-12-02T08:15:00Z"), Attendee: "Shima.Rostami@gatewayht.example.org", AttendeeName: "Rostami, Shima",
			PartStat: PartDeclined, Comment: "Sorry, I am in Jefferson City that week; my colleague could host you."}},
		{"reply_tentative_apple_lf.ics", Reply{Method: MethodReply, UID: "activity-7@st-louis.itinera",
			Stamp: utc("2026-12-03T10:10:10Z"), Attendee: "info@healing.example.org", AttendeeName: "Healing Action Network",
			PartStat: PartTentative}},
		{"reply_delegated.ics", Reply{Method: MethodReply, UID: "meeting-44@st-louis.itinera", Sequence: 3,
			Stamp: utc("2026-12-04T09:00:00Z"), Attendee: "dana.lee@slu.example.edu", AttendeeName: "Dana Lee",
			PartStat: PartDelegated, DelegatedTo: "colleague@slu.example.edu",
			Comment: "Please ask my colleague; she leads our victim services work."}},
		{"counter_tzid.ics", Reply{Method: MethodCounter, UID: "meeting-42@st-louis.itinera", Sequence: 1,
			Stamp: utc("2026-12-01T12:00:00Z"), Attendee: "rumi.price@wustl.example.edu", AttendeeName: "Rumi Price",
			Comment:      "Monday afternoon works better for me.",
			CounterStart: utc("2026-12-14T20:00:00Z"), CounterEnd: utc("2026-12-14T21:30:00Z")}},
		{"counter_utc_duration.ics", Reply{Method: MethodCounter, UID: "meeting-45@st-louis.itinera",
			Stamp:        utc("2026-12-01T12:00:00Z"),
			CounterStart: utc("2026-12-15T20:00:00Z"), CounterEnd: utc("2026-12-15T21:30:00Z")}},
		// Floating times are read in the program's zone: 10:00 CDT, the day after DST starts.
		{"counter_floating.ics", Reply{Method: MethodCounter, UID: "meeting-46@st-louis.itinera",
			Stamp: utc("2026-12-01T12:00:00Z"), Attendee: "reporter@post-dispatch.example.com",
			Comment:      "Our newsroom, 10 am?",
			CounterStart: utc("2027-03-15T15:00:00Z"), CounterEnd: utc("2027-03-15T16:30:00Z")}},
		// Outlook's Windows zone name is read from its VTIMEZONE: the Saturday before DST starts is CST.
		{"counter_outlook.ics", Reply{Method: MethodCounter, UID: "meeting-43@st-louis.itinera", Sequence: 2,
			Stamp: utc("2026-12-02T08:15:00Z"), Attendee: "shima.rostami@gatewayht.example.org", AttendeeName: "Shima Rostami",
			Comment:      "Could we meet on Saturday instead?",
			CounterStart: utc("2027-03-13T16:00:00Z"), CounterEnd: utc("2027-03-13T17:30:00Z")}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := ReadAnswer(mustParseFile(t, tt.file), loc)
			if err != nil {
				t.Fatal(err)
			}
			if !got.CounterStart.Equal(tt.want.CounterStart) || !got.CounterEnd.Equal(tt.want.CounterEnd) || !got.Stamp.Equal(tt.want.Stamp) {
				t.Errorf("times: got %v–%v stamp %v, want %v–%v stamp %v", got.CounterStart, got.CounterEnd, got.Stamp,
					tt.want.CounterStart, tt.want.CounterEnd, tt.want.Stamp)
			}
			got.CounterStart, got.CounterEnd, got.Stamp = tt.want.CounterStart, tt.want.CounterEnd, tt.want.Stamp
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestReadAnswerErrors(t *testing.T) {
	t.Parallel()
	head := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
	tests := []struct {
		name, body string
		line       int
		msg        string
	}{
		{"no method", head + "BEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 1, "no METHOD"},
		{"request", head + "METHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 4, "METHOD:REQUEST is not an answer"},
		{"no event", head + "METHOD:REPLY\r\nEND:VCALENDAR\r\n", 1, "no VEVENT"},
		{"no uid", head + "METHOD:REPLY\r\nBEGIN:VEVENT\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:a@b.c\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 5, "no UID"},
		{"two attendees", head + "METHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:a\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:a@b.c\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:d@b.c\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 5, "exactly one ATTENDEE"},
		{"needs action", head + "METHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:a\r\nATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:a@b.c\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 7, "PARTSTAT=NEEDS-ACTION is not an answer"},
		{"bad sequence", head + "METHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:a\r\nSEQUENCE:two\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 7, "SEQUENCE"},
		{"counter no start", head + "METHOD:COUNTER\r\nBEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 5, "no DTSTART"},
		{"counter unknown zone", head + "METHOD:COUNTER\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Mars/Olympus:20261214T100000\r\nDTEND:20261214T170000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 7, `"Mars/Olympus" is neither an IANA name`},
		{"counter bad time", head + "METHOD:COUNTER\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:2026-12-14 10:00\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 7, "is not a date and time"},
		{"counter whole day", head + "METHOD:COUNTER\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20261214\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 7, "whole day"},
		{"counter backwards", head + "METHOD:COUNTER\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261214T170000Z\r\nDTEND:20261214T160000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 8, "DTEND is before DTSTART"},
		{"counter no length", head + "METHOD:COUNTER\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261214T170000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 5, "no length"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cal, err := Parse(strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			_, err = ReadAnswer(cal, nil)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a ParseError", err)
			}
			if pe.Line != tt.line || !strings.Contains(pe.Error(), tt.msg) {
				t.Errorf("got %q (line %d), want line %d and %q", pe.Error(), pe.Line, tt.line, tt.msg)
			}
		})
	}
}

func TestReadAnswerFloatingNeedsZone(t *testing.T) {
	t.Parallel()
	_, err := ReadAnswer(mustParseFile(t, "counter_floating.ics"), nil)
	if err == nil || !strings.Contains(err.Error(), "no default zone") {
		t.Fatalf("got %v, want an error about the missing zone", err)
	}
}
