package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"itinera"
)

// Follow-up links: months after a program, a personal link to each
// visitor and resource to record what followed (migration 0021).

const followUpCols = `id, tenant_id, program_id, role, person_id, name, email, organization_id, months, token_hash, sent_at, expires_at,
	answered_at, answer`

func scanFollowUpLink(row interface{ Scan(...any) error }) (itinera.FollowUpLink, error) {
	var l itinera.FollowUpLink
	var role, answer string
	err := row.Scan(&l.ID, &l.TenantID, &l.ProgramID, &role, &l.PersonID, &l.Name, &l.Email, idOrZero{&l.OrganizationID}, &l.Months,
		&l.TokenHash, dbTime{&l.SentAt}, dbTime{&l.ExpiresAt}, dbTime{&l.AnsweredAt}, &answer)
	l.Role, l.Answer = itinera.FeedbackRole(role), itinera.FollowUpAnswer(answer)
	return l, err
}

// followUpMonthsColumn writes a schedule as the tenants table keeps it.
func followUpMonthsColumn(months []int) string {
	parts := make([]string, len(months))
	for i, m := range months {
		parts[i] = strconv.Itoa(m)
	}
	return strings.Join(parts, ",")
}

// parseFollowUpMonthsColumn reads the column back; it holds only what
// followUpMonthsColumn wrote.
func parseFollowUpMonthsColumn(s string) []int {
	out := []int{}
	for _, p := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(p)); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// FollowUpPrograms lists the programs, of every tenant, not cancelled,
// whose last day falls from … to, with their tenant's schedule.
func (s *Store) FollowUpPrograms(ctx context.Context, from, to itinera.Date) ([]itinera.FollowUpProgram, error) {
	type ref struct {
		tenant, id int64
		months     string
	}
	var refs []ref
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT p.tenant_id, p.id, t.follow_up_months FROM programs p JOIN tenants t ON t.id = p.tenant_id
			WHERE p.end_date >= $1 AND p.end_date <= $2 AND p.status <> 'cancelled' AND t.follow_up_months <> ''
			ORDER BY p.end_date, p.id`), from.String(), to.String())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r ref
			if err := rows.Scan(&r.tenant, &r.id, &r.months); err != nil {
				return err
			}
			refs = append(refs, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	out := make([]itinera.FollowUpProgram, 0, len(refs))
	for _, r := range refs {
		p, err := s.Program(ctx, r.tenant, r.id)
		if err != nil {
			return nil, err
		}
		out = append(out, itinera.FollowUpProgram{Program: p, Schedule: parseFollowUpMonthsColumn(r.months)})
	}
	return out, nil
}

// FollowUpLinks lists a program's follow-up links (programID 0: the
// tenant's), by months, role and name.
func (s *Store) FollowUpLinks(ctx context.Context, tenantID, programID int64) ([]itinera.FollowUpLink, error) {
	out := []itinera.FollowUpLink{}
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+followUpCols+` FROM followup_links WHERE tenant_id = $1 AND ($2 = 0 OR program_id = $2)
			ORDER BY program_id, months, CASE role WHEN 'visitor' THEN 0 ELSE 1 END, lower(name), id`), tenantID, programID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			l, err := scanFollowUpLink(rows)
			if err != nil {
				return err
			}
			out = append(out, l)
		}
		return rows.Err()
	})
	return out, err
}

// FollowUpLinkByToken returns the link of a token's hash.
func (s *Store) FollowUpLinkByToken(ctx context.Context, tokenHash string) (itinera.FollowUpLink, error) {
	l, err := scanFollowUpLink(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+followUpCols+` FROM followup_links WHERE token_hash = $1`), tokenHash))
	return l, s.d.normalize(scanOne(err, "follow-up link"))
}

// ClaimFollowUpLink inserts l unless its person has a link for the
// program and month already (the unique key decides, even between two
// servers): false then.
func (s *Store) ClaimFollowUpLink(ctx context.Context, l *itinera.FollowUpLink) (bool, error) {
	if len(l.TokenHash) != 64 || (l.Role != itinera.FeedbackVisitor && l.Role != itinera.FeedbackResource) || l.ProgramID == 0 || l.PersonID == 0 ||
		l.Months < 1 || l.Months > itinera.MaxFollowUpMonths {
		return false, itinera.Errorf(itinera.EINVALID, "store: a follow-up link needs its program, person, role, month and token")
	}
	claimed := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.exists(ctx, tx, "programs", "program", l.TenantID, l.ProgramID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, s.q(`INSERT INTO followup_links (tenant_id, program_id, role, person_id, name, email, organization_id, months,
			token_hash, sent_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
			ON CONFLICT (program_id, role, person_id, months) DO NOTHING`),
			l.TenantID, l.ProgramID, string(l.Role), l.PersonID, l.Name, l.Email, nullID(l.OrganizationID), l.Months, l.TokenHash,
			s.d.timeArg(l.SentAt), s.d.timeArg(l.ExpiresAt))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil || n == 0 {
			return err
		}
		claimed = true
		return tx.QueryRowContext(ctx, s.q(`SELECT id FROM followup_links WHERE token_hash = $1`), l.TokenHash).Scan(&l.ID)
	})
	return claimed, err
}

// AnswerFollowUp records the answer of a working link: "nothing yet" does
// not undo a collaboration recorded through it before.
func (s *Store) AnswerFollowUp(ctx context.Context, tokenHash string, a itinera.FollowUpAnswer, at time.Time) error {
	if a != itinera.FollowUpNothingYet && a != itinera.FollowUpCollaboration {
		return itinera.Errorf(itinera.EINVALID, "store: a follow-up answer is %q or %q", itinera.FollowUpNothingYet, itinera.FollowUpCollaboration)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		l, err := scanFollowUpLink(tx.QueryRowContext(ctx, s.q(`SELECT `+followUpCols+` FROM followup_links WHERE token_hash = $1`+s.d.forUpdate()), tokenHash))
		if err != nil {
			return scanOne(err, "follow-up link")
		}
		if !l.LinkWorks(at) {
			return itinera.Errorf(itinera.ECONFLICT, "This follow-up link has expired.")
		}
		if l.Answer == itinera.FollowUpCollaboration {
			a = itinera.FollowUpCollaboration
		}
		_, err = tx.ExecContext(ctx, s.q(`UPDATE followup_links SET answered_at = $2, answer = $3 WHERE id = $1`), l.ID, s.d.timeArg(at), string(a))
		return err
	})
}
