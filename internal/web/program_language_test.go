package web

import (
	"net/http"
	"testing"
)

// TestProgramLanguageField: the program's form offers the languages
// Itinera writes programs in; the one saved is kept and shown selected.
func TestProgramLanguageField(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	p := e.a.program
	path := "/programs/" + itoa(p.ID)
	_, doc := c.page(path+"/edit", http.StatusOK)
	sel := doc.one(t, "select#f-language[name=language]")
	for _, code := range []string{"en", "fr", "es"} {
		sel.one(t, "option[value="+code+"]")
	}
	sel.one(t, "option[value=en][selected]")
	form := programValues(p)
	form.Set("language", "fr")
	res, _ := c.post(path, form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the language: %d", res.StatusCode)
	}
	got, err := e.store.Program(ctx, e.a.tenant.ID, p.ID)
	must(t, err)
	if got.Language != "fr" {
		t.Fatalf("language %q, want fr", got.Language)
	}
	_, doc = c.page(path+"/edit", http.StatusOK)
	doc.one(t, "select#f-language option[value=fr][selected]")
	_, doc = c.page(path, http.StatusOK)
	if got := doc.one(t, "#program-language").Text(); got != "French (français)" {
		t.Errorf("the program page says the language is %q", got)
	}
}
