package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/api"
	"itinera/internal/auth"
	"itinera/internal/storetest"
)

// signInWith signs in with an explicit password and reports the status.
func (e *env) signInWith(email, pw string) (*client, int) {
	e.t.Helper()
	c := e.client()
	res, _ := c.postRaw("/login", url.Values{"email": {email}, "password": {pw}})
	return c, res.StatusCode
}

// summaryFields returns the fields the error summary links to.
func summaryFields(doc *node) map[string]bool {
	got := map[string]bool{}
	for _, a := range doc.all("#errors li a") {
		got[strings.TrimPrefix(a.attr("href"), "#f-")] = true
	}
	return got
}

func userPath(u itinera.User, suffix string) string { return "/admin/users/" + itoa(u.ID) + suffix }

func TestAdminUserList(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.admin)
	_, doc := c.page("/admin/users", http.StatusOK)
	doc.one(t, "nav[aria-label=Main] a[href=/admin/users][aria-current=page]")
	rows := doc.all("table#users tbody tr")
	if len(rows) != 3 {
		t.Fatalf("%d rows, want A's 3 users", len(rows))
	}
	// By e-mail: admin, officer, viewer; B's users are not listed.
	if got := rows[0].one(t, "th a").Text(); got != e.a.admin.Email {
		t.Errorf("first row %q", got)
	}
	if rows[0].one(t, "td.role").Text() != "admin" || !strings.Contains(rows[0].Text(), "CST") {
		t.Errorf("row %q: want role and a time with its zone", rows[0].Text())
	}
	if strings.Contains(doc.Text(), e.b.admin.Email) {
		t.Error("tenant B's user is listed")
	}
	doc.one(t, "a.button[href=/admin/users/new]")

	// Zero, one and a thousand rows render.
	s := &session{User: e.a.admin}
	for _, n := range []int{0, 1, 1000} {
		v := usersView{}
		for i := range n {
			v.Rows = append(v.Rows, userRow{User: itinera.User{ID: int64(i + 1), Email: fmt.Sprintf("u%d@example.org", i),
				Role: itinera.RoleViewer}, Created: "1 Dec 2026 09:00 CST"})
		}
		rec := httptest.NewRecorder()
		e.ui.render(rec, httptest.NewRequest("GET", "/admin/users", nil), s, http.StatusOK, "users", pageInfo{Title: "Users"}, v)
		doc := parseHTML(t, rec.Body.String())
		if got := len(doc.all("table#users tbody tr")); got != n {
			t.Errorf("%d users: %d rows", n, got)
		}
		if n == 0 {
			doc.one(t, "#users-empty")
		}
		if n == 1 && doc.one(t, "caption").Text() != "1 user of your organization, by e-mail address" {
			t.Errorf("caption %q", doc.one(t, "caption").Text())
		}
	}
}

func TestAdminAddsUserWithOneTimePassword(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.admin)
	_, doc := c.page("/admin/users/new", http.StatusOK)
	for _, id := range []string{"f-email", "f-name", "f-role"} {
		doc.one(t, "label[for="+id+"]")
		doc.one(t, "#"+id)
	}

	res, body := c.post("/admin/users", url.Values{"email": {" Noor@Alpha.example.org "}, "name": {"Noor Haddad"}, "role": {"officer"}})
	if res.StatusCode != http.StatusCreated || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("add user: %d, Cache-Control %q\n%s", res.StatusCode, res.Header.Get("Cache-Control"), body)
	}
	doc = parseHTML(t, body)
	pw := doc.one(t, "input#new-password[readonly]").attr("value")
	doc.one(t, "label[for=new-password]")
	if len(pw) != 20 || !strings.Contains(doc.one(t, "#password-notice").Text(), "shown only once") {
		t.Fatalf("password %q, notice %q", pw, doc.one(t, "#password-notice").Text())
	}
	if got := doc.one(t, "#user-email").Text(); got != "noor@alpha.example.org" {
		t.Errorf("e-mail shown %q", got)
	}
	u, hash, err := e.store.UserByEmail(ctx, "noor@alpha.example.org")
	must(t, err)
	if u.TenantID != e.a.tenant.ID || u.Role != itinera.RoleOfficer || u.Name != "Noor Haddad" || strings.Contains(hash, pw) {
		t.Fatalf("stored %+v", u)
	}
	// The password works, and is shown nowhere else.
	if _, code := e.signInWith(u.Email, pw); code != http.StatusSeeOther {
		t.Fatalf("sign in with the new password: %d", code)
	}
	_, list := c.get("/admin/users")
	if !strings.Contains(list, "noor@alpha.example.org") || strings.Contains(list, pw) {
		t.Error("list lacks the user or shows the password")
	}
	_, edit := c.get(userPath(u, "/edit"))
	if strings.Contains(edit, pw) {
		t.Error("edit page shows the password")
	}
	if !strings.Contains(e.logs.String(), "user added") || strings.Contains(e.logs.String(), pw) {
		t.Error("log lacks the addition or holds the password")
	}
}

func TestAdminUserValidation(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.admin)
	res, body := c.post("/admin/users", url.Values{"email": {"not-an-address"}, "name": {"Kept Name"}, "role": {"boss"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", res.StatusCode)
	}
	doc := parseHTML(t, body)
	if got := summaryFields(doc); !got["email"] || !got["role"] || len(got) != 2 {
		t.Errorf("summary names %v, want email and role", got)
	}
	if doc.one(t, "#f-email").attr("value") != "not-an-address" || doc.one(t, "#f-name").attr("value") != "Kept Name" {
		t.Error("typed values were not kept")
	}
	doc.one(t, "#f-email[aria-invalid=true]")
	if doc.has("#new-password") {
		t.Error("a password was shown for a rejected user")
	}

	// An e-mail in use (in any organization) is named on its field.
	res, body = c.post("/admin/users", url.Values{"email": {e.b.viewer.Email}, "role": {"viewer"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !summaryFields(parseHTML(t, body))["email"] {
		t.Fatalf("duplicate e-mail: %d\n%s", res.StatusCode, body)
	}

	// Editing: every wrong field named, typed values kept.
	res, body = c.post(userPath(e.a.viewer, ""), url.Values{"email": {"x@"}, "name": {"Typed"}, "role": {""}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("edit: status %d", res.StatusCode)
	}
	doc = parseHTML(t, body)
	if got := summaryFields(doc); !got["email"] || !got["role"] {
		t.Errorf("edit summary names %v", got)
	}
	if doc.one(t, "#f-name").attr("value") != "Typed" || doc.one(t, "#f-email").attr("value") != "x@" {
		t.Error("edit: typed values were not kept")
	}
	if v, _ := e.store.User(ctx, e.a.tenant.ID, e.a.viewer.ID); v.Email != e.a.viewer.Email {
		t.Error("rejected edit was saved")
	}
}

func TestAdminEditsUser(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.admin)
	_, doc := c.page(userPath(e.a.viewer, "/edit"), http.StatusOK)
	form := doc.one(t, "form#record-form")
	v := form.formValues()
	if v.Get("email") != e.a.viewer.Email || v.Get("role") != "viewer" {
		t.Fatalf("form values %v", v)
	}
	v.Set("name", "Ruth Okafor")
	v.Set("role", "officer")
	v.Set("email", "ruth@alpha.example.org")
	res, _ := c.post(form.attr("action"), v)
	if got := c.follow(res).one(t, "#flash").Text(); got != "ruth@alpha.example.org was saved." {
		t.Errorf("flash %q", got)
	}
	u, err := e.store.User(ctx, e.a.tenant.ID, e.a.viewer.ID)
	must(t, err)
	if u.Name != "Ruth Okafor" || u.Role != itinera.RoleOfficer || u.Email != "ruth@alpha.example.org" {
		t.Fatalf("stored %+v", u)
	}
}

func TestAdminResetsPassword(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	officer := e.signIn(e.a.officer)
	c := e.signIn(e.a.admin)
	_, doc := c.page(userPath(e.a.officer, "/edit"), http.StatusOK)
	doc.one(t, "form#reset-form[action="+userPath(e.a.officer, "/password")+"] button")

	res, body := c.post(userPath(e.a.officer, "/password"), nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("reset: %d", res.StatusCode)
	}
	pw := parseHTML(t, body).one(t, "input#new-password").attr("value")
	if len(pw) != 20 {
		t.Fatalf("password %q", pw)
	}
	// The officer's session has ended; the old password fails, the new one works.
	if res, _ := officer.get("/programs"); res.StatusCode != http.StatusSeeOther ||
		!strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("officer's old session: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if _, code := e.signInWith(e.a.officer.Email, password); code != http.StatusUnauthorized {
		t.Errorf("old password: %d", code)
	}
	if _, code := e.signInWith(e.a.officer.Email, pw); code != http.StatusSeeOther {
		t.Errorf("new password: %d", code)
	}
	// The administrator's own session is untouched.
	c.page("/admin/users", http.StatusOK)
}

func TestLastAdminStays(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.admin)
	res, body := c.post(userPath(e.a.admin, ""), url.Values{"email": {e.a.admin.Email}, "name": {"Solo"}, "role": {"officer"}})
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("demoting the last admin: %d", res.StatusCode)
	}
	doc := parseHTML(t, body)
	if msg := doc.one(t, "#errors h2").Text(); !strings.Contains(msg, "last administrator") {
		t.Errorf("message %q", msg)
	}
	if !summaryFields(doc)["role"] || doc.one(t, "#f-name").attr("value") != "Solo" {
		t.Error("role not named or typed name lost")
	}
	if u, _ := e.store.User(ctx, e.a.tenant.ID, e.a.admin.ID); u.Role != itinera.RoleAdmin {
		t.Fatal("the last admin was demoted")
	}
	// Nobody deletes themselves, and the page does not offer it.
	_, doc = c.page(userPath(e.a.admin, "/edit"), http.StatusOK)
	doc.one(t, "#no-self-delete")
	if doc.has("#delete-form") {
		t.Error("own account offers delete")
	}
	if res, _ := c.post(userPath(e.a.admin, "/delete"), nil); res.StatusCode != http.StatusConflict {
		t.Errorf("deleting oneself: %d", res.StatusCode)
	}

	// With a second administrator the first may step down, and then the
	// second is the last one.
	second := e.mustUser(e.a.tenant.ID, "second@alpha.example.org", itinera.RoleAdmin)
	res, _ = c.post(userPath(e.a.admin, ""), url.Values{"email": {e.a.admin.Email}, "role": {"officer"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/programs" {
		t.Fatalf("stepping down: %d → %s", res.StatusCode, res.Header.Get("Location"))
	}
	if res, _ := c.get("/admin/users"); res.StatusCode != http.StatusForbidden {
		t.Errorf("former admin on /admin/users: %d", res.StatusCode)
	}
	c2 := e.signIn(second)
	if res, _ := c2.post(userPath(second, ""), url.Values{"email": {second.Email}, "role": {"viewer"}}); res.StatusCode != http.StatusConflict {
		t.Errorf("demoting the new last admin: %d", res.StatusCode)
	}
}

func TestDeletedUserIsSignedOut(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	officer := e.signIn(e.a.officer)
	c := e.signIn(e.a.admin)
	_, doc := c.page(userPath(e.a.officer, "/edit"), http.StatusOK)
	del := doc.one(t, "details.danger form#delete-form")
	res, _ := c.post(del.attr("action"), nil)
	if got := c.follow(res).one(t, "#flash").Text(); !strings.Contains(got, "was deleted") {
		t.Errorf("flash %q", got)
	}
	if _, err := e.store.User(ctx, e.a.tenant.ID, e.a.officer.ID); itinera.ErrorCode(err) != itinera.ENOTFOUND {
		t.Fatalf("user after delete: %v", err)
	}
	if res, _ := officer.get("/programs"); res.StatusCode != http.StatusSeeOther ||
		!strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("deleted user's session: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if _, code := e.signInWith(e.a.officer.Email, password); code != http.StatusUnauthorized {
		t.Errorf("deleted user signs in: %d", code)
	}
	if _, err := e.store.UserByAPITokenHash(ctx, e.a.token.TokenHash); itinera.ErrorCode(err) != itinera.ENOTFOUND {
		t.Errorf("deleted user's API token: %v", err)
	}
}

func TestAdminSettings(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.admin)
	_, doc := c.page("/admin/settings", http.StatusOK)
	if got := doc.one(t, "#slug").Text(); got != "alpha" {
		t.Errorf("slug %q", got)
	}
	form := doc.one(t, "form#record-form")
	v := form.formValues()
	if v.Get("name") != "Org alpha" || v.Get("time_zone") != "America/Chicago" || v.Get("mail_from_name") != "" ||
		v.Get("travel_mode") != "van" || v.Get("walk_short_hops") == "" {
		t.Fatalf("form values %v", v)
	}
	if _, tdoc := c.page("/admin/tokens", http.StatusOK); len(tdoc.all("#token-list tbody tr")) != 1 ||
		!strings.Contains(tdoc.one(t, "#token-list tbody tr").Text(), e.a.officer.Email) {
		t.Fatalf("token rows: %d", len(tdoc.all("#token-list tbody tr")))
	}

	// Every wrong field named, typed values kept.
	res, body := c.post("/admin/settings", url.Values{"name": {" "}, "time_zone": {"Mars/Base"},
		"mail_from_name": {"Alpha programs"}, "mail_from_address": {"nope"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid settings: %d", res.StatusCode)
	}
	doc = parseHTML(t, body)
	if got := summaryFields(doc); !got["name"] || !got["time_zone"] || !got["mail_from_address"] || len(got) != 3 {
		t.Errorf("summary names %v", got)
	}
	if doc.one(t, "#f-time_zone").attr("value") != "Mars/Base" || doc.one(t, "#f-mail_from_name").attr("value") != "Alpha programs" {
		t.Error("typed values were not kept")
	}

	v.Set("name", "Global St. Louis")
	v.Set("time_zone", "America/New_York")
	v.Set("mail_from_name", "Global St. Louis programs")
	v.Set("mail_from_address", "Programs@GlobalSTL.example.org")
	v.Set("travel_mode", "transit")
	v.Del("walk_short_hops")
	res, _ = c.post("/admin/settings", v)
	doc = c.follow(res)
	if doc.one(t, "#flash").Text() != "The settings were saved." || doc.one(t, "#f-mail_from_address").attr("value") != "programs@globalstl.example.org" {
		t.Error("saved settings not shown")
	}
	name, addr, err := e.store.TenantMailFrom(ctx, e.a.tenant.ID)
	must(t, err)
	ten, err := e.store.Tenant(ctx, e.a.tenant.ID)
	must(t, err)
	if name != "Global St. Louis programs" || addr != "programs@globalstl.example.org" ||
		ten.Name != "Global St. Louis" || ten.TimeZone != "America/New_York" || ten.Slug != "alpha" {
		t.Fatalf("stored %+v, sender %q <%s>", ten, name, addr)
	}
	if st, err := e.store.Settings(ctx, e.a.tenant.ID); err != nil || st.TravelMode != itinera.TravelTransit || st.WalkShortHops {
		t.Errorf("stored travel settings %q, walk %v (%v)", st.TravelMode, st.WalkShortHops, err)
	}
	if b, _ := e.store.Tenant(ctx, e.b.tenant.ID); b.Name != "Org beta" {
		t.Error("B's settings changed")
	}
}

// TestRevokedTokenRefusedByAPI: a token revoked on the settings page no
// longer opens the JSON API.
func TestRevokedTokenRefusedByAPI(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	mux := http.NewServeMux()
	api.New(api.Config{App: mustApp(t, e.store, services(e.store), nil), Now: storetest.Now}).Register(mux)
	apiSrv := httptest.NewServer(mux)
	t.Cleanup(apiSrv.Close)
	token, hash, err := auth.NewToken()
	must(t, err)
	tok := itinera.APIToken{UserID: e.a.officer.ID, Name: "sync", TokenHash: hash}
	must(t, e.store.CreateAPIToken(ctx, &tok))
	call := func() int {
		req, err := http.NewRequest("GET", apiSrv.URL+"/api/v1/programs", nil)
		must(t, err)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		must(t, err)
		res.Body.Close()
		return res.StatusCode
	}
	if got := call(); got != http.StatusOK {
		t.Fatalf("live token: %d", got)
	}

	c := e.signIn(e.a.admin)
	_, doc := c.page("/admin/tokens", http.StatusOK)
	revoke := doc.one(t, "form[action=/admin/tokens/"+itoa(tok.ID)+"/revoke]")
	revoke.one(t, "button[aria-label]")
	res, _ := c.post(revoke.attr("action"), nil)
	doc = c.follow(res)
	if !strings.Contains(doc.one(t, "#flash").Text(), "revoked") || len(doc.all("#token-list .revoked")) != 1 {
		t.Error("revocation not shown")
	}
	if got := call(); got != http.StatusUnauthorized {
		t.Errorf("revoked token: %d, want 401", got)
	}
	// The fixture's other token still works.
	if _, err := e.store.UserByAPITokenHash(ctx, e.a.token.TokenHash); err != nil {
		t.Errorf("other token: %v", err)
	}
}
