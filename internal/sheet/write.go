package sheet

import (
	"bufio"
	"io"
	"strings"
)

// Sheet is a table to write: a header row, data rows, and help for the
// officer filling it in.
type Sheet struct {
	Name   string // sheet name for XLSX (at most 31 characters, made safe); CSV ignores it
	Header []string
	Rows   [][]string
	// Lists gives, per column index, the values a cell may take; XLSX
	// output gets a drop-down list on that column (rows 2 to the data
	// length + 1000), and CSV ignores it.
	Lists map[int][]string
	// Notes gives, per column index, a short help text: XLSX shows it as a
	// note (comment) on the header cell, and as the input message of the
	// column's drop-down list when it has one. CSV ignores it.
	Notes map[int]string
}

// outText makes v storable in a spreadsheet: invalid UTF-8 becomes U+FFFD
// and control characters other than tab, LF and CR are dropped (XML, and so
// XLSX, cannot hold them, and ReadCSV refuses NUL).
func outText(v string) string {
	v = strings.ToValidUTF8(v, "\uFFFD")
	if strings.IndexFunc(v, isControl) < 0 {
		return v
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, v)
}

func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF
}

// WriteCSV writes s as CSV the way Excel opens it correctly everywhere:
// UTF-8 with a BOM (so accents show right), comma-separated, CR LF line
// ends, RFC 4180 quoting. A cell that starts with = + - @ TAB CR or LF
// (after any apostrophes) gets a leading apostrophe against formula
// injection (OWASP); ReadCSV takes it off again (see Unsafe). Short rows are
// padded to the header's width.
func WriteCSV(w io.Writer, s Sheet) error {
	bw := bufio.NewWriter(w)
	bw.Write(bomUTF8)
	writeRecord(bw, s.Header, len(s.Header))
	for _, row := range s.Rows {
		writeRecord(bw, row, len(s.Header))
	}
	return bw.Flush()
}

func writeRecord(w *bufio.Writer, cells []string, width int) {
	for i := range max(len(cells), width) {
		if i > 0 {
			w.WriteByte(',')
		}
		if i >= len(cells) {
			continue
		}
		v := guard(outText(cells[i]))
		// Quoted too: semicolons and tabs, so that no reader takes them for
		// the delimiter; white space at either end, which other tools may
		// drop; and "sep=", which Excel would take for a delimiter line.
		if v == "" || !strings.ContainsAny(v, ",;\t\"\r\n") && strings.TrimFunc(v, isTrim) == v && !hasPrefixFold(v, "sep=") {
			w.WriteString(v)
			continue
		}
		w.WriteByte('"')
		w.WriteString(strings.ReplaceAll(v, `"`, `""`))
		w.WriteByte('"')
	}
	w.WriteString("\r\n")
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
