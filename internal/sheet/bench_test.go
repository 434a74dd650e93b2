package sheet

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// benchRows is the size of the benchmark tables: 10,000 rows of 12 columns,
// like a large directory or a year of meetings.
const benchRows, benchCols = 10000, 12

func benchSheet() Sheet {
	s := Sheet{Name: "Directory"}
	for c := range benchCols {
		s.Header = append(s.Header, fmt.Sprintf("Column %d", c+1))
	}
	for r := range benchRows {
		row := []string{
			fmt.Sprintf("Organization %d", r), "Dr. Rumi Price", fmt.Sprintf("contact%d@example.org", r),
			"+1 314 555 0123", "1 Brookings Dr, St. Louis, MO 63130", "healthcare; mental health",
			"Zoë Müller", "Анна Иванова", "2025-06-07", "09:30", fmt.Sprint(r), "=not a formula",
		}
		s.Rows = append(s.Rows, row)
	}
	return s
}

func BenchmarkReadCSV10k(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, benchSheet()); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		tab, err := ReadCSV(data)
		if err != nil || len(tab.Rows) != benchRows {
			b.Fatalf("%d rows, %v", len(tab.Rows), err)
		}
	}
}

// BenchmarkReadXLSX10k reads a workbook with typed cells: text, whole
// numbers, dates and times with number formats, as a spreadsheet program
// saves them.
func BenchmarkReadXLSX10k(b *testing.B) {
	data := mustWorkbook(b, func(f *excelize.File) error {
		date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
		if err != nil {
			return err
		}
		clock, err := f.NewStyle(&excelize.Style{NumFmt: 20})
		if err != nil {
			return err
		}
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			return err
		}
		header := make([]any, benchCols)
		for c := range header {
			header[c] = fmt.Sprintf("Column %d", c+1)
		}
		if err := sw.SetRow("A1", header); err != nil {
			return err
		}
		day := time.Date(2025, 6, 7, 0, 0, 0, 0, time.UTC)
		for r := range benchRows {
			row := []any{
				fmt.Sprintf("Organization %d", r), "Dr. Rumi Price", fmt.Sprintf("contact%d@example.org", r),
				13145550123 + r, "1 Brookings Dr, St. Louis, MO 63130", "healthcare; mental health",
				"Zoë Müller", "Анна Иванова",
				excelize.Cell{StyleID: date, Value: day.AddDate(0, 0, r%30)},
				excelize.Cell{StyleID: clock, Value: 0.375 + float64(r%8)/48},
				r, 1.5 * float64(r),
			}
			if err := sw.SetRow(cellName(1, r+2), row); err != nil {
				return err
			}
		}
		return sw.Flush()
	})
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		tab, err := ReadXLSX(data, "")
		if err != nil || len(tab.Rows) != benchRows || tab.Rows[0].Cells[8] != "2025-06-07" || tab.Rows[0].Cells[9] != "09:00" {
			b.Fatalf("%d rows, %v, %q", len(tab.Rows), err, tab.Rows[0].Cells)
		}
	}
}

func BenchmarkWriteXLSX10k(b *testing.B) {
	s := benchSheet()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteXLSX(&buf, s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteCSV10k(b *testing.B) {
	s := benchSheet()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteCSV(&buf, s); err != nil {
			b.Fatal(err)
		}
	}
}
