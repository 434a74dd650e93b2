package letters

import (
	"strings"
	"time"

	"itinera/internal/lang"
)

// The delegation's letters: each visitor's and interpreter's package (their
// book, calendar address and .ics) and the update a release sends them.
// Unlike the other letters, which go to local resources and hosts in
// English, these are written in the program's language (internal/lang);
// what people typed (names, titles, the officer's note) stays as typed.
// They are plain text: the book rides along as PDF.

// Package is what a person's package says.
type Package struct {
	Name            string // the person's
	Program, City   string
	Start, End      time.Time // the program's first and last days (dates, in UTC)
	Zone            string    // "America/Chicago (CST)"
	BookFile        string
	FeedURL         string
	ReminderMinutes int    // 0: no reminders
	Note            string // the officer's few words
	From            Signature
	Phone           string // the organization's
	Emergency       string // day and night
}

// PackageSubject is the subject of a package.
func PackageSubject(tr *lang.Catalog, program string) string {
	return tr.T("Your program: %s", program)
}

// PackageText is the text of a package in tr's language.
func PackageText(tr *lang.Catalog, v Package) string {
	var b strings.Builder
	b.WriteString(tr.T("Dear %s,", v.Name) + "\n\n")
	if note := strings.TrimSpace(v.Note); note != "" {
		b.WriteString(note + "\n\n")
	}
	b.WriteString(tr.T("Your program \u201c%s\u201d in %s, %s to %s, is attached as a book (%s): each day with its times, places, travel and whom you will meet. All times are local: %s.",
		v.Program, v.City, tr.DayMonthDate(v.Start), tr.LongDate(v.End), v.BookFile, v.Zone) + "\n\n")
	b.WriteString(tr.T("Your calendar: subscribe to this address and your calendar follows every change of the program:") + "\n" +
		v.FeedURL + "\n" + tr.T("(It is yours alone: please do not share it.)") + "\n\n")
	if v.ReminderMinutes > 0 {
		b.WriteString(tr.T("The attached program.ics holds the program as it stands today, with a reminder %s before each item, for a calendar that does not subscribe.",
			Duration(tr, v.ReminderMinutes)))
	} else {
		b.WriteString(tr.T("The attached program.ics holds the program as it stands today, for a calendar that does not subscribe."))
	}
	b.WriteString("\n\n")
	signOff(&b, tr, v.From, v.Phone, v.Emergency)
	return b.String()
}

// ReleaseUpdate is what a release tells a visitor or interpreter.
type ReleaseUpdate struct {
	Name     string
	Program  string
	TimeZone string
	Changes  []string // in the language already (release.Change.Describe)
	Book     bool     // their book is attached as PDF
	Note     string
	From     Signature
}

// ReleaseSubject is the subject of a release's update.
func ReleaseSubject(tr *lang.Catalog, program string) string {
	return tr.T("Your program changed: %s", program)
}

// ReleaseText is the text of a release's update in tr's language.
func ReleaseText(tr *lang.Catalog, v ReleaseUpdate) string {
	var b strings.Builder
	b.WriteString(tr.T("Dear %s,", v.Name) + "\n\n")
	if note := strings.TrimSpace(v.Note); note != "" {
		b.WriteString(note + "\n\n")
	}
	b.WriteString(tr.T("Your program \u201c%s\u201d has changed. Times are local (%s).", v.Program, v.TimeZone) + "\n\n")
	for _, ch := range v.Changes {
		b.WriteString("- " + ch + "\n")
	}
	b.WriteString("\n")
	if v.Book {
		b.WriteString(tr.T("The attached program.ics holds your program as it stands now, and your book is attached as PDF."))
	} else {
		b.WriteString(tr.T("The attached program.ics holds your program as it stands now."))
	}
	b.WriteString(" " + tr.T("A calendar subscribed to your address follows these changes by itself.") + "\n\n")
	signOff(&b, tr, v.From, "", "")
	return b.String()
}

func signOff(b *strings.Builder, tr *lang.Catalog, from Signature, phone, emergency string) {
	b.WriteString(from.Name + "\n" + from.Organization + "\n")
	if phone != "" {
		b.WriteString(phone + "\n")
	}
	if emergency != "" {
		b.WriteString(tr.T("Day and night: %s", emergency) + "\n")
	}
}

// Duration writes minutes the way people say them: "30 minutes", "1 hour",
// "2 days".
func Duration(tr *lang.Catalog, m int) string {
	n, one, many := m, "1 minute", "%d minutes"
	switch {
	case m%1440 == 0:
		n, one, many = m/1440, "1 day", "%d days"
	case m%60 == 0:
		n, one, many = m/60, "1 hour", "%d hours"
	}
	if n == 1 {
		return tr.T(one)
	}
	return tr.T(many, n)
}
