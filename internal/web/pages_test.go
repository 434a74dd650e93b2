package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"itinera"
)

func TestProgramList(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)

	// Zero programs: a tenant of its own.
	z := itinera.Tenant{Slug: "zero", Name: "Zero", TimeZone: "America/Chicago"}
	must(t, e.store.CreateTenant(ctx, &z))
	_, doc := e.signIn(e.mustUser(z.ID, "o@zero.example.org", itinera.RoleOfficer)).page("/programs", http.StatusOK)
	doc.one(t, "#no-programs a[href=/programs/new]")

	// One program, with its visitor count.
	_, doc = e.signIn(e.a.officer).page("/programs", http.StatusOK)
	rows := doc.all("table#programs tbody tr")
	if len(rows) != 1 {
		t.Fatalf("%d rows, want 1 (tenant B's program must not show)", len(rows))
	}
	if got := rows[0].one(t, "th[scope=row] a").Text(); got != e.a.program.Title {
		t.Errorf("title %q", got)
	}
	if got := rows[0].one(t, "td.num").Text(); got != "1" {
		t.Errorf("visitor count %q", got)
	}
	if got := doc.one(t, "caption").Text(); got != "1 program" {
		t.Errorf("caption %q", got)
	}

	// A thousand programs.
	for i := range 999 {
		p := itinera.Program{TenantID: e.a.tenant.ID, Title: fmt.Sprintf("Program %04d", i), City: "St. Louis",
			TimeZone: "America/Chicago", StartDate: itinera.MustDate("2027-03-01"), EndDate: itinera.MustDate("2027-03-01")}
		must(t, e.store.CreateProgram(ctx, &p))
	}
	// A thousand programs: pages of 100, each after the last of the page
	// before (keyset), every program once, latest arrival first.
	viewer := e.signIn(e.a.viewer)
	_, doc = viewer.page("/programs", http.StatusOK)
	if doc.has("a[href=/programs/new]") {
		t.Error("a viewer is offered a new program")
	}
	if got := doc.one(t, "caption").Text(); got != "1000 programs" {
		t.Errorf("caption %q", got)
	}
	seen, pages := map[string]bool{}, 0
	for {
		pages++
		rows := doc.all("table#programs tbody tr")
		if len(rows) > 100 {
			t.Fatalf("page %d has %d rows", pages, len(rows))
		}
		for _, r := range rows {
			href := r.one(t, "th a").attr("href")
			if seen[href] {
				t.Fatalf("page %d shows %s again", pages, href)
			}
			seen[href] = true
		}
		if pages > 1 {
			doc.one(t, "#programs-pager a[href=/programs]")
		}
		next := doc.all("#programs-pager a[rel=next]")
		if len(next) == 0 {
			break
		}
		_, doc = viewer.page(next[0].attr("href"), http.StatusOK)
	}
	if len(seen) != 1000 || pages != 10 {
		t.Errorf("%d programs on %d pages, want 1000 on 10", len(seen), pages)
	}
	if !seen["/programs/"+itoa(e.a.program.ID)] {
		t.Error("the first program is missing")
	}
	// A page past the end, and a mistyped cursor (the first page).
	_, doc = viewer.page("/programs?after=2000-01-01.1", http.StatusOK)
	doc.one(t, "#no-more-programs a[href=/programs]")
	_, doc = viewer.page("/programs?after=nonsense", http.StatusOK)
	if n := len(doc.all("table#programs tbody tr")); n != 100 {
		t.Errorf("a mistyped cursor: %d rows, want the first 100", n)
	}
}

func TestDirectorySearch(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	rowsOf := func(doc *node, table string) []string {
		var out []string
		for _, th := range doc.all("table#" + table + " tbody th[scope=row]") {
			out = append(out, th.Text())
		}
		return out
	}
	_, doc := c.page("/directory", http.StatusOK)
	if got := rowsOf(doc, "organizations-table"); len(got) != 2 {
		t.Errorf("all organizations: %q", got)
	}
	// The arch, the hall an import brought and the home of the fixture's host household.
	if got := rowsOf(doc, "places-table"); len(got) != 3 {
		t.Errorf("all places: %q", got)
	}
	doc.one(t, "form#directory-search[method=get] select#topic option[value=Faith communities]")

	_, doc = c.page("/directory?q=interfaith", http.StatusOK)
	if got := rowsOf(doc, "organizations-table"); len(got) != 1 || !strings.HasPrefix(got[0], "Interfaith Partnership") {
		t.Errorf("q=interfaith: %q", got)
	}
	if got := doc.one(t, "input#q").attr("value"); got != "interfaith" {
		t.Errorf("query not kept: %q", got)
	}

	_, doc = c.page("/directory?topic=Victim+services", http.StatusOK)
	if got := rowsOf(doc, "organizations-table"); len(got) != 1 || !strings.HasPrefix(got[0], "Gateway Human Trafficking") {
		t.Errorf("topic: %q", got)
	}
	doc.one(t, "select#topic option[selected][value=Victim services]")

	_, doc = c.page("/directory?q=nothing+like+this", http.StatusOK)
	if doc.has("table#organizations-table") || !strings.Contains(doc.one(t, "#organizations").Text(), "No organizations match") {
		t.Error("an empty search result is not said so")
	}
}

// failingDirectory breaks one call with an internal error whose text must
// never reach the page.
type failingDirectory struct{ itinera.DirectoryService }

func (failingDirectory) Places(context.Context, int64, itinera.DirectoryFilter) ([]itinera.Place, error) {
	return nil, errors.New("pq: relation \"secret_places\" does not exist")
}

func TestInternalErrorsShowNoDetail(t *testing.T) {
	t.Parallel()
	e := mustServe(t, func(s *itinera.Services) { s.Directory = failingDirectory{s.Directory} })
	c := e.signIn(e.a.officer)
	for _, path := range []string{"/directory", "/organizations/new", "/programs/" + itoa(e.a.program.ID) + "/meetings/new"} {
		res, body := c.get(path)
		if res.StatusCode != http.StatusInternalServerError {
			t.Errorf("%s: %d, want 500", path, res.StatusCode)
		}
		if strings.Contains(body, "secret_places") || strings.Contains(body, "pq:") {
			t.Errorf("%s: internal detail shown", path)
		}
		if got := parseHTML(t, body).one(t, "#error-message").Text(); got != itinera.ErrorMessage(errors.New("x")) {
			t.Errorf("%s: message %q", path, got)
		}
	}
	if !strings.Contains(e.logs.String(), "secret_places") {
		t.Error("the internal error was not logged")
	}
}

func TestNotFoundPaths(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	for _, path := range []string{"/programs/999999", "/programs/abc", "/programs/-1", "/visitors/0/edit",
		"/programs/" + itoa(e.a.program.ID) + "/days/not-a-date/edit"} {
		res, body := c.get(path)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d", path, res.StatusCode)
			continue
		}
		parseHTML(t, body).one(t, "#error-message")
	}
	if res, _ := c.get("/nothing-here"); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET /nothing-here: %d", res.StatusCode)
	}
}

// The home page: today's date in the organization's zone, what needs the
// officer (an answer to read, from the notifications), and the programs
// to come with their readiness figures, each a link to its section.
func TestDashboard(t *testing.T) {
	t.Parallel()
	e, clk := mustServeClock(t, nil)
	officer := e.signIn(e.a.officer)
	_, doc := officer.page("/", http.StatusOK)
	doc.one(t, "#needs-none")
	if got := doc.one(t, "#today").Text(); !strings.Contains(got, "America/Chicago") {
		t.Errorf("today %q", got)
	}
	card := doc.one(t, "#coming #program-"+itoa(e.a.program.ID))
	if !strings.Contains(card.Text(), "0 of 0 meetings in the itinerary confirmed") || !strings.Contains(card.Text(), "No itinerary yet") {
		t.Errorf("program card %q", card.Text())
	}
	card.one(t, `a[href="/programs/`+itoa(e.a.program.ID)+`/requests"]`)

	// A resource answers: the officer has an answer to read, linked to it.
	rq, token := e.sendRequest(officer)
	if r, _ := answer(t, e.client(), token, url.Values{"answer": {"accept"}, "slot": {"0"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("answer %d", r.StatusCode)
	}
	_, doc = officer.page("/", http.StatusOK)
	if doc.has("#needs-none") {
		t.Fatal("nothing needs the officer after an answer")
	}
	doc.one(t, `#needs-answers a[href="/requests/`+itoa(rq.ID)+`"]`)
	if got := doc.one(t, "#program-"+itoa(e.a.program.ID)).Text(); !strings.Contains(got, "0 requests waiting for an answer, 1 to confirm") {
		t.Errorf("program card after the answer %q", got)
	}
	// After the program, its feedback is to chase, and it is no longer to
	// come.
	clk.add(50 * 24 * time.Hour)    // the fixture clock is in early November, the program in December
	officer = e.signIn(e.a.officer) // the session did not last that long
	_, doc = officer.page("/", http.StatusOK)
	if got := doc.one(t, "#needs-feedback").Text(); !strings.Contains(got, e.a.program.Title+": ") || !strings.Contains(got, "answered") && !strings.Contains(got, "not asked yet") {
		t.Errorf("feedback to chase %q", got)
	}
	doc.one(t, `#needs-feedback a[href="/programs/`+itoa(e.a.program.ID)+`/follow-up"]`)
	if doc.has("#program-" + itoa(e.a.program.ID)) {
		t.Error("a program over is still to come")
	}
	// Another organization sees none of it.
	_, other := e.signIn(e.b.officer).page("/", http.StatusOK)
	if other.has("#program-"+itoa(e.a.program.ID)) || other.has("#needs-answers") {
		t.Error("another organization's home page shows this one's program or answers")
	}
}

func TestAssets(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.client()
	_, doc := c.page("/login", http.StatusOK)
	href := doc.one(t, "link[rel=stylesheet]").attr("href")
	if !strings.HasPrefix(href, "/assets/app.") || !strings.HasSuffix(href, ".css") || len(href) < len("/assets/app.0123456789.css") {
		t.Fatalf("stylesheet %q has no content hash", href)
	}
	res, body := c.get(href)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") ||
		!strings.Contains(res.Header.Get("Cache-Control"), "immutable") || !strings.Contains(body, ":focus-visible") {
		t.Errorf("GET %s: %d %q %q", href, res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"))
	}
	for _, p := range []string{"/assets/app.css", "/assets/nope.css", "/assets/"} {
		if res, _ := c.get(p); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d", p, res.StatusCode)
		}
	}
}

func TestNewNeedsEveryService(t *testing.T) {
	t.Parallel()
	if _, err := New(Config{}); err == nil {
		t.Fatal("New without services succeeded")
	}
}
