package api

import (
	"net/http"
	"testing"
)

// TestCollaborationsThroughTheAPI, on both databases: a collaboration is
// created, listed in pages, changed by a merge patch against its version
// (an older version is refused with 412), its evidence must be an http or
// https address, and it is deleted; the program's feedback answers.
func TestCollaborationsThroughTheAPI(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		list := "/api/v1/programs/" + id(e.program.ID) + "/collaborations"
		body := e.validBody("collaborations")
		body["visitor_ids"] = []int64{e.visitor.ID}
		r := e.do("POST", list, e.officerA, body).expect(http.StatusCreated)
		c := r.object()
		path := r.Header().Get("Location")
		if c["kind"] != "training" || c["recorded_by"] != "staff" || c["started_on"] != "2027-02-01" || r.Header().Get("ETag") != `"1"` {
			t.Fatalf("created %v (ETag %s)", c, r.Header().Get("ETag"))
		}
		e.do("POST", list, e.officerA, body).expect(http.StatusCreated)
		r = e.do("GET", list+"?limit=1", e.viewerA, nil).expect(http.StatusOK)
		if page := r.object(); len(page["collaborations"].([]any)) != 1 || page["next_cursor"] == nil {
			t.Fatalf("first page %v", page)
		}

		r = e.withHeader("If-Match", `"1"`).do("PATCH", path, e.officerA, map[string]any{"status": "done"}).expect(http.StatusOK)
		if got := r.object(); got["status"] != "done" || got["title"] != c["title"] || r.Header().Get("ETag") != `"2"` {
			t.Fatalf("patched %v", got)
		}
		e.withHeader("If-Match", `"1"`).do("PATCH", path, e.officerA, map[string]any{"status": "planned"}).expect(http.StatusPreconditionFailed)
		r = e.do("PATCH", path, e.officerA, map[string]any{"evidence_url": "javascript:alert(1)"}).expect(http.StatusUnprocessableEntity)
		if _, _, f := r.apiError(); f["evidence_url"] == nil {
			t.Fatalf("fields %v", f)
		}
		r = e.do("PATCH", path, e.officerA, map[string]any{"kind": "gossip"}).expect(http.StatusUnprocessableEntity)
		if _, _, f := r.apiError(); f["kind"] == nil {
			t.Fatalf("fields %v", f)
		}
		e.do("PATCH", path, e.viewerA, map[string]any{"status": "planned"}).expect(http.StatusForbidden)
		e.do("GET", path, e.officerB, nil).expect(http.StatusNotFound)
		e.do("DELETE", path, e.officerA, nil).expect(http.StatusNoContent)
		e.do("GET", path, e.officerA, nil).expect(http.StatusNotFound)

		r = e.do("GET", "/api/v1/programs/"+id(e.program.ID)+"/feedback", e.viewerA, nil).expect(http.StatusOK)
		if fb := r.object(); fb["sent"].(float64) != 0 || fb["overall"].(map[string]any)["average"] != nil {
			t.Fatalf("feedback %v", fb)
		}
	})
}

// TestReportSummaryThroughTheAPI, on both databases: the summary of a
// period counts the organization's programs whose dates overlap it, and
// only its own; a missing or wrong date is named.
func TestReportSummaryThroughTheAPI(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		from, to := e.program.StartDate.String(), e.program.EndDate.String()
		r := e.do("GET", "/api/v1/reports/summary?from="+from+"&to="+to, e.viewerA, nil).expect(http.StatusOK)
		a := r.object()
		if a["programs"].(float64) != 1 || a["visitors"].(float64) < 1 || len(a["visitors_by_country"].([]any)) == 0 {
			t.Fatalf("tenant A's report: %v", a)
		}
		b := e.do("GET", "/api/v1/reports/summary?from="+from+"&to="+to, e.officerB, nil).expect(http.StatusOK).object()
		if b["visitors"].(float64) == a["visitors"].(float64) && b["programs"].(float64) == a["programs"].(float64) &&
			toJSON(t, b["visitors_by_country"]) == toJSON(t, a["visitors_by_country"]) {
			t.Fatalf("tenant B's report is tenant A's: %v", b)
		}
		day := e.program.StartDate.AddDays(-1).String()
		if n := e.do("GET", "/api/v1/reports/summary?from=2020-01-01&to="+day, e.viewerA, nil).expect(http.StatusOK).object()["programs"]; n.(float64) != 0 {
			t.Fatalf("before the program: %v programs", n)
		}
		r = e.do("GET", "/api/v1/reports/summary?from=2026-13-01", e.viewerA, nil).expect(http.StatusUnprocessableEntity)
		if _, _, f := r.apiError(); f["from"] == nil || f["to"] == nil {
			t.Fatalf("fields %v", f)
		}
	})
}
