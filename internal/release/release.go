// Package release says what changed for a person between the itinerary
// version they were last sent and the one being released: items added,
// moved (a new time, perhaps a new place), at a new place, or cancelled.
// It is pure: itinerary items in, changes out.
package release

import (
	"sort"
	"time"

	"itinera"
	"itinera/internal/lang"
)

// Kind is what happened to an item.
type Kind string

// Kinds of change.
const (
	Added     Kind = "added"
	Moved     Kind = "moved" // a new time (and maybe a new place)
	NewPlace  Kind = "place" // the same time at a new place
	Cancelled Kind = "cancelled"
)

// Change is one item's change. Item is the item now (for Cancelled, the
// item as it was); Old is the item before (zero for Added, and for a
// change whose before is not known).
type Change struct {
	Kind Kind
	Item itinera.ItineraryItem
	Old  itinera.ItineraryItem
}

func key(x itinera.ItineraryItem) [2]int64 { return [2]int64{x.MeetingID, x.ActivityID} }

// Diff lists the changes from base (nil: nothing was sent before) to next,
// in the order of their time.
func Diff(base, next []itinera.ItineraryItem) []Change {
	before := map[[2]int64]itinera.ItineraryItem{}
	for _, x := range base {
		before[key(x)] = x
	}
	var out []Change
	seen := map[[2]int64]bool{}
	for _, x := range next {
		seen[key(x)] = true
		old, ok := before[key(x)]
		switch {
		case !ok:
			out = append(out, Change{Kind: Added, Item: x})
		case !old.Start.Equal(x.Start) || !old.End.Equal(x.End):
			out = append(out, Change{Kind: Moved, Item: x, Old: old})
		case old.PlaceID != x.PlaceID:
			out = append(out, Change{Kind: NewPlace, Item: x, Old: old})
		}
	}
	for _, x := range base {
		if !seen[key(x)] {
			out = append(out, Change{Kind: Cancelled, Item: x, Old: x})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Item.Start.Before(out[j].Item.Start) })
	return out
}

// Describe writes the change for its reader, times in loc, in tr's
// language: "Moved: Saint Louis Art Museum, now Sunday 6 December
// 14:00–16:30 (was Saturday 5 December 10:00–12:30)".
func (c Change) Describe(loc *time.Location, tr *lang.Catalog) string {
	when := func(x itinera.ItineraryItem) string {
		return tr.DayMonthDate(x.Start.In(loc)) + " " + x.Start.In(loc).Format("15:04") + "–" + x.End.In(loc).Format("15:04")
	}
	at := func(x itinera.ItineraryItem) string {
		if x.PlaceName == "" {
			return ""
		}
		return tr.T(" at %s", x.PlaceName)
	}
	switch c.Kind {
	case Added:
		return tr.T("New: %s, %s%s", c.Item.Title, when(c.Item), at(c.Item))
	case Moved:
		if c.Old.Start.IsZero() { // what was told before is not known
			return tr.T("Changed: %s, now %s%s", c.Item.Title, when(c.Item), at(c.Item))
		}
		was := when(c.Old)
		if c.Old.PlaceID != c.Item.PlaceID {
			was += at(c.Old)
		}
		return tr.T("Moved: %s, now %s%s (was %s)", c.Item.Title, when(c.Item), at(c.Item), was)
	case NewPlace:
		return tr.T("New place: %s, %s%s (was%s)", c.Item.Title, when(c.Item), at(c.Item), at(c.Old))
	case Cancelled:
		return tr.T("Cancelled: %s, %s", c.Item.Title, when(c.Item))
	}
	return c.Item.Title
}
