package app

import (
	"context"
	"time"

	"itinera"
)

// What each side reads of a project, each view built from projectAccess
// (projects_access.go) and nothing else.

// ProjectSummary is one project of the caller's list.
type ProjectSummary struct {
	ID     int64
	Title  string
	Agency string // the agency's name
	Stops  []itinera.ProjectStop
}

// Projects lists the caller's projects: an agency's own, or those with a
// stop of the caller's organization (only its own stops). A stop's
// ProgramID is set only where the caller may read that program.
func (a *App) Projects(ctx context.Context, c Caller) ([]ProjectSummary, error) {
	if err := mustOrganization(c); err != nil {
		return nil, err
	}
	t, err := a.s.Accounts.Tenant(ctx, c.tenant())
	if err != nil {
		return nil, err
	}
	var ps []itinera.Project
	if t.Kind == itinera.TenantAgency {
		ps, err = a.s.Projects.ProjectsOf(ctx, t.ID)
	} else {
		ps, err = a.s.Projects.ProjectsWithStopsOf(ctx, t.ID)
	}
	if err != nil {
		return nil, err
	}
	out := make([]ProjectSummary, 0, len(ps))
	for _, p := range ps {
		pa, err := a.accessProject(ctx, c, p.ID)
		if err != nil {
			return nil, err
		}
		sum := ProjectSummary{ID: p.ID, Title: p.Title, Agency: a.orgName(ctx, p.TenantID), Stops: []itinera.ProjectStop{}}
		for _, s := range pa.stops {
			sum.Stops = append(sum.Stops, pa.shareStop(s))
		}
		out = append(out, sum)
	}
	return out, nil
}

// ProjectView is a project as the caller sees it.
type ProjectView struct {
	Project itinera.Project
	Agency  string // the agency's name
	// IsAgency: the caller is the project's agency (and reads it whole).
	IsAgency bool
	// SeesRoster: the caller reads the objectives and roster (the agency;
	// a stop's organization under a live roster grant). Otherwise the
	// project's theme and objectives are left empty.
	SeesRoster bool
	Roster     []itinera.RosterMember
	Stops      []StopView
	// Problems are the route's inconsistencies (the agency's view).
	Problems []itinera.RouteProblem
	Grants   []itinera.ProjectGrant
	Now      time.Time
}

// StopView is one stop and what the caller may read of it.
type StopView struct {
	Stop itinera.ProjectStop
	// ReadsProgram: the caller may read the stop's program (Stop.ProgramID
	// is set only then).
	ReadsProgram bool
	// RosterUntil: the stop's organization sees the roster until then
	// (zero: it does not now).
	RosterUntil time.Time
	Problems    []itinera.RouteProblem
}

// ProjectView reads a project for the caller.
func (a *App) ProjectView(ctx context.Context, c Caller, id int64) (ProjectView, error) {
	pa, err := a.accessProject(ctx, c, id)
	if err != nil {
		return ProjectView{}, err
	}
	v := ProjectView{Project: pa.project, Agency: a.orgName(ctx, pa.project.TenantID), IsAgency: pa.agency,
		SeesRoster: pa.agency || pa.readsAnyRoster(), Grants: pa.grants, Now: pa.now, Roster: []itinera.RosterMember{}}
	if pa.agency {
		v.Problems = itinera.CheckRoute(pa.stops)
	}
	if !v.SeesRoster {
		v.Project.Theme, v.Project.Objectives = "", []string{}
	} else {
		ms, err := a.s.Projects.Roster(ctx, id)
		if err != nil {
			return v, err
		}
		for _, m := range ms {
			v.Roster = append(v.Roster, pa.shareMember(m))
		}
	}
	for _, s := range pa.stops {
		sv := StopView{Stop: pa.shareStop(s), ReadsProgram: pa.readsProgram(s)}
		if g, ok := pa.liveGrant(s.ID, itinera.GrantRoster, s.TenantID); ok {
			sv.RosterUntil = g.Until
		}
		for _, p := range v.Problems {
			if p.StopID == s.ID {
				sv.Problems = append(sv.Problems, p)
			}
		}
		v.Stops = append(v.Stops, sv)
	}
	return v, nil
}

// SharedRoster is the roster as a stop's organization sees it.
type SharedRoster struct {
	ProjectID  int64
	Title      string
	Agency     string
	Stop       itinera.ProjectStop
	Theme      string
	Objectives []string
	// Shared are the fields shared besides names and roles.
	Shared  []string
	Members []itinera.RosterMember
	// Until: the sharing ends then (zero for the agency's own view).
	Until time.Time
}

// StopRoster reads the roster of a stop: for its organization, while the
// agency's roster grant is live and with the shared fields only.
func (a *App) StopRoster(ctx context.Context, c Caller, stopID int64) (SharedRoster, error) {
	pa, s, err := a.accessStop(ctx, c, stopID)
	if err != nil {
		return SharedRoster{}, err
	}
	g, ok := pa.readsRoster(s)
	if !ok {
		return SharedRoster{}, a.rosterRefusal(pa, s)
	}
	out := SharedRoster{ProjectID: pa.project.ID, Title: pa.project.Title, Agency: a.orgName(ctx, pa.project.TenantID),
		Stop: pa.shareStop(s), Theme: pa.project.Theme, Objectives: pa.project.Objectives, Shared: pa.project.Shared, Until: g.Until,
		Members: []itinera.RosterMember{}}
	ms, err := a.s.Projects.Roster(ctx, pa.project.ID)
	if err != nil {
		return out, err
	}
	for _, m := range ms {
		out.Members = append(out.Members, pa.shareMember(m))
	}
	return out, nil
}

// rosterRefusal says why the stop's organization does not see the roster.
func (a *App) rosterRefusal(pa projectAccess, s itinera.ProjectStop) error {
	if s.Status != itinera.StopAccepted {
		return itinera.Errorf(itinera.EFORBIDDEN, "The roster is shared once your organization accepted the stop.")
	}
	var last *itinera.ProjectGrant
	for i, g := range pa.grants {
		if g.StopID == s.ID && g.Scope == itinera.GrantRoster && g.GranteeID == pa.tenant {
			last = &pa.grants[i]
		}
	}
	switch {
	case last == nil:
		return itinera.Errorf(itinera.EFORBIDDEN, "The agency has not shared the roster of this stop.")
	case !last.RevokedAt.IsZero():
		return itinera.Errorf(itinera.EFORBIDDEN, "The agency's sharing of the roster was revoked on %s.",
			last.RevokedAt.In(s.Location()).Format("2 Jan 2006"))
	}
	return itinera.Errorf(itinera.EFORBIDDEN, "The agency shared the roster of this stop until %s; that time is over.",
		last.Until.In(s.Location()).Format("2 Jan 2006"))
}

// ProgramRoster is StopRoster for the caller's program that is a stop of
// a project; not found when the program is no stop.
func (a *App) ProgramRoster(ctx context.Context, c Caller, programID int64) (SharedRoster, error) {
	if err := mustOrganization(c); err != nil {
		return SharedRoster{}, err
	}
	s, err := a.s.Projects.StopOfProgram(ctx, c.tenant(), programID)
	if err != nil {
		return SharedRoster{}, err
	}
	return a.StopRoster(ctx, c, s.ID)
}

// StopState is how a stop is going, as the agency reads it under the
// stop organization's program grant: its itinerary (titles and times of
// the meetings and activities, which are confirmed), its requests' state,
// readiness and feedback; never the directory's contacts, places or host
// households.
type StopState struct {
	Stop      itinera.ProjectStop
	Program   itinera.Program // title, dates, zone and status; no hotel
	Items     []StopItem
	Requests  map[itinera.RequestStatus]int
	Readiness Readiness
	Feedback  []StopFeedback
	// Returns are the return packages the agency imported for the stop
	// (projects_package.go), for the agency; empty for the city.
	Returns []ReturnSummary
}

// StopItem is one item of a stop's itinerary.
type StopItem struct {
	Start, End time.Time
	Title      string
	Meeting    bool
	Confirmed  bool // a meeting whose time its resource confirmed
}

// StopFeedback is one role's feedback on a stop.
type StopFeedback struct {
	Role     itinera.FeedbackRole
	Asked    int
	Answered int
	Average  float64 // of the answers' ratings (0: none rated)
}

// StopState reads a stop's state for the agency (under a live program
// grant) or for the stop's organization.
func (a *App) StopState(ctx context.Context, c Caller, stopID int64) (StopState, error) {
	pa, s, err := a.accessStop(ctx, c, stopID)
	if err != nil {
		return StopState{}, err
	}
	if !pa.readsProgram(s) {
		if s.ProgramID == 0 {
			return StopState{}, itinera.Errorf(itinera.EFORBIDDEN, "The stop is %s: it has no program yet.", s.Status)
		}
		return StopState{}, itinera.Errorf(itinera.EFORBIDDEN, "%s does not share this stop's program with you now.", s.OrganizationName)
	}
	tid := s.TenantID
	out := StopState{Stop: pa.shareStop(s), Requests: map[itinera.RequestStatus]int{}}
	if out.Program, err = a.s.Programs.Program(ctx, tid, s.ProgramID); err != nil {
		return out, err
	}
	out.Program.HotelPlaceID, out.Program.HotelName = 0, ""
	ms, err := a.s.Candidates.Meetings(ctx, tid, s.ProgramID)
	if err != nil {
		return out, err
	}
	confirmed := map[int64]bool{}
	for _, m := range ms {
		confirmed[m.ID] = m.Status == itinera.MeetingConfirmed
	}
	cur, err := a.s.Itineraries.CurrentItinerary(ctx, tid, s.ProgramID)
	switch itinera.ErrorCode(err) {
	case "":
		for _, x := range cur.Items {
			out.Items = append(out.Items, StopItem{Start: x.Start, End: x.End, Title: x.Title, Meeting: x.MeetingID != 0,
				Confirmed: confirmed[x.MeetingID]})
		}
	case itinera.ENOTFOUND:
	default:
		return out, err
	}
	rs, err := a.s.Requests.Requests(ctx, tid, s.ProgramID)
	if err != nil {
		return out, err
	}
	for _, r := range rs {
		out.Requests[r.Status]++
	}
	if out.Readiness, err = a.ProgramReadiness(ctx, Caller{User: itinera.User{TenantID: tid}}, s.ProgramID); err != nil {
		return out, err
	}
	links, err := a.s.Feedback.FeedbackLinks(ctx, tid, s.ProgramID)
	if err != nil {
		return out, err
	}
	at := map[itinera.FeedbackRole]int{}
	sums, rated := map[itinera.FeedbackRole]int{}, map[itinera.FeedbackRole]int{}
	for _, l := range links {
		i, ok := at[l.Role]
		if !ok {
			i = len(out.Feedback)
			at[l.Role] = i
			out.Feedback = append(out.Feedback, StopFeedback{Role: l.Role})
		}
		out.Feedback[i].Asked++
		if l.Answered() {
			out.Feedback[i].Answered++
			if l.Rating > 0 {
				sums[l.Role] += l.Rating
				rated[l.Role]++
			}
		}
	}
	for i := range out.Feedback {
		if r := out.Feedback[i].Role; rated[r] > 0 {
			out.Feedback[i].Average = float64(sums[r]) / float64(rated[r])
		}
	}
	out.Returns = []ReturnSummary{}
	if pa.agency {
		if out.Returns, err = a.stopReturns(ctx, pa.project.TenantID, s.ID); err != nil {
			return out, err
		}
	}
	return out, nil
}
