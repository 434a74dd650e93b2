package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"itinera"
)

var _ itinera.PeopleService = (*Store)(nil)

// checkProgram reports a field error unless the program is the tenant's.
func (s *Store) checkProgram(ctx context.Context, tx *sql.Tx, tenantID, programID int64, what string) error {
	f := itinera.FieldErrors{}
	if err := s.owns(ctx, tx, f, "programs", tenantID, programID, "program_id", "Choose one of your organization's programs."); err != nil {
		return err
	}
	return f.Err(what)
}

const visitorCols = `v.id, v.tenant_id, v.version, v.program_id, v.given_name, v.family_name, v.country, v.position, v.organization, v.email,
	v.languages, v.diets, v.allergies, v.access_needs, v.fictional, v.sector`

func scanVisitor(row interface{ Scan(...any) error }) (itinera.Visitor, error) {
	var v itinera.Visitor
	err := row.Scan(&v.ID, &v.TenantID, &v.Version, &v.ProgramID, &v.GivenName, &v.FamilyName, &v.Country, &v.Position, &v.Organization, &v.Email,
		listScanner{&v.Languages}, listScanner{&v.Diets}, listScanner{&v.Allergies}, &v.AccessNeeds, &v.Fictional, &v.Sector)
	v.Interests = []string{}
	return v, err
}

const interestsQuery = `SELECT vi.visitor_id, t.name FROM visitor_interests vi JOIN topics t ON t.id = vi.topic_id
	JOIN visitors v ON v.id = vi.visitor_id WHERE v.program_id = $1 ORDER BY vi.visitor_id, vi.position`

// Visitors lists a program's visitors by family name.
func (s *Store) Visitors(ctx context.Context, tenantID, programID int64) ([]itinera.Visitor, error) {
	var out []itinera.Visitor
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+visitorCols+` FROM visitors v WHERE v.tenant_id = $1 AND v.program_id = $2
			ORDER BY lower(v.family_name), lower(v.given_name), v.id`), tenantID, programID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			v, err := scanVisitor(rows)
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		interests, err := s.namesBy(ctx, q, interestsQuery, programID)
		for i := range out {
			if in := interests[out[i].ID]; in != nil {
				out[i].Interests = in
			}
		}
		return err
	})
	return out, err
}

// VisitorPage is the page of up to limit visitors after the visitor after,
// in Visitors' order, read by keyset (the order's key compared in SQL, so a
// page costs the same wherever it is), and the program's count.
func (s *Store) VisitorPage(ctx context.Context, tenantID, programID, after int64, limit int) ([]itinera.Visitor, int, error) {
	if limit <= 0 {
		limit = 200
	}
	var out []itinera.Visitor
	var total int
	err := s.view(ctx, func(q querier) error {
		if err := q.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM visitors WHERE tenant_id = $1 AND program_id = $2`),
			tenantID, programID).Scan(&total); err != nil {
			return err
		}
		var fam, given string
		if after != 0 {
			err := q.QueryRowContext(ctx, s.q(`SELECT lower(family_name), lower(given_name) FROM visitors
				WHERE tenant_id = $1 AND program_id = $2 AND id = $3`), tenantID, programID, after).Scan(&fam, &given)
			if errors.Is(err, sql.ErrNoRows) {
				after = 0
			} else if err != nil {
				return err
			}
		}
		query, args := `SELECT `+visitorCols+` FROM visitors v WHERE v.tenant_id = $1 AND v.program_id = $2`, []any{tenantID, programID}
		if after != 0 {
			query += ` AND (lower(v.family_name) > $4 OR (lower(v.family_name) = $4 AND (lower(v.given_name) > $5
				OR (lower(v.given_name) = $5 AND v.id > $6))))`
			args = append(args, limit, fam, given, after)
		} else {
			args = append(args, limit)
		}
		rows, err := q.QueryContext(ctx, s.q(query+` ORDER BY lower(v.family_name), lower(v.given_name), v.id LIMIT $3`), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			v, err := scanVisitor(rows)
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		if len(out) == 0 {
			return nil
		}
		ids := make([]any, 0, len(out)+1)
		ph := make([]string, 0, len(out))
		ids = append(ids, programID)
		for i, v := range out {
			ids = append(ids, v.ID)
			ph = append(ph, "$"+strconv.Itoa(i+2))
		}
		interests, err := s.namesBy(ctx, q, `SELECT vi.visitor_id, t.name FROM visitor_interests vi JOIN topics t ON t.id = vi.topic_id
			JOIN visitors v ON v.id = vi.visitor_id WHERE v.program_id = $1 AND vi.visitor_id IN (`+strings.Join(ph, ", ")+`)
			ORDER BY vi.visitor_id, vi.position`, ids...)
		for i := range out {
			if in := interests[out[i].ID]; in != nil {
				out[i].Interests = in
			}
		}
		return err
	})
	return out, total, err
}

// Visitor returns one visitor of the tenant.
func (s *Store) Visitor(ctx context.Context, tenantID, id int64) (itinera.Visitor, error) {
	var v itinera.Visitor
	err := s.view(ctx, func(q querier) error {
		var err error
		v, err = scanVisitor(q.QueryRowContext(ctx, s.q(`SELECT `+visitorCols+` FROM visitors v WHERE v.tenant_id = $1 AND v.id = $2`), tenantID, id))
		if err := scanOne(err, "visitor"); err != nil {
			return err
		}
		in, err := s.namesBy(ctx, q, `SELECT vi.visitor_id, t.name FROM visitor_interests vi JOIN topics t ON t.id = vi.topic_id
			WHERE vi.visitor_id = $1 ORDER BY vi.position`, id)
		if in[id] != nil {
			v.Interests = in[id]
		}
		return err
	})
	return v, err
}

// CreateVisitor stores a new visitor of a program.
func (s *Store) CreateVisitor(ctx context.Context, v *itinera.Visitor) error {
	if err := v.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		// Locking the program's row also finds it: one statement less for
		// each of an import's rows.
		if err := s.lockRow(ctx, tx, "program", "programs", v.TenantID, v.ProgramID); itinera.ErrorCode(err) == itinera.ENOTFOUND {
			return itinera.FieldErrors{"program_id": "Choose one of your organization's programs."}.Err("visitor")
		} else if err != nil {
			return err
		}
		if err := s.visitorEmailTakenTx(ctx, tx, v); err != nil {
			return err
		}
		id, err := s.insertID(ctx, tx, `INSERT INTO visitors (tenant_id, program_id, given_name, family_name, country, position, organization,
			email, languages, diets, allergies, access_needs, fictional, sector) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
			v.TenantID, v.ProgramID, v.GivenName, v.FamilyName, v.Country, v.Position, v.Organization, v.Email,
			jsonList(v.Languages), jsonList(v.Diets), jsonList(v.Allergies), v.AccessNeeds, v.Fictional, v.Sector)
		if err != nil {
			return err
		}
		v.ID = id
		return s.withIndex(ctx, tx, s.linkTopicsTx(ctx, tx, v.TenantID, "visitor_interests", "visitor_id", v.ID, v.Interests),
			itinera.SearchVisitor, v.TenantID, v.ID)
	})
}

// UpdateVisitor stores changes to a visitor; the program does not change.
func (s *Store) UpdateVisitor(ctx context.Context, v *itinera.Visitor) error {
	if err := v.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkVisitorEmailTx(ctx, tx, v); err != nil {
			return err
		}
		if err := s.execVersioned(ctx, tx, "visitor", "visitors", v.TenantID, v.ID, v.Version, `UPDATE visitors SET version = version + 1, given_name = $1, family_name = $2, country = $3, position = $4,
			organization = $5, email = $6, languages = $7, diets = $8, allergies = $9, access_needs = $10, fictional = $11, sector = $15
			WHERE tenant_id = $12 AND id = $13 AND program_id = $14`,
			v.GivenName, v.FamilyName, v.Country, v.Position, v.Organization, v.Email, jsonList(v.Languages), jsonList(v.Diets),
			jsonList(v.Allergies), v.AccessNeeds, v.Fictional, v.TenantID, v.ID, v.ProgramID, v.Sector); err != nil {
			return err
		}
		return s.withIndex(ctx, tx, s.setTopicsTx(ctx, tx, v.TenantID, "visitor_interests", "visitor_id", v.ID, v.Interests),
			itinera.SearchVisitor, v.TenantID, v.ID)
	})
}

// checkVisitorEmailTx refuses an e-mail address that another visitor of
// the same program has (compared without case; many visitors may have
// none), as a field error on "email".
//
// The rule is checked here, in the write transaction, rather than by a
// unique index: a database that already holds two visitors of one program
// with one address would make CREATE UNIQUE INDEX fail, and removing the
// duplicates in a migration would change or drop what officers typed.
// Existing duplicates stay until an officer edits one of them. Locking
// the program's row first makes concurrent writes to one program's
// visitors take turns on PostgreSQL, so two of them cannot both pass the
// check; SQLite has a single writer anyway.
func (s *Store) checkVisitorEmailTx(ctx context.Context, tx *sql.Tx, v *itinera.Visitor) error {
	if v.Email == "" {
		return nil
	}
	if err := s.lockRow(ctx, tx, "visitor", "programs", v.TenantID, v.ProgramID); err != nil {
		return err
	}
	return s.visitorEmailTakenTx(ctx, tx, v)
}

// visitorEmailTakenTx is checkVisitorEmailTx with the program's row locked.
func (s *Store) visitorEmailTakenTx(ctx context.Context, tx *sql.Tx, v *itinera.Visitor) error {
	if v.Email == "" {
		return nil
	}
	var given, family string
	err := tx.QueryRowContext(ctx, s.q(`SELECT given_name, family_name FROM visitors
		WHERE tenant_id = $1 AND program_id = $2 AND lower(email) = $3 AND id <> $4 ORDER BY id LIMIT 1`),
		s.d.planEachTime(v.TenantID, v.ProgramID, strings.ToLower(v.Email), v.ID)...).Scan(&given, &family)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	other := itinera.Visitor{GivenName: given, FamilyName: family}
	f := itinera.FieldErrors{}
	f.Add("email", fmt.Sprintf("%s, another visitor of this program, has this e-mail address. Each visitor needs their own.", other.Name()))
	return f.Err("visitor")
}

// DeleteVisitor removes a visitor.
func (s *Store) DeleteVisitor(ctx context.Context, tenantID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.withIndex(ctx, tx, s.execOne(ctx, tx, "visitor", `DELETE FROM visitors WHERE tenant_id = $1 AND id = $2`, tenantID, id),
			itinera.SearchVisitor, tenantID, id)
	})
}

const interpreterCols = `i.id, i.tenant_id, i.version, i.program_id, i.name, i.email, i.phone, i.languages`

func scanInterpreter(row interface{ Scan(...any) error }) (itinera.Interpreter, error) {
	var i itinera.Interpreter
	err := row.Scan(&i.ID, &i.TenantID, &i.Version, &i.ProgramID, &i.Name, &i.Email, &i.Phone, listScanner{&i.Languages})
	return i, err
}

// Interpreters lists a program's interpreters by name.
func (s *Store) Interpreters(ctx context.Context, tenantID, programID int64) ([]itinera.Interpreter, error) {
	var out []itinera.Interpreter
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+interpreterCols+` FROM interpreters i WHERE i.tenant_id = $1 AND i.program_id = $2
			ORDER BY lower(i.name), i.id`), tenantID, programID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			i, err := scanInterpreter(rows)
			if err != nil {
				return err
			}
			out = append(out, i)
		}
		return rows.Err()
	})
	return out, err
}

// Interpreter returns one interpreter of the tenant.
func (s *Store) Interpreter(ctx context.Context, tenantID, id int64) (itinera.Interpreter, error) {
	i, err := scanInterpreter(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+interpreterCols+` FROM interpreters i WHERE i.tenant_id = $1 AND i.id = $2`), tenantID, id))
	return i, s.d.normalize(scanOne(err, "interpreter"))
}

// CreateInterpreter stores a new interpreter of a program.
func (s *Store) CreateInterpreter(ctx context.Context, i *itinera.Interpreter) error {
	if err := i.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkProgram(ctx, tx, i.TenantID, i.ProgramID, "interpreter"); err != nil {
			return err
		}
		id, err := s.insertID(ctx, tx, `INSERT INTO interpreters (tenant_id, program_id, name, email, phone, languages)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, i.TenantID, i.ProgramID, i.Name, i.Email, i.Phone, jsonList(i.Languages))
		i.ID = id
		return s.withIndex(ctx, tx, err, itinera.SearchInterpreter, i.TenantID, i.ID)
	})
}

// UpdateInterpreter stores changes to an interpreter.
func (s *Store) UpdateInterpreter(ctx context.Context, i *itinera.Interpreter) error {
	if err := i.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.withIndex(ctx, tx, s.execVersioned(ctx, tx, "interpreter", "interpreters", i.TenantID, i.ID, i.Version, `UPDATE interpreters SET version = version + 1, name = $1, email = $2, phone = $3, languages = $4
			WHERE tenant_id = $5 AND id = $6 AND program_id = $7`, i.Name, i.Email, i.Phone, jsonList(i.Languages), i.TenantID, i.ID, i.ProgramID),
			itinera.SearchInterpreter, i.TenantID, i.ID)
	})
}

// DeleteInterpreter removes an interpreter.
func (s *Store) DeleteInterpreter(ctx context.Context, tenantID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.withIndex(ctx, tx, s.execOne(ctx, tx, "interpreter", `DELETE FROM interpreters WHERE tenant_id = $1 AND id = $2`, tenantID, id),
			itinera.SearchInterpreter, tenantID, id)
	})
}
