package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"itinera"
)

// zipOf returns a ZIP archive of the named files.
func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadErrors(t *testing.T) {
	t.Parallel()
	wide := strings.Repeat("c,", MaxColumns) + "c\n1\n"
	long := "a\n" + strings.Repeat("x", MaxCell) + "\n\"" + strings.Repeat("é", MaxCell+1) + "\"\n"
	many := "a\n" + strings.Repeat("1\n", MaxRows+1)
	bomb := zipOf(t, map[string]string{"[Content_Types].xml": "", "xl/workbook.xml": strings.Repeat(" ", maxUnzipped+1)})
	empty := mustWorkbook(t, func(*excelize.File) error { return nil })
	var far strings.Builder
	far.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>`)
	for r := 2; r <= 700; r++ {
		fmt.Fprintf(&far, `<row r="%d"><c r="XFD%d" t="inlineStr"><is><t>far</t></is></c></row>`, r, r)
	}
	farApart := withSheetXML(t, far.String(), "")
	bigMerge := withSheetXML(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row><row r="60000"><c r="GS60000"><v>1</v></c></row>`, `<mergeCells count="1"><mergeCell ref="A1:GS60000"/></mergeCells>`)
	base := mustWorkbook(t, func(*excelize.File) error { return nil })
	noSheets := rewriteZIP(t, base, map[string]string{"xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>`})
	brokenSheet := rewriteZIP(t, base, map[string]string{"xl/worksheets/sheet1.xml": `<worksheet><sheetData><row><c r="A1`})
	noPart := rewriteZIP(t, base, map[string]string{"xl/worksheets/sheet1.xml": ""})
	tests := []struct {
		name string
		file string
		data []byte
		want string
	}{
		{"empty file", "a.csv", nil, "The file is empty."},
		{"blank file", "a.csv", []byte(" \r\n\t\n"), "The file is empty."},
		{"only empty rows", "a.csv", []byte(",,\n,\n\n"), "The file has no header row: every row is empty."},
		{"too large", "a.csv", bytes.Repeat([]byte("a,b\n"), MaxBytes/4+1), "The file is larger than 10 MB; split it into smaller files."},
		{"unclosed quote", "a.csv", []byte("a,b\n1,2\n3,\"4\n5,6\n"), "Line 3: a quoted value is never closed."},
		{"unclosed quote after a quoted line break", "a.csv", []byte("a,b\n\"1\n1\",2\n3,\"4\n"), "Row 3 (line 4 in a text editor): a quoted value is never closed."},
		{"NUL", "a.csv", []byte("a,b\n" + strings.Repeat("1,2\n", 300) + "3,\x00\n"), "The file contains binary data (line 302 holds a NUL character), so it is not a CSV spreadsheet."},
		{"binary", "photo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "The file is not a CSV or XLSX spreadsheet."},
		{"binary named .xlsx", "roster.xlsx", []byte("%PDF-1.7\n\x00\x01"), "The file is named .xlsx but is not an XLSX workbook; save it again from your spreadsheet program as .xlsx or as CSV."},
		{"BOM but not UTF-8", "a.csv", []byte("\xef\xbb\xbfName\nJos\xe9\n"), `The file says it is UTF-8 but is not: save it again as "CSV UTF-8".`},
		{"too many columns", "a.csv", []byte(wide), "The header row has 201 columns; at most 200 can be read."},
		{"cell too long", "a.csv", []byte(long), "Row 3, column A: a value is longer than 10,000 characters; shorten it."},
		{"too many rows", "a.csv", []byte(many), "The file has more than 50,000 rows of data; split it into smaller files."},
		{"Excel 97-2003", "roster.xls", readTestdata(t, "roster.xls"), "The file is an Excel 97-2003 workbook (.xls) or is protected by a password; save it as .xlsx without a password, or as CSV, and upload that."},
		{"OpenDocument", "roster.ods", readTestdata(t, "roster.ods"), "The file is an OpenDocument spreadsheet (.ods); save it as .xlsx or CSV and upload that."},
		{"Numbers", "roster.numbers", zipOf(t, map[string]string{"Index/Document.iwa": "x"}), "The file is a Numbers spreadsheet; export it from Numbers as .xlsx or CSV and upload that."},
		{"ZIP without a workbook", "a.zip", zipOf(t, map[string]string{"readme.txt": "hello"}), "The file is not a valid XLSX workbook (it is a ZIP archive with no workbook inside)."},
		{"truncated ZIP", "a.xlsx", readTestdata(t, "roster.xlsx")[:3000], "The file is not a valid XLSX workbook (it is damaged or not a ZIP archive)."},
		{"ZIP bomb", "bomb.xlsx", bomb, "The file unpacks to more than 100 MB; split it into smaller files."},
		{"damaged workbook part", "a.xlsx", zipOf(t, map[string]string{"[Content_Types].xml": "<Types", "xl/workbook.xml": "<workbook><sheets><sheet"}), "The file is not a valid XLSX workbook (a part of it is damaged XML)."},
		{"no such sheet", "roster.xlsx", readTestdata(t, "roster.xlsx"), `The workbook has no sheet named "Visitors"; its sheets are: Roster, Hotels.`},
		{"empty sheet", "a.xlsx", empty, `The sheet "Sheet1" is empty.`},
		{"damaged sheet", "a.xlsx", brokenSheet, `The sheet "Sheet1" could not be read (a part of it is damaged XML).`},
		{"no sheets", "a.xlsx", noSheets, "The workbook has no visible sheet."},
		{"sheet part missing", "a.xlsx", noPart, `The sheet "Sheet1" could not be read (its part of the file is missing).`},
		{"values far apart", "a.xlsx", farApart, `The sheet "Sheet1" spreads over more than 10,000,000 cells (50,000 rows of 200 columns); delete the rows and columns it does not need.`},
		{"huge merged range", "a.xlsx", bigMerge, `The sheet "Sheet1" spreads over more than 10,000,000 cells (50,000 rows of 200 columns); delete the rows and columns it does not need.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sheet := ""
			if tt.name == "no such sheet" {
				sheet = "Visitors"
			}
			_, err := Read(tt.file, bytes.NewReader(tt.data), sheet)
			var e *itinera.Error
			if !errors.As(err, &e) || e.Code != itinera.EINVALID {
				t.Fatalf("error %v, want an EINVALID *itinera.Error", err)
			}
			if e.Message != tt.want {
				t.Errorf("message\n got %q\nwant %q", e.Message, tt.want)
			}
		})
	}
}

// TestReadDirect checks the limits of ReadCSV and ReadXLSX called without Read.
func TestReadDirect(t *testing.T) {
	t.Parallel()
	big := make([]byte, MaxBytes+1)
	for name, read := range map[string]func([]byte) (Table, error){
		"ReadCSV":  ReadCSV,
		"ReadXLSX": func(b []byte) (Table, error) { return ReadXLSX(b, "") },
	} {
		if _, err := read(big); itinera.ErrorMessage(err) != "The file is larger than 10 MB; split it into smaller files." {
			t.Errorf("%s of a large file: %v", name, err)
		}
	}
	if _, err := ReadXLSX([]byte("a,b\n1,2\n"), ""); itinera.ErrorMessage(err) != "The file is not a valid XLSX workbook (it is damaged or not a ZIP archive)." {
		t.Errorf("ReadXLSX of a CSV: %v", err)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

func TestReadIOError(t *testing.T) {
	t.Parallel()
	_, err := Read("a.csv", failingReader{}, "")
	if err == nil || itinera.ErrorCode(err) != itinera.EINTERNAL {
		t.Errorf("error %v, want an internal error", err)
	}
}

// withSheetXML returns a workbook made by excelize whose first sheet holds
// sheetData and, after it, extra (such as mergeCells), written by hand.
func withSheetXML(t *testing.T, sheetData, extra string) []byte {
	t.Helper()
	base := mustWorkbook(t, func(*excelize.File) error { return nil })
	return rewriteZIP(t, base, map[string]string{"xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + sheetData + `</sheetData>` + extra + `</worksheet>`})
}

// rewriteZIP returns the archive data with the named parts replaced, or left
// out where the new content is "".
func rewriteZIP(t *testing.T, data []byte, parts map[string]string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		body, replaced := parts[zf.Name]
		if replaced && body == "" {
			continue
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		if replaced {
			if _, err := io.WriteString(w, body); err != nil {
				t.Fatal(err)
			}
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
