package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// passwordForm opens the password page and takes its CSRF token.
func (c *client) passwordForm(t *testing.T) *node {
	t.Helper()
	_, doc := c.page(passwordPath, http.StatusOK)
	c.csrf = doc.one(t, "form#record-form input[name=csrf_token]").attr("value")
	return doc
}

func changeForm(current, next, again string) url.Values {
	return url.Values{"current_password": {current}, "new_password": {next}, "new_password_again": {again}}
}

// Every user changes their own password from a page linked in the header,
// giving the current one; the new one follows the password rule.
func TestChangeOwnPassword(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	other := e.signIn(e.a.viewer) // another browser of the same user
	c := e.signIn(e.a.viewer)
	_, doc := c.page("/programs", http.StatusOK)
	if href := doc.one(t, "header a#change-password").attr("href"); href != passwordPath {
		t.Fatalf("header link to %q", href)
	}
	doc = c.passwordForm(t)
	for name, ac := range map[string]string{"current_password": "current-password", "new_password": "new-password", "new_password_again": "new-password"} {
		in := doc.one(t, "input#f-"+name)
		if in.attr("type") != "password" || in.attr("autocomplete") != ac || in.attr("value") != "" {
			t.Errorf("%s: type %q autocomplete %q value %q", name, in.attr("type"), in.attr("autocomplete"), in.attr("value"))
		}
		doc.one(t, "label[for=f-"+name+"]")
	}

	const fresh = "tulips under a copper kettle"
	for _, tc := range []struct {
		form  url.Values
		field string
		words string
	}{
		{changeForm("not my password", fresh, fresh), "current_password", "signed in with"},
		{changeForm(password, fresh, fresh+"!"), "new_password_again", "not the same"},
		{changeForm(password, "short", "short"), "new_password", "at least 12"},
		{changeForm(password, "Password1234", "Password1234"), "new_password", "common"},
		{changeForm(password, "qwertyuiopasdf", "qwertyuiopasdf"), "new_password", "common"},
		{changeForm(password, e.a.viewer.Email, e.a.viewer.Email), "new_password", "own details"},
		{changeForm(password, password, password), "new_password", "different"},
	} {
		res, body := c.post(passwordPath, tc.form)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%v: %d", tc.form, res.StatusCode)
			continue
		}
		doc := parseHTML(t, body)
		if got := doc.one(t, "#f-"+tc.field+"-error").Text(); !strings.Contains(got, tc.words) {
			t.Errorf("%v: %s says %q, want %q", tc.form, tc.field, got, tc.words)
		}
		for _, in := range doc.all("input[type=password]") {
			if in.attr("value") != "" {
				t.Errorf("a typed password is shown again in %s", in.attr("name"))
			}
		}
	}
	res, _ := c.post(passwordPath, changeForm(password, fresh, fresh))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/programs" {
		t.Fatalf("change: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if f := c.follow(res).one(t, "#flash").Text(); !strings.Contains(f, "password was changed") {
		t.Errorf("flash %q", f)
	}
	// This browser goes on; the other one was signed out.
	c.page("/outbox", http.StatusOK)
	if res, _ := other.get("/programs"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the other browser after the change: %d", res.StatusCode)
	}
	if _, code := e.signInWith(e.a.viewer.Email, password); code != http.StatusUnauthorized {
		t.Errorf("old password: %d", code)
	}
	if _, code := e.signInWith(e.a.viewer.Email, fresh); code != http.StatusSeeOther {
		t.Errorf("new password: %d", code)
	}
}

// An administrator's reset gives a one-time password: signed in with it,
// the user reaches nothing but the password page until they choose their
// own.
func TestResetForcesNewPassword(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	admin := e.signIn(e.a.admin)
	res, body := admin.post(userPath(e.a.officer, "/password"), nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("reset: %d", res.StatusCode)
	}
	doc := parseHTML(t, body)
	made := doc.one(t, "input#new-password").attr("value")
	if !strings.Contains(doc.one(t, "#password-notice").Text(), "choose their own password") {
		t.Errorf("notice %q", doc.one(t, "#password-notice").Text())
	}

	c := e.client()
	res, _ = c.postRaw("/login", url.Values{"email": {e.a.officer.Email}, "password": {made}, "next": {"/directory"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != passwordPath {
		t.Fatalf("sign-in with the one-time password: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	doc = c.passwordForm(t)
	if !strings.Contains(doc.one(t, "main").Text(), mustChangeText) || doc.has("form#record-form a") {
		t.Error("the page does not say why, or offers to cancel")
	}
	// Every other page sends back here; every other form is refused.
	for _, rt := range e.ui.routes() {
		if rt.access == public || rt.pattern == passwordPath || rt.pattern == "/logout" {
			continue
		}
		path := pathFor(rt, e.a)
		res, body := c.call(rt, path)
		switch {
		case rt.method == http.MethodGet && (res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != passwordPath):
			t.Errorf("GET %s: %d to %q, want the password page", path, res.StatusCode, res.Header.Get("Location"))
		case rt.method == http.MethodPost && (res.StatusCode != http.StatusForbidden || !strings.Contains(body, "Choose your own password")):
			t.Errorf("POST %s: %d, want 403 asking for a new password", path, res.StatusCode)
		}
	}
	if p, err := e.store.Program(ctx, e.a.tenant.ID, e.a.program.ID); err != nil || p.Title != e.a.program.Title {
		t.Fatalf("program changed by a user who must change their password: %+v %v", p, err)
	}
	// The one-time password cannot be kept.
	if res, _ := c.post(passwordPath, changeForm(made, made, made)); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("keeping the one-time password: %d", res.StatusCode)
	}
	const mine = "lanterns over the mississippi"
	res, _ = c.post(passwordPath, changeForm(made, mine, mine))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/programs" {
		t.Fatalf("choosing a password: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	c.page("/directory", http.StatusOK)
	if u, err := e.store.User(ctx, e.a.tenant.ID, e.a.officer.ID); err != nil || u.MustChangePassword {
		t.Fatalf("after the change: %+v %v", u, err)
	}
	if _, code := e.signInWith(e.a.officer.Email, made); code != http.StatusUnauthorized {
		t.Errorf("the one-time password after the change: %d", code)
	}
	if c, code := e.signInWith(e.a.officer.Email, mine); code != http.StatusSeeOther {
		t.Errorf("the chosen password: %d", code)
	} else {
		c.page("/programs", http.StatusOK)
	}
}

// A new user's password, made by the server for the administrator to pass
// on, is one-time too.
func TestNewUserChoosesOwnPassword(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	admin := e.signIn(e.a.admin)
	res, body := admin.post("/admin/users", url.Values{"email": {"dana@alpha.example.org"}, "name": {"Dana Reyes"}, "role": {"officer"}})
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("add user: %d", res.StatusCode)
	}
	made := parseHTML(t, body).one(t, "input#new-password").attr("value")
	c, code := e.signInWith("dana@alpha.example.org", made)
	if code != http.StatusSeeOther {
		t.Fatalf("first sign-in: %d", code)
	}
	if res, _ := c.get("/programs"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != passwordPath {
		t.Fatalf("GET /programs before choosing a password: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	c.passwordForm(t)
	const mine = "a heron above forest park"
	if res, _ := c.post(passwordPath, changeForm(made, mine, mine)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("choosing a password: %d", res.StatusCode)
	}
	c.page("/programs", http.StatusOK)
}
