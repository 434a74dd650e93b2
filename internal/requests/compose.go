package requests

import (
	"time"

	"itinera"
	"itinera/internal/letters"
)

// Invitation is everything the request e-mail says.
type Invitation struct {
	Organization string // the sending community organization
	Program      itinera.Program
	Meeting      itinera.Meeting
	ContactName  string
	PlaceAddress string                    // "" with no place: at the resource's office
	Profile      itinera.DelegationProfile // all it says of the delegation
	Windows      []itinera.Window
	Message      string // the officer's own words
	Link         string // the personal answer link
	ExpiresAt    time.Time
}

// DefaultMessage is the officer's opening, prefilled in the request form.
func DefaultMessage(org string, p itinera.Program, m itinera.Meeting) string {
	return letters.RequestOpening(org, p)
}

// Letter is the request as internal/letters writes it, to the contact at
// email: of the delegation it tells only the profile.
func (in Invitation) Letter(email string) letters.MeetingRequest {
	v := letters.MeetingRequest{To: letters.Recipient{Name: in.ContactName, Email: email}, Organization: in.Organization,
		Program: in.Program, Meeting: in.Meeting.Title, Topics: in.Meeting.Topics, Minutes: in.Meeting.DurationMinutes,
		Who: in.Profile.Who(), Professions: in.Profile.Professions, Windows: in.Windows, Message: in.Message,
		Link: in.Link, ExpiresAt: in.ExpiresAt}
	if in.Meeting.PlaceName != "" {
		v.Place = in.Meeting.PlaceName
		if in.PlaceAddress != "" {
			v.Place += ", " + in.PlaceAddress
		}
	}
	return v
}
