package store

import (
	"context"
	"database/sql"

	"itinera"
)

var _ itinera.CandidateService = (*Store)(nil)

// windowsBy loads availability windows for many owners at once; query
// selects (owner id, starts_at, ends_at) ordered by owner and start.
func (s *Store) windowsBy(ctx context.Context, q querier, query string, args ...any) (map[int64][]itinera.Window, error) {
	rows, err := q.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]itinera.Window{}
	for rows.Next() {
		var id int64
		var w itinera.Window
		if err := rows.Scan(&id, dbTime{&w.Start}, dbTime{&w.End}); err != nil {
			return nil, err
		}
		out[id] = append(out[id], w)
	}
	return out, rows.Err()
}

func (s *Store) setWindowsTx(ctx context.Context, tx *sql.Tx, col string, id int64, ws []itinera.Window) error {
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM availability_windows WHERE `+col+` = $1`), id); err != nil {
		return err
	}
	for _, w := range ws {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO availability_windows (`+col+`, starts_at, ends_at) VALUES ($1, $2, $3)`),
			id, s.d.timeArg(w.Start), s.d.timeArg(w.End)); err != nil {
			return err
		}
	}
	return nil
}

// ---- Meetings

const meetingCols = `m.id, m.tenant_id, m.version, m.program_id, m.title, m.host_organization_id, o.name, m.contact_id, COALESCE(c.name, ''),
	m.place_id, COALESCE(pl.name, ''), m.duration_minutes, m.audience, m.priority, m.mandatory, m.status, m.notes, m.questions,
	m.attendance, m.min_visitors, m.max_visitors, m.languages`
const meetingFrom = ` FROM meetings m JOIN organizations o ON o.id = m.host_organization_id
	LEFT JOIN contacts c ON c.id = m.contact_id LEFT JOIN places pl ON pl.id = m.place_id`

func scanMeeting(row interface{ Scan(...any) error }) (itinera.Meeting, error) {
	var m itinera.Meeting
	var status, attendance string
	err := row.Scan(&m.ID, &m.TenantID, &m.Version, &m.ProgramID, &m.Title, &m.HostOrganizationID, &m.HostOrganizationName,
		idOrZero{&m.ContactID}, &m.ContactName, idOrZero{&m.PlaceID}, &m.PlaceName, &m.DurationMinutes, &m.Audience,
		&m.Priority, &m.Mandatory, &status, &m.Notes, &m.Questions,
		&attendance, &m.MinVisitors, &m.MaxVisitors, listScanner{&m.Languages})
	m.Status, m.For = itinera.MeetingStatus(status), itinera.AttendanceKind(attendance)
	m.Topics, m.PartnerOrganizationIDs, m.PartnerOrganizations, m.Windows = []string{}, []int64{}, []string{}, []itinera.Window{}
	m.VisitorIDs = []int64{}
	return m, err
}

// fillMeetings loads topics, partners and windows of the meetings selected
// by where (a condition on m with args).
func (s *Store) fillMeetings(ctx context.Context, q querier, ms []itinera.Meeting, where string, args ...any) error {
	idx := map[int64]int{}
	for i, m := range ms {
		idx[m.ID] = i
	}
	topics, err := s.namesBy(ctx, q, `SELECT mt.meeting_id, t.name FROM meeting_topics mt JOIN topics t ON t.id = mt.topic_id
		JOIN meetings m ON m.id = mt.meeting_id WHERE `+where+` ORDER BY mt.meeting_id, mt.position`, args...)
	if err != nil {
		return err
	}
	rows, err := q.QueryContext(ctx, s.q(`SELECT mp.meeting_id, o.id, o.name FROM meeting_partners mp JOIN organizations o ON o.id = mp.organization_id
		JOIN meetings m ON m.id = mp.meeting_id WHERE `+where+` ORDER BY mp.meeting_id, mp.position`), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var mid, oid int64
		var name string
		if err := rows.Scan(&mid, &oid, &name); err != nil {
			return err
		}
		if i, ok := idx[mid]; ok {
			ms[i].PartnerOrganizationIDs = append(ms[i].PartnerOrganizationIDs, oid)
			ms[i].PartnerOrganizations = append(ms[i].PartnerOrganizations, name)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	windows, err := s.windowsBy(ctx, q, `SELECT w.meeting_id, w.starts_at, w.ends_at FROM availability_windows w
		JOIN meetings m ON m.id = w.meeting_id WHERE `+where+` ORDER BY w.meeting_id, w.starts_at`, args...)
	if err != nil {
		return err
	}
	if err := s.fillMeetingVisitors(ctx, q, ms, idx, where, args...); err != nil {
		return err
	}
	for i := range ms {
		if t := topics[ms[i].ID]; t != nil {
			ms[i].Topics = t
		}
		if w := windows[ms[i].ID]; w != nil {
			ms[i].Windows = w
		}
	}
	return nil
}

// fillMeetingVisitors loads the visitors the meetings selected by where
// name (Attendance.VisitorIDs).
func (s *Store) fillMeetingVisitors(ctx context.Context, q querier, ms []itinera.Meeting, idx map[int64]int, where string, args ...any) error {
	rows, err := q.QueryContext(ctx, s.q(`SELECT mv.meeting_id, mv.visitor_id FROM meeting_visitors mv
		JOIN meetings m ON m.id = mv.meeting_id WHERE `+where+` ORDER BY mv.meeting_id, mv.position`), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var mid, vid int64
		if err := rows.Scan(&mid, &vid); err != nil {
			return err
		}
		if i, ok := idx[mid]; ok {
			ms[i].VisitorIDs = append(ms[i].VisitorIDs, vid)
		}
	}
	return rows.Err()
}

// Meetings lists a program's candidate meetings, highest priority first.
func (s *Store) Meetings(ctx context.Context, tenantID, programID int64) ([]itinera.Meeting, error) {
	var out []itinera.Meeting
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+meetingCols+meetingFrom+` WHERE m.tenant_id = $1 AND m.program_id = $2
			ORDER BY m.priority DESC, lower(m.title), m.id`), tenantID, programID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			m, err := scanMeeting(rows)
			if err != nil {
				return err
			}
			out = append(out, m)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return s.fillMeetings(ctx, q, out, `m.tenant_id = $1 AND m.program_id = $2`, tenantID, programID)
	})
	return out, err
}

// Meeting returns one meeting of the tenant.
func (s *Store) Meeting(ctx context.Context, tenantID, id int64) (itinera.Meeting, error) {
	var ms []itinera.Meeting
	err := s.view(ctx, func(q querier) error {
		m, err := scanMeeting(q.QueryRowContext(ctx, s.q(`SELECT `+meetingCols+meetingFrom+` WHERE m.tenant_id = $1 AND m.id = $2`), tenantID, id))
		if err := scanOne(err, "meeting"); err != nil {
			return err
		}
		ms = []itinera.Meeting{m}
		return s.fillMeetings(ctx, q, ms, `m.tenant_id = $1 AND m.id = $2`, tenantID, id)
	})
	if err != nil {
		return itinera.Meeting{}, err
	}
	return ms[0], nil
}

func (s *Store) checkMeetingRefs(ctx context.Context, tx *sql.Tx, m *itinera.Meeting) error {
	f := itinera.FieldErrors{}
	checks := []struct {
		table string
		id    int64
		field string
		msg   string
	}{
		{"programs", m.ProgramID, "program_id", "Choose one of your organization's programs."},
		{"organizations", m.HostOrganizationID, "host_organization_id", "Choose the host organization from the directory."},
		{"contacts", m.ContactID, "contact_id", "Choose the contact from the directory."},
		{"places", m.PlaceID, "place_id", "Choose the place from the directory."},
	}
	for _, c := range checks {
		if err := s.owns(ctx, tx, f, c.table, m.TenantID, c.id, c.field, c.msg); err != nil {
			return err
		}
	}
	for _, p := range m.PartnerOrganizationIDs {
		if err := s.owns(ctx, tx, f, "organizations", m.TenantID, p, "partner_organization_ids", "Choose partner organizations from the directory."); err != nil {
			return err
		}
	}
	for _, v := range m.VisitorIDs {
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM visitors WHERE id = $1 AND tenant_id = $2 AND program_id = $3`),
			v, m.TenantID, m.ProgramID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			f.Add("visitor_ids", "Choose visitors of this program's delegation.")
			break
		}
	}
	if m.ContactID != 0 {
		var org int64
		err := tx.QueryRowContext(ctx, s.q(`SELECT organization_id FROM contacts WHERE id = $1 AND tenant_id = $2`), m.ContactID, m.TenantID).Scan(&org)
		if err == nil && org != m.HostOrganizationID {
			f.Add("contact_id", "This contact works at another organization than the host.")
		}
	}
	return f.Err("meeting")
}

func (s *Store) writeMeetingLinksTx(ctx context.Context, tx *sql.Tx, m *itinera.Meeting) error {
	if err := s.setTopicsTx(ctx, tx, m.TenantID, "meeting_topics", "meeting_id", m.ID, m.Topics); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM meeting_partners WHERE meeting_id = $1`), m.ID); err != nil {
		return err
	}
	seen := map[int64]bool{}
	for i, p := range m.PartnerOrganizationIDs {
		if seen[p] {
			continue
		}
		seen[p] = true
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO meeting_partners (meeting_id, organization_id, position) VALUES ($1, $2, $3)`), m.ID, p, i); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM meeting_visitors WHERE meeting_id = $1`), m.ID); err != nil {
		return err
	}
	for i, v := range m.VisitorIDs {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO meeting_visitors (meeting_id, visitor_id, position) VALUES ($1, $2, $3)`), m.ID, v, i); err != nil {
			return err
		}
	}
	return s.setWindowsTx(ctx, tx, "meeting_id", m.ID, m.Windows)
}

// CreateMeeting stores a new candidate meeting.
func (s *Store) CreateMeeting(ctx context.Context, m *itinera.Meeting) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkMeetingRefs(ctx, tx, m); err != nil {
			return err
		}
		id, err := s.insertID(ctx, tx, `INSERT INTO meetings (tenant_id, program_id, title, host_organization_id, contact_id, place_id,
			duration_minutes, audience, priority, mandatory, status, notes, questions, attendance, min_visitors, max_visitors, languages)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
			m.TenantID, m.ProgramID, m.Title, m.HostOrganizationID, nullID(m.ContactID), nullID(m.PlaceID), m.DurationMinutes,
			m.Audience, m.Priority, m.Mandatory, string(m.Status), m.Notes, m.Questions,
			string(m.For), m.MinVisitors, m.MaxVisitors, jsonList(m.Languages))
		if err != nil {
			return err
		}
		m.ID = id
		return s.withIndex(ctx, tx, s.writeMeetingLinksTx(ctx, tx, m), itinera.SearchMeeting, m.TenantID, m.ID)
	})
}

// UpdateMeeting stores changes to a meeting; the program does not change.
func (s *Store) UpdateMeeting(ctx context.Context, m *itinera.Meeting) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.exists(ctx, tx, "meetings", "meeting", m.TenantID, m.ID); err != nil {
			return err
		}
		if err := s.checkMeetingRefs(ctx, tx, m); err != nil {
			return err
		}
		if err := s.execVersioned(ctx, tx, "meeting", "meetings", m.TenantID, m.ID, m.Version, `UPDATE meetings SET version = version + 1, title = $1, host_organization_id = $2, contact_id = $3, place_id = $4,
			duration_minutes = $5, audience = $6, priority = $7, mandatory = $8, status = $9, notes = $10, questions = $14,
			attendance = $15, min_visitors = $16, max_visitors = $17, languages = $18
			WHERE tenant_id = $11 AND id = $12 AND program_id = $13`,
			m.Title, m.HostOrganizationID, nullID(m.ContactID), nullID(m.PlaceID), m.DurationMinutes, m.Audience, m.Priority,
			m.Mandatory, string(m.Status), m.Notes, m.TenantID, m.ID, m.ProgramID, m.Questions,
			string(m.For), m.MinVisitors, m.MaxVisitors, jsonList(m.Languages)); err != nil {
			return err
		}
		return s.withIndex(ctx, tx, s.writeMeetingLinksTx(ctx, tx, m), itinera.SearchMeeting, m.TenantID, m.ID)
	})
}

// DeleteMeeting removes a meeting, its requests and its itinerary items.
func (s *Store) DeleteMeeting(ctx context.Context, tenantID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.withIndex(ctx, tx, s.execOne(ctx, tx, "meeting", `DELETE FROM meetings WHERE tenant_id = $1 AND id = $2`, tenantID, id),
			itinera.SearchMeeting, tenantID, id)
	})
}

// ---- Activities

const activityCols = `a.id, a.tenant_id, a.version, a.program_id, a.title, a.kind, a.place_id, COALESCE(pl.name, ''), a.duration_minutes,
	a.priority, a.mandatory, a.status, a.notes`
const activityFrom = ` FROM activities a LEFT JOIN places pl ON pl.id = a.place_id`

func scanActivity(row interface{ Scan(...any) error }) (itinera.Activity, error) {
	var a itinera.Activity
	var kind, status string
	err := row.Scan(&a.ID, &a.TenantID, &a.Version, &a.ProgramID, &a.Title, &kind, idOrZero{&a.PlaceID}, &a.PlaceName, &a.DurationMinutes,
		&a.Priority, &a.Mandatory, &status, &a.Notes)
	a.Kind, a.Status = itinera.ActivityKind(kind), itinera.ActivityStatus(status)
	a.Topics, a.Windows = []string{}, []itinera.Window{}
	return a, err
}

func (s *Store) fillActivities(ctx context.Context, q querier, as []itinera.Activity, where string, args ...any) error {
	topics, err := s.namesBy(ctx, q, `SELECT at.activity_id, t.name FROM activity_topics at JOIN topics t ON t.id = at.topic_id
		JOIN activities a ON a.id = at.activity_id WHERE `+where+` ORDER BY at.activity_id, at.position`, args...)
	if err != nil {
		return err
	}
	windows, err := s.windowsBy(ctx, q, `SELECT w.activity_id, w.starts_at, w.ends_at FROM availability_windows w
		JOIN activities a ON a.id = w.activity_id WHERE `+where+` ORDER BY w.activity_id, w.starts_at`, args...)
	if err != nil {
		return err
	}
	for i := range as {
		if t := topics[as[i].ID]; t != nil {
			as[i].Topics = t
		}
		if w := windows[as[i].ID]; w != nil {
			as[i].Windows = w
		}
	}
	return nil
}

// Activities lists a program's activities, highest priority first.
func (s *Store) Activities(ctx context.Context, tenantID, programID int64) ([]itinera.Activity, error) {
	var out []itinera.Activity
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+activityCols+activityFrom+` WHERE a.tenant_id = $1 AND a.program_id = $2
			ORDER BY a.priority DESC, lower(a.title), a.id`), tenantID, programID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a, err := scanActivity(rows)
			if err != nil {
				return err
			}
			out = append(out, a)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return s.fillActivities(ctx, q, out, `a.tenant_id = $1 AND a.program_id = $2`, tenantID, programID)
	})
	return out, err
}

// Activity returns one activity of the tenant.
func (s *Store) Activity(ctx context.Context, tenantID, id int64) (itinera.Activity, error) {
	var as []itinera.Activity
	err := s.view(ctx, func(q querier) error {
		a, err := scanActivity(q.QueryRowContext(ctx, s.q(`SELECT `+activityCols+activityFrom+` WHERE a.tenant_id = $1 AND a.id = $2`), tenantID, id))
		if err := scanOne(err, "activity"); err != nil {
			return err
		}
		as = []itinera.Activity{a}
		return s.fillActivities(ctx, q, as, `a.tenant_id = $1 AND a.id = $2`, tenantID, id)
	})
	if err != nil {
		return itinera.Activity{}, err
	}
	return as[0], nil
}

func (s *Store) checkActivityRefs(ctx context.Context, tx *sql.Tx, a *itinera.Activity) error {
	f := itinera.FieldErrors{}
	if err := s.owns(ctx, tx, f, "programs", a.TenantID, a.ProgramID, "program_id", "Choose one of your organization's programs."); err != nil {
		return err
	}
	if err := s.owns(ctx, tx, f, "places", a.TenantID, a.PlaceID, "place_id", "Choose the place from the directory."); err != nil {
		return err
	}
	return f.Err("activity")
}

// CreateActivity stores a new activity.
func (s *Store) CreateActivity(ctx context.Context, a *itinera.Activity) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkActivityRefs(ctx, tx, a); err != nil {
			return err
		}
		id, err := s.insertID(ctx, tx, `INSERT INTO activities (tenant_id, program_id, title, kind, place_id, duration_minutes, priority,
			mandatory, status, notes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			a.TenantID, a.ProgramID, a.Title, string(a.Kind), nullID(a.PlaceID), a.DurationMinutes, a.Priority, a.Mandatory, string(a.Status), a.Notes)
		if err != nil {
			return err
		}
		a.ID = id
		if err := s.setTopicsTx(ctx, tx, a.TenantID, "activity_topics", "activity_id", a.ID, a.Topics); err != nil {
			return err
		}
		return s.setWindowsTx(ctx, tx, "activity_id", a.ID, a.Windows)
	})
}

// UpdateActivity stores changes to an activity.
func (s *Store) UpdateActivity(ctx context.Context, a *itinera.Activity) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.exists(ctx, tx, "activities", "activity", a.TenantID, a.ID); err != nil {
			return err
		}
		if err := s.checkActivityRefs(ctx, tx, a); err != nil {
			return err
		}
		if err := s.execVersioned(ctx, tx, "activity", "activities", a.TenantID, a.ID, a.Version, `UPDATE activities SET version = version + 1, title = $1, kind = $2, place_id = $3, duration_minutes = $4,
			priority = $5, mandatory = $6, status = $7, notes = $8 WHERE tenant_id = $9 AND id = $10 AND program_id = $11`,
			a.Title, string(a.Kind), nullID(a.PlaceID), a.DurationMinutes, a.Priority, a.Mandatory, string(a.Status), a.Notes,
			a.TenantID, a.ID, a.ProgramID); err != nil {
			return err
		}
		if err := s.setTopicsTx(ctx, tx, a.TenantID, "activity_topics", "activity_id", a.ID, a.Topics); err != nil {
			return err
		}
		return s.setWindowsTx(ctx, tx, "activity_id", a.ID, a.Windows)
	})
}

// DeleteActivity removes an activity and its itinerary items.
func (s *Store) DeleteActivity(ctx context.Context, tenantID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.execOne(ctx, tx, "activity", `DELETE FROM activities WHERE tenant_id = $1 AND id = $2`, tenantID, id)
	})
}
