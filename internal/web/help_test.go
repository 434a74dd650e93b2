package web

import (
	"net/http"
	"net/url"
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

// A host ticks their free evenings on a calendar of the coming weeks (no
// date typed); another date and the dates already chosen outside the
// weeks stay.
func TestHostTicksFreeEvenings(t *testing.T) {
	t.Parallel()
	e, clk := mustServeClock(t, nil)
	c := e.client()
	_, doc := c.page("/host/"+e.a.tenant.Slug, http.StatusOK)
	boxes := doc.all(`fieldset#f-free_dates input[type=checkbox][name=free_dates]`)
	if len(boxes) != 91 {
		t.Fatalf("%d evenings offered, want 13 weeks", len(boxes))
	}
	today := itinera.DateOf(clk.now().In(e.a.program.Location())).String()
	if boxes[0].attr("value") != today {
		t.Errorf("the calendar starts on %s, want today %s", boxes[0].attr("value"), today)
	}
	doc.one(t, `fieldset#f-free_dates legend`)
	doc.one(t, `label[for="f-free_dates-`+today+`"]`)
	doc.one(t, `input#f-free_dates-other[type=date]`)

	h := url.Values{"free_dates": {today, "2027-06-01"}}
	got, errs := readHousehold(h)
	if len(got.FreeDates) != 2 || got.FreeDates[1].String() != "2027-06-01" || errs["free_dates"] != "" {
		t.Errorf("read %v %v", got.FreeDates, errs)
	}
	opts := freeDateOptions(itinera.MustDate(today), []string{"2027-06-01"})
	if last := opts[len(opts)-1]; last.Value != "2027-06-01" || last.Group != "Other dates" {
		t.Errorf("a chosen date outside the weeks: %+v", last)
	}
}
