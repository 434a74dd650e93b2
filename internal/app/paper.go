package app

import (
	"context"
	"html/template"
	"strings"
	"time"

	"itinera"
	"itinera/internal/paper"
)

// The organization's paper: the year-end report of a period and the
// thank-you letters on its letterhead, as a printable HTML page or as PDF
// through the same printer as the program books.

// letterhead is the organization's letterhead from its settings.
func (a *App) letterhead(ctx context.Context, c Caller) (paper.Letterhead, itinera.Settings, *time.Location, error) {
	st, err := a.r.Settings.Settings(ctx, c.tenant())
	if err != nil {
		return paper.Letterhead{}, st, nil, err
	}
	loc, err := itinera.LoadZone(st.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	return paper.Letterhead{Name: st.Name, Address: st.Address, Phone: st.Phone, Email: st.MailFromAddress}, st, loc, nil
}

// checkFormat refuses a format other than html and pdf, and pdf without
// a printer, naming the field.
func (a *App) checkFormat(format, what string) error {
	switch format {
	case "", BookHTML, BookPDF:
	default:
		return itinera.FieldErrors{"format": "Choose html or pdf."}.Err(what)
	}
	if format == BookPDF && a.printer == nil {
		return itinera.FieldErrors{"format": NoPrinter}.Err(what)
	}
	return nil
}

// paperFile is a rendered document as HTML, or printed to PDF.
func (a *App) paperFile(ctx context.Context, r paper.Rendered, name, format string) (BookFile, error) {
	if format != BookPDF {
		return BookFile{Name: name + ".html", ContentType: "text/html; charset=utf-8", Body: r.HTML, StyleHash: r.StyleHash}, nil
	}
	doc, err := a.printer.Print(ctx, r.HTML)
	if err != nil {
		return BookFile{}, err
	}
	return BookFile{Name: name + ".pdf", ContentType: "application/pdf", Body: doc}, nil
}

// longDate writes a day as "1 January 2026".
func longDate(d itinera.Date) string { return d.In(time.UTC).Format("2 January 2006") }

// YearEndFile is the year-end report of from … to: the organization's
// name and address, the period, every figure of ReportSummary with how it
// was counted, and every table with its chart; as HTML (with links for a
// browser) or PDF.
func (a *App) YearEndFile(ctx context.Context, c Caller, from, to itinera.Date, format string, links paper.Links) (BookFile, error) {
	if err := a.checkFormat(format, "year-end report"); err != nil {
		return BookFile{}, err
	}
	r, err := a.ReportSummary(ctx, c, from, to)
	if err != nil {
		return BookFile{}, err
	}
	head, st, loc, err := a.letterhead(ctx, c)
	if err != nil {
		return BookFile{}, err
	}
	if format == BookPDF {
		links = paper.Links{}
	}
	y := paper.YearEnd{Org: head, Period: longDate(from) + " to " + longDate(to), Paper: st.PaperSize, Links: links,
		Made: a.now().In(loc).Format("2 January 2006, 15:04 MST") + " (" + loc.String() + ")"}
	for _, f := range r.Figures() {
		y.Figures = append(y.Figures, paper.Figure{Label: f.Label, Value: f.Value, How: f.How})
	}
	for _, t := range r.Tables() {
		if t.Name == "figures" {
			continue
		}
		y.Tables = append(y.Tables, paper.Table{ID: "t-" + t.Name, Title: t.Title, How: t.How, Columns: t.Columns, Numeric: t.Numeric,
			Rows: t.Rows, Chart: template.HTML(t.Chart)})
	}
	doc, err := paper.RenderYearEnd(y)
	if err != nil {
		return BookFile{}, err
	}
	t, _, err := a.tenantZone(ctx, c)
	if err != nil {
		return BookFile{}, err
	}
	return a.paperFile(ctx, doc, FileName(t.Slug, "year-end-report", from.String()+"-to-"+to.String()), format)
}

// ThankYouLetterFile is a thank-you letter as drafted (or as sent), on the
// organization's letterhead, dated the day it was sent (today while it is
// a draft): as HTML or PDF. The letterhead has the organization's name,
// address, telephone and sender address; there is no logo to show, as
// the settings hold none.
func (a *App) ThankYouLetterFile(ctx context.Context, c Caller, id int64, format string, links paper.Links) (BookFile, error) {
	if err := mustSignIn(c); err != nil {
		return BookFile{}, err
	}
	if err := a.checkFormat(format, "thank-you letter"); err != nil {
		return BookFile{}, err
	}
	ty, err := a.r.Feedback.ThankYou(ctx, c.tenant(), id)
	if err != nil {
		return BookFile{}, err
	}
	head, st, loc, err := a.letterhead(ctx, c)
	if err != nil {
		return BookFile{}, err
	}
	day := a.now()
	if ty.Sent() {
		day = ty.SentAt
	}
	if format == BookPDF {
		links = paper.Links{}
	}
	doc, err := paper.RenderThankYou(paper.ThankYou{Org: head, Date: day.In(loc).Format("2 January 2006"), To: ty.Name,
		Subject: ty.Subject, Body: ty.Body, Paper: st.PaperSize, Links: links})
	if err != nil {
		return BookFile{}, err
	}
	t, _, err := a.tenantZone(ctx, c)
	if err != nil {
		return BookFile{}, err
	}
	return a.paperFile(ctx, doc, FileName(t.Slug, "thank-you", strings.ToLower(ty.Name)), format)
}
