package cli

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"itinera/internal/store"
)

// ITINERA_DEMO_PASSWORD must follow the password rule, and says so clearly
// before anything is loaded.
func TestDemoPasswordRule(t *testing.T) {
	t.Parallel()
	for pw, want := range map[string]string{
		"short":        "at least 12 characters",
		"elevenchars":  "at least 12 characters",
		"Password1234": "too easy to guess",
	} {
		dir := t.TempDir()
		code, _, errs := runCmd(t, map[string]string{"ITINERA_DEMO_PASSWORD": pw}, "", "demo", "--data", dir, "--addr", "127.0.0.1:0")
		if code != 1 || !strings.Contains(errs, "ITINERA_DEMO_PASSWORD is not accepted") || !strings.Contains(errs, want) ||
			strings.Contains(errs, "level=ERROR") {
			t.Errorf("ITINERA_DEMO_PASSWORD=%q: exit %d, stderr %q", pw, code, errs)
		}
		if matches, _ := filepath.Glob(filepath.Join(dir, "*")); len(matches) > 0 {
			t.Errorf("ITINERA_DEMO_PASSWORD=%q: the demo wrote %v", pw, matches)
		}
	}
}

var printedPasswordRE = regexp.MustCompile(`password: (\S+)`)

// The demo's printed password signs in straight to the programs: the demo
// administrator is not asked to change it.
func TestDemoPrintedPasswordSignsIn(t *testing.T) {
	t.Parallel()
	base, out := mustServe(t, nil, "demo", "--data", t.TempDir(), "--addr", "127.0.0.1:0")
	var pw string
	for deadline := time.Now().Add(10 * time.Second); pw == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := printedPasswordRE.FindStringSubmatch(out.String()); m != nil {
			pw = m[1]
		}
	}
	if len(pw) < 12 {
		t.Fatalf("printed password %q", pw)
	}
	if !strings.Contains(out.String(), "e-mail:   "+DemoAgencyEmail) {
		t.Fatalf("the agency officer's sign-in is not printed:\n%s", out.String())
	}
	// The city's officer and the national agency's sign in with it.
	for _, email := range []string{DemoEmail, DemoAgencyEmail} {
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		res, err := client.PostForm(base+"/login", url.Values{"email": {email}, "password": {pw}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/programs" {
			t.Fatalf("%s signing in with the printed password: %d to %q", email, res.StatusCode, res.Header.Get("Location"))
		}
	}
}

// A password user add makes is one-time; one given on standard input is
// the user's own, and must follow the rule.
func TestUserAddPasswords(t *testing.T) {
	t.Parallel()
	db := "sqlite:" + filepath.Join(t.TempDir(), "itinera.db")
	env := map[string]string{"ITINERA_DATABASE": db}
	if code, _, errs := runCmd(t, env, "", "migrate"); code != 0 {
		t.Fatalf("migrate: %s", errs)
	}
	code, out, errs := runCmd(t, env, "", "user", "add", "--tenant", "stl", "--tenant-name", "St. Louis Hosts",
		"--email", "admin@stl.example.org", "--role", "admin")
	if code != 0 || !strings.Contains(out, "chooses their own password") {
		t.Fatalf("user add: %d %q %q", code, out, errs)
	}
	code, _, errs = runCmd(t, env, "Password1234\n", "user", "add", "--tenant", "stl", "--email", "v@stl.example.org",
		"--role", "viewer", "--password-stdin")
	if code != 1 || !strings.Contains(errs, "too easy to guess") {
		t.Fatalf("a common password: %d %q", code, errs)
	}
	code, _, errs = runCmd(t, env, "lanterns over the mississippi\n", "user", "add", "--tenant", "stl", "--email", "v@stl.example.org",
		"--role", "viewer", "--password-stdin")
	if code != 0 {
		t.Fatalf("a good password: %d %q", code, errs)
	}
	s, err := store.Open(context.Background(), store.Options{URL: db})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for email, want := range map[string]bool{"admin@stl.example.org": true, "v@stl.example.org": false} {
		u, _, err := s.UserByEmail(context.Background(), email)
		if err != nil || u.MustChangePassword != want {
			t.Errorf("%s: MustChangePassword %v (%v), want %v", email, u.MustChangePassword, err, want)
		}
	}
}
