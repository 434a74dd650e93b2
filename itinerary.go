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
}

// Validate checks the items: each refers to one record and has a positive
// length, and no two items overlap.
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
		for _, y := range it.Items[i+1:] {
			if x.Start.Before(y.End) && y.Start.Before(x.End) {
				f.Add("items", "Two items of the itinerary overlap.")
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
