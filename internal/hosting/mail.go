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

// Confirmation builds the volunteer hours and one e-mail per household
// that receives guests in res (with a calendar invitation), at now.
func (rec *Records) Confirmation(res matching.Result, org Organizer, now time.Time) (itinera.HospitalityConfirmation, error) {
	c := itinera.HospitalityConfirmation{Hours: []itinera.VolunteerHours{}, Mails: []itinera.OutboxMessage{}}
	for _, a := range res.Assignments {
		h, ok := rec.Household(a.Household)
		if !ok || len(a.Visitors) == 0 {
			continue
		}
		travel := rec.TravelMinutes(h)
		c.Hours = append(c.Hours, itinera.VolunteerHours{HouseholdID: h.ID, EveningID: rec.Evening.ID,
			Minutes: rec.Evening.Minutes() + 2*travel})
		m, err := rec.hostMail(h, a, org, now)
		if err != nil {
			return c, err
		}
		c.Mails = append(c.Mails, m)
	}
	return c, nil
}

// hostMail is the e-mail to one household: its guests' first names,
// countries, diets and allergies, the date and the pick-up.
func (rec *Records) hostMail(h itinera.HostHousehold, a matching.Assignment, org Organizer, now time.Time) (itinera.OutboxMessage, error) {
	p, e := rec.Program, rec.Evening
	loc := p.Location()
	start, end := e.Start.In(loc), e.End.In(loc)
	day := start.Format("Monday 2 January 2006")
	var b strings.Builder
	fmt.Fprintf(&b, "Dear %s,\n\n", h.ContactName)
	fmt.Fprintf(&b, "Thank you for opening your home to the delegation of the program %q. Here is who comes to dinner at %s.\n\n", p.Title, h.Name)
	fmt.Fprintf(&b, "When: %s, %s to %s (%s time, %s)\n", day, start.Format("15:04"), end.Format("15:04"), start.Format("MST"), p.TimeZone)
	fmt.Fprintf(&b, "Pick-up: %s\n", rec.PickUp())
	fmt.Fprintf(&b, "Return: please bring your guests back to the hotel by %s.\n\n", end.Format("15:04"))
	b.WriteString("Your guests:\n")
	for _, l := range a.Visitors {
		v, ok := rec.Visitor(l)
		if !ok {
			continue
		}
		fmt.Fprintf(&b, "- %s, from %s. Diet: %s. Allergies: %s.\n", FirstName(v), v.Country, orNone(v.Diets), orNone(v.Allergies))
	}
	for _, l := range a.Interpreters {
		if i, ok := rec.Interpreter(l); ok {
			fmt.Fprintf(&b, "- %s, interpreter (%s), joins to help you talk together.\n", firstWord(i.Name), strings.Join(i.Languages, ", "))
		}
	}
	if e.Note != "" {
		fmt.Fprintf(&b, "\nFrom the program officer: %s\n", e.Note)
	}
	b.WriteString("\nThe attached calendar invitation holds the evening in your calendar. If anything changes or you can no longer host, please reply to this e-mail as soon as you can.\n\n")
	fmt.Fprintf(&b, "With thanks,\n%s\n%s\n", org.Name, org.Org)

	to := (&mail.Address{Name: h.ContactName, Address: h.Email}).String()
	m := itinera.OutboxMessage{TenantID: rec.Program.TenantID, To: to,
		Subject: fmt.Sprintf("Your guests for dinner on %s", day), TextBody: b.String()}
	ics, err := ical.Invitation(ical.Event{
		UID:         fmt.Sprintf("hospitality-%d-household-%d@itinera", e.ID, h.ID),
		Sequence:    sequence(now),
		Stamp:       now.UTC(),
		Start:       e.Start,
		End:         e.End,
		Summary:     "Home-hospitality dinner: " + p.Title,
		Description: b.String(),
		Location:    rec.Hotel.Name,
		Address:     rec.Hotel.Address,
		Organizer:   ical.Person{Name: org.Name, Email: org.Email},
		Attendees:   []ical.Attendee{{Person: ical.Person{Name: h.ContactName, Email: h.Email}, RSVP: true}},
	}, loc)
	if err != nil {
		return m, fmt.Errorf("calendar invitation for %s: %w", h.Name, err)
	}
	m.Calendar, m.CalendarMethod = string(ics), "REQUEST"
	return m, nil
}

// sequence numbers the versions of an invitation: minutes since 2024, so a
// later confirmation always carries a higher SEQUENCE (RFC 5546 2.1.4).
func sequence(now time.Time) int {
	return int(now.Sub(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)).Minutes())
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
