package hosting

import (
	"itinera"
	"itinera/internal/letters"
)

// InvitationMail asks a household whether it can host the evening: the
// date and time, the pick-up, and the household's personal page (link),
// where it says yes or no for this evening. It goes to the household's
// contact alone.
func (rec *Records) InvitationMail(h itinera.HostHousehold, link string, org Organizer) (itinera.OutboxMessage, error) {
	return letters.Default.EveningInvitation(rec.Program.TenantID, letters.EveningInvitation{
		To: recipient(h), Household: h.Name, Program: rec.Program.Title, Evening: rec.evening(), Link: link, From: org.signature()})
}

// recipient is the household's contact, whom its e-mails go to.
func recipient(h itinera.HostHousehold) letters.Recipient {
	return letters.Recipient{Name: h.ContactName, Email: h.Email}
}

// evening is the evening as the households' letters tell it.
func (rec *Records) evening() letters.Evening {
	return letters.Evening{Start: rec.Evening.Start, End: rec.Evening.End, Zone: rec.Program.Location(),
		PickUp: rec.PickUp(), Note: rec.Evening.Note}
}

func (org Organizer) signature() letters.Signature {
	return letters.Signature{Name: org.Name, Organization: org.Org}
}
