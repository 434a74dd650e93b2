package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestYearEndPages: the year-end report is one self-contained printable
// page (its one style allowed by its hash, nothing else) with the
// organization's name, the period, every figure with how it was counted
// and each table with its chart; without Chromium its PDF is refused,
// saying how to have one. A thank-you letter shows on the letterhead; the
// other organization's letter is not found.
func TestYearEndPages(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	f := e.a
	c := e.signIn(f.viewer)
	q := "?from=" + f.program.StartDate.String() + "&to=" + f.program.EndDate.String()
	_, doc := c.page("/reports"+q, http.StatusOK)
	if got := doc.one(t, "a#year-end-link").attr("href"); got != "/reports/year-end"+q {
		t.Errorf("the year-end link: %q", got)
	}

	res, body := c.get("/reports/year-end" + q)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("year-end: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "style-src 'sha256-") || strings.Contains(csp, "script-src") {
		t.Errorf("CSP %q", csp)
	}
	page := parseHTML(t, body)
	if got := page.one(t, ".letterhead .org").Text(); got != f.tenant.Name {
		t.Errorf("letterhead %q", got)
	}
	if got := page.one(t, "#period").Text(); !strings.Contains(got, " to ") {
		t.Errorf("period %q", got)
	}
	rows := page.all("#figures tbody tr")
	if len(rows) < 10 {
		t.Fatalf("%d figures", len(rows))
	}
	for _, r := range rows {
		if r.one(t, "td.how").Text() == "" {
			t.Errorf("figure %q does not say how it was counted", r.one(t, "th").Text())
		}
	}
	page.one(t, "#t-visitors-by-country svg[role=img] title")
	page.one(t, "#t-visitors-by-region table")
	page.one(t, "#t-by-month svg[role=img] desc")
	if got := page.one(t, "nav.toolbar a").attr("href"); got != "/reports"+q {
		t.Errorf("back: %q", got)
	}
	if page.has("nav.toolbar a.button") || !strings.Contains(body, "ITINERA_CHROMIUM") {
		t.Error("a PDF link without Chromium, or no word on how to have one")
	}
	res, body = c.get("/reports/year-end" + q + "&format=pdf")
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "ITINERA_CHROMIUM") {
		t.Errorf("PDF without Chromium: %d", res.StatusCode)
	}
	if res, _ := c.get("/reports/year-end?from=2026-02-30&to=2026-12-31"); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a wrong date: %d", res.StatusCode)
	}

	path := "/thank-yous/" + itoa(f.thankYou.ID) + "/letter"
	_, doc = c.page("/programs/"+itoa(f.program.ID)+"/follow-up", http.StatusOK)
	if got := doc.one(t, "a#letter-"+itoa(f.thankYou.ID)).attr("href"); got != path {
		t.Errorf("the letter's link: %q", got)
	}
	res, body = c.get(path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("letter: %d", res.StatusCode)
	}
	page = parseHTML(t, body)
	if page.one(t, ".letterhead .org").Text() != f.tenant.Name || page.one(t, ".to").Text() != f.thankYou.Name ||
		!strings.Contains(page.one(t, ".body").Text(), strings.Fields(f.thankYou.Body)[0]) {
		t.Errorf("the letter: %s", body)
	}
	if res, _ := e.signIn(e.b.viewer).get(path); res.StatusCode != http.StatusNotFound {
		t.Errorf("another organization's letter: %d", res.StatusCode)
	}
}

// TestEconomicInputsForm: an officer enters a program's hotel nights,
// meals and transport (amounts as typed, "$1,234.50"); a wrong amount is
// named; the reports count them; a viewer cannot open the form.
func TestEconomicInputsForm(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	f := e.a
	o := e.signIn(f.officer)
	path := "/programs/" + itoa(f.program.ID) + "/economic-inputs"
	_, doc := o.page(path+"/edit", http.StatusOK)
	v := doc.one(t, "form#record-form").formValues()
	if v.Get("version") != "0" {
		t.Fatalf("a new form's version %q", v.Get("version"))
	}
	v.Set("hotel_nights", "40")
	v.Set("hotel_amount", "6,360")
	v.Set("meals", "80")
	v.Set("meals_amount", "2280.5")
	v.Set("transport_amount", "$1,850.00")
	v.Set("transport_amount", "lots")
	res, body := o.post(path, v)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "with a point before the cents") {
		t.Fatalf("a wrong amount: %d", res.StatusCode)
	}
	v.Set("transport_amount", "$1,850.00")
	res, _ = o.post(path, v)
	doc = o.follow(res)
	if got := doc.one(t, "#economics-figures").Text(); !strings.Contains(got, "40 hotel nights ($6,360.00)") || !strings.Contains(got, "$1,850.00") {
		t.Errorf("the follow-up page says %q", got)
	}
	q := url.Values{"from": {f.program.StartDate.String()}, "to": {f.program.EndDate.String()}}.Encode()
	_, doc = o.page("/reports?"+q, http.StatusOK)
	if got := doc.one(t, "#fig-economics .figure").Text(); got != "$10,490.50" {
		t.Errorf("the reports count %q", got)
	}
	// Saved again from the first form: someone saved meanwhile.
	v.Set("version", "0")
	if res, _ := o.post(path, v); res.StatusCode != http.StatusConflict {
		t.Errorf("a stale save: %d", res.StatusCode)
	}
	if res, _ := e.signIn(f.viewer).get(path + "/edit"); res.StatusCode != http.StatusForbidden {
		t.Errorf("a viewer opens the form: %d", res.StatusCode)
	}
}

// TestSettingsHourValueAndAddress: an administrator enters the value of a
// volunteer hour (in dollars) and the letterhead's address; a wrong or
// too large amount is named beside its field; the reports value the
// hours, and the year-end report shows the address.
func TestSettingsHourValueAndAddress(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	f := e.a
	adm := e.signIn(f.admin)
	_, doc := adm.page("/admin/settings", http.StatusOK)
	v := doc.one(t, "form#record-form").formValues()
	for _, bad := range []string{"abc", "1000.01"} {
		v.Set("volunteer_hour_value", bad)
		res, body := adm.post("/admin/settings", v)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("%q: status %d", bad, res.StatusCode)
		}
		if parseHTML(t, body).one(t, "#f-volunteer_hour_value-error").Text() == "" {
			t.Errorf("%q is not named beside its field", bad)
		}
	}
	v.Set("volunteer_hour_value", "$34.79")
	v.Set("address", "100 Example Street\r\nSt. Louis, MO 63101")
	res, _ := adm.post("/admin/settings", v)
	adm.follow(res)
	q := "?from=" + f.program.StartDate.String() + "&to=" + f.program.EndDate.String()
	_, doc = adm.page("/reports"+q, http.StatusOK)
	doc.one(t, "#fig-hours-value .figure")
	_, body := adm.get("/reports/year-end" + q)
	if !strings.Contains(body, "100 Example Street<br>St. Louis, MO 63101") {
		t.Errorf("the year-end report's letterhead: %s", body[:min(len(body), 2000)])
	}
	_, doc = adm.page("/admin/settings", http.StatusOK)
	if got := doc.one(t, "form#record-form").formValues().Get("volunteer_hour_value"); got != "34.79" {
		t.Errorf("the hour's value reads back %q", got)
	}
}
