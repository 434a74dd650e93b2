package app

import (
	"context"
	"strconv"

	"itinera"
	"itinera/internal/chart"
	"itinera/internal/sheet"
)

// The tables of a report: one list that the reports page, its CSV and
// XLSX downloads, the year-end report and its PDF all show, each table
// with how it was counted and its chart.

// ReportFigure is one headline figure of a report.
type ReportFigure struct {
	ID, Label, Value, How string
}

// ReportTable is one table of a report: its download name, title, how it
// was counted, columns and rows as text, and its chart (SVG markup, ""
// for none) whose text alternative the table is.
type ReportTable struct {
	Name, Title, How string
	Columns          []string
	Rows             [][]string
	// Numeric says which columns hold numbers (right-aligned).
	Numeric []bool
	Chart   string
	// More is how many rows the chart leaves out (the table has all).
	More int
}

// maxBars is how many bars a list's chart draws; its table lists all.
const maxBars = 12

// Figures are the headline figures of r, each with how it was counted.
func (r Report) Figures() []ReportFigure {
	fs := []ReportFigure{
		{"fig-programs", "Programs", strconv.Itoa(len(r.Programs)), CountedPrograms},
		{"fig-visitors", "Visitors", strconv.Itoa(r.Visitors), CountedVisitors},
		{"fig-countries", "Countries", strconv.Itoa(countries(r.VisitorsByCountry)), CountedCountries},
		{"fig-meetings", "Meetings held", strconv.Itoa(r.MeetingsHeld), CountedMeetings},
		{"fig-organizations", "Organizations engaged", strconv.Itoa(r.OrganizationsEngaged), CountedOrganizations},
		{"fig-hours", "Volunteer hours", strconv.FormatFloat(r.VolunteerHours(), 'f', 1, 64), CountedVolunteerHours},
	}
	if r.HourValueCents > 0 {
		fs = append(fs, ReportFigure{"fig-hours-value", "Value of the volunteer hours", Money(r.VolunteerValueCents()), CountedHourValue})
	}
	fs = append(fs,
		ReportFigure{"fig-nights", "Home-hospitality nights", strconv.Itoa(r.HospitalityNights), CountedNights},
		ReportFigure{"fig-economics", "Local economic inputs", Money(r.Economics.TotalCents()), CountedEconomics},
		ReportFigure{"fig-collaborations", "Collaborations", strconv.Itoa(sum(r.CollaborationsByKind)), CountedCollaborations},
		ReportFigure{"fig-feedback", "Feedback, out of 5", r.Feedback.Label(), CountedFeedback},
	)
	return fs
}

func countries(cs []Count) int {
	n := 0
	for _, c := range cs {
		if c.Name != "not given" {
			n++
		}
	}
	return n
}

func sum(cs []Count) int {
	n := 0
	for _, c := range cs {
		n += c.Count
	}
	return n
}

// ReportTableNames are the names of the tables a report downloads as.
var ReportTableNames = []string{"figures", "visitors-by-country", "visitors-by-region", "visitors-by-sector", "meetings-by-topic",
	"meetings-by-organization-kind", "organizations", "volunteer-hours", "economic-inputs", "feedback", "collaborations",
	"collaborations-by-status", "by-month", "programs"}

// Tables are the report's tables in the order the page shows them
// (ReportTableNames), figures first.
func (r Report) Tables() []ReportTable {
	var ts []ReportTable
	figs := ReportTable{Name: "figures", Title: "Figures", How: "Each figure with how it was counted.",
		Columns: []string{"Figure", "Value", "How it is counted"}, Numeric: []bool{false, true, false}}
	for _, f := range r.Figures() {
		figs.Rows = append(figs.Rows, []string{f.Label, f.Value, f.How})
	}
	ts = append(ts, figs)
	ts = append(ts,
		tally("visitors-by-country", "Visitors by country", "Country", CountedVisitors, r.VisitorsByCountry),
		tally("visitors-by-region", "Visitors by region", "Region", CountedRegions, r.VisitorsByRegion),
		tally("visitors-by-sector", "Visitors by sector", "Sector", CountedSectors, r.VisitorsBySector),
		tally("meetings-by-topic", "Meetings held by topic", "Topic", CountedMeetings, r.MeetingsByTopic),
		tally("meetings-by-organization-kind", "Meetings held by kind of organization", "Kind of organization", CountedMeetingKinds, r.MeetingsByKind),
		tally("organizations", "Organizations engaged: meetings held with each", "Organization", CountedOrganizations, r.OrganizationsByMeetings),
	)

	// Volunteer hours: the split, and its chart by month.
	vh := ReportTable{Name: "volunteer-hours", Title: "Volunteer hours", How: CountedHosting + " " + CountedHourValue,
		Columns: []string{"Volunteer time", "Hours"}, Numeric: []bool{false, true}}
	if r.HourValueCents > 0 {
		vh.Columns, vh.Numeric = append(vh.Columns, "Value at "+Money(int64(r.HourValueCents))+" an hour"), append(vh.Numeric, true)
	}
	for _, x := range []struct {
		what    string
		minutes int
	}{{"Hosting (home-hospitality evenings)", r.EveningMinutes()}, {"Driving (households collecting and returning guests)", r.DriveMinutes},
		{"Meeting time (resources)", r.MeetingMinutes}, {"Total", r.HostingMinutes + r.MeetingMinutes}} {
		row := []string{x.what, strconv.FormatFloat(hours(x.minutes), 'f', 2, 64)}
		if r.HourValueCents > 0 {
			row = append(row, Money(int64(x.minutes)*int64(r.HourValueCents)/60))
		}
		vh.Rows = append(vh.Rows, row)
	}
	periods := make([]string, len(r.Months))
	ev, dr, mt := make([]float64, len(r.Months)), make([]float64, len(r.Months)), make([]float64, len(r.Months))
	for i, m := range r.Months {
		periods[i] = m.Label()
		ev[i], dr[i], mt[i] = hours(m.EveningMinutes), hours(m.DriveMinutes), hours(m.MeetingMinutes)
	}
	vh.Chart = chart.Stacked(chart.Chart{ID: "chart-volunteer-hours", Title: "Volunteer hours by month",
		Desc: "Stacked bars: hosting, driving and meeting time in each month of the period; the table beside gives the totals and the table by month every figure."},
		periods, []chart.Series{{Name: "Hosting", Values: ev}, {Name: "Driving", Values: dr}, {Name: "Meeting time", Values: mt}})
	ts = append(ts, vh)

	e := r.Economics
	ts = append(ts, ReportTable{Name: "economic-inputs", Title: "Local economic inputs", How: CountedEconomics + " Programs with figures: " +
		strconv.Itoa(e.ProgramsEntered) + " of " + strconv.Itoa(len(r.Programs)) + ".",
		Columns: []string{"Input", "Quantity", "Amount"}, Numeric: []bool{false, true, true},
		Rows: [][]string{{"Hotel nights", strconv.Itoa(e.HotelNights), Money(e.HotelCents)}, {"Meals", strconv.Itoa(e.Meals), Money(e.MealsCents)},
			{"Local transport", "", Money(e.TransportCents)}, {"Total", "", Money(e.TotalCents())}}})

	fb := ReportTable{Name: "feedback", Title: "Feedback by role", How: CountedFeedbackRoles,
		Columns: []string{"Role", "Answers", "Average out of 5"}, Numeric: []bool{false, true, true}}
	var fbars []chart.Bar
	for _, ra := range r.FeedbackByRole {
		fb.Rows = append(fb.Rows, []string{ra.Role.Label(), strconv.Itoa(ra.Answers), ra.Label()})
		if ra.Count > 0 {
			fbars = append(fbars, chart.Bar{Label: ra.Role.Label(), Value: ra.Value(), Text: ra.Label()})
		}
	}
	if len(fbars) > 0 {
		fb.Chart = chart.Bars(chart.Chart{ID: "chart-feedback", Title: "Feedback by role, out of 5",
			Desc: "Bar chart of the mean overall rating of each role that answered; the table gives every figure."}, fbars)
	}
	ts = append(ts, fb)

	co := ReportTable{Name: "collaborations", Title: "Collaborations by kind and status", How: CountedCollaborations,
		Columns: []string{"Kind"}, Numeric: []bool{false}}
	var series []chart.Series
	for _, s := range itinera.CollaborationStatuses {
		co.Columns, co.Numeric = append(co.Columns, string(s)), append(co.Numeric, true)
		series = append(series, chart.Series{Name: string(s)})
	}
	co.Columns, co.Numeric = append(co.Columns, "Total"), append(co.Numeric, true)
	var kinds []string
	for _, k := range r.Collaborations {
		row, total := []string{k.Kind}, 0
		for i, s := range itinera.CollaborationStatuses {
			row = append(row, strconv.Itoa(k.ByStatus[s]))
			series[i].Values = append(series[i].Values, float64(k.ByStatus[s]))
			total += k.ByStatus[s]
		}
		co.Rows = append(co.Rows, append(row, strconv.Itoa(total)))
		kinds = append(kinds, k.Kind)
	}
	if len(kinds) > 0 {
		co.Chart = chart.Stacked(chart.Chart{ID: "chart-collaborations", Title: "Collaborations by kind and status",
			Desc: "Stacked bars: for each kind, how many are planned, ongoing and done; the table gives every figure."}, kinds, series)
	}
	ts = append(ts, co, tally("collaborations-by-status", "Collaborations by status", "Status", CountedCollaborations, r.CollaborationsByStatus))

	bm := ReportTable{Name: "by-month", Title: "By month", How: CountedMonths,
		Columns: []string{"Month", "Programs", "Visitors", "Meetings held", "Home-hospitality nights", "Hosting hours", "Driving hours", "Meeting hours"},
		Numeric: []bool{false, true, true, true, true, true, true, true}}
	vis, meet := make([]float64, len(r.Months)), make([]float64, len(r.Months))
	for i, m := range r.Months {
		bm.Rows = append(bm.Rows, []string{m.Label(), strconv.Itoa(m.Programs), strconv.Itoa(m.Visitors), strconv.Itoa(m.Meetings),
			strconv.Itoa(m.Nights), strconv.FormatFloat(hours(m.EveningMinutes), 'f', 2, 64), strconv.FormatFloat(hours(m.DriveMinutes), 'f', 2, 64),
			strconv.FormatFloat(hours(m.MeetingMinutes), 'f', 2, 64)})
		vis[i], meet[i] = float64(m.Visitors), float64(m.Meetings)
	}
	bm.Chart = chart.Line(chart.Chart{ID: "chart-by-month", Title: "Visitors and meetings held by month",
		Desc: "Lines over the months of the period: visitors arriving and meetings held; the table gives every figure."},
		periods, []chart.Series{{Name: "Visitors", Values: vis}, {Name: "Meetings held", Values: meet}})
	ts = append(ts, bm)

	pr := ReportTable{Name: "programs", Title: "Programs counted", How: CountedPrograms,
		Columns: []string{"Program", "Start date", "End date", "Visitors", "Status"}, Numeric: []bool{false, false, false, true, false}}
	for _, p := range r.Programs {
		pr.Rows = append(pr.Rows, []string{p.Title, p.StartDate.String(), p.EndDate.String(), strconv.Itoa(p.VisitorCount), string(p.Status)})
	}
	return append(ts, pr)
}

// tally is a breakdown's table with its bar chart (the largest rows).
func tally(name, title, what, how string, xs []Count) ReportTable {
	t := ReportTable{Name: name, Title: title, How: how, Columns: []string{what, "Count"}, Numeric: []bool{false, true}}
	var bars []chart.Bar
	for i, x := range xs {
		t.Rows = append(t.Rows, []string{x.Name, strconv.Itoa(x.Count)})
		if i < maxBars {
			bars = append(bars, chart.Bar{Label: x.Name, Value: float64(x.Count)})
		}
	}
	t.More = max(0, len(xs)-maxBars)
	if len(bars) > 0 {
		desc := "Bar chart, one bar per row of the table beside it, longest for the largest count."
		if t.More > 0 {
			desc = "Bar chart of the " + strconv.Itoa(maxBars) + " largest; the table beside it lists all " + strconv.Itoa(len(xs)) + "."
		}
		t.Chart = chart.Bars(chart.Chart{ID: "chart-" + name, Title: title, Desc: desc}, bars)
	}
	return t
}

// Table returns the table called name, ENOTFOUND if there is none.
func (r Report) Table(name string) (ReportTable, error) {
	for _, t := range r.Tables() {
		if t.Name == name {
			return t, nil
		}
	}
	return ReportTable{}, itinera.Errorf(itinera.ENOTFOUND, "There is no report table called %q.", name)
}

// ReportExport is one table of the report of from … to, to download as
// CSV or XLSX like any list.
func (a *App) ReportExport(ctx context.Context, c Caller, from, to itinera.Date, table string) (Export, error) {
	known := false
	for _, n := range ReportTableNames {
		known = known || n == table
	}
	if !known {
		return Export{}, itinera.Errorf(itinera.ENOTFOUND, "There is no report table called %q.", table)
	}
	r, err := a.ReportSummary(ctx, c, from, to)
	if err != nil {
		return Export{}, err
	}
	tb, err := r.Table(table)
	if err != nil {
		return Export{}, err
	}
	sh := sheet.Sheet{Name: tb.Title, Header: tb.Columns, Rows: tb.Rows}
	if sh.Rows == nil {
		sh.Rows = [][]string{}
	}
	t, _, err := a.tenantZone(ctx, c)
	if err != nil {
		return Export{}, err
	}
	return Export{Sheet: sh, Name: FileName(t.Slug, "report-"+table, from.String()+"-to-"+to.String())}, nil
}
