package importing

import (
	"fmt"
	"strings"

	"itinera"
)

// Column is a field of a record kind with how it is read from a cell
// (Set, nil for read-only fields) and written to one (Get).
type Column[T any] struct {
	Field
	Get func(x *T, e *Env) string
	Set func(x *T, cell string, e *Env) error
}

// Spec is what importing knows of one kind of record.
type Spec[T any] struct {
	Kind    itinera.ImportKind
	Columns []Column[T]
	// Email returns the record's e-mail address, by which rows are
	// matched when they have no external id; nil for kinds without one.
	Email func(x *T) string
	// NameKey returns what rows are matched by last: the name, with the
	// country of a visitor or the organization of a contact.
	NameKey func(x *T, e *Env) string
	// ByName says in words what NameKey compares ("name and country").
	ByName string
}

// Fields lists the fields of a kind, external id first.
func Fields(k itinera.ImportKind) []Field {
	switch k {
	case itinera.ImportVisitors:
		return fieldsOf(Visitors())
	case itinera.ImportInterpreters:
		return fieldsOf(Interpreters())
	case itinera.ImportOrganizations:
		return fieldsOf(Organizations())
	case itinera.ImportContacts:
		return fieldsOf(Contacts())
	case itinera.ImportPlaces:
		return fieldsOf(Places())
	case itinera.ImportHouseholds:
		return fieldsOf(Households())
	case itinera.ImportMeetings:
		return fieldsOf(Meetings())
	}
	return nil
}

func fieldsOf[T any](s Spec[T]) []Field {
	out := make([]Field, len(s.Columns))
	for i, c := range s.Columns {
		out[i] = c.Field
	}
	return out
}

// ExternalID is the key of the column that carries another system's id.
const ExternalID = "external_id"

var externalID = Field{Key: ExternalID, Label: "External ID", Synonyms: []string{"id", "external id", "ref", "reference", "record id",
	"participant id", "participant number", "roster id", "crm id", "key"}, Example: "IV-2027-001",
	Help: "Your own id for the record (from the agency's roster or your contact database); a corrected file with the same ids updates the same records."}

// Common column helpers.

func text[T any](f Field, p func(*T) *string) Column[T] {
	return Column[T]{Field: f, Get: func(x *T, _ *Env) string { return *p(x) },
		Set: func(x *T, c string, _ *Env) error { *p(x) = c; return nil }}
}

func list[T any](f Field, p func(*T) *[]string) Column[T] {
	f.Multiple = true
	return Column[T]{Field: f, Get: func(x *T, _ *Env) string { return joinCell(*p(x)) },
		Set: func(x *T, c string, _ *Env) error { *p(x) = splitCell(c); return nil }}
}

func flag[T any](f Field, p func(*T) *bool) Column[T] {
	f.Values = []string{"yes", "no"}
	return Column[T]{Field: f, Get: func(x *T, _ *Env) string { return boolCell(*p(x)) },
		Set: func(x *T, c string, _ *Env) error {
			b, err := parseBool(c)
			*p(x) = b
			return err
		}}
}

func number[T any](f Field, p func(*T) *int) Column[T] {
	return Column[T]{Field: f, Get: func(x *T, _ *Env) string {
		if *p(x) == 0 {
			return ""
		}
		return fmt.Sprint(*p(x))
	}, Set: func(x *T, c string, _ *Env) error {
		n, err := parseInt(c)
		*p(x) = n
		return err
	}}
}

func decimal[T any](f Field, p func(*T) *float64) Column[T] {
	return Column[T]{Field: f, Get: func(x *T, _ *Env) string { return floatCell(*p(x)) },
		Set: func(x *T, c string, _ *Env) error {
			v, err := parseFloat(c)
			*p(x) = v
			return err
		}}
}

// coordinate is decimal for an optional latitude or longitude whose
// source the record keeps: a changed value was typed; an empty cell keeps
// what the record holds (an address column changed clears it first).
func coordinate[T any](f Field, p func(*T) (*float64, *itinera.CoordinatesSource)) Column[T] {
	return Column[T]{Field: f, Get: func(x *T, _ *Env) string { v, _ := p(x); return floatCell(*v) },
		Set: func(x *T, c string, _ *Env) error {
			if strings.TrimSpace(c) == "" {
				return nil
			}
			n, err := parseFloat(c)
			v, src := p(x)
			if n != *v {
				*v, *src = n, itinera.FromTyped
			}
			return err
		}}
}

// choice reads one of fixed values, case aside.
func choice[T any, V ~string](f Field, all []V, p func(*T) *V) Column[T] {
	for _, v := range all {
		f.Values = append(f.Values, string(v))
	}
	return Column[T]{Field: f, Get: func(x *T, _ *Env) string { return string(*p(x)) },
		Set: func(x *T, c string, _ *Env) error {
			if c == "" {
				*p(x) = ""
				return nil
			}
			for _, v := range all {
				if strings.EqualFold(string(v), strings.TrimSpace(c)) {
					*p(x) = v
					return nil
				}
			}
			return fmt.Errorf("%q is not one of: %s.", c, strings.Join(f.Values, ", "))
		}}
}

var (
	emailField = Field{Key: "email", Label: "E-mail", Synonyms: []string{"email", "email address", "e-mail address", "mail", "courriel",
		"correo", "correo electrónico", "e-mail adresse"}, Example: "name@example.org"}
	phoneField = Field{Key: "phone", Label: "Phone", Synonyms: []string{"telephone", "phone number", "mobile", "cell", "tel", "téléphone",
		"teléfono", "telefon"}, Example: "+1 314 555 0100"}
	languagesField = Field{Key: "languages", Label: "Languages", Synonyms: []string{"language", "languages spoken", "langues", "idiomas",
		"sprachen"}, Help: "Separate several with semicolons.", Example: "English; French"}
	notesField = Field{Key: "notes", Label: "Notes", Synonyms: []string{"note", "comments", "comment", "remarks", "remarques"}}
	topicsHelp = "Topics, separated by semicolons."
)
