package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// GET /api/v1/search finds the organization's records, grouped by kind,
// paged like every list; a wrong kind is named; whatever is typed
// answers 200; another organization's records never appear.
func TestSearchAPI(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		res := e.do("GET", "/api/v1/search?q=traff", e.viewerA, nil).expect(http.StatusOK).object()
		results := res["results"].([]any)
		var got []string
		for _, r := range results {
			m := r.(map[string]any)
			got = append(got, m["kind"].(string)+":"+m["title"].(string))
		}
		want := "program:Combating Trafficking in Persons|meeting:Gateway Human Trafficking and partners|organization:Gateway Human Trafficking"
		if strings.Join(got, "|") != want {
			t.Errorf("traff: %q, want %q", got, want)
		}
		if p := results[0].(map[string]any); int64(p["id"].(float64)) != e.program.ID || int64(p["program_id"].(float64)) != e.program.ID {
			t.Errorf("program hit %v", p)
		}
		if o := results[2].(map[string]any); o["program_id"] != nil || int64(o["id"].(float64)) != e.org.ID {
			t.Errorf("organization hit %v", o)
		}
		// Paged: one at a time.
		first := e.do("GET", "/api/v1/search?q=traff&limit=1", e.officerA, nil).expect(http.StatusOK).object()
		cur, _ := first["next_cursor"].(string)
		if len(first["results"].([]any)) != 1 || cur == "" {
			t.Fatalf("first page %v", first)
		}
		second := e.do("GET", "/api/v1/search?q=traff&limit=2&cursor="+cur, e.officerA, nil).expect(http.StatusOK).object()
		if r := second["results"].([]any); len(r) != 2 || r[1].(map[string]any)["kind"] != "organization" || second["next_cursor"] != nil {
			t.Errorf("second page %v", second)
		}
		// One kind.
		one := e.do("GET", "/api/v1/search?q=traff&kind=organization", e.officerA, nil).expect(http.StatusOK).object()
		if len(one["results"].([]any)) != 1 {
			t.Errorf("kind=organization: %v", one)
		}
		_, _, fields := e.do("GET", "/api/v1/search?q=traff&kind=people", e.officerA, nil).expect(http.StatusUnprocessableEntity).apiError()
		if fields["kind"] == nil {
			t.Errorf("wrong kind not named: %v", fields)
		}
		for _, q := range []string{`"`, `traff*`, "\x00", `NEAR(traff gate)`, strings.Repeat("x", 500), `'; DROP TABLE programs; --`, ""} {
			e.do("GET", "/api/v1/search?q="+url.QueryEscape(q), e.officerA, nil).expect(http.StatusOK)
		}
		// Tenant B finds nothing of tenant A's.
		other := e.do("GET", "/api/v1/search?q=traff", e.officerB, nil).expect(http.StatusOK).object()
		if len(other["results"].([]any)) != 0 {
			t.Errorf("tenant B found %v", other["results"])
		}
		e.do("GET", "/api/v1/search?q=traff", "", nil).expect(http.StatusUnauthorized)
	})
}

// GET /api/v1/audit: a change made through the API is logged with the
// token that made it; administrators only; filtered; another
// organization's administrator reads none of it.
func TestAuditAPI(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		x := e.more()
		e.do("PATCH", "/api/v1/visitors/"+id(e.visitor.ID), e.officerA, map[string]any{"position": "Prosecutor general"}).expect(http.StatusOK)
		log := e.do("GET", "/api/v1/audit?kind=visitor&record_id="+id(e.visitor.ID), x.adminA, nil).expect(http.StatusOK).object()
		entries := log["entries"].([]any)
		if len(entries) != 1 {
			t.Fatalf("entries %v", entries)
		}
		en := entries[0].(map[string]any)
		if en["action"] != "update" || en["actor"] != "API token “test” (officer@stl.example.org)" ||
			en["after"].(map[string]any)["Position"] != "Prosecutor general" || en["before"].(map[string]any)["Position"] != "" ||
			int64(en["program_id"].(float64)) != e.program.ID || en["user_id"] == nil {
			t.Errorf("entry %v", en)
		}
		for q, n := range map[string]int{"?program_id=" + id(e.program.ID): 1, "?kind=meeting": 0,
			"?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z": 0} {
			got := e.do("GET", "/api/v1/audit"+q, x.adminA, nil).expect(http.StatusOK).object()
			if len(got["entries"].([]any)) != n {
				t.Errorf("%s: %v", q, got["entries"])
			}
		}
		e.do("GET", "/api/v1/audit?record_id=x", x.adminA, nil).expect(http.StatusUnprocessableEntity).apiError()
		for _, tok := range []string{e.officerA, e.viewerA} {
			e.do("GET", "/api/v1/audit", tok, nil).expect(http.StatusForbidden).apiError()
		}
		if b := e.do("GET", "/api/v1/audit", x.adminB, nil).expect(http.StatusOK).object(); len(b["entries"].([]any)) != 0 {
			t.Errorf("tenant B reads %v", b["entries"])
		}
	})
}
