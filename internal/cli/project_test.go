package cli

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"itinera/internal/store"
)

// TestProjectCommand: an agency made with `user add --tenant-kind agency`
// creates a project from a file; the community organization lists it,
// accepts its stop and sees its program; the agency lists and revokes the
// grants; wrong usage, a community organization creating a project and a
// bad file get their exit codes and messages.
func TestProjectCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "itinera.db")
	ctx := context.Background()
	s, err := store.Open(ctx, store.Options{URL: db})
	must(t, err)
	_, err = s.Migrate(ctx)
	must(t, err)
	s.Close()
	env := map[string]string{"ITINERA_DATABASE": db}
	for _, args := range [][]string{
		{"user", "add", "--tenant", "agency", "--tenant-name", "National Program Agency", "--tenant-kind", "agency", "--time-zone", "America/New_York",
			"--email", "officer@agency.example.org", "--role", "officer"},
		{"user", "add", "--tenant", "stl", "--tenant-name", "World Affairs St. Louis", "--email", "officer@stl.example.org", "--role", "officer"},
	} {
		if code, _, stderr := runCmd(t, env, "", args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
	}
	file := filepath.Join(dir, "project.json")
	must(t, os.WriteFile(file, []byte(`{"title": "Combating Trafficking in Persons", "objectives": ["victim services"],
		"roster": [{"given_name": "Ana", "family_name": "Silva", "country": "Brazil", "languages": ["Portuguese"], "passport": "BR1234567"}],
		"stops": [{"city": "St. Louis", "organization": "stl", "start_date": "2026-12-05", "end_date": "2026-12-09",
			"arrival": {"mode": "flight", "ref": "UA 1234", "departs_at": "2026-12-05T14:00:00-05:00", "arrives_at": "2026-12-05T16:30:00-06:00"}}]}`), 0o600))

	code, out, stderr := runCmd(t, env, "", "project", "create", "--tenant", "agency", "--file", file)
	if code != 0 || !strings.Contains(out, "created") || !strings.Contains(out, "St. Louis") {
		t.Fatalf("create: exit %d\n%s%s", code, out, stderr)
	}
	code, _, stderr = runCmd(t, env, "", "project", "create", "--tenant", "stl", "--file", file)
	if code != 1 || !strings.Contains(stderr, "Only a program agency creates projects") {
		t.Fatalf("a community organization creating: exit %d: %s", code, stderr)
	}
	code, out, _ = runCmd(t, env, "", "project", "list", "--tenant", "stl")
	m := regexp.MustCompile(`stop (\d+): St. Louis, 2026-12-05 to 2026-12-09, stl, proposed`).FindStringSubmatch(out)
	if code != 0 || m == nil {
		t.Fatalf("list: exit %d\n%s", code, out)
	}
	code, out, stderr = runCmd(t, env, "", "project", "accept", "--tenant", "stl", m[1])
	if code != 0 || !strings.Contains(out, "accepted: program") {
		t.Fatalf("accept: exit %d\n%s%s", code, out, stderr)
	}
	code, out, _ = runCmd(t, env, "", "project", "show", "--tenant", "stl", "1")
	if code != 0 || !strings.Contains(out, "Ana Silva") || strings.Contains(out, "BR1234567") {
		t.Fatalf("show as the city: exit %d\n%s", code, out)
	}
	code, out, _ = runCmd(t, env, "", "project", "grants", "--tenant", "agency", "1")
	g := regexp.MustCompile(`(?m)^(\d+)\s+\d+\s+roster\s+World Affairs St. Louis.*live$`).FindStringSubmatch(out)
	if code != 0 || g == nil {
		t.Fatalf("grants: exit %d\n%s", code, out)
	}
	code, out, stderr = runCmd(t, env, "", "project", "revoke", "--tenant", "agency", g[1])
	if code != 0 || !strings.Contains(out, "revoked") {
		t.Fatalf("revoke: exit %d\n%s%s", code, out, stderr)
	}
	code, out, _ = runCmd(t, env, "", "project", "show", "--tenant", "stl", "1")
	if code != 0 || strings.Contains(out, "Ana Silva") {
		t.Fatalf("show after the revocation: exit %d\n%s", code, out)
	}
	code, _, stderr = runCmd(t, env, "", "project", "show", "--tenant", "stl", "1", "extra")
	if code != 2 {
		t.Fatalf("wrong usage: exit %d: %s", code, stderr)
	}
	code, _, stderr = runCmd(t, env, "", "project", "fly", "--tenant", "stl")
	if code != 2 || !strings.Contains(stderr, "unknown project command") {
		t.Fatalf("unknown command: exit %d: %s", code, stderr)
	}
	must(t, os.WriteFile(file, []byte(`{"title": "Bad", "stops": [{"city": "X", "organization": "stl", "start_date": "5 Dec"}]}`), 0o600))
	code, _, stderr = runCmd(t, env, "", "project", "create", "--tenant", "agency", "--file", file)
	if code != 1 || !strings.Contains(stderr, "stops.0.start_date") {
		t.Fatalf("bad file: exit %d: %s", code, stderr)
	}
}
