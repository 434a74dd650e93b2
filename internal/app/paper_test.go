package app_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/demo"
	"itinera/internal/paper"
	"itinera/internal/storetest"
)

// TestYearEndAndLetterPDFs prints the demo's year-end report and a
// thank-you letter to PDF with Chromium and reads them back: the report
// has the organization's name and address, the period, every figure with
// how it was counted and every table's title; the letter its letterhead,
// its addressee and its text. Without a printer, PDF is refused on the
// field format, and HTML still comes. With ITINERA_SCREENSHOTS=DIR both
// PDFs are saved there (year-end.pdf, thank-you.pdf).
func TestYearEndAndLetterPDFs(t *testing.T) {
	t.Parallel()
	s := storetest.SQLite(t)
	f := mustDemo(t, s)
	_, err := demo.LoadRequests(ctx, s.Services(), f.tenant.ID, f.program.ID, "https://itinera.example.org")
	must(t, err)
	_, err = f.a.MatchEvening(ctx, f.c, f.evening)
	must(t, err)
	_, err = f.a.ConfirmEvening(ctx, f.c, f.evening)
	must(t, err)
	_, err = demo.LoadFollowUp(ctx, s.Services(), f.tenant.ID, f.program.ID)
	must(t, err)
	from := itinera.Date{Year: f.program.StartDate.Year, Month: 1, Day: 1}
	to := itinera.Date{Year: f.program.StartDate.Year, Month: 12, Day: 31}

	_, err = f.a.YearEndFile(ctx, f.c, from, to, app.BookPDF, paper.Links{})
	wantField(t, err, "format")
	page, err := f.a.YearEndFile(ctx, f.c, from, to, app.BookHTML, paper.Links{Back: "/reports"})
	must(t, err)
	if !strings.Contains(string(page.Body), `role="img"`) || page.StyleHash == "" || !strings.HasSuffix(page.Name, ".html") {
		t.Fatalf("the year-end page: %s, %d bytes", page.Name, len(page.Body))
	}

	a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: storetest.Now, Hasher: cheap, Printer: mustPrinter(t)})
	must(t, err)
	doc, err := a.YearEndFile(ctx, f.c, from, to, app.BookPDF, paper.Links{Back: "/reports"})
	must(t, err)
	if doc.ContentType != "application/pdf" || !strings.HasSuffix(doc.Name, ".pdf") {
		t.Fatalf("year-end report: %s %s", doc.Name, doc.ContentType)
	}
	text, pages := pdfText(t, doc.Body)
	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		must(t, os.WriteFile(filepath.Join(dir, "year-end.pdf"), doc.Body, 0o644))
	}
	r, err := a.ReportSummary(ctx, f.c, from, to)
	must(t, err)
	want := []string{f.tenant.Name, "100 Example Street", "Year-end report", "1 January " + itoa(int64(from.Year)) + " to 31 December " + itoa(int64(to.Year))}
	for _, fig := range r.Figures() {
		want = append(want, fig.Label, fig.Value, strings.Join(strings.Fields(fig.How), " ")[:40])
	}
	for _, tb := range r.Tables() {
		want = append(want, tb.Title)
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the year-end PDF lacks %q", w)
		}
	}
	if strings.Contains(text, "Back to the reports") || pages < 2 || pages > 12 {
		t.Errorf("the year-end PDF: %d pages, screen links %v", pages, strings.Contains(text, "Back to the reports"))
	}

	tys, err := s.ThankYous(ctx, f.tenant.ID, f.program.ID)
	must(t, err)
	if len(tys) == 0 {
		t.Fatal("the demo has no thank-you letters")
	}
	ty := tys[0]
	letter, err := a.ThankYouLetterFile(ctx, f.c, ty.ID, app.BookPDF, paper.Links{})
	must(t, err)
	text, pages = pdfText(t, letter.Body)
	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		must(t, os.WriteFile(filepath.Join(dir, "thank-you.pdf"), letter.Body, 0o644))
	}
	firstLine := strings.Join(strings.Fields(strings.Split(ty.Body, "\n")[0]), " ")
	for _, w := range []string{f.tenant.Name, "St. Louis, MO 63101", ty.Name, strings.Join(strings.Fields(ty.Subject), " "), firstLine} {
		if !strings.Contains(text, w) {
			t.Errorf("the letter lacks %q: %.400s", w, text)
		}
	}
	if pages != 1 {
		t.Errorf("the letter has %d pages", pages)
	}
	// Another organization's letter is not found.
	other := mustDemoIn(t, s, "other-org")
	_, err = other.a.ThankYouLetterFile(ctx, other.c, ty.ID, app.BookHTML, paper.Links{})
	wantCode(t, err, itinera.ENOTFOUND)
}
