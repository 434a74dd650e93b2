package api

import (
	"net/http"
	"testing"
)

func TestOutboxAPI(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	list := e.do("GET", "/api/v1/outbox?status=failed", e.viewerA, nil).expect(http.StatusOK).object()
	msgs := list["messages"].([]any)
	if len(msgs) != 1 {
		t.Fatalf("failed messages: %v", msgs)
	}
	m := msgs[0].(map[string]any)
	if m["status"] != "failed" || m["last_error"] == "" || m["message_id"] == "" {
		t.Fatalf("message %v", m)
	}
	path := "/api/v1/outbox/" + id(e.outbox.ID)
	e.do("GET", path, e.viewerA, nil).expect(http.StatusOK)
	e.do("POST", path+"/retry", e.viewerA, nil).expect(http.StatusForbidden)
	got := e.do("POST", path+"/retry", e.officerA, nil).expect(http.StatusOK).object()
	if got["status"] != "queued" || got["message_id"] != m["message_id"] {
		t.Fatalf("after retry: %v", got)
	}
	// Only a failed message can be retried.
	e.do("POST", path+"/retry", e.officerA, nil).expect(http.StatusConflict)
	e.do("GET", "/api/v1/outbox?status=lost&limit=0", e.viewerA, nil).expect(http.StatusUnprocessableEntity)
	e.do("GET", path, e.officerB, nil).expect(http.StatusNotFound)
}
