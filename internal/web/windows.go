package web

import (
	"fmt"
	"strings"
	"time"

	"itinera"
)

// Availability windows are typed one a line as "YYYY-MM-DD HH:MM-HH:MM" in
// the program's local time; they are stored as instants.

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
	w, err := itinera.ParseWindowText(line, &p)
	if err != nil {
		return w, err
	}
	return w, p.WindowError(w)
}

// formatWindows writes windows back as lines parseWindows reads.
func formatWindows(ws []itinera.Window, loc *time.Location) string {
	lines := make([]string, len(ws))
	for i, w := range ws {
		lines[i] = itinera.WindowText(w, loc)
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
