package web

import (
	"net/http"

	"itinera"
	"itinera/internal/app"
)

// The home page (issue 13, part 6): the programs to come with their
// readiness, and what needs the officer today, from app.Dashboard.

type dashboardView struct {
	Today, Zone string
	Programs    []dashboardProgram
	More        int
	Needs       []needGroup
	Chase       []app.FeedbackToChase
	NeedsNone   bool
}

type dashboardProgram struct {
	P       itinera.Program
	R       app.Readiness
	Running bool
	Dates   string
}

// needGroup is one kind of work today, with its items.
type needGroup struct {
	ID, Heading string
	Items       []itinera.Alert
}

func (ui *UI) home(w http.ResponseWriter, r *http.Request, s *session) {
	d, err := ui.app.Dashboard(r.Context(), ui.caller(r, s))
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v := dashboardView{Today: d.Today.In(d.Zone).Format("Monday 2 January 2006"), Zone: d.Zone.String(), More: d.More}
	for _, u := range d.Upcoming {
		v.Programs = append(v.Programs, dashboardProgram{P: u.Program, R: u.Readiness, Running: u.Running,
			Dates: dateLabel(u.Program.StartDate) + " – " + dateLabel(u.Program.EndDate)})
	}
	for _, g := range []needGroup{
		{"needs-answers", "Answers to read", d.Answers},
		{"needs-overdue", "Requests overdue", d.Overdue},
		{"needs-failed", "Mail not delivered", d.Failed},
		{"needs-hosts", "Hosts' answers to read", d.Hosts},
	} {
		if len(g.Items) > 0 {
			v.Needs = append(v.Needs, g)
		}
	}
	v.Chase = d.Chase
	v.NeedsNone = len(v.Needs) == 0 && len(v.Chase) == 0
	ui.render(w, r, s, http.StatusOK, "dashboard", pageInfo{Title: "Today", Nav: "home"}, v)
}
