package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// Upgrade tests, as gitea tests its migrations: migration N is applied to
// the frozen schema an older release left (migrations 1 to N-1) holding
// data written for that schema, testdata/upgrade/NNNN_before.sql. It must
// keep every row as it was and leave what testdata/upgrade/NNNN_after.txt
// expects (the format is in upgradecheck_test.go). The database then
// migrates to the latest version and must have the structure of a freshly
// migrated one. All of it on SQLite and on PostgreSQL.

const upgradeDir = "testdata/upgrade"

// upgradeFiles are the two files of migration m's upgrade test.
func upgradeFiles(m store.MigrationFile) (before, after string) {
	return filepath.Join(upgradeDir, fmt.Sprintf("%04d_before.sql", m.Version)),
		filepath.Join(upgradeDir, fmt.Sprintf("%04d_after.txt", m.Version))
}

func mustMigrationFiles(t *testing.T) []store.MigrationFile {
	t.Helper()
	ms, err := store.MigrationFiles()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 {
		t.Fatal("no migrations embedded")
	}
	return ms
}

// A migration without its upgrade test fails the suite, and so does a test
// file left behind by a migration that no longer exists.
func TestEveryMigrationHasAnUpgradeTest(t *testing.T) {
	t.Parallel()
	known := map[string]bool{"README.md": true}
	for _, m := range mustMigrationFiles(t) {
		before, after := upgradeFiles(m)
		var missing []string
		for _, f := range []string{before, after} {
			known[filepath.Base(f)] = true
			if _, err := os.Stat(f); err != nil {
				missing = append(missing, f)
			}
		}
		if len(missing) > 0 {
			t.Errorf("migration %s has no upgrade test: write %s (see %s/README.md)", m.FileName(), strings.Join(missing, " and "), upgradeDir)
		}
	}
	entries, err := os.ReadDir(upgradeDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !known[e.Name()] {
			t.Errorf("%s is not the upgrade test of any migration (files are NNNN_before.sql and NNNN_after.txt)", filepath.Join(upgradeDir, e.Name()))
		}
	}
}

func TestMigrationUpgrades(t *testing.T) {
	t.Parallel()
	ms := mustMigrationFiles(t)
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			fresh := openBlank(t, dialect)
			if _, err := fresh.Migrate(ctx); err != nil {
				t.Fatalf("migrate a fresh database: %v", err)
			}
			freshSchema := schemaOf(t, fresh)
			for _, m := range ms {
				t.Run(strings.TrimSuffix(m.FileName(), ".sql"), func(t *testing.T) {
					t.Parallel()
					testUpgrade(t, openBlank(t, dialect), m, freshSchema)
				})
			}
		})
	}
}

func testUpgrade(t *testing.T, s *store.Store, m store.MigrationFile, freshSchema []string) {
	beforeFile, afterFile := upgradeFiles(m)
	checks := readUpgradeChecks(t, afterFile)

	// The old release's database, with its data.
	if _, err := s.MigrateTo(ctx, m.Version-1); err != nil {
		t.Fatalf("migrate to version %d: %v", m.Version-1, err)
	}
	loadFixture(t, s, beforeFile)
	requireFixtureCoverage(t, s, beforeFile)
	snap := snapshotOf(t, s)

	applied, err := s.MigrateTo(ctx, m.Version)
	if err != nil {
		t.Fatalf("%s on the data of %s: %v", m.FileName(), beforeFile, err)
	}
	if !slices.Equal(applied, []int{m.Version}) {
		t.Fatalf("applied %v, want [%d]", applied, m.Version)
	}
	for _, d := range snap.lostOrChanged(t, s, checks.rewrites) {
		t.Errorf("%s: %s\n(if it changes these rows on purpose, say \"rewrites TABLE\" in %s and check them there)", m.FileName(), d, afterFile)
	}
	checks.run(t, s)

	// Upgraded to the latest version, it is built like a fresh database.
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate from version %d to the latest: %v", m.Version, err)
	}
	if err := s.CheckSchema(ctx); err != nil {
		t.Fatal(err)
	}
	readThroughStore(t, s)
	if onlyFresh, onlyUpgraded := multisetDiff(freshSchema, schemaOf(t, s)); len(onlyFresh)+len(onlyUpgraded) > 0 {
		t.Errorf("upgraded through %s with data, the schema differs from a freshly migrated one:\nonly in the fresh one:%s\nonly in the upgraded one:%s",
			m.FileName(), indented(onlyFresh), indented(onlyUpgraded))
	}
}

// readThroughStore reads every tenant's and program's records through the
// store, as the application will after the upgrade: old rows must scan
// into today's types (a NULL where the code expects a value fails here).
func readThroughStore(t *testing.T, s *store.Store) {
	t.Helper()
	read := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("after the upgrade to the latest version, %s: %v", what, err)
		}
	}
	for _, r := range mustQueryText(t, s.DB(), `SELECT id FROM tenants ORDER BY id`) {
		tid, _ := strconv.ParseInt(r[0], 10, 64)
		what := func(kind string) string { return fmt.Sprintf("tenant %d's %s", tid, kind) }
		_, err := s.Users(ctx, tid)
		read(what("users"), err)
		_, err = s.APITokens(ctx, tid)
		read(what("API tokens"), err)
		_, err = s.Settings(ctx, tid)
		read(what("settings"), err)
		_, _, err = s.TenantMailFrom(ctx, tid)
		read(what("sender"), err)
		_, err = s.Topics(ctx, tid)
		read(what("topics"), err)
		_, err = s.Places(ctx, tid, itinera.DirectoryFilter{})
		read(what("places"), err)
		_, err = s.Organizations(ctx, tid, itinera.DirectoryFilter{})
		read(what("organizations"), err)
		_, err = s.Contacts(ctx, tid, itinera.DirectoryFilter{})
		read(what("contacts"), err)
		_, err = s.Households(ctx, tid, itinera.HouseholdFilter{})
		read(what("households"), err)
		_, err = s.HouseholdMinutes(ctx, tid)
		read(what("household minutes"), err)
		_, err = s.OutboxMessages(ctx, tid, itinera.OutboxFilter{Limit: 1000})
		read(what("outbox"), err)
		ps, err := s.Programs(ctx, tid)
		read(what("programs"), err)
		for _, p := range ps {
			what := func(kind string) string { return fmt.Sprintf("program %d's %s", p.ID, kind) }
			_, err := s.Days(ctx, tid, p.ID)
			read(what("days"), err)
			_, err = s.Visitors(ctx, tid, p.ID)
			read(what("visitors"), err)
			_, err = s.Interpreters(ctx, tid, p.ID)
			read(what("interpreters"), err)
			_, err = s.Meetings(ctx, tid, p.ID)
			read(what("meetings"), err)
			_, err = s.Activities(ctx, tid, p.ID)
			read(what("activities"), err)
			_, err = s.Requests(ctx, tid, p.ID)
			read(what("requests"), err)
			_, err = s.Feeds(ctx, tid, p.ID)
			read(what("feeds"), err)
			_, err = s.Evenings(ctx, tid, p.ID)
			read(what("evenings"), err)
			_, err = s.Pairs(ctx, tid, p.ID)
			read(what("pairs"), err)
			_, err = s.VolunteerHours(ctx, tid, p.ID)
			read(what("volunteer hours"), err)
			if _, err = s.CurrentItinerary(ctx, tid, p.ID); itinera.ErrorCode(err) != itinera.ENOTFOUND {
				read(what("itinerary"), err)
			}
		}
	}
}

// openBlank opens a store on a new, empty database of the dialect.
func openBlank(t *testing.T, dialect string) *store.Store {
	t.Helper()
	u := "sqlite:" + filepath.Join(t.TempDir(), "itinera.db")
	if dialect == "postgres" {
		u = storetest.PostgresSchemaURL(t)
	}
	s, err := store.Open(ctx, store.Options{URL: u, Now: storetest.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// loadFixture runs a fixture file in one transaction. Fixtures give explicit
// ids; on PostgreSQL each identity then moves past the highest id, as in a
// database that made those rows itself (SQLite's AUTOINCREMENT does so).
func loadFixture(t *testing.T, s *store.Store, file string) {
	t.Helper()
	script, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := s.DB().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, string(script)); err != nil {
		t.Fatalf("load %s: %v", file, err)
	}
	if s.Dialect() == "postgres" {
		rows, err := tx.QueryContext(ctx, `SELECT table_name, column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND is_identity = 'YES'`)
		if err != nil {
			t.Fatal(err)
		}
		var idents [][2]string
		for rows.Next() {
			var table, col string
			if err := rows.Scan(&table, &col); err != nil {
				t.Fatal(err)
			}
			idents = append(idents, [2]string{table, col})
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		for _, id := range idents {
			table, col := quoteIdent(id[0]), quoteIdent(id[1])
			if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(`+col+`), 1), MAX(`+col+`) IS NOT NULL) FROM `+table,
				table, id[1]); err != nil {
				t.Fatalf("move the identity of %s past its rows: %v", id[0], err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// requireFixtureCoverage fails the test unless the fixture gave rows to
// every table, rows of at least two tenants to every table with a
// tenant_id, and two tenants: an upgrade is tested on data or not at all.
func requireFixtureCoverage(t *testing.T, s *store.Store, file string) {
	t.Helper()
	count := func(query string) int {
		n, err := strconv.Atoi(mustQueryText(t, s.DB(), query)[0][0])
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return n
	}
	for _, table := range tablesOf(t, s) {
		q := quoteIdent(table)
		switch {
		case count(`SELECT COUNT(*) FROM `+q) == 0:
			t.Errorf("%s leaves table %s empty: give it realistic rows, so that the upgrade is tested on data", file, table)
		case table == "tenants" && count(`SELECT COUNT(*) FROM tenants`) < 2:
			t.Errorf("%s has one tenant: write rows of two", file)
		case slices.Contains(columnsOf(t, s, table), "tenant_id") && count(`SELECT COUNT(DISTINCT tenant_id) FROM `+q) < 2:
			t.Errorf("%s gives table %s rows of one tenant: write rows of two", file, table)
		}
	}
}
