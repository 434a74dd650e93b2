package app

import (
	"strconv"
	"time"

	"itinera"
)

// ProjectDocument is a new project as JSON: the body of POST
// /api/v1/projects and the file `itinera project create --file` reads.
// Input checks its dates and instants and turns it into the workflow's
// input; CreateProject checks the rest.
type ProjectDocument struct {
	Title         string                  `json:"title"`
	Theme         string                  `json:"theme"`
	Objectives    []string                `json:"objectives"`
	RetentionDays *int                    `json:"retention_days"`
	Shared        []string                `json:"shared"`
	Roster        []ProjectMemberDocument `json:"roster"`
	Stops         []ProjectStopDocument   `json:"stops"`
}

// ProjectMemberDocument is a roster member of a ProjectDocument.
type ProjectMemberDocument struct {
	Role         string   `json:"role"`
	GivenName    string   `json:"given_name"`
	FamilyName   string   `json:"family_name"`
	Country      string   `json:"country"`
	Position     string   `json:"position"`
	Organization string   `json:"organization"`
	Email        string   `json:"email"`
	Phone        string   `json:"phone"`
	Languages    []string `json:"languages"`
	Diets        []string `json:"diets"`
	Allergies    []string `json:"allergies"`
	AccessNeeds  string   `json:"access_needs"`
	Passport     string   `json:"passport"`
	BirthDate    string   `json:"birth_date"`
	Notes        string   `json:"notes"`
	Fictional    bool     `json:"fictional"`
}

// Member checks the member's birth date, naming it after prefix.
func (m ProjectMemberDocument) Member(f itinera.FieldErrors, prefix string) itinera.RosterMember {
	return itinera.RosterMember{Role: itinera.RosterRole(m.Role), GivenName: m.GivenName, FamilyName: m.FamilyName,
		Country: m.Country, Position: m.Position, Organization: m.Organization, Email: m.Email, Phone: m.Phone, Languages: m.Languages,
		Diets: m.Diets, Allergies: m.Allergies, AccessNeeds: m.AccessNeeds, Passport: m.Passport,
		BirthDate: itinera.DateField(f, prefix+"birth_date", m.BirthDate), Notes: m.Notes, Fictional: m.Fictional}
}

// ProjectStopDocument is a stop of a ProjectDocument.
type ProjectStopDocument struct {
	City         string          `json:"city"`
	Organization string          `json:"organization"`
	TimeZone     string          `json:"time_zone"`
	StartDate    string          `json:"start_date"`
	EndDate      string          `json:"end_date"`
	Arrival      ArrivalDocument `json:"arrival"`
}

// ArrivalDocument is how the delegation reaches a stop: a flight or
// ground journey, its reference, and its times as RFC 3339 instants with
// their offset.
type ArrivalDocument struct {
	Mode      string `json:"mode"`
	Ref       string `json:"ref"`
	DepartsAt string `json:"departs_at"`
	ArrivesAt string `json:"arrives_at"`
}

// Arrival checks the journey's instants, naming fields after prefix.
func (d ArrivalDocument) Arrival(f itinera.FieldErrors, prefix string) StopArrival {
	return StopArrival{Mode: itinera.StopTravel(d.Mode), Ref: d.Ref,
		DepartsAt: documentInstant(f, prefix+"departs_at", d.DepartsAt, "2026-12-05T14:00:00-05:00"),
		ArrivesAt: documentInstant(f, prefix+"arrives_at", d.ArrivesAt, "2026-12-05T16:30:00-06:00")}
}

// Input checks the document's dates and instants (naming each field, as
// "stops.1.start_date") and returns the workflow's input.
func (d ProjectDocument) Input() (ProjectInput, error) {
	f := itinera.FieldErrors{}
	in := ProjectInput{Project: itinera.Project{Title: d.Title, Theme: d.Theme, Objectives: d.Objectives, Shared: d.Shared},
		Retention: d.RetentionDays}
	for i, m := range d.Roster {
		in.Roster = append(in.Roster, m.Member(f, "roster."+strconv.Itoa(i)+"."))
	}
	for i, s := range d.Stops {
		p := "stops." + strconv.Itoa(i) + "."
		arr := s.Arrival.Arrival(f, p+"arrival.")
		in.Stops = append(in.Stops, itinera.ProjectStop{City: s.City, OrganizationSlug: s.Organization, TimeZone: s.TimeZone,
			StartDate: itinera.DateField(f, p+"start_date", s.StartDate), EndDate: itinera.DateField(f, p+"end_date", s.EndDate),
			ArrivalMode: arr.Mode, ArrivalRef: arr.Ref, DepartsAt: arr.DepartsAt, ArrivesAt: arr.ArrivesAt})
	}
	return in, f.Err("project")
}

// documentInstant reads an optional RFC 3339 instant with its offset.
func documentInstant(f itinera.FieldErrors, field, s, example string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		f.Add(field, "Give a date and time with offset, such as "+example+".")
	}
	return t.UTC()
}
