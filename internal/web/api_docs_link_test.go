package web

import (
	"net/http"
	"testing"
)

// The administrators' page where API tokens are managed links to the API
// reference (served by internal/server, tested there).
func TestSettingsLinkToAPIReference(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	_, doc := e.signIn(e.a.admin).page("/admin/tokens", http.StatusOK)
	if href := doc.one(t, "#tokens a#api-docs").attr("href"); href != "/api/docs" {
		t.Errorf("the API reference link goes to %q", href)
	}
}
