package itinera

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Availability windows as people type them: "YYYY-MM-DD HH:MM-HH:MM" in
// the program's local time, one a line in forms and separated by
// semicolons in a spreadsheet cell. The web forms, the imports and the
// exports read and write them here.

var windowLine = regexp.MustCompile(`^(\S+)\s+(.+?)\s*(?:-|–|—|\bto\b)\s*(.+)$`)

// ParseWindowText reads one window in the program's time zone. It does
// not check that the window falls on the program's days (WindowError).
func ParseWindowText(line string, p *Program) (Window, error) {
	line = strings.Join(strings.Fields(line), " ")
	m := windowLine.FindStringSubmatch(line)
	if m == nil {
		return Window{}, fmt.Errorf("write it as YYYY-MM-DD HH:MM-HH:MM, for example %s 09:00-12:00.", example(p))
	}
	d, err := ParseDate(m[1])
	if err != nil {
		return Window{}, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD HH:MM-HH:MM, for example %s 09:00-12:00.", m[1], example(p))
	}
	from, err1 := ParseClockText(m[2])
	to, err2 := ParseClockText(m[3])
	// "2-4 pm": the end's pm holds for a start written without one.
	if err1 == nil && err2 == nil && from < 12*60 && !hasMeridiem(m[2]) && hasMeridiem(m[3]) && from+12*60 < to {
		from += 12 * 60
	}
	switch {
	case err1 != nil:
		return Window{}, err1
	case err2 != nil:
		return Window{}, err2
	case to <= from:
		return Window{}, fmt.Errorf("the window ends (%s) before it starts (%s).", to, from)
	}
	loc := p.Location()
	return Window{Start: d.At(from, loc), End: d.At(to, loc)}, nil
}

// example is a date to show in a message: the program's first day.
func example(p *Program) Date {
	if p.StartDate.IsZero() {
		return MustDate("2026-05-11")
	}
	return p.StartDate
}

// WindowText writes a window back as ParseWindowText reads it.
func WindowText(w Window, loc *time.Location) string {
	s, e := w.Start.In(loc), w.End.In(loc)
	end := e.Format("15:04")
	if DateOf(e) != DateOf(s) && e.Hour() == 0 && e.Minute() == 0 {
		end = "24:00"
	}
	return s.Format("2006-01-02 15:04") + "-" + end
}

var clockText = regexp.MustCompile(`^(\d{1,2})(?:[:.h]?(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|a|p)?$`)

// ParseClockText reads a time of day as people type it: "14:00", "9:30",
// "9.30", "0930", "9am", "9:30 am", "2.30 pm", "12 noon", "noon",
// "midnight". Without am or pm the hour is on the 24-hour clock.
func ParseClockText(s string) (Clock, error) {
	t := strings.ToLower(strings.Join(strings.Fields(s), " "))
	switch t {
	case "noon", "12 noon", "midday":
		return 12 * 60, nil
	case "midnight":
		return 0, nil
	}
	m := clockText.FindStringSubmatch(t)
	if m == nil {
		return 0, fmt.Errorf("%q is not a time of day: write it as 14:00, 9:30 or 2.30 pm.", strings.TrimSpace(s))
	}
	h, mm := atoi2(m[1]), 0
	if m[2] != "" {
		mm = atoi2(m[2])
	}
	switch suffix := strings.TrimSuffix(strings.ReplaceAll(m[3], ".", ""), "m"); suffix {
	case "a", "p":
		if h < 1 || h > 12 {
			return 0, fmt.Errorf("%q: with am or pm the hour is from 1 to 12.", strings.TrimSpace(s))
		}
		h %= 12
		if suffix == "p" {
			h += 12
		}
	}
	if h > 24 || mm > 59 || (h == 24 && mm != 0) {
		return 0, fmt.Errorf("%q is not a time of day: write it as 14:00, 9:30 or 2.30 pm.", strings.TrimSpace(s))
	}
	return Clock(h*60 + mm), nil
}

// hasMeridiem reports whether a typed time says am or pm.
func hasMeridiem(s string) bool {
	m := clockText.FindStringSubmatch(strings.ToLower(strings.Join(strings.Fields(s), " ")))
	return m != nil && m[3] != ""
}

// atoi2 reads one or two digits the expression matched.
func atoi2(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
