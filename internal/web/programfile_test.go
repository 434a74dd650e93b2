package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"itinera/internal/programfile"
)

// uploadProgramFile posts a program file as the import form does: multipart, with
// the session's CSRF token unless csrf is false.
func (c *client) uploadProgramFile(path, name string, content []byte, csrf bool) (*http.Response, string) {
	c.e.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if csrf {
		must(c.e.t, mw.WriteField("csrf_token", c.csrf))
	}
	if name != "" {
		fw, err := mw.CreateFormFile("file", name)
		must(c.e.t, err)
		_, err = fw.Write(content)
		must(c.e.t, err)
	}
	must(c.e.t, mw.Close())
	req, err := http.NewRequest("POST", c.e.srv.URL+path, &body)
	must(c.e.t, err)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

// TestProgramFilePages: the program page offers its program file to
// anyone of the organization; the programs list offers the import to those
// who may edit. A file downloaded in one organization and uploaded in
// another makes a new program there; a wrong file is shown on the form
// with what is wrong, and makes nothing.
func TestProgramFilePages(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	viewer := e.signIn(e.a.viewer)
	_, doc := viewer.page("/programs/"+itoa(e.a.program.ID), http.StatusOK)
	form := doc.one(t, "form#program-file")
	if form.attr("method") != "get" || form.attr("action") != "/programs/"+itoa(e.a.program.ID)+"/file" || !form.has("button[type=submit]") {
		t.Fatalf("download form: %v", form.attrs)
	}
	res, file := viewer.get(form.attr("action"))
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") ||
		res.Header.Get("Content-Disposition") != `attachment; filename="combating-trafficking-in-persons-alpha-2026-12-05.json"` {
		t.Fatalf("download: %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}
	if f, err := programfile.DecodeBytes([]byte(file)); err != nil || f.Program.Title != e.a.program.Title {
		t.Fatalf("the download is not the program's file: %v", err)
	}
	_, doc = viewer.page("/programs", http.StatusOK)
	if doc.has("#import-program-form") {
		t.Error("a viewer is offered the import")
	}
	if res, _ := viewer.uploadProgramFile("/programs/import", "program.json", []byte(file), true); res.StatusCode != http.StatusForbidden {
		t.Errorf("a viewer's upload: %d, want 403", res.StatusCode)
	}

	officer := e.signIn(e.b.officer)
	_, doc = officer.page("/programs", http.StatusOK)
	form = doc.one(t, "form#import-program-form")
	if form.attr("method") != "post" || form.attr("action") != "/programs/import" || form.attr("enctype") != "multipart/form-data" ||
		form.one(t, "input[name=csrf_token]").attr("value") != officer.csrf || form.one(t, "input#f-file").attr("type") != "file" {
		t.Fatalf("import form: %v", form.attrs)
	}
	before := len(doc.all("#programs tbody tr"))

	for _, tc := range []struct {
		name, file, content string
		want                string
	}{
		{"spreadsheet", "roster.csv", "Given name,Family name\nAna,Silva\n", "not valid JSON"},
		{"future version", "program.json", strings.Replace(file, `"version": 1,`, `"version": 4,`, 1), "newer than this Itinera reads"},
		{"another kind", "openapi.json", `{"openapi":"3.1.0"}`, `no "format" field`},
		{"no file", "", "", "Choose a program file to import"},
	} {
		res, body := officer.uploadProgramFile("/programs/import", tc.file, []byte(tc.content), true)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", tc.name, res.StatusCode)
			continue
		}
		doc := parseHTML(t, body)
		msg := doc.one(t, "#import-program-form p#f-file-error").Text()
		if !strings.Contains(msg, tc.want) || doc.one(t, "input#f-file").attr("aria-invalid") != "true" {
			t.Errorf("%s: the form says %q, want %q", tc.name, msg, tc.want)
		}
	}
	if res, _ := officer.uploadProgramFile("/programs/import", "program.json", []byte(file), false); res.StatusCode != http.StatusForbidden {
		t.Errorf("an upload without the CSRF token: %d, want 403", res.StatusCode)
	}
	_, doc = officer.page("/programs", http.StatusOK)
	if got := len(doc.all("#programs tbody tr")); got != before {
		t.Fatalf("%d programs after the refused files, want %d", got, before)
	}

	res, _ = officer.uploadProgramFile("/programs/import", "program.json", []byte(file), true)
	page := officer.follow(res)
	if flash := page.one(t, ".flash").Text(); !strings.Contains(flash, "The program was imported.") {
		t.Errorf("flash %q", flash)
	}
	if h1 := page.one(t, "main h1").Text(); h1 != e.a.program.Title {
		t.Errorf("landed on %q", h1)
	}
	ps, err := e.store.Programs(ctx, e.b.tenant.ID)
	must(t, err)
	if len(ps) != before+1 {
		t.Fatalf("%d programs of B, want %d", len(ps), before+1)
	}
}
