package api

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/sheet"
)

func TestImportsThroughTheAPI(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		count := func() int {
			vs, err := e.store.Visitors(ctx, e.tenantA.ID, e.program.ID)
			must(t, err)
			return len(vs)
		}
		base := count()
		url := "/api/v1/imports?kind=visitors&program_id=" + id(e.program.ID)
		good := "Given name;Family name;Nationality;E-mail;Languages\r\nZoë;Müller;Germany;zoe@example.de;German, English\r\nKofi;Mensah;Ghana;;English\r\n"
		bad := good + "Ama;Owusu;;ama@example;English\r\n"

		// A dry run says what would happen and changes nothing, even with
		// an Idempotency-Key (its transaction is a savepoint rolled back).
		r := e.withHeader("Idempotency-Key", "dry-1").do("POST", url+"&dry_run=true", e.officerA, fileBody{"text/csv", good}).expect(http.StatusOK)
		if o := r.object(); o["created"].(float64) != 2 || o["applied"] != false || count() != base {
			t.Fatalf("dry run: %s; %d visitors", r.Body, count())
		}
		// Refused rows: 422 naming them, nothing imported.
		r = e.do("POST", url, e.officerA, fileBody{"text/csv", bad}).expect(http.StatusUnprocessableEntity)
		o := r.object()
		refused := o["import"].(map[string]any)["refused"].([]any)
		if len(refused) != 2 || count() != base || o["error"].(map[string]any)["code"] != "invalid" {
			t.Fatalf("refused: %s", r.Body)
		}
		for _, x := range refused {
			p := x.(map[string]any)
			if p["row"].(float64) != 4 || (p["field"] != "country" && p["field"] != "email") || p["message"] == "" {
				t.Errorf("refused row %v", p)
			}
		}
		// Applied: 201 with the import's address; again: unchanged.
		r = e.do("POST", url+"&file_name=roster.csv", e.officerA, fileBody{"text/csv", good}).expect(http.StatusCreated)
		loc := r.Header().Get("Location")
		if !strings.HasPrefix(loc, "/api/v1/imports/") || count() != base+2 {
			t.Fatalf("apply: %s %s", loc, r.Body)
		}
		r = e.do("POST", url, e.officerA, fileBody{"text/csv", good}).expect(http.StatusCreated)
		if o := r.object(); o["unchanged"].(float64) != 2 || o["created"].(float64) != 0 {
			t.Fatalf("again: %s", r.Body)
		}
		// XLSX as a multipart form, with the mapping given.
		var x bytes.Buffer
		must(t, sheet.WriteXLSX(&x, sheet.Sheet{Name: "Roster", Header: []string{"Who", "Land", "Speaks"},
			Rows: [][]string{{"Wei", "China", "Mandarin"}}}))
		var form bytes.Buffer
		mw := multipart.NewWriter(&form)
		fw, err := mw.CreateFormFile("file", "roster.xlsx")
		must(t, err)
		_, _ = fw.Write(x.Bytes())
		must(t, mw.Close())
		r = e.do("POST", url+"&fields=given_name,country,languages", e.officerA, fileBody{mw.FormDataContentType(), form.String()}).
			expect(http.StatusCreated)
		if o := r.object(); o["format"] != "xlsx" || o["file_name"] != "roster.xlsx" || o["created"].(float64) != 1 {
			t.Fatalf("xlsx: %s", r.Body)
		}

		// The list, one import, undo, and undo again.
		r = e.do("GET", "/api/v1/imports?program_id="+id(e.program.ID), e.viewerA, nil).expect(http.StatusOK)
		ims := r.object()["imports"].([]any)
		if len(ims) != 3 || ims[2].(map[string]any)["file_name"] != "roster.csv" {
			t.Fatalf("list: %s", r.Body)
		}
		e.do("GET", loc, e.viewerA, nil).expect(http.StatusOK)
		last := "/api/v1/imports/" + id(int64(ims[0].(map[string]any)["id"].(float64)))
		r = e.do("POST", last+"/undo", e.officerA, nil).expect(http.StatusOK)
		if r.object()["undone_at"] == nil || count() != base+2 {
			t.Fatalf("undo: %s; %d visitors", r.Body, count())
		}
		r = e.do("POST", last+"/undo", e.officerA, nil).expect(http.StatusConflict)

		// Wrong requests are named.
		for _, tc := range []struct {
			path  string
			body  any
			code  int
			field string
		}{
			{"/api/v1/imports?kind=pets", fileBody{"text/csv", good}, http.StatusUnprocessableEntity, "kind"},
			{"/api/v1/imports?kind=visitors", fileBody{"text/csv", good}, http.StatusUnprocessableEntity, "program_id"},
			{url + "&dry_run=perhaps", fileBody{"text/csv", good}, http.StatusUnprocessableEntity, "dry_run"},
			{url, map[string]any{"given_name": "Ana"}, http.StatusUnsupportedMediaType, ""},
			{url, fileBody{"text/csv", ""}, http.StatusBadRequest, ""},
			{url, fileBody{"text/csv", "\x00\x01binary"}, http.StatusUnprocessableEntity, ""},
			{url, fileBody{"text/csv", strings.Repeat("a,b\n", itinera.MaxImportFileBytes/4+10)}, http.StatusRequestEntityTooLarge, ""},
			{url + "&fields=given_name", fileBody{"text/csv", good}, http.StatusUnprocessableEntity, "mapping"},
		} {
			r := e.do("POST", tc.path, e.officerA, tc.body).expect(tc.code)
			if _, msg, fields := r.apiError(); msg == "" || (tc.field != "" && fields[tc.field] == nil) {
				t.Errorf("%s: %s", tc.path, r.Body)
			}
		}
	})
}
