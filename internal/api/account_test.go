package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"itinera/internal/auth"
)

// Users change their own password with POST /api/v1/me/password, under the
// same rules as the web page: the current password must be right and the
// new one long and not easy to guess.
func TestChangeMyPassword(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		const path = "/api/v1/me/password"
		body := func(current, next string) map[string]any {
			return map[string]any{"current_password": current, "new_password": next}
		}
		for _, tc := range []struct {
			body  any
			code  int
			field string
			words string
		}{
			{body("not my password", "a brand new staff passphrase"), http.StatusUnprocessableEntity, "current_password", "signed in with"},
			{body(userPassword, userPassword), http.StatusUnprocessableEntity, "new_password", "different"},
			{body(userPassword, "short"), http.StatusUnprocessableEntity, "new_password", "at least 12"},
			{body(userPassword, "Password1234"), http.StatusUnprocessableEntity, "new_password", "common"},
			{body(userPassword, "viewer@stl.example.org"), http.StatusUnprocessableEntity, "new_password", "own details"},
			{map[string]any{"password": "x"}, http.StatusBadRequest, "", ""},
		} {
			r := e.do("POST", path, e.viewerA, tc.body).expect(tc.code)
			if _, _, fields := r.apiError(); tc.field != "" && !strings.Contains(fields[tc.field].(string), tc.words) {
				t.Errorf("%v: fields %v, want %s to say %q", tc.body, fields, tc.field, tc.words)
			}
		}
		e.do("POST", path, e.viewerA, body(userPassword, "tulips under a copper kettle")).expect(http.StatusNoContent)
		u, hash, err := e.store.UserByEmail(ctx, "viewer@stl.example.org")
		must(t, err)
		if ok, _ := auth.VerifyPassword(hash, "tulips under a copper kettle"); !ok || u.MustChangePassword {
			t.Fatalf("after the change: password kept %v, %+v", !ok, u)
		}
		// The token still works.
		e.do("GET", "/api/v1/programs", e.viewerA, nil).expect(http.StatusOK)

		// A password made by an administrator is replaced through the API too.
		made, madeHash, err := (auth.Passwords{Hasher: cheapHasher}).OneTime()
		must(t, err)
		must(t, e.store.ResetPassword(ctx, e.tenantA.ID, u.ID, madeHash))
		e.do("POST", path, e.viewerA, body(made, "a quiet walk along the levee")).expect(http.StatusNoContent)
		if u, _, _ := e.store.UserByEmail(ctx, u.Email); u.MustChangePassword {
			t.Error("still must change the password")
		}

		// Guessing the current password through the API runs out of tries.
		limited := false
		for i := 0; i < 30 && !limited; i++ {
			r := e.do("POST", path, e.officerA, body("guess number "+strconv.Itoa(i), "a brand new staff passphrase"))
			switch r.Code {
			case http.StatusUnprocessableEntity:
			case http.StatusTooManyRequests:
				limited = true
			default:
				t.Fatalf("guess %d: %d", i, r.Code)
			}
		}
		if !limited {
			t.Fatal("30 wrong current passwords were never limited")
		}
		e.do("POST", path, e.officerA, body(userPassword, "a brand new staff passphrase")).expect(http.StatusTooManyRequests)
	})
}
