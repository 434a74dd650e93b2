package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"itinera"
)

// Multi-city projects (issue 16, docs/projects.md): the workflows. An
// agency creates a project with its roster and route; each stop is
// proposed to the organization that programs it, which accepts it (its
// program is created then, in its own workspace) or declines it. Access
// across the two organizations is a grant (projects_access.go), recorded
// in both audit logs; the agency's changes reach the stops as notices
// (projects_handoff.go).

// ProjectInput is what an agency creates a project with.
type ProjectInput struct {
	Project itinera.Project
	// Retention is the project's retention in days; nil: the default.
	Retention *int
	Roster    []itinera.RosterMember
	Stops     []itinera.ProjectStop
}

// mustAgencyOrg refuses a caller whose organization is not an agency.
func (a *App) mustAgencyOrg(ctx context.Context, c Caller) (itinera.Tenant, error) {
	t, err := a.s.Accounts.Tenant(ctx, c.tenant())
	if err != nil {
		return t, err
	}
	if t.Kind != itinera.TenantAgency {
		return t, itinera.Errorf(itinera.EFORBIDDEN, "Only a program agency creates projects; %s is a community organization.", t.Name)
	}
	return t, nil
}

// CreateProject creates an agency's project, its roster and its stops in
// one transaction; each stop is proposed to its organization, which is
// told on its bell and in its audit log.
func (a *App) CreateProject(ctx context.Context, c Caller, in ProjectInput) (ProjectView, error) {
	if err := mustOrganization(c); err != nil {
		return ProjectView{}, err
	}
	if err := mustEdit(c); err != nil {
		return ProjectView{}, err
	}
	p := in.Project
	p.ID, p.TenantID, p.RetentionDays = 0, c.tenant(), itinera.DefaultRetentionDays
	if in.Retention != nil {
		p.RetentionDays = *in.Retention
	}
	if p.Shared == nil {
		p.Shared = append([]string(nil), itinera.DefaultSharedFields...)
	}
	// The project's own fields first: text that no field may hold is
	// refused as such, whoever sends it.
	if err := p.Validate(); err != nil {
		return ProjectView{}, err
	}
	agency, err := a.mustAgencyOrg(ctx, c)
	if err != nil {
		return ProjectView{}, err
	}
	f := itinera.FieldErrors{}
	var view ProjectView
	for i := range in.Roster {
		m := &in.Roster[i]
		m.TenantID = c.tenant()
		prefixed(f, fmt.Sprintf("roster.%d.", i), m.Validate())
	}
	if len(in.Stops) == 0 {
		f.Add("stops", "Give the project at least one stop.")
	}
	for i := range in.Stops {
		if err := a.checkNewStop(ctx, c, &in.Stops[i], f, fmt.Sprintf("stops.%d.", i)); err != nil {
			return ProjectView{}, err
		}
	}
	if err := f.Err("project"); err != nil {
		return ProjectView{}, err
	}
	err = a.inTx(ctx, func(ctx context.Context) error {
		if err := a.s.Projects.CreateProject(ctx, &p); err != nil {
			return err
		}
		if err := a.audit(ctx, c.actor(), c.tenant(), "project", actCreate, nil, p); err != nil {
			return err
		}
		for i := range in.Roster {
			m := &in.Roster[i]
			m.ProjectID = p.ID
			if err := a.s.Projects.CreateRosterMember(ctx, m); err != nil {
				return err
			}
			if err := a.audit(ctx, c.actor(), c.tenant(), "roster member", actCreate, nil, *m); err != nil {
				return err
			}
		}
		for i := range in.Stops {
			if err := a.proposeStopTx(ctx, c, agency, p, &in.Stops[i]); err != nil {
				return err
			}
		}
		// Read in the transaction: the answer never needs the database
		// after the commit.
		view, err = a.ProjectView(ctx, c, p.ID)
		return err
	})
	if err != nil {
		return ProjectView{}, err
	}
	a.log.InfoContext(ctx, "project created", "tenant", c.tenant(), "project", p.ID, "stops", len(in.Stops))
	return view, nil
}

// prefixed adds err's field messages to f under prefix.
func prefixed(f itinera.FieldErrors, prefix string, err error) {
	for k, v := range itinera.ErrorFields(err) {
		f.Add(prefix+k, v)
	}
}

// checkNewStop validates a stop the agency adds and names its
// organization by slug: an organization of this installation other than
// the agency.
func (a *App) checkNewStop(ctx context.Context, c Caller, s *itinera.ProjectStop, f itinera.FieldErrors, prefix string) error {
	s.ID, s.ProgramID, s.Status, s.Notes, s.TenantID, s.AgencyID = 0, 0, itinera.StopProposed, "", 0, c.tenant()
	prefixed(f, prefix, s.Validate())
	if !itinera.ValidSlug(s.OrganizationSlug) {
		return nil
	}
	t, err := a.s.Accounts.TenantBySlug(ctx, s.OrganizationSlug)
	switch {
	case itinera.ErrorCode(err) == itinera.ENOTFOUND:
		f.Add(prefix+"organization", fmt.Sprintf("No organization on this installation has the short name %q.", s.OrganizationSlug))
		return nil
	case err != nil:
		return err
	case t.ID == c.tenant():
		f.Add(prefix+"organization", "A stop is programmed by a community organization, not by the agency itself.")
		return nil
	}
	s.TenantID, s.OrganizationName = t.ID, t.Name
	if s.TimeZone == "" {
		s.TimeZone = t.TimeZone
	}
	return nil
}

// proposeStopTx stores a new stop and tells its organization.
func (a *App) proposeStopTx(ctx context.Context, c Caller, agency itinera.Tenant, p itinera.Project, s *itinera.ProjectStop) error {
	s.ProjectID = p.ID
	if err := a.s.Projects.CreateStop(ctx, s); err != nil {
		return err
	}
	after := map[string]any{"Title": p.Title, "City": s.City, "Organization": s.OrganizationSlug, "StartDate": s.StartDate.String(),
		"EndDate": s.EndDate.String(), "Status": string(s.Status)}
	if err := a.auditBoth(ctx, c, p.TenantID, s.TenantID, "project stop", s.ID, 0, "propose", nil, after); err != nil {
		return err
	}
	return a.tell(ctx, s.TenantID, p, *s, false, fmt.Sprintf("%s proposes a stop in %s, %s to %s: accept it to program it.",
		agency.Name, s.City, s.StartDate, s.EndDate))
}

// auditBoth records one change of a project in the logs of both
// organizations concerned.
func (a *App) auditBoth(ctx context.Context, c Caller, tenantA, tenantB int64, kind string, id, programID int64, action string,
	before, after map[string]any) error {
	for _, t := range []int64{tenantA, tenantB} {
		pid := int64(0)
		if t == tenantB {
			pid = programID // the program is the stop organization's
		}
		who := c.actor()
		if t != c.tenant() {
			who = actor{name: c.actor().name + " (" + a.orgName(ctx, c.tenant()) + ")"}
		}
		if err := a.auditAt(ctx, who, t, kind, id, pid, action, before, after); err != nil {
			return err
		}
	}
	return nil
}

// orgName names an organization for another's log.
func (a *App) orgName(ctx context.Context, id int64) string {
	t, err := a.s.Accounts.Tenant(ctx, id)
	if err != nil {
		return "another organization"
	}
	return t.Name
}

// AddStop adds a stop to the agency's project, proposed to its
// organization.
func (a *App) AddStop(ctx context.Context, c Caller, projectID int64, s itinera.ProjectStop) (itinera.ProjectStop, error) {
	if err := mustEdit(c); err != nil {
		return s, err
	}
	pa, err := a.accessProject(ctx, c, projectID)
	if err != nil {
		return s, err
	}
	if err := pa.mustAgency(); err != nil {
		return s, err
	}
	agency, err := a.s.Accounts.Tenant(ctx, c.tenant())
	if err != nil {
		return s, err
	}
	f := itinera.FieldErrors{}
	if err := a.checkNewStop(ctx, c, &s, f, ""); err != nil {
		return s, err
	}
	if err := f.Err("stop"); err != nil {
		return s, err
	}
	err = a.inTx(ctx, func(ctx context.Context) error {
		if err := a.proposeStopTx(ctx, c, agency, pa.project, &s); err != nil {
			return err
		}
		return a.rereadStop(ctx, &s)
	})
	return s, err
}

// AcceptStop is the stop's organization accepting it: in one
// transaction, the stop's program is created in its workspace (the
// project's title, theme and objectives, the stop's city, dates and time
// zone), the agency grants it the roster until the stop's last day plus
// the project's retention, it grants the agency its program's state, both
// grants are recorded in both audit logs and the agency is told.
func (a *App) AcceptStop(ctx context.Context, c Caller, stopID int64) (itinera.ProjectStop, error) {
	if err := mustEdit(c); err != nil {
		return itinera.ProjectStop{}, err
	}
	pa, s, err := a.accessStop(ctx, c, stopID)
	if err != nil {
		return s, err
	}
	if s.TenantID != c.tenant() {
		return s, itinera.Errorf(itinera.EFORBIDDEN, "Only the organization that programs the stop accepts it.")
	}
	if s.Status != itinera.StopProposed {
		return s, itinera.Errorf(itinera.ECONFLICT, "This stop is already %s.", s.Status)
	}
	agency, err := a.s.Accounts.Tenant(ctx, pa.project.TenantID)
	if err != nil {
		return s, err
	}
	p := pa.project
	err = a.inTx(ctx, func(ctx context.Context) error {
		prog := itinera.Program{TenantID: c.tenant(), Title: p.Title, ProjectType: agency.Name, Description: p.Theme,
			Objectives: p.Objectives, City: s.City, TimeZone: s.TimeZone, StartDate: s.StartDate, EndDate: s.EndDate}
		if err := a.s.Programs.CreateProgram(ctx, &prog); err != nil {
			return err
		}
		if err := a.audit(ctx, c.actor(), c.tenant(), "program", actCreate, nil, prog); err != nil {
			return err
		}
		before := s
		s.Status, s.ProgramID = itinera.StopAccepted, prog.ID
		if err := a.s.Projects.UpdateStop(ctx, &s); err != nil {
			return err
		}
		if err := a.auditBoth(ctx, c, p.TenantID, s.TenantID, "project stop", s.ID, prog.ID, "accept",
			map[string]any{"Status": string(before.Status)}, map[string]any{"Status": string(s.Status), "ProgramID": prog.ID, "City": s.City}); err != nil {
			return err
		}
		now := a.now().UTC()
		if _, err := a.grantTx(ctx, c, p, s, itinera.ProjectGrant{GrantorID: p.TenantID, GranteeID: s.TenantID, Scope: itinera.GrantRoster,
			Since: now, Until: rosterUntil(p, s), CreatedBy: agency.Name + " (on acceptance)"}); err != nil {
			return err
		}
		if _, err := a.grantTx(ctx, c, p, s, itinera.ProjectGrant{GrantorID: s.TenantID, GranteeID: p.TenantID, Scope: itinera.GrantProgram,
			Since: now, CreatedBy: c.actor().name}); err != nil {
			return err
		}
		if err := a.tell(ctx, p.TenantID, p, s, false, fmt.Sprintf("%s accepted the stop in %s (%s to %s).", s.OrganizationName, s.City,
			s.StartDate, s.EndDate)); err != nil {
			return err
		}
		return a.rereadStop(ctx, &s)
	})
	return s, err
}

// DeclineStop is the stop's organization declining it; the agency is told.
func (a *App) DeclineStop(ctx context.Context, c Caller, stopID int64, reason string) (itinera.ProjectStop, error) {
	if err := mustEdit(c); err != nil {
		return itinera.ProjectStop{}, err
	}
	f := itinera.FieldErrors{}
	itinera.CheckReason(f, "reason", &reason)
	if err := f.Err("answer"); err != nil {
		return itinera.ProjectStop{}, err
	}
	pa, s, err := a.accessStop(ctx, c, stopID)
	if err != nil {
		return s, err
	}
	if s.TenantID != c.tenant() {
		return s, itinera.Errorf(itinera.EFORBIDDEN, "Only the organization that programs the stop declines it.")
	}
	if s.Status != itinera.StopProposed {
		return s, itinera.Errorf(itinera.ECONFLICT, "This stop is already %s.", s.Status)
	}
	err = a.inTx(ctx, func(ctx context.Context) error {
		s.Status = itinera.StopDeclined
		if err := a.s.Projects.UpdateStop(ctx, &s); err != nil {
			return err
		}
		if err := a.auditBoth(ctx, c, pa.project.TenantID, s.TenantID, "project stop", s.ID, 0, "decline",
			map[string]any{"Status": string(itinera.StopProposed)}, map[string]any{"Status": string(s.Status), "Reason": reason}); err != nil {
			return err
		}
		text := fmt.Sprintf("%s declined the stop in %s (%s to %s).", s.OrganizationName, s.City, s.StartDate, s.EndDate)
		if reason != "" {
			text += " " + reason
		}
		if err := a.tell(ctx, pa.project.TenantID, pa.project, s, false, text); err != nil {
			return err
		}
		return a.rereadStop(ctx, &s)
	})
	return s, err
}

// SetStopNotes stores the stop organization's own notes on its stop,
// which nobody else reads.
func (a *App) SetStopNotes(ctx context.Context, c Caller, stopID int64, notes string) (itinera.ProjectStop, error) {
	if err := mustEdit(c); err != nil {
		return itinera.ProjectStop{}, err
	}
	_, s, err := a.accessStop(ctx, c, stopID)
	if err != nil {
		return s, err
	}
	if s.TenantID != c.tenant() {
		return s, itinera.Errorf(itinera.EFORBIDDEN, "Only the organization that programs the stop keeps notes on it.")
	}
	err = a.inTx(ctx, func(ctx context.Context) error {
		before := s
		s.Notes = notes
		if err := a.s.Projects.UpdateStop(ctx, &s); err != nil {
			return err
		}
		if err := a.auditAt(ctx, c.actor(), c.tenant(), "project stop", s.ID, s.ProgramID, actUpdate,
			map[string]any{"Notes": before.Notes}, map[string]any{"Notes": s.Notes}); err != nil {
			return err
		}
		return a.rereadStop(ctx, &s)
	})
	return s, err
}

// UpdateProject changes the project's title, theme, objectives, retention
// and shared fields; the stops' live roster grants take the new
// retention.
func (a *App) UpdateProject(ctx context.Context, c Caller, p itinera.Project) (itinera.Project, error) {
	if err := mustEdit(c); err != nil {
		return p, err
	}
	pa, err := a.accessProject(ctx, c, p.ID)
	if err != nil {
		return p, err
	}
	if err := pa.mustAgency(); err != nil {
		return p, err
	}
	p.TenantID = c.tenant()
	if p.Shared == nil {
		p.Shared = pa.project.Shared
	}
	if err := p.Validate(); err != nil {
		return p, err
	}
	err = a.inTx(ctx, func(ctx context.Context) error {
		if err := a.s.Projects.UpdateProject(ctx, &p); err != nil {
			return err
		}
		after, err := a.s.Projects.Project(ctx, p.ID)
		if err != nil {
			return err
		}
		if err := a.audit(ctx, c.actor(), c.tenant(), "project", actUpdate, pa.project, after); err != nil {
			return err
		}
		for _, s := range pa.stops {
			if s.Status == itinera.StopAccepted && after.RetentionDays != pa.project.RetentionDays {
				if err := a.s.Projects.SetGrantUntil(ctx, s.ID, itinera.GrantRoster, rosterUntil(after, s)); err != nil {
					return err
				}
			}
		}
		p = after
		return nil
	})
	return p, err
}

// GrantAccess gives a grant again (after one was revoked, or for longer):
// the agency grants a stop's organization the roster, a stop's
// organization grants the agency its program. until zero: the roster
// until the stop's last day plus the retention, the program until
// revoked.
func (a *App) GrantAccess(ctx context.Context, c Caller, stopID int64, scope itinera.GrantScope, until time.Time) (itinera.ProjectGrant, error) {
	if err := mustEdit(c); err != nil {
		return itinera.ProjectGrant{}, err
	}
	pa, s, err := a.accessStop(ctx, c, stopID)
	if err != nil {
		return itinera.ProjectGrant{}, err
	}
	now := a.now().UTC()
	g := itinera.ProjectGrant{Scope: scope, Since: now, Until: until, CreatedBy: c.actor().name}
	switch scope {
	case itinera.GrantRoster:
		if !pa.agency {
			return g, itinera.Errorf(itinera.EFORBIDDEN, "Only the project's agency grants its roster.")
		}
		g.GrantorID, g.GranteeID = pa.project.TenantID, s.TenantID
		if g.Until.IsZero() {
			g.Until = rosterUntil(pa.project, s)
		}
	case itinera.GrantProgram:
		if s.TenantID != c.tenant() {
			return g, itinera.Errorf(itinera.EFORBIDDEN, "Only the organization that programs the stop grants its program.")
		}
		g.GrantorID, g.GranteeID = s.TenantID, pa.project.TenantID
	default:
		return g, (itinera.FieldErrors{"scope": "Choose roster or program."}).Err("grant")
	}
	if s.Status != itinera.StopAccepted {
		return g, itinera.Errorf(itinera.ECONFLICT, "The stop is %s: access is granted once its organization accepted it.", s.Status)
	}
	if !g.Until.IsZero() && !g.Until.After(now) {
		return g, (itinera.FieldErrors{"until": "Give an end in the future."}).Err("grant")
	}
	if _, ok := pa.liveGrant(s.ID, scope, g.GranteeID); ok {
		return g, itinera.Errorf(itinera.ECONFLICT, "A live grant of the %s already exists; revoke it first to change it.", scope)
	}
	err = a.inTx(ctx, func(ctx context.Context) error {
		var err error
		g, err = a.grantTx(ctx, c, pa.project, s, g)
		if err != nil {
			return err
		}
		other := g.GranteeID
		return a.tell(ctx, other, pa.project, s, false, fmt.Sprintf("%s granted you the %s of the stop in %s%s.",
			a.orgName(ctx, c.tenant()), scope, s.City, untilText(g.Until, s.Location())))
	})
	return g, err
}

// grantTx records a grant, in both organizations' logs.
func (a *App) grantTx(ctx context.Context, c Caller, p itinera.Project, s itinera.ProjectStop, g itinera.ProjectGrant) (itinera.ProjectGrant, error) {
	g.ProjectID, g.StopID = p.ID, s.ID
	if err := a.s.Projects.CreateGrant(ctx, &g); err != nil {
		return g, err
	}
	after := map[string]any{"Scope": string(g.Scope), "Stop": s.City, "Grantor": a.orgName(ctx, g.GrantorID),
		"Grantee": a.orgName(ctx, g.GranteeID), "Since": g.Since.Format(time.RFC3339)}
	if !g.Until.IsZero() {
		after["Until"] = g.Until.Format(time.RFC3339)
	}
	if err := a.auditBoth(ctx, c, p.TenantID, s.TenantID, "project grant", g.ID, s.ProgramID, "grant", nil, after); err != nil {
		return g, err
	}
	return a.s.Projects.Grant(ctx, g.ID)
}

// untilText says when a grant ends: " until Sat 9 Jan 2027", or "".
func untilText(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return " until " + t.In(loc).Format("Mon 2 Jan 2006 15:04 MST")
}

// RevokeGrant ends a grant at once. Either organization of the grant may
// revoke it: the grantor takes its data back, the grantee gives it up.
// Both logs record it, and the other organization is told.
func (a *App) RevokeGrant(ctx context.Context, c Caller, grantID int64) (itinera.ProjectGrant, error) {
	if err := mustEdit(c); err != nil {
		return itinera.ProjectGrant{}, err
	}
	g, err := a.s.Projects.Grant(ctx, grantID)
	if err != nil {
		return g, err
	}
	pa, s, err := a.accessStop(ctx, c, g.StopID)
	if err != nil || (g.GrantorID != c.tenant() && g.GranteeID != c.tenant()) {
		return itinera.ProjectGrant{}, itinera.Errorf(itinera.ENOTFOUND, "That grant does not exist, or your organization has no part in it.")
	}
	err = a.inTx(ctx, func(ctx context.Context) error {
		now := a.now().UTC()
		if err := a.s.Projects.RevokeGrant(ctx, g.ID, now, c.actor().name); err != nil {
			return err
		}
		if err := a.auditBoth(ctx, c, pa.project.TenantID, s.TenantID, "project grant", g.ID, s.ProgramID, "revoke", nil,
			map[string]any{"Scope": string(g.Scope), "Stop": s.City, "RevokedAt": now.Format(time.RFC3339)}); err != nil {
			return err
		}
		other := g.GranteeID
		if other == c.tenant() {
			other = g.GrantorID
		}
		if err := a.tell(ctx, other, pa.project, s, false, fmt.Sprintf("%s revoked the grant of the %s of the stop in %s.",
			a.orgName(ctx, c.tenant()), g.Scope, s.City)); err != nil {
			return err
		}
		g, err = a.s.Projects.Grant(ctx, g.ID)
		return err
	})
	return g, err
}

// ProjectGrants lists the project's grants the caller is party to (the
// agency: all of them).
func (a *App) ProjectGrants(ctx context.Context, c Caller, projectID int64) ([]itinera.ProjectGrant, error) {
	pa, err := a.accessProject(ctx, c, projectID)
	if err != nil {
		return nil, err
	}
	return pa.grants, nil
}

// StopArrival is a stop's arrival journey, as the agency changes it.
type StopArrival struct {
	Mode      itinera.StopTravel
	Ref       string
	DepartsAt time.Time
	ArrivesAt time.Time
}

// MoveArrival changes how and when the delegation reaches a stop (an
// arrival flight moves). The stop's organization and the previous stop's
// are told; where the stop is programmed, the change is on its next
// release.
func (a *App) MoveArrival(ctx context.Context, c Caller, stopID int64, to StopArrival) (itinera.ProjectStop, error) {
	if err := mustEdit(c); err != nil {
		return itinera.ProjectStop{}, err
	}
	pa, s, err := a.accessStop(ctx, c, stopID)
	if err != nil {
		return s, err
	}
	before := s
	s.ArrivalMode, s.ArrivalRef, s.DepartsAt, s.ArrivesAt = to.Mode, strings.TrimSpace(to.Ref), to.DepartsAt.UTC(), to.ArrivesAt.UTC()
	if to.DepartsAt.IsZero() {
		s.DepartsAt = time.Time{}
	}
	if to.ArrivesAt.IsZero() {
		s.ArrivesAt = time.Time{}
	}
	if err := s.Validate(); err != nil {
		return before, err
	}
	if err := pa.mustAgency(); err != nil {
		return before, err
	}
	err = a.inTx(ctx, func(ctx context.Context) error {
		if err := a.s.Projects.UpdateStop(ctx, &s); err != nil {
			return err
		}
		if err := a.auditAt(ctx, c.actor(), c.tenant(), "project stop", s.ID, 0, actUpdate, arrivalFields(before), arrivalFields(s)); err != nil {
			return err
		}
		if err := a.handOffArrival(ctx, pa, before, s); err != nil {
			return err
		}
		return a.rereadStop(ctx, &s)
	})
	return s, err
}

func arrivalFields(s itinera.ProjectStop) map[string]any {
	m := map[string]any{"ArrivalMode": string(s.ArrivalMode), "ArrivalRef": s.ArrivalRef}
	if !s.DepartsAt.IsZero() {
		m["DepartsAt"] = s.DepartsAt.Format(time.RFC3339)
	}
	if !s.ArrivesAt.IsZero() {
		m["ArrivesAt"] = s.ArrivesAt.Format(time.RFC3339)
	}
	return m
}

// AddRosterMember adds a person to the project's roster; every stop
// sharing the roster is told.
func (a *App) AddRosterMember(ctx context.Context, c Caller, projectID int64, m itinera.RosterMember) (itinera.RosterMember, error) {
	if err := mustEdit(c); err != nil {
		return m, err
	}
	pa, err := a.accessProject(ctx, c, projectID)
	if err != nil {
		return m, err
	}
	m.ID, m.ProjectID, m.TenantID, m.Withdrawn = 0, projectID, c.tenant(), false
	if err := m.Validate(); err != nil {
		return m, err
	}
	if err := pa.mustAgency(); err != nil {
		return m, err
	}
	err = a.inTx(ctx, func(ctx context.Context) error {
		if err := a.s.Projects.CreateRosterMember(ctx, &m); err != nil {
			return err
		}
		if err := a.audit(ctx, c.actor(), c.tenant(), "roster member", actCreate, nil, m); err != nil {
			return err
		}
		return a.handOffRoster(ctx, pa, fmt.Sprintf("%s (%s) joined the roster.", m.Name(), m.Role), m.Role != itinera.RosterEscort)
	})
	return m, err
}

// UpdateRosterMember changes a person of the roster (m.Version is the
// version edited). The stops sharing the roster are told what changed of
// what they see; a new interpreter is on their next release.
func (a *App) UpdateRosterMember(ctx context.Context, c Caller, m itinera.RosterMember) (itinera.RosterMember, error) {
	if err := mustEdit(c); err != nil {
		return m, err
	}
	pa, err := a.accessProject(ctx, c, m.ProjectID)
	if err != nil {
		return m, err
	}
	if err := pa.mustAgency(); err != nil {
		return m, err
	}
	before, err := a.s.Projects.RosterMember(ctx, m.ProjectID, m.ID)
	if err != nil {
		return m, err
	}
	m.TenantID, m.Withdrawn = c.tenant(), before.Withdrawn
	err = a.inTx(ctx, func(ctx context.Context) error {
		if err := a.s.Projects.UpdateRosterMember(ctx, &m); err != nil {
			return err
		}
		after, err := a.s.Projects.RosterMember(ctx, m.ProjectID, m.ID)
		if err != nil {
			return err
		}
		if err := a.audit(ctx, c.actor(), c.tenant(), "roster member", actUpdate, before, after); err != nil {
			return err
		}
		m = after
		return a.handOffMemberChange(ctx, pa, before, after)
	})
	return m, err
}

// WithdrawRosterMember marks a person as withdrawn from the project; every
// stop sharing the roster is told, and it is on their next release.
func (a *App) WithdrawRosterMember(ctx context.Context, c Caller, projectID, memberID int64) (itinera.RosterMember, error) {
	if err := mustEdit(c); err != nil {
		return itinera.RosterMember{}, err
	}
	pa, err := a.accessProject(ctx, c, projectID)
	if err != nil {
		return itinera.RosterMember{}, err
	}
	if err := pa.mustAgency(); err != nil {
		return itinera.RosterMember{}, err
	}
	m, err := a.s.Projects.RosterMember(ctx, projectID, memberID)
	if err != nil {
		return m, err
	}
	if m.Withdrawn {
		return m, itinera.Errorf(itinera.ECONFLICT, "%s has already withdrawn.", m.Name())
	}
	err = a.inTx(ctx, func(ctx context.Context) error {
		before := m
		m.Withdrawn = true
		if err := a.s.Projects.UpdateRosterMember(ctx, &m); err != nil {
			return err
		}
		if err := a.auditAt(ctx, c.actor(), c.tenant(), "roster member", m.ID, 0, "withdraw",
			map[string]any{"Withdrawn": before.Withdrawn}, map[string]any{"Withdrawn": true, "Name": m.Name()}); err != nil {
			return err
		}
		m, err = a.s.Projects.RosterMember(ctx, projectID, memberID)
		if err != nil {
			return err
		}
		return a.handOffRoster(ctx, pa, fmt.Sprintf("%s (%s) withdrew from the project.", m.Name(), m.Role), true)
	})
	return m, err
}

// rereadStop reads the stop as the transaction left it: the answer never
// needs the database after the commit.
func (a *App) rereadStop(ctx context.Context, s *itinera.ProjectStop) error {
	x, err := a.s.Projects.Stop(ctx, s.ID)
	if err == nil {
		*s = x
	}
	return err
}
