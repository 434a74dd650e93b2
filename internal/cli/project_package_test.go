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

// TestProjectPackageCommand: two installations (two databases); the
// agency's officer exports a stop package, the city's refuses it until it
// trusts the agency's key (the message names the fingerprint), then imports
// it once; a revoked key is listed as such.
func TestProjectPackageCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx := context.Background()
	envs := map[string]map[string]string{}
	for _, name := range []string{"agency", "city"} {
		db := "sqlite:" + filepath.Join(dir, name+".db")
		s, err := store.Open(ctx, store.Options{URL: db})
		must(t, err)
		_, err = s.Migrate(ctx)
		must(t, err)
		s.Close()
		envs[name] = map[string]string{"ITINERA_DATABASE": db}
	}
	run := func(env map[string]string, want int, args ...string) (string, string) {
		t.Helper()
		code, out, stderr := runCmd(t, env, "", args...)
		if code != want {
			t.Fatalf("%v: exit %d, want %d\n%s%s", args, code, want, out, stderr)
		}
		return out, stderr
	}
	agency, city := envs["agency"], envs["city"]
	run(agency, 0, "user", "add", "--tenant", "agency", "--tenant-name", "National Program Agency", "--tenant-kind", "agency",
		"--time-zone", "America/New_York", "--email", "officer@agency.example.org", "--role", "officer")
	run(agency, 0, "user", "add", "--tenant", "stl", "--tenant-name", "World Affairs St. Louis", "--email", "stl@agency.example.org", "--role", "officer")
	run(city, 0, "user", "add", "--tenant", "stl", "--tenant-name", "World Affairs St. Louis", "--email", "officer@stl.example.org", "--role", "officer")
	file := filepath.Join(dir, "project.json")
	must(t, os.WriteFile(file, []byte(`{"title": "Combating Trafficking in Persons", "objectives": ["victim services"],
		"roster": [{"given_name": "Ana", "family_name": "Silva", "country": "Brazil", "languages": ["Portuguese"], "passport": "BR1234567"}],
		"stops": [{"city": "St. Louis", "organization": "stl", "start_date": "2026-12-05", "end_date": "2026-12-09"}]}`), 0o600))
	run(agency, 0, "project", "create", "--tenant", "agency", "--file", file)

	out, _ := run(agency, 0, "project", "keys", "show", "--tenant", "agency")
	fp := regexp.MustCompile(`Fingerprint \(read it to them by telephone\): ([0-9a-f ]{39})`).FindStringSubmatch(out)
	pem := regexp.MustCompile(`(?s)-----BEGIN PUBLIC KEY-----.*-----END PUBLIC KEY-----\n`).FindString(out)
	if fp == nil || pem == "" || strings.Contains(out, "PRIVATE") {
		t.Fatalf("keys show:\n%s", out)
	}
	pkg := filepath.Join(dir, "stop.json")
	run(agency, 0, "project", "package", "export", "--tenant", "agency", "--out", pkg, "1")
	_, stderr := run(city, 1, "project", "package", "import", "--tenant", "stl", pkg)
	if !strings.Contains(stderr, fp[1]) {
		t.Fatalf("untrusted key: %s", stderr)
	}
	keyFile := filepath.Join(dir, "agency.pub.pem")
	must(t, os.WriteFile(keyFile, []byte(pem), 0o600))
	out, _ = run(city, 0, "project", "keys", "trust", "--tenant", "stl", "--name", "National Program Agency", keyFile)
	if !strings.Contains(out, fp[1]) {
		t.Fatalf("trust: %s", out)
	}
	out, _ = run(city, 0, "project", "package", "import", "--tenant", "stl", pkg)
	if !strings.Contains(out, "Stop 1 (St. Louis) of Combating Trafficking in Persons") || !strings.Contains(out, "1 visitors") {
		t.Fatalf("import: %s", out)
	}
	_, stderr = run(city, 1, "project", "package", "import", "--tenant", "stl", pkg)
	if !strings.Contains(stderr, "imported already") {
		t.Fatalf("import twice: %s", stderr)
	}
	_, stderr = run(city, 1, "project", "package", "return", "--tenant", "stl", "1")
	if !strings.Contains(stderr, "did not come from a stop package") && !strings.Contains(stderr, "Release") {
		t.Fatalf("return before a release: %s", stderr)
	}
	run(city, 0, "project", "keys", "revoke", "--tenant", "stl", "1")
	out, _ = run(city, 0, "project", "keys", "show", "--tenant", "stl")
	if !strings.Contains(out, "revoked") {
		t.Fatalf("keys after the revocation:\n%s", out)
	}
	run(city, 2, "project", "keys", "fly", "--tenant", "stl")
	run(city, 2, "project", "package", "export", "--tenant", "stl")
}
