package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"itinera"
)

// TestNetworkThroughTheAPI, on both databases: once the fixture's
// meeting is held, the organization's history lists its program, the
// visitor's country and what followed; the visitor's history their
// meeting; the network of the period the organization and the country
// tied; a new program on the same topic ranks the organization first with
// its reason, in pages. Tenant B finds none of it; a wrong period is
// named.
func TestNetworkThroughTheAPI(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		m := e.meeting
		m.Status = itinera.MeetingConfirmed
		must(t, e.store.UpdateMeeting(context.Background(), &m))
		body := e.validBody("collaborations")
		body["visitor_ids"] = []int64{e.visitor.ID}
		e.do("POST", "/api/v1/programs/"+id(e.program.ID)+"/collaborations", e.officerA, body).expect(http.StatusCreated)

		h := e.do("GET", "/api/v1/organizations/"+id(e.org.ID)+"/history", e.viewerA, nil).expect(http.StatusOK).object()
		ps := h["programs"].([]any)
		if len(ps) != 1 || ps[0].(map[string]any)["program_id"].(float64) != float64(e.program.ID) || ps[0].(map[string]any)["host"] != true {
			t.Fatalf("programs %v", ps)
		}
		if cs := h["countries"].([]any); len(cs) == 0 || cs[0].(map[string]any)["country"] != e.visitor.Country {
			t.Fatalf("countries %v", cs)
		}
		if len(h["collaborations"].([]any)) == 0 || h["meetings"].(float64) != 1 {
			t.Fatalf("history %v", h)
		}
		v := e.do("GET", "/api/v1/visitors/"+id(e.visitor.ID)+"/history", e.viewerA, nil).expect(http.StatusOK).object()
		if ms := v["meetings"].([]any); len(ms) != 1 || ms[0].(map[string]any)["rating"] != nil || len(v["collaborations"].([]any)) != 1 {
			t.Fatalf("visitor history %v", v)
		}

		n := e.do("GET", "/api/v1/network?from=2000-01-01&to=2100-12-31", e.viewerA, nil).expect(http.StatusOK).object()
		ties := n["ties"].([]any)
		found := false
		for _, x := range ties {
			tie := x.(map[string]any)
			if tie["organization_id"].(float64) == float64(e.org.ID) && tie["country"] == e.visitor.Country && tie["collaborations"].(float64) == 1 {
				found = true
			}
		}
		if !found || len(n["programs"].([]any)) != 1 || n["theme"] != nil {
			t.Fatalf("network %v", n)
		}
		off := e.do("GET", "/api/v1/network?from=2000-01-01&to=2100-12-31&theme=astronomy", e.viewerA, nil).expect(http.StatusOK).object()
		if len(off["programs"].([]any)) != 0 || off["theme"] != "astronomy" {
			t.Fatalf("off theme %v", off)
		}
		r := e.do("GET", "/api/v1/network?from=2026-05-01&to=2026-04-01", e.viewerA, nil).expect(http.StatusUnprocessableEntity)
		if _, _, f := r.apiError(); f["to"] == nil {
			t.Fatalf("fields %v", f)
		}
		e.do("GET", "/api/v1/network?from=2026-05-01", e.viewerA, nil).expect(http.StatusUnprocessableEntity)

		pb := e.validBody("programs")
		pb["objectives"] = m.Topics
		np := e.do("POST", "/api/v1/programs", e.officerA, pb).expect(http.StatusCreated).object()
		rank := "/api/v1/programs/" + id(int64(np["id"].(float64))) + "/ranking"
		rk := e.do("GET", rank+"?limit=1", e.viewerA, nil).expect(http.StatusOK).object()
		orgs := rk["organizations"].([]any)
		if len(orgs) != 1 || orgs[0].(map[string]any)["id"].(float64) != float64(e.org.ID) || rk["next_cursor"] == nil ||
			!strings.HasPrefix(orgs[0].(map[string]any)["reason"].(string), "met 1 program") {
			t.Fatalf("ranking %v", rk)
		}
		next := e.do("GET", rank+"?limit=1&cursor="+rk["next_cursor"].(string), e.viewerA, nil).expect(http.StatusOK).object()
		if o := next["organizations"].([]any); len(o) != 1 || o[0].(map[string]any)["id"].(float64) != float64(e.partner.ID) {
			t.Fatalf("second page %v", next)
		}

		for _, p := range []string{"/api/v1/organizations/" + id(e.org.ID) + "/history", "/api/v1/visitors/" + id(e.visitor.ID) + "/history", rank} {
			e.do("GET", p, e.officerB, nil).expect(http.StatusNotFound)
		}
		b := e.do("GET", "/api/v1/network?from=2000-01-01&to=2100-12-31", e.officerB, nil).expect(http.StatusOK)
		if strings.Contains(b.Body.String(), e.org.Name) || strings.Contains(b.Body.String(), e.visitor.Country) {
			t.Fatalf("tenant B's network shows tenant A's: %s", b.Body.String())
		}
	})
}
