package store_test

import (
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"itinera/internal/store"
)

// Raw views of a database for the upgrade tests: its tables and rows, and a
// description of its structure, read the same way from SQLite and PostgreSQL.

// text spells a value read from either database the same way: NULL,
// booleans as 1 and 0 (SQLite's spelling), instants in RFC 3339 UTC
// (SQLite keeps them as text), numbers in Go's shortest form.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case bool:
		if x {
			return "1"
		}
		return "0"
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case []byte:
		return text(string(x))
	case string:
		if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return t.UTC().Format(time.RFC3339Nano)
		}
		return x
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	default:
		return fmt.Sprint(x)
	}
}

// rawText spells a value exactly, type included, so that a migration
// that rewrites a value into an equal one of another spelling or type (an
// instant in another text layout, which SQLite compares as text) shows.
func rawText(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return strconv.Quote(x)
	case []byte:
		return "bytes " + strconv.Quote(string(x))
	default:
		return fmt.Sprintf("%T %s", v, text(v))
	}
}

// queryText runs query and returns its column names and its rows as text.
func queryText(t *testing.T, db *sql.DB, query string, args ...any) (cols []string, rows [][]string, err error) {
	t.Helper()
	return queryAs(t, text, db, query, args...)
}

// queryAs runs query and returns its column names and its rows, each value
// spelled by format.
func queryAs(t *testing.T, format func(any) string, db *sql.DB, query string, args ...any) (cols []string, rows [][]string, err error) {
	t.Helper()
	rs, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rs.Close()
	cols, err = rs.Columns()
	if err != nil {
		return nil, nil, err
	}
	for rs.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			return nil, nil, err
		}
		row := make([]string, len(vals))
		for i, v := range vals {
			row[i] = format(v)
		}
		rows = append(rows, row)
	}
	return cols, rows, rs.Err()
}

// mustQueryText is queryText failing the test on error.
func mustQueryText(t *testing.T, db *sql.DB, query string, args ...any) [][]string {
	t.Helper()
	_, rows, err := queryText(t, db, query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return rows
}

// quoteIdent quotes a table or column name for both databases.
func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// tablesOf lists the database's tables, sorted, without the migrator's own
// schema_migrations and SQLite's internal tables.
func tablesOf(t *testing.T, s *store.Store) []string {
	t.Helper()
	q := `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	if s.Dialect() == "sqlite" {
		q = `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`
	}
	var names []string
	for _, r := range mustQueryText(t, s.DB(), q) {
		if r[0] != "schema_migrations" {
			names = append(names, r[0])
		}
	}
	slices.Sort(names)
	return names
}

// columnsOf lists a table's columns in order.
func columnsOf(t *testing.T, s *store.Store, table string) []string {
	t.Helper()
	cols, _, err := queryText(t, s.DB(), `SELECT * FROM `+quoteIdent(table)+` WHERE 1 = 0`)
	if err != nil {
		t.Fatalf("columns of %s: %v", table, err)
	}
	return cols
}

// snapshot holds every row of every table, each row spelled as one line.
type snapshot map[string]tableRows

type tableRows struct {
	cols []string
	rows []string // sorted
}

func snapshotOf(t *testing.T, s *store.Store) snapshot {
	t.Helper()
	snap := snapshot{}
	for _, table := range tablesOf(t, s) {
		cols := columnsOf(t, s, table)
		rows, err := rowsOf(t, s, table, cols)
		if err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		snap[table] = tableRows{cols: cols, rows: rows}
	}
	return snap
}

// rowsOf reads the given columns of every row of table, sorted.
func rowsOf(t *testing.T, s *store.Store, table string, cols []string) ([]string, error) {
	t.Helper()
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = quoteIdent(c)
	}
	_, rows, err := queryAs(t, rawText, s.DB(), `SELECT `+strings.Join(quoted, ", ")+` FROM `+quoteIdent(table))
	if err != nil {
		return nil, err
	}
	lines := make([]string, len(rows))
	for i, r := range rows {
		lines[i] = strings.Join(r, ", ")
	}
	slices.Sort(lines)
	return lines, nil
}

// lostOrChanged compares the rows of snap with the same columns of the same
// tables now, and describes each table whose rows differ; tables in skip
// are left out.
func (snap snapshot) lostOrChanged(t *testing.T, s *store.Store, skip map[string]bool) []string {
	t.Helper()
	var diffs []string
	now := map[string]bool{}
	for _, table := range tablesOf(t, s) {
		now[table] = true
	}
	for _, table := range sortedKeys(snap) {
		before := snap[table]
		switch {
		case skip[table]:
			continue
		case !now[table]:
			diffs = append(diffs, fmt.Sprintf("table %s is gone with its %d rows (tables are never dropped in place)", table, len(before.rows)))
			continue
		}
		after, err := rowsOf(t, s, table, before.cols)
		if err != nil {
			diffs = append(diffs, fmt.Sprintf("table %s no longer has the columns (%s): %v", table, strings.Join(before.cols, ", "), err))
			continue
		}
		if lost, added := multisetDiff(before.rows, after); len(lost)+len(added) > 0 {
			diffs = append(diffs, fmt.Sprintf("table %s (%s): rows lost or changed:%s\nrows new or changed:%s",
				table, strings.Join(before.cols, ", "), indented(firstN(lost, 5)), indented(firstN(added, 5))))
		}
	}
	return diffs
}

// multisetDiff returns the lines of a missing from b and of b missing from
// a; both are sorted.
func multisetDiff(a, b []string) (onlyA, onlyB []string) {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			onlyA = append(onlyA, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			onlyB = append(onlyB, b[j])
			j++
		default:
			i++
			j++
		}
	}
	return onlyA, onlyB
}

func firstN(lines []string, n int) []string {
	if len(lines) <= n {
		return lines
	}
	return append(slices.Clip(lines[:n]), fmt.Sprintf("… and %d more", len(lines)-n))
}

// indented puts each line on its own tabbed line, or says there are none.
func indented(lines []string) string {
	if len(lines) == 0 {
		return " none"
	}
	return "\n\t" + strings.Join(lines, "\n\t")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// schemaOf describes the structure of the database, one sorted line per
// table, column, index, constraint or other object, without its data; the
// lines of two databases built by the same migrations are equal.
func schemaOf(t *testing.T, s *store.Store) []string {
	t.Helper()
	var lines []string
	add := func(format string, query string, args ...any) {
		for _, r := range mustQueryText(t, s.DB(), query, args...) {
			vals := make([]any, len(r))
			for i, v := range r {
				vals[i] = v
			}
			lines = append(lines, fmt.Sprintf(format, vals...))
		}
	}
	if s.Dialect() == "sqlite" {
		// sqlite_master's SQL is the whole truth (CHECK constraints included);
		// the pragmas give readable differences.
		add("%s %s (on %s): %s", `SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
		for _, table := range append(tablesOf(t, s), "schema_migrations") {
			add("table "+table+" column %s %s %s not null=%s default=%s primary key=%s",
				`SELECT cid, name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)`, table)
			add("table "+table+" index %s unique=%s origin=%s partial=%s",
				`SELECT name, "unique", origin, partial FROM pragma_index_list(?)`, table)
			add("table "+table+" foreign key %s.%s (%s) references %s (%s) on update %s on delete %s",
				`SELECT id, seq, "from", "table", "to", on_update, on_delete FROM pragma_foreign_key_list(?)`, table)
		}
		for _, r := range mustQueryText(t, s.DB(), `SELECT name FROM sqlite_master WHERE type = 'index'`) {
			add("index "+r[0]+" column %s: %s", `SELECT seqno, COALESCE(name, '(expression)') FROM pragma_index_info(?)`, r[0])
		}
	} else {
		add("table %s column %s %s %s nullable=%s default=%s identity=%s %s",
			`SELECT table_name, ordinal_position, column_name, data_type, is_nullable, COALESCE(column_default, ''), is_identity, COALESCE(identity_generation, '')
			   FROM information_schema.columns WHERE table_schema = current_schema()`)
		// Index and constraint definitions name the schema, which differs
		// from one test database to the next.
		schema := mustQueryText(t, s.DB(), `SELECT current_schema()`)[0][0]
		for _, r := range mustQueryText(t, s.DB(), `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()`) {
			lines = append(lines, fmt.Sprintf("table %s index %s: %s", r[0], r[1], strings.ReplaceAll(r[2], schema+".", "")))
		}
		for _, r := range mustQueryText(t, s.DB(), `SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid)
			FROM pg_constraint WHERE connamespace = current_schema()::regnamespace`) {
			lines = append(lines, fmt.Sprintf("table %s constraint %s (%s): %s", r[0], r[1], r[2], strings.ReplaceAll(r[3], schema+".", "")))
		}
		add("relation %s kind %s", `SELECT relname, relkind FROM pg_class WHERE relnamespace = current_schema()::regnamespace`)
	}
	slices.Sort(lines)
	return lines
}

func TestMultisetDiff(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ a, b, onlyA, onlyB []string }{
		{nil, nil, nil, nil},
		{[]string{"x", "x", "y"}, []string{"x", "y", "z"}, []string{"x"}, []string{"z"}},
		{[]string{"a"}, nil, []string{"a"}, nil},
		{nil, []string{"a", "a"}, nil, []string{"a", "a"}},
	} {
		onlyA, onlyB := multisetDiff(c.a, c.b)
		if !slices.Equal(onlyA, c.onlyA) || !slices.Equal(onlyB, c.onlyB) {
			t.Errorf("multisetDiff(%q, %q) = %q, %q; want %q, %q", c.a, c.b, onlyA, onlyB, c.onlyA, c.onlyB)
		}
	}
}
