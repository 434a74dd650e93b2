package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"itinera"
)

// TestFollowUpSection: the Follow-up section lists the feedback and what
// followed; an officer records a collaboration (a bad evidence address
// is named, a good one listed) and deletes it; a viewer reads the section
// without its buttons.
func TestFollowUpSection(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	f := e.a
	c := e.signIn(f.officer)
	path := "/programs/" + itoa(f.program.ID) + "/follow-up"
	_, doc := c.page(path, http.StatusOK)
	doc.one(t, "#tab-follow-up[aria-current=page]")
	doc.one(t, "#feedback-counts")
	if !strings.Contains(doc.one(t, "#collaboration-list").Text(), f.collaboration.Title) {
		t.Fatal("the fixture's collaboration is not listed")
	}
	form := url.Values{"title": {"Training of shelter staff"}, "kind": {"training"}, "status": {"ongoing"},
		"visitor_ids": {itoa(f.visitor.ID)}, "evidence_url": {"javascript:alert(1)"}, "started_on": {"2027-02-01"}}
	res, body := c.post("/programs/"+itoa(f.program.ID)+"/collaborations", form)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "https://") {
		t.Fatalf("a javascript: link: %d", res.StatusCode)
	}
	form.Set("evidence_url", "https://example.org/training")
	res, _ = c.post("/programs/"+itoa(f.program.ID)+"/collaborations", form)
	doc = c.follow(res)
	list := doc.one(t, "#collaboration-list").Text()
	if !strings.Contains(list, "Training of shelter staff") || !strings.Contains(list, f.visitor.Name()) {
		t.Fatalf("not listed: %s", list)
	}
	cs, err := e.store.Collaborations(ctx, f.tenant.ID, f.program.ID)
	must(t, err)
	if len(cs) != 2 {
		t.Fatalf("%d collaborations", len(cs))
	}
	res, _ = c.post("/collaborations/"+itoa(cs[0].ID)+"/delete", nil)
	c.follow(res)
	if cs, _ := e.store.Collaborations(ctx, f.tenant.ID, f.program.ID); len(cs) != 1 {
		t.Fatalf("%d collaborations after the delete", len(cs))
	}

	v := e.signIn(f.viewer)
	_, doc = v.page(path, http.StatusOK)
	if len(doc.all("#collab-form")) != 0 || len(doc.all("#ask-feedback")) != 0 {
		t.Fatal("a viewer sees the officer's forms")
	}
}

// TestFeedbackForm: a visitor opens their link, rates the meetings and the
// program, and records what followed; staff see the answer; a wrong token
// is a friendly 404 and a form without its nonce is refused.
func TestFeedbackForm(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	f := e.a
	anon := e.client()
	p := "/f/" + f.feedbackToken
	res, doc := anon.page(p, http.StatusOK)
	if res.Header.Get("Referrer-Policy") != "no-referrer" {
		t.Error("the feedback page may leak its address as a referrer")
	}
	nonce := doc.one(t, "form#feedback-form input[name=nonce]").attr("value")
	if r, _ := anon.postRaw(p, url.Values{"nonce": {"0123"}, "rating": {"4"}}); r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("without the nonce: %d", r.StatusCode)
	}
	if r, body := anon.postRaw(p, url.Values{"nonce": {nonce}, "rating": {"7"}}); r.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "1 (poor) to 5") {
		t.Fatalf("a rating of 7: %d", r.StatusCode)
	}
	form := url.Values{"nonce": {nonce}, "rating": {"4"}, "comment": {"Very well organised."}}
	form.Set("rating_"+itoa(f.meeting.ID), "5")
	res, _ = anon.postRaw(p, form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("answer: %d", res.StatusCode)
	}
	res, _ = anon.postRaw(p+"/collaborations", url.Values{"nonce": {nonce}, "title": {"A joint report"}, "kind": {"publication"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("what followed: %d", res.StatusCode)
	}
	c := e.signIn(f.officer)
	_, doc = c.page("/programs/"+itoa(f.program.ID)+"/follow-up", http.StatusOK)
	if a := doc.one(t, "#feedback-answers").Text(); !strings.Contains(a, "Very well organised.") {
		t.Fatalf("answers: %s", a)
	}
	if l := doc.one(t, "#collaboration-list").Text(); !strings.Contains(l, "A joint report") || !strings.Contains(l, f.visitor.Name()) {
		t.Fatalf("collaborations: %s", l)
	}
	if r, _ := anon.get("/f/" + strings.Repeat("x", 43)); r.StatusCode != http.StatusNotFound {
		t.Fatalf("an unknown link: %d", r.StatusCode)
	}
	ls, err := e.store.FeedbackLinks(ctx, f.tenant.ID, f.program.ID)
	must(t, err)
	if len(ls) != 1 || ls[0].Rating != 4 || ls[0].Role != itinera.FeedbackVisitor {
		t.Fatalf("stored %+v", ls)
	}
}

// TestReportsPage: the reports page shows the figures of the period with
// how each was counted and a chart with its table for each breakdown; its
// tables download as CSV; a wrong date is named; another organization's
// programs are not counted.
func TestReportsPage(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	f := e.a
	c := e.signIn(f.viewer)
	q := "?from=" + f.program.StartDate.String() + "&to=" + f.program.EndDate.String()
	_, doc := c.page("/reports"+q, http.StatusOK)
	if got := doc.one(t, "#fig-programs .figure").Text(); got != "1" {
		t.Fatalf("programs: %q", got)
	}
	if doc.one(t, "#fig-visitors .how").Text() == "" {
		t.Fatal("the visitors figure does not say how it was counted")
	}
	doc.one(t, "#by-country svg.chart[role=img] rect")
	if !strings.Contains(doc.one(t, "#by-country table").Text(), f.visitor.Country) {
		t.Fatal("the visitors' country is not in the table")
	}
	// The downloads carry the period (its = and & not escaped away).
	if got := doc.one(t, "#by-country p.downloads a").attr("href"); got != "/reports/visitors-by-country.csv"+q {
		t.Errorf("the table's CSV link: %q", got)
	}
	for _, id := range []string{"#t-visitors-by-region", "#t-visitors-by-sector", "#t-meetings-by-organization-kind", "#t-volunteer-hours",
		"#t-economic-inputs", "#t-feedback", "#by-kind", "#t-by-month"} {
		doc.one(t, id+" h2")
	}
	res, body := c.get("/reports/visitors-by-country.csv" + q)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, f.visitor.Country+",1") ||
		!strings.Contains(res.Header.Get("Content-Disposition"), "report-visitors-by-country") {
		t.Fatalf("CSV: %d %q %s", res.StatusCode, body, res.Header.Get("Content-Disposition"))
	}
	if res, _ := c.get("/reports/nothing.csv" + q); res.StatusCode != http.StatusNotFound {
		t.Fatalf("an unknown table: %d", res.StatusCode)
	}
	res, body = c.get("/reports?from=2026-02-30&to=2026-12-31")
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "YYYY-MM-DD") {
		t.Fatalf("a wrong date: %d", res.StatusCode)
	}
	b := e.signIn(e.b.viewer)
	_, doc = b.page("/reports?from=2000-01-01&to=2000-12-31", http.StatusOK)
	if got := doc.one(t, "#fig-programs .figure").Text(); got != "0" {
		t.Fatalf("another organization's report counts %s programs", got)
	}
}

// TestThankYouPages: the officer drafts the letters from the template (an
// empty subject is named), edits one, sends the ticked ones to the Outbox;
// a sent letter shows, no longer editable.
func TestThankYouPages(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	f := e.a
	c := e.signIn(f.officer)
	path := "/programs/" + itoa(f.program.ID) + "/follow-up"
	_, doc := c.page(path, http.StatusOK)
	form := doc.one(t, "form#thank-you-template").formValues()
	if !strings.Contains(form.Get("template_body"), "{name}") {
		t.Fatalf("the built-in template: %v", form)
	}
	res, body := c.post("/programs/"+itoa(f.program.ID)+"/thank-yous", url.Values{"template_subject": {""}, "template_body": {"x"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "subject") {
		t.Fatalf("an empty subject: %d", res.StatusCode)
	}
	res, _ = c.post("/programs/"+itoa(f.program.ID)+"/thank-yous", url.Values{"template_subject": {"Thanks, {name}"}, "template_body": {"Dear {name},\n\nThank you for {part}."}})
	doc = c.follow(res)
	if !strings.Contains(doc.one(t, "#flash").Text(), "Drafted") {
		t.Fatalf("flash: %s", doc.one(t, "#flash").Text())
	}
	id := itoa(f.thankYou.ID)
	res, _ = c.post("/thank-yous/"+id, url.Values{"subject": {"A warm thank-you"}, "body": {"Dear Shima,\n\nThank you."}})
	c.follow(res)
	res, _ = c.post("/programs/"+itoa(f.program.ID)+"/thank-yous/send", url.Values{"id": {id}})
	doc = c.follow(res)
	if !strings.Contains(doc.one(t, "#flash").Text(), "Sent 1 thank-you letter") {
		t.Fatalf("flash: %s", doc.one(t, "#flash").Text())
	}
	if doc.has("#thank-you-"+id+" form") || !strings.Contains(doc.one(t, "#thank-you-"+id).Text(), "sent") {
		t.Fatal("the sent letter is still a draft on the page")
	}
	msgs, err := e.store.OutboxMessages(ctx, f.tenant.ID, itinera.OutboxFilter{Limit: 10})
	must(t, err)
	if len(msgs) == 0 || msgs[0].Subject != "A warm thank-you" {
		t.Fatalf("outbox: %+v", msgs)
	}
	if res, _ := c.post("/programs/"+itoa(f.program.ID)+"/thank-yous/send", url.Values{}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("nothing ticked: %d", res.StatusCode)
	}
}
