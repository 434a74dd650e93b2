package lang

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// dynamic are the texts the code translates through a variable: the
// books' kinds, the kinds of activities, the travel modes and their
// phrases, durations, and the kinds of organizations.
var dynamic = []string{
	"Delegation book", "Visitor's book", "Resource brief", "Host household sheet", "Interpreter's schedule", "Driver sheet",
	"Cultural visit", "Meal", "Home hospitality", "Travel", "Free time", "Activity",
	"on foot", "by public transport", "by car", "by van", "Van", "Car", "Public transport", "Walking",
	"1 minute", "%d minutes", "1 hour", "%d hours", "1 day", "%d days",
	"nonprofit", "government", "law enforcement", "academic", "healthcare", "media", "faith", "business", "cultural", "other",
}

var (
	templateText = regexp.MustCompile(`L\.T "((?:[^"\\]|\\.)*)"`)
	codeText     = regexp.MustCompile(`\.T\("((?:[^"\\]|\\.)*)"`)
)

// used lists every text the books, the delegation's letters and the
// release's changes translate, read from their sources.
func used(t *testing.T) []string {
	t.Helper()
	var out []string
	files := []string{"../book/book.html", "../letters/delegation.go", "../letters/followup_link.go", "../release/release.go", "../app/distribute.go", "../app/release.go"}
	gos, err := filepath.Glob("../book/*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append(files, gos...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		re := codeText
		if strings.HasSuffix(f, ".html") {
			re = templateText
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			s := strings.NewReplacer(`\"`, `"`, `\\`, `\`, `\u201c`, "\u201c", `\u201d`, "\u201d").Replace(m[1])
			out = append(out, s)
		}
	}
	out = append(out, dynamic...)
	slices.Sort(out)
	return slices.Compact(out)
}

// TestCatalogsAreComplete: every language translates every text the code
// and the book template use, with the same fmt verbs in the same order,
// and has its weekdays, months and date layouts.
func TestCatalogsAreComplete(t *testing.T) {
	texts := used(t)
	if len(texts) < 60 {
		t.Fatalf("only %d texts found: is the scan broken?", len(texts))
	}
	verbs := regexp.MustCompile(`%[sdv]`)
	for code, c := range catalogs {
		if c.Code != code || c.Long == "" || c.DayMonth == "" || c.Day == "" || c.DateOnly == "" {
			t.Errorf("%s: code or date layouts missing", code)
		}
		for _, w := range append(c.Weekdays[:], c.Months[:]...) {
			if w == "" {
				t.Errorf("%s: a weekday or month has no name", code)
			}
		}
		if code == "en" {
			continue
		}
		for _, text := range texts {
			tr, ok := c.Words[text]
			if !ok {
				t.Errorf("%s lacks %q", code, text)
				continue
			}
			if !slices.Equal(verbs.FindAllString(text, -1), verbs.FindAllString(tr, -1)) {
				t.Errorf("%s: %q and %q differ in their verbs", code, text, tr)
			}
		}
		for k := range c.Words {
			if !slices.Contains(texts, k) {
				t.Errorf("%s translates %q, which nothing uses", code, k)
			}
		}
	}
}

func TestDates(t *testing.T) {
	d := time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		cat         *Catalog
		long, plain string
	}{
		{&English, "Tuesday 3 November 2026", "3 November 2026"},
		{&French, "mardi 3 novembre 2026", "3 novembre 2026"},
		{&Spanish, "martes 3 de noviembre de 2026", "3 de noviembre de 2026"},
	} {
		if got := c.cat.LongDate(d); got != c.long {
			t.Errorf("%s: %q, want %q", c.cat.Code, got, c.long)
		}
		if got := c.cat.PlainDate(d); got != c.plain {
			t.Errorf("%s: %q, want %q", c.cat.Code, got, c.plain)
		}
	}
	if For("xx") != &English || For("fr") != &French {
		t.Error("For")
	}
	if got := French.T("Dear %s,", "Ana"); got != "Bonjour Ana," {
		t.Errorf("T: %q", got)
	}
}
