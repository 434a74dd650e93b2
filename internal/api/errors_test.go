package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"itinera"
)

func TestValidationErrors(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	prog := "/api/v1/programs/" + id(e.program.ID)
	tests := []struct {
		name   string
		method string
		path   string
		kind   string         // valid body to start from; "" for an empty object
		change map[string]any // applied to it
		fields []string       // exactly these fields are named
	}{
		{"empty program", "POST", "/api/v1/programs", "", nil,
			[]string{"city", "start_date", "time_zone", "title"}},
		{"program dates", "POST", "/api/v1/programs", "programs",
			map[string]any{"start_date": "05/02/2026", "end_date": "2026-02-30", "time_zone": "Local"},
			[]string{"end_date", "start_date", "time_zone"}},
		{"program departs before arrival", "PUT", prog, "programs",
			map[string]any{"end_date": "2026-05-01", "status": "done", "hotel_place_id": 99999},
			[]string{"end_date", "hotel_place_id", "status"}},
		{"visitor", "POST", prog + "/visitors", "visitors",
			map[string]any{"given_name": " ", "family_name": "", "languages": []string{}, "email": "ana@"},
			[]string{"email", "given_name", "languages"}},
		{"interpreter", "POST", prog + "/interpreters", "interpreters",
			map[string]any{"languages": []string{"English", "english"}}, []string{"languages"}},
		{"meeting references", "POST", prog + "/meetings", "meetings",
			map[string]any{"host_organization_id": 0, "contact_id": 99999, "place_id": 99999, "partner_organization_ids": []int64{99999}},
			[]string{"contact_id", "host_organization_id", "partner_organization_ids", "place_id"}},
		{"meeting host is partner", "POST", prog + "/meetings", "meetings",
			map[string]any{"partner_organization_ids": []int64{e.org.ID}}, []string{"partner_organization_ids"}},
		{"meeting windows and numbers", "POST", prog + "/meetings", "meetings",
			map[string]any{"duration_minutes": 5, "priority": 9, "status": "maybe",
				"windows": []map[string]string{{"start": "2026-05-04 13:00", "end": "2026-05-04T16:00:00-05:00"}}},
			[]string{"duration_minutes", "priority", "status", "windows"}},
		{"meeting window too short", "PUT", "/api/v1/meetings/" + id(e.meeting.ID), "meetings",
			map[string]any{"windows": []map[string]string{{"start": "2026-05-04T13:00:00-05:00", "end": "2026-05-04T13:30:00-05:00"}}},
			[]string{"windows"}},
		{"activity", "POST", prog + "/activities", "activities",
			map[string]any{"title": "", "kind": "party"}, []string{"kind", "title"}},
		{"organization", "POST", "/api/v1/organizations", "organizations",
			map[string]any{"name": "", "website": "stltoday.com", "kind": "club"}, []string{"kind", "name", "website"}},
		{"contact", "POST", "/api/v1/contacts", "contacts",
			map[string]any{"organization_id": 0, "name": ""}, []string{"name", "organization_id"}},
		{"contact of unknown organization", "PUT", "/api/v1/contacts/" + id(e.contact.ID), "contacts",
			map[string]any{"organization_id": 99999}, []string{"organization_id"}},
		{"place", "POST", "/api/v1/places", "places",
			map[string]any{"lat": 91, "lon": -200, "kind": "castle", "address": ""}, []string{"address", "kind", "lat", "lon"}},
		{"place without coordinates", "PUT", "/api/v1/places/" + id(e.place.ID), "places",
			map[string]any{"lat": 0, "lon": 0}, []string{"lat"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := *e
			e.t = t
			body := map[string]any{}
			if tt.kind != "" {
				body = e.validBody(tt.kind)
			}
			for k, v := range tt.change {
				body[k] = v
			}
			r := e.do(tt.method, tt.path, e.officerA, body).expect(http.StatusUnprocessableEntity)
			code, msg, fields := r.apiError()
			if code != "invalid" {
				t.Errorf("code %q, want invalid", code)
			}
			if got := keys(fields); !slices.Equal(got, tt.fields) {
				t.Errorf("fields %v, want %v (%v)", got, tt.fields, fields)
			}
			if !strings.Contains(msg, "could not be saved") {
				t.Errorf("message %q does not say the record was not saved", msg)
			}
		})
	}
}

func TestMalformedBodies(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	tests := []struct {
		name        string
		contentType string
		body        string
		status      int
		message     string // part of the message
	}{
		{"not JSON", "application/json", `title=x`, 400, "not valid JSON"},
		{"cut short", "application/json", `{"title": "x"`, 400, "ends too early"},
		{"empty", "application/json", ``, 400, "empty"},
		{"an array", "application/json", `[1, 2]`, 400, "must be a JSON object"},
		{"unknown field", "application/json", `{"title": "x", "colour": "red"}`, 400, `Unknown field "colour"`},
		{"wrong type", "application/json", `{"title": 42}`, 400, `field "title": expected a string, got number`},
		{"wrong type in list", "application/json", `{"objectives": "victim services"}`, 400, `field "objectives": expected an array`},
		{"wrong type for id", "application/json", `{"hotel_place_id": "7"}`, 400, `field "hotel_place_id": expected a whole number`},
		{"two objects", "application/json", `{"title": "x"} {"title": "y"}`, 400, "single JSON object"},
		{"trailing garbage", "application/json", `{"title": "x"} x`, 400, "single JSON object"},
		{"form", "application/x-www-form-urlencoded", `title=x`, 415, "Content-Type: application/json"},
		{"no content type", "", `{"title": "x"}`, 415, "Content-Type: application/json"},
		{"charset is fine, still 422", "application/json; charset=utf-8", `{"title": "x"}`, 422, "could not be saved"},
		{"too large", "application/json", `{"title": "` + strings.Repeat("x", maxBody) + `"}`, 413, "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := httptest.NewRequest("POST", "/api/v1/programs", strings.NewReader(tt.body))
			req.Header.Set("Authorization", "Bearer "+e.officerA)
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			rec := httptest.NewRecorder()
			e.mux.ServeHTTP(rec, req)
			checkResponse(t, "POST /api/v1/programs", rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes())
			r := response{rec, t}
			r.expect(tt.status)
			code, msg, _ := r.apiError()
			if code != "invalid" {
				t.Errorf("code %q, want invalid", code)
			}
			if !strings.Contains(msg, tt.message) {
				t.Errorf("message %q does not contain %q", msg, tt.message)
			}
		})
	}
	e.do("GET", "/api/v1/programs", e.officerA, nil).expect(http.StatusOK) // nothing was created
	if n := len(e.do("GET", "/api/v1/programs", e.officerA, nil).object()["programs"].([]any)); n != 1 {
		t.Errorf("%d programs after malformed requests, want 1", n)
	}
}

// failingPrograms is the real program service with listing broken the way
// a database failure breaks it.
type failingPrograms struct {
	itinera.ProgramService
}

var errSecret = errors.New(`pq: relation "programs_secret_table" does not exist (SELECT password FROM users)`)

func (failingPrograms) Programs(context.Context, int64) ([]itinera.Program, error) {
	return nil, errSecret
}

func (failingPrograms) ProgramsPage(context.Context, int64, itinera.ProgramCursor, int) ([]itinera.Program, error) {
	return nil, errSecret
}

func (failingPrograms) Program(context.Context, int64, int64) (itinera.Program, error) {
	return itinera.Program{}, errSecret
}

func TestInternalErrorsAreNotShown(t *testing.T) {
	t.Parallel()
	e := mustEnv(t, func(s *itinera.Services) { s.Programs = failingPrograms{s.Programs} })
	prog := "/api/v1/programs/" + id(e.program.ID)
	for _, path := range []string{"/api/v1/programs", prog, prog + "/days", prog + "/meetings", "/api/v1/meetings/" + id(e.meeting.ID)} {
		r := e.do("GET", path, e.viewerA, nil).expect(http.StatusInternalServerError)
		code, msg, fields := r.apiError()
		if code != "internal" || msg != itinera.ErrorMessage(errSecret) || len(fields) != 0 {
			t.Errorf("GET %s: %q %q %v", path, code, msg, fields)
		}
		if strings.Contains(r.Body.String(), "secret") || strings.Contains(r.Body.String(), "SELECT") {
			t.Errorf("GET %s: internal detail sent: %s", path, r.Body.String())
		}
	}
	if !strings.Contains(e.logs.String(), "programs_secret_table") {
		t.Errorf("internal detail not logged: %s", e.logs.String())
	}
}

func TestUnknownRoutes(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	tests := []struct {
		method, path string
		status       int
		allow        string
	}{
		{"GET", "/api/v1/nothing-here", 404, ""},
		{"GET", "/api/v1/programs/1/nothing", 404, ""},
		{"PATCH", "/api/v1/programs", 405, "GET, POST, HEAD"},
		{"DELETE", "/api/v1/programs", 405, "GET, POST, HEAD"},
		{"POST", "/api/v1/topics", 405, "GET, HEAD"},
	}
	for _, tt := range tests {
		r := e.do(tt.method, tt.path, e.officerA, nil).expect(tt.status)
		r.apiError()
		if got := r.Header().Get("Allow"); got != tt.allow {
			t.Errorf("%s %s: Allow %q, want %q", tt.method, tt.path, got, tt.allow)
		}
	}
	// Ids that are not numbers name no record.
	for _, p := range []string{"/api/v1/programs/abc", "/api/v1/visitors/0", "/api/v1/places/-3", "/api/v1/contacts/99999999999999999999"} {
		e.do("GET", p, e.officerA, nil).expect(http.StatusNotFound).apiError()
	}
}

// TestSchemaChecker makes sure the checker that every test runs against
// openapi.json does catch a response that strays from it.
func TestSchemaChecker(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	schema := map[string]any{"$ref": "#/components/schemas/ProgramDetail"}
	tests := []struct {
		name string
		body string
	}{
		{"extra property", `{"error":{"code":"invalid","message":"m","fields":{}},"x":1}`},
		{"missing property", `{"error":{"code":"invalid","message":"m"}}`},
		{"wrong enum", `{"error":{"code":"oops","message":"m","fields":{}}}`},
	}
	for _, tt := range tests {
		c := &schemaChecker{doc: doc}
		c.check(mustJSON(t, tt.body), map[string]any{"$ref": "#/components/schemas/Error"}, "$")
		if len(c.errs) == 0 {
			t.Errorf("%s: not caught", tt.name)
		}
	}
	c := &schemaChecker{doc: doc}
	c.check(mustJSON(t, `{"id":1,"version":1,"title":"t","project_type":"","city":"c","time_zone":"UTC","language":"en","start_date":"2026-05-02",
		"end_date":"2026-05-02","status":"planning","visitor_count":0,"description":"","objectives":[],"hotel":null,
		"created_at":"2026-05-02T10:00:00Z","updated_at":"2026-05-02T10:00:00Z","split_lunch":"together","split_cost":3,"days":[],"visitors":[],
		"interpreters":[],"meetings":[],"activities":[],"itinerary":null,"surprise":true}`), schema, "$")
	if len(c.errs) != 1 || !strings.Contains(c.errs[0], "surprise") {
		t.Errorf("unevaluated property: errors %v", c.errs)
	}
}

func mustJSON(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}
