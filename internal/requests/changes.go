package requests

import (
	"context"
	"time"

	"itinera"
	"itinera/internal/calendar"
	"itinera/internal/ical"
)

// Changes tells the resources of confirmed meetings when a new itinerary
// version changes their meeting's time or place: an updated invitation
// (METHOD:REQUEST, the same UID, the raised SEQUENCE) to the contact who
// confirmed, and nobody else. A confirmed meeting that leaves the itinerary
// is not cancelled with its resource here: that is the officer's explicit
// "Cancel the meeting".
type Changes struct {
	confirmed map[int64]confirmedMeeting // by meeting id
}

type confirmedMeeting struct {
	in ConfirmationInput
	r  itinera.Request
}

// LoadChanges reads the program's confirmed requests, before the new
// version's transaction, so that composing needs no database.
func LoadChanges(ctx context.Context, s itinera.Readers, tenantID, programID int64, organizer ical.Person, now time.Time) (*Changes, error) {
	rqs, err := s.Requests.Requests(ctx, tenantID, programID)
	if err != nil {
		return nil, err
	}
	c := &Changes{confirmed: map[int64]confirmedMeeting{}}
	var cal *calendar.Input // read once, when a request is confirmed
	for _, r := range rqs {
		if !r.IsConfirmed() || r.Status == itinera.RequestWithdrawn {
			continue
		}
		if cal == nil {
			loaded, err := calendar.Load(ctx, s, tenantID, programID)
			if err != nil {
				return nil, err
			}
			cal = &loaded
		}
		in, err := loadConfirmation(ctx, s, tenantID, r, *cal, organizer, now)
		if err != nil {
			return nil, err
		}
		c.confirmed[r.MeetingID] = confirmedMeeting{in: in, r: r}
	}
	return c, nil
}

// Update is what one resource is sent about their meeting's change.
type Update struct {
	RequestID int64
	Contact   itinera.Contact
	Meeting   itinera.Meeting
	Sequence  int // the SEQUENCE sent
	Messages  []itinera.OutboxMessage
}

// Updates composes the updates for a new version's changes: one per
// confirmed meeting that moved or changed place (none for one that left).
func (c *Changes) Updates(changes []itinera.ItemChange) ([]Update, error) {
	var out []Update
	for _, ch := range changes {
		cm, ok := c.confirmed[ch.Item.MeetingID]
		if !ok || ch.Item.MeetingID == 0 || ch.Dropped {
			continue
		}
		msgs, err := cm.in.Messages(itinera.Confirmed{Request: cm.r, Sequence: ch.Item.Sequence, Changed: true, InItinerary: true,
			At: itinera.Window{Start: ch.Item.Start, End: ch.Item.End}})
		if err != nil {
			return nil, err
		}
		for i := range msgs {
			msgs[i].RequestID = cm.r.ID
		}
		out = append(out, Update{RequestID: cm.r.ID, Contact: cm.in.Contact, Meeting: cm.in.Meeting, Sequence: ch.Item.Sequence,
			Messages: msgs})
	}
	return out, nil
}
