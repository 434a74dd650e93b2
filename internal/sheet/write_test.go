package sheet

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// roster is a sheet with every kind of value an export must carry back.
var roster = Sheet{
	Name:   "Visitors: June/July [draft]",
	Header: []string{"Given name(s)", "Family name", "Formula-like", "Notes", "Diet", "Phone"},
	Rows: [][]string{
		{"José", "Müller", "=HYPERLINK(\"http://x\",\"y\")", "Line one\nLine two", "Vegetarian", "+1 314 555 0123"},
		{"Zoë", "Faÿ", "+33", "says \"hi\", then leaves", "", "-5"},
		{"Анна", "Иванова", "@SUM(A1)", "\ttabbed", "Halal", "0123"},
		{"محمد", "العلي", "-1+2", "'quoted already", "", ""},
		{"伟", "李", "'=already guarded", "semi;colon", "Kosher", "\r\n=cmd"},
		{"Ana María", "Núñez", "=1+2", "", "", "sep=;"},
	},
	Lists: map[int][]string{4: {"Vegetarian", "Halal", "Kosher", "Vegan"}},
	Notes: map[int]string{0: "As in the passport.", 4: "Choose from the list."},
}

// wantBack is what reading roster back gives: its header and cells, trimmed.
func wantBack(s Sheet) [][]string {
	var rows [][]string
	for _, r := range s.Rows {
		cells := make([]string, len(s.Header))
		for i := range cells {
			if i < len(r) {
				cells[i] = clean(outText(r[i]))
			}
		}
		if !isEmpty(cells) {
			rows = append(rows, cells)
		}
	}
	return rows
}

func TestCSVRoundTrip(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, roster); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\uFEFFGiven name(s),Family name,") || !strings.HasSuffix(out, "\r\n") {
		t.Errorf("not UTF-8 with BOM, commas and CR LF:\n%q", out)
	}
	for _, guarded := range []string{`,"'=HYPERLINK(""http://x"",""y"")",`, ",'+33,", ",'@SUM(A1),", ",'-1+2,", ",''=already guarded,", ",'=1+2,", `,'-5` + "\r\n", `"'` + "\r\n=cmd\"", `"sep=;"`} {
		if !strings.Contains(out, guarded) {
			t.Errorf("output lacks %q:\n%s", guarded, out)
		}
	}
	tab, err := ReadCSV(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(tab.Header, roster.Header) {
		t.Errorf("header\n got %q\nwant %q", tab.Header, roster.Header)
	}
	_, cells := rowsOf(tab)
	if want := wantBack(roster); !reflect.DeepEqual(cells, want) {
		t.Errorf("cells\n got %q\nwant %q", cells, want)
	}
	if tab.Encoding != "UTF-8 with BOM" || tab.Delimiter != ',' || len(tab.Warnings) != 0 {
		t.Errorf("encoding %q, delimiter %q, warnings %q", tab.Encoding, tab.Delimiter, tab.Warnings)
	}
}

func TestXLSXRoundTrip(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, roster); err != nil {
		t.Fatal(err)
	}
	tab, err := Read("visitors.xlsx", bytes.NewReader(buf.Bytes()), "")
	if err != nil {
		t.Fatal(err)
	}
	if tab.Sheet != "Visitors June July draft" || !reflect.DeepEqual(tab.Sheets, []string{tab.Sheet}) {
		t.Errorf("sheet %q of %q", tab.Sheet, tab.Sheets)
	}
	if !reflect.DeepEqual(tab.Header, roster.Header) {
		t.Errorf("header\n got %q\nwant %q", tab.Header, roster.Header)
	}
	_, cells := rowsOf(tab)
	if want := wantBack(roster); !reflect.DeepEqual(cells, want) {
		t.Errorf("cells\n got %q\nwant %q", cells, want)
	}

	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := tab.Sheet
	for cell := range map[string]bool{"C2": true, "C7": true, "F3": true} {
		typ, err := f.GetCellType(sheet, cell)
		if err != nil || typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("%s has type %v (%v), want a string", cell, typ, err)
		}
		if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
			t.Errorf("%s holds the formula %q", cell, formula)
		}
	}
	dvs, err := f.GetDataValidations(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(dvs) != 1 || dvs[0].Type != "list" || dvs[0].Sqref != "E2:E1007" || dvs[0].Formula1 != `"Vegetarian,Halal,Kosher,Vegan"` ||
		dvs[0].Prompt == nil || *dvs[0].Prompt != "Choose from the list." {
		t.Errorf("data validations %+v", dvs)
	}
	comments, err := f.GetComments(sheet)
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]string{}
	for _, c := range comments {
		notes[c.Cell] = c.Text
		for _, p := range c.Paragraph {
			notes[c.Cell] += p.Text
		}
	}
	for cell, want := range map[string]string{"A1": "As in the passport.", "E1": "Choose from the list."} {
		if !strings.Contains(notes[cell], want) {
			t.Errorf("note on %s is %q, want %q", cell, notes[cell], want)
		}
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header row not frozen: %+v %v", panes, err)
	}
	style, err := f.GetCellStyle(sheet, "B1")
	if err != nil {
		t.Fatal(err)
	}
	if st, err := f.GetStyle(style); err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("header not bold: %+v %v", st, err)
	}
	for col, want := range map[string]float64{"A": 15, "B": 13, "D": 24} {
		if w, err := f.GetColWidth(sheet, col); err != nil || w != want {
			t.Errorf("column %s is %v wide, want %v (%v)", col, w, want, err)
		}
	}
}

func TestXLSXLongLists(t *testing.T) {
	t.Parallel()
	countries := make([]string, 60)
	for i := range countries {
		countries[i] = "Country number " + columnName(i+1)
	}
	s := Sheet{
		Name:   "Lists",
		Header: []string{"Name", "Country", "Kind"},
		Rows:   [][]string{{"Zoë", "Country number A", "Hotel, downtown"}},
		Lists:  map[int][]string{1: countries, 2: {"Hotel, downtown", "Home"}, 0: {}},
	}
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, s); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dvs, err := f.GetDataValidations("Lists")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, dv := range dvs {
		got[dv.Sqref] = dv.Formula1
	}
	want := map[string]string{
		"B2:B1002": "'Lists of values'!$A$1:$A$60",
		"C2:C1002": "'Lists of values'!$B$1:$B$2",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("validations %q, want %q", got, want)
	}
	if v, _ := f.GetCellValue("Lists of values", "A60"); v != "Country number BH" {
		t.Errorf("last country %q", v)
	}
	if visible, _ := f.GetSheetVisible("Lists of values"); visible {
		t.Error("the sheet of values is visible")
	}
	tab, err := ReadXLSX(buf.Bytes(), "")
	if err != nil || tab.Sheet != "Lists" || !reflect.DeepEqual(tab.Sheets, []string{"Lists"}) {
		t.Errorf("read back sheet %q of %q: %v", tab.Sheet, tab.Sheets, err)
	}
}

func TestSheetName(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"":                                      "Sheet1",
		"Visitors":                              "Visitors",
		"a/b\\c?d*e[f]g:h":                      "a b c d e f g h",
		"'quoted'":                              "quoted",
		"history":                               "History sheet",
		"A name that is far too long for Excel": "A name that is far too long for",
		"Список участников делегации из девяти стран": "Список участников делегации из",
	}
	for in, want := range tests {
		if got := sheetName(in); got != want {
			t.Errorf("sheetName(%q) = %q, want %q", in, got, want)
		}
		f := excelize.NewFile()
		if err := f.SetSheetName("Sheet1", sheetName(in)); err != nil {
			t.Errorf("excelize refuses %q: %v", sheetName(in), err)
		}
		f.Close()
	}
}

func TestUnsafe(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"", "=1", "'=1", "''=1", "'", "''", "plain", "'plain", "-", "+1", "@", "\t", "\r", "\n", "x=1", "'x"} {
		if got := Unsafe(guard(v)); got != v {
			t.Errorf("Unsafe(guard(%q)) = %q", v, got)
		}
	}
	tests := map[string]string{"'=1": "=1", "'-5": "-5", "'+": "+", "'@a": "@a", "'\tx": "\tx", "'\rx": "\rx", "'plain": "'plain", "''=1": "'=1", "=1": "=1"}
	for in, want := range tests {
		if got := Unsafe(in); got != want {
			t.Errorf("Unsafe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestShape(t *testing.T) {
	t.Parallel()
	a := Table{Header: []string{"Given name", "E-Mail", ""}}
	b := Table{Header: []string{"given NAME", "e-mail", ""}, Format: "xlsx"}
	c := Table{Header: []string{"Given name", "E-Mail"}}
	if a.Shape() != b.Shape() || a.Shape() == c.Shape() || a.Shape() != "given name\te-mail\t" {
		t.Errorf("shapes %q %q %q", a.Shape(), b.Shape(), c.Shape())
	}
}
