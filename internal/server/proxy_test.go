package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

func TestParseTrustedProxies(t *testing.T) {
	t.Parallel()
	got, err := ParseTrustedProxies(" 10.0.0.0/8, 192.0.2.7 ,fd00::/8,,::ffff:198.51.100.1, 172.16.5.4/12")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"10.0.0.0/8", "192.0.2.7/32", "fd00::/8", "198.51.100.1/32", "172.16.0.0/12"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("%d: %s, want %s", i, got[i], want[i])
		}
	}
	if got, err := ParseTrustedProxies(""); err != nil || len(got) != 0 {
		t.Errorf("empty: %v %v", got, err)
	}
	for _, bad := range []string{"10.0.0.0/33", "proxy.internal", "10.0.0.0/8; 192.0.2.1", "*"} {
		if _, err := ParseTrustedProxies(bad); err == nil {
			t.Errorf("ParseTrustedProxies(%q) accepted", bad)
		}
	}
}

// The client is the right-most address of X-Forwarded-For that is not a
// trusted proxy, and only when the connection comes from one.
func TestClientAddress(t *testing.T) {
	t.Parallel()
	trusted, err := ParseTrustedProxies("10.0.0.0/8, 192.0.2.7, fd00::/8")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		peer string
		xff  []string
		want string
	}{
		{"203.0.113.5:4711", nil, "203.0.113.5"},
		{"203.0.113.5:4711", []string{"198.51.100.9"}, "203.0.113.5"}, // not a proxy: the header is the client's own
		{"10.0.0.2:4711", nil, "10.0.0.2"},
		{"10.0.0.2:4711", []string{"198.51.100.9"}, "198.51.100.9"},
		{"10.0.0.2:4711", []string{"6.6.6.6, 198.51.100.9"}, "198.51.100.9"},              // the left part is the client's invention
		{"10.0.0.2:4711", []string{"198.51.100.9, 10.0.0.3"}, "198.51.100.9"},             // two proxies
		{"10.0.0.2:4711", []string{"6.6.6.6", "198.51.100.9, 192.0.2.7"}, "198.51.100.9"}, // two header lines
		{"10.0.0.2:4711", []string{"garbage, 198.51.100.9"}, "198.51.100.9"},
		{"10.0.0.2:4711", []string{"198.51.100.9, garbage"}, "10.0.0.2"},
		{"10.0.0.2:4711", []string{"10.1.1.1"}, "10.1.1.1"}, // all trusted: the left-most
		{"10.0.0.2:4711", []string{"198.51.100.9:5555"}, "198.51.100.9"},
		{"10.0.0.2:4711", []string{"::ffff:198.51.100.9"}, "198.51.100.9"},
		{"[fd00::1]:443", []string{"2001:db8::7"}, "2001:db8::7"},
		{"[fd00::1]:443", []string{"[2001:db8::7]:5555"}, "2001:db8::7"},
		{"[::ffff:10.0.0.2]:443", []string{"198.51.100.9"}, "198.51.100.9"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.peer
		for _, h := range tc.xff {
			r.Header.Add("X-Forwarded-For", h)
		}
		got, ok := clientAddr(r, trusted)
		if !ok || got != netip.MustParseAddr(tc.want) {
			t.Errorf("peer %s, X-Forwarded-For %q: %v %v, want %s", tc.peer, tc.xff, got, ok, tc.want)
		}
	}
}

// proxied is a server behind a reverse proxy at 10.0.0.2, with an
// organization, its officer and viewer, an API token, a household's
// personal link and a calendar feed.
type proxied struct {
	h                        http.Handler
	store                    *store.Store
	officer, viewer          itinera.User
	apiToken, hostLink, feed string // secret tokens
}

const proxyPeer = "10.0.0.2:4711"

func mustProxied(t *testing.T) *proxied {
	t.Helper()
	ctx := context.Background()
	s := storetest.Default(t)
	trusted, err := ParseTrustedProxies("10.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	hasher := auth.PasswordHasher{Memory: 1024, Time: 1, Threads: 1}
	a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: storetest.Now, Hasher: hasher})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{App: a, Database: s, Now: storetest.Now, Hasher: hasher, TrustedProxies: trusted})
	if err != nil {
		t.Fatal(err)
	}
	p := &proxied{h: srv.Handler(), store: s}
	tenant := itinera.Tenant{Slug: "stl", Name: "St. Louis Hosts", TimeZone: "America/Chicago"}
	must(t, s.CreateTenant(ctx, &tenant))
	hash, err := hasher.Hash(password)
	must(t, err)
	p.officer = itinera.User{TenantID: tenant.ID, Email: "officer@stl.example.org", Role: itinera.RoleOfficer}
	must(t, s.CreateUser(ctx, &p.officer, hash))
	p.viewer = itinera.User{TenantID: tenant.ID, Email: "viewer@stl.example.org", Role: itinera.RoleViewer}
	must(t, s.CreateUser(ctx, &p.viewer, hash))
	var tokenHash string
	p.apiToken, tokenHash, err = auth.NewToken()
	must(t, err)
	must(t, s.CreateAPIToken(ctx, &itinera.APIToken{UserID: p.officer.ID, Name: "reports", TokenHash: tokenHash}))
	p.hostLink, tokenHash, err = auth.NewToken()
	must(t, err)
	h := itinera.HostHousehold{TenantID: tenant.ID, Name: "The Brennan household", Address: "3915 Connecticut St, St. Louis, MO",
		Lat: 38.5957, Lon: -90.2559, ContactName: "Kathleen Brennan", Email: "kb@example.com", Languages: []string{"English"},
		Capacity: 2, FreeWeekdays: []time.Weekday{time.Sunday}}
	must(t, s.SignUpHousehold(ctx, &h, itinera.HouseholdLink{TokenHash: tokenHash, ExpiresAt: storetest.Clock.Add(time.Hour)}))
	prog := itinera.Program{TenantID: tenant.ID, Title: "Combating Trafficking in Persons", ProjectType: "IVLP", City: "St. Louis",
		TimeZone: "America/Chicago", StartDate: itinera.MustDate("2026-12-05"), EndDate: itinera.MustDate("2026-12-09")}
	must(t, s.CreateProgram(ctx, &prog))
	p.feed, tokenHash, err = auth.NewToken()
	must(t, err)
	must(t, s.IssueFeed(ctx, &itinera.Feed{TenantID: tenant.ID, ProgramID: prog.ID, Kind: itinera.FeedProgram, TokenHash: tokenHash}))
	return p
}

const password = "correct horse battery staple"

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// call sends a request through the proxy for client; hdr are extra headers
// ("X-Forwarded-For" is added to, as a proxy does).
func (p *proxied) call(method, path, client string, form url.Values, hdr map[string]string) *httptest.ResponseRecorder {
	var r *http.Request
	if form != nil {
		r = httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		r = httptest.NewRequest(method, path, nil)
	}
	r.RemoteAddr = proxyPeer
	for k, v := range hdr {
		r.Header.Set(k, v)
	}
	if prior := r.Header.Get("X-Forwarded-For"); prior != "" {
		r.Header.Set("X-Forwarded-For", prior+", "+client)
	} else {
		r.Header.Set("X-Forwarded-For", client)
	}
	w := httptest.NewRecorder()
	p.h.ServeHTTP(w, r)
	return w
}

func (p *proxied) signIn(client, email, pw string) *httptest.ResponseRecorder {
	return p.call("POST", "/login", client, url.Values{"email": {email}, "password": {pw}}, nil)
}

func wantRetryAfter(t *testing.T, w *httptest.ResponseRecorder, what string) {
	t.Helper()
	if w.Code != http.StatusTooManyRequests {
		t.Fatalf("%s: %d, want 429", what, w.Code)
	}
	if n, err := strconv.Atoi(w.Header().Get("Retry-After")); err != nil || n < 1 {
		t.Errorf("%s: Retry-After %q", what, w.Header().Get("Retry-After"))
	}
}

// Sign-in is limited per client address and per account, behind a proxy
// by the client's address; successful sign-ins do not count.
func TestSignInLimitsBehindProxy(t *testing.T) {
	t.Parallel()
	p := mustProxied(t)
	attacker, user := "203.0.113.7", "198.51.100.9"

	// Successes never count: 50 sign-ins from one address, one account.
	for i := 0; i < 50; i++ {
		if w := p.signIn("198.51.100.50", p.viewer.Email, password); w.Code != http.StatusSeeOther {
			t.Fatalf("sign-in %d: %d", i+1, w.Code)
		}
	}

	// One address trying many accounts runs out of tries; the client
	// first sent a made-up X-Forwarded-For, which changes nothing.
	spoof := map[string]string{"X-Forwarded-For": "1.2.3.4"}
	for i := 0; ; i++ {
		w := p.call("POST", "/login", attacker, url.Values{"email": {"guess" + strconv.Itoa(i) + "@stl.example.org"}, "password": {"hunter2"}}, spoof)
		if w.Code == http.StatusTooManyRequests {
			if i < 10 {
				t.Fatalf("address limited after %d tries", i)
			}
			break
		}
		if w.Code != http.StatusUnauthorized || i > 100 {
			t.Fatalf("try %d: %d", i+1, w.Code)
		}
		spoof["X-Forwarded-For"] = "1.2.3." + strconv.Itoa(i%250)
	}
	wantRetryAfter(t, p.signIn(attacker, p.officer.Email, password), "the limited address, right password")
	// Everyone else behind the same proxy signs in.
	if w := p.signIn(user, p.officer.Email, password); w.Code != http.StatusSeeOther {
		t.Fatalf("another client: %d", w.Code)
	}

	// Many addresses trying one account: the account runs out of tries.
	limited := false
	for i := 1; i <= 30 && !limited; i++ {
		w := p.signIn("192.0.2."+strconv.Itoa(i), p.viewer.Email, "wrong password "+strconv.Itoa(i))
		switch w.Code {
		case http.StatusUnauthorized:
		case http.StatusTooManyRequests:
			limited = true
			if i < 5 {
				t.Fatalf("account limited after %d tries", i)
			}
		default:
			t.Fatalf("try %d: %d", i, w.Code)
		}
	}
	if !limited {
		t.Fatal("30 wrong passwords for one account from 30 addresses were never limited")
	}
	wantRetryAfter(t, p.signIn("192.0.2.200", p.viewer.Email, password), "the limited account from a new address")
}

// Guessing personal links and calendar addresses from one address blocks
// that address only: everyone else's links keep working.
func TestLinkGuessingBlocksOnlyTheGuesser(t *testing.T) {
	t.Parallel()
	p := mustProxied(t)
	attacker, user := "203.0.113.7", "198.51.100.9"
	guess := func(i int) string {
		s := strconv.Itoa(i)
		return strings.Repeat("A", auth.TokenBytes*4/3+1-len(s)) + s
	}
	for _, kind := range []struct{ prefix, suffix, valid string }{
		{"/r/", "", ""},
		{"/h/", "", p.hostLink},
		{"/feeds/", ".ics", p.feed},
	} {
		blocked := false
		for i := 0; i < 100 && !blocked; i++ {
			hdr := map[string]string{"X-Forwarded-For": "1.2.3." + strconv.Itoa(i)} // made up by the client
			switch w := p.call("GET", kind.prefix+guess(i)+kind.suffix, attacker, nil, hdr); w.Code {
			case http.StatusNotFound:
			case http.StatusTooManyRequests:
				blocked = true
			default:
				t.Fatalf("%s guess %d: %d", kind.prefix, i, w.Code)
			}
		}
		if !blocked {
			t.Fatalf("100 wrong %s links from one address were never limited", kind.prefix)
		}
		wantRetryAfter(t, p.call("GET", kind.prefix+guess(999)+kind.suffix, attacker, nil, nil), "the guesser, "+kind.prefix)
		if kind.valid == "" {
			continue
		}
		wantRetryAfter(t, p.call("GET", kind.prefix+kind.valid+kind.suffix, attacker, nil, nil), "the guesser's own valid "+kind.prefix+" link")
		for _, c := range []string{user, "198.51.100.10", "2001:db8::5"} {
			if w := p.call("GET", kind.prefix+kind.valid+kind.suffix, c, nil, nil); w.Code != http.StatusOK {
				t.Errorf("%s opens a valid %s link: %d", c, kind.prefix, w.Code)
			}
		}
	}
}

// Wrong API tokens are limited per client address, with 429 and
// Retry-After; valid tokens never count, and other addresses go on.
func TestAPITokenGuessingLimitedPerAddress(t *testing.T) {
	t.Parallel()
	p := mustProxied(t)
	attacker, user := "203.0.113.7", "198.51.100.9"
	bearer := func(tok string) map[string]string { return map[string]string{"Authorization": "Bearer " + tok} }

	for i := 0; i < 60; i++ {
		if w := p.call("GET", "/api/v1/programs", "198.51.100.77", nil, bearer(p.apiToken)); w.Code != http.StatusOK {
			t.Fatalf("valid request %d: %d", i+1, w.Code)
		}
	}
	limited := false
	for i := 0; i < 100 && !limited; i++ {
		tok, _, err := auth.NewToken()
		must(t, err)
		switch w := p.call("GET", "/api/v1/programs", attacker, nil, bearer(tok)); w.Code {
		case http.StatusUnauthorized:
		case http.StatusTooManyRequests:
			limited = true
			if i < 5 {
				t.Fatalf("limited after %d wrong tokens", i)
			}
			if !strings.Contains(w.Body.String(), `"too_many_requests"`) {
				t.Errorf("429 body %s", w.Body)
			}
		default:
			t.Fatalf("wrong token %d: %d", i+1, w.Code)
		}
	}
	if !limited {
		t.Fatal("100 wrong tokens from one address were never limited")
	}
	wantRetryAfter(t, p.call("GET", "/api/v1/programs", attacker, nil, bearer("garbage")), "a malformed token")
	wantRetryAfter(t, p.call("GET", "/api/v1/programs", attacker, nil, bearer(p.apiToken)), "a valid token from the guessing address")
	if w := p.call("GET", "/api/v1/programs", user, nil, bearer(p.apiToken)); w.Code != http.StatusOK {
		t.Fatalf("a valid token from another address: %d", w.Code)
	}
}
