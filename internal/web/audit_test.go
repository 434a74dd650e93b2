package web

import (
	"net/http"
	"strings"
	"testing"
)

// A change made through the pages is in the audit log: the administrator
// reads it at /admin/audit (times in the organization's zone, named) and
// in the record's History; others get no link and a 403; the log downloads.
func TestAuditLogPages(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		officer := e.signIn(e.a.officer)
		_, doc := officer.page("/visitors/"+itoa(e.a.visitor.ID)+"/edit", http.StatusOK)
		if doc.has("#history") {
			t.Error("an officer sees the history")
		}
		form := doc.one(t, "form#record-form").formValues()
		form.Set("position", "Chief prosecutor")
		res, _ := officer.post("/visitors/"+itoa(e.a.visitor.ID), form)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("update visitor: %d", res.StatusCode)
		}
		_, doc = officer.page("/programs", http.StatusOK)
		if doc.has("a[href=/admin/audit]") {
			t.Error("an officer is offered the audit log")
		}
		for _, p := range []string{"/admin/audit", "/admin/audit/log.csv"} {
			if res, _ := officer.get(p); res.StatusCode != http.StatusForbidden {
				t.Errorf("officer %s: %d", p, res.StatusCode)
			}
		}

		admin := e.signIn(e.a.admin)
		_, doc = admin.page("/programs", http.StatusOK)
		doc.one(t, "nav.main-nav a[href=/admin/audit]")
		_, doc = admin.page("/admin/audit", http.StatusOK)
		rows := doc.all("table.audit tbody tr")
		if len(rows) != 1 {
			t.Fatalf("%d rows, want the visitor's change", len(rows))
		}
		text := rows[0].Text()
		for _, want := range []string{"officer", "visitor " + itoa(e.a.visitor.ID), "update", "Position", "Chief prosecutor", "CST"} {
			if !strings.Contains(text, want) {
				t.Errorf("row %q lacks %q", text, want)
			}
		}
		if !strings.Contains(doc.one(t, "caption#audit-caption").Text(), "America/Chicago") {
			t.Error("the zone is not named")
		}
		doc.one(t, "table.audit a[href=/visitors/"+itoa(e.a.visitor.ID)+"/edit]")
		// Filters.
		for q, n := range map[string]int{"?kind=visitor": 1, "?kind=meeting": 0, "?user=" + itoa(e.a.officer.ID): 1,
			"?user=" + itoa(e.a.admin.ID): 0, "?program=" + itoa(e.a.program.ID): 1, "?from=2000-01-01&to=2000-01-02": 0} {
			_, doc = admin.page("/admin/audit"+q, http.StatusOK)
			if got := len(doc.all("table.audit tbody tr")); got != n {
				t.Errorf("%s: %d rows, want %d", q, got, n)
			}
		}
		_, doc = admin.page("/admin/audit?from=yesterday", http.StatusUnprocessableEntity)
		doc.one(t, "#audit-from-error")
		// The record's history, and the program's.
		_, doc = admin.page("/visitors/"+itoa(e.a.visitor.ID)+"/edit", http.StatusOK)
		if !strings.Contains(doc.one(t, "section#history").Text(), "Chief prosecutor") {
			t.Error("the visitor's history lacks the change")
		}
		_, doc = admin.page("/programs/"+itoa(e.a.program.ID), http.StatusOK)
		doc.one(t, "section#history table.audit tbody tr")
		doc.one(t, "section#history a[href=/admin/audit?program="+itoa(e.a.program.ID)+"]")
		_, doc = admin.page("/meetings/"+itoa(e.a.meeting.ID)+"/edit", http.StatusOK)
		doc.one(t, "section#history #history-empty")
		_, doc = admin.page("/organizations/"+itoa(e.a.org.ID)+"/edit", http.StatusOK)
		doc.one(t, "section#history")
		// The download.
		res, body := admin.get("/admin/audit/log.csv?kind=visitor")
		if res.StatusCode != http.StatusOK || !strings.Contains(body, "Chief prosecutor") || !strings.Contains(body, "America/Chicago") {
			t.Errorf("download: %d %q", res.StatusCode, body)
		}
		// Another organization's administrator sees none of it.
		_, doc = e.signIn(e.b.admin).page("/admin/audit", http.StatusOK)
		if doc.has("table.audit tbody tr") {
			t.Error("another organization reads the log")
		}
		// No route changes or deletes an entry.
		for _, rt := range e.ui.routes() {
			if strings.Contains(rt.pattern, "audit") && rt.method != http.MethodGet {
				t.Errorf("%s %s writes the audit log", rt.method, rt.pattern)
			}
		}
	})
}
