package itinera

import (
	"testing"
	"time"
)

// TestComing: a meeting scheduled for part of the delegation is for its
// item's visitors and interpreters; unscheduled, for the visitors it
// names; otherwise for everyone.
func TestComing(t *testing.T) {
	t.Parallel()
	vs := []Visitor{{ID: 1, GivenName: "Amina"}, {ID: 2, GivenName: "Priya"}, {ID: 3, GivenName: "Kenji"}}
	is := []Interpreter{{ID: 7, Name: "Ana"}, {ID: 8, Name: "Luis"}}
	at := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	it := &Itinerary{Items: []ItineraryItem{{MeetingID: 10, Start: at, End: at.Add(time.Hour), VisitorIDs: []int64{1, 2}, InterpreterIDs: []int64{8}},
		{MeetingID: 11, Start: at.Add(2 * time.Hour), End: at.Add(3 * time.Hour)}}}
	named := Meeting{ID: 12, Attendance: Attendance{For: ForVisitors, VisitorIDs: []int64{3}}}
	for _, c := range []struct {
		m      Meeting
		it     *Itinerary
		v, i   int
		part   bool
		first  int64
		interp int64
	}{
		{Meeting{ID: 10}, it, 2, 1, true, 1, 8},
		{Meeting{ID: 11}, it, 3, 2, false, 1, 7},
		{named, it, 1, 0, true, 3, 0},
		{Meeting{ID: 10, Attendance: Attendance{For: ForVisitors, VisitorIDs: []int64{3}}}, nil, 1, 0, true, 3, 0},
		{Meeting{ID: 10}, nil, 3, 2, false, 1, 7},
	} {
		v, i, part := Coming(c.m, c.it, vs, is)
		if len(v) != c.v || len(i) != c.i || part != c.part || v[0].ID != c.first || len(i) > 0 && i[0].ID != c.interp {
			t.Errorf("meeting %d: %d visitors, %d interpreters, part %v", c.m.ID, len(v), len(i), part)
		}
	}
}
