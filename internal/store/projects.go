package store

import (
	"context"
	"database/sql"
	"time"

	"itinera"
)

// Multi-city projects (migration 0029): an agency's projects, their
// rosters, stops, grants and notices. The reads here cross organizations
// on purpose; internal/app decides who may make them (itinera.ProjectService).

var _ itinera.ProjectService = (*Store)(nil)

const projectCols = `id, tenant_id, version, title, theme, objectives, retention_days, shared, created_at, updated_at`

func scanProject(row interface{ Scan(...any) error }) (itinera.Project, error) {
	var p itinera.Project
	err := row.Scan(&p.ID, &p.TenantID, &p.Version, &p.Title, &p.Theme, listScanner{&p.Objectives}, &p.RetentionDays,
		listScanner{&p.Shared}, dbTime{&p.CreatedAt}, dbTime{&p.UpdatedAt})
	return p, err
}

// CreateProject stores a new project of an agency.
func (s *Store) CreateProject(ctx context.Context, p *itinera.Project) error {
	if err := p.Validate(); err != nil {
		return err
	}
	now := s.now().UTC()
	p.CreatedAt, p.UpdatedAt, p.Version = now, now, 1
	return s.tx(ctx, func(tx *sql.Tx) error {
		id, err := s.insertID(ctx, tx, `INSERT INTO projects (tenant_id, title, theme, objectives, retention_days, shared, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, p.TenantID, p.Title, p.Theme, jsonList(p.Objectives), p.RetentionDays,
			jsonList(p.Shared), s.d.timeArg(now), s.d.timeArg(now))
		p.ID = id
		return err
	})
}

// UpdateProject stores p's title, theme, objectives, retention and
// shared fields, made against p.Version.
func (s *Store) UpdateProject(ctx context.Context, p *itinera.Project) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.execVersioned(ctx, tx, "project", "projects", p.TenantID, p.ID, p.Version, `UPDATE projects SET version = version + 1,
			title = $1, theme = $2, objectives = $3, retention_days = $4, shared = $5, updated_at = $6 WHERE tenant_id = $7 AND id = $8`,
			p.Title, p.Theme, jsonList(p.Objectives), p.RetentionDays, jsonList(p.Shared), s.d.timeArg(s.now().UTC()), p.TenantID, p.ID)
	})
}

// Project returns a project by id, whichever organization reads it.
func (s *Store) Project(ctx context.Context, id int64) (itinera.Project, error) {
	p, err := scanProject(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+projectCols+` FROM projects WHERE id = $1`), id))
	return p, s.d.normalize(scanOne(err, "project"))
}

func (s *Store) projects(ctx context.Context, query string, arg any) ([]itinera.Project, error) {
	out := []itinera.Project{}
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(query), arg)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanProject(rows)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

// ProjectsOf lists an agency's projects, newest first.
func (s *Store) ProjectsOf(ctx context.Context, agencyID int64) ([]itinera.Project, error) {
	return s.projects(ctx, `SELECT `+projectCols+` FROM projects WHERE tenant_id = $1 ORDER BY id DESC`, agencyID)
}

// ProjectsWithStopsOf lists the projects with a stop of the organization.
func (s *Store) ProjectsWithStopsOf(ctx context.Context, tenantID int64) ([]itinera.Project, error) {
	return s.projects(ctx, `SELECT `+projectCols+` FROM projects WHERE id IN (SELECT project_id FROM project_stops WHERE tenant_id = $1)
		ORDER BY id DESC`, tenantID)
}

const rosterCols = `id, tenant_id, project_id, version, role, given_name, family_name, country, position, organization, email, phone,
	languages, diets, allergies, access_needs, passport, birth_date, notes, withdrawn, fictional`

func scanRosterMember(row interface{ Scan(...any) error }) (itinera.RosterMember, error) {
	var m itinera.RosterMember
	var role, birth string
	err := row.Scan(&m.ID, &m.TenantID, &m.ProjectID, &m.Version, &role, &m.GivenName, &m.FamilyName, &m.Country, &m.Position,
		&m.Organization, &m.Email, &m.Phone, listScanner{&m.Languages}, listScanner{&m.Diets}, listScanner{&m.Allergies},
		&m.AccessNeeds, &m.Passport, &birth, &m.Notes, &m.Withdrawn, &m.Fictional)
	m.Role = itinera.RosterRole(role)
	if err == nil && birth != "" {
		m.BirthDate, err = itinera.ParseDate(birth)
	}
	return m, err
}

// CreateRosterMember adds a person to a project's roster.
func (s *Store) CreateRosterMember(ctx context.Context, m *itinera.RosterMember) error {
	if err := m.Validate(); err != nil {
		return err
	}
	m.Version = 1
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.lockRow(ctx, tx, "project", "projects", m.TenantID, m.ProjectID); err != nil {
			return err
		}
		id, err := s.insertID(ctx, tx, `INSERT INTO project_roster (tenant_id, project_id, role, given_name, family_name, country, position,
			organization, email, phone, languages, diets, allergies, access_needs, passport, birth_date, notes, withdrawn, fictional)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id`,
			m.TenantID, m.ProjectID, string(m.Role), m.GivenName, m.FamilyName, m.Country, m.Position, m.Organization, m.Email, m.Phone,
			jsonList(m.Languages), jsonList(m.Diets), jsonList(m.Allergies), m.AccessNeeds, m.Passport, m.BirthDate.String(), m.Notes,
			m.Withdrawn, m.Fictional)
		m.ID = id
		return err
	})
}

// UpdateRosterMember stores m, made against m.Version.
func (s *Store) UpdateRosterMember(ctx context.Context, m *itinera.RosterMember) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.execVersioned(ctx, tx, "roster member", "project_roster", m.TenantID, m.ID, m.Version, `UPDATE project_roster SET
			version = version + 1, role = $1, given_name = $2, family_name = $3, country = $4, position = $5, organization = $6, email = $7,
			phone = $8, languages = $9, diets = $10, allergies = $11, access_needs = $12, passport = $13, birth_date = $14, notes = $15,
			withdrawn = $16, fictional = $17 WHERE tenant_id = $18 AND id = $19 AND project_id = $20`,
			string(m.Role), m.GivenName, m.FamilyName, m.Country, m.Position, m.Organization, m.Email, m.Phone, jsonList(m.Languages),
			jsonList(m.Diets), jsonList(m.Allergies), m.AccessNeeds, m.Passport, m.BirthDate.String(), m.Notes, m.Withdrawn, m.Fictional,
			m.TenantID, m.ID, m.ProjectID)
	})
}

// Roster lists a project's roster: visitors, interpreters, escorts, each
// by family name.
func (s *Store) Roster(ctx context.Context, projectID int64) ([]itinera.RosterMember, error) {
	out := []itinera.RosterMember{}
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+rosterCols+` FROM project_roster WHERE project_id = $1
			ORDER BY CASE role WHEN 'visitor' THEN 0 WHEN 'interpreter' THEN 1 ELSE 2 END, lower(family_name), lower(given_name), id`), projectID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			m, err := scanRosterMember(rows)
			if err != nil {
				return err
			}
			out = append(out, m)
		}
		return rows.Err()
	})
	return out, err
}

// RosterMember returns one person of a project's roster.
func (s *Store) RosterMember(ctx context.Context, projectID, id int64) (itinera.RosterMember, error) {
	m, err := scanRosterMember(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+rosterCols+` FROM project_roster
		WHERE project_id = $1 AND id = $2`), projectID, id))
	return m, s.d.normalize(scanOne(err, "roster member"))
}

const stopCols = `s.id, s.tenant_id, s.project_id, s.version, p.tenant_id, t.slug, t.name, s.city, s.time_zone, s.start_date, s.end_date,
	s.status, s.program_id, s.arrival_mode, s.arrival_ref, s.departs_at, s.arrives_at, s.notes`

const stopFrom = ` FROM project_stops s JOIN projects p ON p.id = s.project_id JOIN tenants t ON t.id = s.tenant_id`

func scanStop(row interface{ Scan(...any) error }) (itinera.ProjectStop, error) {
	var st itinera.ProjectStop
	var start, end, status, mode string
	err := row.Scan(&st.ID, &st.TenantID, &st.ProjectID, &st.Version, &st.AgencyID, &st.OrganizationSlug, &st.OrganizationName,
		&st.City, &st.TimeZone, &start, &end, &status, idOrZero{&st.ProgramID}, &mode, &st.ArrivalRef, dbTime{&st.DepartsAt},
		dbTime{&st.ArrivesAt}, &st.Notes)
	if err != nil {
		return st, err
	}
	st.Status, st.ArrivalMode = itinera.StopStatus(status), itinera.StopTravel(mode)
	if st.StartDate, err = itinera.ParseDate(start); err != nil {
		return st, err
	}
	st.EndDate, err = itinera.ParseDate(end)
	return st, err
}

// CreateStop adds a stop to a project; TenantID names its organization.
func (s *Store) CreateStop(ctx context.Context, st *itinera.ProjectStop) error {
	if err := st.Validate(); err != nil {
		return err
	}
	st.Version = 1
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.lockRow(ctx, tx, "project", "projects", st.AgencyID, st.ProjectID); err != nil {
			return err
		}
		id, err := s.insertID(ctx, tx, `INSERT INTO project_stops (tenant_id, project_id, city, time_zone, start_date, end_date, status,
			program_id, arrival_mode, arrival_ref, departs_at, arrives_at, notes)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
			st.TenantID, st.ProjectID, st.City, st.TimeZone, st.StartDate.String(), st.EndDate.String(), string(st.Status),
			nullID(st.ProgramID), string(st.ArrivalMode), st.ArrivalRef, optTime(s.d, st.DepartsAt), optTime(s.d, st.ArrivesAt), st.Notes)
		st.ID = id
		return err
	})
}

// UpdateStop stores st, made against st.Version; its project and
// organization never change.
func (s *Store) UpdateStop(ctx context.Context, st *itinera.ProjectStop) error {
	if err := st.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.execVersioned(ctx, tx, "stop", "project_stops", st.TenantID, st.ID, st.Version, `UPDATE project_stops SET version = version + 1,
			city = $1, time_zone = $2, start_date = $3, end_date = $4, status = $5, program_id = $6, arrival_mode = $7, arrival_ref = $8,
			departs_at = $9, arrives_at = $10, notes = $11 WHERE tenant_id = $12 AND id = $13 AND project_id = $14`,
			st.City, st.TimeZone, st.StartDate.String(), st.EndDate.String(), string(st.Status), nullID(st.ProgramID), string(st.ArrivalMode),
			st.ArrivalRef, optTime(s.d, st.DepartsAt), optTime(s.d, st.ArrivesAt), st.Notes, st.TenantID, st.ID, st.ProjectID)
	})
}

// Stops lists a project's stops in route order.
func (s *Store) Stops(ctx context.Context, projectID int64) ([]itinera.ProjectStop, error) {
	out := []itinera.ProjectStop{}
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+stopCols+stopFrom+` WHERE s.project_id = $1 ORDER BY s.start_date, s.end_date, s.id`), projectID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			st, err := scanStop(rows)
			if err != nil {
				return err
			}
			out = append(out, st)
		}
		return rows.Err()
	})
	return out, err
}

// Stop returns one stop.
func (s *Store) Stop(ctx context.Context, id int64) (itinera.ProjectStop, error) {
	st, err := scanStop(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+stopCols+stopFrom+` WHERE s.id = $1`), id))
	return st, s.d.normalize(scanOne(err, "stop"))
}

// StopOfProgram returns the stop whose program the tenant's program is.
func (s *Store) StopOfProgram(ctx context.Context, tenantID, programID int64) (itinera.ProjectStop, error) {
	st, err := scanStop(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+stopCols+stopFrom+` WHERE s.tenant_id = $1 AND s.program_id = $2`),
		tenantID, programID))
	return st, s.d.normalize(scanOne(err, "stop"))
}

const grantCols = `g.id, g.project_id, g.stop_id, g.grantor_id, g.grantee_id, a.name, b.name, g.scope, g.since_at, g.until_at,
	g.created_by, g.revoked_at, g.revoked_by`

const grantFrom = ` FROM project_grants g JOIN tenants a ON a.id = g.grantor_id JOIN tenants b ON b.id = g.grantee_id`

func scanGrant(row interface{ Scan(...any) error }) (itinera.ProjectGrant, error) {
	var g itinera.ProjectGrant
	var scope string
	err := row.Scan(&g.ID, &g.ProjectID, &g.StopID, &g.GrantorID, &g.GranteeID, &g.GrantorName, &g.GranteeName, &scope,
		dbTime{&g.Since}, dbTime{&g.Until}, &g.CreatedBy, dbTime{&g.RevokedAt}, &g.RevokedBy)
	g.Scope = itinera.GrantScope(scope)
	return g, err
}

// CreateGrant records a grant.
func (s *Store) CreateGrant(ctx context.Context, g *itinera.ProjectGrant) error {
	if g.ProjectID == 0 || g.StopID == 0 || g.GrantorID == 0 || g.GranteeID == 0 || g.Since.IsZero() ||
		(g.Scope != itinera.GrantRoster && g.Scope != itinera.GrantProgram) {
		return itinera.Errorf(itinera.EINVALID, "store: a grant needs its project, stop, grantor, grantee, scope and start")
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		id, err := s.insertID(ctx, tx, `INSERT INTO project_grants (project_id, stop_id, grantor_id, grantee_id, scope, since_at, until_at, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, g.ProjectID, g.StopID, g.GrantorID, g.GranteeID, string(g.Scope),
			s.d.timeArg(g.Since), optTime(s.d, g.Until), g.CreatedBy)
		g.ID = id
		return err
	})
}

// RevokeGrant ends a live grant at at.
func (s *Store) RevokeGrant(ctx context.Context, id int64, at time.Time, by string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE project_grants SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND revoked_at IS NULL`),
			s.d.timeArg(at), by, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n > 0 {
			return err
		}
		if _, err := s.Grant(ctx, id); err != nil {
			return err
		}
		return itinera.Errorf(itinera.ECONFLICT, "This grant is already revoked.")
	})
}

// SetGrantUntil moves the end of the stop's unrevoked grants of scope.
func (s *Store) SetGrantUntil(ctx context.Context, stopID int64, scope itinera.GrantScope, until time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`UPDATE project_grants SET until_at = $1 WHERE stop_id = $2 AND scope = $3 AND revoked_at IS NULL`),
			optTime(s.d, until), stopID, string(scope))
		return err
	})
}

// Grants lists a project's grants, oldest first.
func (s *Store) Grants(ctx context.Context, projectID int64) ([]itinera.ProjectGrant, error) {
	out := []itinera.ProjectGrant{}
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+grantCols+grantFrom+` WHERE g.project_id = $1 ORDER BY g.id`), projectID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			g, err := scanGrant(rows)
			if err != nil {
				return err
			}
			out = append(out, g)
		}
		return rows.Err()
	})
	return out, err
}

// Grant returns one grant.
func (s *Store) Grant(ctx context.Context, id int64) (itinera.ProjectGrant, error) {
	g, err := scanGrant(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+grantCols+grantFrom+` WHERE g.id = $1`), id))
	return g, s.d.normalize(scanOne(err, "grant"))
}

// CreateProjectNotice records a hand-off for the organization it tells.
func (s *Store) CreateProjectNotice(ctx context.Context, n *itinera.ProjectNotice) error {
	if n.TenantID == 0 || n.ProjectID == 0 || n.Text == "" {
		return itinera.Errorf(itinera.EINVALID, "store: a notice needs its organization, project and text")
	}
	if n.At.IsZero() {
		n.At = s.now().UTC()
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		id, err := s.insertID(ctx, tx, `INSERT INTO project_notices (tenant_id, project_id, stop_id, program_id, noticed_at, text, itinerary)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, n.TenantID, n.ProjectID, nullID(n.StopID), nullID(n.ProgramID),
			s.d.timeArg(n.At), n.Text, n.Itinerary)
		n.ID = id
		if err != nil {
			return err
		}
		// The bell's kept list is keyed by the revision: bump it.
		_, err = tx.ExecContext(ctx, s.q(`UPDATE tenants SET alerts_rev = alerts_rev + 1 WHERE id = $1`), n.TenantID)
		return err
	})
}

// PendingProjectNotices lists the program's itinerary notices no release carried.
func (s *Store) PendingProjectNotices(ctx context.Context, tenantID, programID int64) ([]itinera.ProjectNotice, error) {
	out := []itinera.ProjectNotice{}
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT n.id, n.tenant_id, n.project_id, n.stop_id, n.program_id, n.noticed_at, p.title, n.text,
			n.itinerary, n.release_id FROM project_notices n JOIN projects p ON p.id = n.project_id
			WHERE n.tenant_id = $1 AND n.program_id = $2 AND n.itinerary = TRUE AND n.release_id IS NULL ORDER BY n.noticed_at, n.id`),
			tenantID, programID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n itinera.ProjectNotice
			if err := rows.Scan(&n.ID, &n.TenantID, &n.ProjectID, idOrZero{&n.StopID}, idOrZero{&n.ProgramID}, dbTime{&n.At}, &n.Project,
				&n.Text, &n.Itinerary, idOrZero{&n.ReleaseID}); err != nil {
				return err
			}
			out = append(out, n)
		}
		return rows.Err()
	})
	return out, err
}

// MarkProjectNoticesReleased records the release that carried the notices.
func (s *Store) MarkProjectNoticesReleased(ctx context.Context, tenantID int64, ids []int64, releaseID int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if err := s.execOne(ctx, tx, "notice", `UPDATE project_notices SET release_id = $1 WHERE tenant_id = $2 AND id = $3`,
				releaseID, tenantID, id); err != nil {
				return err
			}
		}
		return nil
	})
}
