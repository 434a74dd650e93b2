package itinera

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// HouseholdStatus is where a volunteer household's sign-up stands.
type HouseholdStatus string

// Household statuses.
const (
	HouseholdPending   HouseholdStatus = "pending"
	HouseholdApproved  HouseholdStatus = "approved"
	HouseholdRejected  HouseholdStatus = "rejected"
	HouseholdWithdrawn HouseholdStatus = "withdrawn"
)

// HouseholdStatuses lists the statuses in the order the UI filters by them.
var HouseholdStatuses = []HouseholdStatus{HouseholdPending, HouseholdApproved, HouseholdRejected, HouseholdWithdrawn}

// ParseHouseholdStatus accepts one of the household statuses; "" means any.
func ParseHouseholdStatus(s string) (HouseholdStatus, error) {
	st := HouseholdStatus(strings.ToLower(strings.TrimSpace(s)))
	if st == "" || oneOf(st, HouseholdStatuses) {
		return st, nil
	}
	return "", Errorf(EINVALID, "%q is not a household status: use pending, approved, rejected or withdrawn", s)
}

// DefaultHouseholdLinkTTL is how long a host's personal link works; a new
// link is made whenever the officer sends one again.
const DefaultHouseholdLinkTTL = 365 * 24 * time.Hour

// MaxHouseholdSeats bounds the guests one household may offer to seat.
const MaxHouseholdSeats = 12

// HostHousehold is a volunteer household that invites visitors to dinner.
// Its home is a Place (kind home); Address, Lat and Lon are that place's,
// filled in for forms and lists.
type HostHousehold struct {
	ID int64
	// Version rises with every change; a change sent with an older
	// version is refused, so nobody overwrites what they have not seen.
	Version      int
	TenantID     int64
	Name         string
	PlaceID      int64
	Address      string
	Lat, Lon     float64
	ContactName  string
	Email        string
	Phone        string
	Languages    []string
	CanServe     []string // diets the household can cook for
	Pets         []string
	Interests    []string // professional interests, shared with visitors
	Smoking      bool
	Stairs       bool
	Capacity     int
	Availability string // usual free dates or weekdays, as written
	FreeDates    []Date
	FreeWeekdays []time.Weekday
	Note         string
	Status       HouseholdStatus
	CreatedAt    time.Time
	UpdatedAt    time.Time
	// LinkExpiresAt is when the host's personal link stops working.
	LinkExpiresAt time.Time
}

// Validate checks the household's fields, naming every wrong one.
func (h *HostHousehold) Validate() error {
	f := FieldErrors{}
	checkText(f, "name", &h.Name, nameText)
	checkText(f, "address", &h.Address, addressText)
	checkText(f, "contact_name", &h.ContactName, nameText)
	checkText(f, "phone", &h.Phone, phoneText)
	checkText(f, "note", &h.Note, shortNote)
	checkText(f, "availability", &h.Availability, phraseText)
	if h.Name == "" {
		f.Add("name", "Enter the household's name, for example \"The Brennan household\".")
	}
	if h.Address == "" {
		f.Add("address", "Enter the street address of your home.")
	}
	switch {
	case math.IsNaN(h.Lat) || h.Lat < -90 || h.Lat > 90:
		f.Add("lat", "Latitude is a number from -90 to 90.")
	case h.Lat == 0 && h.Lon == 0:
		f.Add("lat", "Enter the latitude and longitude of your home.")
	}
	if math.IsNaN(h.Lon) || h.Lon < -180 || h.Lon > 180 {
		f.Add("lon", "Longitude is a number from -180 to 180.")
	}
	if h.ContactName == "" {
		f.Add("contact_name", "Enter the name of the person we should write to.")
	}
	checkEmail(f, "email", &h.Email, true)
	h.Languages = CleanList(h.Languages)
	h.CanServe = CleanList(h.CanServe)
	h.Pets = CleanList(h.Pets)
	h.Interests = CleanList(h.Interests)
	checkList(f, "languages", h.Languages, nameText)
	checkList(f, "can_serve", h.CanServe, nameText)
	checkList(f, "pets", h.Pets, nameText)
	checkList(f, "interests", h.Interests, topicText)
	if len(h.Languages) == 0 {
		f.Add("languages", "Enter at least one language spoken at home.")
	}
	if h.Capacity < 1 || h.Capacity > MaxHouseholdSeats {
		f.Add("capacity", fmt.Sprintf("Enter how many guests you can seat, from 1 to %d.", MaxHouseholdSeats))
	}
	if len(h.FreeDates) > 100 {
		f.Add("free_dates", "List at most 100 dates.")
	}
	for _, d := range h.FreeDates {
		CheckDate(f, "free_dates", d)
	}
	slices.SortFunc(h.FreeDates, Date.Compare)
	h.FreeDates = slices.Compact(h.FreeDates)
	slices.Sort(h.FreeWeekdays)
	h.FreeWeekdays = slices.Compact(h.FreeWeekdays)
	for _, d := range h.FreeWeekdays {
		if d < time.Sunday || d > time.Saturday {
			f.Add("free_weekdays", "Choose days of the week from the list.")
		}
	}
	if h.Status == "" {
		h.Status = HouseholdPending
	}
	if !oneOf(h.Status, HouseholdStatuses) {
		f.Add("status", "Choose a status.")
	}
	return f.Err("household")
}

// FreeOn reports whether the household said it is usually free on d: the
// date is listed, or its day of the week is. A household that named no
// dates and no weekdays is taken as free, to be asked.
func (h *HostHousehold) FreeOn(d Date) bool {
	if len(h.FreeDates) == 0 && len(h.FreeWeekdays) == 0 {
		return true
	}
	return slices.Contains(h.FreeDates, d) || slices.Contains(h.FreeWeekdays, d.Weekday())
}

// Home returns the household's home as a place of the tenant.
func (h *HostHousehold) Home() Place {
	return Place{ID: h.PlaceID, TenantID: h.TenantID, Name: h.Name + " (home)", Kind: PlaceHome,
		Address: h.Address, Lat: h.Lat, Lon: h.Lon}
}

// HouseholdFilter selects households of a tenant, by name.
type HouseholdFilter struct {
	Status HouseholdStatus // "" for any
	Query  string          // part of the name, case-insensitive
	Limit  int             // 0: no limit
	Offset int
}

// Validate checks the filter's search value, which comes from a search box.
func (f *HouseholdFilter) Validate() error {
	fe := FieldErrors{}
	CheckQuery(fe, "q", &f.Query)
	return fe.queryErr()
}

// HouseholdLink is the personal link of a household: only the token's hash
// is stored.
type HouseholdLink struct {
	TokenHash string
	ExpiresAt time.Time
	// Mail, when its To is set, is queued with the sign-up: it gives the
	// host the link.
	Mail OutboxMessage
}

// EveningStatus is where a hospitality evening stands.
type EveningStatus string

// Evening statuses: planning until a matching is saved, matched while the
// officer adjusts it, confirmed once households were told.
const (
	EveningPlanning  EveningStatus = "planning"
	EveningMatched   EveningStatus = "matched"
	EveningConfirmed EveningStatus = "confirmed"
)

// InvitationStatus is whether an invited household can host the evening.
type InvitationStatus string

// Invitation statuses: a household drops out of one evening by being
// marked unavailable, of every evening by withdrawing.
const (
	InvitationInvited     InvitationStatus = "invited"
	InvitationUnavailable InvitationStatus = "unavailable"
)

// MaxEveningHours bounds the length of a hospitality evening.
const MaxEveningHours = 8

// HospitalityEvening is a home-hospitality dinner of a program.
type HospitalityEvening struct {
	ID int64
	// Version rises with every change; a change sent with an older
	// version is refused, so nobody overwrites what they have not seen.
	Version   int
	TenantID  int64
	ProgramID int64
	Start     time.Time
	End       time.Time
	Status    EveningStatus
	MinGroup  int    // fewest visitors a household receives; 2 by default
	Note      string // pick-up details for hosts
	// VisitorIDs and InterpreterIDs are who takes part.
	VisitorIDs     []int64
	InterpreterIDs []int64
	Invitations    []HospitalityInvitation
	Guests         []HospitalityGuest
	Unplaced       []HospitalityUnplaced
	ConfirmedAt    time.Time
	ActivityID     int64 // the itinerary's activity for the evening, once confirmed
}

// Validate checks the evening's fields.
func (e *HospitalityEvening) Validate() error {
	f := FieldErrors{}
	checkText(f, "note", &e.Note, shortNote)
	CheckTime(f, "start", e.Start)
	CheckTime(f, "end", e.End)
	if e.ProgramID == 0 {
		f.Add("program_id", "An evening belongs to a program.")
	}
	switch {
	case e.Start.IsZero():
		f.Add("start", "Enter when the evening starts.")
	case e.End.IsZero():
		f.Add("end", "Enter when the evening ends.")
	case !e.End.After(e.Start):
		f.Add("end", "The evening must end after it starts.")
	case e.End.Sub(e.Start) > MaxEveningHours*time.Hour:
		f.Add("end", fmt.Sprintf("An evening lasts at most %d hours.", MaxEveningHours))
	}
	if e.MinGroup == 0 {
		e.MinGroup = 2
	}
	if e.MinGroup < 1 || e.MinGroup > 6 {
		f.Add("min_group", "The smallest group is from 1 to 6 visitors.")
	}
	if e.Status == "" {
		e.Status = EveningPlanning
	}
	if !oneOf(e.Status, []EveningStatus{EveningPlanning, EveningMatched, EveningConfirmed}) {
		f.Add("status", "Choose a status.")
	}
	if len(e.VisitorIDs) == 0 {
		f.Add("visitor_ids", "Choose the visitors who take part.")
	}
	return f.Err("evening")
}

// Minutes returns the length of the evening.
func (e *HospitalityEvening) Minutes() int { return int(e.End.Sub(e.Start).Minutes()) }

// Unavailable reports whether the household dropped out of the evening.
func (e *HospitalityEvening) Unavailable(householdID int64) bool {
	for _, in := range e.Invitations {
		if in.HouseholdID == householdID {
			return in.Status == InvitationUnavailable
		}
	}
	return false
}

// HospitalityInvitation is a household invited to host an evening.
type HospitalityInvitation struct {
	HouseholdID int64
	Status      InvitationStatus
	InvitedAt   time.Time
	// Answer and AnswerNote are what the host said on their personal page;
	// a no also makes the invitation unavailable.
	Answer     InvitationAnswer
	AnswerNote string
	AnsweredAt time.Time
}

// HospitalityGuest places a visitor or interpreter at a household for an evening.
type HospitalityGuest struct {
	HouseholdID   int64
	VisitorID     int64 // exactly one of VisitorID and InterpreterID is set
	InterpreterID int64
	Locked        bool // kept where it is when the matching is run again
}

// HospitalityUnplaced is a visitor the matching could not seat, and why.
type HospitalityUnplaced struct {
	VisitorID int64
	Reason    string
}

// PairKind says whether two visitors should dine together or apart.
type PairKind string

// Pair kinds.
const (
	PairTogether PairKind = "together"
	PairApart    PairKind = "apart"
)

// HospitalityPair asks that two visitors share a household (together) or
// not (apart), at every evening of the program or at one.
type HospitalityPair struct {
	ID        int64
	TenantID  int64
	ProgramID int64
	EveningID int64 // 0: every evening of the program
	VisitorA  int64
	VisitorB  int64
	Kind      PairKind
}

// Validate checks the pair.
func (p *HospitalityPair) Validate() error {
	f := FieldErrors{}
	if p.ProgramID == 0 {
		f.Add("program_id", "A pair belongs to a program.")
	}
	if p.VisitorA == 0 || p.VisitorB == 0 || p.VisitorA == p.VisitorB {
		f.Add("visitor_b", "Choose two different visitors.")
	}
	if p.Kind != PairTogether && p.Kind != PairApart {
		f.Add("kind", "Choose together or apart.")
	}
	return f.Err("pair")
}

// VolunteerHours records the time a household gave to one evening: the
// evening and the drive to collect and return its guests.
type VolunteerHours struct {
	HouseholdID   int64
	HouseholdName string // read only
	EveningID     int64
	Minutes       int
	RecordedAt    time.Time
}

// HospitalityConfirmation is what confirming an evening stores beside its
// guests: each household's volunteer time, and Notify, which composes the
// e-mail of each household whose part changed since it was last told (nil:
// nothing is sent, yet what households know is not recorded either).
type HospitalityConfirmation struct {
	Hours  []VolunteerHours
	Notify HospitalityNotify
	// Hold names households not to tell now (a release's held-back
	// hosts): nothing is sent or recorded for them, so they stay pending.
	Hold map[int64]bool
}
