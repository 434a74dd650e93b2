package web

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"itinera"
)

// secretLinkRE finds a live secret link: a resource's, a household's or a
// calendar feed's address with its whole token.
var secretLinkRE = regexp.MustCompile(`/(r|h|feeds)/[A-Za-z0-9_-]{43}`)

// Viewers read the outbox with every secret link hidden; officers and
// administrators, who send them, see them whole.
func TestViewerSeesNoSecretLinks(t *testing.T) {
	t.Parallel()
	e, _ := mustServeClock(t, nil)
	officer, viewer, admin := e.signIn(e.a.officer), e.signIn(e.a.viewer), e.signIn(e.a.admin)

	// Real e-mails: a meeting request (/r/) and a host's sign-up (/h/),
	// and a message carrying a calendar address (/feeds/).
	if res, _ := officer.post("/requests/"+itoa(e.a.request.ID)+"/send", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("send request: %d", res.StatusCode)
	}
	if res, _ := e.client().postRaw("/host/alpha", signUpForm()); res.StatusCode >= 400 {
		t.Fatalf("host sign-up: %d", res.StatusCode)
	}
	feed := itinera.OutboxMessage{TenantID: e.a.tenant.ID, To: "ana@example.org", Subject: "Your calendar",
		TextBody: "Subscribe: webcal://itinera.example.org/feeds/" + strings.Repeat("Ab3_", 10) + "xyz.ics"}
	must(t, e.store.Enqueue(ctx, &feed))
	msgs, err := e.store.OutboxMessages(ctx, e.a.tenant.ID, itinera.OutboxFilter{})
	must(t, err)
	kinds := map[string]bool{}
	for _, m := range msgs {
		for _, l := range secretLinkRE.FindAllStringSubmatch(m.TextBody+m.HTMLBody+m.Calendar, -1) {
			kinds[l[1]] = true
		}
	}
	if !kinds["r"] || !kinds["h"] || !kinds["feeds"] {
		t.Fatalf("the outbox lacks a kind of secret link: %v", kinds)
	}

	_, body := viewer.get("/outbox")
	if l := secretLinkRE.FindString(body); l != "" {
		t.Errorf("viewer's outbox list shows %s", l)
	}
	for _, m := range msgs {
		path := "/outbox/" + itoa(m.ID)
		_, body := viewer.get(path)
		doc := parseHTML(t, body)
		text := doc.one(t, "#message-text").Text()
		if l := secretLinkRE.FindString(body); l != "" {
			t.Errorf("viewer sees %s on %s", l, path)
		}
		if secretLinkRE.MatchString(m.TextBody) {
			if !strings.Contains(text, "/…") {
				t.Errorf("viewer's %s does not show where the link was: %q", path, text)
			}
			doc.one(t, "#links-hidden")
		}
		for _, c := range []*client{officer, admin} {
			_, doc := c.page(path, http.StatusOK)
			if got, want := doc.one(t, "#message-text").Text(), strings.Join(strings.Fields(m.TextBody), " "); got != want {
				t.Errorf("%s sees %q, want the message whole", path, got)
			}
			if doc.has("#links-hidden") {
				t.Errorf("%s: links said hidden to an officer", path)
			}
		}
	}

	// Calendar addresses: shown once to the officer who issues one; a
	// viewer can neither issue one nor find one on the program's page.
	res, body := officer.post("/programs/"+itoa(e.a.program.ID)+"/feeds", map[string][]string{"kind": {"program"}})
	if res.StatusCode != http.StatusOK || !secretLinkRE.MatchString(body) {
		t.Fatalf("officer issues a feed: %d", res.StatusCode)
	}
	if res, body := viewer.post("/programs/"+itoa(e.a.program.ID)+"/feeds", map[string][]string{"kind": {"program"}}); res.StatusCode != http.StatusForbidden || secretLinkRE.MatchString(body) {
		t.Errorf("viewer issues a feed: %d", res.StatusCode)
	}
	for _, path := range []string{"/programs/" + itoa(e.a.program.ID), "/programs/" + itoa(e.a.program.ID) + "/requests",
		"/requests/" + itoa(e.a.request.ID), "/households", "/evenings/" + itoa(e.a.evening.ID)} {
		_, body := viewer.get(path)
		if l := secretLinkRE.FindString(body); l != "" {
			t.Errorf("viewer sees %s on %s", l, path)
		}
	}
}
