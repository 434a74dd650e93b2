// Package release says what changed for a person between the itinerary
// version they were last sent and the one being released: items added,
// moved (a new time, perhaps a new place), at a new place, or cancelled.
// On a split day (issue 15) it is what that person goes to: an item they
// join is new for them, one they leave cancelled for them, and a change
// to an item of another part of the delegation is none of theirs.
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
	// Left, on a Cancelled change, says the item still takes place for
	// others of the delegation: the person no longer goes to it. still is
	// its SEQUENCE now, raised when its attendees changed.
	Left  bool
	still int
}

// CancelSequence is the SEQUENCE a Cancelled change goes out with in a
// calendar: above the one the person was sent, and for an item they left
// at least the item's own now, so that joining it again later (which
// raises it once more) outranks the cancellation.
func (c Change) CancelSequence() int { return max(c.Item.Sequence+1, c.still) }

// DiffFor is Diff of what one person goes to (goes: Attends for a
// visitor, Interprets for an interpreter): an item they join is Added for
// them, one they leave Cancelled with Left set.
func DiffFor(base, next []itinera.ItineraryItem, goes func(itinera.ItineraryItem) bool) []Change {
	var b, n []itinera.ItineraryItem
	now := map[[2]int64]itinera.ItineraryItem{}
	for _, x := range base {
		if goes(x) {
			b = append(b, x)
		}
	}
	for _, x := range next {
		now[key(x)] = x
		if goes(x) {
			n = append(n, x)
		}
	}
	out := Diff(b, n)
	for i, ch := range out {
		if x, ok := now[key(ch.Item)]; ok && ch.Kind == Cancelled {
			out[i].Left, out[i].still = true, x.Sequence
		}
	}
	return out
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
		if c.Left {
			return tr.T("No longer on your program: %s, %s", c.Item.Title, when(c.Item))
		}
		return tr.T("Cancelled: %s, %s", c.Item.Title, when(c.Item))
	}
	return c.Item.Title
}
