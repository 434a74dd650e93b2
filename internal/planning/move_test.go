package planning_test

import (
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/planning"
)

// moveInput is a one-day program: two meetings at the hotel (no travel)
// and one across town, a lunch break of 60 min between 11:30 and 13:00.
func moveInput(t *testing.T) (planning.Input, func(string) time.Time) {
	t.Helper()
	day := itinera.MustDate("2026-12-07")
	p := itinera.Program{ID: 1, Title: "Moves", TimeZone: "America/Chicago", StartDate: day, EndDate: day, HotelPlaceID: 1}
	loc := p.Location()
	at := func(hhmm string) time.Time { return day.At(itinera.MustClock(hhmm), loc) }
	all := []itinera.Window{{Start: at("08:30"), End: at("18:00")}}
	in := planning.Input{Program: p,
		Days: []itinera.Day{{ProgramID: 1, Date: day, Start: itinera.MustClock("08:30"), End: itinera.MustClock("18:00"),
			LunchFrom: itinera.MustClock("11:30"), LunchTo: itinera.MustClock("13:00"), LunchMinutes: 60, MaxMeetings: 3}},
		Places: []itinera.Place{{ID: 1, Name: "Hotel", Lat: 38.627, Lon: -90.19}, {ID: 2, Name: "County Library", Lat: 38.56, Lon: -90.40}},
		Meetings: []itinera.Meeting{{ID: 1, Title: "A", Windows: all, DurationMinutes: 150},
			{ID: 2, Title: "B", Windows: all, DurationMinutes: 60}, {ID: 3, Title: "C", Windows: all, DurationMinutes: 60}},
		Current: &itinera.Itinerary{ProgramID: 1, Version: 1, Items: []itinera.ItineraryItem{
			{MeetingID: 1, Title: "A", PlaceID: 1, Start: at("09:00"), End: at("11:30")},
			{MeetingID: 2, Title: "B", PlaceID: 1, Start: at("13:00"), End: at("14:00")},
			{MeetingID: 3, Title: "C", PlaceID: 2, Start: at("16:00"), End: at("17:00"), TravelMinutes: 30},
		}},
	}
	return in, at
}

// TestCheckMoveRules: the lunch break, the travel from the previous item
// and back to the hotel, each refused in words; a move that keeps them
// is explained and gives the next version with travel measured again.
func TestCheckMoveRules(t *testing.T) {
	in, at := moveInput(t)
	for _, c := range []struct {
		key, start string
		ok         bool
		want       string
	}{
		{"m2", "12:00", false, "No 60 min are left for lunch between 11:30 and 13:00."},
		{"m2", "12:30", true, "lunch still fits 11:30–12:30"},
		{"m3", "14:00", false, "Only 0 min between B (ends 14:00) and C (starts 14:00), and the trip takes"},
		{"m3", "17:00", false, "with"},
		{"m2", "13:00", false, "B already starts at 13:00 CST."},
		{"m3", "15:00", true, "min from the previous item (B, ends 14:00)"},
	} {
		mc, err := planning.CheckMove(in, c.key, at(c.start))
		if err != nil {
			t.Fatalf("%s to %s: %v", c.key, c.start, err)
		}
		if mc.OK != c.ok || !strings.Contains(mc.Explanation, c.want) {
			t.Errorf("%s to %s: ok %v, %q", c.key, c.start, mc.OK, mc.Explanation)
		}
		if mc.OK {
			for _, x := range mc.Itinerary.Items {
				if planning.ItemKey(x) == c.key && (!x.Pinned || !x.Start.Equal(at(c.start))) {
					t.Errorf("%s to %s: moved item %+v", c.key, c.start, x)
				}
				if x.MeetingID == 3 && c.key == "m3" && x.TravelMinutes == 0 {
					t.Errorf("C's travel from B not measured: %+v", x)
				}
			}
		}
	}
	if mc, _ := planning.CheckMove(in, "m3", at("17:00")); !strings.Contains(mc.Explanation, "back to the hotel (Hotel) the day would end after 18:00") {
		t.Errorf("late: %q", mc.Explanation)
	}
}

// TestCheckMoveOnASplitDay: on a day where the delegation splits, a move
// is checked against the items its own visitors attend: an item of one
// sub-group may take the time of the other's, its travel is from the
// previous item of its sub-group, and an item of the whole delegation
// still may not overlap either.
func TestCheckMoveOnASplitDay(t *testing.T) {
	in, at := moveInput(t)
	all := in.Meetings[0].Windows
	in.Meetings = append(in.Meetings, itinera.Meeting{ID: 4, Title: "D", Windows: all, DurationMinutes: 60})
	items := in.Current.Items
	items[1].VisitorIDs = []int64{1} // B
	items[2].VisitorIDs = []int64{1} // C
	in.Current.Items = append(items, itinera.ItineraryItem{MeetingID: 4, Title: "D", PlaceID: 2, Start: at("13:30"), End: at("14:30"),
		TravelMinutes: 30, VisitorIDs: []int64{2}})
	for _, c := range []struct {
		key, start string
		ok         bool
		want       string
	}{
		{"m2", "13:30", true, "0 min from the previous item (A, ends 11:30); 44 min to the next item (C"}, // B beside D
		{"m3", "15:00", true, "min from the previous item (B, ends 14:00)"},                               // not D
		{"m4", "16:00", true, "44 min from the previous item (A, ends 11:30); 44 min back"},               // D beside C
		{"m1", "13:00", false, "would overlap"},                                                           // the whole delegation
	} {
		mc, err := planning.CheckMove(in, c.key, at(c.start))
		if err != nil {
			t.Fatalf("%s to %s: %v", c.key, c.start, err)
		}
		if mc.OK != c.ok || !strings.Contains(mc.Explanation, c.want) {
			t.Errorf("%s to %s: ok %v, %q", c.key, c.start, mc.OK, mc.Explanation)
		}
		if mc.OK {
			if err := mc.Itinerary.Validate(); err != nil {
				t.Errorf("%s to %s: %v", c.key, c.start, err)
			}
			for _, x := range mc.Itinerary.Items {
				if x.MeetingID == 3 && c.key == "m3" && x.TravelMinutes == 0 {
					t.Error("C's travel is measured from D (the same place), not from B at the hotel")
				}
			}
		}
	}
}

// TestCurrentTravelOnASplitDay: the current itinerary's travel counts each
// sub-group's own legs, and the legs the delegation travels together once.
func TestCurrentTravelOnASplitDay(t *testing.T) {
	in, at := moveInput(t)
	all := in.Meetings[0].Windows
	in.Meetings[2].PlaceID = 2 // C
	in.Meetings = append(in.Meetings, itinera.Meeting{ID: 4, Title: "D", PlaceID: 2, Windows: all, DurationMinutes: 60})
	whole, err := planning.Build(ctx, in, planning.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	leg := whole.CurrentTravelMinutes / 2 // hotel, A, B at the hotel; C across town and back
	items := in.Current.Items
	items[1].VisitorIDs = []int64{1} // B, at the hotel
	in.Current.Items = append(items, itinera.ItineraryItem{MeetingID: 4, Title: "D", PlaceID: 2, Start: at("13:30"), End: at("14:30"),
		TravelMinutes: 30, VisitorIDs: []int64{2}}) // D, across town, then C there for everyone
	split, err := planning.Build(ctx, in, planning.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	// B's group: to C and back (2 legs); D's group: to D (1 leg); back from C together.
	if leg == 0 || split.CurrentTravelMinutes != 3*leg {
		t.Errorf("travel %d, want %d (one leg %d)", split.CurrentTravelMinutes, 3*leg, leg)
	}
}
