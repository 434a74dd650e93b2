package store_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"itinera/internal/store"
)

// upgradeChecks are the expectations of one NNNN_after.txt: what migration
// NNNN must leave in a database holding NNNN_before.sql. The format, a
// subset of sqllogictest's:
//
//	# Lines starting with '#' are comments. Blank lines separate blocks.
//	# A query, '----', then its rows, values separated by '|' (spaces
//	# around them do not count). NULL is NULL, '' the empty string,
//	# booleans 1 and 0, instants RFC 3339 in UTC. Order the rows, and
//	# not by a column with NULLs (SQLite sorts them first, PostgreSQL last).
//	SELECT id, calendar_method, lease_until FROM outbox ORDER BY id
//	----
//	1 | '' | NULL
//
//	# A query with no rows.
//	SELECT request_id FROM request_answers
//	----
//
//	# A block without '----' is a statement that must succeed.
//	INSERT INTO request_answers (request_id, kind, answered_at)
//	VALUES (2, 'accept', '2026-11-07T16:00:00.000000Z')
//
//	# A migration that changes existing rows on purpose names the tables;
//	# the test then leaves their rows to this file's queries.
//	rewrites outbox tenants
type upgradeChecks struct {
	file     string
	rewrites map[string]bool
	checks   []upgradeCheck
}

type upgradeCheck struct {
	line  int // of the block's first line, for messages
	sql   string
	query bool
	want  [][]string
}

func readUpgradeChecks(t *testing.T, file string) upgradeChecks {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c, err := parseUpgradeChecks(file, string(b))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func parseUpgradeChecks(file, src string) (upgradeChecks, error) {
	c := upgradeChecks{file: file, rewrites: map[string]bool{}}
	var block []string
	start := 0
	flush := func() error {
		defer func() { block = nil }()
		if len(block) == 0 {
			return nil
		}
		if tables, ok := strings.CutPrefix(block[0], "rewrites "); ok {
			if len(block) > 1 {
				return fmt.Errorf("%s:%d: a rewrites line stands alone in its block", file, start)
			}
			for _, tb := range strings.Fields(tables) {
				c.rewrites[tb] = true
			}
			return nil
		}
		ck := upgradeCheck{line: start}
		sqlLines := block
		if i := slices.Index(block, "----"); i >= 0 {
			ck.query = true
			sqlLines = block[:i]
			for _, row := range block[i+1:] {
				var vals []string
				for _, v := range strings.Split(row, "|") {
					v = strings.TrimSpace(v)
					if v == "''" {
						v = ""
					} else if v == "" {
						return fmt.Errorf("%s:%d: write an empty value as ''", file, start)
					}
					vals = append(vals, v)
				}
				ck.want = append(ck.want, vals)
			}
		}
		ck.sql = strings.Join(sqlLines, "\n")
		if strings.TrimSpace(ck.sql) == "" {
			return fmt.Errorf("%s:%d: a block without SQL", file, start)
		}
		c.checks = append(c.checks, ck)
		return nil
	}
	for i, line := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
		switch {
		case strings.HasPrefix(line, "#"):
		case strings.TrimSpace(line) == "":
			if err := flush(); err != nil {
				return c, err
			}
		default:
			if len(block) == 0 {
				start = i + 1
			}
			block = append(block, strings.TrimRight(line, " \t"))
		}
	}
	return c, flush()
}

// run runs the checks in order against s, reporting every failure.
func (c upgradeChecks) run(t *testing.T, s *store.Store) {
	t.Helper()
	for _, ck := range c.checks {
		if !ck.query {
			if _, err := s.DB().ExecContext(ctx, ck.sql); err != nil {
				t.Errorf("%s:%d: %v\n%s", c.file, ck.line, err, ck.sql)
			}
			continue
		}
		_, got, err := queryText(t, s.DB(), ck.sql)
		if err != nil {
			t.Errorf("%s:%d: %v\n%s", c.file, ck.line, err, ck.sql)
			continue
		}
		if !slices.EqualFunc(got, ck.want, slices.Equal) {
			t.Errorf("%s:%d:\n%s\ngot:\n%s\nwant:\n%s", c.file, ck.line, ck.sql, formatRows(got), formatRows(ck.want))
		}
	}
}

// formatRows spells rows the way NNNN_after.txt does.
func formatRows(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		vals := make([]string, len(r))
		for i, v := range r {
			if v == "" {
				v = "''"
			}
			vals[i] = v
		}
		b.WriteString(strings.Join(vals, " | ") + "\n")
	}
	if b.Len() == 0 {
		return "(no rows)\n"
	}
	return b.String()
}

func TestUpgradeChecksFormat(t *testing.T) {
	t.Parallel()
	src := "# comment\nSELECT id, name\n  FROM t ORDER BY id\n----\n1 | '' \n2|NULL\n\n" +
		"SELECT id FROM u\n----\n\n\n" +
		"INSERT INTO u (id) VALUES (1);\nINSERT INTO u (id) VALUES (2)\n# trailing comment\n\n" +
		"rewrites outbox  tenants\n"
	c, err := parseUpgradeChecks("x.txt", src)
	if err != nil {
		t.Fatal(err)
	}
	want := []upgradeCheck{
		{line: 2, sql: "SELECT id, name\n  FROM t ORDER BY id", query: true, want: [][]string{{"1", ""}, {"2", "NULL"}}},
		{line: 8, sql: "SELECT id FROM u", query: true},
		{line: 12, sql: "INSERT INTO u (id) VALUES (1);\nINSERT INTO u (id) VALUES (2)"},
	}
	if len(c.checks) != len(want) {
		t.Fatalf("checks %+v", c.checks)
	}
	for i, w := range want {
		g := c.checks[i]
		if g.line != w.line || g.sql != w.sql || g.query != w.query || !slices.EqualFunc(g.want, w.want, slices.Equal) {
			t.Errorf("check %d = %+v, want %+v", i, g, w)
		}
	}
	if len(c.rewrites) != 2 || !c.rewrites["outbox"] || !c.rewrites["tenants"] {
		t.Errorf("rewrites %v", c.rewrites)
	}

	for name, bad := range map[string]string{
		"empty value":      "SELECT a, b FROM t\n----\n1 |\n",
		"no SQL":           "----\n1\n",
		"rewrites and SQL": "rewrites t\nSELECT 1\n",
	} {
		if _, err := parseUpgradeChecks("x.txt", bad); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
