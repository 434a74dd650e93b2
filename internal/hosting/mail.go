package hosting

import (
	"fmt"
	"net/mail"
	"strings"
	"time"

	"itinera"
	"itinera/internal/ical"
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
	loc := p.Location()
	start, end := e.Start.In(loc), e.End.In(loc)
	day := start.Format("Monday 2 January 2006")
	var b strings.Builder
	fmt.Fprintf(&b, "Dear %s,\n\n", h.ContactName)
	subject := fmt.Sprintf("Your guests for dinner on %s", day)
	switch n.Kind {
	case itinera.NoticeCancel:
		subject = fmt.Sprintf("Dinner on %s: no guests for you this time", day)
		fmt.Fprintf(&b, "The plans for the home-hospitality dinners of the program %q on %s have changed, and this time we will not need to ask %s to receive guests. We are sorry for the change, and for any preparations you had already made.\n\n", p.Title, day, h.Name)
		b.WriteString("Thank you, sincerely, for opening your home: we hope to ask you again soon. The attached notice removes the evening from your calendar.\n\n")
	case itinera.NoticeUpdate:
		subject = fmt.Sprintf("Updated: your guests for dinner on %s", day)
		fmt.Fprintf(&b, "The plans for the dinners of the program %q have changed. Here is who now comes to dinner at %s; this replaces our earlier e-mail.\n\n", p.Title, h.Name)
	default:
		fmt.Fprintf(&b, "Thank you for opening your home to the delegation of the program %q. Here is who comes to dinner at %s.\n\n", p.Title, h.Name)
	}
	if n.Kind != itinera.NoticeCancel {
		fmt.Fprintf(&b, "When: %s, %s to %s (%s time, %s)\n", day, start.Format("15:04"), end.Format("15:04"), start.Format("MST"), p.TimeZone)
		fmt.Fprintf(&b, "Pick-up: %s\n", rec.PickUp())
		fmt.Fprintf(&b, "Return: please bring your guests back to the hotel by %s.\n\n", end.Format("15:04"))
		b.WriteString("Your guests:\n")
		for _, g := range n.Guests {
			if v, ok := rec.visitorByID(g.VisitorID); ok && g.VisitorID != 0 {
				fmt.Fprintf(&b, "- %s, from %s. Diet: %s. Allergies: %s.\n", FirstName(v), v.Country, orNone(v.Diets), orNone(v.Allergies))
			}
		}
		for _, g := range n.Guests {
			if i, ok := rec.interpreterByID(g.InterpreterID); ok && g.InterpreterID != 0 {
				fmt.Fprintf(&b, "- %s, interpreter (%s), joins to help you talk together.\n", firstWord(i.Name), strings.Join(i.Languages, ", "))
			}
		}
		if e.Note != "" {
			fmt.Fprintf(&b, "\nFrom the program officer: %s\n", e.Note)
		}
		b.WriteString("\nThe attached calendar invitation holds the evening in your calendar. If anything changes or you can no longer host, please reply to this e-mail as soon as you can.\n\n")
	}
	fmt.Fprintf(&b, "With thanks,\n%s\n%s\n", org.Name, org.Org)

	to := (&mail.Address{Name: h.ContactName, Address: h.Email}).String()
	m := itinera.OutboxMessage{TenantID: rec.Program.TenantID, To: to, Subject: subject, TextBody: b.String()}
	ev := ical.Event{
		UID:         EventUID(e.ID, h.ID),
		Sequence:    n.Sequence,
		Stamp:       now.UTC(),
		Start:       e.Start,
		End:         e.End,
		Summary:     "Home-hospitality dinner: " + p.Title,
		Description: b.String(),
		Location:    rec.Hotel.Name,
		Address:     rec.Hotel.Address,
		Organizer:   ical.Person{Name: org.Name, Email: org.Email},
		Attendees:   []ical.Attendee{{Person: ical.Person{Name: h.ContactName, Email: h.Email}, RSVP: n.Kind != itinera.NoticeCancel}},
	}
	build, method := ical.Invitation, ical.MethodRequest
	if n.Kind == itinera.NoticeCancel {
		ev.Status, build, method = ical.StatusCancelled, ical.Cancellation, ical.MethodCancel
	}
	ics, err := build(ev, loc)
	if err != nil {
		return m, fmt.Errorf("calendar for %s: %w", h.Name, err)
	}
	m.Calendar, m.CalendarMethod = string(ics), string(method)
	return m, nil
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

// FirstName is how hosts are told who comes: the given name only.
func FirstName(v itinera.Visitor) string {
	if v.GivenName != "" {
		return v.GivenName
	}
	return v.FamilyName
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return s
}

func orNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}
