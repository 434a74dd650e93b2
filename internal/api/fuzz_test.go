package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzMeetingBody sends arbitrary bodies to the endpoint with the richest
// input (references, lists, windows). Whatever arrives, the answer is a
// created meeting or a client error in the documented shape, never a 500.
func FuzzMeetingBody(f *testing.F) {
	seeds := []string{
		``, `{}`, `null`, `[]`, `"x"`, `{"title": 1}`, `{"title": "x"} {}`, `{"colour": "red"}`,
		`{"title": "Newsroom", "host_organization_id": 1, "duration_minutes": 60}`,
		`{"title": "Newsroom", "host_organization_id": 2, "partner_organization_ids": [3, 3, -1], "duration_minutes": 60}`,
		`{"title": "Newsroom", "host_organization_id": 1, "duration_minutes": 60,
		  "windows": [{"start": "2026-05-04T13:00:00-05:00", "end": "2026-05-04T16:00:00-05:00"}]}`,
		`{"title": "x", "host_organization_id": 1, "duration_minutes": 60, "windows": [{"start": "2026-05-04T16:00:00Z", "end": "2026-05-04T13:00:00Z"}]}`,
		`{"title": "x", "host_organization_id": 1e30, "duration_minutes": 1.5}`,
		`{"title": "x", "windows": [{"start": null}], "topics": [null, ""]}`,
	}
	for _, s := range seeds {
		f.Add(s)
	}
	e := mustEnv(f)
	path := "/api/v1/programs/" + id(e.program.ID) + "/meetings"
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+e.officerA)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		e.mux.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusCreated, http.StatusBadRequest, http.StatusUnprocessableEntity, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("body %q: status %d: %s", body, rec.Code, rec.Body.String())
		}
		checkResponse(t, "POST /api/v1/programs/{id}/meetings", rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes())
	})
}
