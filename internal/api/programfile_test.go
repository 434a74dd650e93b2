package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"itinera/internal/programfile"
)

// TestProgramFileThroughTheAPI: a program's file is answered as a download,
// imported by another organization as a new program of its own, and
// exported there again to the same file (this program has no request its
// resource could still answer, so nothing differs but the export time).
// Wrong files are refused with the usual error shape, naming what is
// wrong, and make nothing.
func TestProgramFileThroughTheAPI(t *testing.T) {
	t.Parallel()
	forBothStores(t, testProgramFile)
}

func testProgramFile(t *testing.T, e *env) {
	r := e.do("GET", "/api/v1/programs/"+id(e.program.ID)+"/file", e.viewerA, nil).expect(http.StatusOK)
	if cd := r.Header().Get("Content-Disposition"); cd != `attachment; filename="program-`+id(e.program.ID)+`.json"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	file := r.Body.String()
	f, err := programfile.DecodeBytes([]byte(file))
	if err != nil {
		t.Fatalf("the answer is not a program file: %v", err)
	}
	if f.Program.Title != e.program.Title || len(f.Visitors) != 1 || len(f.Requests) != 1 || f.Requests[0].Status != "draft" {
		t.Fatalf("file %+v", f.Program)
	}

	created := e.do("POST", "/api/v1/programs/import", e.officerB, file).expect(http.StatusCreated)
	got := created.object()
	program := got["program"].(map[string]any)
	newID := int64(program["id"].(float64))
	if loc := created.Header().Get("Location"); loc != "/api/v1/programs/"+id(newID) || newID == e.program.ID {
		t.Fatalf("Location %q for program %d", loc, newID)
	}
	if got["created"].(map[string]any)["visitors"] != float64(1) || got["requests_to_send_again"] != float64(0) {
		t.Fatalf("answer %v", got)
	}
	again := e.do("GET", "/api/v1/programs/"+id(newID)+"/file", e.officerB, nil).expect(http.StatusOK).Body.String()
	strip := func(s string) string {
		var m map[string]any
		must(t, json.Unmarshal([]byte(s), &m))
		delete(m, "exported_at")
		b, _ := json.Marshal(m)
		return string(b)
	}
	if strip(again) != strip(file) {
		t.Errorf("exported again in tenant B, the file differs:\n%s\n%s", file, again)
	}
	// Each organization sees only its own copy.
	e.do("GET", "/api/v1/programs/"+id(newID), e.officerA, nil).expect(http.StatusNotFound)
	e.do("GET", "/api/v1/programs/"+id(newID)+"/file", e.officerA, nil).expect(http.StatusNotFound)
	e.do("GET", "/api/v1/programs/"+id(e.program.ID)+"/file", e.officerB, nil).expect(http.StatusNotFound)

	before := e.do("GET", "/api/v1/programs", e.officerB, nil).expect(http.StatusOK).Body.String()
	for _, tc := range []struct {
		name, body, contentType string
		status                  int
		want                    string
	}{
		{"not JSON", "Title;Start\nWomen in Leadership;2026-05-02\n", "application/json", http.StatusBadRequest, "not valid JSON"},
		{"as text", file, "text/plain", http.StatusUnsupportedMediaType, "Content-Type: application/json"},
		{"future version", strings.Replace(file, `"version": 1,`, `"version": 2,`, 1), "application/json", http.StatusUnprocessableEntity,
			"version 2 of the format, newer than this Itinera reads"},
		{"another kind", `{"openapi":"3.1.0","info":{"title":"x"}}`, "application/json", http.StatusUnprocessableEntity, `no "format" field`},
		{"dangling reference", strings.Replace(file, `"hotel_place_id": 1`, `"hotel_place_id": 42`, 1), "application/json",
			http.StatusUnprocessableEntity, "hotel_place_id 42 is not a place of the file"},
		{"too large", string(bytes.Repeat([]byte(" "), programfile.MaxSize+1)), "application/json", http.StatusRequestEntityTooLarge, "32 MiB"},
	} {
		e.header = http.Header{"Content-Type": {tc.contentType}}
		r := e.do("POST", "/api/v1/programs/import", e.officerB, tc.body)
		e.header = nil
		if r.Code != tc.status {
			t.Errorf("%s: status %d, want %d", tc.name, r.Code, tc.status)
			continue
		}
		if code, msg, _ := r.apiError(); code != "invalid" || !strings.Contains(msg, tc.want) {
			t.Errorf("%s: %s %q, want invalid saying %q", tc.name, code, msg, tc.want)
		}
	}
	if after := e.do("GET", "/api/v1/programs", e.officerB, nil).expect(http.StatusOK).Body.String(); after != before {
		t.Error("a refused file made a program")
	}
	e.do("POST", "/api/v1/programs/import", e.viewerA, file).expect(http.StatusForbidden)

	// With an Idempotency-Key, a retry gets the first answer and imports
	// nothing more; a file larger than other bodies (2 MiB) is taken.
	big := file + strings.Repeat(" ", 2<<20)
	e.header = http.Header{"Idempotency-Key": {"import-1"}}
	first := e.do("POST", "/api/v1/programs/import", e.officerB, big).expect(http.StatusCreated)
	retry := e.do("POST", "/api/v1/programs/import", e.officerB, big).expect(http.StatusCreated)
	e.header = nil
	if retry.Header().Get("Idempotent-Replayed") != "true" || retry.Body.String() != first.Body.String() {
		t.Errorf("retry: %q %s", retry.Header().Get("Idempotent-Replayed"), retry.Body.String())
	}
	var list struct{ Programs []any }
	must(t, json.Unmarshal(e.do("GET", "/api/v1/programs", e.officerB, nil).expect(http.StatusOK).Body.Bytes(), &list))
	var was struct{ Programs []any }
	must(t, json.Unmarshal([]byte(before), &was))
	if len(list.Programs) != len(was.Programs)+1 {
		t.Errorf("%d programs after an import and its retry, want %d", len(list.Programs), len(was.Programs)+1)
	}
}
