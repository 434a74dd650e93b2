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

var windowLine = regexp.MustCompile(`^(\S+)\s+(\d{1,2}[:.]\d{2})\s*(?:-|–|—|to)\s*(\d{1,2}[:.]\d{2})$`)

// ParseWindowText reads one window in the program's time zone. It does
// not check that the window falls on the program's days (WindowError).
func ParseWindowText(line string, p *Program) (Window, error) {
	line = strings.Join(strings.Fields(line), " ")
	m := windowLine.FindStringSubmatch(line)
	if m == nil {
		example := p.StartDate
		if example.IsZero() {
			example = MustDate("2026-05-11")
		}
		return Window{}, fmt.Errorf("write it as YYYY-MM-DD HH:MM-HH:MM, for example %s 09:00-12:00.", example)
	}
	d, err := ParseDate(m[1])
	if err != nil {
		return Window{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD.", m[1])
	}
	from, err1 := ParseClock(strings.Replace(m[2], ".", ":", 1))
	to, err2 := ParseClock(strings.Replace(m[3], ".", ":", 1))
	switch {
	case err1 != nil:
		return Window{}, fmt.Errorf("%q is not a time of day (HH:MM, 24-hour).", m[2])
	case err2 != nil:
		return Window{}, fmt.Errorf("%q is not a time of day (HH:MM, 24-hour).", m[3])
	case to <= from:
		return Window{}, fmt.Errorf("the window ends (%s) before it starts (%s).", to, from)
	}
	loc := p.Location()
	return Window{Start: d.At(from, loc), End: d.At(to, loc)}, nil
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
