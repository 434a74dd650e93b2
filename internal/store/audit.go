package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"itinera"
)

// maxAuditEntries bounds one read of the audit log.
const maxAuditEntries = 5000

// RecordChange implements itinera.AuditService: it writes e, in the
// transaction of ctx, at the store's clock.
func (s *Store) RecordChange(ctx context.Context, e *itinera.AuditEntry) error {
	if e.TenantID == 0 || e.Kind == "" || e.Action == "" || e.Actor == "" {
		return fmt.Errorf("audit: an entry needs a tenant, a kind, an action and an actor (%+v)", e)
	}
	before, err := json.Marshal(nonNil(e.Before))
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	after, err := json.Marshal(nonNil(e.After))
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	e.At = s.now().UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		id, err := s.insertID(ctx, tx, `INSERT INTO audit_log (tenant_id, at, user_id, actor, kind, record_id, program_id, action, label,
			old_values, new_values) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			e.TenantID, s.d.timeArg(e.At), nullID(e.UserID), e.Actor, e.Kind, e.RecordID, nullID(e.ProgramID), e.Action, e.Label,
			string(before), string(after))
		e.ID = id
		return err
	})
}

// LatestChange implements itinera.AuditReader: one entry of index
// audit_log_tenant, read on every cached page and feed.
func (s *Store) LatestChange(ctx context.Context, tenantID int64) (int64, time.Time, error) {
	key, now := fmt.Sprintf("latest:%d", tenantID), s.now()
	if v, ok := s.recall(ctx, key, now); ok {
		c := v.(change)
		return c.id, c.at, nil
	}
	gen, keep := s.mark(ctx)
	id, at, err := s.readLatestChange(ctx, tenantID)
	if err == nil && keep {
		s.keep(key, gen, now, change{id, at})
	}
	return id, at, err
}

type change struct {
	id int64
	at time.Time
}

func (s *Store) readLatestChange(ctx context.Context, tenantID int64) (int64, time.Time, error) {
	var id int64
	var at time.Time
	err := s.view(ctx, func(q querier) error {
		err := q.QueryRowContext(ctx, s.q(`SELECT id, at FROM audit_log WHERE tenant_id = $1 ORDER BY id DESC LIMIT 1`), tenantID).Scan(&id, dbTime{&at})
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return id, at, err
}

func nonNil(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// AuditLog implements itinera.AuditReader: the tenant's entries matching
// f, newest first.
func (s *Store) AuditLog(ctx context.Context, tenantID int64, f itinera.AuditFilter) ([]itinera.AuditEntry, error) {
	where := []string{"tenant_id = $1"}
	args := []any{tenantID}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.UserID != 0 {
		add("user_id = $%d", f.UserID)
	}
	if f.Kind != "" {
		add("kind = $%d", f.Kind)
	}
	if f.RecordID != 0 {
		add("record_id = $%d", f.RecordID)
	}
	if f.ProgramID != 0 {
		add("program_id = $%d", f.ProgramID)
	}
	if !f.From.IsZero() {
		add("at >= $%d", s.d.timeArg(f.From))
	}
	if !f.To.IsZero() {
		add("at < $%d", s.d.timeArg(f.To))
	}
	limit := f.Limit
	if limit <= 0 || limit > maxAuditEntries {
		limit = maxAuditEntries
	}
	var out []itinera.AuditEntry
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT id, tenant_id, at, COALESCE(user_id, 0), actor, kind, record_id, COALESCE(program_id, 0),
			action, label, old_values, new_values FROM audit_log WHERE `+strings.Join(where, " AND ")+` ORDER BY id DESC LIMIT `+fmt.Sprint(limit)), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e itinera.AuditEntry
			var before, after string
			if err := rows.Scan(&e.ID, &e.TenantID, dbTime{&e.At}, &e.UserID, &e.Actor, &e.Kind, &e.RecordID, &e.ProgramID,
				&e.Action, &e.Label, &before, &after); err != nil {
				return err
			}
			if err := json.Unmarshal([]byte(before), &e.Before); err != nil {
				return fmt.Errorf("audit entry %d: %w", e.ID, err)
			}
			if err := json.Unmarshal([]byte(after), &e.After); err != nil {
				return fmt.Errorf("audit entry %d: %w", e.ID, err)
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	return out, err
}
