package web

import (
	"fmt"
	"net/http"
	"strings"

	"itinera"
	"itinera/internal/app"
)

// A program is a workspace of sections, each with its own address, so
// that every action returns to the section it was started in. The
// Overview (/programs/{id}) sums up the program and what is still to do.

// sectionLink is one entry of a program's section navigation.
type sectionLink struct {
	Key, Href, Label string
	Current          bool
}

// sectionNav is the section navigation of one program page.
type sectionNav struct {
	PID      int64
	Sections []sectionLink
}

// programSections are the sections of a program, in order: key, path
// after /programs/{id}, label.
var programSections = [][3]string{
	{"overview", "", "Overview"},
	{"delegation", "/delegation", "Delegation"},
	{"candidates", "/candidates", "Candidates"},
	{"itinerary", "/itinerary", "Itinerary"},
	{"requests", "/requests", "Requests"},
	{"hospitality", "/hospitality", "Hospitality"},
	{"books", "/book-and-releases", "Book & releases"},
	{"follow-up", "/follow-up", "Follow-up"},
}

// sectionPath is the address of a program's section.
func sectionPath(pid int64, key string) string {
	for _, s := range programSections {
		if s[0] == key {
			return "/programs/" + itoa(pid) + s[1]
		}
	}
	return "/programs/" + itoa(pid)
}

func programTabs(pid int64, current string) sectionNav {
	n := sectionNav{PID: pid}
	for _, s := range programSections {
		n.Sections = append(n.Sections, sectionLink{Key: s[0], Href: "/programs/" + itoa(pid) + s[1], Label: s[2], Current: s[0] == current})
	}
	return n
}

// sectionOfAnchor names the section that holds a part of the old single
// program page ("visitors", "meeting-12", …).
func sectionOfAnchor(anchor string) string {
	switch {
	case anchor == "visitors" || anchor == "interpreters":
		return "delegation"
	case anchor == "meetings" || anchor == "activities" || strings.HasPrefix(anchor, "meeting-") || strings.HasPrefix(anchor, "activity-"):
		return "candidates"
	case anchor == "days" || anchor == "itinerary" || strings.HasPrefix(anchor, "item-") || strings.HasPrefix(anchor, "day-"):
		return "itinerary"
	case anchor == "books" || anchor == "feeds" || anchor == "releases":
		return "books"
	}
	return "overview"
}

// programLink is the address of a part of a program: its section, and the
// part as the fragment.
func programLink(p itinera.Program, anchor string) string {
	return sectionPath(p.ID, sectionOfAnchor(anchor)) + "#" + anchor
}

// sectionInfo is the page information of a program section.
func sectionInfo(p itinera.Program, section string) pageInfo {
	label := "Overview"
	for _, s := range programSections {
		if s[0] == section {
			label = s[2]
		}
	}
	return pageInfo{Title: label + " · " + p.Title, Nav: "programs", Crumbs: []crumb{programsCrumb, programCrumb(p)}}
}

// overviewView is the Overview section: key facts and readiness.
type overviewView struct {
	programView
	Readiness []readinessRow
	Ready     bool
}

// readinessRow is one line of the readiness summary: a count, what it
// means and where it is fixed.
type readinessRow struct {
	ID, Text, Href, Fix string
	Count               int
	Items               []readinessLink
}

type readinessLink struct{ Href, Label string }

func readinessRows(p itinera.Program, r app.Readiness) []readinessRow {
	pid := p.ID
	var rows []readinessRow
	if r.ItineraryVersion == 0 {
		rows = append(rows, readinessRow{ID: "ready-itinerary", Count: r.Days, Text: plural(r.Days, "day") + " without itinerary: none is built yet",
			Href: "/programs/" + itoa(pid) + "/plan", Fix: "Build the itinerary"})
	} else if n := len(r.DaysWithoutItems); n > 0 {
		row := readinessRow{ID: "ready-days", Count: n, Text: plural(n, "day") + " without any item",
			Href: sectionPath(pid, "itinerary"), Fix: "Open the itinerary"}
		for _, d := range r.DaysWithoutItems {
			row.Items = append(row.Items, readinessLink{Href: sectionPath(pid, "itinerary") + "/" + d.String(), Label: dateLabel(d)})
		}
		rows = append(rows, row)
	}
	if n := len(r.NotRequested); n > 0 {
		sched := 0
		row := readinessRow{ID: "ready-not-requested", Count: n, Href: sectionPath(pid, "candidates") + "#meetings", Fix: "Request meetings"}
		for _, m := range r.NotRequested {
			label := m.Title
			if m.Scheduled {
				sched++
				label += " (in the itinerary)"
			}
			row.Items = append(row.Items, readinessLink{Href: sectionPath(pid, "candidates") + "#meeting-" + itoa(m.ID), Label: label})
		}
		row.Text = plural(n, "candidate meeting") + " not yet requested"
		if sched > 0 {
			row.Text += ", " + itoa(int64(sched)) + " of them in the itinerary"
		}
		rows = append(rows, row)
	}
	link := func(id, text, fix string, items []app.ReadinessItem, href func(int64) string) {
		if len(items) == 0 {
			return
		}
		row := readinessRow{ID: id, Count: len(items), Text: text, Href: href(0), Fix: fix}
		for _, x := range items {
			row.Items = append(row.Items, readinessLink{Href: href(x.ID), Label: x.Title})
		}
		rows = append(rows, row)
	}
	board := func(id int64) string {
		if id == 0 {
			return sectionPath(pid, "requests")
		}
		return "/requests/" + itoa(id)
	}
	link("ready-awaiting", plural(len(r.Awaiting), "request")+" awaiting an answer", "See the requests", r.Awaiting, board)
	link("ready-to-confirm", plural(len(r.ToConfirm), "answer")+" to confirm", "Confirm the answers", r.ToConfirm, board)
	link("ready-evenings", plural(len(r.EveningsNotConfirmed), "hospitality evening")+" not confirmed", "Open the evenings", r.EveningsNotConfirmed,
		func(id int64) string {
			if id == 0 {
				return sectionPath(pid, "hospitality")
			}
			return eveningLink(id)
		})
	if n := len(r.WithoutInterpretation); n > 0 {
		row := readinessRow{ID: "ready-interpretation", Count: n,
			Text: plural(n, "confirmed meeting") + " where visitors would be left without interpretation",
			Href: sectionPath(pid, "delegation") + "#interpreters", Fix: "Add an interpreter"}
		for _, g := range r.WithoutInterpretation {
			langs := make([]string, len(g.Languages))
			for i, l := range g.Languages {
				langs[i] = itinera.LanguageLabel(l)
			}
			row.Items = append(row.Items, readinessLink{Href: sectionPath(pid, "candidates") + "#meeting-" + itoa(g.MeetingID),
				Label: g.Title + " (in " + strings.Join(langs, " or ") + "): " + strings.Join(g.Visitors, ", ")})
		}
		rows = append(rows, row)
	}
	if r.ReleasePending {
		text := "Itinerary version " + itoa(int64(r.ItineraryVersion)) + " is not released"
		if r.ReleasedVersion > 0 {
			text += " (version " + itoa(int64(r.ReleasedVersion)) + " was)"
		}
		rows = append(rows, readinessRow{ID: "ready-release", Count: 1, Text: text, Href: "/programs/" + itoa(pid) + "/release", Fix: "Release it"})
	}
	return rows
}

func (ui *UI) programShow(w http.ResponseWriter, r *http.Request, s *session) {
	ui.section(w, r, s, "overview")
}

func (ui *UI) programDelegation(w http.ResponseWriter, r *http.Request, s *session) {
	ui.section(w, r, s, "delegation")
}

func (ui *UI) programCandidates(w http.ResponseWriter, r *http.Request, s *session) {
	ui.section(w, r, s, "candidates")
}

func (ui *UI) programBooks(w http.ResponseWriter, r *http.Request, s *session) {
	ui.section(w, r, s, "books")
}

// sectionTemplates are the page templates of the sections drawn from the
// program's records.
var sectionTemplates = map[string]string{"overview": "program", "delegation": "delegation", "candidates": "candidates", "books": "program_books"}

// section renders one section of a program. The overview's records are
// kept by the organization's revision, for the user who read them (the
// history they see depends on their role): until something changes, a
// reload only renders them again. The overview's whole page is kept too,
// for the session that read it (its CSRF token and user are in it), under
// the header bell's key (app.BellAlerts: the organization's revision, its
// alerts counter, 10 seconds of time, the instant the user has seen the
// notifications up to) and the user's version: a change of the records,
// of the notifications or of the user makes a new key at once, and the
// page is made again. A page with a flash message to show is never kept.
func (ui *UI) section(w http.ResponseWriter, r *http.Request, s *session, key string) {
	cacheKey, pageKey := "", ""
	var bell *bellView
	if key == "overview" {
		id, err := pathID(r)
		if err != nil {
			ui.fail(w, r, s, err)
			return
		}
		bkey := ""
		if !s.User.MustChangePassword {
			bell, bkey = ui.bell(r, s)
		}
		if bkey != "" {
			// The bell's key names the organization's revision.
			cacheKey = fmt.Sprintf("overview:p%d:u%d:%s:%s", id, s.User.ID, s.User.Role, bkey)
			if !hasFlash(r) {
				pageKey = fmt.Sprintf("page:%s:%s:v%d:%t:%s", s.Session.TokenHash, r.URL.RequestURI(), s.User.Version, s.User.Role.CanEdit(), cacheKey)
				if body, ok := ui.cache.Get(pageKey); ok {
					writeHTML(w, http.StatusOK, body)
					return
				}
			}
		} else {
			rev, err := ui.app.Revision(r.Context(), s.User.TenantID)
			if err != nil {
				ui.fail(w, r, s, err)
				return
			}
			cacheKey = fmt.Sprintf("overview:t%d:p%d:r%d:u%d:%s", s.User.TenantID, id, rev.ID, s.User.ID, s.User.Role)
		}
		if v, ok := ui.views.Get(cacheKey); ok {
			ov := v.(overviewView)
			ui.keep(pageKey, ui.renderWith(w, r, s, http.StatusOK, sectionTemplates[key], sectionInfo(ov.P, key), ov, bell))
			return
		}
	}
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v, err := ui.programView(r, s, p, key)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	var data any = v
	if key == "overview" {
		rd, err := ui.app.ProgramReadiness(r.Context(), ui.caller(r, s), p.ID)
		if err != nil {
			ui.fail(w, r, s, err)
			return
		}
		if v.History, err = ui.history(r, s, itinera.AuditFilter{ProgramID: p.ID}); err != nil {
			ui.fail(w, r, s, err)
			return
		} else if v.History != nil {
			v.History.More = "/admin/audit?program=" + itoa(p.ID)
		}
		ov := overviewView{programView: v, Readiness: readinessRows(p, rd), Ready: rd.Ready()}
		ui.views.Put(cacheKey, ov, 1)
		data = ov
	}
	ui.keep(pageKey, ui.renderWith(w, r, s, http.StatusOK, sectionTemplates[key], sectionInfo(p, key), data, bell))
}

// keep stores a rendered page under key, when there is one.
func (ui *UI) keep(key string, body []byte) {
	if key != "" && body != nil {
		ui.cache.Put(key, body, len(body))
	}
}
