package api

import (
	"net/http"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/network"
)

// The network across programs: an organization's history, a visitor's,
// the organizations ↔ countries network of a period, and the ranking of
// organizations for a program (app.OrganizationHistory, VisitorHistory,
// Network, RankOrganizations).

type refJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

type historyVisitorJSON struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Country string `json:"country"`
}

type orgProgramJSON struct {
	ProgramID int64                `json:"program_id"`
	Title     string               `json:"title"`
	StartDate string               `json:"start_date"`
	EndDate   string               `json:"end_date"`
	Host      bool                 `json:"host"`
	Meetings  []refJSON            `json:"meetings"`
	Visitors  []historyVisitorJSON `json:"visitors"`
}

type orgFeedbackJSON struct {
	Visitors  averageJSON `json:"visitors"`
	Resources averageJSON `json:"resources"`
}

type orgHistoryJSON struct {
	Organization   refJSON             `json:"organization"`
	Meetings       int                 `json:"meetings"`
	Visitors       int                 `json:"visitors"`
	Countries      []countryCount      `json:"countries"`
	Feedback       orgFeedbackJSON     `json:"feedback"`
	Collaborations []collaborationJSON `json:"collaborations"`
	Programs       []orgProgramJSON    `json:"programs"`
	NextCursor     *string             `json:"next_cursor"`
}

// getOrganizationHistory answers an organization's history; its programs
// are paged (with their visitors), newest first.
func (a *API) getOrganizationHistory(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "organization")
	if err != nil {
		return err
	}
	pg, err := readPaging(r)
	if err != nil {
		return err
	}
	h, err := a.app.OrganizationHistory(r.Context(), a.caller(r, u), id)
	if err != nil {
		return err
	}
	j := orgHistoryJSON{Organization: refJSON{ID: h.Organization.ID, Name: h.Organization.Name}, Meetings: h.Meetings, Visitors: h.Visitors,
		Countries: []countryCount{}, Feedback: orgFeedbackJSON{Visitors: newAverageJSON(h.VisitorRatings), Resources: newAverageJSON(h.OwnRatings)},
		Collaborations: []collaborationJSON{}, Programs: []orgProgramJSON{}}
	for _, c := range h.Countries {
		j.Countries = append(j.Countries, countryCount{Country: c.Country, Count: c.Count})
	}
	for _, c := range h.Collaborations {
		j.Collaborations = append(j.Collaborations, newCollaborationJSON(c))
	}
	ps, next := page(pg, h.Programs, func(p app.OrgProgram) int64 { return p.Program.ID })
	for _, p := range ps {
		x := orgProgramJSON{ProgramID: p.Program.ID, Title: p.Program.Title, StartDate: p.Program.StartDate.String(),
			EndDate: p.Program.EndDate.String(), Host: p.Host, Meetings: []refJSON{}, Visitors: []historyVisitorJSON{}}
		for _, m := range p.Meetings {
			x.Meetings = append(x.Meetings, refJSON{ID: m.ID, Name: m.Title})
		}
		for _, v := range p.Visitors {
			x.Visitors = append(x.Visitors, historyVisitorJSON{ID: v.ID, Name: v.Name(), Country: v.Country})
		}
		j.Programs = append(j.Programs, x)
	}
	j.NextCursor = next
	return a.ok(w, r, j)
}

type visitorMeetingJSON struct {
	ID             int64   `json:"id"`
	Title          string  `json:"title"`
	OrganizationID *int64  `json:"organization_id"`
	Organization   string  `json:"organization"`
	Rating         *int    `json:"rating"`
	Comment        *string `json:"comment"`
}

type visitorHistoryJSON struct {
	Visitor        historyVisitorJSON   `json:"visitor"`
	Program        orgProgramRefJSON    `json:"program"`
	OverallRating  *int                 `json:"overall_rating"`
	Meetings       []visitorMeetingJSON `json:"meetings"`
	Collaborations []collaborationJSON  `json:"collaborations"`
}

type orgProgramRefJSON struct {
	ID        int64  `json:"id"`
	Title     string `json:"title"`
	StartDate string `json:"start_date"`
	EndDate   string `json:"end_date"`
}

// getVisitorHistory answers a visitor's program, meetings and what
// followed.
func (a *API) getVisitorHistory(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "visitor")
	if err != nil {
		return err
	}
	h, err := a.app.VisitorHistory(r.Context(), a.caller(r, u), id)
	if err != nil {
		return err
	}
	j := visitorHistoryJSON{Visitor: historyVisitorJSON{ID: h.Visitor.ID, Name: h.Visitor.Name(), Country: h.Visitor.Country},
		Program:  orgProgramRefJSON{ID: h.Program.ID, Title: h.Program.Title, StartDate: h.Program.StartDate.String(), EndDate: h.Program.EndDate.String()},
		Meetings: []visitorMeetingJSON{}, Collaborations: []collaborationJSON{}}
	if h.Overall > 0 {
		j.OverallRating = &h.Overall
	}
	for _, m := range h.Meetings {
		x := visitorMeetingJSON{ID: m.Meeting.ID, Title: m.Meeting.Title, Organization: m.Meeting.HostOrganizationName}
		if m.Meeting.HostOrganizationID != 0 {
			o := m.Meeting.HostOrganizationID
			x.OrganizationID = &o
		}
		if m.Rating > 0 {
			rt := m.Rating
			x.Rating = &rt
		}
		if m.Comment != "" {
			c := m.Comment
			x.Comment = &c
		}
		j.Meetings = append(j.Meetings, x)
	}
	for _, c := range h.Collaborations {
		j.Collaborations = append(j.Collaborations, newCollaborationJSON(c))
	}
	return a.ok(w, r, j)
}

type networkOrgJSON struct {
	ID             int64    `json:"id"`
	Name           string   `json:"name"`
	Meetings       int      `json:"meetings"`
	Programs       int      `json:"programs"`
	Collaborations int      `json:"collaborations"`
	Countries      []string `json:"countries"`
}

type networkCountryJSON struct {
	Country        string `json:"country"`
	Visitors       int    `json:"visitors"`
	Meetings       int    `json:"meetings"`
	Collaborations int    `json:"collaborations"`
}

type networkTieJSON struct {
	OrganizationID int64  `json:"organization_id"`
	Country        string `json:"country"`
	Meetings       int    `json:"meetings"`
	Collaborations int    `json:"collaborations"`
}

type networkJSON struct {
	From           string               `json:"from"`
	To             string               `json:"to"`
	Theme          *string              `json:"theme"`
	Themes         []string             `json:"themes"`
	Programs       []refJSON            `json:"programs"`
	Organizations  []networkOrgJSON     `json:"organizations"`
	Countries      []networkCountryJSON `json:"countries"`
	Ties           []networkTieJSON     `json:"ties"`
	Collaborations int                  `json:"collaborations"`
}

// getNetwork answers the organizations ↔ countries network of a period,
// whole (it is one figure, not a list to page through).
func (a *API) getNetwork(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	from, to, err := readPeriod(r)
	if err != nil {
		return err
	}
	theme := r.URL.Query().Get("theme")
	f := itinera.FieldErrors{}
	if len([]rune(theme)) > 200 {
		f.Add("theme", "Give a topic of at most 200 characters.")
	}
	if err := f.Err("query"); err != nil {
		return err
	}
	n, err := a.app.Network(r.Context(), a.caller(r, u), app.NetworkFilter{From: from, To: to, Theme: theme})
	if err != nil {
		return err
	}
	j := networkJSON{From: from.String(), To: to.String(), Themes: list(n.Themes), Programs: []refJSON{}, Organizations: []networkOrgJSON{},
		Countries: []networkCountryJSON{}, Ties: []networkTieJSON{}, Collaborations: n.Collaborations}
	if n.Theme != "" {
		j.Theme = &n.Theme
	}
	for _, p := range n.Programs {
		j.Programs = append(j.Programs, refJSON{ID: p.ID, Name: p.Title})
	}
	for _, o := range n.Organizations {
		j.Organizations = append(j.Organizations, networkOrgJSON{ID: o.ID, Name: o.Name, Meetings: o.Meetings, Programs: o.Programs,
			Collaborations: o.Collaborations, Countries: list(o.Countries)})
	}
	for _, c := range n.Countries {
		j.Countries = append(j.Countries, networkCountryJSON{Country: c.Country, Visitors: c.Visitors, Meetings: c.Meetings, Collaborations: c.Collaborations})
	}
	for _, t := range n.Ties {
		j.Ties = append(j.Ties, networkTieJSON{OrganizationID: t.OrganizationID, Country: t.Country, Meetings: t.Meetings, Collaborations: t.Collaborations})
	}
	return a.ok(w, r, j)
}

type rankedJSON struct {
	ID               int64    `json:"id"`
	Name             string   `json:"name"`
	Score            float64  `json:"score"`
	Reason           string   `json:"reason"`
	MatchingPrograms int      `json:"matching_programs"`
	MatchingMeetings int      `json:"matching_meetings"`
	OtherMeetings    int      `json:"other_meetings"`
	Average          *float64 `json:"average"`
	Ratings          int      `json:"ratings"`
	Collaborations   int      `json:"collaborations"`
}

type rankingJSON struct {
	ProgramID     int64        `json:"program_id"`
	Topics        []string     `json:"topics"`
	How           string       `json:"how"`
	Organizations []rankedJSON `json:"organizations"`
	NextCursor    *string      `json:"next_cursor"`
}

// getRanking answers the organizations ranked for a program, the best
// first, paged.
func (a *API) getRanking(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "program")
	if err != nil {
		return err
	}
	pg, err := readPaging(r)
	if err != nil {
		return err
	}
	rk, err := a.app.RankOrganizations(r.Context(), a.caller(r, u), id)
	if err != nil {
		return err
	}
	j := rankingJSON{ProgramID: id, Topics: list(rk.Topics), How: rk.How, Organizations: []rankedJSON{}}
	xs, next := page(pg, rk.Ranked, func(x network.Ranked) int64 { return x.ID })
	for _, x := range xs {
		rj := rankedJSON{ID: x.ID, Name: x.Name, Score: x.Score, Reason: x.Reason, MatchingPrograms: x.Matching,
			MatchingMeetings: x.MatchingMeetings, OtherMeetings: x.OtherMeetings, Ratings: x.Ratings, Collaborations: x.Collaborations}
		if x.Ratings > 0 {
			avg := float64(int(x.Average*100+0.5)) / 100
			rj.Average = &avg
		}
		j.Organizations = append(j.Organizations, rj)
	}
	j.NextCursor = next
	return a.ok(w, r, j)
}
