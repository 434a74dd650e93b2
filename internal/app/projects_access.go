package app

import (
	"context"
	"time"

	"itinera"
)

// Who reads what of a multi-city project: the one place it is decided
// (docs/projects.md). Every project workflow and view asks projectAccess;
// the web UI, the API and the CLI never read projects otherwise.
//
//   - The agency that owns a project reads all of it: project, roster
//     with private data, route, grants. Of a stop's program it reads the
//     itinerary, requests' state, readiness and feedback, and only while
//     the stop's organization's program grant is live; never the city's
//     directory, households or private notes.
//   - An organization with a stop reads only its own stops. It reads the
//     project's objectives and the roster, restricted to the fields the
//     project shares, only while its roster grant is live (from its
//     acceptance until the stop's last day plus the project's retention
//     days, unless the agency revokes it); never another city's stop.
//   - Anyone else: the project does not exist for them (not found).

// projectAccess is what the caller may see of one project, read once.
type projectAccess struct {
	project itinera.Project
	agency  bool  // the caller is the project's agency
	tenant  int64 // the caller's organization
	stops   []itinera.ProjectStop
	grants  []itinera.ProjectGrant
	now     time.Time
}

// accessProject reads the project and what the caller may do with it; a
// project the caller has no part in is not found.
func (a *App) accessProject(ctx context.Context, c Caller, projectID int64) (projectAccess, error) {
	if err := mustOrganization(c); err != nil {
		return projectAccess{}, err
	}
	pa := projectAccess{tenant: c.tenant(), now: a.now().UTC()}
	var err error
	if pa.project, err = a.s.Projects.Project(ctx, projectID); err != nil {
		return pa, err
	}
	pa.agency = pa.project.TenantID == pa.tenant
	stops, err := a.s.Projects.Stops(ctx, projectID)
	if err != nil {
		return pa, err
	}
	for _, s := range stops {
		if pa.agency || s.TenantID == pa.tenant {
			pa.stops = append(pa.stops, s)
		}
	}
	if !pa.agency && len(pa.stops) == 0 {
		return projectAccess{}, projectNotFound()
	}
	grants, err := a.s.Projects.Grants(ctx, projectID)
	if err != nil {
		return pa, err
	}
	for _, g := range grants {
		if pa.agency || g.GrantorID == pa.tenant || g.GranteeID == pa.tenant {
			pa.grants = append(pa.grants, g)
		}
	}
	return pa, nil
}

// accessStop is accessProject for the project of one stop, which the
// caller must be a party of.
func (a *App) accessStop(ctx context.Context, c Caller, stopID int64) (projectAccess, itinera.ProjectStop, error) {
	if err := mustOrganization(c); err != nil {
		return projectAccess{}, itinera.ProjectStop{}, err
	}
	st, err := a.s.Projects.Stop(ctx, stopID)
	if err != nil {
		return projectAccess{}, st, err
	}
	pa, err := a.accessProject(ctx, c, st.ProjectID)
	if itinera.ErrorCode(err) == itinera.ENOTFOUND {
		return pa, st, stopNotFound()
	}
	if err != nil {
		return pa, st, err
	}
	s, ok := pa.stop(stopID)
	if !ok {
		return pa, st, stopNotFound()
	}
	return pa, s, nil
}

func projectNotFound() error {
	return itinera.Errorf(itinera.ENOTFOUND, "That project does not exist, or your organization has no part in it.")
}

func stopNotFound() error {
	return itinera.Errorf(itinera.ENOTFOUND, "That stop does not exist, or your organization has no part in it.")
}

// stop returns one of the stops the caller sees.
func (pa projectAccess) stop(id int64) (itinera.ProjectStop, bool) {
	for _, s := range pa.stops {
		if s.ID == id {
			return s, true
		}
	}
	return itinera.ProjectStop{}, false
}

// liveGrant returns the live grant of scope for the stop to grantee.
func (pa projectAccess) liveGrant(stopID int64, scope itinera.GrantScope, grantee int64) (itinera.ProjectGrant, bool) {
	for _, g := range pa.grants {
		if g.StopID == stopID && g.Scope == scope && g.GranteeID == grantee && g.Live(pa.now) {
			return g, true
		}
	}
	return itinera.ProjectGrant{}, false
}

// readsRoster: the caller may read the roster and objectives for the
// stop (the agency always; the stop's organization under a live grant).
func (pa projectAccess) readsRoster(s itinera.ProjectStop) (itinera.ProjectGrant, bool) {
	if pa.agency {
		return itinera.ProjectGrant{}, true
	}
	if s.TenantID != pa.tenant || s.Status != itinera.StopAccepted {
		return itinera.ProjectGrant{}, false
	}
	return pa.liveGrant(s.ID, itinera.GrantRoster, pa.tenant)
}

// readsProgram: the caller may read the stop's program (its own
// organization always; the agency under a live grant).
func (pa projectAccess) readsProgram(s itinera.ProjectStop) bool {
	if s.ProgramID == 0 || s.Status != itinera.StopAccepted {
		return false
	}
	if s.TenantID == pa.tenant {
		return true
	}
	_, ok := pa.liveGrant(s.ID, itinera.GrantProgram, pa.tenant)
	return pa.agency && ok
}

// readsAnyRoster: the caller may read the objectives (of one stop at least).
func (pa projectAccess) readsAnyRoster() bool {
	for _, s := range pa.stops {
		if _, ok := pa.readsRoster(s); ok {
			return true
		}
	}
	return false
}

// shareMember is what a city sees of a roster member: the name, role and
// withdrawal always, the fields the project shares, never the agency's
// notes. The agency sees the member whole.
func (pa projectAccess) shareMember(m itinera.RosterMember) itinera.RosterMember {
	if pa.agency {
		return m
	}
	p := pa.project
	out := itinera.RosterMember{ID: m.ID, ProjectID: m.ProjectID, Role: m.Role, GivenName: m.GivenName, FamilyName: m.FamilyName,
		Withdrawn: m.Withdrawn, Fictional: m.Fictional, Languages: []string{}, Diets: []string{}, Allergies: []string{}}
	if p.Shares("country") {
		out.Country = m.Country
	}
	if p.Shares("position") {
		out.Position = m.Position
	}
	if p.Shares("organization") {
		out.Organization = m.Organization
	}
	if p.Shares("languages") {
		out.Languages = m.Languages
	}
	if p.Shares("diets") {
		out.Diets = m.Diets
	}
	if p.Shares("allergies") {
		out.Allergies = m.Allergies
	}
	if p.Shares("access_needs") {
		out.AccessNeeds = m.AccessNeeds
	}
	if p.Shares("email") {
		out.Email = m.Email
	}
	if p.Shares("phone") {
		out.Phone = m.Phone
	}
	if p.Shares("passport") {
		out.Passport = m.Passport
	}
	if p.Shares("birth_date") {
		out.BirthDate = m.BirthDate
	}
	return out
}

// shareStop is what the caller sees of one of its stops: the city's
// private notes only by the city.
func (pa projectAccess) shareStop(s itinera.ProjectStop) itinera.ProjectStop {
	if s.TenantID != pa.tenant {
		s.Notes = ""
	}
	if !pa.readsProgram(s) && s.TenantID != pa.tenant {
		s.ProgramID = 0
	}
	return s
}

// mustAgency refuses a caller who is not the project's agency.
func (pa projectAccess) mustAgency() error {
	if !pa.agency {
		return itinera.Errorf(itinera.EFORBIDDEN, "Only the project's agency may do this.")
	}
	return nil
}

// rosterUntil is when a stop's roster grant ends: the project's retention
// days after the stop's last day, at the end of that day in the stop's
// zone.
func rosterUntil(p itinera.Project, s itinera.ProjectStop) time.Time {
	return s.EndDate.AddDays(1 + p.RetentionDays).In(s.Location()).UTC()
}

// mustOrganization refuses a caller of no organization. The command line
// acts as its organization without a user (cli.systemCaller).
func mustOrganization(c Caller) error {
	if c.User.TenantID == 0 {
		return itinera.Errorf(itinera.EUNAUTHORIZED, "Sign in first.")
	}
	return nil
}
