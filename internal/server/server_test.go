package server

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/storetest"
	"itinera/internal/web"
)

func mustServer(t *testing.T, db Database) *Server {
	t.Helper()
	s := storetest.Default(t)
	if db == nil {
		db = s
	}
	a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: storetest.Now})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{App: a, Database: db, Now: storetest.Now,
		Hasher: auth.PasswordHasher{Memory: 1024, Time: 1, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

func get(t *testing.T, h http.Handler, path string, hdr map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("GET", path, nil)
	for k, v := range hdr {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestHealthAndReadiness(t *testing.T) {
	t.Parallel()
	h := mustServer(t, nil).Handler()
	for _, path := range []string{"/healthz", "/readyz"} {
		if w := get(t, h, path, nil); w.Code != 200 {
			t.Errorf("GET %s = %d %s", path, w.Code, w.Body)
		}
	}
}

type fakeDB struct{ ping, schema error }

func (f fakeDB) Ping(context.Context) error        { return f.ping }
func (f fakeDB) CheckSchema(context.Context) error { return f.schema }
func (f fakeDB) DeleteExpiredSessions(context.Context, time.Time) (int, error) {
	return 0, nil
}

// The readiness check reports an unreachable database or a stale schema
// without their internal text.
func TestNotReady(t *testing.T) {
	t.Parallel()
	for _, db := range []fakeDB{{ping: errors.New("dial tcp 10.0.0.1: secret detail")}, {schema: errors.New("schema at 0, secret detail")}} {
		w := get(t, mustServer(t, db).Handler(), "/readyz", nil)
		if w.Code != 503 || strings.Contains(w.Body.String(), "secret") {
			t.Errorf("readyz with %+v = %d %q", db, w.Code, w.Body)
		}
		if w := get(t, mustServer(t, db).Handler(), "/healthz", nil); w.Code != 200 {
			t.Errorf("healthz with %+v = %d", db, w.Code)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	w := get(t, mustServer(t, nil).Handler(), "/login", nil)
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"} {
		if w.Header().Get(h) == "" {
			t.Errorf("missing %s", h)
		}
	}
}

// A form posted from another site is refused before any handler runs, on
// the UI and on the API.
func TestCrossOriginRefused(t *testing.T) {
	t.Parallel()
	h := mustServer(t, nil).Handler()
	for _, path := range []string{"/login", "/api/v1/programs"} {
		r := httptest.NewRequest("POST", path, strings.NewReader("email=a%40b.org&password=x"))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Sec-Fetch-Site", "cross-site")
		r.Header.Set("Origin", "https://evil.example")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusForbidden {
			t.Errorf("cross-site POST %s = %d", path, w.Code)
		}
	}
}

// Serve stops when its context ends and waits for running requests.
func TestServeShutsDown(t *testing.T) {
	t.Parallel()
	srv := mustServer(t, nil)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln, 5*time.Second) }()
	res, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", err, res)
	}
	res.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
		t.Fatal("still serving after shutdown")
	}
}

func TestRedactPath(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"/r/secret-token":         "/r/…",
		"/r/secret-token/answer":  "/r/…/answer",
		"/feeds/secret.ics":       "/feeds/….ics",
		"/feeds/12/revoke":        "/feeds/…/revoke",
		"/h/secret":               "/h/…",
		"/programs/3":             "/programs/3",
		"/r/":                     "/r/",
		"/api/v1/requests/4/send": "/api/v1/requests/4/send",
	} {
		if got := redactPath(in); got != want {
			t.Errorf("redactPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMapTilesInContentSecurityPolicy: the pages may load map tiles from
// the configured tile server, and from nowhere else.
func TestMapTilesInContentSecurityPolicy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		tiles, want, not string
	}{
		{"", "img-src 'self' data: https://tile.openstreetmap.org;", ""},
		{"https://tiles.example.org/osm/{z}/{x}/{y}.png", "img-src 'self' data: https://tiles.example.org;", "openstreetmap"},
		{"none", "img-src 'self' data:;", "http"},
	} {
		if got := contentSecurityPolicy(web.MapConfig{TileURL: tc.tiles}.TileOrigin()); !strings.Contains(got, tc.want) ||
			(tc.not != "" && strings.Contains(got, tc.not)) {
			t.Errorf("tiles %q: %s", tc.tiles, got)
		}
	}
}
