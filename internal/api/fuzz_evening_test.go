package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzEveningBody sends arbitrary bodies to the new-evening endpoint
// (instants, id lists, numbers). Whatever arrives, the answer is a created
// evening or a client error in the documented shape, never a 500.
func FuzzEveningBody(f *testing.F) {
	seeds := []string{
		``, `{}`, `null`, `[]`, `{"start": 1}`, `{"note": "x"} {}`, `{"colour": "red"}`,
		`{"start": "2026-05-03T17:30:00-05:00", "end": "2026-05-03T21:00:00-05:00", "visitor_ids": [1]}`,
		`{"start": "2026-05-03T21:00:00-05:00", "end": "2026-05-03T17:30:00-05:00", "visitor_ids": [1, 1, -1]}`,
		`{"start": "2026-05-03T17:30:00Z", "end": "2026-05-04T17:30:00Z", "visitor_ids": [999999], "interpreter_ids": [0]}`,
		`{"start": "2026-13-03T17:30", "end": "tomorrow", "min_group": 99, "visitor_ids": [1e30]}`,
		`{"start": "2027-05-03T17:30:00-05:00", "end": "2027-05-03T21:00:00-05:00", "visitor_ids": [1], "min_group": -1}`,
	}
	for _, s := range seeds {
		f.Add(s)
	}
	e := mustEnv(f)
	path := "/api/v1/programs/" + id(e.program.ID) + "/evenings"
	f.Fuzz(func(t *testing.T, body string) {
		code := fuzzPost(t, e, path, "POST /api/v1/programs/{id}/evenings", body)
		switch code {
		case http.StatusCreated, http.StatusBadRequest, http.StatusUnprocessableEntity, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("body %q: status %d", body, code)
		}
	})
}

// FuzzEveningActionBody sends arbitrary bodies to the actions that change
// an evening's matching; the answer is the evening, a conflict with the
// rules, or a client error — never a 500.
func FuzzEveningActionBody(f *testing.F) {
	seeds := []string{
		`move {"visitor_id": 1, "household_id": 1}`, `move {"visitor_id": 1}`, `move {"visitor_id": -5, "household_id": 0}`,
		`lock {"guest": "", "locked": true}`, `lock {"guest": "v:1"}`, `lock {"guest": "x:y", "locked": false}`,
		`availability {"household_id": 1, "status": "gone"}`, `invite {"household_ids": []}`, `invite {"household_ids": [1, 1]}`,
		`pairs {"visitor_a": 1, "visitor_b": 1, "kind": "apart", "scope": "evening"}`, `pairs {"scope": "everywhere"}`,
	}
	for _, s := range seeds {
		f.Add(s)
	}
	e := mustEnv(f)
	x := e.more()
	f.Fuzz(func(t *testing.T, in string) {
		action, body, _ := strings.Cut(in, " ")
		switch action {
		case "move", "lock", "availability", "invite", "pairs":
		default:
			return
		}
		path := "/api/v1/evenings/" + id(x.evening.ID) + "/" + action
		code := fuzzPost(t, e, path, "POST /api/v1/evenings/{id}/"+action, body)
		switch code {
		case http.StatusOK, http.StatusCreated, http.StatusBadRequest, http.StatusConflict, http.StatusUnprocessableEntity,
			http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("%s %q: status %d", action, body, code)
		}
	})
}

// fuzzPost sends body as an officer of tenant A and checks the answer
// against the document.
func fuzzPost(t *testing.T, e *env, path, pattern, body string) int {
	req := httptest.NewRequest("POST", path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+e.officerA)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	e.mux.ServeHTTP(rec, req)
	checkResponse(t, pattern, rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes())
	return rec.Code
}
