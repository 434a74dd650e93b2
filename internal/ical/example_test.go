package ical_test

import (
	"fmt"
	"strings"
	"time"

	"itinera/internal/ical"
)

// An invitation to one resource, and reading the REPLY her calendar sends.
func Example() {
	loc, _ := time.LoadLocation("America/Chicago")
	ev := ical.Event{
		UID:       "meeting-42@st-louis.itinera",
		Sequence:  1,
		Stamp:     time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC),
		Start:     time.Date(2026, 12, 14, 9, 30, 0, 0, loc),
		End:       time.Date(2026, 12, 14, 11, 0, 0, 0, loc),
		Summary:   "Meeting with Dr. Rumi Price",
		Organizer: ical.Person{Name: "Program Office", Email: "programs@example.org"},
		Attendees: []ical.Attendee{{Person: ical.Person{Name: "Rumi Price", Email: "rumi@example.edu"}, RSVP: true}},
	}
	b, err := ical.Invitation(ev, loc)
	if err != nil {
		panic(err)
	}
	for _, line := range strings.Split(string(b), "\r\n") {
		if strings.HasPrefix(line, "DTSTART;") || strings.HasPrefix(line, "METHOD") {
			fmt.Println(line)
		}
	}
	fmt.Println(ical.ContentType(ical.MethodRequest))

	reply := "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:meeting-42@st-louis.itinera\r\n" +
		"SEQUENCE:1\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:rumi@example.edu\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	cal, err := ical.Parse(strings.NewReader(reply))
	if err != nil {
		panic(err)
	}
	r, err := ical.ReadAnswer(cal, loc)
	if err != nil {
		panic(err)
	}
	fmt.Println(r.UID, r.Attendee, r.PartStat)
	// Output:
	// METHOD:REQUEST
	// DTSTART;TZID=America/Chicago:20261214T093000
	// text/calendar; charset=utf-8; method=REQUEST
	// meeting-42@st-louis.itinera rumi@example.edu ACCEPTED
}
