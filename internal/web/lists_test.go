package web

import (
	"fmt"
	"net/http"
	"testing"

	"itinera"
)

// Long lists: a directory of a thousand organizations shows the first 100
// and says how to find the others (a search finds any one), and an outbox
// of 120 messages pages through them 50 at a time.
func TestLongLists(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	tid := e.b.tenant.ID
	for i := range 1000 {
		o := itinera.Organization{TenantID: tid, Name: fmt.Sprintf("Organization %04d", i), Kind: itinera.OrgNonprofit}
		must(t, e.store.CreateOrganization(ctx, &o))
	}
	for i := range 120 {
		m := itinera.OutboxMessage{TenantID: tid, To: fmt.Sprintf("person%d@example.org", i), Subject: fmt.Sprintf("Message %d", i),
			TextBody: "Hello."}
		must(t, e.store.Enqueue(ctx, &m))
	}
	c := e.signIn(e.b.officer)
	_, doc := c.page("/directory", http.StatusOK)
	if n := len(doc.all("table#organizations-table tbody tr")); n != 100 {
		t.Fatalf("%d organization rows, want the first 100", n)
	}
	doc.one(t, "#organizations-more")
	if got := doc.one(t, "nav.toc a[href='#organizations']").Text(); got != "Organizations (more than 100)" {
		t.Errorf("section link %q", got)
	}
	if got := doc.one(t, "#organizations-caption").Text(); got != "The first 100 organizations" {
		t.Errorf("caption %q", got)
	}
	_, doc = c.page("/directory?q=Organization+0999", http.StatusOK)
	if n := len(doc.all("table#organizations-table tbody tr")); n != 1 || doc.has("#organizations-more") {
		t.Fatalf("a search for the last organization: %d rows", n)
	}
	_, doc = c.page("/outbox", http.StatusOK)
	if n := len(doc.all("main table tbody tr")); n != 50 {
		t.Fatalf("first outbox page has %d rows, want 50", n)
	}
	if got := doc.one(t, "nav.filters a[href='/outbox']").Text(); got != "All (120)" {
		t.Errorf("outbox count %q", got)
	}
	// Keyset pages (?after=ID): 50, 50, 20, and back.
	firstRows := doc.all("main table tbody tr")
	older := doc.one(t, "p.pager a").attr("href")
	_, doc = c.page(older, http.StatusOK)
	if n := len(doc.all("main table tbody tr")); n != 50 {
		t.Fatalf("second outbox page has %d rows, want 50", n)
	}
	second := older
	var newer string
	for _, a := range doc.all("p.pager a") {
		if a.Text() == "Older messages" {
			older = a.attr("href")
		} else {
			newer = a.attr("href")
		}
	}
	_, doc = c.page(older, http.StatusOK)
	if n := len(doc.all("main table tbody tr")); n != 20 {
		t.Fatalf("third outbox page (%s) has %d rows, want 20", older, n)
	}
	if got := doc.all("p.pager a"); len(got) != 1 || got[0].Text() != "Newer messages" {
		t.Errorf("the last page's pager: %d links", len(got))
	}
	back := doc.one(t, "p.pager a").attr("href")
	_, doc = c.page(back, http.StatusOK)
	if n := len(doc.all("main table tbody tr")); n != 50 {
		t.Fatalf("back to the second page (%s, was %s): %d rows", back, second, n)
	}
	_, doc = c.page(newer, http.StatusOK)
	rows := doc.all("main table tbody tr")
	if len(rows) != 50 || rows[0].Text() != firstRows[0].Text() || rows[49].Text() != firstRows[49].Text() {
		t.Fatalf("back to the first page (%s): %d rows", newer, len(rows))
	}
	if got := doc.all("p.pager a"); len(got) != 1 || got[0].Text() != "Older messages" {
		t.Errorf("the first page reached back has %d pager links", len(got))
	}
	_, doc = c.page("/outbox?status=failed", http.StatusOK)
	doc.one(t, "#outbox-empty")
}
