package release

import (
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/lang"
)

func TestDiff(t *testing.T) {
	t.Parallel()
	loc, _ := time.LoadLocation("America/Chicago")
	at := func(h int) time.Time { return time.Date(2026, 12, 7, h, 0, 0, 0, loc) }
	item := func(m int64, h, place int64, name string) itinera.ItineraryItem {
		return itinera.ItineraryItem{MeetingID: m, Title: "Meeting " + string(rune('A'-1+m)), Start: at(int(h)), End: at(int(h) + 1),
			PlaceID: place, PlaceName: name}
	}
	base := []itinera.ItineraryItem{item(1, 9, 1, "City Hall"), item(2, 11, 2, "Court"), item(3, 14, 3, "Shelter"), item(4, 16, 4, "Museum")}
	next := []itinera.ItineraryItem{item(1, 9, 1, "City Hall"), item(2, 13, 2, "Court"), item(3, 14, 5, "Annex"), item(5, 17, 4, "Museum")}
	got := Diff(base, next)
	want := []Kind{Moved, NewPlace, Cancelled, Added} // by time: 13:00, 14:00, 16:00, 17:00
	if len(got) != len(want) {
		t.Fatalf("%d changes: %+v", len(got), got)
	}
	for i, k := range want {
		if got[i].Kind != k {
			t.Errorf("change %d: %s, want %s", i, got[i].Kind, k)
		}
	}
	if d := got[0].Describe(loc, &lang.English); !strings.Contains(d, "now Monday 7 December 13:00–14:00") || !strings.Contains(d, "was Monday 7 December 11:00–12:00") {
		t.Errorf("moved: %s", d)
	}
	if d := got[1].Describe(loc, &lang.English); d != "New place: Meeting C, Monday 7 December 14:00–15:00 at Annex (was at Shelter)" {
		t.Errorf("new place: %s", d)
	}
	if d := got[1].Describe(loc, &lang.French); d != "Nouveau lieu : Meeting C, lundi 7 décembre 14:00–15:00 à Annex (auparavant à Shelter)" {
		t.Errorf("new place in French: %s", d)
	}
	if len(Diff(next, next)) != 0 {
		t.Error("changes between a version and itself")
	}
	if all := Diff(nil, next); len(all) != len(next) || all[0].Kind != Added {
		t.Errorf("from nothing: %+v", all)
	}
}

// TestDiffFor: on a split day each person's changes are those of what they
// go to: a move of group A's item is none of group B's; joining an item
// is new for that person, leaving it cancels it for them alone, at a
// SEQUENCE above the one they had and at least the item's raised one.
func TestDiffFor(t *testing.T) {
	t.Parallel()
	loc, _ := time.LoadLocation("America/Chicago")
	at := func(h int) time.Time { return time.Date(2026, 12, 7, h, 0, 0, 0, loc) }
	item := func(m int64, h int, seq int, visitors ...int64) itinera.ItineraryItem {
		return itinera.ItineraryItem{MeetingID: m, Title: "Meeting " + string(rune('A'-1+m)), Start: at(h), End: at(h + 1),
			Sequence: seq, VisitorIDs: visitors}
	}
	const amina, priya, kenji = 1, 2, 3
	// Before: A for Amina and Priya, B for Kenji at the same time, C for all.
	base := []itinera.ItineraryItem{item(1, 9, 0, amina, priya), item(2, 9, 0, kenji), item(3, 14, 0)}
	// After: A moves to 10:00; Priya leaves A for B (both raised).
	next := []itinera.ItineraryItem{item(1, 10, 2, amina), item(2, 9, 1, kenji, priya), item(3, 14, 0)}
	of := func(v int64) []Change {
		return DiffFor(base, next, func(x itinera.ItineraryItem) bool { return x.Attends(v) })
	}
	if got := of(kenji); len(got) != 0 {
		t.Errorf("Kenji: %+v, want nothing (A is not his, B only gained Priya)", got)
	}
	if got := of(amina); len(got) != 1 || got[0].Kind != Moved || got[0].Item.MeetingID != 1 {
		t.Errorf("Amina: %+v, want A moved", got)
	}
	got := of(priya)
	if len(got) != 2 || got[0].Kind != Added || got[0].Item.MeetingID != 2 || got[1].Kind != Cancelled || !got[1].Left {
		t.Fatalf("Priya: %+v, want B new and A left", got)
	}
	if d := got[1].Describe(loc, &lang.English); d != "No longer on your program: Meeting A, Monday 7 December 09:00–10:00" {
		t.Errorf("left: %s", d)
	}
	if s := got[1].CancelSequence(); s != 2 {
		t.Errorf("left A at SEQUENCE %d, want the item's raised 2", s)
	}
	gone := DiffFor(base, next[1:], func(itinera.ItineraryItem) bool { return true })
	if len(gone) == 0 || gone[len(gone)-1].Left || gone[len(gone)-1].CancelSequence() != 1 {
		t.Errorf("an item dropped for everyone: %+v", gone)
	}
}
