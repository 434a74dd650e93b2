// Package projectfile is the project package: the signed file that moves
// one stop of a multi-city project between two Itinera installations. The
// national program agency sends a city a stop package (the project, the
// stop, the route, the roster it shares and a program to import); the
// city sends back a return package (its released program, the feedback
// and the collaborations that followed). docs/project-package.md
// documents every field, the signature and how to check it without
// Itinera.
//
// A package is a small JSON envelope around a payload: the payload is the
// exact bytes that were signed (Ed25519), carried in base64, so that no
// re-encoding of JSON can change what the signature covers. The payload
// holds the project envelope and, in its "program" member, a whole
// program in the program file format of internal/programfile, which the
// existing importer reads unchanged.
//
// The package is pure: keys, Sign, Verify, Open and Check work on bytes
// and values. Which keys an organization trusts, and what an import
// writes, is the application layer's.
package projectfile

import (
	"time"

	"itinera/internal/programfile"
)

// Format is the value of every project package's "format" field, in the
// envelope and in the signed payload.
const Format = "itinera-project-package"

// Version is the version of the format this package writes and the newest
// it reads. A change that an older Itinera could not read correctly raises
// it; a reader refuses a newer version, telling the user to update.
const Version = 1

// Size limits. A payload holds a program file (at most
// programfile.MaxSize) and the envelope's few records; the package
// carries it in base64, a third larger.
const (
	MaxPayload = programfile.MaxSize + 4<<20
	MaxSize    = (MaxPayload+2)/3*4 + 64<<10
)

// Time limits of Open: a package made more than MaxAge ago, or more than
// ClockSkew in the future, is refused (Expect.MaxAge may say otherwise).
const (
	MaxAge    = 30 * 24 * time.Hour
	ClockSkew = 10 * time.Minute
)

// Kind says which way a package goes.
type Kind string

// The kinds of package.
const (
	// KindStop goes from the agency to the city that programs a stop.
	KindStop Kind = "stop"
	// KindReturn goes back from the city to the agency.
	KindReturn Kind = "return"
)

// Kinds lists the kinds.
var Kinds = []Kind{KindStop, KindReturn}

// Package is the signed content of a project package (its payload).
type Package struct {
	// Format and Version are Format and Version; Sign sets them.
	Format  string `json:"format"`
	Version int    `json:"version"`
	Kind    Kind   `json:"kind"`
	// IssuedAt is when the package was made (UTC).
	IssuedAt time.Time `json:"issued_at"`
	Issuer   Issuer    `json:"issuer"`
	Project  Project   `json:"project"`
	// Stop is the stop the package is about.
	Stop Stop `json:"stop"`
	// Route and Roster are a stop package's, absent from a return.
	Route  *Route  `json:"route,omitempty"`
	Roster *Roster `json:"roster,omitempty"`
	// Release is a return package's: which version of the itinerary the
	// city released.
	Release *Release `json:"release,omitempty"`
	// Program is a whole program in the program file format: in a stop
	// package the program the city imports (its dates, objectives and the
	// shared roster), in a return package the city's released program.
	Program programfile.File `json:"program"`
	// Feedback and Collaborations are a return package's.
	Feedback       []Feedback      `json:"feedback,omitempty"`
	Collaborations []Collaboration `json:"collaborations,omitempty"`
}

// Issuer is the organization that made and signed the package.
type Issuer struct {
	Organization string `json:"organization"`
	// KeyID is the fingerprint of the key that signed (see KeyID); Sign
	// sets it.
	KeyID string `json:"key_id"`
}

// Project is the project as the agency designed it.
type Project struct {
	// ID is the project's identifier at the agency, as the agency writes
	// it; a return package carries it back unchanged.
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Theme      string   `json:"theme"`
	Objectives []string `json:"objectives"`
}

// Stop is one city of the route. Dates are "YYYY-MM-DD": the day the
// delegation arrives and the day it leaves.
type Stop struct {
	// Number is the stop's place in the route, from 1.
	Number       int    `json:"number"`
	City         string `json:"city"`
	TimeZone     string `json:"time_zone"`
	StartDate    string `json:"start_date"`
	EndDate      string `json:"end_date"`
	Organization string `json:"organization"`
}

// Route is every stop of the project and the travel between them.
type Route struct {
	Stops  []Stop `json:"stops"`
	Travel []Leg  `json:"travel"`
}

// The modes of travel between stops.
const (
	ModeFlight = "flight"
	ModeGround = "ground"
)

// Leg is the delegation's travel from one stop to the next. FromStop 0 is
// the arrival into the project from outside it (abroad), ToStop 0 the
// departure out of it.
type Leg struct {
	FromStop int    `json:"from_stop"`
	ToStop   int    `json:"to_stop"`
	Mode     string `json:"mode"`
	// Departs and Arrives are instants (RFC 3339, UTC); each stop's time
	// zone says how they are shown.
	Departs time.Time `json:"departs"`
	Arrives time.Time `json:"arrives"`
	// Note says how: carrier and flight number, airports, the coach.
	Note string `json:"note"`
}

// Roster says what the agency shares of the people of a stop package's
// program: which fields, and who each person is at the agency.
type Roster struct {
	SharedFields SharedFields `json:"shared_fields"`
	// Visitors and Companions name every visitor and interpreter of the
	// program by its file id.
	Visitors   []RosterVisitor   `json:"visitors"`
	Companions []RosterCompanion `json:"companions"`
}

// SharedFields lists, by their program file names, the fields of the
// program's visitors and interpreters the agency shares; every other
// field is empty in the package.
type SharedFields struct {
	Visitors     []string `json:"visitors"`
	Interpreters []string `json:"interpreters"`
}

// RosterVisitor ties a visitor of the program (its file id) to the
// agency's own reference for the person, the same in every stop's package
// and in later packages of the project.
type RosterVisitor struct {
	ID  int64  `json:"id"`
	Ref string `json:"ref"`
}

// The roles of the people who accompany the delegation.
const (
	RoleInterpreter = "interpreter"
	RoleEscort      = "escort"
)

// RosterCompanion ties an interpreter of the program to the agency's
// reference and says whether they interpret or escort.
type RosterCompanion struct {
	ID   int64  `json:"id"`
	Ref  string `json:"ref"`
	Role string `json:"role"`
}

// Release is the release of the city's itinerary a return package
// carries.
type Release struct {
	// Version is the release's number in its program: 1, 2, …
	Version int `json:"version"`
	// ItineraryVersion is the itinerary version released, one of the
	// program's itineraries.
	ItineraryVersion int       `json:"itinerary_version"`
	ReleasedAt       time.Time `json:"released_at"`
	Note             string    `json:"note"`
}

// Feedback is one person's answer after the visit, without their
// contact details: a visitor or interpreter by their file id, a resource
// by the organization of the program it spoke for, a host household by
// nothing at all.
type Feedback struct {
	Role           string `json:"role"`
	VisitorID      int64  `json:"visitor_id,omitempty"`
	InterpreterID  int64  `json:"interpreter_id,omitempty"`
	OrganizationID int64  `json:"organization_id,omitempty"`
	// Rating is 1 to 5, 0 for none.
	Rating int `json:"rating"`
	// HostAgain is a resource's or household's "would you do it again":
	// yes, maybe, no, or left out.
	HostAgain  string          `json:"host_again,omitempty"`
	Comment    string          `json:"comment"`
	Meetings   []MeetingRating `json:"meetings,omitempty"`
	AnsweredAt time.Time       `json:"answered_at"`
}

// MeetingRating is a visitor's or interpreter's rating of one meeting of
// the program.
type MeetingRating struct {
	MeetingID int64  `json:"meeting_id"`
	Rating    int    `json:"rating"`
	Comment   string `json:"comment"`
}

// Collaboration is something that followed the visit. Visitors are the
// program's (file ids); organizations are named, as the directory they
// come from stays with the city.
type Collaboration struct {
	Kind          string   `json:"kind"`
	Status        string   `json:"status"`
	Title         string   `json:"title"`
	Description   string   `json:"description"`
	VisitorIDs    []int64  `json:"visitor_ids"`
	Organizations []string `json:"organizations"`
	Countries     []string `json:"countries"`
	// StartedOn is a date "YYYY-MM-DD", left out when not said.
	StartedOn   string `json:"started_on,omitempty"`
	EvidenceURL string `json:"evidence_url"`
}
