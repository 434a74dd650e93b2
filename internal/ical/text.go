package ical

import (
	"strings"
	"unicode/utf8"
)

// escapeText encodes a TEXT value (RFC 5545 3.3.11): backslash, semicolon,
// comma and newline are escaped; other control characters, which the
// grammar forbids, are dropped so no value can start a new content line.
func escapeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == ';':
			b.WriteString(`\;`)
		case r == ',':
			b.WriteString(`\,`)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case isControl(r), r == utf8.RuneError:
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unescapeText decodes a TEXT value. An unknown escape keeps its backslash,
// which is kinder to sloppy producers writing Windows paths than dropping it.
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		case '\\', ';', ',':
			b.WriteByte(s[i])
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// splitText splits a multi-valued TEXT value (such as CATEGORIES) at the
// commas that are not escaped, and unescapes each value.
func splitText(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ',':
			out = append(out, unescapeText(s[start:i]))
			start = i + 1
		}
	}
	return append(out, unescapeText(s[start:]))
}

// isControl reports whether r is a control character other than HTAB,
// which RFC 5545 does not allow inside a value.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\t') || r == 0x7f
}

// paramValue encodes a parameter value: caret encoding (RFC 6868) for
// double quotes, newlines and carets, and double quotes around values that
// hold a colon, semicolon or comma (such as "Price, Rumi" or a mailto URI).
func paramValue(s string) string {
	var b strings.Builder
	quote := false
	for _, r := range s {
		switch {
		case r == '^':
			b.WriteString("^^")
		case r == '"':
			b.WriteString("^'")
		case r == '\n':
			b.WriteString("^n")
		case r == ':' || r == ';' || r == ',':
			quote = true
			b.WriteRune(r)
		case isControl(r), r == '\r', r == utf8.RuneError:
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	if quote {
		return `"` + b.String() + `"`
	}
	return b.String()
}

// unescapeParam decodes RFC 6868 caret encoding in a parameter value.
func unescapeParam(s string) string {
	if !strings.Contains(s, "^") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '^' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		switch s[i+1] {
		case 'n':
			b.WriteByte('\n')
			i++
		case '\'':
			b.WriteByte('"')
			i++
		case '^':
			b.WriteByte('^')
			i++
		default:
			b.WriteByte('^')
		}
	}
	return b.String()
}
