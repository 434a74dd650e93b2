package calendar_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/calendar"
	"itinera/internal/ical/icaljstest"
)

// dstProgram crosses the end of daylight saving time in Chicago
// (Sunday 1 November 2026).
func dstProgram(t *testing.T) calendar.Input {
	t.Helper()
	loc, err := time.LoadLocation("America/Chicago")
	if err != nil {
		t.Fatal(err)
	}
	at := func(day, h, m int) time.Time { return time.Date(2026, 10, day, h, m, 0, 0, loc) }
	p := itinera.Program{ID: 1, TenantID: 1, Title: "Combating Trafficking in Persons", ProjectType: "IVLP", City: "St. Louis",
		TimeZone: "America/Chicago", StartDate: itinera.MustDate("2026-10-30"), EndDate: itinera.MustDate("2026-11-03")}
	places := []itinera.Place{{ID: 5, Name: "Washington University School of Medicine", Address: "660 S Euclid Ave, St. Louis, MO 63110", Lat: 38.6354, Lon: -90.2636},
		{ID: 6, Name: "Gateway Arch", Address: "11 N 4th St, St. Louis, MO 63102", Lat: 38.6247, Lon: -90.1848}}
	meetings := []itinera.Meeting{{ID: 11, Title: "WashU network", HostOrganizationName: "Washington University School of Medicine",
		ContactID: 21, ContactName: "Dr. Rumi Price", PartnerOrganizations: []string{"UMSL School of Social Work"},
		Topics: []string{"healthcare", "mental health"}, Status: itinera.MeetingConfirmed}}
	activities := []itinera.Activity{{ID: 31, Title: "Gateway Arch", Kind: itinera.ActivityCultural, Status: itinera.ActivityCandidate}}
	it := &itinera.Itinerary{Version: 3, CreatedAt: time.Date(2026, 10, 20, 12, 0, 0, 0, time.UTC), Items: []itinera.ItineraryItem{
		{ActivityID: 31, Title: "Gateway Arch", PlaceID: 6, Start: at(31, 10, 0), End: at(31, 12, 0)},
		// 2 November (day 33 of October): standard time again.
		{MeetingID: 11, Title: "WashU network", PlaceID: 5, Start: at(33, 9, 30), End: at(33, 11, 30), Sequence: 2},
	}}
	return calendar.Input{Tenant: itinera.Tenant{Slug: "stl-global"}, Program: p, Itinerary: it, Meetings: meetings,
		Activities: activities, Places: places,
		Visitors:     []itinera.Visitor{{ID: 41, GivenName: "Amara", FamilyName: "Okafor", Country: "Nigeria", Email: "amara@example.org"}},
		Interpreters: []itinera.Interpreter{{ID: 51, Name: "Ana Beltrán"}}}
}

// Every feed is read by ical.js with the same instants, zone, UID and
// SEQUENCE as Go wrote, on both sides of the daylight-saving change.
func TestFeedsReadByICalJS(t *testing.T) {
	t.Parallel()
	in := dstProgram(t)
	loc := in.Program.Location()
	for _, tc := range []struct {
		feed itinera.Feed
		name string
		want []itinera.ItineraryItem
	}{
		{itinera.Feed{Kind: itinera.FeedProgram}, "Combating Trafficking in Persons (St. Louis)", in.Itinerary.Items},
		{itinera.Feed{Kind: itinera.FeedVisitor, SubjectID: 41}, "Combating Trafficking in Persons (St. Louis) – Amara Okafor", in.Itinerary.Items},
		{itinera.Feed{Kind: itinera.FeedInterpreter, SubjectID: 51}, "Combating Trafficking in Persons (St. Louis) – Ana Beltrán", in.Itinerary.Items},
		{itinera.Feed{Kind: itinera.FeedContact, SubjectID: 21}, "Combating Trafficking in Persons (St. Louis) – your meetings", in.Itinerary.Items[1:]},
	} {
		t.Run(string(tc.feed.Kind), func(t *testing.T) {
			t.Parallel()
			b, err := calendar.Feed(in, tc.feed)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(b), "amara@example.org") {
				t.Fatal("a visitor's address is in the feed")
			}
			js := icaljstest.Read(t, string(tc.feed.Kind)+".ics", b)
			if js.Name != tc.name || js.RefreshIntervalSeconds != 3600 {
				t.Errorf("NAME %q REFRESH %d", js.Name, js.RefreshIntervalSeconds)
			}
			if len(js.Events) != len(tc.want) {
				t.Fatalf("ical.js read %d events, want %d", len(js.Events), len(tc.want))
			}
			for i, x := range tc.want {
				ev := js.Events[i]
				if ev.UID != calendar.UID("stl-global", x) || ev.Sequence != x.Sequence || ev.Summary != x.Title {
					t.Errorf("event %d: uid %q seq %d summary %q", i, ev.UID, ev.Sequence, ev.Summary)
				}
				for what, pair := range map[string]struct {
					got  *icaljstest.Time
					want time.Time
				}{"start": {ev.Start, x.Start}, "end": {ev.End, x.End}} {
					if pair.got == nil {
						t.Fatalf("event %d: no %s", i, what)
					}
					got, err := time.Parse(time.RFC3339, pair.got.UTC)
					if err != nil || !got.Equal(pair.want) || pair.got.TZID != "America/Chicago" || !pair.got.ZoneFound {
						t.Errorf("event %d %s: ical.js %+v, Go %s", i, what, pair.got, pair.want.UTC())
					}
					_, off := pair.want.In(loc).Zone()
					if pair.got.Offset != off {
						t.Errorf("event %d %s: offset %d, want %d", i, what, pair.got.Offset, off)
					}
				}
			}
		})
	}
}

func TestMeetingAgendaAndStatus(t *testing.T) {
	t.Parallel()
	in := dstProgram(t)
	evs := calendar.Events(in, itinera.Feed{Kind: itinera.FeedProgram})
	if len(evs) != 2 || evs[0].Status != "TENTATIVE" || evs[1].Status != "CONFIRMED" {
		t.Fatalf("events %+v", evs)
	}
	d := evs[1].Description
	for _, want := range []string{"Dr. Rumi Price", "UMSL School of Social Work", "mental health", "1 visitor from Nigeria, with an interpreter"} {
		if !strings.Contains(d, want) {
			t.Errorf("agenda %q lacks %q", d, want)
		}
	}
	if evs[1].Location != "Washington University School of Medicine" || !strings.Contains(evs[1].Address, "660 S Euclid") {
		t.Errorf("location %q %q", evs[1].Location, evs[1].Address)
	}
	if _, err := calendar.Feed(in, itinera.Feed{Kind: itinera.FeedVisitor, SubjectID: 999}); itinera.ErrorCode(err) != itinera.ENOTFOUND {
		t.Errorf("feed of a removed visitor: %v", err)
	}
	in.Itinerary = nil
	if evs := calendar.Events(in, itinera.Feed{Kind: itinera.FeedProgram}); len(evs) != 0 {
		t.Error("events without an itinerary")
	}
}

// splitProgram is dstProgram with the delegation apart on 2 November:
// Amara and Priya at the meeting with Ana interpreting, Amina at a visit
// at the same time; Luis interprets nowhere that day.
func splitProgram(t *testing.T) calendar.Input {
	t.Helper()
	in := dstProgram(t)
	in.Visitors = append(in.Visitors, itinera.Visitor{ID: 42, GivenName: "Priya", FamilyName: "Nair", Country: "India"},
		itinera.Visitor{ID: 43, GivenName: "Amina", FamilyName: "Yusuf", Country: "Kenya"})
	in.Interpreters = append(in.Interpreters, itinera.Interpreter{ID: 52, Name: "Luis Ortega"})
	in.Activities = append(in.Activities, itinera.Activity{ID: 32, Title: "Soulard Market", Kind: itinera.ActivityCultural})
	meeting := &in.Itinerary.Items[1]
	meeting.VisitorIDs, meeting.InterpreterIDs = []int64{41, 42}, []int64{51}
	in.Itinerary.Items = append(in.Itinerary.Items, itinera.ItineraryItem{ActivityID: 32, Title: "Soulard Market",
		Start: meeting.Start, End: meeting.End, VisitorIDs: []int64{43}})
	if err := in.Itinerary.Validate(); err != nil {
		t.Fatal(err)
	}
	return in
}

// TestSplitFeeds: on a split day, read by ical.js, each visitor's feed
// holds only what they attend, each interpreter's only where they
// interpret; the program's holds everything, a split item saying who goes;
// a resource's feed never names the visitors.
func TestSplitFeeds(t *testing.T) {
	t.Parallel()
	in := splitProgram(t)
	for _, tc := range []struct {
		feed itinera.Feed
		want []string // the events' summaries, in order
	}{
		{itinera.Feed{Kind: itinera.FeedProgram}, []string{"Gateway Arch", "WashU network", "Soulard Market"}},
		{itinera.Feed{Kind: itinera.FeedVisitor, SubjectID: 41}, []string{"Gateway Arch", "WashU network"}},
		{itinera.Feed{Kind: itinera.FeedVisitor, SubjectID: 42}, []string{"Gateway Arch", "WashU network"}},
		{itinera.Feed{Kind: itinera.FeedVisitor, SubjectID: 43}, []string{"Gateway Arch", "Soulard Market"}},
		{itinera.Feed{Kind: itinera.FeedInterpreter, SubjectID: 51}, []string{"Gateway Arch", "WashU network"}},
		{itinera.Feed{Kind: itinera.FeedInterpreter, SubjectID: 52}, []string{"Gateway Arch"}},
		{itinera.Feed{Kind: itinera.FeedContact, SubjectID: 21}, []string{"WashU network"}},
	} {
		b, err := calendar.Feed(in, tc.feed)
		if err != nil {
			t.Fatal(err)
		}
		name := string(tc.feed.Kind) + "-" + strconv.FormatInt(tc.feed.SubjectID, 10)
		js := icaljstest.Read(t, name+".ics", b)
		var got []string
		for _, ev := range js.Events {
			got = append(got, ev.Summary)
			with := ""
			switch ev.Summary {
			case "WashU network":
				with = "With: Amara Okafor, Priya Nair; interpreter: Ana Beltrán"
			case "Soulard Market":
				with = "With: Amina Yusuf; no interpreter"
			}
			switch {
			case tc.feed.Kind == itinera.FeedContact:
				if strings.Contains(ev.Description, "With:") || strings.Contains(ev.Description, "Priya") ||
					!strings.Contains(ev.Description, "Delegation: 2 visitors from 2 countries (India, Nigeria), with an interpreter.") {
					t.Errorf("%s: a resource reads the visitors' names: %q", name, ev.Description)
				}
			case with != "" && !strings.HasSuffix(ev.Description, "\n"+with) && ev.Description != with:
				t.Errorf("%s %s: description %q lacks %q", name, ev.Summary, ev.Description, with)
			case with == "" && strings.Contains(ev.Description, "With:"):
				t.Errorf("%s %s: a whole-delegation item says %q", name, ev.Summary, ev.Description)
			}
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: events %v, want %v", name, got, tc.want)
		}
	}
}
