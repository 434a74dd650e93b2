package web

import (
	"testing"
	"time"

	"itinera"
)

// TestLunchOfASplitDay: on a split day the week view's lunch break falls
// where no group has an item, although one group's item ends before the
// other's.
func TestLunchOfASplitDay(t *testing.T) {
	loc := time.UTC
	d := itinera.Day{Date: itinera.DateOf(time.Date(2026, 11, 24, 0, 0, 0, 0, loc)), Start: itinera.MustClock("08:30"),
		End: itinera.MustClock("18:00"), LunchFrom: itinera.MustClock("11:30"), LunchTo: itinera.MustClock("14:00"), LunchMinutes: 60}
	at := func(h, m int) time.Time { return time.Date(2026, 11, 24, h, m, 0, 0, loc) }
	xs := []itinera.ItineraryItem{
		{MeetingID: 1, Start: at(9, 0), End: at(12, 30), VisitorIDs: []int64{1}},
		{MeetingID: 2, Start: at(9, 30), End: at(11, 0), VisitorIDs: []int64{2}},
		{MeetingID: 3, Start: at(13, 45), End: at(15, 0), TravelMinutes: 15},
	}
	w, ok := lunchOf(d, xs, loc)
	if !ok || !w.Start.Equal(at(12, 30)) || !w.End.Equal(at(13, 30)) {
		t.Fatalf("lunch %v-%v (%v), want 12:30-13:30", w.Start, w.End, ok)
	}
}
