package server

import (
	"net/http"
	"strings"
	"testing"
)

// The API reference is public on the whole server: no sign-in, no cookie,
// the site's security headers; its stylesheet is allowed by the CSP.
func TestAPIDocsPublic(t *testing.T) {
	t.Parallel()
	h := mustServer(t, nil).Handler()
	w := get(t, h, "/api/docs", nil)
	if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("GET /api/docs = %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	if c := w.Header().Get("Set-Cookie"); c != "" {
		t.Errorf("the public page sets a cookie: %s", c)
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "style-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
	body := w.Body.String()
	start := strings.Index(body, `<link rel="stylesheet" href="`)
	if start < 0 {
		t.Fatal("no stylesheet link")
	}
	href, _, _ := strings.Cut(body[start+len(`<link rel="stylesheet" href="`):], `"`)
	if css := get(t, h, href, nil); css.Code != http.StatusOK || !strings.HasPrefix(css.Header().Get("Content-Type"), "text/css") {
		t.Errorf("GET %s = %d %s", href, css.Code, css.Header().Get("Content-Type"))
	}
}
