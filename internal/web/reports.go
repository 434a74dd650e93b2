package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/paper"
)

// The reports page (/reports): the figures of a period, each with how it
// was counted, and its tables (app.Report.Tables), each with its chart
// (SVG drawn on the server by internal/chart) and its CSV and XLSX
// downloads; and the year-end report (/reports/year-end) as one printable
// page or its PDF. Every figure comes from app.ReportSummary.

// reportView is the reports page.
type reportView struct {
	From, To string
	// Query is from=…&to=…, for the links (url.Values.Encode escapes it,
	// so the template need not: as a string it would escape = and &).
	Query   template.URL
	Errors  map[string]string
	Message string
	R       app.Report
	Figures []app.ReportFigure
	Tables  []reportTable
	PDF     bool // the year-end report can be printed to PDF here
}

// reportTable is one table of the report with its chart, as the page
// shows it.
type reportTable struct {
	app.ReportTable
	ID    string
	SVG   template.HTML // drawn by internal/chart from the report's figures
	Head  []reportCell
	Cells [][]reportCell
}

type reportCell struct {
	Text    string
	Numeric bool
}

func newReportTable(t app.ReportTable) reportTable {
	v := reportTable{ReportTable: t, ID: "t-" + t.Name, SVG: template.HTML(t.Chart)}
	switch t.Name { // the ids the page had before its tables were one list
	case "visitors-by-country":
		v.ID = "by-country"
	case "meetings-by-topic":
		v.ID = "by-topic"
	case "organizations":
		v.ID = "by-organization"
	case "collaborations":
		v.ID = "by-kind"
	}
	for i, c := range t.Columns {
		v.Head = append(v.Head, reportCell{Text: c, Numeric: i < len(t.Numeric) && t.Numeric[i]})
	}
	for _, row := range t.Rows {
		cells := make([]reportCell, len(row))
		for i, c := range row {
			cells[i] = reportCell{Text: c, Numeric: i < len(t.Numeric) && t.Numeric[i]}
		}
		v.Cells = append(v.Cells, cells)
	}
	return v
}

// reportPeriod reads the period of ?from= and ?to=, by default this year
// in the organization's zone; parse errors are named.
func (ui *UI) reportPeriod(r *http.Request, s *session) (fromText, toText string, from, to itinera.Date, errs itinera.FieldErrors, err error) {
	q := r.URL.Query()
	fromText, toText = q.Get("from"), q.Get("to")
	if fromText == "" || toText == "" {
		st, err := ui.svc.Settings.Settings(r.Context(), s.User.TenantID)
		if err != nil {
			return "", "", from, to, nil, err
		}
		loc, lerr := itinera.LoadZone(st.TimeZone)
		if lerr != nil {
			loc = time.UTC
		}
		year := ui.now().In(loc).Year()
		if fromText == "" {
			fromText = fmt.Sprintf("%04d-01-01", year)
		}
		if toText == "" {
			toText = fmt.Sprintf("%04d-12-31", year)
		}
	}
	fr := newFormReader(url.Values{"from": {fromText}, "to": {toText}})
	from, to = fr.date("from"), fr.date("to")
	return fromText, toText, from, to, fr.errs, nil
}

func (ui *UI) reportPage(w http.ResponseWriter, r *http.Request, s *session) {
	c := ui.caller(r, s)
	v := reportView{}
	var from, to itinera.Date
	var perrs itinera.FieldErrors
	var err error
	if v.From, v.To, from, to, perrs, err = ui.reportPeriod(r, s); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	fr := &formReader{errs: perrs}
	code := http.StatusOK
	if len(fr.errs) == 0 {
		v.R, err = ui.app.ReportSummary(r.Context(), c, from, to)
	} else {
		err = fr.errs.Err("report")
	}
	switch itinera.ErrorCode(err) {
	case "":
	case itinera.EINVALID:
		code, v.Errors, v.Message = http.StatusUnprocessableEntity, itinera.ErrorFields(err), itinera.ErrorMessage(err)
	default:
		ui.fail(w, r, s, err)
		return
	}
	v.Query = template.URL(url.Values{"from": {v.From}, "to": {v.To}}.Encode())
	if code == http.StatusOK {
		v.Figures = v.R.Figures()
		for _, t := range v.R.Tables() {
			if t.Name != "figures" {
				v.Tables = append(v.Tables, newReportTable(t))
			}
		}
		v.PDF = ui.app.CanPrint()
	}
	ui.render(w, r, s, code, "reports", pageInfo{Title: "Reports", Nav: "reports"}, v)
}

// reportDownload sends one table of the report as CSV or XLSX.
func (ui *UI) reportDownload(w http.ResponseWriter, r *http.Request, s *session) {
	name, format, err := downloadPath(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	_, _, from, to, perrs, err := ui.reportPeriod(r, s)
	if err == nil {
		err = perrs.Err("report")
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	x, err := ui.app.ReportExport(r.Context(), ui.caller(r, s), from, to, name)
	ui.sendExport(w, r, s, x, format, err)
}

// yearEnd answers the year-end report of the period: one printable page
// (with links back and to the PDF) or, with ?format=pdf, its PDF.
func (ui *UI) yearEnd(w http.ResponseWriter, r *http.Request, s *session) {
	fromText, toText, from, to, perrs, err := ui.reportPeriod(r, s)
	if err == nil {
		err = perrs.Err("report")
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	q := url.Values{"from": {fromText}, "to": {toText}}
	links := paper.Links{Back: "/reports?" + q.Encode()}
	if ui.app.CanPrint() {
		q.Set("format", app.BookPDF)
		links.PDF = "/reports/year-end?" + q.Encode()
	} else {
		links.PDFMissing = app.NoPrinter
	}
	f, err := ui.app.YearEndFile(r.Context(), ui.caller(r, s), from, to, r.URL.Query().Get("format"), links)
	ui.sendDocument(w, r, s, f, err)
}

// thankYouLetter answers a thank-you letter on the organization's
// letterhead: a printable page or, with ?format=pdf, its PDF.
func (ui *UI) thankYouLetter(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	c := ui.caller(r, s)
	links := paper.Links{}
	if ty, err := ui.svc.Feedback.ThankYou(r.Context(), c.User.TenantID, id); err == nil {
		links.Back = sectionPath(ty.ProgramID, "follow-up") + "#thank-yous"
	}
	if ui.app.CanPrint() {
		links.PDF = "/thank-yous/" + itoa(id) + "/letter?format=" + app.BookPDF
	} else {
		links.PDFMissing = app.NoPrinter
	}
	f, err := ui.app.ThankYouLetterFile(r.Context(), c, id, r.URL.Query().Get("format"), links)
	ui.sendDocument(w, r, s, f, err)
}
