package app_test

import (
	"fmt"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/sheet"
	"itinera/internal/storetest"
)

// benchRows is the size of the benchmark's roster.
var benchRows = 10000

// roster10k is a roster of n visitors with every column of a real one.
func roster10k(n int) sheet.Sheet {
	s := sheet.Sheet{Header: []string{"Participant ID", "Given name(s)", "Surname", "Nationality", "Position", "Organization",
		"E-mail", "Languages", "Dietary requirements", "Allergies", "Access needs", "Interests"}}
	countries := []string{"Brazil", "Nigeria", "India", "Germany", "Viet Nam", "Mexico", "Kenya", "Ukraine"}
	for i := range n {
		s.Rows = append(s.Rows, []string{fmt.Sprintf("IV-%05d", i), fmt.Sprintf("Given%d", i), "Family" + strings.Repeat("x", i%7),
			countries[i%len(countries)], "Prosecutor", "Ministry of Justice", fmt.Sprintf("visitor%d@example.org", i),
			"English; Portuguese", "vegetarian", "", "", "victim services; prosecution"})
	}
	return s
}

// BenchmarkImport10k applies a 10,000-row roster (CSV and XLSX) to a
// program, in one transaction, on SQLite and PostgreSQL: the reading, the
// matching, every row's rules and the writes.
func BenchmarkImport10k(b *testing.B) {
	rows := roster10k(benchRows)
	for name, s := range storetest.Both(b) {
		for _, format := range []string{"csv", "xlsx"} {
			var buf strings.Builder
			write := sheet.WriteCSV
			if format == "xlsx" {
				write = sheet.WriteXLSX
			}
			if err := write(&buf, rows); err != nil {
				b.Fatal(err)
			}
			data := []byte(buf.String())
			b.Run(name+"/"+format, func(b *testing.B) {
				f := mustDemoIn(&testing.T{}, s, fmt.Sprintf("bench-%s-%s-%d", name, format, b.N))
				for i := 0; b.Loop(); i++ {
					p := f.program
					p.ID = 0
					if err := s.CreateProgram(ctx, &p); err != nil {
						b.Fatal(err)
					}
					res, err := f.a.ApplyImport(ctx, f.c, app.ImportInput{Kind: itinera.ImportVisitors, ProgramID: p.ID,
						FileName: "roster." + format, Data: data})
					if err != nil || res.Created != benchRows {
						b.Fatalf("%v: %d created, %v", err, res.Created, res.Refused[:min(3, len(res.Refused))])
					}
				}
			})
		}
	}
}
