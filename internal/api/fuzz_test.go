package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"
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

// FuzzUnreadableField checks the scan for text that encoding/json would
// repair: it never panics, a body of sound text is never refused, and a
// field it names is a key of the body.
func FuzzUnreadableField(f *testing.F) {
	for _, s := range []string{`{"title":"ok"}`, "{\"title\":\"\xff\"}", `{"a":{"b":["\ud800"]},"c":1}`,
		`{"t":"\ud83d\ude00"}`, `{"t":"\\ud800"}`, `["\udc00"]`, `{"x":`, `"\u12`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		field, bad := unreadableField(body)
		if !bad {
			return
		}
		if utf8.Valid(body) && !bytes.Contains(body, []byte(`\u`)) && !bytes.Contains(body, []byte(`\U`)) {
			t.Fatalf("sound body %q refused (field %q)", body, field)
		}
		var m map[string]any
		if json.Unmarshal(body, &m) == nil {
			if _, ok := m[field]; !ok {
				t.Fatalf("field %q is not a key of %q", field, body)
			}
		}
	})
}

func TestUnreadableField(t *testing.T) {
	t.Parallel()
	cases := []struct {
		body  string
		field string // "": sound
	}{
		{`{"title":"Gateway","topics":["a","b"]}`, ""},
		{`{"title":"caf\u00e9 \ud83d\ude00 \\ud800"}`, ""},
		{"{\"title\":\"caf\xc3\xa9\"}", ""},
		{"{\"title\":\"Gate\xffway\"}", "title"},
		{"{\"title\":\"ok\",\"topics\":[\"a\",\"\xfe\"]}", "topics"},
		{`{"title":"ok","windows":[{"start":"\ud800","end":"x"}]}`, "windows"},
		{`{"notes":"\udc00"}`, "notes"},
		{`{"notes":"\ud800\u0041"}`, "notes"},
		{`{"notes":"\ud800"}`, "notes"},
		{"{\"a\":1,\"b\":{\"c\":\"\xff\"},\"d\":2}", "b"},
		{"{\"ti\xfftle\":\"x\"}", "ti\ufffdtle"},
		{`{"title":`, ""},
	}
	for _, c := range cases {
		field, bad := unreadableField([]byte(c.body))
		if bad != (c.field != "") || field != c.field {
			t.Errorf("%q: %q %v, want %q", c.body, field, bad, c.field)
		}
	}
}
