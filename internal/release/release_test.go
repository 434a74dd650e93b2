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
