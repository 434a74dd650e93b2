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

// mustDemo loads the demo program as a third tenant and signs in its officer.
func (e *env) mustDemo() (*client, itinera.Program) {
	e.t.Helper()
	tenant := demo.Tenant()
	must(e.t, e.store.CreateTenant(ctx, &tenant))
	pid, err := demo.Load(ctx, services(e.store), tenant.ID, storetest.Clock)
	must(e.t, err)
	p, err := e.store.Program(ctx, tenant.ID, pid)
	must(e.t, err)
	return e.signIn(e.mustUser(tenant.ID, "officer@demo.example.org", itinera.RoleOfficer)), p
}

func TestPlanShowsProposalBesideCurrent(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c, p := e.mustDemo()
	_, doc := c.page("/programs/"+itoa(p.ID)+"/itinerary", http.StatusOK)
	doc.one(t, "a#build-itinerary[href=/programs/"+itoa(p.ID)+"/plan]")

	_, doc = c.page("/programs/"+itoa(p.ID)+"/plan", http.StatusOK)
	summary := doc.one(t, "#plan-summary").Text()
	if !strings.Contains(summary, "0 moved, 0 dropped") || !strings.Contains(summary, "Repair") {
		t.Fatalf("summary %q: a re-run of the demo should keep every sent item", summary)
	}
	if n := len(doc.all("section.plan-day")); n != 5 {
		t.Fatalf("%d days shown, want 5", n)
	}
	if len(doc.all(".plan-col ol.plan-list li")) < 2*8 {
		t.Fatal("current and proposed items are not both listed")
	}
	if len(doc.all("#left-out ul.cards li")) == 0 {
		t.Fatal("no left-out candidates explained")
	}
	if rows := len(doc.all("#values tbody tr")); rows != 17 {
		t.Fatalf("%d value rows, want every candidate (17)", rows)
	}
	if len(doc.all("svg.timeline")) < 8 {
		t.Fatal("timelines of the current and proposed days are missing")
	}
	doc.one(t, "form#plan-apply input[name=digest]")

	// The sub-groups: Tuesday afternoon splits in two, Ana with Lucía.
	when := doc.one(t, "#subgroups p.subgroup-when").Text()
	if !strings.Contains(when, "Afternoon") || !strings.Contains(when, "splits into 2 groups") {
		t.Errorf("split stretch %q", when)
	}
	groups := doc.all("#subgroups li.subgroup")
	if len(groups) != 2 {
		t.Fatalf("%d sub-groups shown, want 2", len(groups))
	}
	for _, g := range groups {
		txt := g.Text()
		if strings.Contains(txt, "Lucía") != strings.Contains(txt, "with Ana Beltrán (interpreter)") || !strings.Contains(txt, " attend") {
			t.Errorf("sub-group %q", txt)
		}
	}
}

func TestPlanPinAndApply(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c, p := e.mustDemo()
	path := "/programs/" + itoa(p.ID) + "/plan"
	_, doc := c.page(path, http.StatusOK)
	boxes := doc.all("form#plan-rerun input[name=pin]")
	if len(boxes) == 0 {
		t.Fatal("no pin checkboxes")
	}
	pin := boxes[len(boxes)-1].attr("value")
	_, doc = c.page(path+"?pin="+pin, http.StatusOK)
	var checked bool
	for _, b := range doc.all("form#plan-rerun input[name=pin]") {
		if b.attr("value") == pin && b.hasAttr("checked") {
			checked = true
		}
	}
	if !checked {
		t.Fatalf("pin %s not kept on re-run", pin)
	}

	// A stale digest is refused and the new proposal shown.
	form := doc.one(t, "form#plan-apply").formValues()
	stale := url.Values{}
	for k, v := range form {
		stale[k] = v
	}
	stale.Set("digest", "not-what-was-shown")
	res, body := c.post(path, stale)
	if res.StatusCode != http.StatusConflict || !parseHTML(t, body).has("#plan-stale") {
		t.Fatalf("stale apply: %d", res.StatusCode)
	}

	res, _ = c.post(path, form)
	if loc := res.Header.Get("Location"); loc != "/programs/"+itoa(p.ID)+"/itinerary#itinerary" {
		t.Errorf("applying returns to %q, not the Itinerary section", loc)
	}
	page := c.follow(res)
	if !strings.Contains(page.Text(), "Itinerary version 2 saved") {
		t.Fatalf("after apply: %q", page.one(t, "main").Text())
	}
	cur, err := e.store.CurrentItinerary(ctx, p.TenantID, p.ID)
	must(t, err)
	var pinned int
	for _, x := range cur.Items {
		if x.Pinned {
			pinned++
		}
	}
	if cur.Version != 2 || pinned != 1 || cur.CreatedBy == 0 {
		t.Fatalf("saved version %d with %d pinned items by %d", cur.Version, pinned, cur.CreatedBy)
	}
}

func TestPlanAfterDecline(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c, p := e.mustDemo()
	ms, err := e.store.Meetings(ctx, p.TenantID, p.ID)
	must(t, err)
	for _, m := range ms {
		if strings.Contains(m.HostOrganizationName, "Post-Dispatch") {
			m.Status = itinera.MeetingDeclined
			must(t, e.store.UpdateMeeting(ctx, &m))
		}
	}
	_, doc := c.page("/programs/"+itoa(p.ID)+"/plan", http.StatusOK)
	if s := doc.one(t, "#plan-summary").Text(); !strings.Contains(s, "0 moved, 1 dropped") {
		t.Fatalf("summary %q", s)
	}
	if !strings.Contains(doc.one(t, "#left-out").Text(), "declined") {
		t.Fatal("the declined meeting is not explained")
	}
}
