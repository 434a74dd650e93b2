// Package lang holds the words Itinera writes for a program's people —
// the books' fixed labels and headings, the names of weekdays and months
// in dates, the delegation's distribution and release e-mails — in the
// program's language (itinera.Program.Language). It is pure and small on
// purpose: no plural rules or message formats beyond fmt's verbs, no
// dependency.
//
// A catalog is one table: the English text is the key (so the English
// catalog is empty, and code and templates read as English), each other
// language maps it to its own text with the same verbs. Adding a
// language is one file here with its Catalog, its line in catalogs below
// and in itinera.Languages; TestCatalogsAreComplete fails while a text
// the code or the book template uses has no translation.
package lang

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Catalog is one language's words.
type Catalog struct {
	Code     string
	Weekdays [7]string  // Sunday first, as time.Weekday counts
	Months   [12]string // January first
	// Date layouts: {weekday}, {day}, {month} and {year} are replaced.
	Long     string // "Monday 2 January 2006"
	DayMonth string // "Monday 2 January"
	Day      string // "Monday 2", the first day of a range within a month
	DateOnly string // "2 January 2006", without the weekday
	Words    map[string]string
}

// catalogs are the languages, by code.
var catalogs = map[string]*Catalog{
	"en": &English,
	"fr": &French,
	"es": &Spanish,
}

// For returns the catalog of a language code; English for a code it does
// not know (the program's Validate refuses those).
func For(code string) *Catalog {
	if c, ok := catalogs[code]; ok {
		return c
	}
	return &English
}

// T translates an English text, formatting args into it with fmt's verbs
// when given; a text the catalog lacks stays in English.
func (c *Catalog) T(text string, args ...any) string {
	if c != nil {
		if s, ok := c.Words[text]; ok {
			text = s
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(text, args...)
	}
	return text
}

func (c *Catalog) date(layout string, t time.Time) string {
	r := strings.NewReplacer("{weekday}", c.Weekdays[t.Weekday()], "{day}", strconv.Itoa(t.Day()),
		"{month}", c.Months[t.Month()-1], "{year}", strconv.Itoa(t.Year()))
	return r.Replace(layout)
}

// LongDate writes a day in full: "Monday 2 January 2006", "lundi 2 janvier 2006".
func (c *Catalog) LongDate(t time.Time) string { return c.date(c.Long, t) }

// DayMonthDate writes a day without the year: "Monday 2 January".
func (c *Catalog) DayMonthDate(t time.Time) string { return c.date(c.DayMonth, t) }

// DayDate writes the weekday and the day of the month: "Monday 2".
func (c *Catalog) DayDate(t time.Time) string { return c.date(c.Day, t) }

// PlainDate writes a day without its weekday: "2 January 2006".
func (c *Catalog) PlainDate(t time.Time) string { return c.date(c.DateOnly, t) }
