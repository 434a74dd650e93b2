package itinera

import "time"

// HouseholdStatus is where a volunteer household's sign-up stands.
type HouseholdStatus string

// Household statuses.
const (
	HouseholdPending   HouseholdStatus = "pending"
	HouseholdApproved  HouseholdStatus = "approved"
	HouseholdRejected  HouseholdStatus = "rejected"
	HouseholdWithdrawn HouseholdStatus = "withdrawn"
)

// HostHousehold is a volunteer household that invites visitors to dinner.
type HostHousehold struct {
	ID           int64
	TenantID     int64
	Name         string
	PlaceID      int64
	ContactName  string
	Email        string
	Phone        string
	Languages    []string
	CanServe     []string // diets the household can cook for
	Pets         []string
	Smoking      bool
	Stairs       bool
	Capacity     int
	Availability string // usual free dates or weekdays, as written
	Note         string
	Status       HouseholdStatus
	CreatedAt    time.Time
}

// HospitalityEvening is a home-hospitality dinner of a program.
type HospitalityEvening struct {
	ID        int64
	TenantID  int64
	ProgramID int64
	Start     time.Time
	End       time.Time
	Status    string // planning, matched, confirmed
	Guests    []HospitalityGuest
}

// HospitalityGuest places a visitor or interpreter at a household for an evening.
type HospitalityGuest struct {
	HouseholdID   int64
	VisitorID     int64 // exactly one of VisitorID and InterpreterID is set
	InterpreterID int64
	Locked        bool
}
