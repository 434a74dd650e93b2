package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/demo"
	"itinera/internal/storetest"
)

// TestOverviewSeesChangesAtOnce: the overview's records are kept by the
// organization's revision, so the page after a change shows it, for the
// officer who made it and for another user who had the old page.
func TestOverviewSeesChangesAtOnce(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c, p := e.mustDemo()
	path := "/programs/" + itoa(p.ID)
	_, doc := c.page(path, http.StatusOK)
	if !strings.Contains(doc.Text(), p.Title) {
		t.Fatalf("the overview does not show the title %q", p.Title)
	}
	c.page(path, http.StatusOK) // now from the cache

	_, doc = c.page(path+"/edit", http.StatusOK)
	form := doc.one(t, "form#record-form").formValues()
	form.Set("title", "A program renamed while cached")
	if r, body := c.post(path, form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename: %d\n%s", r.StatusCode, body)
	}
	_, doc = c.page(path, http.StatusOK)
	if !strings.Contains(doc.Text(), "A program renamed while cached") {
		t.Fatal("the overview after the change still shows the old title")
	}
}

// TestOverviewPageKeptPerSession: the overview's whole page is kept for
// the session that read it: two sessions of one user each get their own
// CSRF token, a kept page never outlives its session's sign-out, a change
// of the user's name shows at once, and a flash message is shown once,
// not kept.
func TestOverviewPageKeptPerSession(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	tenant := demo.Tenant()
	must(t, e.store.CreateTenant(ctx, &tenant))
	pid, err := demo.Load(ctx, services(e.store), tenant.ID, storetest.Clock)
	must(t, err)
	u := e.mustUser(tenant.ID, "officer@demo.example.org", itinera.RoleOfficer)
	path := "/programs/" + itoa(pid)
	token := func(c *client) string {
		t.Helper()
		_, doc := c.page(path, http.StatusOK)
		return doc.one(t, "form[action=\"/logout\"] input[name=csrf_token]").attr("value")
	}
	c1, c2 := e.signIn(u), e.signIn(u)
	t1, t2 := token(c1), token(c2)
	if t1 == "" || t1 == t2 {
		t.Fatalf("two sessions show the CSRF tokens %q and %q", t1, t2)
	}
	if again := token(c1); again != t1 {
		t.Errorf("the kept page of session 1 shows %q, not its token %q", again, t1)
	}
	if again := token(c2); again != t2 {
		t.Errorf("the kept page of session 2 shows %q, not its token %q", again, t2)
	}

	c1.csrf = t1
	if res, _ := c1.post("/logout", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out: %d", res.StatusCode)
	}
	if res, _ := c1.get(path); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the signed-out session still gets the overview: %d", res.StatusCode)
	}
	token(c2)

	// The user's own change of name: the next overview shows it, with
	// the flash once; the one after keeps the name, without the flash.
	c2.csrf = t2
	_, doc := c2.page("/account", http.StatusOK)
	v := doc.one(t, "form#name-form").formValues()
	v.Set("name", "Renamed While Kept")
	if res, body := c2.post("/account", v); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename: %d\n%s", res.StatusCode, body)
	}
	for i := range 2 {
		_, doc = c2.page(path, http.StatusOK)
		if got := doc.one(t, "header a#account-link").Text(); !strings.Contains(got, "Renamed While Kept") {
			t.Errorf("overview %d after the rename: header %q", i, got)
		}
		if i == 0 && !doc.has("#flash") {
			t.Error("the flash is not shown")
		}
		if i == 1 && doc.has("#flash") {
			t.Error("the flash is shown twice")
		}
	}
}
