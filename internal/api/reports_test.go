package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestReportTablesThroughTheAPI, on both databases: the summary answers
// every breakdown with how each was counted; asked for CSV or XLSX it
// answers the table named (an unknown or missing one is named); a
// program's economic inputs are entered, counted, and refused when stale;
// the year-end report and a thank-you letter come as HTML, and as PDF
// only with Chromium; a visitor's sector goes in and out.
func TestReportTablesThroughTheAPI(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		pid := id(e.program.ID)
		q := "from=" + e.program.StartDate.String() + "&to=" + e.program.EndDate.String()

		path := "/api/v1/programs/" + pid + "/economic-inputs"
		if v := e.do("GET", path, e.viewerA, nil).expect(http.StatusOK).object()["version"]; v.(float64) != 0 {
			t.Fatalf("nothing entered yet: version %v", v)
		}
		body := map[string]any{"hotel_nights": 40, "hotel_cents": 636000, "meals": 80, "meals_cents": 228000, "transport_cents": 185000,
			"note": "From the invoices."}
		e.do("PUT", path, e.viewerA, body).expect(http.StatusForbidden)
		r := e.do("PUT", path, e.officerA, map[string]any{"hotel_nights": -1, "meals_cents": 1}).expect(http.StatusUnprocessableEntity)
		if _, _, f := r.apiError(); f["hotel_nights"] == nil {
			t.Fatalf("fields %v", f)
		}
		r = e.do("PUT", path, e.officerA, body).expect(http.StatusOK)
		if o := r.object(); o["version"].(float64) != 1 || o["hotel_cents"].(float64) != 636000 || r.Header().Get("ETag") != `"1"` {
			t.Fatalf("saved %v, ETag %s", o, r.Header().Get("ETag"))
		}
		e.withHeader("If-Match", `"7"`).do("PUT", path, e.officerA, body).expect(http.StatusPreconditionFailed)
		e.do("GET", path, e.officerB, nil).expect(http.StatusNotFound)
		e.do("PUT", path, e.officerB, body).expect(http.StatusNotFound)

		a := e.do("GET", "/api/v1/reports/summary?"+q, e.viewerA, nil).expect(http.StatusOK).object()
		for _, k := range []string{"visitors_by_region", "visitors_by_sector", "meetings_by_organization_kind", "organizations_by_meetings",
			"volunteer", "economic_inputs", "collaborations_by_status", "collaborations", "feedback_by_role", "months", "how_counted"} {
			if a[k] == nil {
				t.Errorf("the summary lacks %s", k)
			}
		}
		if ei := a["economic_inputs"].(map[string]any); ei["total_cents"].(float64) != 1049000 || ei["programs_entered"].(float64) != 1 {
			t.Errorf("economic inputs %v", ei)
		}
		if how := a["how_counted"].(map[string]any); !strings.Contains(how["visitors_by_region"].(string), "regional bureaus") {
			t.Errorf("how the regions are counted: %v", how["visitors_by_region"])
		}
		b := e.do("GET", "/api/v1/reports/summary?"+q, e.officerB, nil).expect(http.StatusOK).object()
		if b["economic_inputs"].(map[string]any)["total_cents"].(float64) != 0 {
			t.Errorf("tenant B counts tenant A's economic inputs: %v", b["economic_inputs"])
		}

		r = e.do("GET", "/api/v1/reports/summary?"+q+"&format=csv&table=economic-inputs", e.viewerA, nil).expect(http.StatusOK)
		if !strings.HasPrefix(r.Header().Get("Content-Type"), "text/csv") || !strings.Contains(r.Body.String(), "Hotel nights,40,\"$6,360.00\"") ||
			!strings.Contains(r.Header().Get("Content-Disposition"), "report-economic-inputs") {
			t.Errorf("CSV %s: %s", r.Header().Get("Content-Type"), r.Body.String())
		}
		r = e.do("GET", "/api/v1/reports/summary?"+q+"&format=xlsx&table=visitors-by-region", e.viewerA, nil).expect(http.StatusOK)
		if !strings.HasPrefix(r.Body.String(), "PK") {
			t.Errorf("XLSX is not a zip")
		}
		for _, bad := range []string{"&format=csv", "&format=csv&table=nothing"} {
			r = e.do("GET", "/api/v1/reports/summary?"+q+bad, e.viewerA, nil).expect(http.StatusUnprocessableEntity)
			if _, _, f := r.apiError(); f["table"] == nil {
				t.Errorf("%s: fields %v", bad, f)
			}
		}

		r = e.do("GET", "/api/v1/reports/year-end?"+q, e.viewerA, nil).expect(http.StatusOK)
		if !strings.HasPrefix(r.Header().Get("Content-Type"), "text/html") || !strings.Contains(r.Body.String(), "Year-end report") ||
			!strings.Contains(r.Body.String(), `role="img"`) {
			t.Errorf("year-end: %s", r.Header().Get("Content-Type"))
		}
		r = e.do("GET", "/api/v1/reports/year-end?"+q+"&format=pdf", e.viewerA, nil).expect(http.StatusUnprocessableEntity)
		if _, _, f := r.apiError(); f["format"] == nil {
			t.Errorf("PDF without Chromium: fields %v", f)
		}
		e.do("GET", "/api/v1/reports/year-end?from=2026-01-01", e.viewerA, nil).expect(http.StatusUnprocessableEntity)

		x := e.more()
		letter := "/api/v1/thank-yous/" + id(x.thankYou.ID) + "/letter"
		r = e.do("GET", letter, e.viewerA, nil).expect(http.StatusOK)
		if !strings.Contains(r.Body.String(), "Thank you for the evening.") || !strings.Contains(r.Body.String(), "letterhead") {
			t.Errorf("letter: %s", r.Body.String())
		}
		e.do("GET", letter, e.officerB, nil).expect(http.StatusNotFound)
		e.do("GET", letter+"?format=doc", e.viewerA, nil).expect(http.StatusUnprocessableEntity)

		v := e.do("POST", "/api/v1/programs/"+pid+"/visitors", e.officerA, map[string]any{"given_name": "Ana", "country": "Brazil",
			"languages": []string{"Portuguese"}, "sector": "Civil society"}).expect(http.StatusCreated).object()
		if v["sector"] != "Civil society" {
			t.Errorf("the visitor's sector: %v", v["sector"])
		}
	})
}
