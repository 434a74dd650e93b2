package requests

import (
	"context"
	"fmt"
	"html"
	"net/mail"
	"strings"
	"time"

	"itinera"
	"itinera/internal/calendar"
	"itinera/internal/ical"
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

// Messages composes the confirmation for c: none when the contact has no
// e-mail address.
func (in ConfirmationInput) Messages(c itinera.Confirmed) ([]itinera.OutboxMessage, error) {
	if in.Contact.Email == "" {
		return nil, nil
	}
	p := in.Calendar.Program
	loc := p.Location()
	ev := in.Event(c)
	cal, err := ical.Invitation(ev, loc)
	if err != nil {
		return nil, fmt.Errorf("confirmation invitation: %w", err)
	}
	when := c.At.Label(loc)
	where := "your office"
	if ev.Location != "" {
		where = ev.Location
		if ev.Address != "" {
			where += ", " + ev.Address
		}
	}
	opening := "Thank you: the meeting with the delegation of “" + p.Title + "” is confirmed."
	subject := "Confirmed: "
	if c.Changed {
		opening = "The meeting with the delegation of “" + p.Title + "” has a new time or place; please note the details below."
		subject = "Changed: "
	}
	text := fmt.Sprintf("Dear %s,\n\n%s\n\n"+
		"When:  %s\nWhere: %s\n\n%s\n\nThe invitation attached adds it to your calendar; if anything changes, you will receive an update.\n\n"+
		"With thanks,\n%s\n", in.Contact.Name, opening, when, where, ev.Description, organizerName(in))
	htmlBody := "<p>Dear " + html.EscapeString(in.Contact.Name) + ",</p><p>" + html.EscapeString(opening) +
		"</p><p><strong>When:</strong> " + html.EscapeString(when) +
		"<br><strong>Where:</strong> " + html.EscapeString(where) + "</p><p>" +
		strings.ReplaceAll(html.EscapeString(ev.Description), "\n", "<br>") +
		"</p><p>The invitation attached adds it to your calendar; if anything changes, you will receive an update.</p><p>With thanks,<br>" +
		html.EscapeString(organizerName(in)) + "</p>"
	to := (&mail.Address{Name: in.Contact.Name, Address: in.Contact.Email}).String()
	return []itinera.OutboxMessage{{TenantID: p.TenantID, To: to, Subject: subject + in.Meeting.Title + ", " + when,
		TextBody: text, HTMLBody: htmlBody, Calendar: string(cal), CalendarMethod: string(ical.MethodRequest)}}, nil
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

func organizerName(in ConfirmationInput) string {
	if in.Organizer.Name != "" {
		return in.Organizer.Name
	}
	return "The program team"
}

// Cancellations composes the notice that a confirmed meeting is cancelled:
// a METHOD:CANCEL calendar with the invitation's UID and a raised
// SEQUENCE, so the entry disappears from the contact's calendar.
func (in ConfirmationInput) Cancellations(c itinera.Cancelled) ([]itinera.OutboxMessage, error) {
	if in.Contact.Email == "" {
		return nil, nil
	}
	p := in.Calendar.Program
	loc := p.Location()
	ev := in.Event(itinera.Confirmed{Request: c.Request, At: c.Request.Confirmed, Sequence: c.Sequence})
	ev.Status = ical.StatusCancelled
	cal, err := ical.Cancellation(ev, loc)
	if err != nil {
		return nil, fmt.Errorf("cancellation: %w", err)
	}
	when := c.Request.Confirmed.Label(loc)
	why, whyHTML := "", ""
	if c.Reason != "" {
		why = "\n\nThe reason: " + c.Reason
		whyHTML = "<p>The reason: " + html.EscapeString(c.Reason) + "</p>"
	}
	text := fmt.Sprintf("Dear %s,\n\nWe are sorry: the meeting with the delegation of “%s” on %s is cancelled. "+
		"The notice attached removes it from your calendar.%s\n\nThank you for your time and your readiness to meet them.\n\n%s\n",
		in.Contact.Name, p.Title, when, why, organizerName(in))
	htmlBody := "<p>Dear " + html.EscapeString(in.Contact.Name) + ",</p><p>We are sorry: the meeting with the delegation of “" +
		html.EscapeString(p.Title) + "” on " + html.EscapeString(when) + " is cancelled. The notice attached removes it from your calendar.</p>" +
		whyHTML + "<p>Thank you for your time and your readiness to meet them.</p><p>" + html.EscapeString(organizerName(in)) + "</p>"
	to := (&mail.Address{Name: in.Contact.Name, Address: in.Contact.Email}).String()
	return []itinera.OutboxMessage{{TenantID: p.TenantID, To: to, Subject: "Cancelled: " + in.Meeting.Title + ", " + when,
		TextBody: text, HTMLBody: htmlBody, Calendar: string(cal), CalendarMethod: string(ical.MethodCancel)}}, nil
}
