package api

import (
	"net/http"

	"itinera"
)

// Reports: the figures of a period (app.ReportSummary), for the year-end
// report.

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

type reportJSON struct {
	From                 string         `json:"from"`
	To                   string         `json:"to"`
	Programs             int            `json:"programs"`
	Visitors             int            `json:"visitors"`
	VisitorsByCountry    []countryCount `json:"visitors_by_country"`
	MeetingsHeld         int            `json:"meetings_held"`
	MeetingsByTopic      []topicCount   `json:"meetings_by_topic"`
	OrganizationsEngaged int            `json:"organizations_engaged"`
	VolunteerHours       float64        `json:"volunteer_hours"`
	HospitalityNights    int            `json:"hospitality_nights"`
	CollaborationsByKind []kindCount    `json:"collaborations_by_kind"`
	FeedbackAverage      *float64       `json:"feedback_average"`
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

func (a *API) getReportSummary(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	from, to, err := readPeriod(r)
	if err != nil {
		return err
	}
	rep, err := a.app.ReportSummary(r.Context(), a.caller(r, u), from, to)
	if err != nil {
		return err
	}
	j := reportJSON{From: from.String(), To: to.String(), Programs: len(rep.Programs), Visitors: rep.Visitors,
		VisitorsByCountry: []countryCount{}, MeetingsHeld: rep.MeetingsHeld, MeetingsByTopic: []topicCount{},
		OrganizationsEngaged: rep.OrganizationsEngaged, VolunteerHours: rep.VolunteerHours(), HospitalityNights: rep.HospitalityNights,
		CollaborationsByKind: []kindCount{}}
	for _, c := range rep.VisitorsByCountry {
		j.VisitorsByCountry = append(j.VisitorsByCountry, countryCount{Country: c.Name, Count: c.Count})
	}
	for _, c := range rep.MeetingsByTopic {
		j.MeetingsByTopic = append(j.MeetingsByTopic, topicCount{Topic: c.Name, Count: c.Count})
	}
	for _, c := range rep.CollaborationsByKind {
		j.CollaborationsByKind = append(j.CollaborationsByKind, kindCount{Kind: c.Name, Count: c.Count})
	}
	if avg := newAverageJSON(rep.Feedback); avg.Average != nil {
		j.FeedbackAverage = avg.Average
	}
	return a.ok(w, r, j)
}
