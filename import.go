package itinera

import (
	"context"
	"strings"
	"time"
)

// ImportKind names the records a spreadsheet import brings in.
type ImportKind string

// Import kinds. Visitors, interpreters and meetings belong to a program;
// the others to the organization's directory.
const (
	ImportVisitors      ImportKind = "visitors"
	ImportInterpreters  ImportKind = "interpreters"
	ImportOrganizations ImportKind = "organizations"
	ImportContacts      ImportKind = "contacts"
	ImportPlaces        ImportKind = "places"
	ImportHouseholds    ImportKind = "households"
	ImportMeetings      ImportKind = "meetings"
)

// ImportKinds lists the kinds in the order the UI offers them.
var ImportKinds = []ImportKind{ImportVisitors, ImportInterpreters, ImportMeetings, ImportOrganizations, ImportContacts,
	ImportPlaces, ImportHouseholds}

// ParseImportKind accepts one of the import kinds.
func ParseImportKind(s string) (ImportKind, error) {
	k := ImportKind(strings.ToLower(strings.TrimSpace(s)))
	if oneOf(k, ImportKinds) {
		return k, nil
	}
	return "", Errorf(EINVALID, "%q is not something Itinera imports: use visitors, interpreters, meetings, organizations, contacts, places or households.", s)
}

// InProgram reports whether records of the kind belong to a program.
func (k ImportKind) InProgram() bool {
	return k == ImportVisitors || k == ImportInterpreters || k == ImportMeetings
}

// Singular is the name of one record of the kind, for messages.
func (k ImportKind) Singular() string {
	switch k {
	case ImportVisitors:
		return "visitor"
	case ImportInterpreters:
		return "interpreter"
	case ImportOrganizations:
		return "organization"
	case ImportContacts:
		return "contact"
	case ImportPlaces:
		return "place"
	case ImportHouseholds:
		return "household"
	case ImportMeetings:
		return "meeting"
	}
	return "record"
}

// Import is one spreadsheet applied to the records: who brought it in,
// when, from which file, and what it did. It can be undone as a whole
// while no later change touched its records.
type Import struct {
	ID        int64
	TenantID  int64
	ProgramID int64 // 0 for the directory's kinds
	Kind      ImportKind
	FileName  string
	UserID    int64
	UserName  string // filled by listings
	CreatedAt time.Time
	Created   int
	Updated   int
	Unchanged int
	UndoneAt  time.Time // zero while it stands
	UndoneBy  int64
}

// Undone reports whether the import was undone.
func (im Import) Undone() bool { return !im.UndoneAt.IsZero() }

// ImportedRecord is one record an import created or changed: enough to
// undo it. Before is the record as it was (JSON of its domain type), empty
// for a created record; Version is the record's version the import left,
// so a later change is noticed.
type ImportedRecord struct {
	RecordID int64
	Created  bool
	Before   string
	Version  int
}

// ImportMapping is the officer's choice of field for each column of a
// file of one shape (its header row), remembered for the next such file.
// Fields[i] is the field of column i; "" leaves the column out.
type ImportMapping struct {
	Kind   ImportKind
	Shape  string
	Fields []string
}

// ImportUpload is a file an officer uploaded to import, kept until they
// apply it (or for a day) so the mapping and preview pages can read it
// again.
type ImportUpload struct {
	ID        int64
	TenantID  int64
	ProgramID int64
	Kind      ImportKind
	FileName  string
	Sheet     string
	Data      []byte
	UserID    int64
	CreatedAt time.Time
}

// MaxImportFileBytes bounds the size of a file to import.
const MaxImportFileBytes = 10 << 20

// ImportReader reads the imports of a tenant.
type ImportReader interface {
	// Imports lists the tenant's imports, newest first: those of a program
	// when programID is not 0, else those of the directory.
	Imports(ctx context.Context, tenantID, programID int64) ([]Import, error)
	// Import returns one import with the records it created or changed.
	Import(ctx context.Context, tenantID, id int64) (Import, []ImportedRecord, error)
	// ImportMapping returns the mapping remembered for files of shape;
	// ENOTFOUND when there is none.
	ImportMapping(ctx context.Context, tenantID int64, kind ImportKind, shape string) (ImportMapping, error)
	// ExternalIDs returns the record each external id of kind points at,
	// within a program (scope) or the directory (scope 0).
	ExternalIDs(ctx context.Context, tenantID int64, kind ImportKind, scope int64) (map[string]int64, error)
	// ImportUpload returns an uploaded file of the tenant.
	ImportUpload(ctx context.Context, tenantID, id int64) (ImportUpload, error)
}

// ImportService keeps imports, remembered mappings, external ids and
// uploaded files.
type ImportService interface {
	ImportReader
	// SaveImport records an applied import and its records.
	SaveImport(ctx context.Context, im *Import, recs []ImportedRecord) error
	// RestampImportRecords moves the version an earlier import left a
	// record at from one to another: undoing a later import gives the
	// record back the earlier one's state under a new version, and the
	// earlier import may then be undone in turn.
	RestampImportRecords(ctx context.Context, tenantID int64, kind ImportKind, recordID int64, from, to int) error
	// MarkImportUndone records that an import was undone.
	MarkImportUndone(ctx context.Context, tenantID, id, userID int64, at time.Time) error
	SaveImportMapping(ctx context.Context, tenantID int64, m ImportMapping, at time.Time) error
	// SetExternalID points an external id of kind at a record, replacing
	// where it pointed before.
	SetExternalID(ctx context.Context, tenantID int64, kind ImportKind, scope int64, externalID string, recordID int64) error
	// SaveImportUpload keeps a file; uploads older than before are
	// forgotten.
	SaveImportUpload(ctx context.Context, u *ImportUpload, before time.Time) error
	DeleteImportUpload(ctx context.Context, tenantID, id int64) error
}
