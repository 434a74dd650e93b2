package letters

import (
	"strconv"
	"time"

	"itinera"
)

// The letters to resources: the meeting request with its personal link,
// and, once the meeting is fixed, its confirmation, changes and
// cancellation, each carrying the calendar entry.

// MeetingRequest asks a resource for a meeting and gives them their
// personal link to answer.
type MeetingRequest struct {
	To           Recipient // the contact; without a name the letter says "Hello,"
	Organization string    // the community organization, which signs
	Program      itinera.Program
	Meeting      string // its title
	Topics       []string
	Minutes      int    // the meeting's length; 0: to be agreed
	Place        string // name and address; "": at the resource's office
	// Who and Professions are all a resource learns about the delegation
	// (itinera.DelegationProfile): no contact data, and no names unless
	// part of the delegation comes (requests.Invitation.Who).
	Who         string
	Professions []string
	Windows     []itinera.Window // the times that suit the program
	Message     string           // the officer's own words; paragraphs apart by blank lines
	Link        string           // the personal answer link
	ExpiresAt   time.Time        // when the link stops working; zero: not said
}

// MeetingRequest composes the request.
func (s *Set) MeetingRequest(tenantID int64, v MeetingRequest) (itinera.OutboxMessage, error) {
	return s.meetingRequest.compose(tenantID, v.To, v, Calendar{})
}

// Dates are the program's days: "Saturday 5 December to Wednesday 9 December 2026".
func (v MeetingRequest) Dates() string {
	loc := v.Program.Location()
	return v.Program.StartDate.In(loc).Format("Monday 2 January") + " to " + v.Program.EndDate.In(loc).Format("Monday 2 January 2006")
}

// Zone names the time zone the times are in: "America/Chicago time (CST)".
func (v MeetingRequest) Zone() string {
	loc := v.Program.Location()
	return v.Program.TimeZone + " time (" + v.Program.StartDate.At(12*60, loc).Format("MST") + ")"
}

// Duration is the meeting's length in words.
func (v MeetingRequest) Duration() string {
	m := v.Minutes
	switch {
	case m <= 0:
		return "to be agreed"
	case m < 60:
		return strconv.Itoa(m) + " minutes"
	case m == 60:
		return "1 hour"
	case m%60 == 0:
		return strconv.Itoa(m/60) + " hours"
	case m < 120:
		return "1 hour " + strconv.Itoa(m%60) + " minutes"
	}
	return strconv.Itoa(m/60) + " hours " + strconv.Itoa(m%60) + " minutes"
}

// Times are the windows in the program's time zone.
func (v MeetingRequest) Times() []string {
	loc := v.Program.Location()
	out := make([]string, 0, len(v.Windows))
	for _, w := range v.Windows {
		out = append(out, w.Label(loc))
	}
	return out
}

// Expires is the last day the link works, or "". A link that stops at
// midnight works until the day before.
func (v MeetingRequest) Expires() string {
	return itinera.LinkLastDayLabel(v.ExpiresAt, v.Program.Location())
}

// RequestOpening is the officer's opening of a meeting request, prefilled
// in the request form for them to make their own.
func RequestOpening(org string, p itinera.Program) string {
	if org == "" {
		org = "our organization"
	}
	return "On behalf of " + org + ", I would like to ask whether you could meet an international delegation visiting " +
		p.City + " for the program “" + p.Title + "”. Your experience would mean a great deal to them, and the " +
		"conversation often leads to lasting connections.\n\nBelow you find who is coming, what they hope to learn and " +
		"the times that suit the program. Answering takes a minute and needs no account."
}

// MeetingNotice tells the contact of a confirmed meeting that it is fixed,
// that it changed, or that it is cancelled; its calendar entry (one UID,
// a SEQUENCE raised at every change) adds, moves or removes it.
type MeetingNotice struct {
	To      Recipient // the contact who confirmed
	Program string    // the program's title
	Meeting string    // the meeting's title
	At      itinera.Window
	Zone    *time.Location // the program's time zone
	Where   string         // place and address; "": the resource's office
	Agenda  string         // what the calendar entry says about the meeting
	From    string         // the officer who signs; "": the program team
	Reason  string         // why it is cancelled, in the officer's words; may be empty
	// Proposed is the time the resource proposed, for the answer to a
	// counter-proposal; zero otherwise.
	Proposed itinera.Window
	Calendar Calendar // METHOD:REQUEST, or CANCEL for a cancellation
}

// Confirmation composes the confirmation of a meeting (REQUEST).
func (s *Set) Confirmation(tenantID int64, v MeetingNotice) (itinera.OutboxMessage, error) {
	return s.meetingConfirmed.compose(tenantID, v.To, v, v.Calendar)
}

// Change composes the update of a confirmed meeting whose time or place
// changed (REQUEST, the same UID, a higher SEQUENCE).
func (s *Set) Change(tenantID int64, v MeetingNotice) (itinera.OutboxMessage, error) {
	return s.meetingChanged.compose(tenantID, v.To, v, v.Calendar)
}

// Cancellation composes the cancellation of a confirmed meeting (CANCEL),
// with the officer's reason when they gave one.
func (s *Set) Cancellation(tenantID int64, v MeetingNotice) (itinera.OutboxMessage, error) {
	return s.meetingCancelled.compose(tenantID, v.To, v, v.Calendar)
}

// CounterDeclined answers a resource's counter-proposal: the meeting
// stays at its time (DECLINECOUNTER), with the officer's words.
func (s *Set) CounterDeclined(tenantID int64, v MeetingNotice) (itinera.OutboxMessage, error) {
	return s.counterDeclined.compose(tenantID, v.To, v, v.Calendar)
}

// ProposedWhen is the time the resource proposed, in the program's zone.
func (v MeetingNotice) ProposedWhen() string { return v.Proposed.Label(zone(v.Zone)) }

// When is the meeting's time in the program's zone: "Mon 7 Dec 09:00–11:00 CST".
func (v MeetingNotice) When() string { return v.At.Label(zone(v.Zone)) }

// zone is loc, or UTC when it is not known.
func zone(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}
