package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"itinera/internal/auth"
)

func TestAuthentication(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	unknown, _, err := auth.NewToken()
	must(t, err)
	tests := []struct {
		name      string
		header    string // Authorization
		cookie    bool   // a session-like cookie, which the API ignores
		wantCode  int
		challenge string
	}{
		{"missing", "", false, http.StatusUnauthorized, `Bearer realm="itinera"`},
		{"only a cookie", "", true, http.StatusUnauthorized, `Bearer realm="itinera"`},
		{"basic scheme", "Basic b2ZmaWNlcjpzZWNyZXQ=", false, http.StatusUnauthorized, `error="invalid_request"`},
		{"bearer without token", "Bearer ", false, http.StatusUnauthorized, `error="invalid_request"`},
		{"garbage", "Bearer not-a-token", false, http.StatusUnauthorized, `error="invalid_token"`},
		{"unknown token", "Bearer " + unknown, false, http.StatusUnauthorized, `error="invalid_token"`},
		{"valid", "Bearer " + e.officerA, false, http.StatusOK, ""},
		{"valid, lower-case scheme", "bearer " + e.viewerA, false, http.StatusOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := httptest.NewRequest("GET", "/api/v1/programs", nil)
			if tt.header != "" {
				req.Header.Set("Authorization", tt.header)
			}
			if tt.cookie {
				req.AddCookie(&http.Cookie{Name: "itinera_session", Value: e.officerA})
			}
			rec := httptest.NewRecorder()
			e.mux.ServeHTTP(rec, req)
			r := response{rec, t}
			r.expect(tt.wantCode)
			if tt.wantCode != http.StatusUnauthorized {
				return
			}
			if code, _, _ := r.apiError(); code != "unauthorized" {
				t.Errorf("code %q, want unauthorized", code)
			}
			if got := rec.Header().Get("WWW-Authenticate"); !strings.HasPrefix(got, "Bearer") || !strings.Contains(got, tt.challenge) {
				t.Errorf("WWW-Authenticate %q, want %q", got, tt.challenge)
			}
		})
	}
}

// TestEveryRouteNeedsToken: no route but the OpenAPI document answers
// without a token, and none leaks data in its 401.
func TestEveryRouteNeedsToken(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	for _, rt := range e.api.routes() {
		path, body := e.target(rt)
		r := e.do(rt.method, path, "", body)
		if rt.access == public {
			r.expect(http.StatusOK)
			continue
		}
		r.expect(http.StatusUnauthorized)
		if code, _, _ := r.apiError(); code != "unauthorized" {
			t.Errorf("%s %s: code %q", rt.method, rt.path, code)
		}
	}
}

// TestTokenLookupUsesHash: the stored hash of a token does not work as a
// token, so a leaked database row does not open the API.
func TestTokenLookupUsesHash(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	// The store only knows hashes: the hash itself is not a token.
	u, err := e.store.UserByAPITokenHash(context.Background(), auth.HashToken(e.officerA))
	must(t, err)
	if u.Email != "officer@stl.example.org" {
		t.Fatalf("token user %q", u.Email)
	}
	r := e.do("GET", "/api/v1/programs", auth.HashToken(e.officerA), nil).expect(http.StatusUnauthorized)
	r.apiError()
}
