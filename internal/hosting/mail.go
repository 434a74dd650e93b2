package hosting

import (
	"fmt"
	"strings"
	"time"

	"itinera"
	"itinera/internal/ical"
	"itinera/internal/letters"
	"itinera/internal/matching"
)

// Confirming an evening tells each household who comes, and records the
// time it gives. A household's volunteer time is the evening itself plus
// the drive between the hotel and its home before and after (twice the
// estimated travel): hosts collect their guests and bring them back.

// Organizer is who the hosts' e-mails and calendar invitations come from:
// the officer who confirms.
type Organizer struct {
	Org   string // the tenant's name, signed at the end
	Name  string
	Email string
}

// Confirmation builds the volunteer hours of each household that receives
// guests in res, and the composer of the households' e-mails: the store
// decides, in the confirmation's transaction, who is told what (only
// households whose part changed) and with which SEQUENCE.
func (rec *Records) Confirmation(res matching.Result, org Organizer, now time.Time) (itinera.HospitalityConfirmation, error) {
	c := itinera.HospitalityConfirmation{Hours: []itinera.VolunteerHours{}}
	for _, a := range res.Assignments {
		h, ok := rec.Household(a.Household)
		if !ok || len(a.Visitors) == 0 {
			continue
		}
		travel := rec.TravelMinutes(h)
		c.Hours = append(c.Hours, itinera.VolunteerHours{HouseholdID: h.ID, EveningID: rec.Evening.ID,
			Minutes: rec.Evening.Minutes() + 2*travel})
	}
	c.Notify = func(n itinera.HospitalityNotice) (itinera.OutboxMessage, error) { return rec.NoticeMail(n, org, now) }
	return c, nil
}

// EventUID is the calendar UID of a household's invitation to an evening:
// the same in every update and in the cancellation.
func EventUID(eveningID, householdID int64) string {
	return fmt.Sprintf("hospitality-%d-household-%d@itinera", eveningID, householdID)
}

// NoticeMail is the e-mail of one notice: the household's guests (first
// names, countries, diets and allergies), the date and the pick-up, with a
// calendar invitation; or, for a household that receives nobody now, a
// kind note with a cancellation of that invitation.
func (rec *Records) NoticeMail(n itinera.HospitalityNotice, org Organizer, now time.Time) (itinera.OutboxMessage, error) {
	h, ok := rec.householdByID(n.HouseholdID)
	if !ok {
		return itinera.OutboxMessage{}, fmt.Errorf("notice for household %d, which is not invited to evening %d", n.HouseholdID, rec.Evening.ID)
	}
	p, e := rec.Program, rec.Evening
	v := letters.HouseholdNotice{To: recipient(h), Kind: n.Kind, Household: h.Name, Program: p.Title, Evening: rec.evening(),
		From: org.signature()}
	if n.Kind != itinera.NoticeCancel {
		for _, g := range n.Guests {
			if vis, ok := rec.visitorByID(g.VisitorID); ok && g.VisitorID != 0 {
				v.Guests = append(v.Guests, letters.Guest{FirstName: FirstName(vis), Country: vis.Country, Diets: vis.Diets, Allergies: vis.Allergies})
			}
		}
		for _, g := range n.Guests {
			if i, ok := rec.interpreterByID(g.InterpreterID); ok && g.InterpreterID != 0 {
				v.Interpreters = append(v.Interpreters, letters.GuestInterpreter{FirstName: InterpreterFirstName(i), Languages: i.Languages})
			}
		}
	}
	agenda, err := letters.Default.EveningAgenda(v)
	if err != nil {
		return itinera.OutboxMessage{}, err
	}
	ev := ical.Event{
		UID:         EventUID(e.ID, h.ID),
		Sequence:    n.Sequence,
		Stamp:       now.UTC(),
		Start:       e.Start,
		End:         e.End,
		Summary:     "Home-hospitality dinner: " + p.Title,
		Description: agenda,
		Location:    rec.Hotel.Name,
		Address:     rec.Hotel.Address,
		Organizer:   ical.Person{Name: org.Name, Email: org.Email},
		Attendees:   []ical.Attendee{{Person: ical.Person{Name: h.ContactName, Email: h.Email}, RSVP: n.Kind != itinera.NoticeCancel}},
	}
	build, method := ical.Invitation, ical.MethodRequest
	if n.Kind == itinera.NoticeCancel {
		ev.Status, build, method = ical.StatusCancelled, ical.Cancellation, ical.MethodCancel
	}
	ics, err := build(ev, p.Location())
	if err != nil {
		return itinera.OutboxMessage{}, fmt.Errorf("calendar for %s: %w", h.Name, err)
	}
	v.Calendar = letters.Calendar{ICS: ics, Method: method}
	return letters.Default.HouseholdNotice(p.TenantID, v)
}

func (rec *Records) householdByID(id int64) (itinera.HostHousehold, bool) {
	for _, h := range rec.Households {
		if h.ID == id {
			return h, true
		}
	}
	return itinera.HostHousehold{}, false
}

func (rec *Records) visitorByID(id int64) (itinera.Visitor, bool) {
	for _, v := range rec.Visitors {
		if v.ID == id {
			return v, true
		}
	}
	return itinera.Visitor{}, false
}

func (rec *Records) interpreterByID(id int64) (itinera.Interpreter, bool) {
	for _, i := range rec.Interpreters {
		if i.ID == id {
			return i, true
		}
	}
	return itinera.Interpreter{}, false
}

// PickUp says where and when hosts collect their guests.
func (rec *Records) PickUp() string {
	at := rec.Evening.Start.In(rec.Program.Location()).Format("15:04")
	if rec.Hotel.ID == 0 {
		return at + " at the delegation's hotel (the program officer will tell you which)"
	}
	s := fmt.Sprintf("%s in the lobby of %s", at, rec.Hotel.Name)
	if rec.Hotel.Address != "" {
		s += ", " + rec.Hotel.Address
	}
	return s
}

// FirstName is how hosts are told who comes: the given name only. The
// households' letters and the API's guest lists both use it.
func FirstName(v itinera.Visitor) string {
	if v.GivenName != "" {
		return v.GivenName
	}
	return v.FamilyName
}

// InterpreterFirstName is how hosts are told which interpreter comes: the
// first word of the name.
func InterpreterFirstName(i itinera.Interpreter) string {
	if f := strings.Fields(i.Name); len(f) > 0 {
		return f[0]
	}
	return i.Name
}
