package book_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode"

	"itinera"
	"itinera/internal/book"
)

// TestStressBooks lays out and prints the books of a program made to
// strain them (stressInput: six days, 47 items, 25 visitors named in
// seven scripts, titles of 200 characters without a space). Laid out as
// print media at the paper's width, and on a 390 px phone, nothing is
// wider than its box or sticks out of the page. Printed by Chromium and
// read back with pdftotext, every item's time and title and every word of
// every name are there, on a number of pages in proportion to the days
// and items, and the PDF embeds the Noto fonts that draw Devanagari and
// CJK (without them pdftotext still reads the names back, but the page
// shows empty boxes).
func TestStressBooks(t *testing.T) {
	t.Parallel()
	in := stressInput(t)
	p := mustPrinter(t)
	browser := mustBrowser(t)
	loc, _ := itinera.LoadZone(in.Program.TimeZone)
	// Each day starts a page and no item is split across pages, so a day
	// takes at most a page for its map and one for each item (a long
	// briefing fills most of one); the cover, welcome, glance and the
	// delegation a few more. More pages means text laid out wrongly (a
	// column a word wide); fewer than a page a day, days lost.
	days, items := len(in.Program.Dates()), len(in.Itinerary.Items)
	inProportion := func(t *testing.T, pages int) {
		if pages < days+2 || pages > 2*days+items+8 {
			t.Errorf("%d pages for %d days of %d items", pages, days, items)
		}
	}
	v := in.Visitors[19] // अनन्या श्रीवास्तव
	m := in.Meetings[0]  // a title of one unbreakable token
	h := in.Households[0]

	for _, tc := range []struct {
		o     book.Options
		check func(t *testing.T, text string, pages int)
	}{{
		o: book.Options{Audience: book.Delegation, Paper: itinera.PaperA4},
		check: func(t *testing.T, text string, pages int) {
			for _, x := range in.Itinerary.Items {
				when := x.Start.In(loc).Format("15:04") + "–" + x.End.In(loc).Format("15:04")
				if !strings.Contains(text, when) || !has(text, x.Title) {
					t.Errorf("lacks %s %.40q…", when, x.Title)
				}
			}
			for _, v := range in.Visitors {
				if w := lacks(text, v.Name()); w != nil {
					t.Errorf("lacks %q of %s", w, v.Name())
				}
				if w := lacks(text, v.Position+" "+v.Organization); w != nil {
					t.Errorf("lacks %q of the position and organization of %s", w, v.Name())
				}
			}
			for _, i := range in.Interpreters {
				if w := lacks(text, i.Name); w != nil {
					t.Errorf("lacks %q of %s", w, i.Name)
				}
			}
			inProportion(t, pages)
		},
	}, {
		o: book.Options{Audience: book.Visitor, PersonID: v.ID},
		check: func(t *testing.T, text string, pages int) {
			if !has(text, "For "+v.Name()) || !has(text, "Welcome to Chicago, "+v.GivenName) || !has(text, "You dine with "+in.Households[19%3].Name) {
				t.Errorf("does not name %s or their household", v.Name())
			}
			for _, x := range in.Itinerary.Items {
				if !has(text, x.Title) {
					t.Errorf("lacks %.40q…", x.Title)
				}
			}
			inProportion(t, pages)
		},
	}, {
		o: book.Options{Audience: book.Resource, PersonID: m.ID},
		check: func(t *testing.T, text string, pages int) {
			if !has(text, m.Title) {
				t.Errorf("lacks its meeting %.40q…", m.Title)
			}
			for _, v := range in.Visitors {
				if w := lacks(text, v.Name()); w != nil {
					t.Errorf("lacks %q of %s", w, v.Name())
				}
			}
			if pages > 2+len(in.Visitors)/5 { // a page for the meeting, at least five visitors a page
				t.Errorf("%d pages for %d visitors", pages, len(in.Visitors))
			}
		},
	}, {
		o: book.Options{Audience: book.Household, PersonID: h.ID},
		check: func(t *testing.T, text string, pages int) {
			for i, v := range in.Visitors {
				if i%3 == 0 && lacks(text, v.GivenName) != nil {
					t.Errorf("lacks its guest %s", v.GivenName)
				}
			}
			if !has(text, in.Interpreters[0].Name) || !has(text, in.Evenings[0].Note) {
				t.Error("lacks its interpreter or the evening's note")
			}
			if pages > 2 {
				t.Errorf("%d pages for one evening", pages)
			}
		},
	}} {
		// One after another: Chromium's tabs share two cores with the rest
		// of the suite, and the books in parallel were slower.
		t.Run(string(tc.o.Audience), func(t *testing.T) {
			b, err := book.Build(in, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			r, err := book.Render(b, book.Links{})
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range overflows(t, browser, r.HTML, "print", pageWidth(b.Paper)) {
				t.Errorf("on paper: %s", o)
			}
			for _, o := range overflows(t, browser, r.HTML, "screen", 390) {
				t.Errorf("on a phone: %s", o)
			}
			doc, err := p.Print(context.Background(), r.HTML)
			if err != nil {
				t.Fatal(err)
			}
			file := save(t, "book-stress-"+string(tc.o.Audience)+".pdf", doc)
			text, pages := pdfText(t, file)
			t.Logf("%d pages (%s)", pages, b.Paper)
			tc.check(t, text, pages)
			fonts := pdfFonts(t, file)
			for _, want := range []string{"NotoSansDevanagari", "NotoSansCJK"} {
				if !slices.ContainsFunc(fonts, func(f string) bool { return strings.HasPrefix(f, want) }) {
					t.Errorf("embeds no %s font (fonts-noto-core and fonts-noto-cjk; scripts/services.sh installs them): %q", want, fonts)
				}
			}
		})
	}
}

// has reports whether text holds s, wherever a line broke it (pdftotext
// drops a hyphen at the end of a line, and marks the direction of
// right-to-left runs).
func has(text, s string) bool { return strings.Contains(letters(text), letters(s)) }

// lacks lists the words of s that text does not hold: a table reads
// column by column, so a name's words may not be side by side. Chinese,
// Japanese and Korean are checked character by character: pdftotext may
// read the lines of a cell in another order.
func lacks(text, s string) []string {
	var out []string
	text = letters(text)
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !isLetter(r) }) {
		parts := []string{w}
		if strings.ContainsFunc(w, isCJK) {
			parts = strings.Split(w, "")
		}
		for _, p := range parts {
			if !strings.Contains(text, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// letters is s with only its letters, marks and digits: the text that a
// line break, a table cell or the direction of a run does not change.
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if isLetter(r) {
			return r
		}
		return -1
	}, s)
}

func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) }

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}
