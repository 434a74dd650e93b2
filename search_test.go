package itinera

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSearchTerms(t *testing.T) {
	t.Parallel()
	for q, want := range map[string][]string{
		"traff":                        {"traff"},
		`"Traff*" NEAR(gate, 2)`:       {"traff", "near", "gate", "2"},
		"Lucía  O'Neil-Smith":          {"lucía", "o", "neil", "smith"},
		"a\x00b":                       {"a", "b"},
		"dup Dup DUP":                  {"dup"},
		"":                             nil,
		`*"()-^:`:                      nil,
		"1 2 3 4 5 6 7 8 9 10":         {"1", "2", "3", "4", "5", "6", "7", "8"},
		"日本語 مرحبا":                    {"日本語", "مرحبا"},
		strings.Repeat("x", 45) + " y": {strings.Repeat("x", 40), "y"},
	} {
		if got := SearchTerms(q); !slices.Equal(got, want) {
			t.Errorf("SearchTerms(%q) = %q, want %q", q, got, want)
		}
	}
}

// FuzzSearchTerms: whatever is typed, the terms are at most eight words of
// at most 40 letters and digits, lower-case, none repeated.
func FuzzSearchTerms(f *testing.F) {
	for _, s := range []string{"traff", `"x" OR y*`, "NEAR(a b)", "\x00", "Ǆ ǅ", "İstanbul"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		terms := SearchTerms(q)
		if len(terms) > MaxSearchTerms {
			t.Fatalf("%d terms", len(terms))
		}
		seen := map[string]bool{}
		for _, term := range terms {
			if term == "" || utf8.RuneCountInString(term) > 40 || seen[term] || !utf8.ValidString(term) {
				t.Fatalf("term %q of %q", term, q)
			}
			seen[term] = true
			for _, r := range term {
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					t.Fatalf("term %q of %q has %q", term, q, r)
				}
			}
		}
	})
}
