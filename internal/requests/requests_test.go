package requests

import (
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/letters"
)

func TestSlots(t *testing.T) {
	t.Parallel()
	loc, _ := time.LoadLocation("America/Chicago")
	mon := itinera.MustDate("2026-12-07")
	w := func(from, to string) itinera.Window {
		return itinera.Window{Start: mon.At(itinera.MustClock(from), loc), End: mon.At(itinera.MustClock(to), loc)}
	}
	for _, tc := range []struct {
		name    string
		ws      []itinera.Window
		minutes int
		want    int
	}{
		{"two of 90 in three hours", []itinera.Window{w("09:00", "12:00")}, 90, 2},
		{"one of 120 in three hours", []itinera.Window{w("09:00", "12:00")}, 120, 1},
		{"too short", []itinera.Window{w("09:00", "09:30")}, 60, 0},
		{"capped", []itinera.Window{w("00:00", "23:00")}, 30, MaxSlots},
		{"none", nil, 60, 0},
	} {
		got := Slots(tc.ws, tc.minutes, MaxSlots)
		if len(got) != tc.want {
			t.Errorf("%s: %d slots, want %d", tc.name, len(got), tc.want)
		}
		for i, s := range got {
			if s.Minutes() != tc.minutes || (i > 0 && !s.Start.Equal(got[i-1].End)) {
				t.Errorf("%s: slot %d is %v", tc.name, i, s)
			}
		}
	}
}

func TestProfileAndCompose(t *testing.T) {
	t.Parallel()
	vs := []itinera.Visitor{
		{GivenName: "Ana", FamilyName: "Pereira", Country: "Brazil", Position: "Prosecutor", Email: "ana@example.org"},
		{GivenName: "Li", FamilyName: "Wei", Country: "China", Position: "prosecutor"},
		{GivenName: "Sara", FamilyName: "Haile", Country: "Brazil", Position: "Social worker"},
	}
	pr := itinera.NewDelegationProfile(vs, []itinera.Interpreter{{Name: "Lena Ortiz"}})
	if got := pr.Who(); got != "3 visitors from 2 countries (Brazil, China), with an interpreter." {
		t.Errorf("who %q", got)
	}
	p := itinera.Program{Title: "Combating Trafficking in Persons", ProjectType: "IVLP", City: "St. Louis", TimeZone: "America/Chicago",
		StartDate: itinera.MustDate("2026-12-05"), EndDate: itinera.MustDate("2026-12-09"), Objectives: []string{"Victim services"}}
	loc := p.Location()
	mon := itinera.MustDate("2026-12-07")
	in := Invitation{Organization: "Gateway Global", Program: p, ContactName: "Dr. Rumi Price", Profile: pr,
		Meeting: itinera.Meeting{Title: "WashU network", Topics: []string{"Mental health"}, DurationMinutes: 120},
		Windows: []itinera.Window{{Start: mon.At(9*60, loc), End: mon.At(11*60, loc)}},
		Message: "First paragraph.\n\nSecond <b>paragraph</b>.", Link: "https://itinera.example.org/r/abc",
		ExpiresAt: time.Date(2026, 11, 24, 6, 0, 0, 0, time.UTC)}
	m, err := letters.Default.MeetingRequest(1, in.Letter("price@wustl.example"))
	if err != nil {
		t.Fatal(err)
	}
	text, html := m.TextBody, m.HTMLBody
	if m.Subject != "Meeting request: Combating Trafficking in Persons – WashU network" {
		t.Errorf("subject %q", m.Subject)
	}
	if m.To != `"Dr. Rumi Price" <price@wustl.example>` {
		t.Errorf("to %q", m.To)
	}
	for _, want := range []string{"Dear Dr. Rumi Price,", "Second <b>paragraph</b>.", "Mon 7 Dec 09:00–11:00 CST", "America/Chicago time (CST)",
		"At your office", "2 hours", "Prosecutor, Social worker", "https://itinera.example.org/r/abc", "works until Monday 23 November 2026"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"Pereira", "ana@example.org", "Lena Ortiz"} {
		if strings.Contains(text, bad) || strings.Contains(html, bad) {
			t.Errorf("the e-mail shows %q", bad)
		}
	}
	if !strings.Contains(html, "Second &lt;b&gt;paragraph&lt;/b&gt;.") || !strings.Contains(html, `href="https://itinera.example.org/r/abc"`) {
		t.Errorf("html:\n%s", html)
	}
}

// TestWhoComes: the request tells the resource who comes: the whole
// delegation by its profile (with the meeting's capacity, when it has
// one), part of it by count and names with the interpreter.
func TestWhoComes(t *testing.T) {
	t.Parallel()
	vs := []itinera.Visitor{
		{ID: 1, GivenName: "Amina", FamilyName: "Yusuf", Country: "Kenya", Position: "Prosecutor"},
		{ID: 2, GivenName: "Priya", FamilyName: "Nair", Country: "India"},
		{ID: 3, GivenName: "Kenji", FamilyName: "Watanabe", Country: "Japan"},
	}
	is := []itinera.Interpreter{{ID: 7, Name: "Ana Beltrán"}, {ID: 8, Name: "Luis Ortega"}}
	at := time.Date(2026, 12, 7, 15, 0, 0, 0, time.UTC)
	split := &itinera.Itinerary{Items: []itinera.ItineraryItem{{MeetingID: 10, Start: at, End: at.Add(time.Hour),
		VisitorIDs: []int64{1, 2}, InterpreterIDs: []int64{7}}}}
	invite := func(m itinera.Meeting, it *itinera.Itinerary) Invitation {
		coming, interp, part := itinera.Coming(m, it, vs, is)
		in := Invitation{Meeting: m, Profile: itinera.NewDelegationProfile(coming, interp), Delegation: len(vs)}
		if part {
			in.Part, in.Interpreters = coming, interp
		}
		return in
	}
	for _, c := range []struct {
		m    itinera.Meeting
		it   *itinera.Itinerary
		want string
	}{
		{itinera.Meeting{ID: 10}, split,
			"2 of the delegation's 3 visitors will come (Prosecutor, Kenya; India), with an interpreter; their names come with the brief."},
		{itinera.Meeting{ID: 11, Attendance: itinera.Attendance{For: itinera.ForVisitors, VisitorIDs: []int64{3}}}, split,
			"1 of the delegation's 3 visitors will come (Japan); their names come with the brief."},
		{itinera.Meeting{ID: 11, Attendance: itinera.Attendance{For: itinera.ForSubgroup, MaxVisitors: 2}}, split,
			"3 visitors from 3 countries (India, Japan, Kenya), with 2 interpreters. Your meeting takes up to 2 visitors: 2 of them will come; we will tell you who."},
		{itinera.Meeting{ID: 11, Attendance: itinera.Attendance{MaxVisitors: 12}}, nil,
			"3 visitors from 3 countries (India, Japan, Kenya), with 2 interpreters. Your meeting takes up to 12 visitors."},
		{itinera.Meeting{ID: 10}, nil, "3 visitors from 3 countries (India, Japan, Kenya), with 2 interpreters."},
	} {
		in := invite(c.m, c.it)
		if got := in.Who(); got != c.want {
			t.Errorf("meeting %d: %q, want %q", c.m.ID, got, c.want)
		}
		if got := in.Letter("x@example.org").Who; got != c.want {
			t.Errorf("meeting %d: the letter says %q", c.m.ID, got)
		}
	}
}
