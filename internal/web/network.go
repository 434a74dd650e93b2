package web

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/network"
)

// The network across programs: an organization's page (every program it
// met, the visitors and countries, its feedback, what followed), a
// visitor's page, the organizations ↔ countries network of a period, and
// the organizations ranked for a program.

// listPageSize is how many rows a long list of these pages shows at once.
const listPageSize = 20

// pager is the links around one page of a long list.
type pager struct {
	Prev, Next      string
	From, To, Total int
	Word            string // what the list holds: "programs"
}

// collabTable is a table of collaborations.
type collabTable struct {
	ID, Caption string
	Rows        []collabRow
	Programs    bool // show each one's program
}

// pageOf cuts the page of xs that the query parameter param asks for
// (1 by default) and the links to the pages around it, which keep the
// rest of the query and end at anchor.
func pageOf[T any](r *http.Request, xs []T, param, anchor, word string) ([]T, pager) {
	n, _ := strconv.Atoi(r.URL.Query().Get(param))
	pages := max(1, (len(xs)+listPageSize-1)/listPageSize)
	n = min(max(n, 1), pages)
	start := (n - 1) * listPageSize
	end := min(start+listPageSize, len(xs))
	p := pager{From: start + 1, To: end, Total: len(xs), Word: word}
	link := func(k int) string {
		q := r.URL.Query()
		if k == 1 {
			q.Del(param)
		} else {
			q.Set(param, strconv.Itoa(k))
		}
		s := r.URL.Path
		if e := q.Encode(); e != "" {
			s += "?" + e
		}
		return s + "#" + anchor
	}
	if n > 1 {
		p.Prev = link(n - 1)
	}
	if n < pages {
		p.Next = link(n + 1)
	}
	return xs[start:end], p
}

// collabRows names the visitors and organizations of collaborations.
func (ui *UI) collabRows(r *http.Request, s *session, cs []itinera.Collaboration, programs map[int64]string) ([]collabRow, error) {
	orgs, err := ui.svc.Directory.Organizations(r.Context(), s.User.TenantID, itinera.DirectoryFilter{})
	if err != nil {
		return nil, err
	}
	orgNames := map[int64]string{}
	for _, o := range orgs {
		orgNames[o.ID] = o.Name
	}
	visitors := map[int64]map[int64]string{}
	var out []collabRow
	for _, c := range cs {
		if visitors[c.ProgramID] == nil {
			vs, err := ui.svc.People.Visitors(r.Context(), s.User.TenantID, c.ProgramID)
			if err != nil {
				return nil, err
			}
			visitors[c.ProgramID] = map[int64]string{}
			for _, v := range vs {
				visitors[c.ProgramID][v.ID] = v.Name()
			}
		}
		row := collabRow{Collaboration: c, Started: dateLabel(c.StartedOn), Program: programs[c.ProgramID]}
		var who []string
		for _, id := range c.VisitorIDs {
			who = append(who, visitors[c.ProgramID][id])
		}
		row.Visitors = strings.Join(who, ", ")
		who = nil
		for _, id := range c.OrganizationIDs {
			who = append(who, orgNames[id])
		}
		row.Organizations = strings.Join(who, ", ")
		out = append(out, row)
	}
	return out, nil
}

// metVisitor is a visitor an organization met, in a program.
type metVisitor struct {
	Visitor itinera.Visitor
	Program itinera.Program
}

type organizationPage struct {
	H                     app.OrganizationHistory
	Programs              []app.OrgProgram
	ProgramPager          pager
	Visitors              []metVisitor
	VisitorPager          pager
	Collabs               collabTable
	CollabPager           pager
	Contacts              []itinera.Contact
	VisitorAvg, OwnAvg    string
	MeetingsWord, Comment string
}

func (ui *UI) organizationShow(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	h, err := ui.app.OrganizationHistory(r.Context(), ui.caller(r, s), id)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v := organizationPage{H: h, VisitorAvg: h.VisitorRatings.Label(), OwnAvg: h.OwnRatings.Label()}
	v.Programs, v.ProgramPager = pageOf(r, h.Programs, "programs", "programs", "programs")
	var met []metVisitor
	for _, p := range h.Programs {
		for _, x := range p.Visitors {
			met = append(met, metVisitor{Visitor: x, Program: p.Program})
		}
	}
	v.Visitors, v.VisitorPager = pageOf(r, met, "visitors", "visitors", "visitors")
	cs, cp := pageOf(r, h.Collaborations, "collaborations", "collaborations", "collaborations")
	v.CollabPager = cp
	v.Collabs = collabTable{ID: "collaborations-table", Caption: plural(len(h.Collaborations), "collaboration") + " naming " + h.Organization.Name, Programs: true}
	if v.Collabs.Rows, err = ui.collabRows(r, s, cs, h.ProgramTitles); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	all, err := ui.svc.Directory.Contacts(r.Context(), s.User.TenantID, itinera.DirectoryFilter{})
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	for _, c := range all {
		if c.OrganizationID == id {
			v.Contacts = append(v.Contacts, c)
		}
	}
	ui.render(w, r, s, http.StatusOK, "organization", pageInfo{Title: h.Organization.Name, Nav: "directory",
		Crumbs: []crumb{{Href: "/directory", Label: "Directory"}}}, v)
}

type visitorPage struct {
	H       app.VisitorHistory
	Collabs collabTable
}

func (ui *UI) visitorShow(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	h, err := ui.app.VisitorHistory(r.Context(), ui.caller(r, s), id)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v := visitorPage{H: h, Collabs: collabTable{ID: "collaborations-table", Caption: plural(len(h.Collaborations), "collaboration") + " naming " + h.Visitor.Name()}}
	if v.Collabs.Rows, err = ui.collabRows(r, s, h.Collaborations, map[int64]string{h.Program.ID: h.Program.Title}); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.render(w, r, s, http.StatusOK, "visitor", pageInfo{Title: h.Visitor.Name(), Nav: "programs",
		Crumbs: []crumb{programsCrumb, programCrumb(h.Program), {Href: sectionPath(h.Program.ID, "delegation"), Label: "Delegation"}}}, v)
}

type networkPage struct {
	N            app.Network
	From, To     string
	Errors       map[string]string
	Message      string
	SVG          template.HTML
	Picture      network.Picture
	Orgs         []app.NetworkOrganization
	OrgPager     pager
	Ties         int
	CountryPager pager
	Countries    []app.NetworkCountry
}

// networkPeriod is the period the network page shows by default: the
// last three years and the year to come.
func networkPeriod(now time.Time) (itinera.Date, itinera.Date) {
	today := itinera.DateOf(now)
	return today.AddDays(-3 * 365), today.AddDays(365)
}

func (ui *UI) networkShow(w http.ResponseWriter, r *http.Request, s *session) {
	q := r.URL.Query()
	v := networkPage{From: q.Get("from"), To: q.Get("to")}
	st, err := ui.svc.Settings.Settings(r.Context(), s.User.TenantID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	loc, _ := itinera.LoadZone(st.TimeZone)
	from, to := networkPeriod(ui.now().In(loc))
	f := itinera.FieldErrors{}
	if v.From != "" {
		if from, err = itinera.ParseDate(v.From); err != nil {
			f.Add("from", "Enter the first day as YYYY-MM-DD.")
		}
	}
	if v.To != "" {
		if to, err = itinera.ParseDate(v.To); err != nil {
			f.Add("to", "Enter the last day as YYYY-MM-DD.")
		}
	}
	if v.From == "" {
		v.From = from.String()
	}
	if v.To == "" {
		v.To = to.String()
	}
	code := http.StatusOK
	if err = f.Err("period"); err == nil {
		v.N, err = ui.app.Network(r.Context(), ui.caller(r, s), app.NetworkFilter{From: from, To: to, Theme: q.Get("theme")})
	}
	switch itinera.ErrorCode(err) {
	case "":
	case itinera.EINVALID:
		code, v.Errors, v.Message = http.StatusUnprocessableEntity, itinera.ErrorFields(err), itinera.ErrorMessage(err)
		v.N.Theme = q.Get("theme")
	default:
		ui.fail(w, r, s, err)
		return
	}
	if len(v.N.Organizations) > 0 {
		// A country's node links to its row of the table, on the table's
		// page that holds it.
		for i := range v.N.Graph.Countries {
			q := r.URL.Query()
			q.Del("countries")
			if pg := i/listPageSize + 1; pg > 1 {
				q.Set("countries", strconv.Itoa(pg))
			}
			href := r.URL.Path
			if e := q.Encode(); e != "" {
				href += "?" + e
			}
			v.N.Graph.Countries[i].Href = href + "#" + countryAnchor(v.N.Graph.Countries[i].Name)
		}
		v.Picture = network.Layout(v.N.Graph, network.DefaultOptions)
		desc := plural(len(v.N.Organizations), "organization") + " and " + plural(len(v.N.Countries), "country") +
			" tied by the meetings held in " + plural(len(v.N.Programs), "program") + "; the table below says the same."
		v.SVG = template.HTML(network.SVG(v.Picture, "network-picture", "Organizations and the countries of the visitors they met", desc))
	}
	v.Orgs, v.OrgPager = pageOf(r, v.N.Organizations, "organizations", "organizations-table", "organizations")
	v.Countries, v.CountryPager = pageOf(r, v.N.Countries, "countries", "countries-table", "countries")
	ui.render(w, r, s, code, "network", pageInfo{Title: "The network across programs", Nav: "directory",
		Crumbs: []crumb{{Href: "/directory", Label: "Directory"}}}, v)
}

type rankingPage struct {
	P      itinera.Program
	Tabs   sectionNav
	R      app.Ranking
	Ranked []network.Ranked
	Pager  pager
}

func (ui *UI) rankingShow(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	rk, err := ui.app.RankOrganizations(r.Context(), ui.caller(r, s), p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v := rankingPage{P: p, Tabs: programTabs(p.ID, "candidates"), R: rk}
	v.Ranked, v.Pager = pageOf(r, rk.Ranked, "page", "ranking", "organizations")
	ui.render(w, r, s, http.StatusOK, "ranking", pageInfo{Title: "Organizations ranked for " + p.Title, Nav: "programs",
		Crumbs: []crumb{programsCrumb, programCrumb(p), {Href: sectionPath(p.ID, "candidates"), Label: "Candidates"}}}, v)
}

// countryAnchor is a country's id on the network page.
func countryAnchor(c string) string { return "country-" + app.CountryAnchor(c) }
