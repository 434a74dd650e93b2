package ical

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// maxLineOctets is the longest content line RFC 5545 3.1 allows, not
// counting the CRLF.
const maxLineOctets = 75

// param is one property parameter; values are encoded by the writer.
type param struct {
	name  string
	value string
}

// writer builds an iCalendar stream: one content line per property, folded
// at 75 octets on UTF-8 boundaries, ended by CRLF.
type writer struct {
	buf bytes.Buffer
}

// line writes a property whose value is already encoded (TEXT escaped or a
// URI or date-time that needs no escaping).
func (w *writer) line(name string, value string, params ...param) {
	var b strings.Builder
	b.WriteString(name)
	for _, p := range params {
		b.WriteByte(';')
		b.WriteString(p.name)
		b.WriteByte('=')
		b.WriteString(paramValue(p.value))
	}
	b.WriteByte(':')
	b.WriteString(value)
	w.fold(b.String())
}

// text writes a TEXT property, escaping the value.
func (w *writer) text(name, value string, params ...param) {
	w.line(name, escapeText(value), params...)
}

// begin and end open and close a component.
func (w *writer) begin(name string) { w.line("BEGIN", name) }
func (w *writer) end(name string)   { w.line("END", name) }

// fold writes s as one logical line: chunks of at most 75 octets, each
// continuation starting with a space (which counts toward its 75).
func (w *writer) fold(s string) {
	limit := maxLineOctets
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.buf.WriteString(s[:cut])
		w.buf.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLineOctets - 1
	}
	w.buf.WriteString(s)
	w.buf.WriteString("\r\n")
}

// Bytes returns what was written.
func (w *writer) Bytes() []byte { return w.buf.Bytes() }
