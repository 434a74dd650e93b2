package api

import (
	"net/http"
	"testing"
)

// withHeader returns e sending header k: v with every request.
func (e *env) withHeader(k, v string) *env {
	c := *e
	c.header = http.Header{}
	for hk, hv := range e.header {
		c.header[hk] = hv
	}
	c.header.Set(k, v)
	return &c
}

// TestVersionsAndPatch: records carry their version as ETag; a change made
// against an older version is refused with 412 and changes nothing; a
// merge patch changes only the fields it names — on both databases.
func TestVersionsAndPatch(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		path := "/api/v1/meetings/" + id(e.meeting.ID)
		r := e.do("GET", path, e.viewerA, nil).expect(http.StatusOK)
		if r.Header().Get("ETag") != `"1"` || r.object()["version"].(float64) != 1 {
			t.Fatalf("ETag %q, version %v", r.Header().Get("ETag"), r.object()["version"])
		}
		before := r.object()

		// A patch with the current version changes the title and nothing else.
		r = e.withHeader("If-Match", `"1"`).do("PATCH", path, e.officerA, map[string]any{"title": "Survivor services"}).expect(http.StatusOK)
		after := r.object()
		if r.Header().Get("ETag") != `"2"` || after["title"] != "Survivor services" {
			t.Fatalf("after patch: ETag %q, %v", r.Header().Get("ETag"), after)
		}
		for _, k := range []string{"windows", "partner_organizations", "contact", "topics", "duration_minutes", "status"} {
			if toJSON(t, before[k]) != toJSON(t, after[k]) {
				t.Errorf("patch changed %s: %v -> %v", k, before[k], after[k])
			}
		}

		// The other officer still holds version 1: refused, nothing changes.
		put := e.validBody("meetings")
		r = e.withHeader("If-Match", `"1"`).do("PUT", path, e.officerA, put).expect(http.StatusPreconditionFailed)
		if code, _, _ := r.apiError(); code != "stale" {
			t.Errorf("code %q, want stale", code)
		}
		e.withHeader("If-Match", `"1"`).do("PATCH", path, e.officerA, map[string]any{"audience": "x"}).expect(http.StatusPreconditionFailed)
		e.withHeader("If-Match", `"1"`).do("DELETE", path, e.officerA, nil).expect(http.StatusPreconditionFailed)
		if got := e.do("GET", path, e.viewerA, nil).object(); got["title"] != "Survivor services" || got["version"].(float64) != 2 {
			t.Fatalf("a refused change changed the meeting: %v", got)
		}
		e.withHeader("If-Match", `"2"`).do("PUT", path, e.officerA, put).expect(http.StatusOK)
		e.withHeader("If-Match", `"oops"`).do("PUT", path, e.officerA, put).expect(http.StatusBadRequest)

		// Patches that cannot apply say why.
		r = e.do("PATCH", path, e.officerA, map[string]any{"title": nil}).expect(http.StatusUnprocessableEntity)
		if _, _, f := r.apiError(); f["title"] == nil {
			t.Errorf("clearing the title: fields %v", f)
		}
		e.do("PATCH", path, e.officerA, map[string]any{"colour": "red"}).expect(http.StatusBadRequest)
		e.do("PATCH", path, e.officerA, "[1, 2]").expect(http.StatusBadRequest)

		// Every record kind with PUT takes a patch.
		for _, p := range []string{"/api/v1/programs/" + id(e.program.ID), "/api/v1/visitors/" + id(e.visitor.ID),
			"/api/v1/interpreters/" + id(e.interpreter.ID), "/api/v1/activities/" + id(e.activity.ID),
			"/api/v1/organizations/" + id(e.org.ID), "/api/v1/contacts/" + id(e.contact.ID), "/api/v1/places/" + id(e.place.ID)} {
			cur := e.do("GET", p, e.viewerA, nil).expect(http.StatusOK).object()
			field := "name"
			if _, ok := cur["title"]; ok {
				field = "title"
			}
			if p == "/api/v1/visitors/"+id(e.visitor.ID) {
				field = "country"
			}
			got := e.do("PATCH", p, e.officerA, map[string]any{field: "Patched"}).expect(http.StatusOK).object()
			if got[field] != "Patched" || got["version"].(float64) != cur["version"].(float64)+1 {
				t.Errorf("PATCH %s: %v", p, got)
			}
		}
		day := "/api/v1/programs/" + id(e.program.ID) + "/days/2026-05-03"
		got := e.do("PATCH", day, e.officerA, map[string]any{"note": "Early start"}).expect(http.StatusOK).object()
		if got["note"] != "Early start" || got["start"] == "" || got["version"].(float64) != 2 {
			t.Errorf("PATCH day: %v", got)
		}
		e.withHeader("If-Match", `"1"`).do("PATCH", day, e.officerA, map[string]any{"note": "x"}).expect(http.StatusPreconditionFailed)
	})
}

// TestUserAndSettingsVersions: users and the organization's settings carry
// their version too: a PUT or PATCH against an older one is refused.
func TestUserAndSettingsVersions(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		x := e.more()
		for _, path := range []string{"/api/v1/settings", "/api/v1/users/" + id(x.user.ID)} {
			r := e.do("GET", path, x.adminA, nil).expect(http.StatusOK)
			tag := r.Header().Get("ETag")
			if tag == "" || r.object()["version"] == nil {
				t.Fatalf("%s: no version", path)
			}
			e.withHeader("If-Match", tag).do("PATCH", path, x.adminA, map[string]any{"name": "First change"}).expect(http.StatusOK)
			e.withHeader("If-Match", tag).do("PATCH", path, x.adminA, map[string]any{"name": "Second change"}).expect(http.StatusPreconditionFailed)
			if got := e.do("GET", path, x.adminA, nil).object()["name"]; got != "First change" {
				t.Errorf("%s: name %v after a refused change", path, got)
			}
		}
	})
}
