package web

import (
	"html/template"
	"net/http"
	"strconv"
	"time"

	"itinera"
	"itinera/internal/app"
)

// Multi-city projects (docs/projects.md): the project list, a project's
// page (the agency's timeline, stops, roster and grants; a city's own
// stops), a stop's state for the agency, and the shared roster on a
// stop's program. internal/app decides what each organization sees.

type projectsPage struct {
	Projects []app.ProjectSummary
}

func (ui *UI) projectList(w http.ResponseWriter, r *http.Request, s *session) {
	ps, err := ui.app.Projects(r.Context(), ui.caller(r, s))
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.render(w, r, s, http.StatusOK, "projects", pageInfo{Title: "Projects", Nav: "programs"}, projectsPage{Projects: ps})
}

type projectPage struct {
	V         app.ProjectView
	Timeline  template.HTML
	Rows      []projectStopRow
	Visitors  int
	Confirmed int // confirmed meetings drawn on the timeline
}

// projectStopRow is one stop of the project page's table, with the
// journey into it.
type projectStopRow struct {
	app.StopView
	Journey  string
	Arrives  string
	Problems []itinera.RouteProblem
}

func (ui *UI) projectShow(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v, err := ui.app.ProjectView(r.Context(), ui.caller(r, s), id)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	pg := projectPage{V: v}
	var stops []itinera.ProjectStop
	for i, sv := range v.Stops {
		stops = append(stops, sv.Stop)
		row := projectStopRow{StopView: sv, Problems: sv.Problems}
		if i > 0 && v.IsAgency {
			row.Journey = journeyLabel(v.Stops[i-1].Stop, sv.Stop)
		} else {
			row.Journey = "By " + string(sv.Stop.ArrivalMode)
			if sv.Stop.ArrivalRef != "" {
				row.Journey += " (" + sv.Stop.ArrivalRef + ")"
			}
		}
		if !sv.Stop.ArrivesAt.IsZero() && (i == 0 || !v.IsAgency) {
			row.Arrives = sv.Stop.ArrivesAt.In(sv.Stop.Location()).Format("Mon 2 Jan 15:04 MST")
		}
		pg.Rows = append(pg.Rows, row)
	}
	if v.IsAgency {
		meetings := map[int64][]app.StopItem{}
		for _, sv := range v.Stops {
			if !sv.ReadsProgram {
				continue
			}
			st, err := ui.app.StopState(r.Context(), ui.caller(r, s), sv.Stop.ID)
			if err != nil {
				ui.fail(w, r, s, err)
				return
			}
			for _, x := range st.Items {
				if x.Meeting && x.Confirmed {
					meetings[sv.Stop.ID] = append(meetings[sv.Stop.ID], x)
					pg.Confirmed++
				}
			}
		}
		pg.Timeline = projectTimeline(stops, v.Problems, meetings)
	}
	for _, m := range v.Roster {
		if m.Role == itinera.RosterVisitor && !m.Withdrawn {
			pg.Visitors++
		}
	}
	ui.render(w, r, s, http.StatusOK, "project", pageInfo{Title: v.Project.Title, Nav: "programs",
		Crumbs: []crumb{{Href: "/projects", Label: "Projects"}}}, pg)
}

type stopPage struct {
	St    app.StopState
	Zone  string
	Items []stopItemRow
}

type stopItemRow struct {
	Day, Time, Title, Kind string
	Confirmed              bool
}

// stopShow is a stop's state: for the agency under the stop's program
// grant, and for the stop's own organization.
func (ui *UI) stopShow(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	st, err := ui.app.StopState(r.Context(), ui.caller(r, s), id)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	loc := st.Program.Location()
	pg := stopPage{St: st, Zone: st.Program.ZoneLabel()}
	for _, x := range st.Items {
		kind := "Activity"
		if x.Meeting {
			kind = "Meeting"
		}
		pg.Items = append(pg.Items, stopItemRow{Day: x.Start.In(loc).Format("Mon 2 Jan"),
			Time: x.Start.In(loc).Format("15:04") + "–" + x.End.In(loc).Format("15:04 MST"), Title: x.Title, Kind: kind, Confirmed: x.Confirmed})
	}
	ui.render(w, r, s, http.StatusOK, "stop", pageInfo{Title: st.Stop.City + ": how the stop is going", Nav: "programs",
		Crumbs: []crumb{{Href: "/projects", Label: "Projects"}, {Href: "/projects/" + itoa(st.Stop.ProjectID), Label: "The project"}}}, pg)
}

type rosterPage struct {
	R     app.SharedRoster
	P     itinera.Program
	Until string
	Shows map[string]bool
}

// programRoster is the roster of a program that is a stop of a project,
// as far as the agency shares it: read only.
func (ui *UI) programRoster(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	sr, err := ui.app.ProgramRoster(r.Context(), ui.caller(r, s), p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	pg := rosterPage{R: sr, P: p, Shows: map[string]bool{}}
	if !sr.Until.IsZero() {
		pg.Until = sr.Until.In(p.Location()).Add(-time.Second).Format("Monday 2 January 2006")
	}
	for _, f := range sr.Shared {
		pg.Shows[f] = true
	}
	ui.render(w, r, s, http.StatusOK, "roster", pageInfo{Title: "The delegation's roster", Nav: "programs",
		Crumbs: []crumb{{Href: "/programs", Label: "Programs"}, {Href: "/programs/" + itoa(p.ID), Label: p.Title}}}, pg)
}

// stopAccept is the stop's organization accepting it.
func (ui *UI) stopAccept(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	st, err := ui.app.AcceptStop(r.Context(), ui.caller(r, s), id)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, "/programs/"+itoa(st.ProgramID), "The stop is accepted: its program is in your workspace, with the roster the agency shares.")
}

// grantRevoke ends a grant at once.
func (ui *UI) grantRevoke(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	g, err := ui.app.RevokeGrant(r.Context(), ui.caller(r, s), id)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, "/projects/"+strconv.FormatInt(g.ProjectID, 10)+"#grants",
		"The grant is revoked: "+g.GranteeName+" no longer reads the "+string(g.Scope)+".")
}
