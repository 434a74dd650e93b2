package hosting

import (
	"fmt"
	"net/mail"
	"strings"

	"itinera"
)

// InvitationMail asks a household whether it can host the evening: the
// date and time, the pick-up, and the household's personal page (link),
// where it says yes or no for this evening. It goes to the household's
// contact alone.
func (rec *Records) InvitationMail(h itinera.HostHousehold, link string, org Organizer) itinera.OutboxMessage {
	p, e := rec.Program, rec.Evening
	loc := p.Location()
	start, end := e.Start.In(loc), e.End.In(loc)
	day := start.Format("Monday 2 January 2006")
	var b strings.Builder
	fmt.Fprintf(&b, "Dear %s,\n\n", h.ContactName)
	fmt.Fprintf(&b, "A delegation of international visitors, the program %q, is in town, and we would love to bring a few of them to dinner at %s.\n\n", p.Title, h.Name)
	fmt.Fprintf(&b, "When: %s, %s to %s (%s time, %s)\n", day, start.Format("15:04"), end.Format("15:04"), start.Format("MST"), p.TimeZone)
	fmt.Fprintf(&b, "Pick-up: %s\n", rec.PickUp())
	if e.Note != "" {
		fmt.Fprintf(&b, "From the program officer: %s\n", e.Note)
	}
	fmt.Fprintf(&b, "\nCan you host that evening? Please say yes or no on your personal page (a note is welcome):\n%s\n\n", link)
	b.WriteString("If you say yes, we will write again with your guests' first names, countries, diets and allergies once the matching is done. " +
		"This link replaces the one in our earlier e-mails; please keep it to yourself, as anyone with it can change your details.\n\n")
	fmt.Fprintf(&b, "With thanks,\n%s\n%s\n", org.Name, org.Org)
	return itinera.OutboxMessage{TenantID: p.TenantID, To: (&mail.Address{Name: h.ContactName, Address: h.Email}).String(),
		Subject: fmt.Sprintf("Can you host visitors for dinner on %s?", day), TextBody: b.String()}
}
