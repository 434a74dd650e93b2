package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"itinera"
)

// maxUnzipped bounds the unpacked size of a workbook, against ZIP bombs.
const maxUnzipped = 100 << 20

// ReadXLSX reads one sheet of an XLSX workbook: the one named sheet
// (case-insensitive), or the first visible sheet when sheet is "". See the
// package documentation for how values are read.
func ReadXLSX(data []byte, sheet string) (t Table, err error) {
	t = Table{Format: "xlsx"}
	if len(data) > MaxBytes {
		return t, tooLarge()
	}
	if bytes.HasPrefix(data, magicOLE) {
		return t, oldWorkbook()
	}
	zr, err := checkZIP(data)
	if err != nil {
		return t, err
	}
	// excelize is not written for hostile input; a panic on a damaged
	// file must not take the server down.
	defer func() {
		if p := recover(); p != nil {
			t, err = Table{Format: "xlsx"}, invalidXLSX("it is damaged")
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    maxUnzipped,
		UnzipXMLSizeLimit: maxUnzipped, // keep every part in memory: no temporary files
	})
	if err != nil {
		return t, invalidXLSX(cause(err))
	}
	defer f.Close()

	all := f.GetSheetList()
	for _, name := range all {
		if visible, err := f.GetSheetVisible(name); err == nil && visible {
			t.Sheets = append(t.Sheets, name)
		}
	}
	if sheet == "" {
		if len(t.Sheets) == 0 {
			return t, itinera.Errorf(itinera.EINVALID, "The workbook has no visible sheet.")
		}
		t.Sheet = t.Sheets[0]
	} else {
		for _, name := range all {
			if strings.EqualFold(name, sheet) {
				t.Sheet = name
				break
			}
		}
		if t.Sheet == "" {
			return t, itinera.Errorf(itinera.EINVALID, "The workbook has no sheet named %q; its sheets are: %s.", sheet, strings.Join(t.Sheets, ", "))
		}
	}
	recs, warnings, err := readSheet(f, zr, t.Sheet)
	if err != nil {
		return t, err
	}
	if len(recs) == 0 {
		return t, itinera.Errorf(itinera.EINVALID, "The sheet %q is empty.", t.Sheet)
	}
	if err := build(&t, recs); err != nil {
		return t, err
	}
	t.Warnings = append(warnings, t.Warnings...)
	return t, nil
}

func invalidXLSX(why string) error {
	return itinera.Errorf(itinera.EINVALID, "The file is not a valid XLSX workbook (%s).", why)
}

// checkZIP looks into the archive before excelize does: it refuses ZIP bombs
// by the sizes the archive declares (archive/zip refuses entries that
// unpack to more than they declare) and names what the archive is when it
// is not a workbook.
func checkZIP(data []byte) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, invalidXLSX("it is damaged or not a ZIP archive")
	}
	var total uint64
	workbook := false
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if total > maxUnzipped {
			return nil, itinera.Errorf(itinera.EINVALID, "The file unpacks to more than %d MB; split it into smaller files.", maxUnzipped>>20)
		}
		name := strings.ToLower(zf.Name)
		switch {
		case name == "xl/workbook.xml":
			workbook = true
		case name == "mimetype" && zf.UncompressedSize64 < 100:
			if b, err := readZIPFile(zf); err == nil && strings.HasPrefix(string(b), "application/vnd.oasis.opendocument.spreadsheet") {
				return nil, itinera.Errorf(itinera.EINVALID, "The file is an OpenDocument spreadsheet (.ods); save it as .xlsx or CSV and upload that.")
			}
		case name == "index/document.iwa":
			return nil, itinera.Errorf(itinera.EINVALID, "The file is a Numbers spreadsheet; export it from Numbers as .xlsx or CSV and upload that.")
		}
	}
	if !workbook {
		return nil, invalidXLSX("it is a ZIP archive with no workbook inside")
	}
	return zr, nil
}

func readZIPFile(zf *zip.File) ([]byte, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// cause words an excelize or archive error for a program officer, without
// internal detail.
func cause(err error) string {
	var syn *xml.SyntaxError
	switch {
	case errors.Is(err, zip.ErrFormat):
		return "it is damaged or not a ZIP archive"
	case errors.Is(err, zip.ErrChecksum):
		return "it is damaged: a part fails its checksum"
	case errors.Is(err, zip.ErrAlgorithm):
		return "it is compressed in a way spreadsheet programs do not use"
	case errors.As(err, &syn), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "a part of it is damaged XML"
	case errors.Is(err, excelize.ErrWorkbookFileFormat):
		return "its workbook part is missing or damaged"
	}
	return "it could not be opened"
}

// cellReader turns the cells of one sheet into text.
type cellReader struct {
	f        *excelize.File
	meta     sheetMeta
	date1904 bool
	kinds    map[int]dateKind // by style id
	noCache  []string         // formula cells without a saved result
}

// readSheet returns the rows of a sheet as records, merged ranges filled in,
// and warnings about formulas without a saved result.
func readSheet(f *excelize.File, zr *zip.Reader, sheet string) ([]record, []string, error) {
	part := worksheetPart(zr, sheet)
	if part == nil {
		return nil, nil, itinera.Errorf(itinera.EINVALID, "The sheet %q could not be read (its part of the file is missing).", sheet)
	}
	meta, err := scanSheet(part)
	if err != nil {
		return nil, nil, itinera.Errorf(itinera.EINVALID, "The sheet %q could not be read (%s).", sheet, cause(err))
	}
	if meta.spread > maxSpread {
		return nil, nil, tooSpread(sheet)
	}
	// Raw values: shared strings resolved, numbers as stored, no number
	// format applied; the cell's type and style then decide its text.
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, nil, itinera.Errorf(itinera.EINVALID, "The sheet %q could not be read (%s).", sheet, cause(err))
	}
	cr := cellReader{f: f, meta: meta, kinds: map[int]dateKind{}}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		cr.date1904 = *props.Date1904
	}
	width := 0
	for _, row := range rows {
		width = max(width, len(row))
	}
	recs := make([]record, len(rows))
	for i, row := range rows {
		cells := make([]string, len(row))
		for j, raw := range row {
			cells[j] = clean(cr.value(j+1, i+1, raw))
		}
		recs[i] = record{number: i + 1, cells: cells}
	}
	if !fillMerged(meta.merges, recs, width) {
		return nil, nil, tooSpread(sheet)
	}
	var warnings []string
	for i, ref := range cr.noCache {
		if i == maxWarnings {
			warnings = append(warnings, fmt.Sprintf("%d more cells hold a formula whose result was not saved; they are read as empty.", len(cr.noCache)-maxWarnings))
			break
		}
		warnings = append(warnings, fmt.Sprintf("Cell %s holds a formula whose result was not saved, so it is read as empty; open the file in your spreadsheet program, save it and upload it again.", ref))
	}
	return recs, warnings, nil
}

// value returns the text of the cell at col, row whose raw value is raw.
func (cr *cellReader) value(col, row int, raw string) string {
	m, ok := cr.meta.cells[[2]int{col, row}]
	if !ok {
		return raw // text, or a formula's text result
	}
	if raw == "" {
		if m.formula && !m.value {
			cr.noCache = append(cr.noCache, cellName(col, row))
		}
		return ""
	}
	switch m.typ {
	case "b":
		switch raw {
		case "1":
			return "TRUE"
		case "0":
			return "FALSE"
		}
		return raw
	case "d":
		return isoValue(raw)
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
		return raw
	}
	kind := cr.kind(m.style)
	if kind == cjkAmbiguous {
		kind = dateOnly
		if x < 1 {
			kind = timeOnly
		}
	}
	if kind != notDate {
		if s, ok := formatSerial(x, kind, cr.date1904); ok {
			return s
		}
	}
	return formatNumber(x)
}

// kind returns how the number format of style id shows a number.
func (cr *cellReader) kind(id int) dateKind {
	if k, ok := cr.kinds[id]; ok {
		return k
	}
	k := notDate
	if st, err := cr.f.GetStyle(id); err == nil && st != nil {
		if st.CustomNumFmt != nil {
			k = codeKind(*st.CustomNumFmt)
		} else {
			k = builtInKind(st.NumFmt)
		}
	}
	cr.kinds[id] = k
	return k
}

// formatNumber writes x as Excel shows it in a General cell, to 15
// significant digits, but never with an exponent or thousands separators: a
// phone number typed as a number stays all digits.
func formatNumber(x float64) string {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64)
	if err != nil {
		r = x
	}
	if r == 0 {
		return "0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// Serial numbers of the 1900 and 1904 date systems: day 0 and the last day
// Excel shows (9999-12-31).
var (
	epoch1900 = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	epoch1904 = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

const maxSerial = 2958466

// formatSerial writes the date serial number x as ISO text for kind.
func formatSerial(x float64, kind dateKind, date1904 bool) (string, bool) {
	if x < 0 || x >= maxSerial || math.IsNaN(x) {
		return "", false
	}
	secs := int64(math.Round(x * 86400))
	if kind == elapsed {
		h, m, s := secs/3600, secs/60%60, secs%60
		if s != 0 {
			return fmt.Sprintf("%d:%02d:%02d", h, m, s), true
		}
		return fmt.Sprintf("%d:%02d", h, m), true
	}
	epoch := epoch1900
	if date1904 {
		epoch = epoch1904
	} else if secs < 61*86400 {
		// Excel counts a 29 February 1900 that never was (serial 60):
		// serials before it are one day later than a real calendar says.
		secs += 86400
	}
	t := epoch.Add(time.Duration(secs) * time.Second)
	clock := t.Format("15:04")
	if t.Second() != 0 {
		clock = t.Format("15:04:05")
	}
	switch kind {
	case timeOnly:
		return clock, true
	case dateTime:
		return t.Format("2006-01-02") + " " + clock, true
	}
	return t.Format("2006-01-02"), true
}

// isoValue shortens an ISO 8601 date cell (t="d") to the same forms as
// dates held as serial numbers.
func isoValue(raw string) string {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, raw); err == nil {
			switch {
			case t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0:
				return t.Format("2006-01-02")
			case t.Second() == 0:
				return t.Format("2006-01-02 15:04")
			}
			return t.Format("2006-01-02 15:04:05")
		}
	}
	return raw
}

// maxSpread bounds the cells a sheet may spread over, counting each row up to
// its last value (and the cells merged ranges fill): the most a sheet within
// the limits can use, MaxRows by MaxColumns. It keeps a small file whose few
// values sit far apart from taking gigabytes.
const maxSpread = MaxRows * MaxColumns

func tooSpread(sheet string) error {
	return itinera.Errorf(itinera.EINVALID, "The sheet %q spreads over more than %s cells (%s rows of %d columns); delete the rows and columns it does not need.", sheet, thousands(maxSpread), thousands(MaxRows), MaxColumns)
}

// fillMerged copies the value of each merged range's first cell into every
// cell of the range, within the rows the sheet uses and one column more than
// a header may have. It reports false when that would fill more than
// maxSpread cells.
func fillMerged(merges []string, recs []record, width int) bool {
	width = min(width, MaxColumns+1)
	budget := maxSpread
	for _, ref := range merges {
		first, last, _ := strings.Cut(ref, ":")
		if last == "" {
			last = first
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(first)
		c2, r2, err2 := excelize.CellNameToCoordinates(last)
		if err1 != nil || err2 != nil {
			continue
		}
		c1, c2 = min(c1, c2), max(c1, c2)
		r1, r2 = min(r1, r2), max(r1, r2)
		if r1 > len(recs) || c1 > width {
			continue
		}
		r2, c2 = min(r2, len(recs)), min(c2, width)
		if budget -= (r2 - r1 + 1) * (c2 - c1 + 1); budget < 0 {
			return false
		}
		v := ""
		if cells := recs[r1-1].cells; c1 <= len(cells) {
			v = cells[c1-1]
		}
		if v == "" {
			continue
		}
		for r := r1; r <= r2; r++ {
			cells := recs[r-1].cells
			for len(cells) < c2 {
				cells = append(cells, "")
			}
			for c := c1; c <= c2; c++ {
				cells[c-1] = v
			}
			recs[r-1].cells = cells
		}
	}
	return true
}
