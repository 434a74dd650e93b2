package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"itinera"
)

// An officer issues a visitor's calendar address; the address serves the
// visitor's items as iCalendar; re-issuing or revoking ends the old one.
func TestFeedIssueServeRevoke(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c, p := e.mustDemo()
	vs, err := e.store.Visitors(ctx, p.TenantID, p.ID)
	must(t, err)
	v := vs[0]
	_, doc := c.page("/programs/"+itoa(p.ID)+"/book-and-releases", http.StatusOK)
	if len(doc.all("#feeds tbody tr")) < 1+9+1 {
		t.Fatal("the program page does not offer a feed for the program, each visitor and the interpreter")
	}
	issue := func() string {
		res, body := c.post("/programs/"+itoa(p.ID)+"/feeds", url.Values{"kind": {"visitor"}, "subject_id": {itoa(v.ID)}})
		if res.StatusCode != http.StatusOK {
			t.Fatalf("issue: %d %s", res.StatusCode, body)
		}
		addr := parseHTML(t, body).one(t, "input#feed-url").attr("value")
		if !strings.HasPrefix(addr, e.srv.URL+"/feeds/") || !strings.HasSuffix(addr, ".ics") {
			t.Fatalf("feed address %q", addr)
		}
		return strings.TrimPrefix(addr, e.srv.URL)
	}
	first := issue()
	anon := e.client()
	res, body := anon.get(first)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/calendar") ||
		!strings.Contains(body, "BEGIN:VEVENT") || !strings.Contains(body, "UID:meeting-") || !strings.Contains(body, v.Name()) {
		t.Fatalf("feed: %d %s\n%.400s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	if strings.Contains(body, v.Email) && v.Email != "" {
		t.Fatal("the visitor's e-mail address is in the feed")
	}
	second := issue()
	if res, _ := anon.get(first); res.StatusCode != http.StatusNotFound {
		t.Fatalf("old address after re-issue: %d", res.StatusCode)
	}
	feeds, err := e.store.Feeds(ctx, p.TenantID, p.ID)
	must(t, err)
	var live itinera.Feed
	for _, f := range feeds {
		if f.Kind == itinera.FeedVisitor && f.SubjectID == v.ID {
			live = f
		}
	}
	res, _ = c.post("/feeds/"+itoa(live.ID)+"/revoke", url.Values{"program_id": {itoa(p.ID)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: %d", res.StatusCode)
	}
	if res, _ := anon.get(second); res.StatusCode != http.StatusNotFound {
		t.Fatalf("revoked address: %d", res.StatusCode)
	}
}

// Wrong addresses get a plain 404, then 429 once a client has used up its
// tries; no internal text either way.
func TestFeedWrongAddresses(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	anon := e.client()
	for _, path := range []string{"/feeds/nonsense.ics", "/feeds/" + strings.Repeat("A", 43) + ".ics", "/feeds/%00"} {
		res, body := anon.get(path)
		if res.StatusCode != http.StatusNotFound || !strings.Contains(body, "does not exist or was revoked") {
			t.Errorf("GET %s: %d %q", path, res.StatusCode, body)
		}
	}
	var last int
	for i := 0; i < 40; i++ {
		res, _ := anon.get("/feeds/guess" + itoa(int64(i)) + ".ics")
		last = res.StatusCode
	}
	if last != http.StatusTooManyRequests {
		t.Fatalf("after 40 wrong addresses: %d, want 429", last)
	}
}
