package itinera

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Multi-city projects (issue 16, docs/projects.md): a national program
// agency (a tenant of kind agency) designs a project — theme, objectives,
// one roster of visitors, interpreters and escorts, and a route of stops —
// and each stop is programmed by a community organization as a program of
// its own workspace. Nothing crosses between the two organizations except
// through a ProjectGrant: explicit, dated, revocable and recorded in both
// organizations' audit logs. Who may read what is decided in one place,
// the application layer (internal/app/projects_access.go).

// TenantKind says what an organization on the installation is.
type TenantKind string

// Organization kinds.
const (
	// TenantCommunity is a community organization: it programs visits
	// to its city (and the stops of projects it accepts).
	TenantCommunity TenantKind = "community"
	// TenantAgency is a national program agency: it designs multi-city
	// projects.
	TenantAgency TenantKind = "agency"
)

// ParseTenantKind accepts community or agency ("" is community).
func ParseTenantKind(s string) (TenantKind, error) {
	switch k := TenantKind(strings.ToLower(strings.TrimSpace(s))); k {
	case "", TenantCommunity:
		return TenantCommunity, nil
	case TenantAgency:
		return k, nil
	}
	return "", Errorf(EINVALID, "%q is not a kind of organization: use community or agency", s)
}

// DefaultRetentionDays is how long, by default, a city still sees the
// roster of its stop after the stop's last day.
const DefaultRetentionDays = 30

// MaxRetentionDays bounds the retention setting.
const MaxRetentionDays = 365

// ShareableFields are the roster fields an agency may share with the
// cities, in the order forms list them. A member's name and role are
// always shared (a roster without names cannot be programmed); the
// agency's private notes never are.
var ShareableFields = []string{"country", "position", "organization", "languages", "diets", "allergies",
	"access_needs", "email", "phone", "passport", "birth_date"}

// DefaultSharedFields are shared when a project names none: what a city
// needs to program meetings and home hospitality, and no identity papers
// or contact data.
var DefaultSharedFields = []string{"country", "position", "organization", "languages", "diets", "allergies", "access_needs"}

// Project is one multi-city exchange project of an agency.
type Project struct {
	ID       int64
	Version  int
	TenantID int64 // the agency
	Title    string
	Theme    string
	// Objectives are the project's objectives, as topics.
	Objectives []string
	// RetentionDays: a city sees the roster of its stop until this many
	// days after the stop's last day.
	RetentionDays int
	// Shared are the roster fields the cities see (ShareableFields).
	Shared    []string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Validate checks the project's fields.
func (p *Project) Validate() error {
	f := FieldErrors{}
	checkText(f, "title", &p.Title, nameText)
	checkText(f, "theme", &p.Theme, longText)
	if p.Title == "" {
		f.Add("title", "Enter the project title.")
	}
	p.Objectives = CleanList(p.Objectives)
	checkList(f, "objectives", p.Objectives, topicText)
	if p.RetentionDays < 0 || p.RetentionDays > MaxRetentionDays {
		f.Add("retention_days", "Keep the roster shared 0 to 365 days after a stop.")
	}
	p.Shared = CleanList(p.Shared)
	for i, s := range p.Shared {
		p.Shared[i] = strings.ToLower(s)
		if !slices.Contains(ShareableFields, p.Shared[i]) {
			f.Add("shared", "Share only these fields: "+strings.Join(ShareableFields, ", ")+".")
			break
		}
	}
	return f.Err("project")
}

// Shares reports whether the project shares field with the cities.
func (p Project) Shares(field string) bool { return slices.Contains(p.Shared, field) }

// RosterRole is a roster member's part in the project.
type RosterRole string

// Roster roles.
const (
	RosterVisitor     RosterRole = "visitor"
	RosterInterpreter RosterRole = "interpreter"
	RosterEscort      RosterRole = "escort" // the agency's escort officer
)

// RosterMember is one person of a project's roster, as the agency keeps
// them: the visitor's profile (the fields of Visitor) and their private
// data (passport, date of birth, phone, the agency's notes).
type RosterMember struct {
	ID           int64
	Version      int
	TenantID     int64 // the agency
	ProjectID    int64
	Role         RosterRole
	GivenName    string
	FamilyName   string
	Country      string
	Position     string
	Organization string
	Email        string
	Phone        string
	Languages    []string
	Diets        []string
	Allergies    []string
	AccessNeeds  string
	Passport     string // private unless shared
	BirthDate    Date   // private unless shared
	Notes        string // the agency's own, never shared
	// Withdrawn: the person left the project; they stay on the roster,
	// marked, so that every stop learns it.
	Withdrawn bool
	Fictional bool
}

// Name returns the member's full name.
func (m *RosterMember) Name() string { return strings.TrimSpace(m.GivenName + " " + m.FamilyName) }

// Validate checks the member's fields; a visitor's profile is checked
// as Visitor checks it.
func (m *RosterMember) Validate() error {
	f := FieldErrors{}
	if m.Role == "" {
		m.Role = RosterVisitor
	}
	if !oneOf(m.Role, []RosterRole{RosterVisitor, RosterInterpreter, RosterEscort}) {
		f.Add("role", "Choose visitor, interpreter or escort.")
	}
	checkText(f, "given_name", &m.GivenName, nameText)
	checkText(f, "family_name", &m.FamilyName, nameText)
	checkText(f, "country", &m.Country, nameText)
	checkText(f, "position", &m.Position, nameText)
	checkText(f, "organization", &m.Organization, nameText)
	checkText(f, "phone", &m.Phone, phoneText)
	checkText(f, "access_needs", &m.AccessNeeds, shortNote)
	checkText(f, "passport", &m.Passport, nameText)
	checkText(f, "notes", &m.Notes, longText)
	checkEmail(f, "email", &m.Email, false)
	CheckDate(f, "birth_date", m.BirthDate)
	if m.GivenName == "" && m.FamilyName == "" {
		f.Add("given_name", "Enter the person's name.")
	}
	if m.Role == RosterVisitor && m.Country == "" {
		f.Add("country", "Enter the visitor's country.")
	}
	m.Languages, m.Diets, m.Allergies = CleanList(m.Languages), CleanList(m.Diets), CleanList(m.Allergies)
	checkList(f, "languages", m.Languages, nameText)
	checkList(f, "diets", m.Diets, nameText)
	checkList(f, "allergies", m.Allergies, nameText)
	return f.Err("roster member")
}

// StopStatus is where a stop is in its city's hands.
type StopStatus string

// Stop statuses: the agency proposes a stop, the city organization
// accepts it (its program is created then) or declines it.
const (
	StopProposed StopStatus = "proposed"
	StopAccepted StopStatus = "accepted"
	StopDeclined StopStatus = "declined"
)

// StopTravel is how the delegation travels to a stop.
type StopTravel string

// Travel modes between stops.
const (
	TravelFlight StopTravel = "flight"
	TravelGround StopTravel = "ground"
)

// ProjectStop is one city of a project's route, programmed by one
// organization. Its arrival is the journey that brings the delegation
// there (from abroad for the first stop, from the previous stop after).
type ProjectStop struct {
	ID        int64
	Version   int
	ProjectID int64
	AgencyID  int64 // the project's agency
	// TenantID is the organization that programs the stop, named by its
	// slug (OrganizationSlug) when the agency creates the stop.
	TenantID         int64
	OrganizationSlug string
	OrganizationName string // read
	City             string
	TimeZone         string // IANA; the organization's when not given
	StartDate        Date
	EndDate          Date
	Status           StopStatus
	// ProgramID is the program of the stop in the city organization's
	// workspace, once it accepted the stop (0 before).
	ProgramID int64
	// The arrival: mode, reference (a flight number, "van"), departure
	// and arrival instants (UTC; zero: not yet known).
	ArrivalMode StopTravel
	ArrivalRef  string
	DepartsAt   time.Time
	ArrivesAt   time.Time
	// Notes are the city's own notes on the stop, seen by nobody else.
	Notes string
}

// Location returns the stop's time zone (UTC when it does not load).
func (s *ProjectStop) Location() *time.Location {
	loc, err := LoadZone(s.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Validate checks the stop's fields; ArrivesAt must follow DepartsAt.
func (s *ProjectStop) Validate() error {
	f := FieldErrors{}
	s.OrganizationSlug = strings.ToLower(strings.TrimSpace(s.OrganizationSlug))
	checkText(f, "city", &s.City, nameText)
	checkText(f, "time_zone", &s.TimeZone, nameText)
	checkText(f, "arrival_ref", &s.ArrivalRef, nameText)
	checkText(f, "notes", &s.Notes, longText)
	if s.City == "" {
		f.Add("city", "Enter the city of the stop.")
	}
	if s.TenantID == 0 && !ValidSlug(s.OrganizationSlug) {
		f.Add("organization", "Name the organization that programs the stop by its short name (slug).")
	}
	if s.TimeZone != "" {
		if _, err := LoadZone(s.TimeZone); err != nil {
			f.Add("time_zone", err.Error())
		}
	}
	if s.Status == "" {
		s.Status = StopProposed
	}
	if !oneOf(s.Status, []StopStatus{StopProposed, StopAccepted, StopDeclined}) {
		f.Add("status", "Choose proposed, accepted or declined.")
	}
	if s.ArrivalMode == "" {
		s.ArrivalMode = TravelFlight
	}
	if !oneOf(s.ArrivalMode, []StopTravel{TravelFlight, TravelGround}) {
		f.Add("arrival_mode", "Choose flight or ground.")
	}
	CheckDate(f, "start_date", s.StartDate)
	CheckDate(f, "end_date", s.EndDate)
	switch {
	case s.StartDate.IsZero():
		f.Add("start_date", "Enter the stop's first day.")
	case s.EndDate.IsZero():
		f.Add("end_date", "Enter the stop's last day.")
	case s.EndDate.Before(s.StartDate):
		f.Add("end_date", "The last day is before the first day.")
	case s.StartDate.DaysUntil(s.EndDate) >= MaxProgramDays:
		f.Add("end_date", "A stop lasts at most 60 days.")
	}
	CheckTime(f, "departs_at", s.DepartsAt)
	CheckTime(f, "arrives_at", s.ArrivesAt)
	if !s.DepartsAt.IsZero() && !s.ArrivesAt.IsZero() && !s.ArrivesAt.After(s.DepartsAt) {
		f.Add("arrives_at", "The arrival must come after the departure.")
	}
	return f.Err("stop")
}

// GrantScope is what a grant lets its grantee read.
type GrantScope string

// Grant scopes.
const (
	// GrantRoster lets the stop's organization read the project's
	// objectives and the roster, as far as the project shares it.
	GrantRoster GrantScope = "roster"
	// GrantProgram lets the agency read the stop's program: itinerary,
	// requests' state, readiness and feedback, never the city's
	// directory or host households.
	GrantProgram GrantScope = "program"
)

// ProjectGrant is one organization's access to another's data for one
// stop: who (Grantee) reads what (Scope) of which stop, given by whom
// (Grantor), from Since until Until (zero: until revoked).
type ProjectGrant struct {
	ID          int64
	ProjectID   int64
	StopID      int64
	GrantorID   int64
	GranteeID   int64
	GrantorName string // read
	GranteeName string // read
	Scope       GrantScope
	Since       time.Time
	Until       time.Time
	CreatedBy   string
	RevokedAt   time.Time
	RevokedBy   string
}

// Live reports whether the grant gives access at now.
func (g ProjectGrant) Live(now time.Time) bool {
	return g.RevokedAt.IsZero() && !now.Before(g.Since) && (g.Until.IsZero() || now.Before(g.Until))
}

// State says in a word where the grant is at now: live, revoked,
// expired or future.
func (g ProjectGrant) State(now time.Time) string {
	switch {
	case !g.RevokedAt.IsZero():
		return "revoked"
	case now.Before(g.Since):
		return "future"
	case !g.Until.IsZero() && !now.Before(g.Until):
		return "expired"
	}
	return "live"
}

// ProjectNotice is a hand-off: something that changed at the other
// organization of a project (a visitor withdrew, an interpreter changed,
// an arrival moved, a stop accepted), shown on the receiving
// organization's bell. Itinerary says it affects the stop's itinerary:
// it is then listed on the stop's next release (ReleaseID set by it).
type ProjectNotice struct {
	ID        int64
	TenantID  int64 // the organization told
	ProjectID int64
	StopID    int64
	ProgramID int64 // the stop's program when it has one
	At        time.Time
	Project   string // the project's title, read
	Text      string
	Itinerary bool
	ReleaseID int64
}

// ProjectService keeps projects, their rosters, stops, grants and
// notices. Its reads cross organizations (a project is read by its agency
// and by its stops' organizations): the application layer alone decides
// who may read what, so ProjectService has no reader half in Readers.
type ProjectService interface {
	CreateProject(ctx context.Context, p *Project) error
	UpdateProject(ctx context.Context, p *Project) error
	Project(ctx context.Context, id int64) (Project, error)
	// ProjectsOf lists the projects of an agency, newest first.
	ProjectsOf(ctx context.Context, agencyID int64) ([]Project, error)
	// ProjectsWithStopsOf lists the projects that have a stop programmed
	// by the organization, newest first.
	ProjectsWithStopsOf(ctx context.Context, tenantID int64) ([]Project, error)

	CreateRosterMember(ctx context.Context, m *RosterMember) error
	UpdateRosterMember(ctx context.Context, m *RosterMember) error
	Roster(ctx context.Context, projectID int64) ([]RosterMember, error)
	RosterMember(ctx context.Context, projectID, id int64) (RosterMember, error)

	CreateStop(ctx context.Context, s *ProjectStop) error
	UpdateStop(ctx context.Context, s *ProjectStop) error
	Stops(ctx context.Context, projectID int64) ([]ProjectStop, error)
	Stop(ctx context.Context, id int64) (ProjectStop, error)
	// StopOfProgram returns the stop a program is the program of.
	StopOfProgram(ctx context.Context, tenantID, programID int64) (ProjectStop, error)

	CreateGrant(ctx context.Context, g *ProjectGrant) error
	// RevokeGrant ends a grant at at; revoking a revoked grant is a conflict.
	RevokeGrant(ctx context.Context, id int64, at time.Time, by string) error
	// SetGrantUntil moves the end of the live roster grants of a stop.
	SetGrantUntil(ctx context.Context, stopID int64, scope GrantScope, until time.Time) error
	Grants(ctx context.Context, projectID int64) ([]ProjectGrant, error)
	Grant(ctx context.Context, id int64) (ProjectGrant, error)

	CreateProjectNotice(ctx context.Context, n *ProjectNotice) error
	// PendingProjectNotices lists the notices of a program that affect its
	// itinerary and no release has carried yet, oldest first.
	PendingProjectNotices(ctx context.Context, tenantID, programID int64) ([]ProjectNotice, error)
	// MarkProjectNoticesReleased records that the release carried the notices.
	MarkProjectNoticesReleased(ctx context.Context, tenantID int64, ids []int64, releaseID int64) error

	// SigningKey returns an organization's signing key (ENOTFOUND before
	// its first); CreateSigningKey stores it (a second is a conflict).
	SigningKey(ctx context.Context, tenantID int64) (SigningKey, error)
	CreateSigningKey(ctx context.Context, k *SigningKey) error
	CreateTrustedKey(ctx context.Context, k *TrustedKey) error
	// TrustedKeys lists an organization's trusted keys, revoked ones too,
	// oldest first.
	TrustedKeys(ctx context.Context, tenantID int64) ([]TrustedKey, error)
	TrustedKey(ctx context.Context, tenantID, id int64) (TrustedKey, error)
	// RevokeTrustedKey revokes a live key; revoking a revoked one is a
	// conflict.
	RevokeTrustedKey(ctx context.Context, tenantID, id int64, at time.Time, by string) error
	// CreateImportedPackage records an imported package; a second of the
	// same digest in the organization is a conflict.
	CreateImportedPackage(ctx context.Context, p *ImportedPackage) error
	// ImportedPackages lists an organization's imported packages, oldest
	// first.
	ImportedPackages(ctx context.Context, tenantID int64) ([]ImportedPackage, error)
}
