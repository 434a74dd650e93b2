package sheet

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// Column widths, in characters of the default font.
const (
	minWidth    = 8
	maxWidth    = 60
	widthSample = 1000 // rows looked at to fit a column
	// listRows is how many rows below the data keep the drop-down lists,
	// for the officer to add more.
	listRows = 1000
	// inlineList is the longest list Excel accepts written into the
	// validation itself (ECMA-376 limits the formula to 255 characters).
	inlineList = 255
)

// WriteXLSX writes s as a workbook with one sheet: a bold header row that
// stays in view when scrolling, columns as wide as their content (within
// bounds), every value as text (never a formula, so nothing is evaluated and
// no apostrophe is needed), a drop-down list on each column of s.Lists and a
// note on each header cell of s.Notes. A list too long or with commas to be
// written into the validation is kept in a hidden second sheet, "Lists".
func WriteXLSX(w io.Writer, s Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	name := sheetName(s.Name)
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return fmt.Errorf("sheet: name sheet: %w", err)
	}
	// The rows are streamed: a sheet of 10,000 rows takes a tenth of the
	// memory and time that setting cells one by one does.
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("sheet: stream: %w", err)
	}
	for i, wd := range columnWidths(s) {
		if err := sw.SetColWidth(i+1, i+1, float64(wd)); err != nil {
			return fmt.Errorf("sheet: column width: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return fmt.Errorf("sheet: freeze header: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("sheet: header style: %w", err)
	}
	if err := sw.SetRow("A1", values(s.Header), excelize.RowOpts{StyleID: bold}); err != nil {
		return fmt.Errorf("sheet: write header: %w", err)
	}
	for i, row := range s.Rows {
		if err := sw.SetRow(cellName(1, i+2), values(row)); err != nil {
			return fmt.Errorf("sheet: write row: %w", err)
		}
	}
	// Validations and notes belong to the worksheet the stream writes out
	// on Flush, so they come first.
	if err := addLists(f, name, s); err != nil {
		return err
	}
	for _, col := range sortedKeys(s.Notes) {
		note := outText(s.Notes[col])
		if note == "" || col < 0 {
			continue
		}
		if err := f.AddComment(name, excelize.Comment{Author: "Itinera", Cell: cellName(col+1, 1), Text: note}); err != nil {
			return fmt.Errorf("sheet: note: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("sheet: stream: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("sheet: write workbook: %w", err)
	}
	return nil
}

// values returns cells as stream values: text (written inline, never as a
// formula) or nil for an empty cell.
func values(cells []string) []any {
	out := make([]any, len(cells))
	for i, v := range cells {
		if v = outText(v); v != "" {
			out[i] = v
		}
	}
	return out
}

// columnWidths fits each column to its widest value among the header and
// the first rows, within bounds.
func columnWidths(s Sheet) []int {
	var widths []int
	fit := func(cells []string) {
		for i, v := range cells {
			if i >= len(widths) {
				widths = append(widths, make([]int, i+1-len(widths))...)
			}
			widths[i] = max(widths[i], textWidth(v))
		}
	}
	fit(s.Header)
	for _, row := range s.Rows[:min(len(s.Rows), widthSample)] {
		fit(row)
	}
	for i, wd := range widths {
		widths[i] = min(max(wd+2, minWidth), maxWidth)
	}
	return widths
}

// addLists adds a drop-down list to each column of s.Lists.
func addLists(f *excelize.File, name string, s Sheet) error {
	last := len(s.Rows) + 1 + listRows
	listSheet := ""
	listCol := 0
	for _, col := range sortedKeys(s.Lists) {
		if col < 0 {
			continue
		}
		var values []string
		for _, v := range s.Lists[col] {
			if v = outText(v); v != "" {
				values = append(values, v)
			}
		}
		if len(values) == 0 {
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s:%s", cellName(col+1, 2), cellName(col+1, last))
		joined := strings.Join(values, ",")
		if utf16Len(joined) <= inlineList && !strings.ContainsAny(joined, "\"") && len(strings.Split(joined, ",")) == len(values) {
			if err := dv.SetDropList(values); err != nil {
				return fmt.Errorf("sheet: list: %w", err)
			}
		} else {
			if listSheet == "" {
				listSheet = "Lists"
				if strings.EqualFold(name, listSheet) {
					listSheet = "Lists of values"
				}
				if _, err := f.NewSheet(listSheet); err != nil {
					return fmt.Errorf("sheet: list sheet: %w", err)
				}
				if err := f.SetSheetVisible(listSheet, false, true); err != nil {
					return fmt.Errorf("sheet: list sheet: %w", err)
				}
			}
			listCol++
			for i, v := range values {
				if err := f.SetCellStr(listSheet, cellName(listCol, i+1), v); err != nil {
					return fmt.Errorf("sheet: list value: %w", err)
				}
			}
			c := columnName(listCol)
			dv.SetSqrefDropList(fmt.Sprintf("'%s'!$%s$1:$%s$%d", listSheet, c, c, len(values)))
		}
		dv.SetError(excelize.DataValidationErrorStyleWarning, "Not in the list", "This value is not one of the list's; the import may refuse it.")
		if note := outText(s.Notes[col]); note != "" {
			dv.SetInput(truncate(headerAt(s.Header, col), 32), truncate(note, 255))
		}
		if err := f.AddDataValidation(name, dv); err != nil {
			return fmt.Errorf("sheet: list: %w", err)
		}
	}
	return nil
}

func headerAt(h []string, i int) string {
	if i < len(h) {
		return outText(h[i])
	}
	return ""
}

// truncate shortens s to at most n characters, as Excel limits the titles
// and texts of input messages.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

func cellName(col, row int) string {
	return fmt.Sprintf("%s%d", columnName(col), row)
}

func sortedKeys[V any](m map[int]V) []int {
	return slices.Sorted(maps.Keys(m))
}

// textWidth is the width of v's longest line in characters, East Asian
// wide characters counting two.
func textWidth(v string) int {
	most := 0
	for line := range strings.SplitSeq(v, "\n") {
		n := 0
		for _, r := range line {
			n++
			if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
				n++
			}
			if n > maxWidth {
				break
			}
		}
		most = max(most, n)
	}
	return most
}

// sheetName makes name a valid sheet name: none of : \ / ? * [ ], no
// apostrophe at either end, 1 to 31 characters, not Excel's reserved
// "History".
func sheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) || isControl(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(name, ""))
	name = strings.Trim(collapse(name), "'")
	if r := []rune(name); len(r) > 31 {
		name = strings.Trim(strings.TrimFunc(string(r[:31]), isTrim), "'")
	}
	if name == "" {
		name = "Sheet1"
	}
	if strings.EqualFold(name, "History") {
		name = "History sheet"
	}
	return name
}
