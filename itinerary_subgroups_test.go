package itinera_test

import (
	"testing"
	"time"

	"itinera"
)

// TestItineraryItemsApart: two items of an itinerary may take place at the
// same time only when each is for part of the delegation and no visitor or
// interpreter is at both (issue 15: a split day stored as it is).
func TestItineraryItemsApart(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 12, 8, h, 0, 0, 0, time.UTC) }
	item := func(meeting int64, visitors, interpreters []int64) itinera.ItineraryItem {
		return itinera.ItineraryItem{MeetingID: meeting, Start: at(14), End: at(16), VisitorIDs: visitors, InterpreterIDs: interpreters}
	}
	cases := []struct {
		name string
		a, b itinera.ItineraryItem
		ok   bool
	}{
		{"two sub-groups, each with its interpreter", item(1, []int64{1, 2}, []int64{7}), item(2, []int64{3}, []int64{8}), true},
		{"two sub-groups, one without interpreter", item(1, []int64{1, 2}, []int64{7}), item(2, []int64{3, 4}, nil), true},
		{"a visitor in both", item(1, []int64{1, 2}, nil), item(2, []int64{2, 3}, nil), false},
		{"the interpreter in both", item(1, []int64{1}, []int64{7}), item(2, []int64{3}, []int64{7}), false},
		{"the whole delegation and a sub-group", item(1, nil, nil), item(2, []int64{3}, nil), false},
		{"the whole delegation twice", item(1, nil, nil), item(2, nil, nil), false},
	}
	for _, c := range cases {
		it := itinera.Itinerary{Items: []itinera.ItineraryItem{c.a, c.b}}
		err := it.Validate()
		if (err == nil) != c.ok {
			t.Errorf("%s: Validate = %v, want ok %v", c.name, err, c.ok)
		}
		if itinera.Apart(c.a, c.b) != c.ok || itinera.Apart(c.b, c.a) != c.ok {
			t.Errorf("%s: Apart is not %v both ways", c.name, c.ok)
		}
	}
	// One after the other, the same visitor may attend both.
	later := item(2, []int64{1}, nil)
	later.Start, later.End = at(16), at(17)
	if err := (&itinera.Itinerary{Items: []itinera.ItineraryItem{item(1, []int64{1}, nil), later}}).Validate(); err != nil {
		t.Fatalf("consecutive items refused: %v", err)
	}
	again := item(1, []int64{3}, nil)
	again.Start, again.End = at(16), at(17)
	if err := (&itinera.Itinerary{Items: []itinera.ItineraryItem{item(1, []int64{1}, nil), again}}).Validate(); itinera.ErrorFields(err)["items"] != "An item appears twice in the itinerary." {
		t.Fatalf("a meeting twice: %v", err)
	}
	twice := item(1, []int64{1, 1}, nil)
	if err := (&itinera.Itinerary{Items: []itinera.ItineraryItem{twice}}).Validate(); itinera.ErrorFields(err)["items"] == "" {
		t.Fatalf("a visitor named twice: %v", err)
	}

	x := item(1, []int64{1, 2}, []int64{7})
	if !x.Attends(1) || x.Attends(3) || !x.Interprets(7) || x.Interprets(8) || x.Whole() {
		t.Fatalf("a sub-group's item: %+v", x)
	}
	w := item(1, nil, nil)
	if !w.Whole() || !w.Attends(3) || !w.Interprets(8) {
		t.Fatalf("the whole delegation's item: %+v", w)
	}
	alone := item(1, []int64{1}, nil)
	if alone.Interprets(7) {
		t.Fatal("a sub-group without interpreter is interpreted")
	}
}

// TestPlaceConfirmedOnASplitDay: a confirmed meeting of one sub-group moves
// to a time the other sub-group is busy (they are apart), but not to a
// time its own sub-group, or the whole delegation, is busy; it keeps its
// visitors.
func TestPlaceConfirmedOnASplitDay(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 12, 8, h, 0, 0, 0, time.UTC) }
	items := []itinera.ItineraryItem{
		{MeetingID: 1, Start: at(9), End: at(11)},                                                      // everyone
		{MeetingID: 2, Start: at(14), End: at(15), VisitorIDs: []int64{1, 2}},                          // group 1
		{MeetingID: 3, Start: at(16), End: at(17), VisitorIDs: []int64{1, 2}},                          // group 1
		{MeetingID: 4, Start: at(14), End: at(16), VisitorIDs: []int64{3}, InterpreterIDs: []int64{7}}, // group 2
	}
	for _, c := range []struct {
		to   int
		want itinera.Placement
	}{{15, itinera.PlacementMoved}, {16, itinera.PlacementClash}, {10, itinera.PlacementClash}} {
		moved, idx, what := itinera.PlaceConfirmed(items, 2, itinera.Window{Start: at(c.to), End: at(c.to + 1)})
		if what != c.want || idx != 1 {
			t.Errorf("to %d:00: placement %v at %d, want %v", c.to, what, idx, c.want)
		}
		if what == itinera.PlacementMoved && (!moved[1].Start.Equal(at(c.to)) || len(moved[1].VisitorIDs) != 2) {
			t.Errorf("moved %+v", moved[1])
		}
	}
}
