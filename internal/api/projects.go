package api

import (
	"net/http"
	"strconv"
	"time"

	"itinera"
	"itinera/internal/app"
)

// Multi-city projects (docs/projects.md): thin adapters over internal/app,
// which decides what each organization sees of a project.

// projectsJSON is the list of GET /api/v1/projects, exactly as issue 16
// gives it.
type projectsJSON struct {
	Projects []projectListJSON `json:"projects"`
}

type projectListJSON struct {
	ID    int64              `json:"id"`
	Title string             `json:"title"`
	Stops []stopListItemJSON `json:"stops"`
}

type stopListItemJSON struct {
	City         string `json:"city"`
	StartDate    string `json:"start_date"`
	EndDate      string `json:"end_date"`
	Organization string `json:"organization"`
	ProgramID    int64  `json:"program_id,omitempty"`
}

// listProjects answers the caller's projects: an agency's own, or those
// with a stop of the caller's organization.
func (a *API) listProjects(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	ps, err := a.app.Projects(r.Context(), a.caller(r, u))
	if err != nil {
		return err
	}
	out := projectsJSON{Projects: []projectListJSON{}}
	for _, p := range ps {
		j := projectListJSON{ID: p.ID, Title: p.Title, Stops: []stopListItemJSON{}}
		for _, s := range p.Stops {
			j.Stops = append(j.Stops, stopListItemJSON{City: s.City, StartDate: s.StartDate.String(), EndDate: s.EndDate.String(),
				Organization: s.OrganizationSlug, ProgramID: s.ProgramID})
		}
		out.Projects = append(out.Projects, j)
	}
	return a.ok(w, r, out)
}

// arrivalJSON is a stop's arrival journey, as shown and as sent.
type arrivalJSON = app.ArrivalDocument

type stopJSON struct {
	ID               int64       `json:"id"`
	City             string      `json:"city"`
	Organization     string      `json:"organization"`
	OrganizationName string      `json:"organization_name"`
	TimeZone         string      `json:"time_zone"`
	StartDate        string      `json:"start_date"`
	EndDate          string      `json:"end_date"`
	Status           string      `json:"status"`
	ProgramID        int64       `json:"program_id,omitempty"`
	Arrival          arrivalJSON `json:"arrival"`
	Notes            string      `json:"notes,omitempty"`
	RosterUntil      string      `json:"roster_until,omitempty"`
}

func newStopJSON(s itinera.ProjectStop, rosterUntil time.Time) stopJSON {
	loc := s.Location()
	return stopJSON{ID: s.ID, City: s.City, Organization: s.OrganizationSlug, OrganizationName: s.OrganizationName, TimeZone: s.TimeZone,
		StartDate: s.StartDate.String(), EndDate: s.EndDate.String(), Status: string(s.Status), ProgramID: s.ProgramID,
		Arrival: arrivalJSON{Mode: string(s.ArrivalMode), Ref: s.ArrivalRef, DepartsAt: instant(s.DepartsAt, time.UTC),
			ArrivesAt: instant(s.ArrivesAt, loc)},
		Notes: s.Notes, RosterUntil: instant(rosterUntil, loc)}
}

type memberJSON struct {
	ID           int64    `json:"id"`
	Role         string   `json:"role"`
	GivenName    string   `json:"given_name"`
	FamilyName   string   `json:"family_name"`
	Country      string   `json:"country,omitempty"`
	Position     string   `json:"position,omitempty"`
	Organization string   `json:"organization,omitempty"`
	Email        string   `json:"email,omitempty"`
	Phone        string   `json:"phone,omitempty"`
	Languages    []string `json:"languages"`
	Diets        []string `json:"diets"`
	Allergies    []string `json:"allergies"`
	AccessNeeds  string   `json:"access_needs,omitempty"`
	Passport     string   `json:"passport,omitempty"`
	BirthDate    string   `json:"birth_date,omitempty"`
	Notes        string   `json:"notes,omitempty"`
	Withdrawn    bool     `json:"withdrawn"`
	Fictional    bool     `json:"fictional"`
}

func newMemberJSON(m itinera.RosterMember) memberJSON {
	return memberJSON{ID: m.ID, Role: string(m.Role), GivenName: m.GivenName, FamilyName: m.FamilyName, Country: m.Country,
		Position: m.Position, Organization: m.Organization, Email: m.Email, Phone: m.Phone, Languages: list(m.Languages),
		Diets: list(m.Diets), Allergies: list(m.Allergies), AccessNeeds: m.AccessNeeds, Passport: m.Passport,
		BirthDate: m.BirthDate.String(), Notes: m.Notes, Withdrawn: m.Withdrawn, Fictional: m.Fictional}
}

type problemJSON struct {
	StopID int64  `json:"stop_id"`
	Kind   string `json:"kind"`
	Text   string `json:"text"`
}

type projectJSON struct {
	ID            int64         `json:"id"`
	Title         string        `json:"title"`
	Agency        string        `json:"agency"`
	IsAgency      bool          `json:"is_agency"`
	SeesRoster    bool          `json:"sees_roster"`
	Theme         string        `json:"theme"`
	Objectives    []string      `json:"objectives"`
	RetentionDays int           `json:"retention_days"`
	Shared        []string      `json:"shared"`
	Roster        []memberJSON  `json:"roster"`
	Stops         []stopJSON    `json:"stops"`
	Problems      []problemJSON `json:"problems"`
}

func newProjectJSON(v app.ProjectView) projectJSON {
	j := projectJSON{ID: v.Project.ID, Title: v.Project.Title, Agency: v.Agency, IsAgency: v.IsAgency, SeesRoster: v.SeesRoster,
		Theme: v.Project.Theme, Objectives: list(v.Project.Objectives), RetentionDays: v.Project.RetentionDays,
		Shared: list(v.Project.Shared), Roster: mapList(v.Roster, newMemberJSON), Stops: []stopJSON{}, Problems: []problemJSON{}}
	for _, s := range v.Stops {
		j.Stops = append(j.Stops, newStopJSON(s.Stop, s.RosterUntil))
	}
	for _, p := range v.Problems {
		j.Problems = append(j.Problems, problemJSON{StopID: p.StopID, Kind: p.Kind, Text: p.Text})
	}
	return j
}

// getProject answers a project as the caller sees it.
func (a *API) getProject(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "project")
	if err != nil {
		return err
	}
	v, err := a.app.ProjectView(r.Context(), a.caller(r, u), id)
	if err != nil {
		return err
	}
	return a.ok(w, r, newProjectJSON(v))
}

// createProject creates an agency's project with its roster and route.
func (a *API) createProject(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	var in app.ProjectDocument
	if err := decode(w, r, &in); err != nil {
		return err
	}
	x, err := in.Input()
	if err != nil {
		return err
	}
	v, err := a.app.CreateProject(r.Context(), a.caller(r, u), x)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/projects/"+strconv.FormatInt(v.Project.ID, 10))
	a.writeJSON(w, r, http.StatusCreated, newProjectJSON(v))
	return nil
}

// acceptStop is the stop's organization accepting it: its program is
// created in its workspace.
func (a *API) acceptStop(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "stop")
	if err != nil {
		return err
	}
	s, err := a.app.AcceptStop(r.Context(), a.caller(r, u), id)
	if err != nil {
		return err
	}
	return a.ok(w, r, newStopJSON(s, time.Time{}))
}

// putArrival changes a stop's arrival journey (the agency).
func (a *API) putArrival(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "stop")
	if err != nil {
		return err
	}
	var in arrivalJSON
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f := itinera.FieldErrors{}
	arr := in.Arrival(f, "")
	if err := f.Err("arrival"); err != nil {
		return err
	}
	s, err := a.app.MoveArrival(r.Context(), a.caller(r, u), id, arr)
	if err != nil {
		return itinera.RenameField(itinera.RenameField(err, "arrival_mode", "mode"), "arrival_ref", "ref")
	}
	return a.ok(w, r, newStopJSON(s, time.Time{}))
}

type sharedRosterJSON struct {
	ProjectID  int64        `json:"project_id"`
	Title      string       `json:"title"`
	Agency     string       `json:"agency"`
	Stop       stopJSON     `json:"stop"`
	Objectives []string     `json:"objectives"`
	Shared     []string     `json:"shared"`
	Until      string       `json:"until"`
	Members    []memberJSON `json:"members"`
}

// getStopRoster answers the roster of a stop, as far as the agency shares it.
func (a *API) getStopRoster(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "stop")
	if err != nil {
		return err
	}
	sr, err := a.app.StopRoster(r.Context(), a.caller(r, u), id)
	if err != nil {
		return err
	}
	return a.ok(w, r, sharedRosterJSON{ProjectID: sr.ProjectID, Title: sr.Title, Agency: sr.Agency, Stop: newStopJSON(sr.Stop, sr.Until),
		Objectives: list(sr.Objectives), Shared: list(sr.Shared), Until: instant(sr.Until, sr.Stop.Location()),
		Members: mapList(sr.Members, newMemberJSON)})
}

type stopItemJSON struct {
	Start     string `json:"start"`
	End       string `json:"end"`
	Title     string `json:"title"`
	Kind      string `json:"kind"`
	Confirmed bool   `json:"confirmed"`
}

type stopFeedbackJSON struct {
	Role     string  `json:"role"`
	Asked    int     `json:"asked"`
	Answered int     `json:"answered"`
	Average  float64 `json:"average"`
}

type stopStateJSON struct {
	Stop      stopJSON           `json:"stop"`
	ProgramID int64              `json:"program_id"`
	Status    string             `json:"status"`
	Items     []stopItemJSON     `json:"items"`
	Requests  map[string]int     `json:"requests"`
	Readiness stopReadinessJSON  `json:"readiness"`
	Feedback  []stopFeedbackJSON `json:"feedback"`
	Returns   []returnJSON       `json:"returns"`
}

type stopReadinessJSON struct {
	Ready                bool `json:"ready"`
	DaysWithoutItems     int  `json:"days_without_items"`
	NotRequested         int  `json:"not_requested"`
	Awaiting             int  `json:"awaiting"`
	ToConfirm            int  `json:"to_confirm"`
	EveningsNotConfirmed int  `json:"evenings_not_confirmed"`
	Scheduled            int  `json:"scheduled"`
	Confirmed            int  `json:"confirmed"`
	ReleasePending       bool `json:"release_pending"`
}

// getStopState answers how a stop is going, under its program grant.
func (a *API) getStopState(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "stop")
	if err != nil {
		return err
	}
	st, err := a.app.StopState(r.Context(), a.caller(r, u), id)
	if err != nil {
		return err
	}
	loc := st.Program.Location()
	rd := st.Readiness
	j := stopStateJSON{Stop: newStopJSON(st.Stop, time.Time{}), ProgramID: st.Program.ID, Status: string(st.Program.Status),
		Items: []stopItemJSON{}, Requests: map[string]int{}, Feedback: []stopFeedbackJSON{},
		Readiness: stopReadinessJSON{Ready: rd.Ready(), DaysWithoutItems: len(rd.DaysWithoutItems), NotRequested: len(rd.NotRequested),
			Awaiting: len(rd.Awaiting), ToConfirm: len(rd.ToConfirm), EveningsNotConfirmed: len(rd.EveningsNotConfirmed),
			Scheduled: rd.Scheduled, Confirmed: rd.Confirmed, ReleasePending: rd.ReleasePending}}
	for _, x := range st.Items {
		kind := "activity"
		if x.Meeting {
			kind = "meeting"
		}
		j.Items = append(j.Items, stopItemJSON{Start: instant(x.Start, loc), End: instant(x.End, loc), Title: x.Title, Kind: kind,
			Confirmed: x.Confirmed})
	}
	for k, n := range st.Requests {
		j.Requests[string(k)] = n
	}
	for _, f := range st.Feedback {
		j.Feedback = append(j.Feedback, stopFeedbackJSON{Role: string(f.Role), Asked: f.Asked, Answered: f.Answered, Average: f.Average})
	}
	j.Returns = []returnJSON{}
	for _, x := range st.Returns {
		j.Returns = append(j.Returns, newReturnJSON(x))
	}
	return a.ok(w, r, j)
}

type grantJSON struct {
	ID        int64  `json:"id"`
	ProjectID int64  `json:"project_id"`
	StopID    int64  `json:"stop_id"`
	Scope     string `json:"scope"`
	Grantor   string `json:"grantor"`
	Grantee   string `json:"grantee"`
	Since     string `json:"since"`
	Until     string `json:"until,omitempty"`
	State     string `json:"state"`
	CreatedBy string `json:"created_by"`
	RevokedAt string `json:"revoked_at,omitempty"`
	RevokedBy string `json:"revoked_by,omitempty"`
}

func newGrantJSON(g itinera.ProjectGrant, now time.Time) grantJSON {
	return grantJSON{ID: g.ID, ProjectID: g.ProjectID, StopID: g.StopID, Scope: string(g.Scope), Grantor: g.GrantorName,
		Grantee: g.GranteeName, Since: instant(g.Since, time.UTC), Until: instant(g.Until, time.UTC), State: g.State(now),
		CreatedBy: g.CreatedBy, RevokedAt: instant(g.RevokedAt, time.UTC), RevokedBy: g.RevokedBy}
}

type grantsJSON struct {
	Grants []grantJSON `json:"grants"`
}

// listGrants answers the project's grants the caller's organization is
// party to.
func (a *API) listGrants(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "project")
	if err != nil {
		return err
	}
	gs, err := a.app.ProjectGrants(r.Context(), a.caller(r, u), id)
	if err != nil {
		return err
	}
	now := a.now()
	return a.ok(w, r, grantsJSON{Grants: mapList(gs, func(g itinera.ProjectGrant) grantJSON { return newGrantJSON(g, now) })})
}

type grantInput struct {
	Scope string `json:"scope"`
	Until string `json:"until"`
}

// postGrant gives a grant of a stop: the agency the roster, the stop's
// organization its program.
func (a *API) postGrant(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "stop")
	if err != nil {
		return err
	}
	var in grantInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f := itinera.FieldErrors{}
	until := parseInstant(f, "until", in.Until, "2027-01-08T00:00:00-06:00")
	if err := f.Err("grant"); err != nil {
		return err
	}
	g, err := a.app.GrantAccess(r.Context(), a.caller(r, u), id, itinera.GrantScope(in.Scope), until)
	if err != nil {
		return err
	}
	a.writeJSON(w, r, http.StatusCreated, newGrantJSON(g, a.now()))
	return nil
}

// revokeGrant ends a grant at once.
func (a *API) revokeGrant(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "grant")
	if err != nil {
		return err
	}
	g, err := a.app.RevokeGrant(r.Context(), a.caller(r, u), id)
	if err != nil {
		return err
	}
	return a.ok(w, r, newGrantJSON(g, a.now()))
}

// addRosterMember adds a person to the project's roster (the agency);
// the stops sharing the roster are told.
func (a *API) addRosterMember(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "project")
	if err != nil {
		return err
	}
	var in app.ProjectMemberDocument
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f := itinera.FieldErrors{}
	m := in.Member(f, "")
	if err := f.Err("roster member"); err != nil {
		return err
	}
	m, err = a.app.AddRosterMember(r.Context(), a.caller(r, u), id, m)
	if err != nil {
		return err
	}
	a.writeJSON(w, r, http.StatusCreated, newMemberJSON(m))
	return nil
}

// withdrawRosterMember marks a person as withdrawn (the agency); every
// stop sharing the roster is told, and it is on their next release.
func (a *API) withdrawRosterMember(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "project")
	if err != nil {
		return err
	}
	member, err := strconv.ParseInt(r.PathValue("member"), 10, 64)
	if err != nil || member <= 0 {
		return notFound("roster member")
	}
	m, err := a.app.WithdrawRosterMember(r.Context(), a.caller(r, u), id, member)
	if err != nil {
		return err
	}
	return a.ok(w, r, newMemberJSON(m))
}
