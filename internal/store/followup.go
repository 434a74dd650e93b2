package store

import (
	"context"
	"database/sql"
	"time"

	"itinera"
)

var _ itinera.FeedbackService = (*Store)(nil)

const feedbackCols = `id, tenant_id, program_id, role, person_id, name, email, organization_id, token_hash, sent_at, expires_at,
	reminded_at, answered_at, rating, host_again, comment`

func scanFeedbackLink(row interface{ Scan(...any) error }) (itinera.FeedbackLink, error) {
	var l itinera.FeedbackLink
	var role, again string
	err := row.Scan(&l.ID, &l.TenantID, &l.ProgramID, &role, &l.PersonID, &l.Name, &l.Email, idOrZero{&l.OrganizationID}, &l.TokenHash,
		dbTime{&l.SentAt}, dbTime{&l.ExpiresAt}, dbTime{&l.RemindedAt}, dbTime{&l.AnsweredAt}, &l.Rating, &again, &l.Comment)
	l.Role, l.HostAgain = itinera.FeedbackRole(role), itinera.HostAgain(again)
	return l, err
}

// FeedbackLinks lists a program's feedback links with their answers and
// meeting ratings, by role then name.
func (s *Store) FeedbackLinks(ctx context.Context, tenantID, programID int64) ([]itinera.FeedbackLink, error) {
	var out []itinera.FeedbackLink
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+feedbackCols+` FROM feedback_links WHERE tenant_id = $1 AND program_id = $2
			ORDER BY CASE role WHEN 'visitor' THEN 0 WHEN 'interpreter' THEN 1 WHEN 'resource' THEN 2 ELSE 3 END, lower(name), id`), tenantID, programID)
		if err != nil {
			return err
		}
		defer rows.Close()
		byID := map[int64]int{}
		for rows.Next() {
			l, err := scanFeedbackLink(rows)
			if err != nil {
				return err
			}
			byID[l.ID] = len(out)
			out = append(out, l)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rs, err := s.feedbackRatings(ctx, q, `r.tenant_id = $1 AND l.program_id = $2`, tenantID, programID)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if i, ok := byID[r.link]; ok {
				out[i].Meetings = append(out[i].Meetings, r.MeetingRating)
			}
		}
		return nil
	})
	return out, err
}

type linkRating struct {
	link int64
	itinera.MeetingRating
}

func (s *Store) feedbackRatings(ctx context.Context, q querier, where string, args ...any) ([]linkRating, error) {
	rows, err := q.QueryContext(ctx, s.q(`SELECT r.link_id, r.meeting_id, m.title, r.rating, r.comment FROM feedback_ratings r
		JOIN feedback_links l ON l.id = r.link_id JOIN meetings m ON m.id = r.meeting_id WHERE `+where+` ORDER BY r.link_id, r.meeting_id`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []linkRating
	for rows.Next() {
		var r linkRating
		if err := rows.Scan(&r.link, &r.MeetingID, &r.Title, &r.Rating, &r.Comment); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// FeedbackLinkByToken returns the link of a token's hash with its answer.
func (s *Store) FeedbackLinkByToken(ctx context.Context, tokenHash string) (itinera.FeedbackLink, error) {
	var l itinera.FeedbackLink
	err := s.view(ctx, func(q querier) error {
		var err error
		l, err = scanFeedbackLink(q.QueryRowContext(ctx, s.q(`SELECT `+feedbackCols+` FROM feedback_links WHERE token_hash = $1`), tokenHash))
		if err != nil {
			return scanOne(err, "feedback link")
		}
		rs, err := s.feedbackRatings(ctx, q, `r.link_id = $1`, l.ID)
		for _, r := range rs {
			l.Meetings = append(l.Meetings, r.MeetingRating)
		}
		return err
	})
	return l, err
}

// IssueFeedbackLink stores l as the person's link for the program; a link
// sent before gets the new token, sending time and expiry, and is no
// longer counted as reminded. Its answer stays.
func (s *Store) IssueFeedbackLink(ctx context.Context, l *itinera.FeedbackLink) error {
	if len(l.TokenHash) != 64 || !oneOfRole(l.Role) || l.ProgramID == 0 || l.PersonID == 0 {
		return itinera.Errorf(itinera.EINVALID, "store: a feedback link needs its program, person, role and token")
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.exists(ctx, tx, "programs", "program", l.TenantID, l.ProgramID); err != nil {
			return err
		}
		var id int64
		err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM feedback_links WHERE tenant_id = $1 AND program_id = $2 AND role = $3 AND person_id = $4`),
			l.TenantID, l.ProgramID, string(l.Role), l.PersonID).Scan(&id)
		switch {
		case err == sql.ErrNoRows:
			l.ID, err = s.insertID(ctx, tx, `INSERT INTO feedback_links (tenant_id, program_id, role, person_id, name, email, organization_id,
				token_hash, sent_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
				l.TenantID, l.ProgramID, string(l.Role), l.PersonID, l.Name, l.Email, nullID(l.OrganizationID), l.TokenHash,
				s.d.timeArg(l.SentAt), s.d.timeArg(l.ExpiresAt))
			return err
		case err != nil:
			return err
		}
		l.ID = id
		_, err = tx.ExecContext(ctx, s.q(`UPDATE feedback_links SET name = $2, email = $3, organization_id = $4, token_hash = $5, sent_at = $6,
			expires_at = $7, reminded_at = NULL WHERE id = $1`), id, l.Name, l.Email, nullID(l.OrganizationID), l.TokenHash,
			s.d.timeArg(l.SentAt), s.d.timeArg(l.ExpiresAt))
		return err
	})
}

func oneOfRole(r itinera.FeedbackRole) bool {
	for _, x := range itinera.FeedbackRoles {
		if x == r {
			return true
		}
	}
	return false
}

// DueFeedbackReminders lists the links, of every tenant, whose reminder is
// due at now: not answered, not reminded, sent at least the tenant's
// reminder delay ago (0 days: no reminders), still working.
func (s *Store) DueFeedbackReminders(ctx context.Context, now time.Time) ([]itinera.FeedbackLink, error) {
	var out []itinera.FeedbackLink
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT l.id, l.tenant_id, l.program_id, l.role, l.person_id, l.name, l.email, l.organization_id,
			l.token_hash, l.sent_at, l.expires_at, l.reminded_at, l.answered_at, l.rating, l.host_again, l.comment, t.feedback_reminder_days
			FROM feedback_links l JOIN tenants t ON t.id = l.tenant_id
			WHERE l.answered_at IS NULL AND l.reminded_at IS NULL AND t.feedback_reminder_days > 0 AND l.expires_at > $1
			ORDER BY l.sent_at, l.id`), s.d.timeArg(now))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var l itinera.FeedbackLink
			var role, again string
			var days int
			if err := rows.Scan(&l.ID, &l.TenantID, &l.ProgramID, &role, &l.PersonID, &l.Name, &l.Email, idOrZero{&l.OrganizationID}, &l.TokenHash,
				dbTime{&l.SentAt}, dbTime{&l.ExpiresAt}, dbTime{&l.RemindedAt}, dbTime{&l.AnsweredAt}, &l.Rating, &again, &l.Comment, &days); err != nil {
				return err
			}
			l.Role, l.HostAgain = itinera.FeedbackRole(role), itinera.HostAgain(again)
			if !now.Before(l.SentAt.Add(time.Duration(days) * 24 * time.Hour)) {
				out = append(out, l)
			}
		}
		return rows.Err()
	})
	return out, err
}

// ClaimFeedbackReminder records a link's reminder and its new token, once.
func (s *Store) ClaimFeedbackReminder(ctx context.Context, id int64, tokenHash string, at, expires time.Time) (bool, error) {
	claimed := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE feedback_links SET reminded_at = $2, token_hash = $3, expires_at = $4
			WHERE id = $1 AND reminded_at IS NULL AND answered_at IS NULL`), id, s.d.timeArg(at), tokenHash, s.d.timeArg(expires))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		claimed = n == 1
		return err
	})
	return claimed, err
}

// AnswerFeedback stores the answer of the link of tokenHash, replacing an
// earlier one; the link must still work.
func (s *Store) AnswerFeedback(ctx context.Context, tokenHash string, a itinera.FeedbackAnswer, at time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		l, err := scanFeedbackLink(tx.QueryRowContext(ctx, s.q(`SELECT `+feedbackCols+` FROM feedback_links WHERE token_hash = $1`+s.d.forUpdate()), tokenHash))
		if err != nil {
			return scanOne(err, "feedback link")
		}
		if !l.LinkWorks(at) {
			return itinera.Errorf(itinera.ECONFLICT, "This feedback link has expired.")
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE feedback_links SET answered_at = $2, rating = $3, host_again = $4, comment = $5 WHERE id = $1`),
			l.ID, s.d.timeArg(at), a.Rating, string(a.HostAgain), a.Comment); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM feedback_ratings WHERE link_id = $1`), l.ID); err != nil {
			return err
		}
		for _, m := range a.Meetings {
			var n int
			if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM meetings WHERE tenant_id = $1 AND program_id = $2 AND id = $3`),
				l.TenantID, l.ProgramID, m.MeetingID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return itinera.FieldErrors{"meetings": "Rate only the meetings of your program."}.Err("feedback")
			}
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO feedback_ratings (tenant_id, link_id, meeting_id, rating, comment) VALUES ($1, $2, $3, $4, $5)`),
				l.TenantID, l.ID, m.MeetingID, m.Rating, m.Comment); err != nil {
				return err
			}
		}
		return nil
	})
}

// idList stores a list of ids as JSON text.
func idList(ids []int64) string { return encodeList(ids) }

// idListScanner scans a JSON list of ids.
type idListScanner struct{ p *[]int64 }

func (l idListScanner) Scan(v any) error { return scanList(v, l.p, "list of ids") }

const collabCols = `id, version, tenant_id, program_id, kind, status, title, description, visitor_ids, organization_ids, countries,
	started_on, evidence_url, recorded_by, feedback_link_id, followup_link_id, created_at, updated_at`

func scanCollaboration(row interface{ Scan(...any) error }) (itinera.Collaboration, error) {
	var c itinera.Collaboration
	var kind, status, started string
	err := row.Scan(&c.ID, &c.Version, &c.TenantID, &c.ProgramID, &kind, &status, &c.Title, &c.Description, idListScanner{&c.VisitorIDs},
		idListScanner{&c.OrganizationIDs}, listScanner{&c.Countries}, &started, &c.EvidenceURL, &c.RecordedBy,
		idOrZero{&c.FeedbackLinkID}, idOrZero{&c.FollowUpLinkID}, dbTime{&c.CreatedAt}, dbTime{&c.UpdatedAt})
	if err != nil {
		return c, err
	}
	c.Kind, c.Status = itinera.CollaborationKind(kind), itinera.CollaborationStatus(status)
	if started != "" {
		c.StartedOn, err = itinera.ParseDate(started)
	}
	return c, err
}

// Collaborations lists a program's collaborations (programID 0: all the
// tenant's), newest first.
func (s *Store) Collaborations(ctx context.Context, tenantID, programID int64) ([]itinera.Collaboration, error) {
	out := []itinera.Collaboration{}
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+collabCols+` FROM collaborations WHERE tenant_id = $1 AND ($2 = 0 OR program_id = $2)
			ORDER BY created_at DESC, id DESC`), tenantID, programID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanCollaboration(rows)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// Collaboration returns one collaboration of the tenant.
func (s *Store) Collaboration(ctx context.Context, tenantID, id int64) (itinera.Collaboration, error) {
	c, err := scanCollaboration(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+collabCols+` FROM collaborations WHERE tenant_id = $1 AND id = $2`), tenantID, id))
	return c, s.d.normalize(scanOne(err, "collaboration"))
}

// checkCollaborationRefs checks that the program, visitors and
// organizations named are the tenant's (the visitors the program's).
func (s *Store) checkCollaborationRefs(ctx context.Context, tx *sql.Tx, c *itinera.Collaboration) error {
	f := itinera.FieldErrors{}
	if err := s.owns(ctx, tx, f, "programs", c.TenantID, c.ProgramID, "program_id", "Choose one of your organization's programs."); err != nil {
		return err
	}
	for _, v := range c.VisitorIDs {
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM visitors WHERE tenant_id = $1 AND program_id = $2 AND id = $3`),
			c.TenantID, c.ProgramID, v).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			f.Add("visitor_ids", "Choose visitors of the program.")
			break
		}
	}
	for _, o := range c.OrganizationIDs {
		if err := s.owns(ctx, tx, f, "organizations", c.TenantID, o, "organization_ids", "Choose organizations of your directory."); err != nil {
			return err
		}
	}
	return f.Err("collaboration")
}

// CreateCollaboration stores a new collaboration.
func (s *Store) CreateCollaboration(ctx context.Context, c *itinera.Collaboration) error {
	if err := c.Validate(); err != nil {
		return err
	}
	now := s.now().UTC()
	c.CreatedAt, c.UpdatedAt, c.Version = now, now, 1
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkCollaborationRefs(ctx, tx, c); err != nil {
			return err
		}
		id, err := s.insertID(ctx, tx, `INSERT INTO collaborations (tenant_id, program_id, kind, status, title, description, visitor_ids,
			organization_ids, countries, started_on, evidence_url, recorded_by, created_at, updated_at, feedback_link_id, followup_link_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
			c.TenantID, c.ProgramID, string(c.Kind), string(c.Status), c.Title, c.Description, idList(c.VisitorIDs), idList(c.OrganizationIDs),
			jsonList(c.Countries), c.StartedOn.String(), c.EvidenceURL, c.RecordedBy, s.d.timeArg(now), s.d.timeArg(now),
			nullID(c.FeedbackLinkID), nullID(c.FollowUpLinkID))
		c.ID = id
		return err
	})
}

// UpdateCollaboration stores c if c.Version is current (0: any); the
// version rises.
func (s *Store) UpdateCollaboration(ctx context.Context, c *itinera.Collaboration) error {
	if err := c.Validate(); err != nil {
		return err
	}
	now := s.now().UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.exists(ctx, tx, "collaborations", "collaboration", c.TenantID, c.ID); err != nil {
			return err
		}
		if err := s.checkCollaborationRefs(ctx, tx, c); err != nil {
			return err
		}
		if err := s.execVersioned(ctx, tx, "collaboration", "collaborations", c.TenantID, c.ID, c.Version,
			`UPDATE collaborations SET version = version + 1, program_id = $3, kind = $4, status = $5, title = $6, description = $7,
			visitor_ids = $8, organization_ids = $9, countries = $10, started_on = $11, evidence_url = $12, updated_at = $13
			WHERE tenant_id = $1 AND id = $2`, c.TenantID, c.ID, c.ProgramID, string(c.Kind), string(c.Status), c.Title, c.Description,
			idList(c.VisitorIDs), idList(c.OrganizationIDs), jsonList(c.Countries), c.StartedOn.String(), c.EvidenceURL, s.d.timeArg(now)); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, s.q(`SELECT version FROM collaborations WHERE id = $1`), c.ID).Scan(&c.Version)
	})
}

// DeleteCollaboration removes a collaboration of the tenant.
func (s *Store) DeleteCollaboration(ctx context.Context, tenantID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.execOne(ctx, tx, "collaboration", `DELETE FROM collaborations WHERE tenant_id = $1 AND id = $2`, tenantID, id)
	})
}

const thankYouCols = `id, tenant_id, program_id, role, person_id, name, email, subject, body, created_at, sent_at`

func scanThankYou(row interface{ Scan(...any) error }) (itinera.ThankYou, error) {
	var t itinera.ThankYou
	var role string
	err := row.Scan(&t.ID, &t.TenantID, &t.ProgramID, &role, &t.PersonID, &t.Name, &t.Email, &t.Subject, &t.Body,
		dbTime{&t.CreatedAt}, dbTime{&t.SentAt})
	t.Role = itinera.FeedbackRole(role)
	return t, err
}

// ThankYous lists a program's thank-you letters, resources first, by name.
func (s *Store) ThankYous(ctx context.Context, tenantID, programID int64) ([]itinera.ThankYou, error) {
	out := []itinera.ThankYou{}
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+thankYouCols+` FROM thank_you_drafts WHERE tenant_id = $1 AND program_id = $2
			ORDER BY CASE role WHEN 'resource' THEN 0 ELSE 1 END, lower(name), id`), tenantID, programID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			t, err := scanThankYou(rows)
			if err != nil {
				return err
			}
			out = append(out, t)
		}
		return rows.Err()
	})
	return out, err
}

// ThankYou returns one thank-you letter of the tenant.
func (s *Store) ThankYou(ctx context.Context, tenantID, id int64) (itinera.ThankYou, error) {
	t, err := scanThankYou(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+thankYouCols+` FROM thank_you_drafts WHERE tenant_id = $1 AND id = $2`), tenantID, id))
	return t, s.d.normalize(scanOne(err, "thank-you letter"))
}

// ThankYouTemplate returns the tenant's template as last used.
func (s *Store) ThankYouTemplate(ctx context.Context, tenantID int64) (itinera.ThankYouTemplate, error) {
	var t itinera.ThankYouTemplate
	err := s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT thank_you_subject, thank_you_body FROM tenants WHERE id = $1`), tenantID).Scan(&t.Subject, &t.Body)
	return t, s.d.normalize(scanOne(err, "organization"))
}

// SetThankYouTemplate keeps the tenant's template.
func (s *Store) SetThankYouTemplate(ctx context.Context, tenantID int64, t itinera.ThankYouTemplate) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.execOne(ctx, tx, "organization", `UPDATE tenants SET thank_you_subject = $2, thank_you_body = $3 WHERE id = $1`,
			tenantID, t.Subject, t.Body)
	})
}

// DraftThankYou stores the person's draft, replacing an unsent one.
func (s *Store) DraftThankYou(ctx context.Context, t *itinera.ThankYou) (bool, error) {
	if err := t.Validate(); err != nil {
		return false, err
	}
	if t.Role != itinera.FeedbackResource && t.Role != itinera.FeedbackHousehold || t.PersonID == 0 {
		return false, itinera.Errorf(itinera.EINVALID, "store: a thank-you letter goes to a resource or a household")
	}
	t.CreatedAt = s.now().UTC()
	stored := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.exists(ctx, tx, "programs", "program", t.TenantID, t.ProgramID); err != nil {
			return err
		}
		old, err := scanThankYou(tx.QueryRowContext(ctx, s.q(`SELECT `+thankYouCols+` FROM thank_you_drafts WHERE tenant_id = $1 AND program_id = $2
			AND role = $3 AND person_id = $4`), t.TenantID, t.ProgramID, string(t.Role), t.PersonID))
		switch {
		case err == sql.ErrNoRows:
			t.ID, err = s.insertID(ctx, tx, `INSERT INTO thank_you_drafts (tenant_id, program_id, role, person_id, name, email, subject, body, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, t.TenantID, t.ProgramID, string(t.Role), t.PersonID, t.Name, t.Email,
				t.Subject, t.Body, s.d.timeArg(t.CreatedAt))
			stored = err == nil
			return err
		case err != nil:
			return err
		case old.Sent():
			*t = old
			return nil
		}
		t.ID, stored = old.ID, true
		_, err = tx.ExecContext(ctx, s.q(`UPDATE thank_you_drafts SET name = $2, email = $3, subject = $4, body = $5, created_at = $6 WHERE id = $1`),
			old.ID, t.Name, t.Email, t.Subject, t.Body, s.d.timeArg(t.CreatedAt))
		return err
	})
	return stored, err
}

// UpdateThankYou stores a draft's subject and text.
func (s *Store) UpdateThankYou(ctx context.Context, t *itinera.ThankYou) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		old, err := scanThankYou(tx.QueryRowContext(ctx, s.q(`SELECT `+thankYouCols+` FROM thank_you_drafts WHERE tenant_id = $1 AND id = $2`+s.d.forUpdate()),
			t.TenantID, t.ID))
		if err != nil {
			return scanOne(err, "thank-you letter")
		}
		if old.Sent() {
			return itinera.Errorf(itinera.ECONFLICT, "The letter to %s was sent; it can no longer change.", old.Name)
		}
		if err := t.Validate(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q(`UPDATE thank_you_drafts SET subject = $2, body = $3 WHERE id = $1`), t.ID, t.Subject, t.Body)
		return err
	})
}

// MarkThankYouSent records that a draft went out, once.
func (s *Store) MarkThankYouSent(ctx context.Context, tenantID, id int64, at time.Time) (bool, error) {
	marked := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE thank_you_drafts SET sent_at = $3 WHERE tenant_id = $1 AND id = $2 AND sent_at IS NULL`),
			tenantID, id, s.d.timeArg(at))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err == nil && n == 0 {
			if _, err := scanThankYou(tx.QueryRowContext(ctx, s.q(`SELECT `+thankYouCols+` FROM thank_you_drafts WHERE tenant_id = $1 AND id = $2`),
				tenantID, id)); err != nil {
				return scanOne(err, "thank-you letter")
			}
		}
		marked = n == 1
		return err
	})
	return marked, err
}
