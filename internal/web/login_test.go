package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"itinera/internal/auth"
)

func TestSignInAndOut(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.client()

	res, _ := c.get("/programs")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login?next=%2Fprograms" {
		t.Fatalf("anonymous GET /programs: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	_, doc := c.page("/login?next=%2Fprograms%2F1", http.StatusOK)
	doc.one(t, "form#login input#email[type=email]")
	doc.one(t, "label[for=password]")
	if got := doc.one(t, "input[name=next]").attr("value"); got != "/programs/1" {
		t.Errorf("next = %q", got)
	}

	res, _ = c.postRaw("/login", url.Values{"email": {"  Officer@Alpha.example.org "}, "password": {password},
		"next": {"/directory"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/directory" {
		t.Fatalf("sign in: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	var cookie *http.Cookie
	for _, ck := range res.Cookies() {
		if ck.Name == sessionCookie {
			cookie = ck
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Path != "/" || cookie.Secure {
		t.Fatalf("session cookie %+v", cookie)
	}
	if _, _, err := e.store.SessionByTokenHash(ctx, auth.HashToken(cookie.Value), e.ui.now()); err != nil {
		t.Fatalf("session not stored under the token's hash: %v", err)
	}
	_, doc = c.page("/directory", http.StatusOK)
	csrf := doc.one(t, "form[action=/logout] input[name=csrf_token]").attr("value")

	res, _ = c.postRaw("/logout", url.Values{"csrf_token": {csrf}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login" {
		t.Fatalf("sign out: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if got := c.follow(res).one(t, "#flash").Text(); got != "You have signed out." {
		t.Errorf("flash %q", got)
	}
	if _, _, err := e.store.SessionByTokenHash(ctx, auth.HashToken(cookie.Value), e.ui.now()); err == nil {
		t.Fatal("session still live after sign-out")
	}
	if res, _ := c.get("/programs"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("after sign-out GET /programs: %d", res.StatusCode)
	}
}

func TestSignInFailuresLookAlike(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	var bodies []string
	for _, f := range []url.Values{
		{"email": {"nobody@alpha.example.org"}, "password": {password}},
		{"email": {"officer@alpha.example.org"}, "password": {"wrong password"}},
		{"email": {"not an address"}, "password": {"x"}},
	} {
		res, body := e.client().postRaw("/login", f)
		if res.StatusCode != http.StatusUnauthorized {
			t.Errorf("%v: status %d", f, res.StatusCode)
		}
		doc := parseHTML(t, body)
		bodies = append(bodies, doc.one(t, "#login-error").Text())
		if got := doc.one(t, "input#email").attr("value"); got != f.Get("email") {
			t.Errorf("typed e-mail not kept: %q", got)
		}
		for _, ck := range res.Cookies() {
			if ck.Name == sessionCookie {
				t.Errorf("failed sign-in set a session cookie")
			}
		}
	}
	for _, b := range bodies {
		if b != loginFailed {
			t.Errorf("message %q, want %q", b, loginFailed)
		}
	}
}

func TestSignInRenewsSession(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	u, _ := url.Parse(e.srv.URL)
	old := ""
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == sessionCookie {
			old = ck.Value
		}
	}
	res, _ := c.postRaw("/login", url.Values{"email": {e.a.viewer.Email}, "password": {password}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("second sign-in: %d", res.StatusCode)
	}
	if _, _, err := e.store.SessionByTokenHash(ctx, auth.HashToken(old), e.ui.now()); err == nil {
		t.Fatal("the previous session survived a new sign-in")
	}
	_, doc := c.page("/programs", http.StatusOK)
	if got := doc.one(t, ".account .who").Text(); !strings.Contains(got, "viewer") {
		t.Errorf("signed in as %q, want the viewer", got)
	}
}

func TestSecureCookies(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	e.ui.secure = true
	res, _ := e.client().postRaw("/login", url.Values{"email": {e.a.officer.Email}, "password": {password}})
	for _, ck := range res.Cookies() {
		if ck.Name == sessionCookie && !ck.Secure {
			t.Fatal("session cookie not Secure with SecureCookies")
		}
	}
}

func TestSignInRateLimited(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.client()
	wrong := url.Values{"email": {e.a.officer.Email}, "password": {"guess"}}
	for i := 0; i < 10; i++ {
		if res, _ := c.postRaw("/login", wrong); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d", i+1, res.StatusCode)
		}
	}
	right := url.Values{"email": {e.a.officer.Email}, "password": {password}}
	res, body := c.postRaw("/login", right)
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("11th attempt: %d", res.StatusCode)
	}
	parseHTML(t, body).one(t, "#login-error")
	// Another e-mail from the same address is not held back.
	if res, _ := c.postRaw("/login", url.Values{"email": {e.a.viewer.Email}, "password": {password}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("other account: %d", res.StatusCode)
	}
}

func TestNextStaysOnSite(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":                     "/programs",
		"/programs/3":          "/programs/3",
		"//evil.example":       "/programs",
		"/\\evil.example":      "/programs",
		"https://evil.example": "/programs",
		"/directory?q=a":       "/directory?q=a",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

// hostileNext are post-sign-in destinations that lead, in a browser, to
// another site or to something other than a page of this one.
var hostileNext = []string{
	"//evil.example",
	"/\\evil.example",
	"\\\\evil.example",
	"/\t/evil.example",
	"/\t\\evil.example",
	"\t//evil.example",
	"/\r\n/evil.example",
	"/\n/evil.example",
	" //evil.example",
	"/%09/evil.example",
	"/%2F/evil.example",
	"/%2f%2fevil.example",
	"/%5Cevil.example",
	"/%5c%5cevil.example",
	"https://evil.example",
	"http:evil.example",
	"HTTPS://evil.example/programs",
	"javascript:alert(1)",
	"data:text/html,hi",
	"evil.example",
	"///evil.example",
	"/\x00/evil.example",
	"/\x7f/evil.example",
	"/\u3000/evil.example",
	"//evil.example/%2F..",
}

// offSite reports whether a browser following loc from the site at base
// would leave it: browsers drop tabs and line breaks from addresses and
// read backslashes as slashes.
func offSite(t *testing.T, base, loc string) bool {
	t.Helper()
	loc = strings.NewReplacer("\t", "", "\r", "", "\n", "", "\\", "/").Replace(loc)
	b, err := url.Parse(base)
	must(t, err)
	u, err := url.Parse(loc)
	if err != nil {
		return true
	}
	got := b.ResolveReference(u)
	return got.Host != b.Host || got.Scheme != b.Scheme
}

// After signing in, and when a signed-in browser opens the sign-in page, a
// hostile next sends it to the programs, never to another site.
func TestSignInNextStaysOnSite(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	signedIn := e.signIn(e.a.viewer)
	for _, next := range hostileNext {
		c := e.client()
		_, doc := c.page("/login?next="+url.QueryEscape(next), http.StatusOK)
		if got := doc.one(t, "input[name=next]").attr("value"); got != "/programs" {
			t.Errorf("GET /login?next=%q: form keeps next %q", next, got)
		}
		res, _ := c.postRaw("/login", url.Values{"email": {e.a.officer.Email}, "password": {password}, "next": {next}})
		if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/programs" || offSite(t, e.srv.URL, loc) {
			t.Errorf("sign in with next %q: %d to %q", next, res.StatusCode, loc)
		}
		res, _ = signedIn.get("/login?next=" + url.QueryEscape(next))
		if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/programs" || offSite(t, e.srv.URL, loc) {
			t.Errorf("signed in, GET /login?next=%q: %d to %q", next, res.StatusCode, loc)
		}
	}
	// Pages of the site are still reached, cleaned.
	for next, want := range map[string]string{"/programs/3": "/programs/3", "/directory?q=a%20b": "/directory?q=a%20b",
		"/outbox?status=failed&page=2": "/outbox?status=failed&page=2", "/.//evil.example": "/evil.example",
		"/programs/../directory#top": "/directory"} {
		res, _ := e.client().postRaw("/login", url.Values{"email": {e.a.officer.Email}, "password": {password}, "next": {next}})
		if loc := res.Header.Get("Location"); loc != want {
			t.Errorf("sign in with next %q: to %q, want %q", next, loc, want)
		}
	}
}
