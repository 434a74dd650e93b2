package sheet

import (
	"strings"
)

// dateKind says how a number format shows a serial number: as a plain
// number, a date, a time of day, a date with a time, or elapsed time.
type dateKind int

const (
	notDate dateKind = iota
	dateOnly
	timeOnly
	dateTime
	elapsed
	// cjkAmbiguous: built-in formats 32-35 are dates in some East Asian
	// locales and times in others; the value decides.
	cjkAmbiguous
)

// builtInKind classifies the built-in number formats of ECMA-376 (Part 1,
// 18.8.30) and the East Asian and Thai ones Excel adds.
func builtInKind(id int) dateKind {
	switch {
	case id >= 14 && id <= 17, id >= 27 && id <= 31, id == 36, id >= 50 && id <= 58,
		id >= 71 && id <= 74, id == 81:
		return dateOnly
	case id >= 18 && id <= 21, id == 45, id == 47, id >= 75 && id <= 76, id == 78, id == 80:
		return timeOnly
	case id == 22, id == 77:
		return dateTime
	case id == 46, id == 79:
		return elapsed
	case id >= 32 && id <= 35:
		return cjkAmbiguous
	}
	return notDate
}

// codeKind classifies a custom number format code by the date and time
// tokens of its first section (the one for positive numbers), skipping
// quoted text, escaped characters, and bracketed colours, conditions and
// locales. [h], [m] and [s] are elapsed time.
func codeKind(code string) dateKind {
	var date, tim, ela bool
	lastHour := false // the previous date/time token was h, so m is minutes
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch c {
		case ';':
			i = len(code)
			continue
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(code)
			}
			continue
		case '\\', '_', '*':
			i++
			continue
		case '[':
			j := strings.IndexByte(code[i+1:], ']')
			if j < 0 {
				i = len(code)
				continue
			}
			in := strings.ToLower(code[i+1 : i+1+j])
			if in != "" && strings.Trim(in, "hms") == "" && strings.Trim(in, string(in[0])) == "" {
				ela = true
				lastHour = in[0] == 'h'
			}
			i += j + 1
			continue
		}
		switch c | 0x20 { // lower case for letters
		case 'y', 'd':
			date, lastHour = true, false
		case 'h':
			tim, lastHour = true, true
		case 's':
			tim, lastHour = true, false
		case 'm':
			j := i
			for j < len(code) && code[j]|0x20 == 'm' {
				j++
			}
			if lastHour || minuteBefore(code[j:]) {
				tim = true
			} else {
				date = true
			}
			lastHour = false
			i = j - 1
		case 'a':
			switch rest := strings.ToLower(code[i:]); {
			case strings.HasPrefix(rest, "am/pm"):
				tim, i = true, i+4
			case strings.HasPrefix(rest, "a/p"):
				tim, i = true, i+2
			}
		}
	}
	switch {
	case ela:
		return elapsed
	case date && tim:
		return dateTime
	case date:
		return dateOnly
	case tim:
		return timeOnly
	}
	return notDate
}

// minuteBefore reports whether the next date/time letter in rest is s, which
// makes an m before it minutes ("mm:ss").
func minuteBefore(rest string) bool {
	for i := 0; i < len(rest); i++ {
		switch rest[i] | 0x20 {
		case 's':
			return true
		case 'y', 'd', 'h', 'm':
			return false
		}
		if rest[i] == '"' || rest[i] == '[' || rest[i] == ';' {
			return false
		}
	}
	return false
}
