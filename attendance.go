package itinera

import (
	"fmt"
	"strings"
)

// Who a candidate meeting is for and how many visitors it can receive: the
// model the sub-group planning (issue 15) reads. A delegation of 9 to 25
// visitors may split for part of a day because a site receives only five
// people or because interests differ.

// AttendanceKind says whom a meeting is for.
type AttendanceKind string

// Attendance kinds.
const (
	// ForEveryone: the whole delegation goes (the default).
	ForEveryone AttendanceKind = "everyone"
	// ForSubgroup: part of the delegation may go, chosen by the planning
	// (by interests and the capacity).
	ForSubgroup AttendanceKind = "subgroup"
	// ForVisitors: only the named visitors go.
	ForVisitors AttendanceKind = "visitors"
)

// AttendanceKinds lists the kinds in the order the UI offers them.
var AttendanceKinds = []AttendanceKind{ForEveryone, ForSubgroup, ForVisitors}

// MaxCapacity bounds the capacity a meeting can give: no delegation is larger.
const MaxCapacity = 200

// Attendance is whom a meeting is for and how many visitors it receives.
type Attendance struct {
	For AttendanceKind
	// MinVisitors and MaxVisitors are how many visitors the host can
	// receive; 0: no limit.
	MinVisitors int
	MaxVisitors int
	// VisitorIDs are the visitors of the program it is for, with
	// ForVisitors; empty otherwise.
	VisitorIDs []int64
}

// check cleans a (empty kind: everyone; duplicate visitors removed; no
// visitors unless named) and adds a message for each wrong field.
func (a *Attendance) check(f FieldErrors) {
	if a.For == "" {
		a.For = ForEveryone
	}
	if !oneOf(a.For, AttendanceKinds) {
		f.Add("attendance", "Choose whom the meeting is for: everyone, a sub-group or named visitors.")
	}
	if a.MinVisitors < 0 || a.MinVisitors > MaxCapacity {
		f.Add("min_visitors", fmt.Sprintf("Enter from 0 (no minimum) to %d visitors.", MaxCapacity))
	}
	if a.MaxVisitors < 0 || a.MaxVisitors > MaxCapacity {
		f.Add("max_visitors", fmt.Sprintf("Enter from 0 (no limit) to %d visitors.", MaxCapacity))
	}
	if a.MaxVisitors > 0 && a.MinVisitors > a.MaxVisitors {
		f.Add("max_visitors", fmt.Sprintf("The host receives at most %d visitors, fewer than the minimum of %d.", a.MaxVisitors, a.MinVisitors))
	}
	seen := map[int64]bool{}
	ids := []int64{}
	for _, id := range a.VisitorIDs {
		if id <= 0 {
			f.Add("visitor_ids", "Choose the visitors from the program's delegation.")
			continue
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	a.VisitorIDs = ids
	switch {
	case a.For == ForVisitors && len(ids) == 0:
		f.Add("visitor_ids", "Choose at least one visitor the meeting is for.")
	case a.For == ForVisitors && a.MaxVisitors > 0 && len(ids) > a.MaxVisitors:
		f.Add("visitor_ids", fmt.Sprintf("The host receives at most %d visitors; %d are chosen.", a.MaxVisitors, len(ids)))
	case a.For != ForVisitors:
		a.VisitorIDs = []int64{}
	}
}

// Includes reports whether the meeting is for visitor id: always, unless
// it names its visitors.
func (a Attendance) Includes(id int64) bool {
	if a.For != ForVisitors {
		return true
	}
	for _, v := range a.VisitorIDs {
		if v == id {
			return true
		}
	}
	return false
}

// CapacityLabel says how many visitors the host receives, for the officer:
// "at most 5 visitors", "3 to 5 visitors", "" without a limit.
func (a Attendance) CapacityLabel() string {
	switch {
	case a.MinVisitors > 0 && a.MaxVisitors > 0 && a.MinVisitors == a.MaxVisitors:
		return fmt.Sprintf("exactly %d visitors", a.MaxVisitors)
	case a.MinVisitors > 0 && a.MaxVisitors > 0:
		return fmt.Sprintf("%d to %d visitors", a.MinVisitors, a.MaxVisitors)
	case a.MaxVisitors > 0:
		return fmt.Sprintf("at most %d visitors", a.MaxVisitors)
	case a.MinVisitors > 0:
		return fmt.Sprintf("at least %d visitors", a.MinVisitors)
	}
	return ""
}

// checkMeetingLanguages cleans the codes of a meeting's languages
// (trimmed, lower-case, names of the catalog read as their code, no
// duplicates) and adds a message for one that is not in Languages. No
// language: not known, nobody is said to need an interpreter.
func checkMeetingLanguages(f FieldErrors, field string, codes *[]string) {
	out := []string{}
	seen := map[string]bool{}
	for i, c := range *codes {
		c = strings.ToLower(strings.TrimSpace(c))
		if c == "" {
			continue
		}
		k := languageKey(c)
		if catalogLanguage(k) == nil {
			f.Add(field, fmt.Sprintf("Entry %d: choose one of %s.", i+1, languageChoices()))
			continue
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	*codes = out
}

func languageChoices() string {
	var cs []string
	for _, l := range Languages {
		cs = append(cs, l.Code+" ("+l.Name+")")
	}
	return strings.Join(cs, ", ")
}

func catalogLanguage(code string) *Language {
	for i := range Languages {
		if Languages[i].Code == code {
			return &Languages[i]
		}
	}
	return nil
}

// languageKey is how languages are compared: the code of a catalog
// language written as its code, its English name or its own name ("en",
// "English", "français" → "fr"); any other language as typed, in lower
// case ("Arabic" → "arabic").
func languageKey(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	for _, l := range Languages {
		if s == l.Code {
			return l.Code
		}
		name := strings.ToLower(l.Name)
		english, own, _ := strings.Cut(name, " (")
		own = strings.TrimSuffix(own, ")")
		if s == name || s == english || (own != "" && s == own) {
			return l.Code
		}
	}
	return s
}

// LanguageLabel names a language code of the catalog for the officer
// ("French (français)"); any other text as given.
func LanguageLabel(code string) string {
	if l := catalogLanguage(code); l != nil {
		return l.Name
	}
	return code
}

func speaksAny(spoken, languages []string) bool {
	for _, s := range spoken {
		k := languageKey(s)
		for _, l := range languages {
			if k == languageKey(l) {
				return true
			}
		}
	}
	return false
}

// NeedsInterpreter reports whether visitor v needs an interpreter at a
// meeting held in languages: when v speaks none of them. A meeting whose
// languages are not known needs none.
func NeedsInterpreter(v Visitor, languages []string) bool {
	return len(languages) > 0 && !speaksAny(v.Languages, languages)
}

// Interprets reports whether interpreter i can interpret a meeting held in
// languages for visitor v. An interpreter works between any two of their
// languages (Interpreter.Languages): they cover v when they speak one of
// the meeting's languages and one of v's.
func Interprets(i Interpreter, v Visitor, languages []string) bool {
	return speaksAny(i.Languages, languages) && speaksAny(i.Languages, v.Languages)
}

// Uninterpreted lists the visitors of attending who would be left without
// interpretation at a meeting held in languages with interpreters present:
// those who need an interpreter and whom none of them covers.
func Uninterpreted(languages []string, attending []Visitor, interpreters []Interpreter) []Visitor {
	var out []Visitor
	for _, v := range attending {
		if !NeedsInterpreter(v, languages) {
			continue
		}
		covered := false
		for _, i := range interpreters {
			if Interprets(i, v, languages) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, v)
		}
	}
	return out
}
