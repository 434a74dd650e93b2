package itinera

import "strings"

// The languages a program's books, packages and release e-mails can be
// written in. Each has a catalog of the words Itinera writes in
// internal/lang (one file per language); adding a language is its catalog
// file there and its line here. What people typed stays as typed.

// Language is a language of the catalog.
type Language struct {
	Code string // ISO 639-1: "fr"
	Name string // as an English-speaking officer reads it, with its own name: "French (français)"
}

// DefaultLanguage is the language of programs that name none.
const DefaultLanguage = "en"

// Languages are the languages programs can be in, in the order the UI
// offers them.
var Languages = []Language{
	{Code: "en", Name: "English"},
	{Code: "fr", Name: "French (français)"},
	{Code: "es", Name: "Spanish (español)"},
}

// CheckLanguage cleans *code (trimmed, lower-case; empty: the default) and
// adds a message naming field when it is not a language of the catalog.
func CheckLanguage(f FieldErrors, field string, code *string) {
	*code = strings.ToLower(strings.TrimSpace(*code))
	if *code == "" {
		*code = DefaultLanguage
	}
	var codes []string
	for _, l := range Languages {
		if l.Code == *code {
			return
		}
		codes = append(codes, l.Code+" ("+l.Name+")")
	}
	f.Add(field, "Choose a language Itinera writes programs in: "+strings.Join(codes, ", ")+".")
}

// LanguageName names the program's language for the officer: "French (français)".
func (p Program) LanguageName() string {
	for _, l := range Languages {
		if l.Code == p.Language {
			return l.Name
		}
	}
	return Languages[0].Name
}
