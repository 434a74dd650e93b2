package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"itinera"
)

// TestDelegationPagesItsVisitors: a delegation of more than 200 visitors
// is shown 200 at a time, in the program's order, with a link to the
// next page that names the last visitor shown (keyset paging); the last
// page links back to the first, and every visitor is on exactly one page.
// The second page fits a phone.
func TestDelegationPagesItsVisitors(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	ctx := context.Background()
	p := itinera.Program{TenantID: e.a.tenant.ID, Title: "A large delegation", ProjectType: "IVLP", City: "St. Louis",
		TimeZone: "America/Chicago", StartDate: itinera.MustDate("2026-05-02"), EndDate: itinera.MustDate("2026-05-06"),
		Objectives: []string{"civic tech"}}
	if err := e.store.CreateProgram(ctx, &p); err != nil {
		t.Fatal(err)
	}
	const n = 450
	for i := range n {
		v := itinera.Visitor{TenantID: p.TenantID, ProgramID: p.ID, GivenName: "Ana", FamilyName: fmt.Sprintf("Silva %03d", i),
			Country: "Brazil", Languages: []string{"Portuguese"}, Fictional: true}
		if err := e.store.CreateVisitor(ctx, &v); err != nil {
			t.Fatal(err)
		}
	}
	c := e.signIn(e.a.viewer)
	base := "/programs/" + itoa(p.ID) + "/delegation"
	seen := map[string]bool{}
	next, pages, second := base, 0, ""
	for next != "" {
		pages++
		_, doc := c.page(strings.TrimSuffix(next, "#visitors"), http.StatusOK)
		rows := doc.all("section#visitors tbody tr th a")
		want := min(200, n-len(seen))
		if len(rows) != want {
			t.Fatalf("page %d: %d visitors, want %d", pages, len(rows), want)
		}
		for _, r := range rows {
			if seen[r.Text()] {
				t.Fatalf("%s on two pages", r.Text())
			}
			seen[r.Text()] = true
		}
		cap := doc.one(t, "caption#visitors-caption").Text()
		if !strings.Contains(cap, "450 visitors") {
			t.Errorf("caption %q", cap)
		}
		next = ""
		if a := doc.all("section#visitors .pager a[rel=next]"); len(a) == 1 {
			next = a[0].attr("href")
			if second == "" {
				second = strings.TrimSuffix(next, "#visitors")
			}
		}
		if pages > 1 && !doc.has("section#visitors .pager a[href=\""+base+"#visitors\"]") {
			t.Errorf("page %d has no link to the first visitors", pages)
		}
	}
	if pages != 3 || len(seen) != n || !seen["Ana Silva 000"] && !seen["Silva 000, Ana"] {
		t.Fatalf("%d pages, %d visitors", pages, len(seen))
	}
	// A cursor that names no visitor of the program shows the first page.
	_, doc := c.page(base+"?after=999999", http.StatusOK)
	if len(doc.all("section#visitors tbody tr")) != 200 || !strings.Contains(doc.all("section#visitors tbody tr th a")[0].Text(), "Silva 000") {
		t.Error("an unknown cursor does not show the first page")
	}
	// The second page fits a phone (ITINERA_SCREENSHOTS=DIR saves it).
	shootPages(t, e, c, []shot{{path: second, name: "delegation-pages", wait: "#visitors .pager"}})
	// A small delegation has no pager.
	_, doc = c.page("/programs/"+itoa(e.a.program.ID)+"/delegation", http.StatusOK)
	if doc.has("section#visitors .pager") {
		t.Error("a pager on a delegation of one page")
	}
}
