package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"itinera/internal/store"
	"itinera/internal/storetest"
)

func TestPlanCommand(t *testing.T) {
	t.Parallel()
	db := "sqlite:" + filepath.Join(t.TempDir(), "itinera.db")
	s, err := store.Open(context.Background(), store.Options{URL: db})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	tenant, _, err := ensureDemo(context.Background(), s, storetest.Clock, "http://127.0.0.1:8080")
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"ITINERA_DATABASE": db}

	code, out, errs := runCmd(t, env, "", "plan", "--program", "1")
	if code != 0 || !strings.Contains(out, "0 added, 0 moved, 0 dropped") || !strings.Contains(out, "Left out:") ||
		!strings.Contains(out, "Nothing was saved") {
		t.Fatalf("plan: %d\n%s\n%s", code, out, errs)
	}
	// The sub-groups: Tuesday afternoon splits, the interpreter with Lucía.
	if !strings.Contains(out, "the delegation splits on 1 day(s)") || !strings.Contains(out, "Lucía Ramírez Ortega, with Ana Beltrán") ||
		!strings.Contains(out, "Why: ") || !strings.Contains(out, "the delegation splits into 2 groups.") {
		t.Fatalf("plan's sub-groups:\n%s", out)
	}
	if testing.Verbose() {
		t.Log(out)
	}
	code, out, errs = runCmd(t, env, "", "plan", "--program", "1", "--tenant", tenant.Slug, "--apply")
	if code != 0 || !strings.Contains(out, "Saved as itinerary version 2") {
		t.Fatalf("plan --apply: %d\n%s\n%s", code, out, errs)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"plan"}, 2, "--program is required"},
		{[]string{"plan", "--program", "99"}, 1, "no program has the id 99"},
		{[]string{"plan", "--program", "1", "--tenant", "nobody"}, 1, `no organization has the slug "nobody"`},
	} {
		code, _, errs := runCmd(t, env, "", tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: %d %q", tc.args, code, errs)
		}
	}
}
