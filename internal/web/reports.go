package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"itinera"
	"itinera/internal/app"
)

// The reports page (/reports): the figures of a period, each with how it
// was counted, and its breakdowns as bar charts drawn here as SVG, each
// with its table and its CSV and XLSX downloads. Every figure comes from
// app.ReportSummary.

// reportView is the reports page.
type reportView struct {
	From, To string
	Query    string // from=…&to=…, for the downloads
	Errors   map[string]string
	Message  string
	R        app.Report
	Figures  []reportFigure
	Charts   []barChart
}

type reportFigure struct {
	ID, Label, Value, How string
}

// barChart is one breakdown: its bars, drawn as SVG, and its table.
type barChart struct {
	ID, Title, What, How, Table string
	Bars                        []bar
	Height, LabelWidth, LabelX  int
	More                        int // rows beyond the chart, in the table only
	Rows                        []app.Count
}

// bar is one bar of a chart, laid out: its label, its length and value.
type bar struct {
	Label     string
	Count     int
	Y, Width  int
	TextY     int
	ValueX    int
	ValueText string
}

// maxBars is how many bars a chart draws; its table lists them all.
const maxBars = 12

func newBarChart(id, title, what, how, table string, rows []app.Count) barChart {
	c := barChart{ID: id, Title: title, What: what, How: how, Table: table, Rows: rows, LabelWidth: 200, LabelX: 192}
	top := 0
	for _, r := range rows {
		top = max(top, r.Count)
	}
	shown := rows
	if len(shown) > maxBars {
		c.More, shown = len(shown)-maxBars, shown[:maxBars]
	}
	const row, span = 28, 190
	for i, r := range shown {
		w := 0
		if top > 0 {
			w = r.Count * span / top
		}
		label := r.Name
		if len([]rune(label)) > 22 {
			label = string([]rune(label)[:21]) + "…"
		}
		c.Bars = append(c.Bars, bar{Label: label, Count: r.Count, Y: i*row + 4, Width: max(w, 2), TextY: i*row + 19,
			ValueX: c.LabelWidth + max(w, 2) + 6, ValueText: strconv.Itoa(r.Count)})
	}
	c.Height = len(shown)*row + 8
	return c
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
	v.Query = url.Values{"from": {v.From}, "to": {v.To}}.Encode()
	if code == http.StatusOK {
		rep := v.R
		v.Figures = []reportFigure{
			{"fig-programs", "Programs", strconv.Itoa(len(rep.Programs)), app.CountedPrograms},
			{"fig-visitors", "Visitors", strconv.Itoa(rep.Visitors), app.CountedVisitors},
			{"fig-meetings", "Meetings held", strconv.Itoa(rep.MeetingsHeld), app.CountedMeetings},
			{"fig-organizations", "Organizations engaged", strconv.Itoa(rep.OrganizationsEngaged), app.CountedOrganizations},
			{"fig-hours", "Volunteer hours", strconv.FormatFloat(rep.VolunteerHours(), 'f', 1, 64), app.CountedVolunteerHours},
			{"fig-nights", "Home-hospitality nights", strconv.Itoa(rep.HospitalityNights), app.CountedNights},
			{"fig-feedback", "Feedback, out of 5", rep.Feedback.Label(), app.CountedFeedback},
		}
		v.Charts = []barChart{
			newBarChart("by-country", "Visitors by country", "Country", app.CountedVisitors, "visitors-by-country", rep.VisitorsByCountry),
			newBarChart("by-topic", "Meetings held by topic", "Topic", app.CountedMeetings, "meetings-by-topic", rep.MeetingsByTopic),
			newBarChart("by-organization", "Organizations engaged: meetings held with each", "Organization", app.CountedOrganizations,
				"organizations", rep.OrganizationsByMeetings),
			newBarChart("by-kind", "What followed, by kind", "Kind", app.CountedCollaborations, "collaborations-by-kind", rep.CollaborationsByKind),
		}
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
