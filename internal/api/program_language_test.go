package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestProgramLanguage: a program is created in French, shown with its
// language, changed by a merge patch; an unknown code is refused naming
// the field; a program sent without one is in English.
func TestProgramLanguage(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	body := map[string]any{"title": "Rule of law", "city": "Lyon", "time_zone": "Europe/Paris", "start_date": "2026-11-02",
		"end_date": "2026-11-04", "language": "fr"}
	p := e.do("POST", "/api/v1/programs", e.officerA, body).expect(http.StatusCreated).object()
	if p["language"] != "fr" {
		t.Fatalf("created in %v", p["language"])
	}
	path := fmt.Sprintf("/api/v1/programs/%v", p["id"])
	if got := e.do("GET", path, e.officerA, nil).expect(http.StatusOK).object(); got["language"] != "fr" {
		t.Errorf("read in %v", got["language"])
	}
	if got := e.do("PATCH", path, e.officerA, map[string]any{"language": "es"}).expect(http.StatusOK).object(); got["language"] != "es" {
		t.Errorf("patched to %v", got["language"])
	}
	body["language"] = "de"
	r := e.do("POST", "/api/v1/programs", e.officerA, body).expect(http.StatusUnprocessableEntity)
	if _, _, fields := r.apiError(); !strings.Contains(fmt.Sprint(fields["language"]), "fr (French") {
		t.Errorf("an unknown language: %v", fields)
	}
	delete(body, "language")
	if p := e.do("POST", "/api/v1/programs", e.officerA, body).expect(http.StatusCreated).object(); p["language"] != "en" {
		t.Errorf("without a language: %v", p["language"])
	}
}
