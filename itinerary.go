package itinera

import "time"

// Itinerary is one version of a program's schedule: days of timed items with
// the travel before each. The newest version is the current itinerary.
type Itinerary struct {
	ID        int64
	TenantID  int64
	ProgramID int64
	Version   int
	CreatedAt time.Time
	CreatedBy int64 // user; 0 for the system (demo, import)
	Note      string
	Items     []ItineraryItem
}

// ItineraryItem is one timed meeting or activity of an itinerary.
type ItineraryItem struct {
	MeetingID     int64 // exactly one of MeetingID and ActivityID is set
	ActivityID    int64
	Title         string // read only: the meeting's or activity's title
	PlaceID       int64  // read only: where it takes place now (0: not known)
	PlaceName     string // read only
	Start         time.Time
	End           time.Time
	TravelMinutes int // travel from the previous place (or the hotel)
	Pinned        bool
	// Sequence counts the changes of the item's time or place across
	// itinerary versions (the iCalendar SEQUENCE); set by the store.
	Sequence int
	// VisitorIDs are the visitors who attend the item when the delegation
	// splits (issue 15); empty: the whole delegation.
	VisitorIDs []int64
	// InterpreterIDs are the interpreters who go with the item's
	// visitors; empty on an item for the whole delegation: every
	// interpreter of the program.
	InterpreterIDs []int64
}

// Whole reports whether the whole delegation attends the item.
func (x ItineraryItem) Whole() bool { return len(x.VisitorIDs) == 0 }

// Attends reports whether the visitor attends the item.
func (x ItineraryItem) Attends(visitorID int64) bool {
	return x.Whole() || containsID(x.VisitorIDs, visitorID)
}

// Interprets reports whether the interpreter goes to the item: those it
// names, or every interpreter when it names none and is for the whole
// delegation.
func (x ItineraryItem) Interprets(interpreterID int64) bool {
	if len(x.InterpreterIDs) == 0 {
		return x.Whole()
	}
	return containsID(x.InterpreterIDs, interpreterID)
}

// Apart reports whether two items may take place at the same time: each
// is for part of the delegation, no visitor and no interpreter is at both.
func Apart(x, y ItineraryItem) bool {
	if x.Whole() || y.Whole() {
		return false
	}
	for _, v := range x.VisitorIDs {
		if containsID(y.VisitorIDs, v) {
			return false
		}
	}
	for _, v := range x.InterpreterIDs {
		if containsID(y.InterpreterIDs, v) {
			return false
		}
	}
	return true
}

func repeatsID(ids []int64) bool {
	for i, x := range ids {
		if containsID(ids[i+1:], x) {
			return true
		}
	}
	return false
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// Window is the item's time.
func (x ItineraryItem) Window() Window { return Window{Start: x.Start, End: x.End} }

// Validate checks the items: each refers to one record and has a positive
// length, names no visitor or interpreter twice, and no two items overlap
// unless they are for parts of the delegation apart (Apart).
func (it *Itinerary) Validate() error {
	f := FieldErrors{}
	checkText(f, "note", &it.Note, shortNote)
	for i, x := range it.Items {
		CheckTime(f, "items", x.Start)
		CheckTime(f, "items", x.End)
		if (x.MeetingID == 0) == (x.ActivityID == 0) {
			f.Add("items", "Each item is either a meeting or an activity.")
		}
		if !x.End.After(x.Start) {
			f.Add("items", "Each item must end after it starts.")
		}
		if repeatsID(x.VisitorIDs) || repeatsID(x.InterpreterIDs) {
			f.Add("items", "An item names a visitor or an interpreter twice.")
		}
		for _, y := range it.Items[i+1:] {
			if x.MeetingID == y.MeetingID && x.ActivityID == y.ActivityID {
				f.Add("items", "An item appears twice in the itinerary.")
			}
			if x.Start.Before(y.End) && y.Start.Before(x.End) && !Apart(x, y) {
				f.Add("items", "Two items of the itinerary overlap for the same visitors or interpreters.")
			}
		}
	}
	return f.Err("itinerary")
}

// ItemChange is an item whose time or place differs from the version
// before, or that left the itinerary, as a new version is saved.
type ItemChange struct {
	// Item is the new item, its Sequence raised; for a dropped item, the
	// old one with the Sequence a cancellation would carry.
	Item    ItineraryItem
	Dropped bool
}

// ItineraryNotify composes the messages the changes of a new itinerary
// version cause; they are queued in the version's transaction.
type ItineraryNotify func([]ItemChange) ([]OutboxMessage, error)

// Release is a published version of an itinerary: what the visitors and
// interpreters were sent. A release is never changed; the next one is a
// new record.
type Release struct {
	ID          int64
	TenantID    int64
	ProgramID   int64
	ItineraryID int64
	// ItineraryVersion is the version released (read only).
	ItineraryVersion int
	Version          int // the release's number in its program: 1, 2, …
	ReleasedAt       time.Time
	ReleasedBy       int64
	Note             string
}

// ReleaseRecipient is a person a release brought up to date: they were
// sent what changed for them, or nothing changed for them.
type ReleaseRecipient struct {
	Kind     FeedKind // visitor or interpreter
	PersonID int64
}

// Placement is what confirming a meeting at a time does to the current
// itinerary.
type Placement int

const (
	PlacementAbsent Placement = iota // the meeting is not in the itinerary
	PlacementSame                    // it is there at that time already
	PlacementMoved                   // it moves there (a new version)
	PlacementClash                   // it would overlap another item: it stays, the officer rebuilds
)

// PlaceConfirmed is the one rule of where a confirmed meeting goes in the
// itinerary: items with the meeting moved to at (pinned), the index of
// its item (-1 when absent) and what happens. The officer's preview and
// the confirmation itself both follow it.
func PlaceConfirmed(items []ItineraryItem, meetingID int64, at Window) ([]ItineraryItem, int, Placement) {
	idx := -1
	for i, x := range items {
		if x.MeetingID == meetingID {
			idx = i
		}
	}
	if idx < 0 {
		return items, -1, PlacementAbsent
	}
	cur := items[idx]
	if cur.Start.Equal(at.Start) && cur.End.Equal(at.End) {
		return items, idx, PlacementSame
	}
	moved := append([]ItineraryItem(nil), items...)
	moved[idx].Start, moved[idx].End, moved[idx].Pinned = at.Start, at.End, true
	if (&Itinerary{Items: moved}).Validate() != nil {
		return items, idx, PlacementClash
	}
	return moved, idx, PlacementMoved
}
