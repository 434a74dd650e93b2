package api

import (
	"net/http"
	"strconv"
	"strings"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/paper"
)

// Reports: the figures of a period (app.ReportSummary), for the year-end
// report; each of its tables as CSV or XLSX; the year-end report as HTML or
// PDF; a program's local economic inputs; a thank-you letter on the
// letterhead.

type countryCount struct {
	Country string `json:"country"`
	Count   int    `json:"count"`
}

type topicCount struct {
	Topic string `json:"topic"`
	Count int    `json:"count"`
}

type kindCount struct {
	Kind  string `json:"kind"`
	Count int    `json:"count"`
}

type regionCount struct {
	Region string `json:"region"`
	Count  int    `json:"count"`
}

type sectorCount struct {
	Sector string `json:"sector"`
	Count  int    `json:"count"`
}

type organizationCount struct {
	Organization string `json:"organization"`
	Count        int    `json:"count"`
}

type statusCount struct {
	Status string `json:"status"`
	Count  int    `json:"count"`
}

type collaborationRowJSON struct {
	Kind    string `json:"kind"`
	Planned int    `json:"planned"`
	Ongoing int    `json:"ongoing"`
	Done    int    `json:"done"`
}

type volunteerJSON struct {
	HostingHours   float64 `json:"hosting_hours"`
	DrivingHours   float64 `json:"driving_hours"`
	MeetingHours   float64 `json:"meeting_hours"`
	TotalHours     float64 `json:"total_hours"`
	HourValueCents *int    `json:"hour_value_cents"`
	ValueCents     *int64  `json:"value_cents"`
}

type economicsTotalJSON struct {
	ProgramsEntered int   `json:"programs_entered"`
	HotelNights     int   `json:"hotel_nights"`
	HotelCents      int64 `json:"hotel_cents"`
	Meals           int   `json:"meals"`
	MealsCents      int64 `json:"meals_cents"`
	TransportCents  int64 `json:"transport_cents"`
	TotalCents      int64 `json:"total_cents"`
}

type roleAverageJSON struct {
	Role    string   `json:"role"`
	Answers int      `json:"answers"`
	Rated   int      `json:"rated"`
	Average *float64 `json:"average"`
}

type monthJSON struct {
	Month             string  `json:"month"`
	Programs          int     `json:"programs"`
	Visitors          int     `json:"visitors"`
	MeetingsHeld      int     `json:"meetings_held"`
	HospitalityNights int     `json:"hospitality_nights"`
	HostingHours      float64 `json:"hosting_hours"`
	DrivingHours      float64 `json:"driving_hours"`
	MeetingHours      float64 `json:"meeting_hours"`
}

type reportJSON struct {
	From                       string                 `json:"from"`
	To                         string                 `json:"to"`
	Programs                   int                    `json:"programs"`
	Visitors                   int                    `json:"visitors"`
	VisitorsByCountry          []countryCount         `json:"visitors_by_country"`
	VisitorsByRegion           []regionCount          `json:"visitors_by_region"`
	VisitorsBySector           []sectorCount          `json:"visitors_by_sector"`
	MeetingsHeld               int                    `json:"meetings_held"`
	MeetingsByTopic            []topicCount           `json:"meetings_by_topic"`
	MeetingsByOrganizationKind []kindCount            `json:"meetings_by_organization_kind"`
	OrganizationsEngaged       int                    `json:"organizations_engaged"`
	OrganizationsByMeetings    []organizationCount    `json:"organizations_by_meetings"`
	VolunteerHours             float64                `json:"volunteer_hours"`
	Volunteer                  volunteerJSON          `json:"volunteer"`
	HospitalityNights          int                    `json:"hospitality_nights"`
	EconomicInputs             economicsTotalJSON     `json:"economic_inputs"`
	CollaborationsByKind       []kindCount            `json:"collaborations_by_kind"`
	CollaborationsByStatus     []statusCount          `json:"collaborations_by_status"`
	Collaborations             []collaborationRowJSON `json:"collaborations"`
	FeedbackAverage            *float64               `json:"feedback_average"`
	FeedbackByRole             []roleAverageJSON      `json:"feedback_by_role"`
	Months                     []monthJSON            `json:"months"`
	HowCounted                 map[string]string      `json:"how_counted"`
}

// readPeriod reads ?from= and ?to=, naming a wrong one.
func readPeriod(r *http.Request) (from, to itinera.Date, err error) {
	q := r.URL.Query()
	f := itinera.FieldErrors{}
	if q.Get("from") == "" {
		f.Add("from", "Give the first day of the period, YYYY-MM-DD.")
	}
	if q.Get("to") == "" {
		f.Add("to", "Give the last day of the period, YYYY-MM-DD.")
	}
	from, to = parseDate(f, "from", q.Get("from")), parseDate(f, "to", q.Get("to"))
	return from, to, f.Err("query")
}

// getReportSummary answers the figures of the period as JSON; asked for
// CSV or XLSX (?format= or Accept), one of its tables (?table=) as a
// spreadsheet.
func (a *API) getReportSummary(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	w.Header().Add("Vary", "Accept")
	format, err := exportFormat(r)
	if err != nil {
		return err
	}
	from, to, err := readPeriod(r)
	if err != nil {
		return err
	}
	if format != "" {
		table := r.URL.Query().Get("table")
		known := false
		for _, n := range app.ReportTableNames {
			known = known || n == table
		}
		if !known {
			return itinera.FieldErrors{"table": "Choose the table: " + strings.Join(app.ReportTableNames, ", ") + "."}.Err("query")
		}
		x, err := a.app.ReportExport(r.Context(), a.caller(r, u), from, to, table)
		if err != nil {
			return err
		}
		return writeExport(w, r, x, format)
	}
	rep, err := a.app.ReportSummary(r.Context(), a.caller(r, u), from, to)
	if err != nil {
		return err
	}
	return a.ok(w, r, newReportJSON(rep))
}

func newReportJSON(rep app.Report) reportJSON {
	j := reportJSON{From: rep.From.String(), To: rep.To.String(), Programs: len(rep.Programs), Visitors: rep.Visitors,
		VisitorsByCountry: []countryCount{}, VisitorsByRegion: []regionCount{}, VisitorsBySector: []sectorCount{},
		MeetingsHeld: rep.MeetingsHeld, MeetingsByTopic: []topicCount{}, MeetingsByOrganizationKind: []kindCount{},
		OrganizationsEngaged: rep.OrganizationsEngaged, OrganizationsByMeetings: []organizationCount{},
		VolunteerHours: rep.VolunteerHours(), HospitalityNights: rep.HospitalityNights,
		CollaborationsByKind: []kindCount{}, CollaborationsByStatus: []statusCount{}, Collaborations: []collaborationRowJSON{},
		FeedbackByRole: []roleAverageJSON{}, Months: []monthJSON{},
		HowCounted: map[string]string{"programs": app.CountedPrograms, "visitors": app.CountedVisitors, "visitors_by_region": app.CountedRegions,
			"visitors_by_sector": app.CountedSectors, "meetings_held": app.CountedMeetings, "meetings_by_organization_kind": app.CountedMeetingKinds,
			"organizations_engaged": app.CountedOrganizations, "volunteer_hours": app.CountedVolunteerHours, "volunteer": app.CountedHosting,
			"volunteer_value": app.CountedHourValue, "hospitality_nights": app.CountedNights, "economic_inputs": app.CountedEconomics,
			"collaborations": app.CountedCollaborations, "feedback_average": app.CountedFeedback, "feedback_by_role": app.CountedFeedbackRoles,
			"months": app.CountedMonths}}
	for _, c := range rep.VisitorsByCountry {
		j.VisitorsByCountry = append(j.VisitorsByCountry, countryCount{Country: c.Name, Count: c.Count})
	}
	for _, c := range rep.VisitorsByRegion {
		j.VisitorsByRegion = append(j.VisitorsByRegion, regionCount{Region: c.Name, Count: c.Count})
	}
	for _, c := range rep.VisitorsBySector {
		j.VisitorsBySector = append(j.VisitorsBySector, sectorCount{Sector: c.Name, Count: c.Count})
	}
	for _, c := range rep.MeetingsByTopic {
		j.MeetingsByTopic = append(j.MeetingsByTopic, topicCount{Topic: c.Name, Count: c.Count})
	}
	for _, c := range rep.MeetingsByKind {
		j.MeetingsByOrganizationKind = append(j.MeetingsByOrganizationKind, kindCount{Kind: c.Name, Count: c.Count})
	}
	for _, c := range rep.OrganizationsByMeetings {
		j.OrganizationsByMeetings = append(j.OrganizationsByMeetings, organizationCount{Organization: c.Name, Count: c.Count})
	}
	for _, c := range rep.CollaborationsByKind {
		j.CollaborationsByKind = append(j.CollaborationsByKind, kindCount{Kind: c.Name, Count: c.Count})
	}
	for _, c := range rep.CollaborationsByStatus {
		j.CollaborationsByStatus = append(j.CollaborationsByStatus, statusCount{Status: c.Name, Count: c.Count})
	}
	for _, k := range rep.Collaborations {
		j.Collaborations = append(j.Collaborations, collaborationRowJSON{Kind: k.Kind, Planned: k.ByStatus[itinera.CollabPlanned],
			Ongoing: k.ByStatus[itinera.CollabOngoing], Done: k.ByStatus[itinera.CollabDone]})
	}
	j.Volunteer = volunteerJSON{HostingHours: hoursOf(rep.EveningMinutes()), DrivingHours: hoursOf(rep.DriveMinutes),
		MeetingHours: hoursOf(rep.MeetingMinutes), TotalHours: rep.VolunteerHours()}
	if rep.HourValueCents > 0 {
		rate, value := rep.HourValueCents, rep.VolunteerValueCents()
		j.Volunteer.HourValueCents, j.Volunteer.ValueCents = &rate, &value
	}
	e := rep.Economics
	j.EconomicInputs = economicsTotalJSON{ProgramsEntered: e.ProgramsEntered, HotelNights: e.HotelNights, HotelCents: e.HotelCents,
		Meals: e.Meals, MealsCents: e.MealsCents, TransportCents: e.TransportCents, TotalCents: e.TotalCents()}
	if avg := newAverageJSON(rep.Feedback); avg.Average != nil {
		j.FeedbackAverage = avg.Average
	}
	for _, ra := range rep.FeedbackByRole {
		j.FeedbackByRole = append(j.FeedbackByRole, roleAverageJSON{Role: string(ra.Role), Answers: ra.Answers, Rated: ra.Count,
			Average: newAverageJSON(ra.Average).Average})
	}
	for _, m := range rep.Months {
		j.Months = append(j.Months, monthJSON{Month: m.Start.String()[:7], Programs: m.Programs, Visitors: m.Visitors, MeetingsHeld: m.Meetings,
			HospitalityNights: m.Nights, HostingHours: hoursOf(m.EveningMinutes), DrivingHours: hoursOf(m.DriveMinutes),
			MeetingHours: hoursOf(m.MeetingMinutes)})
	}
	return j
}

// hoursOf writes minutes as hours to the hundredth.
func hoursOf(minutes int) float64 { return float64(minutes*100/60) / 100 }

// sendDocument answers a printable document as an attachment.
func sendDocument(w http.ResponseWriter, r *http.Request, f app.BookFile) error {
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Disposition", `attachment; filename="`+f.Name+`"`)
	h.Set("Content-Length", strconv.Itoa(len(f.Body)))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(f.Body)
	}
	return nil
}

// getYearEnd answers the year-end report of the period as HTML or PDF:
// GET /api/v1/reports/year-end?from=…&to=…&format=html|pdf.
func (a *API) getYearEnd(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	from, to, err := readPeriod(r)
	if err != nil {
		return err
	}
	format := r.URL.Query().Get("format")
	if format == "" {
		format = app.BookHTML
	}
	f, err := a.app.YearEndFile(r.Context(), a.caller(r, u), from, to, format, paper.Links{})
	if err != nil {
		return err
	}
	return sendDocument(w, r, f)
}

// getThankYouLetter answers a thank-you letter on the organization's
// letterhead as HTML or PDF.
func (a *API) getThankYouLetter(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "thank-you letter")
	if err != nil {
		return err
	}
	format := r.URL.Query().Get("format")
	if format == "" {
		format = app.BookHTML
	}
	f, err := a.app.ThankYouLetterFile(r.Context(), a.caller(r, u), id, format, paper.Links{})
	if err != nil {
		return err
	}
	return sendDocument(w, r, f)
}

// economicsJSON is a program's local economic inputs as entered.
type economicsJSON struct {
	ProgramID      int64  `json:"program_id"`
	Version        int    `json:"version"`
	HotelNights    int    `json:"hotel_nights"`
	HotelCents     int64  `json:"hotel_cents"`
	Meals          int    `json:"meals"`
	MealsCents     int64  `json:"meals_cents"`
	TransportCents int64  `json:"transport_cents"`
	Note           string `json:"note"`
}

type economicsInput struct {
	HotelNights    int    `json:"hotel_nights"`
	HotelCents     int64  `json:"hotel_cents"`
	Meals          int    `json:"meals"`
	MealsCents     int64  `json:"meals_cents"`
	TransportCents int64  `json:"transport_cents"`
	Note           string `json:"note"`
}

func newEconomicsJSON(e itinera.EconomicInputs) economicsJSON {
	return economicsJSON{ProgramID: e.ProgramID, Version: e.Version, HotelNights: e.HotelNights, HotelCents: e.HotelCents,
		Meals: e.Meals, MealsCents: e.MealsCents, TransportCents: e.TransportCents, Note: e.Note}
}

// getEconomicInputs answers a program's local economic inputs (version 0:
// none entered yet).
func (a *API) getEconomicInputs(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	e, err := a.app.EconomicInputs(r.Context(), a.caller(r, u), p.ID)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(e.Version))
	return a.ok(w, r, newEconomicsJSON(e))
}

// putEconomicInputs replaces a program's local economic inputs; If-Match
// names the version read ("0" before any was entered).
func (a *API) putEconomicInputs(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	cur, err := a.app.EconomicInputs(r.Context(), a.caller(r, u), p.ID)
	if err != nil {
		return err
	}
	version := cur.Version
	if v, err := ifMatch(r); err != nil {
		return err
	} else if v != 0 {
		version = v
	}
	var in economicsInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	e, err := a.app.SaveEconomicInputs(r.Context(), a.caller(r, u), p.ID, itinera.EconomicInputs{Version: version,
		HotelNights: in.HotelNights, HotelCents: in.HotelCents, Meals: in.Meals, MealsCents: in.MealsCents,
		TransportCents: in.TransportCents, Note: in.Note})
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(e.Version))
	return a.ok(w, r, newEconomicsJSON(e))
}
