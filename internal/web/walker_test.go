package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/app"
)

// pathFor fills a route pattern with the ids of f's records.
func pathFor(rt route, f fixture) string {
	if rt.pattern == "/{$}" {
		return "/"
	}
	if rt.pattern == "/search" {
		return "/search?q=gateway" // a page of results, of several kinds
	}
	ids := map[string]int64{
		"programs": f.program.ID, "visitors": f.visitor.ID, "interpreters": f.interpreter.ID,
		"meetings": f.meeting.ID, "activities": f.activity.ID, "organizations": f.org.ID,
		"contacts": f.contact.ID, "places": f.place.ID, "requests": f.request.ID, "outbox": f.outbox.ID, "feeds": f.feed.ID,
		"households": f.household.ID, "evenings": f.evening.ID, "collaborations": f.collaboration.ID,
		"thank-yous": f.thankYou.ID, "mail": f.received.ID,
		"users": f.viewer.ID, "tokens": f.token.ID, // under /admin
		"projects": f.project.ID, "stops": f.stop.ID, "grants": f.programGrant.ID,
	}
	ids["imports"] = f.imported.ID
	if strings.HasPrefix(rt.pattern, "/imports/uploads/") {
		ids["imports"] = f.upload.ID
	}
	kind, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(rt.pattern, "/admin"), "/"), "/")
	p := strings.Replace(rt.pattern, "{id}", itoa(ids[kind]), 1)
	p = strings.Replace(p, "{file}", downloadFor[kind], 1)
	p = strings.Replace(p, "{n}", "0", 1) // a message's first file
	return strings.Replace(p, "{date}", f.program.StartDate.String(), 1)
}

// downloadFor is the file pathFor asks a download route for.
var downloadFor = map[string]string{"programs": "visitors.csv", "downloads": "organizations.csv", "templates": "visitors.csv", "audit": "log.csv",
	"reports": "figures.csv"}

// isDownload reports whether a route answers with a file rather than a page.
func isDownload(rt route) bool {
	return strings.Contains(rt.pattern, "{file}") || strings.HasSuffix(rt.pattern, "/files/{n}")
}

// isLookup reports whether a route is an address lookup of the pin map,
// which answers JSON rather than a page (TestAddressLookup); without a
// geocoder, as here, it answers 422 asking for the pin.
func isLookup(rt route) bool { return strings.HasSuffix(rt.pattern, "/geocode") }

func (c *client) call(rt route, path string) (*http.Response, string) {
	c.e.t.Helper()
	if rt.method == http.MethodPost {
		return c.post(path, url.Values{"title": {"Changed by a stranger"}, "name": {"Changed by a stranger"}})
	}
	return c.get(path)
}

// TestRouteTable checks the table itself: every write goes through the
// writer guard, every route is mounted.
func TestRouteTable(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	seen := map[string]bool{}
	for _, rt := range e.ui.routes() {
		key := rt.method + " " + rt.pattern
		if seen[key] {
			t.Errorf("%s registered twice", key)
		}
		seen[key] = true
		if rt.handler == nil {
			t.Errorf("%s has no handler", key)
		}
		// The resource's page (/r/{token}) is public: its token is the
		// credential. Every user signs out, changes their own password and
		// name, chooses their digest and marks their notifications read;
		// a forgotten password is reset by an e-mailed link.
		write := rt.method == http.MethodPost && rt.pattern != "/login" && rt.pattern != "/logout" && rt.pattern != passwordPath &&
			!strings.HasPrefix(rt.pattern, "/r/") && !strings.HasPrefix(rt.pattern, "/password/") &&
			!strings.HasPrefix(rt.pattern, app.AccountPath) && rt.pattern != "/notifications/read" &&
			!strings.HasPrefix(rt.pattern, "/h/") && !strings.HasPrefix(rt.pattern, "/host/") && !strings.HasPrefix(rt.pattern, "/f/") &&
			!strings.HasPrefix(rt.pattern, "/o/") ||
			strings.HasSuffix(rt.pattern, "/new") || strings.HasSuffix(rt.pattern, "/edit") ||
			strings.HasSuffix(rt.pattern, "/plan") || // the itinerary builder leads to a write
			strings.HasSuffix(rt.pattern, "/itinerary/move") || // so does the check of a move
			strings.HasSuffix(rt.pattern, "/distribute") || // so does the page that sends everyone their program
			strings.HasSuffix(rt.pattern, "/release") || // and the one that releases the itinerary
			strings.HasPrefix(rt.pattern, "/imports/uploads/") // so does the mapping of an upload
		if isAdmin := strings.HasPrefix(rt.pattern, "/admin/"); isAdmin != (rt.access == admin) {
			t.Errorf("%s: access %d, but it is under /admin = %v", key, rt.access, isAdmin)
			continue
		} else if isAdmin {
			continue
		}
		if write != (rt.access == writer || rt.access == uploader) {
			t.Errorf("%s: access %d, but it writes = %v", key, rt.access, write)
		}
	}
}

func TestAnonymousIsSentToSignIn(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.client()
	for _, rt := range e.ui.routes() {
		if rt.access == public {
			continue
		}
		path := pathFor(rt, e.a)
		res, _ := c.call(rt, path)
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("%s %s: %d → %q, want a redirect to /login", rt.method, path, res.StatusCode, res.Header.Get("Location"))
		}
	}
}

// TestTenantIsolation walks every route with an id: a user of tenant B
// gets 404 for each of tenant A's records, for reading and for writing,
// and A's records are unchanged afterwards.
func TestTenantIsolation(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	for _, u := range []itinera.User{e.b.officer, e.b.admin, e.b.viewer} {
		c := e.signIn(u)
		for _, rt := range e.ui.routes() {
			if !strings.Contains(rt.pattern, "{") || rt.pattern == "/{$}" {
				continue
			}
			if isDownload(rt) && !strings.Contains(rt.pattern, "{id}") {
				continue // the organization's own lists and the templates: TestDownloadsStayInTheirOrganization
			}
			if u.Role == itinera.RoleViewer && (rt.access == writer || rt.access == uploader) {
				continue // refused before any lookup: TestViewerCannotWrite
			}
			if u.Role != itinera.RoleAdmin && rt.access == admin {
				continue // refused before any lookup: TestOnlyAdminsAdminister
			}
			path := pathFor(rt, e.a)
			res, body := c.call(rt, path)
			if res.StatusCode != http.StatusNotFound {
				t.Errorf("%s: %s %s: %d, want 404", u.Email, rt.method, path, res.StatusCode)
				continue
			}
			if strings.Contains(body, e.a.program.Title) || strings.Contains(body, e.a.org.Name) {
				t.Errorf("%s %s: the 404 page shows tenant A's data", rt.method, path)
			}
		}
	}
	// Nothing of A's was changed or deleted.
	p, err := e.store.Program(ctx, e.a.tenant.ID, e.a.program.ID)
	if err != nil || p.Title != e.a.program.Title {
		t.Fatalf("program after B's attempts: %+v, %v", p, err)
	}
	for name, err := range map[string]error{
		"visitor":      errOf(e.store.Visitor(ctx, e.a.tenant.ID, e.a.visitor.ID)),
		"interpreter":  errOf(e.store.Interpreter(ctx, e.a.tenant.ID, e.a.interpreter.ID)),
		"meeting":      errOf(e.store.Meeting(ctx, e.a.tenant.ID, e.a.meeting.ID)),
		"activity":     errOf(e.store.Activity(ctx, e.a.tenant.ID, e.a.activity.ID)),
		"organization": errOf(e.store.Organization(ctx, e.a.tenant.ID, e.a.org.ID)),
		"contact":      errOf(e.store.Contact(ctx, e.a.tenant.ID, e.a.contact.ID)),
		"place":        errOf(e.store.Place(ctx, e.a.tenant.ID, e.a.place.ID)),
		"user":         errOf(e.store.User(ctx, e.a.tenant.ID, e.a.viewer.ID)),
		"API token":    errOf(e.store.UserByAPITokenHash(ctx, e.a.token.TokenHash)),
	} {
		if err != nil {
			t.Errorf("%s of A after B's attempts: %v", name, err)
		}
	}
}

func errOf[T any](_ T, err error) error { return err }

// TestViewerCannotWrite: a viewer gets 403 on every write route, forms
// included, with a valid CSRF token; reading works.
func TestViewerCannotWrite(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.viewer)
	writes := 0
	for _, rt := range e.ui.routes() {
		path := pathFor(rt, e.a)
		switch rt.access {
		case writer, admin, uploader:
			writes++
			res, body := c.call(rt, path)
			if res.StatusCode != http.StatusForbidden {
				t.Errorf("viewer %s %s: %d, want 403", rt.method, path, res.StatusCode)
				continue
			}
			parseHTML(t, body).one(t, "#error-message")
		case reader:
			if rt.method == http.MethodGet {
				res, _ := c.get(path)
				if isLookup(rt) && res.StatusCode == http.StatusUnprocessableEntity {
					continue // allowed, and no geocoder here
				}
				if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusSeeOther {
					t.Errorf("viewer GET %s: %d", path, res.StatusCode)
				}
			}
		}
	}
	if writes < 40 {
		t.Errorf("only %d write routes walked", writes)
	}
	// The viewer's pages offer no edit links.
	_, doc := c.page(pathFor(route{pattern: "/programs/{id}"}, e.a), http.StatusOK)
	if doc.has("a[href=/programs/"+itoa(e.a.program.ID)+"/edit]") || doc.has("a.button") {
		t.Error("viewer sees edit controls")
	}
	if p, _ := e.store.Program(ctx, e.a.tenant.ID, e.a.program.ID); p.Title != e.a.program.Title {
		t.Error("viewer changed the program")
	}
}

// TestOnlyAdminsAdminister: officers and viewers get 403 on every admin
// route, pages and forms alike, with a valid CSRF token.
func TestOnlyAdminsAdminister(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	n := 0
	for _, u := range []itinera.User{e.a.officer, e.a.viewer} {
		c := e.signIn(u)
		for _, rt := range e.ui.routes() {
			if rt.access != admin {
				continue
			}
			n++
			path := pathFor(rt, e.a)
			res, body := c.call(rt, path)
			if res.StatusCode != http.StatusForbidden {
				t.Errorf("%s %s %s: %d, want 403", u.Role, rt.method, path, res.StatusCode)
				continue
			}
			parseHTML(t, body).one(t, "#error-message")
		}
		_, doc := c.page("/programs", http.StatusOK)
		if doc.has("a[href=/admin/users]") {
			t.Errorf("%s sees the Admin entry of the navigation", u.Role)
		}
	}
	if n < 16 {
		t.Errorf("only %d admin route calls walked", n)
	}
	v, err := e.store.User(ctx, e.a.tenant.ID, e.a.viewer.ID)
	if err != nil || v.Role != itinera.RoleViewer || v.Name != e.a.viewer.Name {
		t.Errorf("viewer after the attempts: %+v, %v", v, err)
	}
}

// TestEveryPageRenders opens every GET route as an officer (administration
// pages as an administrator) and checks the page skeleton and that every
// form control is labelled.
func TestEveryPageRenders(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	officer, adm := e.signIn(e.a.officer), e.signIn(e.a.admin)
	for _, rt := range e.ui.routes() {
		if rt.method != http.MethodGet || rt.access == public || rt.pattern == "/{$}" || isDownload(rt) || isLookup(rt) ||
			strings.HasSuffix(rt.pattern, "/file") || // files: TestDownloads, TestProgramFilePages
			strings.HasSuffix(rt.pattern, "/book") || // a standalone document: TestBookPages
			strings.HasSuffix(rt.pattern, "/year-end") || strings.HasSuffix(rt.pattern, "/letter") { // and TestYearEndPages
			continue
		}
		c := officer
		if rt.access == admin {
			c = adm // administration pages, as an administrator
		}
		path := pathFor(rt, e.a)
		_, doc := c.page(path, http.StatusOK)
		doc.one(t, "html[lang=en] head title")
		doc.one(t, "a.skip[href=#main]")
		doc.one(t, "header nav[aria-label=Main]")
		doc.one(t, "main#main h1")
		doc.one(t, "link[rel=stylesheet]")
		labels := map[string]bool{}
		for _, l := range doc.all("label") {
			labels[l.attr("for")] = true
		}
		for _, sel := range []string{"input", "select", "textarea"} {
			for _, in := range doc.all("main " + sel) {
				if in.attr("type") == "hidden" {
					continue
				}
				if id := in.attr("id"); id == "" || !labels[id] {
					t.Errorf("%s: %s name=%q has no label", path, sel, in.attr("name"))
				}
			}
		}
		for _, th := range doc.all("thead th") {
			if th.attr("scope") != "col" {
				t.Errorf("%s: header cell without scope", path)
			}
		}
	}
}
