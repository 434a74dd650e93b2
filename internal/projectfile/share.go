package projectfile

import (
	"reflect"
	"slices"
	"strings"

	"itinera/internal/programfile"
)

// What a package shares. A stop package's roster lists the fields of the
// visitors and interpreters the agency shares with the city (by their
// program file names), and the program carries only those: the others are
// empty. A return package leaves out what stays with the city: its
// requests (with the resources' answers and messages), its host
// households and evenings, the contact details of its directory and the
// staff's notes.

// fieldRule is one field of a program file's record, by its JSON name.
type fieldRule struct {
	name  string
	index []int
}

// set reports whether the field of *rec (a pointer to the record) holds
// something.
func (f fieldRule) set(rec any) bool {
	v := reflect.ValueOf(rec).Elem().FieldByIndex(f.index)
	if v.Kind() == reflect.Slice {
		return v.Len() > 0
	}
	return !v.IsZero()
}

// clear empties the field of *rec, a list becoming an empty list.
func (f fieldRule) clear(rec any) {
	v := reflect.ValueOf(rec).Elem().FieldByIndex(f.index)
	if v.Kind() == reflect.Slice {
		v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		return
	}
	v.SetZero()
}

// rulesOf lists the fields of a record type but its id, in their order.
// A field added to the program file's visitors or interpreters is thereby
// one the agency must list to share: not shared until it does.
func rulesOf(t reflect.Type) []fieldRule {
	var out []fieldRule
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" && name != "id" {
			out = append(out, fieldRule{name: name, index: []int{i}})
		}
	}
	return out
}

var (
	visitorFields     = rulesOf(reflect.TypeFor[programfile.Visitor]())
	interpreterFields = rulesOf(reflect.TypeFor[programfile.Interpreter]())
)

// The fields every roster shares: without them the city cannot tell the
// people apart or import them.
var (
	requiredVisitorFields     = []string{"given_name", "family_name", "country"}
	requiredInterpreterFields = []string{"name"}
)

// VisitorFields and InterpreterFields list the fields a roster may share,
// in the program file's order.
func VisitorFields() []string     { return names(visitorFields) }
func InterpreterFields() []string { return names(interpreterFields) }

func names(rules []fieldRule) []string {
	out := make([]string, len(rules))
	for i, r := range rules {
		out[i] = r.name
	}
	return out
}

// DefaultSharedFields is what an agency shares unless its officer says
// otherwise: everything the city needs to program the stop and match
// hosts, but not the visitors' e-mail addresses (the agency writes to
// them; the city reaches them through the interpreters and escorts).
func DefaultSharedFields() SharedFields {
	return SharedFields{
		Visitors:     slices.DeleteFunc(VisitorFields(), func(n string) bool { return n == "email" }),
		Interpreters: InterpreterFields(),
	}
}

// ShareRoster returns f with every field of its visitors and interpreters
// that fields does not list emptied: the program a stop package carries.
func ShareRoster(f programfile.File, fields SharedFields) programfile.File {
	vs := slices.Clone(f.Visitors)
	for i := range vs {
		for _, r := range visitorFields {
			if !slices.Contains(fields.Visitors, r.name) {
				r.clear(&vs[i])
			}
		}
	}
	is := slices.Clone(f.Interpreters)
	for i := range is {
		for _, r := range interpreterFields {
			if !slices.Contains(fields.Interpreters, r.name) {
				r.clear(&is[i])
			}
		}
	}
	f.Visitors, f.Interpreters = vs, is
	return f
}

// ReturnProgram returns f without what a return package leaves out: the
// requests, host households, evenings and pairs; the places' notes; the
// organizations' e-mail and phone; the contacts' e-mail, phone and notes;
// the meetings' and activities' notes. The itinerary, the meetings with
// their state, the organizations and contacts by name and the visitors
// stay.
func ReturnProgram(f programfile.File) programfile.File {
	f.Requests, f.Households, f.Evenings, f.Pairs = []programfile.Request{}, []programfile.Household{}, []programfile.Evening{}, []programfile.Pair{}
	f.Places = slices.Clone(f.Places)
	for i := range f.Places {
		f.Places[i].Notes = ""
	}
	f.Organizations = slices.Clone(f.Organizations)
	for i := range f.Organizations {
		f.Organizations[i].Email, f.Organizations[i].Phone = "", ""
	}
	f.Contacts = slices.Clone(f.Contacts)
	for i := range f.Contacts {
		f.Contacts[i].Email, f.Contacts[i].Phone, f.Contacts[i].Notes = "", "", ""
	}
	f.Meetings = slices.Clone(f.Meetings)
	for i := range f.Meetings {
		f.Meetings[i].Notes = ""
	}
	f.Activities = slices.Clone(f.Activities)
	for i := range f.Activities {
		f.Activities[i].Notes = ""
	}
	return f
}
