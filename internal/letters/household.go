package letters

import (
	"fmt"
	"strings"
	"time"

	"itinera"
)

// The letters to host households: the acknowledgement of a sign-up, the
// invitation to an evening, and the notices when an evening is confirmed
// (their guests, an update, or no guests this time), each notice with its
// calendar entry.

// Signature is who signs a letter to a household: the officer and the
// organization.
type Signature struct {
	Name         string
	Organization string
}

// Evening is when a household receives its guests and where it collects
// them.
type Evening struct {
	Start, End time.Time
	Zone       *time.Location // the program's time zone
	PickUp     string         // where and when hosts collect their guests (hosting.Records.PickUp)
	Note       string         // from the program officer; may be empty
}

// Day is the evening's date: "Sunday 6 December 2026".
func (e Evening) Day() string { return e.Start.In(zone(e.Zone)).Format("Monday 2 January 2006") }

// Starts is the local time it starts: "17:30".
func (e Evening) Starts() string { return e.Start.In(zone(e.Zone)).Format("15:04") }

// Ends is the local time it ends, when guests are back at the hotel.
func (e Evening) Ends() string { return e.End.In(zone(e.Zone)).Format("15:04") }

// ZoneName says which time: "CST time, America/Chicago".
func (e Evening) ZoneName() string {
	loc := zone(e.Zone)
	return fmt.Sprintf("%s time, %s", e.Start.In(loc).Format("MST"), loc)
}

// HouseholdSignUp acknowledges a household's sign-up and gives its
// personal page.
type HouseholdSignUp struct {
	To           Recipient // the household's contact
	Organization string    // reviews the sign-up, and signs
	Link         string    // the household's personal page
}

// HouseholdSignUp composes the acknowledgement.
func (s *Set) HouseholdSignUp(tenantID int64, v HouseholdSignUp) (itinera.OutboxMessage, error) {
	return s.householdSignUp.compose(tenantID, v.To, v, Calendar{})
}

// EveningInvitation asks a household whether it can host an evening; it
// answers on its personal page.
type EveningInvitation struct {
	To        Recipient // the household's contact
	Household string    // the household's name
	Program   string    // the program's title
	Evening   Evening
	Link      string // the household's personal page, at the evening
	From      Signature
}

// EveningInvitation composes the invitation.
func (s *Set) EveningInvitation(tenantID int64, v EveningInvitation) (itinera.OutboxMessage, error) {
	return s.eveningInvite.compose(tenantID, v.To, v, Calendar{})
}

// Guest is a visitor as a host household learns of them: the first name
// only (hosting.FirstName), the country, diets and allergies.
type Guest struct {
	FirstName string
	Country   string
	Diets     []string
	Allergies []string
}

// GuestInterpreter is an interpreter who joins a household's dinner: the
// first name only, and the languages.
type GuestInterpreter struct {
	FirstName string
	Languages []string
}

// HouseholdNotice tells a household, when the evening is confirmed, who
// comes to dinner (a new notice or an update), or that it receives nobody
// this time (its calendar entry is then cancelled).
type HouseholdNotice struct {
	To           Recipient // the household's contact
	Kind         itinera.NoticeKind
	Household    string // the household's name
	Program      string // the program's title
	Evening      Evening
	Guests       []Guest
	Interpreters []GuestInterpreter
	From         Signature
	Calendar     Calendar // REQUEST, or CANCEL when it receives nobody
}

// HouseholdNotice composes the notice of its kind.
func (s *Set) HouseholdNotice(tenantID int64, v HouseholdNotice) (itinera.OutboxMessage, error) {
	l, err := s.notice(v.Kind)
	if err != nil {
		return itinera.OutboxMessage{}, err
	}
	return l.compose(tenantID, v.To, v, v.Calendar)
}

// EveningAgenda is what the household's calendar entry says about the
// evening: the times, the pick-up and the guests, as in the notice.
func (s *Set) EveningAgenda(v HouseholdNotice) (string, error) {
	l, err := s.notice(v.Kind)
	if err != nil {
		return "", err
	}
	t := l.text.Lookup("agenda")
	if t == nil {
		return "", fmt.Errorf("letters: %s defines no agenda", l.name)
	}
	var b strings.Builder
	if err := t.Execute(&b, v); err != nil {
		return "", fmt.Errorf("letters: %s agenda: %w", l.name, err)
	}
	return tidy(b.String()), nil
}

func (s *Set) notice(k itinera.NoticeKind) (*letter[HouseholdNotice], error) {
	switch k {
	case itinera.NoticeNew:
		return &s.householdGuests, nil
	case itinera.NoticeUpdate:
		return &s.guestsChanged, nil
	case itinera.NoticeCancel:
		return &s.noGuests, nil
	}
	return nil, fmt.Errorf("letters: no household notice of kind %q", k)
}
