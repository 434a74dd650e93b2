package sheet

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestReadLibreOfficeXLSX(t *testing.T) {
	t.Parallel()
	tab := mustRead(t, "roster.xlsx", "")
	if tab.Format != "xlsx" || tab.Sheet != "Roster" || !reflect.DeepEqual(tab.Sheets, []string{"Roster", "Hotels"}) || tab.HeaderRow != 3 {
		t.Errorf("format %q, sheet %q of %q, header row %d", tab.Format, tab.Sheet, tab.Sheets, tab.HeaderRow)
	}
	header := []string{"Given name", "Family name", "Full name", "Country", "Date of birth", "Arrival", "Arrival", "Passport expiry", "Phone", "Meeting time", "Visitor id"}
	if !reflect.DeepEqual(tab.Header, header) {
		t.Errorf("header\n got %q\nwant %q", tab.Header, header)
	}
	numbers, cells := rowsOf(tab)
	if want := []int{4, 6, 7, 8, 11}; !reflect.DeepEqual(numbers, want) {
		t.Errorf("row numbers %v, want %v", numbers, want)
	}
	want := [][]string{
		{"José", "Müller", "José Müller", "Germany", "1980-03-15", "2025-06-07 18:45", "LH 434", "15/03/2027", "4930123456", "09:30", "100001"},
		{"Анна", "Иванова", "Анна Иванова", "Russia", "1975-11-02", "2025-06-07 21:10", "SU 100", "01/12/2026", "74951234567", "14:00", "100002"},
		{"محمد", "العلي", "محمد العلي", "Jordan", "1985-01-01", "2025-06-08 07:05", "RJ 263", "2028-05-31", "96261234567", "", "100003"},
		{"伟", "李", "伟 李", "China", "1992-12-12", "2025-06-07 12:00", "CA 817", "n/a", "861012345678", "16:15", "100004"},
		{"Zoë", "Faÿ", "Zoë Faÿ", "France", "1990-01-30", "", "", "", "", "", ""},
	}
	if !reflect.DeepEqual(cells, want) {
		t.Errorf("cells\n got %q\nwant %q", cells, want)
	}
	warnings := []string{`Row 1 ("Delegation roster – Combating Trafficking in Persons") looks like a title, so row 3 is read as the header row.`}
	if !reflect.DeepEqual(tab.Warnings, warnings) {
		t.Errorf("warnings\n got %q\nwant %q", tab.Warnings, warnings)
	}

	hotels := mustRead(t, "roster.xlsx", "hOtElS")
	if hotels.Sheet != "Hotels" || !reflect.DeepEqual(hotels.Header, []string{"Hotel", "Address"}) || len(hotels.Rows) != 1 ||
		hotels.Rows[0].Cells[1] != "315 Chestnut St, St. Louis, MO 63102" {
		t.Errorf("sheet Hotels read as %q %q %+v", hotels.Sheet, hotels.Header, hotels.Rows)
	}
}

// mustWorkbook returns the bytes of a workbook that fill builds on its
// first sheet, "Sheet1".
func mustWorkbook(t testing.TB, fill func(f *excelize.File) error) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := fill(f); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// numberCell sets a number with a number format: a built-in id, or a custom
// code when code is not "".
func numberCell(f *excelize.File, cell string, v float64, id int, code string) error {
	st := &excelize.Style{NumFmt: id}
	if code != "" {
		st = &excelize.Style{CustomNumFmt: &code}
	}
	s, err := f.NewStyle(st)
	if err != nil {
		return err
	}
	if err := f.SetCellFloat("Sheet1", cell, v, -1, 64); err != nil {
		return err
	}
	return f.SetCellStyle("Sheet1", cell, cell, s)
}

func TestReadXLSXValues(t *testing.T) {
	t.Parallel()
	// 2024-03-15 is serial 45366; 09:30 is 0.3958333.
	const day, nineThirty = 45366.0, 9.5 / 24
	tests := []struct {
		name string
		fill func(f *excelize.File) error
		want string
	}{
		{"built-in date 14", func(f *excelize.File) error { return numberCell(f, "A2", day, 14, "") }, "2024-03-15"},
		{"built-in date-time 22", func(f *excelize.File) error { return numberCell(f, "A2", day+nineThirty, 22, "") }, "2024-03-15 09:30"},
		{"built-in time 20", func(f *excelize.File) error { return numberCell(f, "A2", nineThirty, 20, "") }, "09:30"},
		{"built-in time 21 with seconds", func(f *excelize.File) error { return numberCell(f, "A2", nineThirty+15.0/86400, 21, "") }, "09:30:15"},
		{"built-in elapsed 46", func(f *excelize.File) error { return numberCell(f, "A2", 1.5, 46, "") }, "36:00"},
		{"built-in East Asian date 31", func(f *excelize.File) error { return numberCell(f, "A2", day, 31, "") }, "2024-03-15"},
		{"built-in East Asian 32 as time", func(f *excelize.File) error { return numberCell(f, "A2", nineThirty, 32, "") }, "09:30"},
		{"German date", func(f *excelize.File) error { return numberCell(f, "A2", day, 0, "[$-407]DD.MM.YYYY") }, "2024-03-15"},
		{"US long date", func(f *excelize.File) error { return numberCell(f, "A2", day, 0, "[$-409]dddd, mmmm d, yyyy;@") }, "2024-03-15"},
		{"Japanese date", func(f *excelize.File) error { return numberCell(f, "A2", day, 0, `yyyy"年"m"月"d"日"`) }, "2024-03-15"},
		{"date and time with seconds", func(f *excelize.File) error {
			return numberCell(f, "A2", day+nineThirty+15.0/86400, 0, `dd/mm/yyyy\ hh:mm:ss`)
		}, "2024-03-15 09:30:15"},
		{"time with AM/PM", func(f *excelize.File) error { return numberCell(f, "A2", 0.75, 0, "h:mm AM/PM") }, "18:00"},
		{"minutes and seconds", func(f *excelize.File) error { return numberCell(f, "A2", 90.0/86400, 0, "mm:ss") }, "00:01:30"},
		{"1904 date system", func(f *excelize.File) error {
			yes := true
			if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
				return err
			}
			return numberCell(f, "A2", day-1462, 14, "")
		}, "2024-03-15"},
		{"time.Time value", func(f *excelize.File) error {
			return f.SetCellValue("Sheet1", "A2", time.Date(2024, 3, 15, 9, 30, 0, 0, time.UTC))
		}, "2024-03-15 09:30"},
		{"phone number as General number", func(f *excelize.File) error { return f.SetCellInt("Sheet1", "A2", 13145550123) }, "13145550123"},
		{"id with thousands format", func(f *excelize.File) error { return numberCell(f, "A2", 1234567, 3, "") }, "1234567"},
		{"percent", func(f *excelize.File) error { return numberCell(f, "A2", 0.125, 10, "") }, "0.125"},
		{"quoted days text is not a date", func(f *excelize.File) error { return numberCell(f, "A2", 3, 0, `0" days"`) }, "3"},
		{"scientific format", func(f *excelize.File) error { return numberCell(f, "A2", 1.5e20, 11, "") }, "150000000000000000000"},
		{"float noise", func(f *excelize.File) error { return f.SetCellFloat("Sheet1", "A2", 0.1+0.2, -1, 64) }, "0.3"},
		{"negative decimal", func(f *excelize.File) error { return f.SetCellFloat("Sheet1", "A2", -12.75, -1, 64) }, "-12.75"},
		{"text that looks like a number", func(f *excelize.File) error { return f.SetCellStr("Sheet1", "A2", "00123") }, "00123"},
		{"text that looks like a date", func(f *excelize.File) error { return f.SetCellStr("Sheet1", "A2", "2024-03-15T09:30:00Z") }, "2024-03-15T09:30:00Z"},
		{"boolean true", func(f *excelize.File) error { return f.SetCellBool("Sheet1", "A2", true) }, "TRUE"},
		{"boolean false", func(f *excelize.File) error { return f.SetCellBool("Sheet1", "A2", false) }, "FALSE"},
		{"text with spaces and CR LF", func(f *excelize.File) error { return f.SetCellStr("Sheet1", "A2", "  two\r\nlines\u00a0") }, "two\nlines"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			data := mustWorkbook(t, func(f *excelize.File) error {
				if err := f.SetCellStr("Sheet1", "A1", "Value"); err != nil {
					return err
				}
				if err := f.SetCellStr("Sheet1", "B1", "Other"); err != nil {
					return err
				}
				if err := f.SetCellStr("Sheet1", "B2", "x"); err != nil {
					return err
				}
				return tt.fill(f)
			})
			tab, err := ReadXLSX(data, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(tab.Rows) != 1 || tab.Rows[0].Cells[0] != tt.want {
				t.Errorf("got %+v, want %q", tab.Rows, tt.want)
			}
		})
	}
}

func TestReadXLSXSheet(t *testing.T) {
	t.Parallel()
	data := mustWorkbook(t, func(f *excelize.File) error {
		for _, name := range []string{"Hidden", "Visitors"} {
			if _, err := f.NewSheet(name); err != nil {
				return err
			}
		}
		f.SetActiveSheet(2)
		if err := f.SetSheetVisible("Sheet1", false); err != nil {
			return err
		}
		if err := f.SetSheetRow("Hidden", "A1", &[]string{"Secret"}); err != nil {
			return err
		}
		if err := f.SetSheetVisible("Hidden", false); err != nil {
			return err
		}
		rows := [][]any{
			{"Group", "Name", "Total"},
			{"A", "José"},
			{nil, "Zoë"},
			{"B", "Анна", 1, nil, "note"},
		}
		for i, row := range rows {
			if err := f.SetSheetRow("Visitors", cellName(1, i+1), &row); err != nil {
				return err
			}
		}
		if err := f.SetCellFormula("Visitors", "C2", "=LEN(B2)"); err != nil {
			return err
		}
		return f.MergeCell("Visitors", "A2", "A3")
	})
	tab, err := ReadXLSX(data, "")
	if err != nil {
		t.Fatal(err)
	}
	if tab.Sheet != "Visitors" || !reflect.DeepEqual(tab.Sheets, []string{"Visitors"}) {
		t.Errorf("read sheet %q of %q, want the first visible one, Visitors", tab.Sheet, tab.Sheets)
	}
	_, cells := rowsOf(tab)
	want := [][]string{{"A", "José", ""}, {"A", "Zoë", ""}, {"B", "Анна", "1"}}
	if !reflect.DeepEqual(cells, want) {
		t.Errorf("cells\n got %q\nwant %q", cells, want)
	}
	warnings := []string{
		"Cell C2 holds a formula whose result was not saved, so it is read as empty; open the file in your spreadsheet program, save it and upload it again.",
		"Row 4 has values beyond the last named column (C); they are ignored.",
	}
	if !reflect.DeepEqual(tab.Warnings, warnings) {
		t.Errorf("warnings\n got %q\nwant %q", tab.Warnings, warnings)
	}
	hidden, err := ReadXLSX(data, "hidden")
	if err != nil || hidden.Sheet != "Hidden" || !reflect.DeepEqual(hidden.Header, []string{"Secret"}) {
		t.Errorf("a hidden sheet named: %q %q, %v", hidden.Sheet, hidden.Header, err)
	}
}

// TestReadXLSXHandWritten reads worksheet XML as other producers write it:
// rows and cells without r attributes, ISO dates (t="d"), error values,
// inline strings, formulas with an empty or no saved result, and a value far
// to the right.
func TestReadXLSXHandWritten(t *testing.T) {
	t.Parallel()
	data := withSheetXML(t, ``+
		`<row><c t="inlineStr"><is><t>Name</t></is></c><c t="inlineStr"><is><t>When</t></is></c><c t="inlineStr"><is><t>Check</t></is></c><c t="inlineStr"><is><t>Total</t></is></c></row>`+
		`<row><c t="inlineStr"><is><t xml:space="preserve"> Zoë </t></is></c><c t="d"><v>2024-03-15T09:30:00</v></c><c t="e"><v>#N/A</v></c><c t="str"><f>IF(1,"","x")</f><v></v></c></row>`+
		`<row r="5"><c r="A5" t="inlineStr"><is><r><t>Jo</t></r><r><t>sé</t></r></is></c><c r="B5" t="d"><v>2024-03-15</v></c><c r="D5"><f>SUM(1,2)</f></c><c r="XFD5" t="inlineStr"><is><t>note</t></is></c></row>`,
		"")
	tab, err := ReadXLSX(data, "")
	if err != nil {
		t.Fatal(err)
	}
	numbers, cells := rowsOf(tab)
	want := [][]string{{"Zoë", "2024-03-15 09:30", "#N/A", ""}, {"José", "2024-03-15", "", ""}}
	if !reflect.DeepEqual(numbers, []int{2, 5}) || !reflect.DeepEqual(cells, want) {
		t.Errorf("rows %v\n got %q\nwant %q", numbers, cells, want)
	}
	warnings := []string{
		"Cell D5 holds a formula whose result was not saved, so it is read as empty; open the file in your spreadsheet program, save it and upload it again.",
		"Row 5 has values beyond the last named column (D); they are ignored.",
	}
	if !reflect.DeepEqual(tab.Warnings, warnings) {
		t.Errorf("warnings\n got %q\nwant %q", tab.Warnings, warnings)
	}
}
