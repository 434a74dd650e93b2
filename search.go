package itinera

import (
	"context"
	"strings"
	"time"
	"unicode"
)

// Search: the search box finds an organization's records by the words of
// their names and descriptions. The store keeps one search entry per record
// (its title and body) in the transaction of each write of the record.

// SearchKind is a kind of record the search finds.
type SearchKind string

// The kinds of record the search finds, in the order results are grouped.
const (
	SearchProgram      SearchKind = "program"
	SearchVisitor      SearchKind = "visitor"
	SearchInterpreter  SearchKind = "interpreter"
	SearchMeeting      SearchKind = "meeting"
	SearchOrganization SearchKind = "organization"
	SearchContact      SearchKind = "contact"
	SearchPlace        SearchKind = "place"
	SearchMessage      SearchKind = "message"
)

// SearchKinds lists the kinds in the order results are grouped.
var SearchKinds = []SearchKind{SearchProgram, SearchVisitor, SearchInterpreter, SearchMeeting,
	SearchOrganization, SearchContact, SearchPlace, SearchMessage}

// Valid reports whether k is one of SearchKinds.
func (k SearchKind) Valid() bool {
	for _, x := range SearchKinds {
		if x == k {
			return true
		}
	}
	return false
}

// Label is the kind's name on pages, plural.
func (k SearchKind) Label() string {
	switch k {
	case SearchProgram:
		return "Programs"
	case SearchVisitor:
		return "Visitors"
	case SearchInterpreter:
		return "Interpreters"
	case SearchMeeting:
		return "Meetings"
	case SearchOrganization:
		return "Organizations"
	case SearchContact:
		return "Contacts"
	case SearchPlace:
		return "Places"
	case SearchMessage:
		return "Messages"
	}
	return string(k)
}

// SearchQuery is what a search asks the store: records of Kind (every kind
// when empty) whose words begin with each of Terms, at most Limit.
type SearchQuery struct {
	Terms []string // from SearchTerms: letters and digits only
	Kind  SearchKind
	Limit int
}

// SearchHit is one record found.
type SearchHit struct {
	ID        int64 // of the search entry, for paging
	Kind      SearchKind
	RecordID  int64
	ProgramID int64 // 0 for the directory's records and messages
	Title     string
	Body      string
}

// SearchReader runs searches.
type SearchReader interface {
	// Search returns the tenant's records matching every term (as a word
	// or the start of one), grouped by kind in the order of SearchKinds,
	// then by title.
	Search(ctx context.Context, tenantID int64, q SearchQuery) ([]SearchHit, error)
}

// Bounds of a search.
const (
	MaxSearchTerms    = 8
	maxSearchTermRune = 40
)

// SearchTerms splits what someone typed into the words to look for: runs
// of letters and digits, lower-cased, at most MaxSearchTerms of at most 40
// characters each. Everything else (quotes, operators, NUL) separates
// words, so no text typed reaches a database's query syntax.
func SearchTerms(q string) []string {
	var terms []string
	seen := map[string]bool{}
	for _, f := range strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if r := []rune(f); len(r) > maxSearchTermRune {
			f = string(r[:maxSearchTermRune])
		}
		f = strings.ToLower(f)
		if seen[f] {
			continue
		}
		seen[f] = true
		terms = append(terms, f)
		if len(terms) == MaxSearchTerms {
			break
		}
	}
	return terms
}

// Audit log: every change of an organization's records, who made it and
// when, with the fields it changed before and after; written in the
// transaction of the change, never changed nor deleted.

// AuditEntry is one change.
type AuditEntry struct {
	ID        int64
	TenantID  int64
	At        time.Time
	UserID    int64  // 0 when no user made it (a resource or host through their link)
	Actor     string // "Ann Officer", "API token “sync” (Ann Officer)", "resource via link", "host via link"
	Kind      string // "meeting", "visitor", "user", …
	RecordID  int64
	ProgramID int64 // 0 when the record belongs to no program
	Action    string
	Label     string // the record's name when it changed: "Ana Lima", "Legal aid clinic"
	// Before and After hold the fields the change changed: Before is
	// empty for a creation, After for a deletion.
	Before map[string]any
	After  map[string]any
}

// AuditFilter chooses entries: every field set must match. Entries come
// newest first, at most Limit (the store caps it).
type AuditFilter struct {
	UserID    int64
	Kind      string
	RecordID  int64
	ProgramID int64
	From, To  time.Time // To excluded
	Limit     int
}

// AuditReader reads the audit log.
type AuditReader interface {
	AuditLog(ctx context.Context, tenantID int64, f AuditFilter) ([]AuditEntry, error)
	// LatestChange returns the id and time of the tenant's newest entry
	// (0 and the zero time when it has none): its revision.
	LatestChange(ctx context.Context, tenantID int64) (int64, time.Time, error)
}

// AuditService keeps the audit log. It has no way to change or delete an
// entry.
type AuditService interface {
	AuditReader
	RecordChange(ctx context.Context, e *AuditEntry) error
}
