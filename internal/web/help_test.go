package web

import (
	"net/http"
	"strings"
	"testing"

	"itinera"
)

// The help page explains every status in the one vocabulary; the Outbox
// shows its times in the organization's zone, saying which, and its
// calendar parts in words.
func TestStatusHelpAndOutboxClock(t *testing.T) {
	t.Parallel()
	e, _ := mustServeClock(t, nil)
	c := e.signIn(e.a.viewer)
	_, doc := c.page("/help/statuses", http.StatusOK)
	for _, w := range itinera.StatusWords() {
		n := doc.one(t, "#"+w.Kind+"-"+w.Value)
		if !strings.Contains(n.Text(), w.Means) {
			t.Errorf("%s %s: %q", w.Kind, w.Value, n.Text())
		}
	}
	officer := e.signIn(e.a.officer)
	e.sendRequest(officer)
	_, doc = c.page("/outbox", http.StatusOK)
	text := doc.one(t, "main").Text()
	for _, want := range []string{"CST", "queued"} {
		if !strings.Contains(text, want) {
			t.Errorf("outbox lacks %q", want)
		}
	}
	if strings.Contains(text, "UTC") || strings.Contains(text, "REQUEST") {
		t.Errorf("outbox shows UTC or a METHOD: %s", text)
	}
	msgs, err := e.store.OutboxMessages(ctx, e.a.tenant.ID, itinera.OutboxFilter{})
	must(t, err)
	_, doc = c.page("/outbox/"+itoa(msgs[0].ID), http.StatusOK)
	if got := doc.one(t, "#message-facts").Text(); !strings.Contains(got, "CST") {
		t.Errorf("message facts %q", got)
	}
}

// The time-zone fields offer the zones to search instead of a bare text
// box; what is typed is still checked by the server.
func TestTimeZoneFieldsOfferZones(t *testing.T) {
	t.Parallel()
	e, _ := mustServeClock(t, nil)
	for _, p := range []string{"/programs/new", "/admin/settings"} {
		_, doc := e.signIn(e.a.admin).page(p, http.StatusOK)
		in := doc.one(t, "input#f-time_zone")
		list := doc.one(t, "datalist#"+in.attr("list"))
		n := len(list.all("option"))
		if n < 300 || len(list.all(`option[value="America/Chicago"]`)) != 1 || len(list.all(`option[value="Europe/Paris"]`)) != 1 {
			t.Errorf("%s: %d zones offered", p, n)
		}
	}
}
