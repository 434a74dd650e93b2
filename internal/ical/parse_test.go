package ical

import (
	"errors"
	"strings"
	"testing"
)

func TestParseStructure(t *testing.T) {
	t.Parallel()
	in := "\xef\xbb\xbfBEGIN:VCALENDAR\nVERSION:2.0\nmethod:reply\n\nBEGIN:VEVENT\n" +
		"ATTENDEE;CN=\"Price, Rumi\";DELEGATED-TO=\"mailto:a@b.c\",\"mailto:d@e.f\";X-Q=^'q^'^n:mailto:r@w.e\n" +
		"SUMMARY:one\\, two\\; three\\nfour\n" +
		"DESCRIPTION:fol\n ded\n\tline\n" +
		"BEGIN:VALARM\nACTION:DISPLAY\nEND:VALARM\nEND:VEVENT\nEND:VCALENDAR\n"
	cal, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if cal.Method() != MethodReply {
		t.Errorf("method %q", cal.Method())
	}
	ve := cal.Sub("VEVENT")[0]
	a := ve.Prop("ATTENDEE")
	if a.Param("cn") != "Price, Rumi" || a.Value != "mailto:r@w.e" || a.Line != 6 {
		t.Errorf("attendee %+v", a)
	}
	if got := a.Params["DELEGATED-TO"]; len(got) != 2 || got[1] != "mailto:d@e.f" {
		t.Errorf("DELEGATED-TO %q", got)
	}
	if got := a.Param("X-Q"); got != "\"q\"\n" {
		t.Errorf("RFC 6868: got %q", got)
	}
	if got := text(ve, "SUMMARY"); got != "one, two; three\nfour" {
		t.Errorf("summary %q", got)
	}
	if got := text(ve, "DESCRIPTION"); got != "foldedline" {
		t.Errorf("unfolded %q", got)
	}
	if len(ve.Sub("VALARM")) != 1 {
		t.Error("VALARM not nested")
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"empty", "", 0, "empty"},
		{"blank", "\r\n\r\n", 0, "empty"},
		{"not a calendar", "BEGIN:VCARD\r\nEND:VCARD\r\n", 1, "expected BEGIN:VCALENDAR"},
		{"property first", "VERSION:2.0\r\n", 1, "expected BEGIN:VCALENDAR"},
		{"continuation first", " BEGIN:VCALENDAR\r\n", 1, "continuation"},
		{"no colon", "BEGIN:VCALENDAR\r\nVERSION 2.0\r\nEND:VCALENDAR\r\n", 2, "no ':'"},
		{"no name", "BEGIN:VCALENDAR\r\n:2.0\r\nEND:VCALENDAR\r\n", 2, "expected a property name"},
		{"param without =", "BEGIN:VCALENDAR\r\nX;Y:z\r\nEND:VCALENDAR\r\n", 2, "without a name or '='"},
		{"open quote", "BEGIN:VCALENDAR\r\nX;CN=\"abc:z\r\nEND:VCALENDAR\r\n", 2, "never closes"},
		{"quote inside", "BEGIN:VCALENDAR\r\nX;CN=a\"b\":z\r\nEND:VCALENDAR\r\n", 2, "quote inside"},
		{"mismatched end", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\nEND:VCALENDAR\r\n", 3, "END:VTODO does not close BEGIN:VEVENT of line 2"},
		{"never closed", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\n", 2, "never closed"},
		{"two calendars", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", 3, "after END:VCALENDAR"},
		{"bad begin", "BEGIN:VCALENDAR\r\nBEGIN:\r\nEND:VCALENDAR\r\n", 2, "component name"},
		{"folded error line", "BEGIN:VCALENDAR\r\nSUMMARY:a\r\n b\r\nX;Y\r\n :z\r\nEND:VCALENDAR\r\n", 4, "without a name or '='"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.in))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a ParseError", err)
			}
			if pe.Line != tt.line || !strings.Contains(pe.Error(), tt.msg) {
				t.Errorf("got %q (line %d), want line %d and %q", pe.Error(), pe.Line, tt.line, tt.msg)
			}
		})
	}
}

func TestParseLimits(t *testing.T) {
	t.Parallel()
	l := Limits{Bytes: 200, Lines: 10, Depth: 2, Components: 3}
	tests := []struct{ name, in string }{
		{"bytes", "BEGIN:VCALENDAR\r\nX:" + strings.Repeat("a", 300) + "\r\nEND:VCALENDAR\r\n"},
		{"lines", strings.Repeat("\r\n", 11)},
		{"depth", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nBEGIN:VALARM\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"},
		{"components", "BEGIN:VCALENDAR\r\nBEGIN:A\r\nEND:A\r\nBEGIN:B\r\nEND:B\r\nBEGIN:C\r\nEND:C\r\nEND:VCALENDAR\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := l.Parse(strings.NewReader(tt.in))
			if !errors.Is(err, ErrTooLarge) {
				t.Errorf("got %v, want ErrTooLarge", err)
			}
		})
	}
}

func TestParseInvalidUTF8(t *testing.T) {
	t.Parallel()
	cal, err := Parse(strings.NewReader("BEGIN:VCALENDAR\r\nSUMMARY:caf\xe9\r\nEND:VCALENDAR\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := text(&cal.Component, "SUMMARY"); got != "caf\uFFFD" {
		t.Errorf("got %q", got)
	}
}
