package sheet

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"itinera"
)

// Limits bounding what Read accepts.
const (
	MaxBytes   = 10 << 20 // 10 MB per file
	MaxRows    = 50000    // data rows
	MaxColumns = 200
	MaxCell    = 10000 // characters in one cell
)

// maxWarnings is how many warnings of one kind are listed one by one before
// the rest are summed up in one line.
const maxWarnings = 10

// Table is one sheet of a file: a header row and the data rows under it.
type Table struct {
	Format    string   // "csv" or "xlsx"
	Sheet     string   // the sheet read ("" for CSV)
	Sheets    []string // every visible sheet of a workbook (nil for CSV)
	Encoding  string   // CSV: "UTF-8", "UTF-8 with BOM", "UTF-16" or "Windows-1252"
	Delimiter rune     // CSV: ',', ';' or '\t'
	HeaderRow int      // 1-based row number of the header row
	Header    []string // header cells, trimmed, whitespace collapsed; merged header cells filled in; an empty header cell stays ""
	Rows      []Row    // data rows; entirely empty rows are left out
	Warnings  []string // plain-English notes on what was read in a way the officer may not expect
}

// Row is a data row.
type Row struct {
	// Number is the row number the officer sees in their spreadsheet
	// program: the XLSX row number, or for CSV the 1-based number of the
	// record in the file, counting the header and empty lines as records
	// (what Excel, LibreOffice and Google Sheets show when they open the
	// file). A line break inside a quoted value does not shift it.
	Number int
	Cells  []string // exactly len(Header) cells; missing cells are ""
}

// Shape returns a stable key of the table's columns (lower-cased header
// cells joined by a tab), used to remember the officer's column mapping for
// the next file of the same shape, whatever its format.
func (t Table) Shape() string {
	parts := make([]string, len(t.Header))
	for i, h := range t.Header {
		parts[i] = strings.ToLower(h)
	}
	return strings.Join(parts, "\t")
}

// record is one row of a file before the header is found: its row number and
// its cells, already cleaned.
type record struct {
	number int
	cells  []string
}

// isTrim reports the characters trimmed around every cell: Unicode white
// space (which includes the no-break space Excel users type) and the
// zero-width no-break space a stray BOM leaves behind.
func isTrim(r rune) bool {
	return unicode.IsSpace(r) || r == '\uFEFF' || r == '\u200B'
}

// clean normalises line breaks inside a value to LF and trims it.
func clean(v string) string {
	if strings.IndexByte(v, '\r') >= 0 {
		v = strings.ReplaceAll(v, "\r\n", "\n")
		v = strings.ReplaceAll(v, "\r", "\n")
	}
	return strings.TrimFunc(v, isTrim)
}

// collapse trims v and turns every run of white space inside it into one
// space, for header cells.
func collapse(v string) string {
	return strings.Join(strings.FieldsFunc(v, isTrim), " ")
}

// columnName returns the spreadsheet letter of the 1-based column n (1 = A).
func columnName(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

func isEmpty(cells []string) bool {
	for _, c := range cells {
		if c != "" {
			return false
		}
	}
	return true
}

// distinct returns the number of different non-empty values in cells.
func distinct(cells []string) int {
	seen := map[string]bool{}
	for _, c := range cells {
		if c != "" {
			seen[c] = true
		}
	}
	return len(seen)
}

// build finds the header among recs and fills t.HeaderRow, t.Header and t.Rows.
// Cells must already be cleaned.
func build(t *Table, recs []record) error {
	for _, rec := range recs {
		for i, c := range rec.cells {
			if len(c) > MaxCell && utf8.RuneCountInString(c) > MaxCell {
				return itinera.Errorf(itinera.EINVALID, "Row %d, column %s: a value is longer than %s characters; shorten it.", rec.number, columnName(i+1), thousands(MaxCell))
			}
		}
	}
	h := -1
	for i, rec := range recs {
		if !isEmpty(rec.cells) {
			h = i
			break
		}
	}
	if h < 0 {
		return itinera.Errorf(itinera.EINVALID, "The file has no header row: every row is empty.")
	}
	// A title above the table ("Roster – Combating Trafficking in Persons",
	// often merged across the columns) is one value on its own row; the
	// header is the row under it that names several columns.
	if distinct(recs[h].cells) == 1 {
		for j := h + 1; j < len(recs); j++ {
			if isEmpty(recs[j].cells) {
				continue
			}
			if distinct(recs[j].cells) >= 2 {
				title := ""
				for _, c := range recs[h].cells {
					if c != "" {
						title = collapse(c)
						break
					}
				}
				t.Warnings = append(t.Warnings, fmt.Sprintf("Row %d (%q) looks like a title, so row %d is read as the header row.", recs[h].number, title, recs[j].number))
				h = j
			}
			break
		}
	}
	hdr := recs[h].cells
	width := len(hdr)
	for width > 0 && hdr[width-1] == "" {
		width--
	}
	if width > MaxColumns {
		return itinera.Errorf(itinera.EINVALID, "The header row has %d columns; at most %d can be read.", width, MaxColumns)
	}
	t.HeaderRow = recs[h].number
	t.Header = make([]string, width)
	for i, c := range hdr[:width] {
		t.Header[i] = collapse(c)
	}
	var beyond []int
	for _, rec := range recs[h+1:] {
		cells := rec.cells
		if len(cells) > width {
			if !isEmpty(cells[width:]) {
				beyond = append(beyond, rec.number)
			}
			cells = cells[:width]
		}
		if isEmpty(cells) {
			continue
		}
		if len(t.Rows) == MaxRows {
			return itinera.Errorf(itinera.EINVALID, "The file has more than %s rows of data; split it into smaller files.", thousands(MaxRows))
		}
		row := Row{Number: rec.number, Cells: make([]string, width)}
		copy(row.Cells, cells)
		t.Rows = append(t.Rows, row)
	}
	last := "A"
	if width > 0 {
		last = columnName(width)
	}
	for i, n := range beyond {
		if i == maxWarnings {
			t.Warnings = append(t.Warnings, fmt.Sprintf("%d more rows have values beyond the last named column (%s); they are ignored.", len(beyond)-maxWarnings, last))
			break
		}
		t.Warnings = append(t.Warnings, fmt.Sprintf("Row %d has values beyond the last named column (%s); they are ignored.", n, last))
	}
	return nil
}

// thousands formats n with comma thousands separators, for messages.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
