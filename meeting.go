package itinera

import (
	"fmt"
	"time"
)

// Window is a span of time in which an item can take place, stored as
// instants; it is shown in the program's time zone.
type Window struct {
	Start time.Time
	End   time.Time
}

// Minutes returns the length of the window in minutes.
func (w Window) Minutes() int { return int(w.End.Sub(w.Start).Minutes()) }

// validateWindows checks that each window is non-empty, long enough for the
// item and in the years Itinera accepts; Program.CheckWindows checks that
// it falls on the program's days.
func validateWindows(f FieldErrors, ws []Window, minutes int) {
	for i, w := range ws {
		switch {
		case w.Start.IsZero() || w.End.IsZero():
			f.Add("windows", fmt.Sprintf("Window %d needs a start and an end.", i+1))
		case !w.End.After(w.Start):
			f.Add("windows", fmt.Sprintf("Window %d ends before it starts.", i+1))
		case minutes > 0 && w.Minutes() < minutes:
			f.Add("windows", fmt.Sprintf("Window %d is shorter than the %d minutes the item lasts.", i+1, minutes))
		}
		CheckTime(f, "windows", w.Start)
		CheckTime(f, "windows", w.End)
	}
}

// MeetingStatus is where a professional meeting stands.
type MeetingStatus string

// Meeting statuses.
const (
	MeetingCandidate MeetingStatus = "candidate" // in the pool, not yet asked
	MeetingRequested MeetingStatus = "requested" // a request is out
	MeetingAccepted  MeetingStatus = "accepted"  // the resource said yes, time not final
	MeetingConfirmed MeetingStatus = "confirmed" // time and place are final
	MeetingDeclined  MeetingStatus = "declined"
	MeetingCancelled MeetingStatus = "cancelled"
)

// MeetingStatuses lists the statuses in workflow order.
var MeetingStatuses = []MeetingStatus{MeetingCandidate, MeetingRequested, MeetingAccepted,
	MeetingConfirmed, MeetingDeclined, MeetingCancelled}

// Meeting is a professional meeting of the delegation with a host
// organization and contact, possibly joined by partner organizations.
type Meeting struct {
	ID int64
	// Version rises with every change; a change sent with an older
	// version is refused, so nobody overwrites what they have not seen.
	Version                int
	TenantID               int64
	ProgramID              int64
	Title                  string
	HostOrganizationID     int64
	HostOrganizationName   string
	ContactID              int64 // 0: no contact yet
	ContactName            string
	PartnerOrganizationIDs []int64
	PartnerOrganizations   []string // names, read only
	PlaceID                int64    // 0: at the host's office, place to be agreed
	PlaceName              string
	Topics                 []string
	DurationMinutes        int
	Audience               string
	// Attendance is whom the meeting is for and how many visitors the
	// host receives.
	Attendance
	// Languages are the codes (itinera.Languages) of the languages the
	// meeting is held in; empty: not known. A visitor who speaks none of
	// them needs an interpreter there (NeedsInterpreter).
	Languages []string
	// Questions are what the visitors want to ask, for the briefing in
	// their book and the resource's brief.
	Questions string
	Priority  int // 1 (nice to have) … 5 (essential); 3 by default
	Mandatory bool
	Status    MeetingStatus
	Windows   []Window
	Notes     string
}

// Validate checks the meeting's fields.
func (m *Meeting) Validate() error {
	f := FieldErrors{}
	checkText(f, "title", &m.Title, nameText)
	checkText(f, "audience", &m.Audience, phraseText)
	checkText(f, "notes", &m.Notes, longText)
	checkText(f, "questions", &m.Questions, longText)
	if m.Title == "" {
		f.Add("title", "Enter a short title for the meeting.")
	}
	if m.ProgramID == 0 {
		f.Add("program_id", "A meeting belongs to a program.")
	}
	if m.HostOrganizationID == 0 {
		f.Add("host_organization_id", "Choose the host organization.")
	}
	for _, p := range m.PartnerOrganizationIDs {
		if p == m.HostOrganizationID && p != 0 {
			f.Add("partner_organization_ids", "The host organization cannot also be a partner.")
		}
	}
	validateDuration(f, m.DurationMinutes)
	validatePriority(f, &m.Priority)
	if m.Status == "" {
		m.Status = MeetingCandidate
	}
	if !oneOf(m.Status, MeetingStatuses) {
		f.Add("status", "Choose a status.")
	}
	m.Topics = CleanList(m.Topics)
	checkList(f, "topics", m.Topics, topicText)
	validateWindows(f, m.Windows, m.DurationMinutes)
	m.Attendance.check(f)
	checkMeetingLanguages(f, "languages", &m.Languages)
	return f.Err("meeting")
}

// ActivityKind says what kind of non-professional item an activity is.
type ActivityKind string

// Activity kinds.
const (
	ActivityCultural    ActivityKind = "cultural"
	ActivityMeal        ActivityKind = "meal"
	ActivityHospitality ActivityKind = "hospitality"
	ActivityTravel      ActivityKind = "travel"
	ActivityFree        ActivityKind = "free time"
)

// ActivityKinds lists the kinds in the order the UI offers them.
var ActivityKinds = []ActivityKind{ActivityCultural, ActivityMeal, ActivityHospitality, ActivityTravel, ActivityFree}

// ActivityStatus is where an activity stands.
type ActivityStatus string

// Activity statuses.
const (
	ActivityCandidate ActivityStatus = "candidate"
	ActivityConfirmed ActivityStatus = "confirmed"
	ActivityCancelled ActivityStatus = "cancelled"
)

// ActivityStatuses lists the statuses.
var ActivityStatuses = []ActivityStatus{ActivityCandidate, ActivityConfirmed, ActivityCancelled}

// Activity is a cultural visit, meal, travel or free time.
type Activity struct {
	ID int64
	// Version rises with every change; a change sent with an older
	// version is refused, so nobody overwrites what they have not seen.
	Version         int
	TenantID        int64
	ProgramID       int64
	Title           string
	Kind            ActivityKind
	PlaceID         int64
	PlaceName       string
	Topics          []string
	DurationMinutes int
	Priority        int
	Mandatory       bool
	Status          ActivityStatus
	Windows         []Window // opening hours on the program days
	Notes           string
}

// Validate checks the activity's fields.
func (a *Activity) Validate() error {
	f := FieldErrors{}
	checkText(f, "title", &a.Title, nameText)
	checkText(f, "notes", &a.Notes, longText)
	if a.Title == "" {
		f.Add("title", "Enter a short title for the activity.")
	}
	if a.ProgramID == 0 {
		f.Add("program_id", "An activity belongs to a program.")
	}
	if !oneOf(a.Kind, ActivityKinds) {
		f.Add("kind", "Choose what kind of activity this is.")
	}
	validateDuration(f, a.DurationMinutes)
	validatePriority(f, &a.Priority)
	if a.Status == "" {
		a.Status = ActivityCandidate
	}
	if !oneOf(a.Status, ActivityStatuses) {
		f.Add("status", "Choose a status.")
	}
	a.Topics = CleanList(a.Topics)
	checkList(f, "topics", a.Topics, topicText)
	validateWindows(f, a.Windows, a.DurationMinutes)
	return f.Err("activity")
}

func validateDuration(f FieldErrors, minutes int) {
	if minutes < 10 || minutes > 12*60 {
		f.Add("duration_minutes", "Enter a duration from 10 minutes to 12 hours.")
	}
}

func validatePriority(f FieldErrors, p *int) {
	if *p == 0 {
		*p = 3
	}
	if *p < 1 || *p > 5 {
		f.Add("priority", "Priority runs from 1 (nice to have) to 5 (essential).")
	}
}
