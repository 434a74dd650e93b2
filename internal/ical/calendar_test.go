package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// mustParse parses b or fails the test.
func mustParse(t *testing.T, b []byte) *Calendar {
	t.Helper()
	cal, err := Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	return cal
}

func TestInvitation(t *testing.T) {
	t.Parallel()
	loc := chicago(t)
	b, err := Invitation(meeting(t), loc)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{
		"BEGIN:VCALENDAR\r\nPRODID:-//Itinera//Itinera 1.0//EN\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\nMETHOD:REQUEST\r\n",
		"BEGIN:VTIMEZONE\r\nTZID:America/Chicago\r\n",
		"UID:meeting-42@st-louis.itinera\r\n",
		"SEQUENCE:1\r\n",
		"DTSTAMP:20261127T150405Z\r\n",
		"DTSTART;TZID=America/Chicago:20261214T093000\r\n",
		"DTEND;TZID=America/Chicago:20261214T110000\r\n",
		"STATUS:CONFIRMED\r\n",
		`ORGANIZER;CN="International Institute, Program Office":mailto:`,
		`ATTENDEE;CN="Price, Rumi";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=T`,
		"GEO:38.635400;-90.262000\r\n",
		`CATEGORIES:Meeting,victim services\, healthcare` + "\r\n",
		"END:VCALENDAR\r\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("invitation lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\n") {
		t.Error("a line ends without CR")
	}
	if strings.Contains(s, "METHOD:") != true || strings.Contains(s, "REFRESH-INTERVAL") {
		t.Error("an invitation carries no feed properties")
	}
}

func TestCancellation(t *testing.T) {
	t.Parallel()
	ev := meeting(t)
	ev.Sequence = 2
	b, err := Cancellation(ev, chicago(t))
	if err != nil {
		t.Fatal(err)
	}
	cal := mustParse(t, b)
	if cal.Method() != MethodCancel {
		t.Errorf("method %q", cal.Method())
	}
	evs, err := cal.Events(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || evs[0].UID != ev.UID || evs[0].Sequence != 2 || evs[0].Status != StatusCancelled {
		t.Errorf("got %+v", evs)
	}
}

func TestSchedulingNeedsOrganizerAndAttendee(t *testing.T) {
	t.Parallel()
	ev := meeting(t)
	ev.Attendees = nil
	if _, err := Invitation(ev, chicago(t)); err == nil || !strings.Contains(err.Error(), "attendee") {
		t.Errorf("no attendee: got %v", err)
	}
	ev = meeting(t)
	ev.Organizer = Person{}
	if _, err := Cancellation(ev, chicago(t)); err == nil || !strings.Contains(err.Error(), "organizer") {
		t.Errorf("no organizer: got %v", err)
	}
}

func TestEventChecks(t *testing.T) {
	t.Parallel()
	loc := chicago(t)
	tests := []struct {
		name   string
		change func(*Event)
		loc    *time.Location
		msg    string
	}{
		{"no uid", func(e *Event) { e.UID = " " }, loc, "UID is empty"},
		{"uid with newline", func(e *Event) { e.UID = "a\r\nb" }, loc, "control character"},
		{"no stamp", func(e *Event) { e.Stamp = time.Time{} }, loc, "DTSTAMP"},
		{"backwards", func(e *Event) { e.End = e.Start.Add(-time.Minute) }, loc, "ends before it starts"},
		{"no start", func(e *Event) { e.Start = time.Time{} }, loc, "start or end"},
		{"negative sequence", func(e *Event) { e.Sequence = -1 }, loc, "SEQUENCE"},
		{"geo", func(e *Event) { e.Geo = &Geo{91, 0} }, loc, "GEO"},
		{"attendee without address", func(e *Event) { e.Attendees[0].Email = "" }, loc, "no e-mail"},
		{"attendee address injection", func(e *Event) { e.Attendees[0].Email = "a@b.c\r\nX:y" }, loc, "not a valid e-mail"},
		{"url injection", func(e *Event) { e.URL = "https://x\r\nATTENDEE:mailto:z@z" }, loc, "not a valid URI"},
		{"status injection", func(e *Event) { e.Status = "CONFIRMED\r\nX:y" }, loc, "STATUS"},
		{"local zone", func(e *Event) {}, time.Local, "no IANA name"},
		{"nil zone", func(e *Event) {}, nil, "time zone"},
		{"unnamed zone", func(e *Event) {}, time.FixedZone("", 3600), "no IANA name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := meeting(t)
			tt.change(&ev)
			_, err := Invitation(ev, tt.loc)
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("got %v, want an error with %q", err, tt.msg)
			}
		})
	}
}

// program returns the items of a program that crosses the end of daylight
// saving time (2026-11-01) and its start (2027-03-14) in Chicago.
func program(t testing.TB) []Event {
	t.Helper()
	loc := chicago(t)
	stamp := time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)
	mk := func(n int, y int, m time.Month, d, h, min, minutes int, title string) Event {
		start := time.Date(y, m, d, h, min, 0, 0, loc)
		return Event{UID: "item-" + string(rune('a'+n)) + "@st-louis.itinera", Sequence: n, Stamp: stamp,
			Start: start, End: start.Add(time.Duration(minutes) * time.Minute), Summary: title,
			Location: "Gateway Arch", Address: "11 N 4th St, St. Louis, MO 63102", Organizer: Person{Email: "programs@iistl.example.org"}}
	}
	return []Event{
		mk(0, 2026, time.October, 31, 9, 0, 90, "Gateway Arch (CDT)"),
		mk(1, 2026, time.November, 2, 9, 0, 90, "Saint Louis Art Museum (CST)"),
		mk(2, 2027, time.March, 13, 9, 30, 60, "Meeting on Saturday (CST)"),
		mk(3, 2027, time.March, 15, 9, 30, 60, "Meeting on Monday (CDT)"),
		mk(4, 2026, time.November, 1, 0, 30, 180, "Overnight across the change"),
	}
}

func TestFeed(t *testing.T) {
	t.Parallel()
	loc := chicago(t)
	evs := program(t)
	evs[0].Attendees = []Attendee{{Person: Person{Email: "secret@example.org"}}}
	ny, _ := time.LoadLocation("America/New_York")
	evs[1].Zone = ny
	f := Feed{Name: "Combating Trafficking in Persons: Amira", Description: "Your program, kept up to date",
		Refresh: 30 * time.Minute, Source: "https://itinera.example.org/feeds/abc.ics", Loc: loc, Events: evs}
	b, err := f.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{
		"NAME:Combating Trafficking in Persons: Amira\r\n",
		"X-WR-CALNAME:Combating Trafficking in Persons: Amira\r\n",
		"REFRESH-INTERVAL;VALUE=DURATION:PT30M\r\n",
		"X-PUBLISHED-TTL:PT30M\r\n",
		"SOURCE;VALUE=URI:https://itinera.example.org/feeds/abc.ics\r\n",
		"TZID:America/Chicago\r\n",
		"TZID:America/New_York\r\n",
		"DTSTART;TZID=America/New_York:20261102T100000\r\n",
		"DTSTART;TZID=America/Chicago:20261031T090000\r\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("feed lacks %q", want)
		}
	}
	if strings.Contains(s, "METHOD") || strings.Contains(s, "secret@example.org") {
		t.Errorf("feed has a METHOD or an attendee's address:\n%s", s)
	}
	if n := strings.Count(s, "BEGIN:VTIMEZONE"); n != 2 {
		t.Errorf("%d VTIMEZONEs, want 2", n)
	}
	if _, err := (Feed{Method: MethodRequest, Loc: loc}).Bytes(); err == nil {
		t.Error("a feed with METHOD:REQUEST was accepted")
	}
	if _, err := (Feed{Source: "https://x\r\nMETHOD:REQUEST", Loc: loc}).Bytes(); err == nil {
		t.Error("a SOURCE with a line break was accepted")
	}
	if _, err := (Feed{Refresh: time.Second, Loc: loc}).Bytes(); err == nil {
		t.Error("a one-second refresh was accepted")
	}
}

func TestFeedDefaults(t *testing.T) {
	t.Parallel()
	b, err := Feed{Name: "Empty", Loc: chicago(t), Method: MethodPublish}.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	cal := mustParse(t, b)
	if cal.Method() != MethodPublish || text(&cal.Component, "REFRESH-INTERVAL") != "PT1H" || len(cal.Components) != 0 {
		t.Errorf("got\n%s", b)
	}
	b, err = Feed{Name: "UTC", Loc: time.UTC, Events: program(t)[:1]}.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if s := string(b); strings.Contains(s, "VTIMEZONE") || !strings.Contains(s, "DTSTART:20261031T140000Z\r\n") {
		t.Errorf("a UTC feed: got\n%s", s)
	}
}

func TestContentType(t *testing.T) {
	t.Parallel()
	if got := ContentType(MethodRequest); got != "text/calendar; charset=utf-8; method=REQUEST" {
		t.Errorf("got %q", got)
	}
}

func TestCopies(t *testing.T) {
	t.Parallel()
	ev := meeting(t)
	ev.Attendees = append(ev.Attendees, Attendee{Person: Person{Name: "Shima Rostami", Email: "shima@gatewayht.example.org"}})
	copies := ev.Copies()
	if len(copies) != 2 {
		t.Fatalf("%d copies", len(copies))
	}
	for i, c := range copies {
		b, err := Invitation(c, chicago(t))
		if err != nil {
			t.Fatal(err)
		}
		other := ev.Attendees[1-i].Email
		if strings.Contains(string(b), other) || !strings.Contains(string(b), ev.Attendees[i].Email) {
			t.Errorf("copy %d shows the other attendee or lacks its own:\n%s", i, b)
		}
	}
}
