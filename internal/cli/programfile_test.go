package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// TestProgramFileCommands moves the demo program from SQLite to a new
// organization on PostgreSQL with export-program and import-program, and
// exports it again there: the same file. Wrong files and wrong use are
// refused on stderr, with exit codes 1 and 2, and import nothing.
func TestProgramFileCommands(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	lite := "sqlite:" + filepath.Join(t.TempDir(), "itinera.db")
	s, err := store.Open(ctx, store.Options{URL: lite})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, _, err := ensureDemo(ctx, s, storetest.Clock, "http://127.0.0.1:8080"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	pg := storetest.PostgresSchemaURL(t)
	p, err := store.Open(ctx, store.Options{URL: pg})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := p.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	kc := itinera.Tenant{Slug: "kc", Name: "Kansas City Visitors", TimeZone: "America/Chicago"}
	if err := p.CreateTenant(ctx, &kc); err != nil {
		t.Fatal(err)
	}
	other := itinera.Tenant{Slug: "other", Name: "Another organization", TimeZone: "America/Chicago"}
	if err := p.CreateTenant(ctx, &other); err != nil {
		t.Fatal(err)
	}

	code, file, errs := runCmd(t, map[string]string{"ITINERA_DATABASE": lite}, "", "export-program", "--program", "1")
	if code != 0 || !strings.HasPrefix(file, "{\n  \"format\": \"itinera-program\",\n  \"version\": 1,") {
		t.Fatalf("export-program: %d %q\n%.300s", code, errs, file)
	}
	code, out, errs := runCmd(t, nil, file, "import-program", "--database", pg, "--tenant", "kc")
	if code != 0 {
		t.Fatalf("import-program: %d %q", code, errs)
	}
	var summary struct {
		Program struct {
			ID    int64  `json:"id"`
			Title string `json:"title"`
		} `json:"program"`
		Created map[string]int `json:"created"`
		Reused  map[string]int `json:"reused"`
		Again   int            `json:"requests_to_send_again"`
	}
	if err := json.Unmarshal([]byte(out), &summary); err != nil || summary.Program.ID == 0 ||
		summary.Program.Title != "Combating Trafficking in Persons" || summary.Created["visitors"] != 9 || summary.Created["evenings"] != 1 {
		t.Fatalf("summary %q: %v", out, err)
	}
	code, again, errs := runCmd(t, nil, "", "export-program", "--database", pg, "--tenant", "kc", "--program", strconv.FormatInt(summary.Program.ID, 10))
	if code != 0 {
		t.Fatalf("export-program from PostgreSQL: %d %q", code, errs)
	}
	if withoutExportTime(t, again) != withoutExportTime(t, file) {
		t.Fatal("the program exported from PostgreSQL differs from the one exported from SQLite")
	}

	// From a file named on the command line, into the same organization:
	// its directory is reused.
	path := filepath.Join(t.TempDir(), "program.json")
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runCmd(t, nil, "", "import-program", "--database", pg, "--tenant", "kc", path)
	if code != 0 || !strings.Contains(out, `"reused": {`) || !strings.Contains(out, `"places": `) {
		t.Fatalf("import-program FILE: %d %q %q", code, out, errs)
	}

	future := strings.Replace(file, `"version": 1,`, `"version": 7,`, 1)
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"not JSON", "Given name,Family name\nAna,Silva\n", nil, 1, "not valid JSON"},
		{"empty", "", nil, 1, "The file is empty"},
		{"future version", future, nil, 1, "version 7 of the format, newer than this Itinera reads"},
		{"another kind", `{"format":"itinera-roster","version":1}`, nil, 1, `its format is "itinera-roster"`},
		{"unknown organization", file, []string{"--tenant", "nobody"}, 1, `no organization has the slug "nobody"`},
		{"no tenant", file, []string{"--tenant", ""}, 2, "--tenant is required"},
		{"missing file", "", []string{"/nonexistent/program.json"}, 1, "cannot open the program file"},
	} {
		args := append([]string{"import-program", "--database", pg, "--tenant", "kc"}, tc.args...)
		code, out, errs := runCmd(t, nil, tc.stdin, args...)
		if code != tc.code || !strings.Contains(errs, tc.want) || out != "" {
			t.Errorf("%s: %d %q %q", tc.name, code, out, errs)
		}
	}
	ps, err := p.Programs(ctx, kc.ID)
	if err != nil || len(ps) != 2 {
		t.Fatalf("%d programs after the refused files (%v), want 2", len(ps), err)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"export-program", "--database", lite}, 2, "--program is required"},
		{[]string{"export-program", "--database", lite, "--program", "99"}, 1, "no program has the id 99"},
		{[]string{"export-program", "--database", pg, "--tenant", "other", "--program", strconv.FormatInt(summary.Program.ID, 10)}, 1, "does not exist"},
	} {
		code, out, errs := runCmd(t, nil, "", tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) || out != "" {
			t.Errorf("%v: %d, %d bytes out, %q", tc.args, code, len(out), errs)
		}
	}
}

func withoutExportTime(t *testing.T, file string) string {
	t.Helper()
	i := strings.Index(file, `"exported_at"`)
	j := strings.Index(file[i:], "\n")
	if i < 0 || j < 0 {
		t.Fatalf("no export time in %.200s", file)
	}
	return file[:i] + file[i+j:]
}

// TestBackupCommand copies a SQLite database, refuses to overwrite the
// copy, and for PostgreSQL says how to back it up and does nothing.
func TestBackupCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "itinera.db")
	if code, _, errs := runCmd(t, nil, "", "migrate", "--database", db); code != 0 {
		t.Fatalf("migrate: %d %q", code, errs)
	}
	out := filepath.Join(dir, "copy.db")
	code, stdout, errs := runCmd(t, nil, "", "backup", "--database", db, "--out", out)
	if code != 0 || !strings.Contains(stdout, "Backed up to "+out) {
		t.Fatalf("backup: %d %q %q", code, stdout, errs)
	}
	if code, _, errs := runCmd(t, nil, "", "migrate", "--database", "sqlite:"+out); code != 0 || strings.Contains(errs, "applied") {
		t.Fatalf("the copy is not a current database: %d %q", code, errs)
	}
	before, _ := os.ReadFile(out)
	code, _, errs = runCmd(t, nil, "", "backup", "--database", db, "--out", out)
	if after, _ := os.ReadFile(out); code != 1 || !strings.Contains(errs, "already exists") || string(after) != string(before) {
		t.Fatalf("second backup to the same file: %d %q", code, errs)
	}
	if code, _, errs := runCmd(t, nil, "", "backup", "--database", db); code != 2 || !strings.Contains(errs, "--out is required") {
		t.Fatalf("no --out: %d %q", code, errs)
	}
	pgOut := filepath.Join(dir, "pg.dump")
	code, stdout, errs = runCmd(t, nil, "", "backup", "--database", "postgres://itinera:secret@db.example.org/itinera", "--out", pgOut)
	if code != 0 || !strings.Contains(stdout, "pg_dump --format=custom") || !strings.Contains(stdout, "pg_restore") ||
		strings.Contains(stdout, "secret") || errs != "" {
		t.Fatalf("postgres: %d %q %q", code, stdout, errs)
	}
	if _, err := os.Stat(pgOut); err == nil {
		t.Fatal("a file was written for PostgreSQL")
	}
}
