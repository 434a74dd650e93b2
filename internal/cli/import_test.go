package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportAndExportCommands(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env, tenant := demoDatabase(t, dir, false)
	summary := func(out string) importSummary {
		t.Helper()
		var sum importSummary
		if err := json.Unmarshal([]byte(out), &sum); err != nil {
			t.Fatalf("%v in %q", err, out)
		}
		return sum
	}

	// The roster exported as XLSX imports back unchanged.
	code, out, errs := runCmd(t, env, "", "export", "--tenant", tenant.Slug, "--program", "1", "--kind", "visitors", "--format", "xlsx")
	if code != 0 || !strings.HasPrefix(out, "PK") {
		t.Fatalf("export: %d %q", code, errs)
	}
	roster := filepath.Join(dir, "roster.xlsx")
	must(t, os.WriteFile(roster, []byte(out), 0o600))
	code, out, errs = runCmd(t, env, "", "import", "--tenant", tenant.Slug, "--program", "1", "--kind", "visitors", roster)
	if sum := summary(out); code != 0 || sum.Unchanged != 9 || sum.Created+sum.Updated != 0 || len(sum.Refused) != 0 || !sum.Applied {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}

	// A file with bad rows: a dry run explains them and exits 0; the
	// import refuses the whole file and exits 1.
	messy := filepath.Join(dir, "messy.csv")
	must(t, os.WriteFile(messy, []byte("Given name,Family name,Nationality,Email,Languages\n"+
		"Kofi,Mensah,Ghana,kofi@example.gh,English\n"+
		"Ama,Owusu,,ama@example.gh,English\n"), 0o600))
	args := []string{"import", "--tenant", tenant.Slug, "--program", "1", "--kind", "visitors"}
	code, out, _ = runCmd(t, env, "", append(args, "--dry-run", messy)...)
	sum := summary(out)
	if code != 0 || sum.Created != 1 || len(sum.Refused) != 1 || sum.Refused[0].Row != 3 || sum.Refused[0].Field != "country" || sum.Applied {
		t.Fatalf("dry run: %d %s", code, out)
	}
	code, out, errs = runCmd(t, env, "", append(args, messy)...)
	if sum := summary(out); code != 1 || sum.Applied || len(sum.Refused) != 1 || !strings.Contains(errs, "Nothing was imported") {
		t.Fatalf("import of a bad file: %d %s %s", code, out, errs)
	}
	code, out, _ = runCmd(t, env, "", append(args, "--dry-run", roster)...)
	if sum := summary(out); code != 0 || sum.Unchanged != 9 {
		t.Fatalf("nothing was imported, yet: %s", out)
	}

	// --map names a field for a column the matching does not know.
	odd := filepath.Join(dir, "odd.csv")
	must(t, os.WriteFile(odd, []byte("Who,Country,Speaks\nKofi Mensah,Ghana,English\n"), 0o600))
	code, out, errs = runCmd(t, env, "", append(args, "--map", "Who=given_name", "--map", "Speaks=languages", odd)...)
	if sum := summary(out); code != 0 || sum.Created != 1 {
		t.Fatalf("--map: %d %s %s", code, out, errs)
	}

	// Templates, and usage errors.
	code, out, _ = runCmd(t, env, "", "export", "--kind", "meetings", "--template")
	if code != 0 || !strings.Contains(out, "Host organization") {
		t.Fatalf("template: %d %q", code, out)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"import", "--kind", "visitors", roster}, 2, "--tenant is required"},
		{[]string{"import", "--tenant", tenant.Slug, "--kind", "visitors", roster}, 2, "--program is required"},
		{[]string{"import", "--tenant", tenant.Slug, "--kind", "pets", roster}, 2, "is not something Itinera imports"},
		{[]string{"import", "--tenant", tenant.Slug, "--kind", "places", filepath.Join(dir, "nope.csv")}, 1, "no such file"},
		{append(args, "--map", "Nope=given_name", odd), 2, `no column "Nope"`},
	} {
		code, _, errs := runCmd(t, env, "", tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: %d %q", tc.args, code, errs)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
