package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestBookEndpoint: the delegation book and a visitor's come as HTML; PDF
// without Chromium is refused on "format" saying how to enable it; a
// person of no program of the organization, or an unknown audience, is
// named; another organization's program has no book.
func TestBookEndpoint(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	path := "/api/v1/programs/" + id(e.program.ID) + "/book"
	r := e.do("GET", path, e.viewerA, nil).expect(http.StatusOK)
	if !strings.HasPrefix(r.Header().Get("Content-Type"), "text/html") || !strings.Contains(r.Body.String(), "<h1>"+e.program.Title+"</h1>") {
		t.Fatalf("delegation book: %s", r.Header().Get("Content-Type"))
	}
	r = e.do("GET", path+"?audience=visitor&person="+id(e.visitor.ID), e.viewerA, nil).expect(http.StatusOK)
	if !strings.Contains(r.Body.String(), "For "+e.visitor.Name()) {
		t.Error("the visitor's book does not name them")
	}
	r = e.do("GET", path+"?format=pdf", e.viewerA, nil).expect(http.StatusUnprocessableEntity)
	if _, _, f := r.apiError(); f["format"] == nil || !strings.Contains(f["format"].(string), "ITINERA_CHROMIUM") {
		t.Errorf("PDF without Chromium: %s", r.Body)
	}
	for q, field := range map[string]string{"?audience=everyone": "audience", "?audience=visitor": "person",
		"?audience=visitor&person=abc": "person", "?audience=resource&person=999999": "person", "?format=doc": "format"} {
		r := e.do("GET", path+q, e.viewerA, nil).expect(http.StatusUnprocessableEntity)
		if _, _, f := r.apiError(); f[field] == nil {
			t.Errorf("%s: no message on %s: %s", q, field, r.Body)
		}
	}
	e.do("GET", path, e.officerB, nil).expect(http.StatusNotFound)
}
