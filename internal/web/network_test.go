package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/demo"
	"itinera/internal/storetest"
)

// demoHistory is the demo with its follow-up and its two earlier
// programs, in e's store, and its officer.
func (e *env) demoHistory() (demoEvening, []int64) {
	t := e.t
	t.Helper()
	d := e.mustDemoEvening()
	_, err := demo.LoadRequests(ctx, e.store.Services(), d.tenant.ID, d.programID, "https://itinera.example.org")
	must(t, err)
	_, err = demo.LoadFollowUp(ctx, e.store.Services(), d.tenant.ID, d.programID)
	must(t, err)
	ids, err := demo.LoadHistory(ctx, e.store.Services(), d.tenant.ID, d.programID)
	must(t, err)
	return d, ids
}

func (e *env) orgNamed(tenantID int64, name string) itinera.Organization {
	e.t.Helper()
	os, err := e.store.Organizations(ctx, tenantID, itinera.DirectoryFilter{})
	must(e.t, err)
	for _, o := range os {
		if o.Name == name {
			return o
		}
	}
	e.t.Fatalf("no organization %q", name)
	return itinera.Organization{}
}

// TestNetworkPages: an organization's page lists the programs it met (a
// page of them), the countries and what followed; a visitor's page their
// meetings and what followed; the network page draws a node link per
// organization and country with a table of each, filters by theme, says
// why a wrong period is refused; the ranking page gives reasons; the
// directory and the delegation link to these pages. Another
// organization's records are not found.
func TestNetworkPages(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	d, ids := e.demoHistory()
	ght := e.orgNamed(d.tenant.ID, "Gateway Human Trafficking")

	_, doc := d.officer.page("/organizations/"+itoa(ght.ID), http.StatusOK)
	if n := len(doc.all("#programs-table tbody tr")); n < 2 {
		t.Fatalf("%d programs on the organization's page", n)
	}
	if !strings.Contains(doc.one(t, "#countries-list").Text(), "Nigeria") || len(doc.all("#collaborations-table tbody tr")) == 0 {
		t.Fatal("no countries or no collaborations on the organization's page")
	}
	doc.one(t, "#history-figures")

	vs, err := e.store.Visitors(ctx, d.tenant.ID, ids[0])
	must(t, err)
	_, doc = d.officer.page("/visitors/"+itoa(vs[1].ID), http.StatusOK)
	if n := len(doc.all("#meetings-table tbody tr")); n != 5 {
		t.Fatalf("%d meetings on the visitor's page", n)
	}
	if len(doc.all("#collaborations-table tbody tr")) == 0 || !strings.Contains(doc.one(t, "#visitor-program").Text(), "Justice Sector Reform") {
		t.Fatal("the visitor's page lacks what followed or the program")
	}

	_, doc = d.officer.page("/network?from=2000-01-01&to=2100-12-31", http.StatusOK)
	svg := doc.one(t, "svg.network-svg")
	links := svg.all("a")
	orgs, countries := len(doc.all("#organizations-table tbody tr")), len(doc.all("#countries-table tbody tr"))
	if len(links) != orgs+countries || orgs == 0 || countries == 0 {
		t.Fatalf("%d node links for %d organizations and %d countries", len(links), orgs, countries)
	}
	for _, a := range links {
		if a.attr("href") == "" || a.one(t, "title").Text() == "" {
			t.Fatal("a node without a link or a title")
		}
	}
	nigeria := false
	for _, a := range links {
		if strings.HasSuffix(a.attr("href"), "#country-nigeria") {
			nigeria = true
		}
	}
	if !nigeria || !doc.has("#countries-table tr#country-nigeria") {
		t.Fatal("Nigeria's node does not lead to its row of the table")
	}
	if len(svg.all(".collab-mark")) == 0 {
		t.Fatal("no collaboration marked")
	}
	_, doc = d.officer.page("/network?from=2000-01-01&to=2100-12-31&theme="+url.QueryEscape("faith communities"), http.StatusOK)
	if strings.Contains(doc.one(t, "#network-summary").Text(), "Justice Sector Reform") {
		t.Fatal("the theme kept a program off it")
	}
	_, doc = d.officer.page("/network?from=2026-05-01&to=2026-04-01", http.StatusUnprocessableEntity)
	doc.one(t, "#to-error")

	_, doc = d.officer.page("/programs/"+itoa(d.programID)+"/ranking", http.StatusOK)
	items := doc.all("#ranking-list li")
	if len(items) < 3 || !strings.Contains(items[0].one(t, ".reason").Text(), "met ") {
		t.Fatalf("%d ranked", len(items))
	}

	_, doc = d.officer.page("/directory", http.StatusOK)
	doc.one(t, `#organizations-table a[href="/organizations/`+itoa(ght.ID)+`"]`)
	doc.one(t, "#network-link")
	_, doc = d.officer.page("/programs/"+itoa(ids[0])+"/delegation", http.StatusOK)
	doc.one(t, `a[href="/visitors/`+itoa(vs[1].ID)+`"]`)
	_, doc = d.officer.page("/programs/"+itoa(d.programID)+"/candidates", http.StatusOK)
	doc.one(t, "#ranking-link")

	other := e.signIn(e.a.officer)
	other.page("/organizations/"+itoa(ght.ID), http.StatusNotFound)
	other.page("/visitors/"+itoa(vs[1].ID), http.StatusNotFound)
	other.page("/programs/"+itoa(d.programID)+"/ranking", http.StatusNotFound)
	_, doc = other.page("/network?from=2000-01-01&to=2100-12-31", http.StatusOK)
	if strings.Contains(doc.Text(), "Justice Sector Reform") || strings.Contains(doc.Text(), "Nigeria") {
		t.Fatal("another organization's network shows the demo's")
	}
}

// TestFollowUpLinkPage: a resource's follow-up page offers the program's
// visitors to name; "nothing yet" is recorded and said; what followed is
// recorded with the resource's organization; a wrong form names the
// field; an unknown token is not found; the page sends no referrer.
func TestFollowUpLinkPage(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	f := e.a
	token, hash, err := auth.NewToken()
	must(t, err)
	_, err = e.store.ClaimFollowUpLink(ctx, &itinera.FollowUpLink{TenantID: f.tenant.ID, ProgramID: f.program.ID,
		Role: itinera.FeedbackResource, PersonID: f.contact.ID, Name: f.contact.Name, Email: "resource@example.org",
		OrganizationID: f.org.ID, Months: 6, TokenHash: hash, SentAt: storetest.Now(), ExpiresAt: storetest.Now().Add(itinera.FollowUpLinkTTL)})
	must(t, err)
	c := e.client()
	p := "/o/" + token
	res, doc := c.page(p, http.StatusOK)
	if res.Header.Get("Referrer-Policy") != "no-referrer" {
		t.Fatal("the follow-up page sends a referrer")
	}
	doc.one(t, `#followed-form input[name="visitor_ids"][value="`+itoa(f.visitor.ID)+`"]`)
	nonce := doc.one(t, `#nothing-form input[name="nonce"]`).attr("value")
	res, _ = c.post(p+"/nothing", url.Values{"nonce": {nonce}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("nothing yet: %d", res.StatusCode)
	}
	_, doc = c.page(p, http.StatusOK)
	doc.one(t, "#answered")
	res, body := c.post(p+"/collaborations", url.Values{"nonce": {nonce}, "kind": {"training"}, "title": {""}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("no title: %d", res.StatusCode)
	}
	parseHTML(t, body).one(t, "#f-title .error")
	for _, bad := range []string{"Gate\x00way", "\xff\xfe", "Line\r\nBcc: x@example.org", strings.Repeat("a", 201)} {
		res, body := c.post(p+"/collaborations", url.Values{"nonce": {nonce}, "kind": {"training"}, "title": {bad}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("title %q: %d", bad, res.StatusCode)
		}
		parseHTML(t, body).one(t, "#f-title .error")
	}
	res, _ = c.post(p+"/collaborations", url.Values{"nonce": {nonce}, "kind": {"training"}, "status": {"ongoing"}, "title": {"Training for police"},
		"visitor_ids": {itoa(f.visitor.ID)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("what followed: %d", res.StatusCode)
	}
	cs, err := e.store.Collaborations(ctx, f.tenant.ID, f.program.ID)
	must(t, err)
	var got itinera.Collaboration
	for _, x := range cs {
		if x.Title == "Training for police" {
			got = x
		}
	}
	if got.ID == 0 || got.OrganizationIDs[0] != f.org.ID || got.VisitorIDs[0] != f.visitor.ID || got.Status != itinera.CollabOngoing || got.FollowUpLinkID == 0 {
		t.Fatalf("recorded %+v", got)
	}
	_, doc = c.page(p, http.StatusOK)
	if !strings.Contains(doc.one(t, "#my-collaborations").Text(), "Training for police") {
		t.Fatal("the page does not list what was recorded")
	}
	c.page("/o/"+strings.Repeat("x", 43), http.StatusNotFound)
}

// TestResourceRecordsFromFeedbackLink: a resource's feedback form offers
// what followed, naming the program's visitors.
func TestResourceRecordsFromFeedbackLink(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	f := e.a
	token, hash, err := auth.NewToken()
	must(t, err)
	must(t, e.store.IssueFeedbackLink(ctx, &itinera.FeedbackLink{TenantID: f.tenant.ID, ProgramID: f.program.ID, Role: itinera.FeedbackResource,
		PersonID: f.contact.ID, Name: f.contact.Name, Email: "resource@example.org", OrganizationID: f.org.ID, TokenHash: hash,
		SentAt: storetest.Now(), ExpiresAt: storetest.Now().Add(itinera.FeedbackLinkTTL)}))
	c := e.client()
	p := "/f/" + token
	_, doc := c.page(p, http.StatusOK)
	nonce := doc.one(t, `#followed-form input[name="nonce"]`).attr("value")
	doc.one(t, `#followed-form input[name="visitor_ids"]`)
	res, _ := c.post(p+"/collaborations", url.Values{"nonce": {nonce}, "kind": {"publication"}, "title": {"An article together"},
		"visitor_ids": {itoa(f.visitor.ID)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("what followed: %d", res.StatusCode)
	}
	_, doc = c.page(p, http.StatusOK)
	if !strings.Contains(doc.one(t, "#my-collaborations").Text(), "An article together") {
		t.Fatal("not listed")
	}
}

// TestNetworkPagesOnAPhone: the network view, an organization's page, a
// visitor's page, the ranking and a follow-up link's page of the demo with
// its history fit a 390 px phone; with ITINERA_SCREENSHOTS=DIR they are
// saved there (network.png, network-phone.png, organization.png, …).
func TestNetworkPagesOnAPhone(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	d, ids := e.demoHistory()
	ght := e.orgNamed(d.tenant.ID, "Gateway Human Trafficking")
	vs, err := e.store.Visitors(ctx, d.tenant.ID, ids[0])
	must(t, err)
	token, hash, err := auth.NewToken()
	must(t, err)
	_, err = e.store.ClaimFollowUpLink(context.Background(), &itinera.FollowUpLink{TenantID: d.tenant.ID, ProgramID: ids[0],
		Role: itinera.FeedbackVisitor, PersonID: vs[0].ID, Name: vs[0].Name(), Email: vs[0].Email, Months: 12, TokenHash: hash,
		SentAt: storetest.Now(), ExpiresAt: storetest.Now().Add(itinera.FollowUpLinkTTL)})
	must(t, err)
	answered := vs[0]
	for _, v := range vs {
		if v.GivenName == "Chinedu" {
			answered = v
		}
	}
	shootPages(t, e, d.officer, []shot{
		{path: "/network?from=2000-01-01&to=2100-12-31", name: "network", wait: "#network"},
		{path: "/organizations/" + itoa(ght.ID), name: "organization", wait: "#programs-table"},
		{path: "/visitors/" + itoa(answered.ID), name: "visitor", wait: "#meetings-table"},
		{path: "/programs/" + itoa(d.programID) + "/ranking", name: "ranking", wait: "#ranking-list"},
		{path: "/o/" + token, name: "follow-up-link", wait: "#followed-form"},
	})
}

// TestSettingsFollowUpSchedule: the administrator sets when visitors and
// resources are asked what followed; a wrong schedule is named with the
// other wrong fields, and nothing is saved.
func TestSettingsFollowUpSchedule(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.admin)
	_, doc := c.page("/admin/settings", http.StatusOK)
	v := doc.one(t, "form#record-form").formValues()
	if v.Get("follow_up_months") != "3, 6, 12" {
		t.Fatalf("schedule shown %q", v.Get("follow_up_months"))
	}
	for _, bad := range []string{"3, 3", "0", "3, six", "61"} {
		w := withValue(v, "follow_up_months", bad)
		w.Set("time_zone", "Mars/Base")
		res, body := c.post("/admin/settings", w)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("%q: %d", bad, res.StatusCode)
		}
		if got := summaryFields(parseHTML(t, body)); !got["follow_up_months"] || !got["time_zone"] {
			t.Fatalf("%q: summary names %v", bad, got)
		}
	}
	res, _ := c.post("/admin/settings", withValue(v, "follow_up_months", "12, 1"))
	c.follow(res)
	st, err := e.store.Settings(ctx, e.a.tenant.ID)
	must(t, err)
	if itinera.FollowUpMonthsText(st.FollowUpMonths) != "1, 12" {
		t.Fatalf("stored %v", st.FollowUpMonths)
	}
	_, doc = c.page("/admin/settings", http.StatusOK)
	v = doc.one(t, "form#record-form").formValues()
	res, _ = c.post("/admin/settings", withValue(v, "follow_up_months", ""))
	c.follow(res)
	if st, _ = e.store.Settings(ctx, e.a.tenant.ID); len(st.FollowUpMonths) != 0 {
		t.Fatalf("stored %v", st.FollowUpMonths)
	}
}

// TestNetworkOfManyOrganizations: 500 organizations met in one program
// draw as 30 nodes (the rest folded into "and 472 more organizations",
// linking to the table), and the table pages them 20 at a time.
func TestNetworkOfManyOrganizations(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	f := e.a
	for i := 0; i < 500; i++ {
		o := itinera.Organization{TenantID: f.tenant.ID, Name: "Organization " + itoa(int64(1000+i)), Kind: itinera.OrganizationKind("nonprofit")}
		must(t, e.store.CreateOrganization(ctx, &o))
		m := itinera.Meeting{TenantID: f.tenant.ID, ProgramID: f.program.ID, Title: "Meeting " + itoa(int64(i)), HostOrganizationID: o.ID,
			DurationMinutes: 60, Priority: 3, Status: itinera.MeetingConfirmed}
		must(t, e.store.CreateMeeting(ctx, &m))
	}
	c := e.signIn(f.officer)
	_, doc := c.page("/network?from=2000-01-01&to=2100-12-31", http.StatusOK)
	svg := doc.one(t, "svg.network-svg")
	var more *node
	orgLinks := 0
	for _, a := range svg.all("a") {
		if strings.HasPrefix(a.attr("href"), "/organizations/") || a.attr("href") == "#organizations-table" {
			orgLinks++
		}
		if a.attr("href") == "#organizations-table" {
			more = a
		}
	}
	if orgLinks != 30 || more == nil || !strings.Contains(more.one(t, "title").Text(), "and 472 more organizations") { // 500, and the fixture's organization named by a collaboration
		t.Fatalf("%d organization nodes; the folded one %v", orgLinks, more)
	}
	if n := len(doc.all("#organizations-table tbody tr")); n != 20 {
		t.Fatalf("%d rows on the first page", n)
	}
	next := doc.one(t, "p.pager a").attr("href")
	_, doc = c.page(next, http.StatusOK)
	if n := len(doc.all("#organizations-table tbody tr")); n != 20 {
		t.Fatalf("%d rows on the second page", n)
	}
}
