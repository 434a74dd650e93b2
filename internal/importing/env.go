package importing

import (
	"fmt"
	"strings"

	"itinera"
)

// Env is what reading and writing cells needs beyond the cell itself: the
// program (windows are in its time zone) and the directory (cells name the
// records they refer to). Set appends to Warnings what it kept but the
// officer should know.
type Env struct {
	Program  *itinera.Program
	Orgs     *Names
	Places   *Names
	Contacts map[int64]*Names // per organization
	// Visitors are the program's visitors by name, for the meetings'
	// Visitors column; nil: none read.
	Visitors *Names
	// RequestStates gives, per meeting id, where its latest request
	// stands, for the meetings' read-only Request column (exports only).
	RequestStates map[int64]string
	Warnings      []string
}

// NewEnv returns an Env for the program (nil for the directory) and the
// tenant's directory.
func NewEnv(p *itinera.Program, orgs []itinera.Organization, places []itinera.Place, contacts []itinera.Contact) *Env {
	e := &Env{Program: p, Orgs: NewNames("organization"), Places: NewNames("place"), Contacts: map[int64]*Names{}}
	for _, o := range orgs {
		e.Orgs.Add(o.Name, o.ID)
	}
	for _, pl := range places {
		if pl.Kind != itinera.PlaceHome { // homes are the households' own
			e.Places.Add(pl.Name, pl.ID)
		}
	}
	for _, c := range contacts {
		e.Contact(c.OrganizationID).Add(c.Name, c.ID)
	}
	return e
}

// Contact returns the names of an organization's contacts.
func (e *Env) Contact(orgID int64) *Names {
	if e.Contacts[orgID] == nil {
		e.Contacts[orgID] = NewNames("contact")
	}
	return e.Contacts[orgID]
}

func (e *Env) warn(format string, args ...any) {
	e.Warnings = append(e.Warnings, fmt.Sprintf(format, args...))
}

// Names finds records by name, case and spacing aside.
type Names struct {
	what string
	ids  map[string][]int64
	name map[int64]string
}

// NewNames returns an empty index of records called what.
func NewNames(what string) *Names {
	return &Names{what: what, ids: map[string][]int64{}, name: map[int64]string{}}
}

// NameKey is how names are compared: lower case, spaces collapsed.
func NameKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// Add records that id is called name.
func (n *Names) Add(name string, id int64) {
	if old, ok := n.name[id]; ok {
		k := NameKey(old)
		n.ids[k] = without(n.ids[k], id)
	}
	k := NameKey(name)
	n.ids[k] = append(n.ids[k], id)
	n.name[id] = name
}

func without(ids []int64, id int64) []int64 {
	out := ids[:0:0]
	for _, x := range ids {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}

// Find returns the id of the one record called name.
func (n *Names) Find(name string) (int64, error) {
	switch ids := n.ids[NameKey(name)]; len(ids) {
	case 0:
		return 0, fmt.Errorf("no %s named %q is in the directory; add it first.", n.what, name)
	case 1:
		return ids[0], nil
	default:
		return 0, fmt.Errorf("%d %ss are named %q; rename one in the directory first.", len(ids), n.what, name)
	}
}

// Name returns the name of id ("" when unknown).
func (n *Names) Name(id int64) string { return n.name[id] }
