package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestBookPages: the program page offers the books of the program and of
// each of its people; a book is a standalone page allowed its one inline
// style and nothing else, with a way back; without Chromium the PDF is not
// offered and asking for it says how to enable it; another organization's
// program, and a person of another program, have no book.
func TestBookPages(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	viewer := e.signIn(e.a.viewer)
	pid := itoa(e.a.program.ID)
	_, doc := viewer.page("/programs/"+pid+"/book-and-releases", http.StatusOK)
	books := doc.one(t, "section#books")
	books.one(t, "a#book-delegation[href=/programs/"+pid+"/book?audience=delegation]")
	books.one(t, "#no-pdf")
	if books.has("button[value=pdf]") {
		t.Error("PDF offered without Chromium")
	}
	// One click from the visitor's row.
	_, doc = viewer.page("/programs/"+pid+"/delegation", http.StatusOK)
	doc.one(t, "a#visitor-book-"+itoa(e.a.visitor.ID)+"[href=/programs/"+pid+"/book?audience=visitor&person="+itoa(e.a.visitor.ID)+"]")
	pick := books.one(t, "form.book-pick select#book-visitor")
	if !pick.has("option[value=" + itoa(e.a.visitor.ID) + "]") {
		t.Error("the visitor's book is not offered")
	}

	res, body := viewer.get("/programs/" + pid + "/book?audience=delegation")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("delegation book: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "style-src 'sha256-") || strings.Contains(csp, "script-src") {
		t.Errorf("CSP %q", csp)
	}
	page := parseHTML(t, body)
	if got := page.one(t, "h1").Text(); got != e.a.program.Title {
		t.Errorf("book title %q", got)
	}
	page.one(t, "nav.toolbar a[href=/programs/"+pid+"/book-and-releases#books]")
	if page.has("nav.toolbar a.button") {
		t.Error("a PDF link without Chromium")
	}

	res, body = viewer.get("/programs/" + pid + "/book?audience=visitor&person=" + itoa(e.a.visitor.ID))
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "For "+e.a.visitor.Name()) {
		t.Errorf("visitor's book: %d", res.StatusCode)
	}
	res, body = viewer.get("/programs/" + pid + "/book?audience=delegation&format=pdf")
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "ITINERA_CHROMIUM") {
		t.Errorf("PDF without Chromium: %d", res.StatusCode)
	}
	for _, bad := range []string{"audience=everyone", "audience=visitor", "audience=visitor&person=x",
		"audience=visitor&person=" + itoa(e.b.visitor.ID)} {
		if res, _ := viewer.get("/programs/" + pid + "/book?" + bad); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", bad, res.StatusCode)
		}
	}
	other := e.signIn(e.b.officer)
	if res, _ := other.get("/programs/" + pid + "/book?audience=delegation"); res.StatusCode != http.StatusNotFound {
		t.Errorf("another organization's book: %d", res.StatusCode)
	}
}

// TestDistributePage: an officer sees who would receive their package and
// the message they would read; without Chromium nothing can be sent and
// the page says why (here: the program has no itinerary yet; without
// Chromium: internal/app's TestDistribute); a viewer may not send.
func TestDistributePage(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	pid := itoa(e.a.program.ID)
	_, doc := c.page("/programs/"+pid+"/book-and-releases", http.StatusOK)
	doc.one(t, "a#distribute[href=/programs/"+pid+"/distribute]")
	_, doc = c.page("/programs/"+pid+"/distribute", http.StatusOK)
	doc.one(t, "#why-not")
	if _, ok := doc.one(t, "button#distribute-send").attrs["disabled"]; !ok {
		t.Error("the send button is enabled without Chromium")
	}
	res, _ := c.post("/programs/"+pid+"/distribute", url.Values{"send": {"visitor-" + itoa(e.a.visitor.ID)}})
	doc = c.follow(res)
	if got := doc.one(t, "#flash").Text(); !strings.Contains(got, "Nothing was sent: The program has no itinerary yet") {
		t.Errorf("flash %q", got)
	}
	viewer := e.signIn(e.a.viewer)
	if res, _ := viewer.get("/programs/" + pid + "/distribute"); res.StatusCode != http.StatusForbidden {
		t.Errorf("a viewer: %d", res.StatusCode)
	}
	if _, doc := viewer.page("/programs/"+pid+"/book-and-releases", http.StatusOK); doc.has("a#distribute") {
		t.Error("a viewer is offered to send")
	}
}

// TestReleasePage: without an itinerary there is nothing to release and the
// page says so; releasing then releases nothing; a viewer may not.
func TestReleasePage(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	pid := itoa(e.a.program.ID)
	_, doc := c.page("/programs/"+pid+"/release", http.StatusOK)
	if got := doc.one(t, "#why-not").Text(); !strings.Contains(got, "no itinerary") {
		t.Errorf("why not: %q", got)
	}
	res, _ := c.post("/programs/"+pid+"/release", url.Values{})
	if got := c.follow(res).one(t, "#flash").Text(); !strings.HasPrefix(got, "Nothing was released") {
		t.Errorf("flash %q", got)
	}
	if res, _ := e.signIn(e.a.viewer).get("/programs/" + pid + "/release"); res.StatusCode != http.StatusForbidden {
		t.Errorf("a viewer: %d", res.StatusCode)
	}
}
