package web

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"itinera"
)

// Availability windows are typed one a line as "YYYY-MM-DD HH:MM-HH:MM" in
// the program's local time; they are stored as instants.

var windowLine = regexp.MustCompile(`^(\S+)\s+(\d{1,2}[:.]\d{2})\s*(?:-|–|—|to)\s*(\d{1,2}[:.]\d{2})$`)

// parseWindows reads the lines of s in the program's time zone. It returns
// one message naming every wrong line, or "" when all lines are right. A
// window must fall on a day of the program (Program.WindowError).
func parseWindows(s string, p itinera.Program) ([]itinera.Window, string) {
	var ws []itinera.Window
	var msgs []string
	for i, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			continue
		}
		w, err := parseWindow(line, p)
		if err != nil {
			msgs = append(msgs, fmt.Sprintf("Line %d (%q): %s", i+1, line, err))
			continue
		}
		ws = append(ws, w)
	}
	return ws, strings.Join(msgs, " ")
}

func parseWindow(line string, p itinera.Program) (itinera.Window, error) {
	m := windowLine.FindStringSubmatch(line)
	if m == nil {
		example := p.StartDate
		if example.IsZero() {
			example = itinera.MustDate("2026-05-11")
		}
		return itinera.Window{}, fmt.Errorf("write it as YYYY-MM-DD HH:MM-HH:MM, for example %s 09:00-12:00.", example)
	}
	d, err := itinera.ParseDate(m[1])
	if err != nil {
		return itinera.Window{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD.", m[1])
	}
	from, err1 := itinera.ParseClock(strings.Replace(m[2], ".", ":", 1))
	to, err2 := itinera.ParseClock(strings.Replace(m[3], ".", ":", 1))
	switch {
	case err1 != nil:
		return itinera.Window{}, fmt.Errorf("%q is not a time of day (HH:MM, 24-hour).", m[2])
	case err2 != nil:
		return itinera.Window{}, fmt.Errorf("%q is not a time of day (HH:MM, 24-hour).", m[3])
	case to <= from:
		return itinera.Window{}, fmt.Errorf("the window ends (%s) before it starts (%s).", to, from)
	}
	loc := p.Location()
	w := itinera.Window{Start: d.At(from, loc), End: d.At(to, loc)}
	return w, p.WindowError(w)
}

// formatWindows writes windows back as lines parseWindows reads.
func formatWindows(ws []itinera.Window, loc *time.Location) string {
	lines := make([]string, len(ws))
	for i, w := range ws {
		s, e := w.Start.In(loc), w.End.In(loc)
		end := e.Format("15:04")
		if itinera.DateOf(e) != itinera.DateOf(s) && e.Hour() == 0 && e.Minute() == 0 {
			end = "24:00"
		}
		lines[i] = s.Format("2006-01-02 15:04") + "-" + end
	}
	return strings.Join(lines, "\n")
}

// windowLabel shows a window to people: "Mon 11 May 09:00–12:00 CDT".
func windowLabel(w itinera.Window, loc *time.Location) string {
	s, e := w.Start.In(loc), w.End.In(loc)
	if itinera.DateOf(s) != itinera.DateOf(e) {
		return s.Format("Mon 2 Jan 15:04 MST") + " – " + e.Format("Mon 2 Jan 15:04 MST")
	}
	return s.Format("Mon 2 Jan 15:04") + "–" + e.Format("15:04 MST")
}

// dateLabel shows a date with its weekday: "Sat 9 May 2026".
func dateLabel(d itinera.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.In(time.UTC).Format("Mon 2 Jan 2006")
}
