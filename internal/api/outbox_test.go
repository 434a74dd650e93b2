package api

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"itinera"
)

func TestOutboxAPI(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	list := e.do("GET", "/api/v1/outbox?status=failed", e.viewerA, nil).expect(http.StatusOK).object()
	msgs := list["messages"].([]any)
	if len(msgs) != 1 {
		t.Fatalf("failed messages: %v", msgs)
	}
	m := msgs[0].(map[string]any)
	if m["status"] != "failed" || m["last_error"] == "" || m["message_id"] == "" {
		t.Fatalf("message %v", m)
	}
	path := "/api/v1/outbox/" + id(e.outbox.ID)
	e.do("GET", path, e.viewerA, nil).expect(http.StatusOK)
	e.do("POST", path+"/retry", e.viewerA, nil).expect(http.StatusForbidden)
	got := e.do("POST", path+"/retry", e.officerA, nil).expect(http.StatusOK).object()
	if got["status"] != "queued" || got["message_id"] != m["message_id"] {
		t.Fatalf("after retry: %v", got)
	}
	// Only a failed message can be retried.
	e.do("POST", path+"/retry", e.officerA, nil).expect(http.StatusConflict)

	// The list is kept while nothing is committed; a delivery (which
	// writes no audit entry) shows at once.
	status := func() any {
		for _, m := range e.do("GET", "/api/v1/outbox?limit=200", e.viewerA, nil).expect(http.StatusOK).object()["messages"].([]any) {
			if m := m.(map[string]any); m["id"] == float64(e.outbox.ID) {
				return m["status"]
			}
		}
		return nil
	}
	if got := status(); got != "queued" {
		t.Fatalf("listed as %v, want queued", got)
	}
	status()
	must(t, e.store.MarkSent(context.Background(), e.outbox.ID, time.Now()))
	if got := status(); got != "sent" {
		t.Fatalf("after its delivery the message is listed as %v", got)
	}
	e.do("GET", "/api/v1/outbox?status=lost&limit=0", e.viewerA, nil).expect(http.StatusUnprocessableEntity)
	e.do("GET", path, e.officerB, nil).expect(http.StatusNotFound)
}

// secretLinkRE finds a live secret link: a resource's, a household's or a
// calendar feed's address with its whole token.
var secretLinkRE = regexp.MustCompile(`/(r|h|feeds)/[A-Za-z0-9_-]{43}`)

// Viewers read the outbox with every secret link hidden, in the text, the
// HTML and the calendar part; officers see the messages whole.
func TestOutboxHidesSecretLinksFromViewers(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		// A real request e-mail (/r/), and a message with a household's
		// link (/h/) and a calendar address (/feeds/).
		e.do("POST", "/api/v1/requests/"+id(e.request.ID)+"/send", e.officerA, map[string]any{}).expect(http.StatusOK)
		tok := strings.Repeat("Zq9-", 10) + "abc"
		m := itinera.OutboxMessage{TenantID: e.tenantA.ID, To: "kb@example.com", Subject: "Your evening",
			TextBody: "Your page: https://x.example/h/" + tok, HTMLBody: `<a href="https://x.example/h/` + tok + `">page</a>`,
			Calendar: "BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nURL:https://x.example/feeds/" + tok + ".ics\r\nEND:VCALENDAR\r\n", CalendarMethod: "PUBLISH"}
		must(t, e.store.Enqueue(context.Background(), &m))

		list := e.do("GET", "/api/v1/outbox", e.officerA, nil).expect(http.StatusOK)
		kinds := map[string]bool{}
		for _, l := range secretLinkRE.FindAllStringSubmatch(list.Body.String(), -1) {
			kinds[l[1]] = true
		}
		if !kinds["r"] || !kinds["h"] || !kinds["feeds"] {
			t.Fatalf("the officer does not see every kind of link: %v", kinds)
		}
		msgs := list.object()["messages"].([]any)
		if l := secretLinkRE.FindString(e.do("GET", "/api/v1/outbox", e.viewerA, nil).expect(http.StatusOK).Body.String()); l != "" {
			t.Errorf("viewer's outbox list shows %s", l)
		}
		for _, x := range msgs {
			path := "/api/v1/outbox/" + id(int64(x.(map[string]any)["id"].(float64)))
			viewed := e.do("GET", path, e.viewerA, nil).expect(http.StatusOK)
			if l := secretLinkRE.FindString(viewed.Body.String()); l != "" {
				t.Errorf("viewer sees %s in %s", l, path)
			}
			whole := e.do("GET", path, e.officerA, nil).expect(http.StatusOK).object()
			if secretLinkRE.MatchString(whole["text_body"].(string)) && !strings.Contains(viewed.object()["text_body"].(string), "/…") {
				t.Errorf("viewer's %s does not show where the link was", path)
			}
		}
	})
}
