// Package programfile is the program file: one JSON document that carries
// a whole program between organizations and installations (SQLite or
// PostgreSQL alike) — its days, people, candidates with their windows, the
// directory records they refer to, every itinerary version, the meeting
// requests with their answers and history, and the hospitality evenings
// with the households they involve. docs/program-file.md documents every
// field and what is not carried.
//
// The package is pure: Build turns a program's records (as the store
// holds them) into a File, Decode reads and checks a file, Records turns
// it back into records. Reading and writing the database is the
// application layer's (internal/app).
//
// Records in a file refer to each other by the "id" of the record in its
// own list. Ids are the file's own, numbered from 1 in each list when
// Itinera writes a file; they are not database ids, and an import gives
// every record a new one.
package programfile

import "time"

// Format is the value of every program file's "format" field.
const Format = "itinera-program"

// Version is the version of the format this package writes and the
// newest it reads. A change that an older Itinera could not read raises it.
const Version = 1

// MaxSize bounds a program file (32 MiB: a large program with a long
// history is a few megabytes).
const MaxSize = 32 << 20

// File is a program file.
type File struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	// ExportedAt is when the file was written; an import ignores it.
	ExportedAt time.Time `json:"exported_at"`

	Program       Program        `json:"program"`
	Days          []Day          `json:"days"`
	Places        []Place        `json:"places"`
	Organizations []Organization `json:"organizations"`
	Contacts      []Contact      `json:"contacts"`
	Visitors      []Visitor      `json:"visitors"`
	Interpreters  []Interpreter  `json:"interpreters"`
	Meetings      []Meeting      `json:"meetings"`
	Activities    []Activity     `json:"activities"`
	// Itineraries are the itinerary's versions, oldest first.
	Itineraries []Itinerary `json:"itineraries"`
	Requests    []Request   `json:"requests"`
	Households  []Household `json:"households"`
	Evenings    []Evening   `json:"evenings"`
	Pairs       []Pair      `json:"pairs"`
	// TravelTimes are the officer's own times for legs of the program,
	// between places of the file; left out when there are none.
	TravelTimes []TravelTime `json:"travel_times,omitempty"`
}

// TravelTime is the officer's own time for one leg, from one place of the
// file to another; it wins over the routing engine and the model.
type TravelTime struct {
	FromPlaceID int64  `json:"from_place_id"`
	ToPlaceID   int64  `json:"to_place_id"`
	Minutes     int    `json:"minutes"`
	Note        string `json:"note"`
}

// Program is the program record. Dates are "YYYY-MM-DD".
type Program struct {
	Title       string   `json:"title"`
	ProjectType string   `json:"project_type"`
	Description string   `json:"description"`
	Objectives  []string `json:"objectives"`
	City        string   `json:"city"`
	TimeZone    string   `json:"time_zone"`
	// Language is the code of the program's language; left out: English.
	Language     string `json:"language,omitempty"`
	StartDate    string `json:"start_date"`
	EndDate      string `json:"end_date"`
	HotelPlaceID int64  `json:"hotel_place_id,omitempty"`
	Status       string `json:"status"`
	// SplitLunch is how sub-groups lunch on a day the delegation splits:
	// together or apart; left out: together.
	SplitLunch string `json:"split_lunch,omitempty"`
	// SplitCost is the cost of splitting (0 to 50); left out: 3.
	SplitCost *int `json:"split_cost,omitempty"`
}

// Day is the limits of one program day. Clock times are "HH:MM", local to
// the program's time zone.
type Day struct {
	Date         string `json:"date"`
	Start        string `json:"start"`
	End          string `json:"end"`
	LunchFrom    string `json:"lunch_from"`
	LunchTo      string `json:"lunch_to"`
	LunchMinutes int    `json:"lunch_minutes"`
	MaxMeetings  int    `json:"max_meetings"`
	Note         string `json:"note"`
	// TravelMode is how the delegation travels that day (van, car,
	// transit, walking); left out: the organization's usual mode.
	TravelMode string `json:"travel_mode,omitempty"`
	// Together are the parts of the day the delegation stays together;
	// left out when none.
	Together []DayPart `json:"together,omitempty"`
}

// DayPart is a part of a day together: "HH:MM" local to the program
// ("24:00" for midnight at the end of the day).
type DayPart struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Label string `json:"label,omitempty"`
}

// Place is a place of the directory: a venue, office, hotel or site.
type Place struct {
	ID      int64   `json:"id"`
	Name    string  `json:"name"`
	Kind    string  `json:"kind"`
	Address string  `json:"address"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	Notes   string  `json:"notes"`
	// CoordinatesSource says where lat and lon came from: geocoder, map
	// or typed; left out: typed.
	CoordinatesSource string `json:"coordinates_source,omitempty"`
}

// Organization is a resource organization of the directory.
type Organization struct {
	ID          int64    `json:"id"`
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Description string   `json:"description"`
	Website     string   `json:"website"`
	Email       string   `json:"email"`
	Phone       string   `json:"phone"`
	PlaceID     int64    `json:"place_id,omitempty"`
	Topics      []string `json:"topics"`
}

// Contact is a person at an organization of the file.
type Contact struct {
	ID             int64  `json:"id"`
	OrganizationID int64  `json:"organization_id"`
	Name           string `json:"name"`
	Title          string `json:"title"`
	Email          string `json:"email"`
	Phone          string `json:"phone"`
	Notes          string `json:"notes"`
}

// Visitor is a member of the delegation.
type Visitor struct {
	ID           int64  `json:"id"`
	GivenName    string `json:"given_name"`
	FamilyName   string `json:"family_name"`
	Country      string `json:"country"`
	Position     string `json:"position"`
	Organization string `json:"organization"`
	// Sector is left out when empty, so that a file without one is the
	// same as before the field was added.
	Sector      string   `json:"sector,omitempty"`
	Email       string   `json:"email"`
	Languages   []string `json:"languages"`
	Diets       []string `json:"diets"`
	Allergies   []string `json:"allergies"`
	AccessNeeds string   `json:"access_needs"`
	Interests   []string `json:"interests"`
	Fictional   bool     `json:"fictional"`
}

// Interpreter accompanies the delegation.
type Interpreter struct {
	ID        int64    `json:"id"`
	Name      string   `json:"name"`
	Email     string   `json:"email"`
	Phone     string   `json:"phone"`
	Languages []string `json:"languages"`
}

// Window is a span of time, as instants (RFC 3339).
type Window struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Meeting is a candidate professional meeting.
type Meeting struct {
	ID                     int64    `json:"id"`
	Title                  string   `json:"title"`
	HostOrganizationID     int64    `json:"host_organization_id"`
	ContactID              int64    `json:"contact_id,omitempty"`
	PartnerOrganizationIDs []int64  `json:"partner_organization_ids"`
	PlaceID                int64    `json:"place_id,omitempty"`
	Topics                 []string `json:"topics"`
	DurationMinutes        int      `json:"duration_minutes"`
	Audience               string   `json:"audience"`
	// Questions are the visitors' questions; left out when none.
	Questions string   `json:"questions,omitempty"`
	Priority  int      `json:"priority"`
	Mandatory bool     `json:"mandatory"`
	Status    string   `json:"status"`
	Windows   []Window `json:"windows"`
	Notes     string   `json:"notes"`
	// Attendance is whom it is for: everyone, subgroup or visitors;
	// left out: everyone. VisitorIDs are visitors of the file, with
	// visitors. MinVisitors and MaxVisitors: left out, no limit.
	Attendance  string  `json:"attendance,omitempty"`
	MinVisitors int     `json:"min_visitors,omitempty"`
	MaxVisitors int     `json:"max_visitors,omitempty"`
	VisitorIDs  []int64 `json:"visitor_ids,omitempty"`
	// Languages are the codes of the meeting's languages; left out: not known.
	Languages []string `json:"languages,omitempty"`
}

// Activity is a cultural visit, meal, travel, free time or hospitality.
type Activity struct {
	ID              int64    `json:"id"`
	Title           string   `json:"title"`
	Kind            string   `json:"kind"`
	PlaceID         int64    `json:"place_id,omitempty"`
	Topics          []string `json:"topics"`
	DurationMinutes int      `json:"duration_minutes"`
	Priority        int      `json:"priority"`
	Mandatory       bool     `json:"mandatory"`
	Status          string   `json:"status"`
	Windows         []Window `json:"windows"`
	Notes           string   `json:"notes"`
}

// Itinerary is one version of the program's itinerary.
type Itinerary struct {
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	Note      string    `json:"note"`
	Items     []Item    `json:"items"`
}

// Item is one timed meeting or activity of an itinerary version.
type Item struct {
	MeetingID     int64     `json:"meeting_id,omitempty"`
	ActivityID    int64     `json:"activity_id,omitempty"`
	Start         time.Time `json:"start"`
	End           time.Time `json:"end"`
	TravelMinutes int       `json:"travel_minutes"`
	Pinned        bool      `json:"pinned"`
	// Sequence is the item's iCalendar SEQUENCE in this version.
	Sequence int `json:"sequence"`
	// VisitorIDs are the visitors of the file who attend the item when the
	// delegation splits; left out: everyone. InterpreterIDs are the
	// interpreters who go with them.
	VisitorIDs     []int64 `json:"visitor_ids,omitempty"`
	InterpreterIDs []int64 `json:"interpreter_ids,omitempty"`
}

// Request is a meeting request, its answer and its history. The link the
// resource answers from is never in a file.
type Request struct {
	ID        int64      `json:"id"`
	MeetingID int64      `json:"meeting_id"`
	ContactID int64      `json:"contact_id"`
	Status    string     `json:"status"`
	Windows   []Window   `json:"windows"`
	Message   string     `json:"message"`
	CreatedAt time.Time  `json:"created_at"`
	SentAt    *time.Time `json:"sent_at,omitempty"`
	ViewedAt  *time.Time `json:"viewed_at,omitempty"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
	Confirmed *Window    `json:"confirmed,omitempty"`
	Answer    *Answer    `json:"answer,omitempty"`
	Events    []Event    `json:"events"`
}

// Answer is the resource's answer to a request.
type Answer struct {
	Kind      string    `json:"kind"`
	Slot      *Window   `json:"slot,omitempty"`
	Available []Window  `json:"available"`
	Proposed  []Window  `json:"proposed"`
	Reason    string    `json:"reason"`
	Colleague Colleague `json:"colleague"`
	Partners  []string  `json:"partners"`
	Comment   string    `json:"comment"`
	At        time.Time `json:"at"`
}

// Colleague is someone the resource suggested asking.
type Colleague struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Note  string `json:"note"`
}

// Event is one entry of a request's history.
type Event struct {
	At     time.Time `json:"at"`
	Kind   string    `json:"kind"`
	Detail string    `json:"detail"`
}

// Household is a volunteer host household, as staff see it; its personal
// link is never in a file.
type Household struct {
	ID           int64    `json:"id"`
	Name         string   `json:"name"`
	Address      string   `json:"address"`
	Lat          float64  `json:"lat"`
	Lon          float64  `json:"lon"`
	ContactName  string   `json:"contact_name"`
	Email        string   `json:"email"`
	Phone        string   `json:"phone"`
	Languages    []string `json:"languages"`
	CanServe     []string `json:"can_serve"`
	Pets         []string `json:"pets"`
	Interests    []string `json:"interests"`
	Smoking      bool     `json:"smoking"`
	Stairs       bool     `json:"stairs"`
	Capacity     int      `json:"capacity"`
	Availability string   `json:"availability"`
	FreeDates    []string `json:"free_dates"`
	FreeWeekdays []string `json:"free_weekdays"`
	Note         string   `json:"note"`
	Status       string   `json:"status"`
}

// Evening is a home-hospitality evening with its invitations, placements
// and volunteer hours.
type Evening struct {
	ID             int64           `json:"id"`
	Start          time.Time       `json:"start"`
	End            time.Time       `json:"end"`
	Status         string          `json:"status"`
	MinGroup       int             `json:"min_group"`
	Note           string          `json:"note"`
	VisitorIDs     []int64         `json:"visitor_ids"`
	InterpreterIDs []int64         `json:"interpreter_ids"`
	Invitations    []Invitation    `json:"invitations"`
	Guests         []Guest         `json:"guests"`
	Unplaced       []Unplaced      `json:"unplaced"`
	ConfirmedAt    *time.Time      `json:"confirmed_at,omitempty"`
	ActivityID     int64           `json:"activity_id,omitempty"`
	VolunteerHours []VolunteerTime `json:"volunteer_hours"`
}

// Invitation is a household invited to host an evening, and its answer.
type Invitation struct {
	HouseholdID int64      `json:"household_id"`
	Status      string     `json:"status"`
	InvitedAt   time.Time  `json:"invited_at"`
	Answer      string     `json:"answer"`
	AnswerNote  string     `json:"answer_note"`
	AnsweredAt  *time.Time `json:"answered_at,omitempty"`
}

// Guest places a visitor or an interpreter at a household.
type Guest struct {
	HouseholdID   int64 `json:"household_id"`
	VisitorID     int64 `json:"visitor_id,omitempty"`
	InterpreterID int64 `json:"interpreter_id,omitempty"`
	Locked        bool  `json:"locked"`
}

// Unplaced is a visitor the saved matching could not seat, and why.
type Unplaced struct {
	VisitorID int64  `json:"visitor_id"`
	Reason    string `json:"reason"`
}

// VolunteerTime is the time a household gave to the evening.
type VolunteerTime struct {
	HouseholdID int64     `json:"household_id"`
	Minutes     int       `json:"minutes"`
	RecordedAt  time.Time `json:"recorded_at"`
}

// Pair asks that two visitors dine together or apart, at every evening of
// the program (evening_id absent) or at one.
type Pair struct {
	VisitorA  int64  `json:"visitor_a"`
	VisitorB  int64  `json:"visitor_b"`
	Kind      string `json:"kind"`
	EveningID int64  `json:"evening_id,omitempty"`
}
