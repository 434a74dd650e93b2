package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"itinera"
)

// topicIDsTx returns the ids of the named topics of the tenant, creating
// the ones that do not exist yet, in the order of names. Inside a
// workflow's transaction the ids are remembered until it ends (topics are
// never deleted), so that an import of ten thousand visitors with the same
// interests asks for each topic once.
func (s *Store) topicIDsTx(ctx context.Context, tx *sql.Tx, tenantID int64, names []string) ([]int64, error) {
	var known map[string]int64
	if a, ok := ctx.Value(txKey{}).(*activeTx); ok && a.store == s && a.tx == tx {
		if a.topics == nil {
			a.topics = map[string]int64{}
		}
		known = a.topics
	}
	ids := make([]int64, 0, len(names))
	for _, n := range names {
		key := strings.ToLower(n)
		cacheKey := strconv.FormatInt(tenantID, 10) + "\x00" + key
		if id, ok := known[cacheKey]; ok {
			ids = append(ids, id)
			continue
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO topics (tenant_id, name, name_key) VALUES ($1, $2, $3)
			ON CONFLICT (tenant_id, name_key) DO NOTHING`), tenantID, n, key); err != nil {
			return nil, err
		}
		var id int64
		if err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM topics WHERE tenant_id = $1 AND name_key = $2`), tenantID, key).Scan(&id); err != nil {
			return nil, err
		}
		if known != nil {
			known[cacheKey] = id
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// setTopicsTx replaces the topic links of one record in a link table whose
// columns are (ownerCol, topic_id, position).
func (s *Store) setTopicsTx(ctx context.Context, tx *sql.Tx, tenantID int64, table, ownerCol string, ownerID int64, names []string) error {
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM `+table+` WHERE `+ownerCol+` = $1`), ownerID); err != nil {
		return err
	}
	return s.linkTopicsTx(ctx, tx, tenantID, table, ownerCol, ownerID, names)
}

// linkTopicsTx links a new record to its topics, in one statement.
func (s *Store) linkTopicsTx(ctx context.Context, tx *sql.Tx, tenantID int64, table, ownerCol string, ownerID int64, names []string) error {
	ids, err := s.topicIDsTx(ctx, tx, tenantID, names)
	if err != nil || len(ids) == 0 {
		return err
	}
	var b strings.Builder
	args := make([]any, 0, 3*len(ids))
	for i, id := range ids {
		if i > 0 {
			b.WriteString(", ")
		}
		n := len(args)
		b.WriteString("($" + itoa(n+1) + ", $" + itoa(n+2) + ", $" + itoa(n+3) + ")")
		args = append(args, ownerID, id, i)
	}
	_, err = tx.ExecContext(ctx, s.q(`INSERT INTO `+table+` (`+ownerCol+`, topic_id, position) VALUES `+b.String()), args...)
	return err
}

// topicsOf loads topic names for many owners at once: query must select
// (owner id, topic name) ordered by owner and position.
func (s *Store) namesBy(ctx context.Context, q querier, query string, args ...any) (map[int64][]string, error) {
	rows, err := q.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = append(out[id], name)
	}
	return out, rows.Err()
}

// Topics lists the tenant's topics by name.
func (s *Store) Topics(ctx context.Context, tenantID int64) ([]itinera.Topic, error) {
	var out []itinera.Topic
	err := s.view(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`SELECT id, tenant_id, name FROM topics WHERE tenant_id = $1 ORDER BY name_key`), tenantID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t itinera.Topic
			if err := rows.Scan(&t.ID, &t.TenantID, &t.Name); err != nil {
				return err
			}
			out = append(out, t)
		}
		return rows.Err()
	})
	return out, err
}

// owns checks that the record id of table belongs to the tenant; a missing
// or foreign record adds msg to field.
func (s *Store) owns(ctx context.Context, q querier, f itinera.FieldErrors, table string, tenantID, id int64, field, msg string) error {
	if id == 0 {
		return nil
	}
	var n int
	if err := q.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM `+table+` WHERE id = $1 AND tenant_id = $2`), id, tenantID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		f.Add(field, msg)
	}
	return nil
}

// exists returns not found unless table has the record id of the tenant.
// Updates and deletes call it first, so that another tenant's id is
// reported as not found before anything else is said about it.
func (s *Store) exists(ctx context.Context, q querier, table, what string, tenantID, id int64) error {
	var n int
	if err := q.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM `+table+` WHERE id = $1 AND tenant_id = $2`), id, tenantID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return notFound(what)
	}
	return nil
}
