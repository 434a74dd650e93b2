// Package sheet reads spreadsheets as program officers really have them (CSV
// from Excel, LibreOffice and Google Sheets; XLSX workbooks) and writes them
// back, for importing and exporting records. It is pure: no database, no
// HTTP. Every error about a bad file is an *itinera.Error with code
// itinera.EINVALID and a plain-English message naming what is wrong.
//
// # API
//
//	const MaxBytes, MaxRows, MaxColumns, MaxCell // limits: 10 MB, 50,000 data rows, 200 columns, 10,000 characters a cell
//
//	type Table struct {
//		Format    string   // "csv" or "xlsx"
//		Sheet     string   // the sheet read ("" for CSV)
//		Sheets    []string // the visible sheets of a workbook (nil for CSV)
//		Encoding  string   // CSV: "UTF-8", "UTF-8 with BOM", "UTF-16" or "Windows-1252"
//		Delimiter rune     // CSV: ',', ';' or '\t'
//		HeaderRow int      // row number of the header row
//		Header    []string
//		Rows      []Row
//		Warnings  []string
//	}
//	type Row struct { Number int; Cells []string } // len(Cells) == len(Header)
//	func (t Table) Shape() string
//
//	func Read(name string, r io.Reader, sheet string) (Table, error)
//	func ReadCSV(data []byte) (Table, error)
//	func ReadXLSX(data []byte, sheet string) (Table, error)
//	func Unsafe(v string) string
//
//	type Sheet struct {
//		Name   string
//		Header []string
//		Rows   [][]string
//		Lists  map[int][]string // column index → drop-down values (XLSX)
//		Notes  map[int]string   // column index → help text (XLSX)
//	}
//	func WriteCSV(w io.Writer, s Sheet) error
//	func WriteXLSX(w io.Writer, s Sheet) error
//
// # Reading, both formats
//
// The header is the first row with a value. When that row holds a single
// value (a title, perhaps merged across the columns) and the next row with
// values names two or more columns, the title is passed over with a
// warning and that next row is the header. Header cells are trimmed and
// their white space collapsed to single spaces; trailing empty header cells
// are dropped, an empty one between named columns stays "". Every cell is
// trimmed of white space (including no-break spaces) and its line breaks
// become "\n". Rows with no value under the header are left out; values to
// the right of the last named column are ignored with a warning naming the
// row. Row.Number is the row number the officer sees in their spreadsheet
// program: the XLSX row number; for CSV the record's number in the file,
// counting the header and empty lines, which is what Excel, LibreOffice and
// Google Sheets show when they open it (a line break inside a quoted value
// does not shift it; Excel's "sep=;" line is not counted, as Excel hides it).
//
// # CSV
//
// RFC 4180 with the leniency real files need. The encoding is UTF-8 with or
// without a BOM, UTF-16 with a BOM (Excel's "Unicode Text"), or, when the
// bytes are not valid UTF-8, Windows-1252 (Excel's "CSV (Comma delimited)"
// on Windows). The delimiter is comma, semicolon or tab: Excel's "sep=;"
// first line when present, otherwise the one that splits the first 50
// records into the same number of fields most often. Records end at CR LF,
// LF or a lone CR. A quoted value may hold delimiters, line breaks and
// doubled quotes; text after its closing quote is kept; a quote inside an
// unquoted value is an ordinary character; a quote never closed is an error
// naming its line. NUL characters are refused as binary data. Every cell
// goes through Unsafe before trimming, so files written by WriteCSV read
// back unchanged.
//
// # XLSX
//
// The named sheet (hidden ones too) or the first visible one; Table.Sheets
// lists the visible sheets, the ones an officer can pick. Refused, with a
// short plain reason: files that unpack to more than 100 MB (ZIP bombs),
// files excelize cannot open, and sheets whose values spread over more than
// MaxRows × MaxColumns cells (a few values far apart, or a huge merged
// range, would otherwise take gigabytes). Values are read as follows: text
// as it is; formulas as their saved result (a formula with no saved result
// is read as "" with a warning naming the cell); booleans as TRUE or FALSE;
// numbers whose number format is a date or time, whatever its locale, as
// "2006-01-02", "2006-01-02 15:04" or "15:04" (":05" added when seconds are
// not zero; elapsed-time formats such as [h]:mm as hours:minutes); other
// numbers as their stored value to 15 significant digits with neither
// exponent nor thousands separators, whatever their number format (a phone
// number typed as a number stays all digits; 12.5% reads as 0.125). Every
// cell of a merged range gets the range's value.
//
// # Writing
//
// WriteCSV writes UTF-8 with a BOM, commas, CR LF and RFC 4180 quoting, and
// guards against formula injection: a cell starting with = + - @ TAB CR or
// LF (after any apostrophes) gets a leading apostrophe, which Unsafe takes
// off again. WriteXLSX writes every value as text (inline strings, never
// formulas), so nothing is evaluated; a drop-down list too long for the
// validation itself (255 characters) or holding commas or quotes is kept in
// a hidden second sheet, "Lists". Both writers drop control characters other
// than tab and line breaks and replace invalid UTF-8, since spreadsheets
// cannot hold them. So, for any header and cells, reading back what was
// written gives them again, trimmed and with "\n" line breaks, except rows
// left empty (and a header holding one value only, over rows holding
// several, which is taken for a title).
package sheet
