package ical

import (
	"testing"
	"time"
)

// chicago loads the demo program's zone.
func chicago(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/Chicago")
	if err != nil {
		t.Fatalf("load zone: %v", err)
	}
	return loc
}

// meeting returns the seed's Monday meeting with Dr. Rumi Price as an
// invitation to her alone.
func meeting(t testing.TB) Event {
	t.Helper()
	loc := chicago(t)
	return Event{
		UID:         "meeting-42@st-louis.itinera",
		Sequence:    1,
		Stamp:       time.Date(2026, 11, 27, 15, 4, 5, 0, time.UTC),
		Modified:    time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC),
		Start:       time.Date(2026, 12, 14, 9, 30, 0, 0, loc),
		End:         time.Date(2026, 12, 14, 11, 0, 0, 0, loc),
		Summary:     "Combating Trafficking in Persons: meeting with Dr. Rumi Price",
		Description: "Agenda:\n1. Welcome; introductions\n2. The Human Trafficking Collaborative Network, its partners\n3. Questions\\answers",
		Location:    "Washington University School of Medicine",
		Address:     "660 S. Euclid Ave, St. Louis, MO 63110",
		Geo:         &Geo{38.6354, -90.2620},
		Organizer:   Person{Name: "International Institute, Program Office", Email: "programs@iistl.example.org"},
		Attendees: []Attendee{{
			Person:   Person{Name: "Price, Rumi", Email: "rumi.price@wustl.example.edu"},
			Role:     RoleRequired,
			PartStat: PartNeedsAction,
			RSVP:     true,
		}},
		Status:     StatusConfirmed,
		URL:        "https://itinera.example.org/r/abc123",
		Categories: []string{"Meeting", "victim services, healthcare"},
	}
}
