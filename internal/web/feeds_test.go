package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
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

// countingPrograms counts the loads of a program.
type countingPrograms struct {
	itinera.ProgramService
	n *atomic.Int64
}

func (c countingPrograms) Program(ctx context.Context, tenantID, id int64) (itinera.Program, error) {
	c.n.Add(1)
	return c.ProgramService.Program(ctx, tenantID, id)
}

// TestFeedConditionalRequests: a calendar that polls with the feed's ETag
// (or its Last-Modified) gets 304 without the program being loaded; a full
// answer is made once per revision (then served from the cache); any
// change of the organization's records gives the feed a new ETag and a new
// body at once.
func TestFeedConditionalRequests(t *testing.T) {
	t.Parallel()
	var loads atomic.Int64
	e := mustServe(t, func(s *itinera.Services) { s.Programs = countingPrograms{s.Programs, &loads} })
	c, p := e.mustDemo()
	vs, err := e.store.Visitors(ctx, p.TenantID, p.ID)
	must(t, err)
	res, body := c.post("/programs/"+itoa(p.ID)+"/feeds", url.Values{"kind": {"visitor"}, "subject_id": {itoa(vs[0].ID)}})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("issue: %d", res.StatusCode)
	}
	feed := strings.TrimPrefix(parseHTML(t, body).one(t, "input#feed-url").attr("value"), e.srv.URL)
	anon := e.client()
	var lastBody string
	get := func(header, value string) *http.Response {
		req, err := http.NewRequest("GET", e.srv.URL+feed, nil)
		must(t, err)
		if header != "" {
			req.Header.Set(header, value)
		}
		r, b := anon.do(req)
		lastBody = b
		return r
	}
	before := loads.Load()
	first := get("", "")
	etag, modified := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
	if first.StatusCode != http.StatusOK || etag == "" || modified == "" {
		t.Fatalf("first: %d, ETag %q, Last-Modified %q", first.StatusCode, etag, modified)
	}
	firstBody := lastBody
	if loads.Load() == before {
		t.Fatal("a full answer does not show as a load of the program: the count proves nothing")
	}
	before = loads.Load()
	again := get("", "")
	againBody := lastBody
	if again.StatusCode != http.StatusOK || loads.Load() != before || againBody != firstBody {
		t.Fatalf("second full answer: %d, %d loads, same body %v; want it from the cache", again.StatusCode, loads.Load()-before,
			againBody == firstBody)
	}
	for _, h := range [][2]string{{"If-None-Match", etag}, {"If-None-Match", `"x", W/` + etag}, {"If-Modified-Since", modified}} {
		r := get(h[0], h[1])
		if r.StatusCode != http.StatusNotModified || r.Header.Get("ETag") != etag {
			t.Errorf("%s %s: %d, ETag %q", h[0], h[1], r.StatusCode, r.Header.Get("ETag"))
		}
	}
	if n := loads.Load() - before; n != 0 {
		t.Errorf("304 answers loaded the program %d times", n)
	}
	if r := get("If-None-Match", `"f0-r0"`); r.StatusCode != http.StatusOK {
		t.Errorf("another ETag: %d", r.StatusCode)
	}

	// The officer renames a meeting: the next poll gets the new feed.
	ms, err := e.store.Meetings(ctx, p.TenantID, p.ID)
	must(t, err)
	_, doc := c.page("/meetings/"+itoa(ms[0].ID)+"/edit", http.StatusOK)
	form := doc.one(t, "form#record-form").formValues()
	form.Set("title", "A renamed meeting")
	if r, _ := c.post("/meetings/"+itoa(ms[0].ID), form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename: %d", r.StatusCode)
	}
	after := get("If-None-Match", etag)
	if after.StatusCode != http.StatusOK || after.Header.Get("ETag") == etag {
		t.Fatalf("after a change: %d, ETag %q (was %q)", after.StatusCode, after.Header.Get("ETag"), etag)
	}
	if !strings.Contains(lastBody, "A renamed meeting") {
		t.Fatalf("the feed after the change does not name the renamed meeting:\n%s", lastBody)
	}
}
