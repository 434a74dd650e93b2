package itinera

import (
	"fmt"
	"strings"
)

// DayPart is a span of a program day during which the delegation stays
// together (Day.Together), as clock times in the program's time zone.
type DayPart struct {
	From  Clock
	To    Clock
	Label string // what happens: "Welcome", "Evening"; may be empty
}

// MaxDayParts bounds the parts of one day.
const MaxDayParts = 12

// String writes the part as ParseDayParts reads it: "18:00-21:30 Evening".
func (p DayPart) String() string {
	s := p.From.String() + "-" + p.To.String()
	if p.Label != "" {
		s += " " + p.Label
	}
	return s
}

// checkDayParts checks the parts of one day: each ends after it starts,
// within the day (24:00 at the latest), and they do not overlap.
func checkDayParts(f FieldErrors, field string, ps []DayPart) {
	if len(ps) > MaxDayParts {
		f.Add(field, fmt.Sprintf("A day has at most %d parts together.", MaxDayParts))
		return
	}
	for i := range ps {
		p := &ps[i]
		checkText(f, field, &p.Label, phraseText)
		switch {
		case p.From < 0 || p.To > 24*60:
			f.Add(field, fmt.Sprintf("Part %d: times run from 00:00 to 24:00.", i+1))
		case p.To <= p.From:
			f.Add(field, fmt.Sprintf("Part %d (%s) ends before it starts.", i+1, p))
		case i > 0 && p.From < ps[i-1].To:
			f.Add(field, fmt.Sprintf("Part %d (%s) starts before part %d ends; list the parts in order, without overlaps.", i+1, p, i))
		}
	}
}

// FormatDayParts writes a day's parts one a line, as ParseDayParts reads them.
func FormatDayParts(ps []DayPart) string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// ParseDayParts reads the parts of a day written one a line as
// "HH:MM-HH:MM label" (an en dash or "to" works too; the label may be
// left out); blank lines are skipped. 24:00 ends a part at midnight. It
// adds a message naming field for each line it cannot read.
func ParseDayParts(f FieldErrors, field, text string) []DayPart {
	out := []DayPart{}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		p, ok := parseDayPart(line)
		if !ok {
			f.Add(field, fmt.Sprintf("Line %d: write a part as 18:00-21:30 followed by what happens, e.g. 18:00-21:30 Evening.", n+1))
			continue
		}
		out = append(out, p)
	}
	return out
}

func parseDayPart(line string) (DayPart, bool) {
	line = strings.NewReplacer("–", "-", "—", "-").Replace(line)
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return DayPart{}, false
	}
	var from, to string
	rest := fields[1:]
	if a, b, ok := strings.Cut(fields[0], "-"); ok && b != "" {
		from, to = a, b
	} else {
		// "18:00 - 21:30", "18:00 to 21:30", "18:00- 21:30"
		from = strings.TrimSuffix(fields[0], "-")
		if len(rest) > 0 && (rest[0] == "-" || strings.EqualFold(rest[0], "to")) {
			rest = rest[1:]
		}
		if len(rest) == 0 {
			return DayPart{}, false
		}
		to, rest = strings.TrimPrefix(rest[0], "-"), rest[1:]
	}
	fc, err := ParseClock(from)
	if err != nil {
		return DayPart{}, false
	}
	tc, err := ParseClock(to)
	if err != nil {
		return DayPart{}, false
	}
	return DayPart{From: fc, To: tc, Label: strings.Join(rest, " ")}, true
}
