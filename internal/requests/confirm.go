package requests

import (
	"context"
	"fmt"
	"time"

	"itinera"
	"itinera/internal/calendar"
	"itinera/internal/ical"
	"itinera/internal/letters"
)

// A confirmation tells the resource that the meeting is fixed: a short
// e-mail carrying a calendar invitation (iMIP, METHOD:REQUEST) with the
// meeting's stable UID and its SEQUENCE, in the program's time zone, sent to
// the contact alone.

// ConfirmationInput is what the confirmation says, read before the
// confirmation's transaction so that composing needs no database.
type ConfirmationInput struct {
	Calendar  calendar.Input // the program, its delegation and places
	Meeting   itinera.Meeting
	Contact   itinera.Contact
	Organizer ical.Person // the officer who confirms
	Now       time.Time
	// HostPlaceID is the host organization's usual place, where the
	// meeting is when it names no place of its own.
	HostPlaceID int64
	// Attachments go with the confirmation (the resource's brief, as PDF).
	Attachments []itinera.OutboxAttachment
}

// LoadConfirmation reads the records a request's confirmation needs.
func LoadConfirmation(ctx context.Context, s itinera.Readers, tenantID int64, r itinera.Request, organizer ical.Person, now time.Time) (ConfirmationInput, error) {
	m, err := s.Candidates.Meeting(ctx, tenantID, r.MeetingID)
	if err != nil {
		return ConfirmationInput{}, err
	}
	cal, err := calendar.Load(ctx, s, tenantID, m.ProgramID)
	if err != nil {
		return ConfirmationInput{}, err
	}
	return loadConfirmation(ctx, s, tenantID, r, cal, organizer, now)
}

// loadConfirmation reads what is particular to one request; the program's
// calendar input is read once by the caller and shared.
func loadConfirmation(ctx context.Context, s itinera.Readers, tenantID int64, r itinera.Request, cal calendar.Input,
	organizer ical.Person, now time.Time) (ConfirmationInput, error) {
	in := ConfirmationInput{Calendar: cal, Organizer: organizer, Now: now}
	for _, m := range cal.Meetings {
		if m.ID == r.MeetingID {
			in.Meeting = m
		}
	}
	if in.Meeting.ID == 0 {
		return in, itinera.Errorf(itinera.ENOTFOUND, "That meeting does not exist, or it belongs to another organization.")
	}
	var err error
	if in.Contact, err = s.Directory.Contact(ctx, tenantID, r.ContactID); err != nil {
		return in, err
	}
	host, err := s.Directory.Organization(ctx, tenantID, in.Meeting.HostOrganizationID)
	if err != nil {
		return in, err
	}
	in.HostPlaceID = host.PlaceID
	return in, nil
}

// Messages composes the confirmation for c, or, when c.Changed, the
// update: none when the contact has no e-mail address.
func (in ConfirmationInput) Messages(c itinera.Confirmed) ([]itinera.OutboxMessage, error) {
	if in.Contact.Email == "" {
		return nil, nil
	}
	if err := in.needOrganizer(); err != nil {
		return nil, err
	}
	ev := in.Event(c)
	cal, err := ical.Invitation(ev, in.Calendar.Program.Location())
	if err != nil {
		return nil, fmt.Errorf("confirmation invitation: %w", err)
	}
	compose := letters.Default.Confirmation
	if c.Changed {
		compose = letters.Default.Change
	}
	m, err := compose(in.Calendar.Program.TenantID, in.notice(ev, c.At, letters.Calendar{ICS: cal, Method: ical.MethodRequest}))
	if err != nil {
		return nil, err
	}
	m.Attachments = in.Attachments
	return []itinera.OutboxMessage{m}, nil
}

// needOrganizer: a calendar invitation must say who it comes from (RFC
// 5546 3.2.2). When the organization has no sender address, no
// administrator with an address, and the person acting has none (the
// command line), the workflow stops with a message saying what to set,
// and nothing is saved, rather than with an internal error.
func (in ConfirmationInput) needOrganizer() error {
	if in.Organizer.Email != "" {
		return nil
	}
	return itinera.Errorf(itinera.ECONFLICT, "%s cannot be sent the calendar invitation for “%s”: the organization has no e-mail address "+
		"to send invitations from. Set the sender's address in Settings (or give an administrator an e-mail address), then try again.",
		in.Contact.Name, in.Meeting.Title)
}

// DeclineCounter composes the answer to a resource's counter-proposal:
// the meeting stays at r.Confirmed (METHOD:DECLINECOUNTER with the
// SEQUENCE they were last sent), with the officer's words.
func (in ConfirmationInput) DeclineCounter(r itinera.Request, proposed itinera.Window, comment string) ([]itinera.OutboxMessage, error) {
	if in.Contact.Email == "" {
		return nil, nil
	}
	if err := in.needOrganizer(); err != nil {
		return nil, err
	}
	ev := in.Event(itinera.Confirmed{Request: r, At: r.Confirmed, Sequence: max(r.ToldSequence, 0)})
	cal, err := ical.DeclineCounter(ev, in.Calendar.Program.Location())
	if err != nil {
		return nil, fmt.Errorf("declining a counter-proposal: %w", err)
	}
	v := in.notice(ev, r.Confirmed, letters.Calendar{ICS: cal, Method: ical.MethodDeclineCounter})
	v.Reason, v.Proposed = comment, proposed
	m, err := letters.Default.CounterDeclined(in.Calendar.Program.TenantID, v)
	if err != nil {
		return nil, err
	}
	return []itinera.OutboxMessage{m}, nil
}

// notice is what the letters about the confirmed meeting say.
func (in ConfirmationInput) notice(ev ical.Event, at itinera.Window, cal letters.Calendar) letters.MeetingNotice {
	v := letters.MeetingNotice{To: letters.Recipient{Name: in.Contact.Name, Email: in.Contact.Email},
		Program: in.Calendar.Program.Title, Meeting: in.Meeting.Title, At: at, Zone: in.Calendar.Program.Location(),
		Where: ev.Location, Agenda: ev.Description, From: in.Organizer.Name, Calendar: cal}
	if ev.Location != "" && ev.Address != "" {
		v.Where += ", " + ev.Address
	}
	return v
}

// Event is the calendar event of the confirmed meeting, as the contact's
// copy: it lists the contact as the only attendee.
func (in ConfirmationInput) Event(c itinera.Confirmed) ical.Event {
	m := in.Meeting
	x := itinera.ItineraryItem{MeetingID: m.ID}
	ev := ical.Event{UID: calendar.UID(in.Calendar.Tenant.Slug, x), Sequence: c.Sequence, Stamp: in.Now, Modified: in.Now,
		Start: c.At.Start, End: c.At.End, Summary: m.Title, Description: calendar.MeetingAgenda(in.Calendar, m),
		Organizer: in.Organizer, Status: ical.StatusConfirmed, Categories: []string{"Professional meeting"},
		Attendees: []ical.Attendee{{Person: ical.Person{Name: in.Contact.Name, Email: in.Contact.Email},
			Role: ical.RoleRequired, PartStat: ical.PartAccepted}}}
	placeID := m.PlaceID
	if placeID == 0 {
		placeID = in.HostPlaceID
	}
	for _, pl := range in.Calendar.Places {
		if pl.ID == placeID && placeID != 0 {
			ev.Location, ev.Address = pl.Name, pl.Address
			ev.Geo = &ical.Geo{Lat: pl.Lat, Lon: pl.Lon}
		}
	}
	return ev
}

// Cancellations composes the notice that a confirmed meeting is cancelled:
// a METHOD:CANCEL calendar with the invitation's UID and a raised
// SEQUENCE, so the entry disappears from the contact's calendar, and the
// officer's reason when they gave one.
func (in ConfirmationInput) Cancellations(c itinera.Cancelled) ([]itinera.OutboxMessage, error) {
	if in.Contact.Email == "" {
		return nil, nil
	}
	if err := in.needOrganizer(); err != nil {
		return nil, err
	}
	ev := in.Event(itinera.Confirmed{Request: c.Request, At: c.Request.Confirmed, Sequence: c.Sequence})
	ev.Status = ical.StatusCancelled
	cal, err := ical.Cancellation(ev, in.Calendar.Program.Location())
	if err != nil {
		return nil, fmt.Errorf("cancellation: %w", err)
	}
	v := in.notice(ev, c.Request.Confirmed, letters.Calendar{ICS: cal, Method: ical.MethodCancel})
	v.Reason = c.Reason
	m, err := letters.Default.Cancellation(in.Calendar.Program.TenantID, v)
	if err != nil {
		return nil, err
	}
	return []itinera.OutboxMessage{m}, nil
}
