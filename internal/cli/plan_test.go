package cli

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestPlanCommand(t *testing.T) {
	t.Parallel()
	// As itinera demo does: the calendar updates of building again come
	// from the demo's administrator.
	env, tenant := demoDatabase(t, t.TempDir(), true)

	code, out, errs := runCmd(t, env, "", "plan", "--program", "1")
	if code != 0 || !strings.Contains(out, "0 added, 0 moved, 2 dropped") || !strings.Contains(out, "Left out:") ||
		!strings.Contains(out, "Nothing was saved") {
		t.Fatalf("plan: %d\n%s\n%s", code, out, errs)
	}
	// The demo applied Tuesday's sub-groups: for the whole delegation two of
	// their meetings drop. The sub-groups: Tuesday afternoon splits, the
	// interpreter with Lucía.
	if !strings.Contains(out, "the delegation splits on 1 day(s)") || !strings.Contains(out, "Lucía Ramírez Ortega, with Ana Beltrán") ||
		!strings.Contains(out, "Why: ") || !strings.Contains(out, "the delegation splits into 2 groups.") {
		t.Fatalf("plan's sub-groups:\n%s", out)
	}
	if testing.Verbose() {
		t.Log(out)
	}
	// Tuesday's sub-groups become the itinerary; --apply builds it for
	// the whole delegation again.
	m := regexp.MustCompile(`\nTuesday (\d+ [A-Z][a-z]+ \d{4})\n`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no Tuesday in\n%s", out)
	}
	tuesday, err := time.Parse("2 January 2006", m[1])
	if err != nil {
		t.Fatal(err)
	}
	// The demo has Tuesday's sub-groups already; --apply builds the
	// itinerary for the whole delegation again (undoing them), and
	// --apply-subgroups applies them once more.
	code, _, errs = runCmd(t, env, "", "plan", "--program", "1", "--apply-subgroups", tuesday.Format(time.DateOnly))
	if code != 1 || !strings.Contains(errs, "already has these sub-groups") {
		t.Errorf("plan --apply-subgroups on the demo: %d\n%s", code, errs)
	}
	code, out, errs = runCmd(t, env, "", "plan", "--program", "1", "--tenant", tenant.Slug, "--apply")
	if code != 0 || !regexp.MustCompile(`Saved as itinerary version \d+`).MatchString(out) {
		t.Fatalf("plan --apply: %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = runCmd(t, env, "", "plan", "--program", "1", "--apply-subgroups", tuesday.Format(time.DateOnly))
	if code != 0 || !strings.Contains(out, "Applied the sub-groups of Tuesday "+m[1][:len(m[1])-5]+": saved as itinerary version") {
		t.Fatalf("plan --apply-subgroups: %d\n%s\n%s", code, out, errs)
	}
	code, _, errs = runCmd(t, env, "", "plan", "--program", "1", "--apply-subgroups", tuesday.AddDate(0, 0, -1).Format(time.DateOnly))
	if code != 1 || !strings.Contains(errs, "stays together") {
		t.Errorf("plan --apply-subgroups on Monday: %d\n%s", code, errs)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"plan"}, 2, "--program is required"},
		{[]string{"plan", "--program", "1", "--apply-subgroups", "Tuesday"}, 2, "is not a date in the form YYYY-MM-DD"},
		{[]string{"plan", "--program", "1", "--apply", "--apply-subgroups", "2026-01-01"}, 2, "not both"},
		{[]string{"plan", "--program", "99"}, 1, "no program has the id 99"},
		{[]string{"plan", "--program", "1", "--tenant", "nobody"}, 1, `no organization has the slug "nobody"`},
	} {
		code, _, errs := runCmd(t, env, "", tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: %d %q", tc.args, code, errs)
		}
	}
}

// TestPlanApplyWithoutSender: building again moves confirmed meetings,
// whose resources must be sent an updated invitation; with nobody to send
// it from (no sender in Settings, no administrator, the command line has
// no user) the command says what to set, and nothing is saved.
func TestPlanApplyWithoutSender(t *testing.T) {
	t.Parallel()
	env, tenant := demoDatabase(t, t.TempDir(), false)
	_, before, _ := runCmd(t, env, "", "plan", "--program", "1")
	code, out, errs := runCmd(t, env, "", "plan", "--program", "1", "--tenant", tenant.Slug, "--apply")
	if code != 1 || !strings.Contains(errs, "no e-mail address to send invitations from") || !strings.Contains(errs, "Settings") ||
		strings.Contains(out, "Saved as itinerary version") {
		t.Fatalf("plan --apply without a sender: %d\n%s\n%s", code, out, errs)
	}
	// Nothing was saved: the same plan is proposed again (but for the
	// time it took).
	took := regexp.MustCompile(` · \d+ms`)
	if _, after, _ := runCmd(t, env, "", "plan", "--program", "1"); took.ReplaceAllString(after, "") != took.ReplaceAllString(before, "") {
		t.Errorf("the failed --apply changed the program:\n%s\n---\n%s", before, after)
	}
}
