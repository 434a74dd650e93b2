package requests

import (
	"fmt"
	"strings"
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
	Profile      itinera.DelegationProfile // of those who come
	// Part names the visitors who come when they are part of the
	// delegation (itinera.Coming: the meeting's group in the current
	// itinerary, or the visitors it is for), with their interpreters;
	// empty when the whole delegation comes, which is named by its
	// profile only.
	Part         []itinera.Visitor
	Interpreters []itinera.Interpreter
	Delegation   int // the delegation's visitors
	Windows      []itinera.Window
	Message      string // the officer's own words
	Link         string // the personal answer link
	ExpiresAt    time.Time
}

// DefaultMessage is the officer's opening, prefilled in the request form.
func DefaultMessage(org string, p itinera.Program, m itinera.Meeting) string {
	return letters.RequestOpening(org, p)
}

// Who says who comes, in one place for the request e-mail and the
// resource's page: the whole delegation by its profile, with the meeting's
// capacity when it has one ("Your meeting takes up to 5 visitors: 5 of
// them will come; we will tell you who."); part of it by count, each
// visitor by position and country, and its interpreters by count ("2 of
// the delegation's 9 visitors will come (Prosecutor, Kenya; Shelter
// director, India), with an interpreter; their names come with the brief.").
// Names stay out of a request, as they always have: a resource learns them
// from the brief, once the meeting is confirmed.
func (in Invitation) Who() string {
	if len(in.Part) == 0 {
		s := in.Profile.Who()
		switch max := in.Meeting.Attendance.MaxVisitors; {
		case max <= 0:
		case max < in.Delegation:
			s += fmt.Sprintf(" Your meeting takes up to %d visitors: %d of them will come; we will tell you who.", max, max)
		default:
			s += fmt.Sprintf(" Your meeting takes up to %d visitors.", max)
		}
		return s
	}
	who := make([]string, len(in.Part))
	for i, v := range in.Part {
		var parts []string
		for _, s := range []string{v.Position, v.Country} {
			if s = strings.TrimSpace(s); s != "" {
				parts = append(parts, s)
			}
		}
		if len(parts) == 0 {
			parts = []string{"a visitor"}
		}
		who[i] = strings.Join(parts, ", ")
	}
	s := fmt.Sprintf("%d of the delegation's %d visitors will come (%s)", len(in.Part), in.Delegation, strings.Join(who, "; "))
	switch n := len(in.Interpreters); n {
	case 0:
	case 1:
		s += ", with an interpreter"
	default:
		s += fmt.Sprintf(", with %d interpreters", n)
	}
	return s + "; their names come with the brief."
}

// Letter is the request as internal/letters writes it, to the contact at
// email: of the delegation it tells who comes (Who).
func (in Invitation) Letter(email string) letters.MeetingRequest {
	v := letters.MeetingRequest{To: letters.Recipient{Name: in.ContactName, Email: email}, Organization: in.Organization,
		Program: in.Program, Meeting: in.Meeting.Title, Topics: in.Meeting.Topics, Minutes: in.Meeting.DurationMinutes,
		Who: in.Who(), Professions: in.Profile.Professions, Windows: in.Windows, Message: in.Message,
		Link: in.Link, ExpiresAt: in.ExpiresAt}
	if in.Meeting.PlaceName != "" {
		v.Place = in.Meeting.PlaceName
		if in.PlaceAddress != "" {
			v.Place += ", " + in.PlaceAddress
		}
	}
	return v
}
