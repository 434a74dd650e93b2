package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestOverviewSeesChangesAtOnce: the overview's records are kept by the
// organization's revision, so the page after a change shows it, for the
// officer who made it and for another user who had the old page.
func TestOverviewSeesChangesAtOnce(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c, p := e.mustDemo()
	path := "/programs/" + itoa(p.ID)
	_, doc := c.page(path, http.StatusOK)
	if !strings.Contains(doc.Text(), p.Title) {
		t.Fatalf("the overview does not show the title %q", p.Title)
	}
	c.page(path, http.StatusOK) // now from the cache

	_, doc = c.page(path+"/edit", http.StatusOK)
	form := doc.one(t, "form#record-form").formValues()
	form.Set("title", "A program renamed while cached")
	if r, body := c.post(path, form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename: %d\n%s", r.StatusCode, body)
	}
	_, doc = c.page(path, http.StatusOK)
	if !strings.Contains(doc.Text(), "A program renamed while cached") {
		t.Fatal("the overview after the change still shows the old title")
	}
}
