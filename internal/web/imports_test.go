package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"itinera"
)

// upload posts a file to /imports as the browser's multipart form does.
func (c *client) upload(fields url.Values, name string, data []byte, csrf bool) (*http.Response, string) {
	c.e.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	if csrf {
		must(c.e.t, mw.WriteField("csrf_token", c.csrf))
	}
	for k, vs := range fields {
		for _, v := range vs {
			must(c.e.t, mw.WriteField(k, v))
		}
	}
	fw, err := mw.CreateFormFile("file", name)
	must(c.e.t, err)
	_, _ = fw.Write(data)
	must(c.e.t, mw.Close())
	req, err := http.NewRequest("POST", c.e.srv.URL+"/imports", &b)
	must(c.e.t, err)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

// TestImportFlow walks the officer's way: upload, match the columns,
// preview, apply, see the import and undo it; a file with a bad row is
// explained and cannot be applied.
func TestImportFlow(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	pid := itoa(e.a.program.ID)
	before, err := e.store.Visitors(ctx, e.a.tenant.ID, e.a.program.ID)
	must(t, err)

	_, doc := c.page("/imports/new?kind=visitors&program="+pid, http.StatusOK)
	doc.one(t, "form#import-form[enctype=multipart/form-data] input[type=file][name=file]")
	doc.one(t, "select#import-kind option[value=visitors][selected]")
	doc.one(t, "select#import-program option[value="+pid+"][selected]")
	// Every kind's template, in both formats, is a link that works.
	for _, href := range []string{"/templates/visitors.xlsx", "/templates/meetings.csv", "/templates/households.xlsx"} {
		doc.one(t, "ul.templates a[href="+href+"]")
		if res, _ := c.get(href); res.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", href, res.StatusCode)
		}
	}
	// The program page offers the import beside each list.
	_, prog := c.page("/programs/"+pid+"/delegation", http.StatusOK)
	prog.one(t, "a[href=/imports/new?kind=visitors&program="+pid+"]")
	_, prog = c.page("/programs/"+pid+"/candidates", http.StatusOK)
	prog.one(t, "a[href=/imports/new?kind=meetings&program="+pid+"]")

	roster := "Given name(s);Surname;Nationality;E-mail;Langues;Notes to self\r\n" +
		"Zoë;Müller;Germany;zoe@example.de;German, English;met in Berlin\r\n" +
		"Kofi;Mensah;Ghana;kofi@example.gh;English;\r\n" +
		"Ama;Owusu;;ama@example;English;\r\n"
	// Without the CSRF token the upload is refused.
	res, _ := c.upload(url.Values{"kind": {"visitors"}, "program": {pid}}, "roster.csv", []byte(roster), false)
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("upload without CSRF: %d", res.StatusCode)
	}
	res, _ = c.upload(url.Values{"kind": {"visitors"}, "program": {pid}}, "roster.csv", []byte(roster), true)
	doc = c.follow(res)
	mapPath := res.Header.Get("Location")
	if got := doc.one(t, "select#field-0 option[selected]").attr("value"); got != "given_name" {
		t.Errorf("column A matched to %q", got)
	}
	if got := doc.one(t, "select#field-5 option[selected]").attr("value"); got != "" { // "Notes to self" is left out
		t.Errorf("column F matched to %q", got)
	}
	doc.one(t, "label[for=field-1]")
	form := url.Values{"columns": {"6"}}
	for i, f := range []string{"given_name", "family_name", "country", "email", "languages", ""} {
		form.Set("field_"+itoa(int64(i)), f)
	}
	res, body := c.post(mapPath+"/preview", form)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("preview: %d", res.StatusCode)
	}
	doc = parseHTML(t, body)
	doc.one(t, "#refused")
	row := doc.one(t, "table.preview tbody tr.outcome-refused")
	if !strings.Contains(row.Text(), "4") || !strings.Contains(row.Text(), "Nationality") || !strings.Contains(row.Text(), "E-mail") {
		t.Errorf("refused row: %q", row.Text())
	}
	if doc.has("form#apply-form") {
		t.Error("a file with a refused row offers to import")
	}
	// Applying anyway (a stale page) imports nothing and says why.
	res, _ = c.post(mapPath+"/apply", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("apply with a refused row: %d", res.StatusCode)
	}
	if vs, _ := e.store.Visitors(ctx, e.a.tenant.ID, e.a.program.ID); len(vs) != len(before) {
		t.Fatalf("%d visitors after a refused apply", len(vs))
	}

	// The corrected file: the mapping is remembered for its shape.
	fixed := strings.Replace(roster, "Ama;Owusu;;ama@example;", "Ama;Owusu;Ghana;ama@example.gh;", 1)
	res, _ = c.upload(url.Values{"kind": {"visitors"}, "program": {pid}}, "roster-fixed.csv", []byte(fixed), true)
	mapPath = res.Header.Get("Location")
	_, doc = c.page(mapPath, http.StatusOK)
	if !strings.Contains(doc.one(t, "p.intro").Text(), "last file with these columns") {
		t.Errorf("mapping not remembered: %q", doc.one(t, "p.intro").Text())
	}
	res, body = c.post(mapPath+"/preview", form)
	doc = parseHTML(t, body)
	if res.StatusCode != http.StatusOK || len(doc.all("table.preview tbody tr.outcome-created")) != 3 {
		t.Fatalf("preview of the corrected file: %d\n%s", res.StatusCode, body)
	}
	apply := doc.one(t, "form#apply-form")
	if apply.one(t, "input[name=field_2]").attr("value") != "country" {
		t.Error("the apply form does not carry the mapping")
	}
	res, _ = c.post(mapPath+"/apply", form)
	doc = c.follow(res)
	if got := doc.one(t, "#import-counts").Text(); !strings.Contains(got, "3 created") {
		t.Errorf("import page: %q", got)
	}
	if vs, _ := e.store.Visitors(ctx, e.a.tenant.ID, e.a.program.ID); len(vs) != len(before)+3 {
		t.Fatalf("%d visitors after the import, %d before", len(vs), len(before))
	}
	// The upload is forgotten once applied.
	if res, _ := c.get(mapPath); res.StatusCode != http.StatusNotFound {
		t.Errorf("the applied upload is still kept: %d", res.StatusCode)
	}
	// Undo.
	_, doc = c.page("/imports/new?program="+pid, http.StatusOK)
	link := doc.one(t, "table tbody th[scope=row] a").attr("href")
	_, doc = c.page(link, http.StatusOK)
	doc.one(t, "form#undo-form")
	res, _ = c.post(link+"/undo", nil)
	doc = c.follow(res)
	if doc.has("form#undo-form") {
		t.Error("an undone import offers to undo again")
	}
	if vs, _ := e.store.Visitors(ctx, e.a.tenant.ID, e.a.program.ID); len(vs) != len(before) {
		t.Fatalf("%d visitors after undo, %d before", len(vs), len(before))
	}

	// A file that is not a spreadsheet is refused on the upload form.
	res, body = c.upload(url.Values{"kind": {"places"}}, "photo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00"), true)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("png: %d", res.StatusCode)
	}
	parseHTML(t, body).one(t, "#import-file-error")
	// Another organization's upload is not found.
	other := e.signIn(e.b.officer)
	if res, _ := other.get(mapPath); res.StatusCode != http.StatusNotFound {
		t.Errorf("tenant B reads A's upload: %d", res.StatusCode)
	}
}

// TestPlaceFormCoordinates: the pin's coordinates are saved as coming from
// the map; without coordinates and without a geocoder the form asks for
// the pin, naming the latitude field.
func TestPlaceFormCoordinates(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	_, doc := c.page("/places/new", http.StatusOK)
	doc.one(t, "#pin-map input[type=hidden][name=coordinates_source]")
	res, _ := c.post("/places", url.Values{"name": {"Soulard Farmers Market"}, "kind": {"site"}, "address": {"730 Carroll St, St. Louis"},
		"lat": {"38.6102"}, "lon": {"-90.2070"}, "coordinates_source": {"map"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	ps, err := e.store.Places(ctx, e.a.tenant.ID, itinera.DirectoryFilter{Query: "Soulard"})
	must(t, err)
	if len(ps) != 1 || ps[0].Source != itinera.FromMap {
		t.Fatalf("%+v", ps)
	}
	res, body := c.post("/places", url.Values{"name": {"Nowhere"}, "kind": {"site"}, "address": {"1 Unknown Rd"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("no coordinates: %d", res.StatusCode)
	}
	if msg := parseHTML(t, body).one(t, "#f-lat-error, p.error").Text(); !strings.Contains(msg, "pin") {
		t.Errorf("%q", msg)
	}
}
