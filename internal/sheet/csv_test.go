package sheet

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// mustRead reads a file of testdata/ with Read.
func mustRead(t *testing.T, name, sheet string) Table {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := Read(name, f, sheet)
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return tab
}

// rowsOf returns the numbers and cells of tab's rows, for comparing.
func rowsOf(tab Table) (numbers []int, cells [][]string) {
	for _, r := range tab.Rows {
		numbers = append(numbers, r.Number)
		cells = append(cells, r.Cells)
	}
	return numbers, cells
}

func TestReadCSVFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file      string
		encoding  string
		delimiter rune
		header    []string
		numbers   []int
		cells     [][]string
		warnings  []string
	}{
		{
			file: "excel-windows1252-semicolon.csv", encoding: "Windows-1252", delimiter: ';',
			header:  []string{"Given name(s)", "Family name", "Country", "Date of birth", "Phone", "Diet", "Notes"},
			numbers: []int{2, 3, 5, 6},
			cells: [][]string{
				{"José", "Müller", "Germany", "15.03.1980", "+49 30 1234567", "Vegetarian", ""},
				{"Zoë", "Faÿ", "France", "02.11.1975", "0033 1 42 68 53 00", "", "Arrives late; needs a taxi"},
				{"Ana María", "Núñez", "Spain", "30.01.1990", "", "Halal", "Speaks \"some\" English\nBudget 12 €"},
				{"Øyvind", "Sæther", "Norway", "07.07.1968", "", "", "Co-chair – panel"},
			},
		},
		{
			file: "excel-utf8-bom-semicolon.csv", encoding: "UTF-8 with BOM", delimiter: ';',
			header:  []string{"Given name(s)", "Family name", "Country", "Date of birth", "Phone", "Diet"},
			numbers: []int{2, 3, 4, 5},
			cells: [][]string{
				{"Анна", "Иванова", "Russia", "02.11.1975", "+7 495 123-45-67", ""},
				{"محمد", "العلي", "Jordan", "01.01.1985", "+962 6 123 4567", "Halal"},
				{"伟", "李", "China", "12.12.1992", "+86 10 1234 5678", "Vegetarian"},
				{"Zoë", "Faÿ", "France", "30.01.1990", "", ""},
			},
		},
		{
			file: "google-sheets.csv", encoding: "UTF-8", delimiter: ',',
			header:  []string{"Organization", "Contact", "E-mail", "City", "Topics", "Phone"},
			numbers: []int{2, 3, 5, 6},
			cells: [][]string{
				{"Gateway Human Trafficking", "Shima Rostami", "shima@example.org", "St. Louis, MO", "victim services\nhotlines", "3145550123"},
				{"Washington University School of Medicine", "Dr. Rumi Price", "rumi@example.org", "St. Louis, MO", "healthcare", ""},
				{"Interfaith Partnership", "", "", "St. Louis", "faith communities", ""},
				{"Центр помощи", "Ольга Петрова", "olga@example.org", "Москва", "", ""},
			},
		},
		{
			file: "excel-unicode-text.txt", encoding: "UTF-16", delimiter: '\t',
			header:  []string{"Given name(s)", "Family name", "Country"},
			numbers: []int{2, 3},
			cells:   [][]string{{"José", "Müller", "Germany"}, {"伟", "李", "China"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			tab := mustRead(t, tt.file, "")
			if tab.Format != "csv" || tab.Encoding != tt.encoding || tab.Delimiter != tt.delimiter || tab.HeaderRow != 1 {
				t.Errorf("format %q, encoding %q, delimiter %q, header row %d; want csv, %q, %q, 1", tab.Format, tab.Encoding, tab.Delimiter, tab.HeaderRow, tt.encoding, tt.delimiter)
			}
			if !reflect.DeepEqual(tab.Header, tt.header) {
				t.Errorf("header\n got %q\nwant %q", tab.Header, tt.header)
			}
			numbers, cells := rowsOf(tab)
			if !reflect.DeepEqual(numbers, tt.numbers) {
				t.Errorf("row numbers %v, want %v", numbers, tt.numbers)
			}
			if !reflect.DeepEqual(cells, tt.cells) {
				t.Errorf("cells\n got %q\nwant %q", cells, tt.cells)
			}
			if !reflect.DeepEqual(tab.Warnings, tt.warnings) {
				t.Errorf("warnings %q, want %q", tab.Warnings, tt.warnings)
			}
			if tab.Sheets != nil || tab.Sheet != "" {
				t.Errorf("a CSV has sheets %q, %q", tab.Sheet, tab.Sheets)
			}
		})
	}
}

func TestReadCSV(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		in        string
		delimiter rune
		header    []string
		numbers   []int
		cells     [][]string
		warnings  []string
	}{
		{
			name: "LF line ends, no final line end", in: "a,b\n1,2\n3,4", delimiter: ',',
			header: []string{"a", "b"}, numbers: []int{2, 3}, cells: [][]string{{"1", "2"}, {"3", "4"}},
		},
		{
			name: "CR line ends (Excel for Mac)", in: "a;b\r1;2\r\r3;4\r", delimiter: ';',
			header: []string{"a", "b"}, numbers: []int{2, 4}, cells: [][]string{{"1", "2"}, {"3", "4"}},
		},
		{
			name: "tabs", in: "a\tb\tc\n1\t2,5\t3\n", delimiter: '\t',
			header: []string{"a", "b", "c"}, numbers: []int{2}, cells: [][]string{{"1", "2,5", "3"}},
		},
		{
			name: "semicolons beat commas inside values", in: "Name;City\nMüller, José;Paris, France\nZoë;Lyon\n", delimiter: ';',
			header: []string{"Name", "City"}, numbers: []int{2, 3}, cells: [][]string{{"Müller, José", "Paris, France"}, {"Zoë", "Lyon"}},
		},
		{
			name: "Excel sep= line", in: "sep=;\r\na,b;c\r\n1,5;2\r\n", delimiter: ';',
			header: []string{"a,b", "c"}, numbers: []int{2}, cells: [][]string{{"1,5", "2"}},
		},
		{
			name: "quoted line breaks do not shift row numbers", in: "a,b\n\"x\ny\nz\",1\n2,3\n", delimiter: ',',
			header: []string{"a", "b"}, numbers: []int{2, 3}, cells: [][]string{{"x\ny\nz", "1"}, {"2", "3"}},
		},
		{
			name: "CR LF inside quotes becomes LF", in: "a,b\r\n\"x\r\ny\",1\r\n", delimiter: ',',
			header: []string{"a", "b"}, numbers: []int{2}, cells: [][]string{{"x\ny", "1"}},
		},
		{
			name: "doubled quotes and stray quotes", in: "a,b,c\n\"say \"\"hi\"\"\",5\" tall,\"Smith\" Jr\n", delimiter: ',',
			header: []string{"a", "b", "c"}, numbers: []int{2}, cells: [][]string{{`say "hi"`, `5" tall`, "Smith Jr"}},
		},
		{
			name: "trimming, NBSP and collapsed header", in: "  Given\u00a0 name ,\" Family\n name\"\n\u00a0José\u00a0, Müller \n", delimiter: ',',
			header: []string{"Given name", "Family name"}, numbers: []int{2}, cells: [][]string{{"José", "Müller"}},
		},
		{
			name: "empty header cell in the middle stays, trailing ones go", in: "a,,c,,\n1,2,3,,\n", delimiter: ',',
			header: []string{"a", "", "c"}, numbers: []int{2}, cells: [][]string{{"1", "2", "3"}},
		},
		{
			name: "short rows are padded", in: "a,b,c\n1\n", delimiter: ',',
			header: []string{"a", "b", "c"}, numbers: []int{2}, cells: [][]string{{"1", "", ""}},
		},
		{
			name: "values beyond the header", in: "a,b\n1,2,x\n3,4,,\n5,6,,y\n", delimiter: ',',
			header: []string{"a", "b"}, numbers: []int{2, 3, 4}, cells: [][]string{{"1", "2"}, {"3", "4"}, {"5", "6"}},
			warnings: []string{
				"Row 2 has values beyond the last named column (B); they are ignored.",
				"Row 4 has values beyond the last named column (B); they are ignored.",
			},
		},
		{
			name: "empty rows and leading empty lines", in: "\n,,\n\na,b\n,\n1,2\n\n", delimiter: ',',
			header: []string{"a", "b"}, numbers: []int{6}, cells: [][]string{{"1", "2"}},
		},
		{
			name: "title row above the header", in: "Delegation roster,,\n,,\nName,Country,Diet\nZoë,France,\n", delimiter: ',',
			header: []string{"Name", "Country", "Diet"}, numbers: []int{4}, cells: [][]string{{"Zoë", "France", ""}},
			warnings: []string{`Row 1 ("Delegation roster") looks like a title, so row 3 is read as the header row.`},
		},
		{
			name: "one column", in: "E-mail\na@example.org\nb@example.org\n", delimiter: ',',
			header: []string{"E-mail"}, numbers: []int{2, 3}, cells: [][]string{{"a@example.org"}, {"b@example.org"}},
		},
		{
			name: "header only", in: "a,b\r\n", delimiter: ',',
			header: []string{"a", "b"},
		},
		{
			name: "formula guard taken off", in: "a,b,c\n'=1+2,'-5,''=x\n'plain,'+,'@sum\n", delimiter: ',',
			header: []string{"a", "b", "c"}, numbers: []int{2, 3}, cells: [][]string{{"=1+2", "-5", "'=x"}, {"'plain", "+", "@sum"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tab, err := ReadCSV([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if tab.Delimiter != tt.delimiter {
				t.Errorf("delimiter %q, want %q", tab.Delimiter, tt.delimiter)
			}
			if !reflect.DeepEqual(tab.Header, tt.header) {
				t.Errorf("header\n got %q\nwant %q", tab.Header, tt.header)
			}
			numbers, cells := rowsOf(tab)
			if !reflect.DeepEqual(numbers, tt.numbers) {
				t.Errorf("row numbers %v, want %v", numbers, tt.numbers)
			}
			if !reflect.DeepEqual(cells, tt.cells) {
				t.Errorf("cells\n got %q\nwant %q", cells, tt.cells)
			}
			if !reflect.DeepEqual(tab.Warnings, tt.warnings) {
				t.Errorf("warnings\n got %q\nwant %q", tab.Warnings, tt.warnings)
			}
		})
	}
}
