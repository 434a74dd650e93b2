package cli

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/store"
)

// brokenDB returns a migrated SQLite database with an organization "stl",
// its administrator admin@stl.example.org, a program and an outbox message,
// whose table named broken was then renamed away, so that the commands
// touching it meet an internal error of the database.
func brokenDB(t *testing.T, broken string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "itinera.db")
	ctx := context.Background()
	s, err := store.Open(ctx, store.Options{URL: "sqlite:" + path})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	tenant := itinera.Tenant{Slug: "stl", Name: "St. Louis Hosts", TimeZone: "America/Chicago"}
	if err := s.CreateTenant(ctx, &tenant); err != nil {
		t.Fatal(err)
	}
	u := itinera.User{TenantID: tenant.ID, Email: "admin@stl.example.org", Role: itinera.RoleAdmin}
	if err := s.CreateUser(ctx, &u, "$argon2id$not-used"); err != nil {
		t.Fatal(err)
	}
	p := itinera.Program{TenantID: tenant.ID, Title: "Combating Trafficking in Persons", ProjectType: "IVLP", City: "St. Louis",
		TimeZone: "America/Chicago", StartDate: itinera.MustDate("2026-12-05"), EndDate: itinera.MustDate("2026-12-09")}
	if err := s.CreateProgram(ctx, &p); err != nil {
		t.Fatal(err)
	}
	m := itinera.OutboxMessage{TenantID: tenant.ID, To: "price@example.org", Subject: "A meeting request", TextBody: "Hello"}
	if err := s.Enqueue(ctx, &m); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`ALTER TABLE ` + broken + ` RENAME TO ` + broken + `_gone`); err != nil {
		t.Fatal(err)
	}
	return "sqlite:" + path
}

// A command that meets an internal error logs it with its cause (a log
// line on standard error, level ERROR), while the person at the terminal
// reads a plain sentence: never the generic "Something went wrong on our
// side", never the database's own words.
func TestCommandsLogTheCause(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, broken string
		args         []string
	}{
		{"user add", "users", []string{"user", "add", "--tenant", "stl", "--email", "new@stl.example.org", "--role", "officer"}},
		{"token create", "users", []string{"token", "create", "--email", "admin@stl.example.org"}},
		{"outbox show", "outbox", []string{"outbox", "show", "--tenant", "stl", "1"}},
		{"outbox list", "outbox", []string{"outbox", "list", "--tenant", "stl"}},
		{"plan", "visitors", []string{"plan", "--program", "1", "--tenant", "stl"}},
		{"plan, no tenant given", "programs", []string{"plan", "--program", "1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := map[string]string{"ITINERA_DATABASE": brokenDB(t, tc.broken)}
			code, _, errs := runCmd(t, env, "", tc.args...)
			if code != 1 {
				t.Fatalf("exit %d, want 1; stderr:\n%s", code, errs)
			}
			var logLine, userLine string
			for _, l := range strings.Split(strings.TrimSpace(errs), "\n") {
				switch {
				case strings.Contains(l, "level=ERROR"):
					logLine = l
				case strings.HasPrefix(l, "itinera "+tc.args[0]+":"):
					userLine = l
				}
			}
			if !strings.Contains(logLine, "no such table: "+tc.broken) {
				t.Errorf("no log line with the cause; stderr:\n%s", errs)
			}
			if userLine == "" || strings.Contains(userLine, "no such table") || strings.Contains(userLine, "Something went wrong") {
				t.Errorf("the user reads %q; stderr:\n%s", userLine, errs)
			}
		})
	}
}
