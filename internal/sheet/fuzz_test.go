package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"itinera"
)

// addTestdata seeds f with the files of testdata/ whose names end in ext.
func addTestdata(f *testing.F, exts ...string) {
	f.Helper()
	for _, ext := range exts {
		names, err := filepath.Glob(filepath.Join("testdata", "*"+ext))
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
}

// checkTable fails t unless tab, err is a table or an EINVALID error that
// keeps the promises of the package documentation.
func checkTable(t *testing.T, tab Table, err error) {
	t.Helper()
	if err != nil {
		var e *itinera.Error
		if !errors.As(err, &e) || e.Code != itinera.EINVALID || e.Message == "" {
			t.Fatalf("error %v is not an EINVALID *itinera.Error", err)
		}
		return
	}
	if len(tab.Header) == 0 || len(tab.Header) > MaxColumns || tab.Header[len(tab.Header)-1] == "" {
		t.Fatalf("header %q", tab.Header)
	}
	for _, h := range tab.Header {
		if h != collapse(h) {
			t.Fatalf("header cell %q not collapsed", h)
		}
	}
	if len(tab.Rows) > MaxRows {
		t.Fatalf("%d rows", len(tab.Rows))
	}
	last := tab.HeaderRow
	for _, r := range tab.Rows {
		if r.Number <= last {
			t.Fatalf("row %d after row %d", r.Number, last)
		}
		last = r.Number
		if len(r.Cells) != len(tab.Header) || isEmpty(r.Cells) {
			t.Fatalf("row %d has cells %q for header %q", r.Number, r.Cells, tab.Header)
		}
		for _, c := range r.Cells {
			if c != strings.TrimFunc(c, isTrim) || strings.Contains(c, "\r") {
				t.Fatalf("cell %q not cleaned", c)
			}
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	addTestdata(f, ".csv", ".txt")
	for _, s := range []string{"a,b\n1,2", "a;b\r1;\"2\r\n3\"\r", "sep=\t\na\tb\n", "a,b\n\"x", "\xef\xbb\xbfa\n'=1", "\xff\xfea\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := ReadCSV(data)
		checkTable(t, tab, err)
		tab, err = Read("fuzz.csv", bytes.NewReader(data), "")
		checkTable(t, tab, err)
	})
}

// FuzzReadXLSX reads workbooks. Byte changes to a ZIP mostly break its
// checksums, so the second input, when not empty, replaces the XML of the
// first sheet of a valid workbook: the fuzzer reaches the cell reading too.
func FuzzReadXLSX(f *testing.F) {
	var seeds [][]byte
	for _, name := range []string{"roster.xlsx", "roster.ods"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, roster); err != nil {
		f.Fatal(err)
	}
	seeds = append(seeds, buf.Bytes())
	for _, b := range seeds {
		f.Add(b, "")
		if zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err == nil {
			for _, zf := range zr.File {
				if zf.Name == "xl/worksheets/sheet1.xml" {
					if x, err := readZIPFile(zf); err == nil {
						f.Add(b, string(x))
					}
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, sheetXML string) {
		if sheetXML != "" {
			if data = replacePart(data, "xl/worksheets/sheet1.xml", sheetXML); data == nil {
				return
			}
		}
		tab, err := ReadXLSX(data, "")
		checkTable(t, tab, err)
	})
}

// replacePart returns the ZIP archive data with the part name holding body,
// or nil when data is not a ZIP archive with that part.
func replacePart(data []byte, name, body string) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	found := false
	for _, zf := range zr.File {
		w, err := zw.Create(zf.Name)
		if err != nil {
			return nil
		}
		if zf.Name == name {
			found = true
			_, err = io.WriteString(w, body)
		} else {
			var b []byte
			if b, err = readZIPFile(zf); err == nil {
				_, err = w.Write(b)
			}
		}
		if err != nil {
			return nil
		}
	}
	if zw.Close() != nil || !found {
		return nil
	}
	return buf.Bytes()
}

// FuzzCSVRoundTrip writes a table to CSV and reads it back. The input holds
// rows separated by \x1e and cells by \x1f; the first row is the header.
func FuzzCSVRoundTrip(f *testing.F) {
	f.Add("Name\x1fCountry\x1eJosé\x1f=1+2\x1e\x1f\x1eZoë\x1f'-x\r\ny")
	f.Add("a;b\x1ec;d")
	f.Add("'\x1f\t\x1e\"\x1f sep=;")
	f.Fuzz(func(t *testing.T, in string) {
		var s Sheet
		for i, line := range strings.Split(in, "\x1e") {
			cells := strings.Split(line, "\x1f")
			if i == 0 {
				s.Header = cells
			} else {
				s.Rows = append(s.Rows, cells)
			}
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, s); err != nil {
			t.Fatal(err)
		}
		tab, err := ReadCSV(buf.Bytes())
		header, rows, ok := expectCSV(s)
		if !ok {
			return // no header to find, or a title row: not a round trip
		}
		if err != nil {
			t.Fatalf("reading back %q: %v", buf.String(), err)
		}
		if !reflect.DeepEqual(tab.Header, header) {
			t.Fatalf("header\n got %q\nwant %q", tab.Header, header)
		}
		_, cells := rowsOf(tab)
		if !reflect.DeepEqual(cells, rows) {
			t.Fatalf("cells\n got %q\nwant %q\nfile %q", cells, rows, buf.String())
		}
	})
}

// expectCSV returns what reading s back must give, by the documented rules,
// and false when s has no header row a reader would find as its first row.
func expectCSV(s Sheet) ([]string, [][]string, bool) {
	norm := func(cells []string) []string {
		out := make([]string, len(cells))
		for i, c := range cells {
			out[i] = clean(outText(c))
		}
		return out
	}
	hdr := norm(s.Header)
	if isEmpty(hdr) || len(hdr) > MaxColumns {
		return nil, nil, false
	}
	rows := make([][]string, len(s.Rows))
	for i, r := range s.Rows {
		rows[i] = norm(r)
	}
	if distinct(hdr) == 1 {
		for _, r := range rows {
			if !isEmpty(r) {
				if distinct(r) >= 2 {
					return nil, nil, false
				}
				break
			}
		}
	}
	width := len(hdr)
	for width > 0 && hdr[width-1] == "" {
		width--
	}
	header := make([]string, width)
	for i := range header {
		header[i] = collapse(hdr[i])
	}
	var want [][]string
	for _, r := range rows {
		cells := make([]string, width)
		copy(cells, r)
		if !isEmpty(cells) {
			want = append(want, cells)
		}
	}
	return header, want, true
}
