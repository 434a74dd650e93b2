package api

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"itinera"
)

var apiLinkRE = regexp.MustCompile(`/r/[A-Za-z0-9_-]{43}`)

// TestRequestsAPI creates and sends a request, reads it back and withdraws
// it; every answer is checked against openapi.json by e.do.
func TestRequestsAPI(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	body := e.validBody("requests")
	body["send"] = true
	r := e.do("POST", "/api/v1/meetings/"+id(e.meeting.ID)+"/requests", e.officerA, body).expect(http.StatusCreated)
	obj := r.object()
	if obj["status"] != "sent" || obj["sent_at"] == nil || len(obj["events"].([]any)) != 2 {
		t.Fatalf("created: %v", obj)
	}
	if strings.Contains(r.Body.String(), "/r/") {
		t.Error("the answer shows the link's token")
	}
	rid := int64(obj["id"].(float64))
	if loc := r.Header().Get("Location"); loc != "/api/v1/requests/"+id(rid) {
		t.Errorf("Location %q", loc)
	}
	msgs, err := e.store.OutboxMessages(context.Background(), e.tenantA.ID, itinera.OutboxFilter{Status: itinera.OutboxQueued})
	must(t, err)
	if len(msgs) != 1 || !apiLinkRE.MatchString(msgs[0].TextBody) || !strings.Contains(msgs[0].To, "shima@example.org") {
		t.Fatalf("outbox: %+v", msgs)
	}

	list := e.do("GET", "/api/v1/programs/"+id(e.program.ID)+"/requests", e.viewerA, nil).expect(http.StatusOK).object()
	if n := len(list["requests"].([]any)); n != 2 {
		t.Errorf("%d requests listed, want 2 (the fixture's draft and the new one)", n)
	}
	e.do("GET", "/api/v1/requests/"+id(rid), e.viewerA, nil).expect(http.StatusOK)
	// Re-sending makes a second e-mail with a new link.
	e.do("POST", "/api/v1/requests/"+id(rid)+"/send", e.officerA, map[string]any{}).expect(http.StatusOK)
	msgs, _ = e.store.OutboxMessages(context.Background(), e.tenantA.ID, itinera.OutboxFilter{Status: itinera.OutboxQueued})
	if len(msgs) != 2 || apiLinkRE.FindString(msgs[0].TextBody) == apiLinkRE.FindString(msgs[1].TextBody) {
		t.Fatal("re-sending did not make a new link")
	}
	w := e.do("POST", "/api/v1/requests/"+id(rid)+"/withdraw", e.officerA, nil).expect(http.StatusOK).object()
	if w["status"] != "withdrawn" {
		t.Fatalf("withdrawn: %v", w)
	}
	e.do("POST", "/api/v1/requests/"+id(rid)+"/withdraw", e.officerA, nil).expect(http.StatusConflict)
	e.do("POST", "/api/v1/requests/"+id(rid)+"/send", e.officerA, nil).expect(http.StatusConflict)

	// Wrong input names the fields: first what cannot be read, then what
	// the records say.
	r = e.do("POST", "/api/v1/meetings/"+id(e.meeting.ID)+"/requests", e.officerA,
		map[string]any{"contact_id": 999999, "windows": []map[string]string{{"start": "soon", "end": "later"}}}).
		expect(http.StatusUnprocessableEntity)
	if _, _, fields := r.apiError(); fields["windows"] == nil {
		t.Errorf("fields %v", fields)
	}
	r = e.do("POST", "/api/v1/meetings/"+id(e.meeting.ID)+"/requests", e.officerA,
		map[string]any{"contact_id": 999999, "windows": []map[string]string{{"start": "2026-12-07T09:00:00-06:00", "end": "2026-12-07T10:00:00-06:00"}}}).
		expect(http.StatusUnprocessableEntity)
	if _, _, fields := r.apiError(); fields["contact_id"] == nil {
		t.Errorf("fields %v", fields)
	}
}
