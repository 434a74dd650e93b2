package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"itinera"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// demoDatabase makes a SQLite database in dir holding the demo, with the
// demo's administrator when admin (as itinera demo does), and returns the
// environment that points the commands at it and the demo's tenant.
func demoDatabase(t *testing.T, dir string, admin bool) (map[string]string, itinera.Tenant) {
	t.Helper()
	db := "sqlite:" + filepath.Join(dir, "itinera.db")
	s, err := store.Open(context.Background(), store.Options{URL: db})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	tenant, _, err := ensureDemo(context.Background(), s, storetest.Clock, "http://127.0.0.1:8080")
	if err == nil && admin {
		err = ensureDemoAdmin(context.Background(), s, tenant, "correct horse battery staple")
	}
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	return map[string]string{"ITINERA_DATABASE": db}, tenant
}

// syncBuffer is a goroutine-safe buffer for a running command's output.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func envMap(m map[string]string) Env { return func(k string) string { return m[k] } }

// runCmd runs the command to completion.
func runCmd(t *testing.T, env map[string]string, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, envMap(env), IO{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

var urlRE = regexp.MustCompile(`serving at (http://[0-9.:]+)`)

// mustServe starts a serving command on port 0 and returns its base URL;
// the command is stopped, and must exit 0, when the test ends.
func mustServe(t *testing.T, env map[string]string, args ...string) (string, *syncBuffer) {
	t.Helper()
	if _, set := env["ITINERA_MAP_TILES"]; !set {
		// Tests talk to loopback only: maps are drawn without tiles.
		with := map[string]string{"ITINERA_MAP_TILES": "none"}
		for k, v := range env {
			with[k] = v
		}
		env = with
	}
	ctx, cancel := context.WithCancel(context.Background())
	out, errb := &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, args, envMap(env), IO{Stdin: strings.NewReader(""), Stdout: out, Stderr: errb})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("%v exited %d: %s", args, code, errb.String())
			}
		case <-time.After(15 * time.Second):
			t.Errorf("%v did not shut down", args)
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := urlRE.FindStringSubmatch(out.String()); m != nil {
			return m[1], out
		}
		select {
		case code := <-done:
			t.Fatalf("%v exited %d before serving: %s %s", args, code, out.String(), errb.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("%v did not start: %s", args, errb.String())
	return "", nil
}

func TestHelpAndUsageErrors(t *testing.T) {
	t.Parallel()
	code, out, _ := runCmd(t, nil, "", "--help")
	if code != 0 || !strings.Contains(out, "serve") || !strings.Contains(out, "migrate") {
		t.Fatalf("--help: %d %q", code, out)
	}
	for _, c := range []string{"demo", "serve", "migrate", "user", "token", "plan", "match", "bench", "outbox"} {
		code, out, errs := runCmd(t, nil, "", c, "--help")
		if code != 0 || !strings.Contains(out, "Usage:") || !strings.Contains(out, "itinera "+c) {
			t.Errorf("%s --help: exit %d, stdout %q stderr %q", c, code, out, errs)
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "Commands:"},
		{[]string{"fly"}, `unknown command "fly"`},
		{[]string{"serve", "--no-such-flag"}, "flag provided but not defined: -no-such-flag"},
		{[]string{"serve"}, "no database"},
		{[]string{"migrate", "--log-format", "xml", "--database", "sqlite::memory:"}, "--log-format"},
		{[]string{"user", "add", "--email", "a@example.org", "--role", "boss"}, "--role"},
		{[]string{"user", "remove"}, "itinera user add"},
		{[]string{"token", "create"}, "--email is required"},
		{[]string{"demo", "extra"}, `unexpected argument "extra"`},
	} {
		code, _, errs := runCmd(t, nil, "", tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errs, tc.want)
		}
	}
}

func TestDatabaseThatCannotOpen(t *testing.T) {
	t.Parallel()
	for _, db := range []string{"sqlite:/nonexistent-dir/x/itinera.db", "postgres://nobody@127.0.0.1:1/none?connect_timeout=2", "mysql://x"} {
		code, _, errs := runCmd(t, nil, "", "serve", "--database", db, "--addr", "127.0.0.1:0")
		if code != 1 || !strings.Contains(errs, "cannot open the database") {
			t.Errorf("serve --database %s: exit %d, stderr %q", db, code, errs)
		}
	}
}

// TestLifecycle runs the administrator's path on both databases: serve
// refuses a stale schema, migrate, add a user, create a token, serve, use
// the API with the token, shut down.
func TestLifecycle(t *testing.T) {
	t.Parallel()
	dbs := map[string]string{
		"sqlite":   "sqlite:" + filepath.Join(t.TempDir(), "itinera.db"),
		"postgres": storetest.PostgresSchemaURL(t),
	}
	for name, db := range dbs {
		t.Run(name, func(t *testing.T) {
			env := map[string]string{"ITINERA_DATABASE": db}
			code, _, errs := runCmd(t, env, "", "serve", "--addr", "127.0.0.1:0")
			if code != 1 || !strings.Contains(errs, "itinera migrate") {
				t.Fatalf("serve on an empty database: exit %d %q", code, errs)
			}
			if code, out, errs := runCmd(t, env, "", "migrate"); code != 0 || !strings.Contains(out, fmt.Sprintf("now at version %d", store.LatestVersion())) {
				t.Fatalf("migrate: %d %q %q", code, out, errs)
			}
			if code, out, _ := runCmd(t, env, "", "migrate"); code != 0 || !strings.Contains(out, "current") {
				t.Fatalf("second migrate: %d %q", code, out)
			}
			code, out, errs := runCmd(t, env, "", "user", "add", "--tenant", "stl", "--email", "a@example.org", "--role", "admin")
			if code != 1 || !strings.Contains(errs, "--tenant-name") {
				t.Fatalf("user add for a missing tenant: %d %q", code, errs)
			}
			code, out, errs = runCmd(t, env, "", "user", "add", "--tenant", "stl", "--tenant-name", "St. Louis Hosts",
				"--email", "Admin@Example.org", "--role", "admin")
			if code != 0 || !regexp.MustCompile(`Password \(shown once.*\): \S{20}`).MatchString(out) {
				t.Fatalf("user add: %d %q %q", code, out, errs)
			}
			code, _, errs = runCmd(t, env, "short\n", "user", "add", "--tenant", "stl", "--email", "v@example.org", "--role", "viewer", "--password-stdin")
			if code != 1 || !strings.Contains(errs, "at least 12") {
				t.Fatalf("short password: %d %q", code, errs)
			}
			code, out, errs = runCmd(t, env, "", "token", "create", "--email", "admin@example.org")
			lines := strings.Split(strings.TrimSpace(out), "\n")
			token := lines[len(lines)-1]
			if code != 0 || len(token) != 43 {
				t.Fatalf("token create: %d %q %q", code, out, errs)
			}
			if code, out, errs = runCmd(t, env, "", "token", "create", "--email", "admin@example.org", "--access", "read"); code != 0 || !strings.Contains(out, "read access") {
				t.Fatalf("token create --access read: %d %q %q", code, out, errs)
			}
			if code, _, errs = runCmd(t, env, "", "token", "create", "--email", "admin@example.org", "--access", "root"); code != 1 || !strings.Contains(errs, "access") {
				t.Fatalf("token create --access root: %d %q", code, errs)
			}

			base, _ := mustServe(t, env, "serve", "--addr", "127.0.0.1:0", "--log-format", "json")
			for _, path := range []string{"/healthz", "/readyz"} {
				res, err := http.Get(base + path)
				if err != nil || res.StatusCode != 200 {
					t.Fatalf("GET %s: %v %v", path, err, res)
				}
				res.Body.Close()
			}
			req, _ := http.NewRequest("GET", base+"/api/v1/programs", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var body struct {
				Programs []json.RawMessage `json:"programs"`
			}
			if err := json.NewDecoder(res.Body).Decode(&body); err != nil || res.StatusCode != 200 || body.Programs == nil {
				t.Fatalf("GET /api/v1/programs: %d %v %+v", res.StatusCode, err, body)
			}
		})
	}
}

// TestDemoStartsTwice loads the demo once and reuses it on the next start.
func TestDemoStartsTwice(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env := map[string]string{"ITINERA_DEMO_PASSWORD": "a demo password"}
	for i, wantLoad := range []bool{true, false} {
		func() {
			ctx, cancel := context.WithCancel(context.Background())
			pr, pw := io.Pipe()
			done := make(chan int, 1)
			go func() {
				done <- Run(ctx, []string{"demo", "--data", dir, "--addr", "127.0.0.1:0"}, envMap(env), IO{Stdout: pw, Stderr: io.Discard})
				pw.Close()
			}()
			sc := bufio.NewScanner(pr)
			var text strings.Builder
			for sc.Scan() {
				text.WriteString(sc.Text() + "\n")
				if strings.HasPrefix(sc.Text(), "E-mail is not sent") {
					break
				}
			}
			cancel()
			go io.Copy(io.Discard, pr)
			if code := <-done; code != 0 {
				t.Fatalf("start %d: exit %d", i+1, code)
			}
			out := text.String()
			if strings.Contains(out, "Loaded the demo program") != wantLoad || !strings.Contains(out, DemoEmail) || !strings.Contains(out, DemoAgencyEmail) ||
				!strings.Contains(out, "password: a demo password") {
				t.Fatalf("start %d printed %q", i+1, out)
			}
		}()
	}
}

// ITINERA_TRUSTED_PROXIES reaches the server: behind a trusted proxy the
// request log names the client from X-Forwarded-For; a wrong value is a
// usage error.
func TestTrustedProxiesFromEnvironment(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"serve", "--database", "sqlite::memory:"}, {"demo", "--data", t.TempDir()}} {
		code, _, errs := runCmd(t, map[string]string{"ITINERA_TRUSTED_PROXIES": "10.0.0.0/8, proxy.internal"}, "", args...)
		if code != 2 || !strings.Contains(errs, "ITINERA_TRUSTED_PROXIES") || !strings.Contains(errs, "proxy.internal") {
			t.Errorf("%v with a wrong ITINERA_TRUSTED_PROXIES: exit %d, %q", args, code, errs)
		}
	}

	db := "sqlite:" + filepath.Join(t.TempDir(), "itinera.db")
	if code, _, errs := runCmd(t, nil, "", "migrate", "--database", db); code != 0 {
		t.Fatalf("migrate: %d %s", code, errs)
	}
	for _, tc := range []struct{ trusted, want string }{
		{"127.0.0.0/8", "client=198.51.100.9"},
		{"", "client=127.0.0.1"},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		out, errb := &syncBuffer{}, &syncBuffer{}
		done := make(chan int, 1)
		env := envMap(map[string]string{"ITINERA_DATABASE": db, "ITINERA_TRUSTED_PROXIES": tc.trusted})
		go func() {
			done <- Run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, env, IO{Stdin: strings.NewReader(""), Stdout: out, Stderr: errb})
		}()
		var base string
		for deadline := time.Now().Add(20 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if m := urlRE.FindStringSubmatch(out.String()); m != nil {
				base = m[1]
			}
		}
		if base == "" {
			cancel()
			t.Fatalf("serve did not start: %s", errb.String())
		}
		req, _ := http.NewRequest("GET", base+"/healthz", nil)
		req.Header.Set("X-Forwarded-For", "198.51.100.9")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		cancel()
		if code := <-done; code != 0 {
			t.Fatalf("serve exited %d: %s", code, errb.String())
		}
		if !strings.Contains(errb.String(), tc.want) {
			t.Errorf("trusted %q: the log lacks %s:\n%s", tc.trusted, tc.want, errb.String())
		}
	}
}
