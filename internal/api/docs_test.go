package api

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

var (
	docsOnce     sync.Once
	docsRendered *Docs
	docsErr      error
)

// mustDocs renders the reference page once for the tests that only read it.
func mustDocs(t testing.TB) *Docs {
	t.Helper()
	docsOnce.Do(func() { docsRendered, docsErr = New(Config{}).Docs() })
	if docsErr != nil {
		t.Fatalf("render the API reference: %v", docsErr)
	}
	return docsRendered
}

// mustDocsTree parses the reference page.
func mustDocsTree(t testing.TB) *htmlNode {
	t.Helper()
	root, err := parseStrictHTML(string(mustDocs(t).page))
	if err != nil {
		t.Fatalf("the API reference is not well-formed HTML: %v", err)
	}
	return root
}

// byID indexes the elements of root by id.
func byID(root *htmlNode) map[string]*htmlNode {
	ids := map[string]*htmlNode{}
	root.walk(func(n *htmlNode) {
		if id := n.attrs["id"]; id != "" {
			ids[id] = n
		}
	})
	return ids
}

var backticks = strings.NewReplacer("`", "")

// Every operation of the document, walked here rather than listed, has its
// anchor on the page, a link to it in the contents, its summary and who may
// call it; the page holds no other operation.
func TestDocsListEveryOperation(t *testing.T) {
	t.Parallel()
	spec := loadSpec(t)
	root := mustDocsTree(t)
	ids := byID(root)
	toc := root.tagged("nav", "toc")
	if len(toc) != 1 {
		t.Fatalf("%d tables of contents, want 1", len(toc))
	}
	inTOC := map[string]bool{}
	for _, a := range toc[0].tagged("a") {
		inTOC[a.attrs["href"]] = true
	}
	access := map[string]access{}
	for _, rt := range New(Config{}).routes() {
		access[rt.method+" "+rt.path] = rt.access
	}

	ops := 0
	for path, item := range spec["paths"].(map[string]any) {
		for _, m := range httpMethods {
			op, ok := item.(map[string]any)[m].(map[string]any)
			if !ok {
				continue
			}
			ops++
			method, id := strings.ToUpper(m), op["operationId"].(string)
			at := method + " " + path
			art := ids[id]
			if art == nil || art.tag != "article" {
				t.Errorf("%s: no article with id %q", at, id)
				continue
			}
			if h := art.tagged("h3"); len(h) == 0 || h[0].Text() != at {
				t.Errorf("%s: heading of #%s is not the method and path", at, id)
			}
			if !inTOC["#"+id] {
				t.Errorf("%s: the contents do not link to #%s", at, id)
			}
			if s, _ := op["summary"].(string); !strings.Contains(art.Text(), strings.Join(strings.Fields(backticks.Replace(s)), " ")) {
				t.Errorf("%s: summary %q not shown", at, s)
			}
			who := art.tagged("p", "access")
			if len(who) != 1 || !strings.Contains(who[0].Text(), accessText[access[at]]) {
				t.Errorf("%s: who may call it is not %q", at, accessText[access[at]])
			}
			if !containsWord(art.parent.attrs["class"], "tag") {
				t.Errorf("%s: not in the section of a tag", at)
			}
		}
	}
	if got := len(root.tagged("article", "op")); got != ops {
		t.Errorf("the page shows %d operations, the document has %d", got, ops)
	}
}

// row returns the table row of art whose heading cell names field.
func row(t *testing.T, art *htmlNode, field string) *htmlNode {
	t.Helper()
	for _, tr := range art.tagged("tr") {
		if th := tr.tagged("th"); len(th) > 0 && th[0].attrs["scope"] == "row" {
			if code := th[0].tagged("code"); len(code) > 0 && code[0].Text() == field {
				return tr
			}
		}
	}
	t.Fatalf("#%s has no row for %s", art.attrs["id"], field)
	return nil
}

// Parameters and body fields of chosen operations show their type, whether
// they are required, and their constraints as the document states them.
func TestDocsShowConstraints(t *testing.T) {
	t.Parallel()
	spec := loadSpec(t)
	ids := byID(mustDocsTree(t))
	schema := func(name, prop string) map[string]any {
		return dig(spec, "components", "schemas", name, "properties", prop).(map[string]any)
	}
	param := func(name string) map[string]any {
		return dig(spec, "components", "parameters", name, "schema").(map[string]any)
	}
	enum := func(v any) []string {
		var out []string
		for _, e := range asList(v) {
			out = append(out, fmt.Sprint(e))
		}
		return out
	}
	programStatus := dig(spec, "components", "schemas", "ProgramStatus", "enum")
	errorCodes := dig(spec, "components", "schemas", "Error", "properties", "error", "properties", "code", "enum")
	limit, meetingDuration := param("Limit"), schema("MeetingInput", "duration_minutes")

	for _, c := range []struct {
		at, field string
		required  bool
		want      []string
	}{
		{"createProgram", "title", true, []string{"string", fmt.Sprintf("At most %v characters.", schema("ProgramInput", "title")["maxLength"])}},
		{"createProgram", "end_date", true, []string{"string (date)", schema("ProgramInput", "end_date")["description"].(string)}},
		{"createProgram", "status", false, append([]string{"string"}, enum(programStatus)...)},
		{"createProgram", "objectives", false, []string{"array of string", fmt.Sprintf("Each: at most %v characters.", dig(schema("ProgramInput", "objectives"), "items", "maxLength"))}},
		{"createProgram", "Idempotency-Key", false, []string{"in header", fmt.Sprintf("1 to %v characters.", param("IdempotencyKey")["maxLength"])}},
		{"listPrograms", "limit", false, []string{"in query", "integer", fmt.Sprintf("From %v to %v.", limit["minimum"], limit["maximum"]), fmt.Sprintf("Default %v.", limit["default"])}},
		{"listPrograms", "cursor", false, []string{"in query", fmt.Sprintf("At most %v characters.", param("Cursor")["maxLength"])}},
		{"listPrograms", "next_cursor", true, []string{"string or null"}},
		{"listPrograms", "programs", true, []string{"array of ProgramSummary"}},
		{"getProgram", "id", true, []string{"in path", "integer (int64)", "At least 1."}},
		{"updateProgram", "If-Match", false, []string{"in header", fmt.Sprintf("At most %v characters.", param("IfMatch")["maxLength"])}},
		{"createMeeting", "duration_minutes", true, []string{"integer", fmt.Sprintf("From %v to %v.", meetingDuration["minimum"], meetingDuration["maximum"])}},
		{"createMeeting", "partner_organization_ids", false, []string{"array of integer (int64)", "No item twice."}},
		{"createMeeting", "windows", false, []string{"array of Window", schema("MeetingInput", "windows")["description"].(string)}},
	} {
		t.Run(c.at+"/"+c.field, func(t *testing.T) {
			art := ids[c.at]
			if art == nil {
				t.Fatalf("no #%s", c.at)
			}
			tr := row(t, art, c.field)
			text := tr.Text()
			if got := len(tr.tagged("span", "req")) > 0; got != c.required {
				t.Errorf("required = %v, want %v: %s", got, c.required, text)
			}
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("row %q lacks %q", text, w)
				}
			}
		})
	}

	// A type naming a schema links to it, and it is listed at the end.
	windows := row(t, ids["createMeeting"], "windows")
	if links := windows.tagged("a"); len(links) != 1 || links[0].attrs["href"] != "#schema-Window" || ids["schema-Window"] == nil {
		t.Error("windows does not link to the Window schema listed at the end")
	}
	// The error shape, in the introduction.
	code := row(t, ids["errors"].parent, "error.code")
	for _, v := range enum(errorCodes) {
		if !strings.Contains(code.Text(), v) {
			t.Errorf("error.code does not list %q", v)
		}
	}
	// A version's header, and a merge patch pointing to the fields it may send.
	if update := ids["updateProgram"].Text(); !strings.Contains(update, "Header ETag") {
		t.Error("updateProgram does not show its ETag header")
	}
	patch := ids["patchProgram"]
	if !strings.Contains(patch.Text(), "application/merge-patch+json") {
		t.Error("patchProgram does not name application/merge-patch+json")
	}
	if len(patch.all(func(n *htmlNode) bool { return n.tag == "a" && n.attrs["href"] == "#updateProgram" })) == 0 {
		t.Error("patchProgram does not link to the fields of updateProgram")
	}
	// Errors an operation may give link to their meaning.
	errs := ids["getProgram"].tagged("p", "errors")
	if len(errs) != 1 || !strings.Contains(errs[0].Text(), "404 Not Found") || ids["response-NotFound"] == nil {
		t.Error("getProgram does not link its 404 to the shared answers")
	}
}

// The page is well-formed HTML a browser and a screen reader take as it
// is meant: one h1, headings that do not skip a level, unique ids, links
// within the page that land, table headers with their scope, nothing the
// site's Content-Security-Policy would refuse.
func TestDocsAreWellFormedHTML(t *testing.T) {
	t.Parallel()
	d := mustDocs(t)
	root := mustDocsTree(t)
	html := root.tagged("html")
	if len(html) != 1 || html[0].attrs["lang"] != "en" {
		t.Error("no <html lang=en>")
	}
	for tag, want := range map[string]int{"h1": 1, "main": 1, "title": 1, "nav": 1} {
		if got := len(root.tagged(tag)); got != want {
			t.Errorf("%d <%s>, want %d", got, tag, want)
		}
	}
	viewport := root.all(func(n *htmlNode) bool { return n.tag == "meta" && n.attrs["name"] == "viewport" })
	if len(viewport) != 1 || !strings.Contains(viewport[0].attrs["content"], "width=device-width") {
		t.Error("no viewport meta")
	}
	sheets := root.all(func(n *htmlNode) bool { return n.tag == "link" && n.attrs["rel"] == "stylesheet" })
	if len(sheets) != 1 || sheets[0].attrs["href"] != d.cssPath {
		t.Errorf("stylesheet links %v, want %s", sheets, d.cssPath)
	}

	ids := map[string]int{}
	var hrefs []string
	last := 0
	root.walk(func(n *htmlNode) {
		if id := n.attrs["id"]; id != "" {
			ids[id]++
		}
		if h := n.attrs["href"]; strings.HasPrefix(h, "#") {
			hrefs = append(hrefs, h[1:])
		}
		if ref := n.attrs["aria-labelledby"]; ref != "" {
			hrefs = append(hrefs, ref)
		}
		if len(n.tag) == 2 && n.tag[0] == 'h' && n.tag[1] >= '1' && n.tag[1] <= '6' {
			level := int(n.tag[1] - '0')
			if level > last+1 {
				t.Errorf("<%s> %q follows an h%d", n.tag, n.Text(), last)
			}
			last = level
		}
		switch {
		case n.tag == "script" || n.tag == "style" || n.tag == "iframe":
			t.Errorf("a <%s> element", n.tag)
		case n.attrs["style"] != "":
			t.Errorf("<%s style=%q>: inline styles are refused by the CSP", n.tag, n.attrs["style"])
		case n.tag == "th" && n.within("thead") && n.attrs["scope"] != "col",
			n.tag == "th" && n.within("tbody") && n.attrs["scope"] != "row":
			t.Errorf("<th> %q without its scope", n.Text())
		case n.tag == "table" && !containsWord(n.parent.attrs["class"], "table-wrap"):
			t.Error("a table outside a .table-wrap box, which would widen the page on a phone")
		}
		for a := range n.attrs {
			if strings.HasPrefix(a, "on") {
				t.Errorf("<%s %s>: an event handler", n.tag, a)
			}
		}
	})
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q used %d times", id, n)
		}
	}
	for _, h := range hrefs {
		if ids[h] == 0 {
			t.Errorf("link or label to #%s, which is not on the page", h)
		}
	}
}

// mustDocsMux serves the reference on the API's own mux, with e's records
// in the store behind it.
func mustDocsMux(t *testing.T, e *env) *http.ServeMux {
	t.Helper()
	d, err := e.api.Docs()
	if err != nil {
		t.Fatal(err)
	}
	d.Register(e.mux)
	return e.mux
}

func serve(h http.Handler, method, path string, hdr map[string]string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, nil)
	for k, v := range hdr {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// The page and its stylesheet are public and cacheable like the JSON
// document; the page has an ETag that answers 304, and HEAD works.
func TestDocsServed(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	mux := mustDocsMux(t, e)
	d := mustDocs(t)

	get := serve(mux, "GET", "/api/docs", nil)
	if get.Code != http.StatusOK || get.Body.String() != string(d.page) {
		t.Fatalf("GET /api/docs = %d, %d bytes", get.Code, get.Body.Len())
	}
	h := get.Header()
	if ct := h.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cc := h.Get("Cache-Control"); cc != "public, max-age=300" {
		t.Errorf("Cache-Control %q, want that of the JSON document", cc)
	}
	etag := h.Get("ETag")
	if !regexp.MustCompile(`^"[0-9a-f]{16}"$`).MatchString(etag) {
		t.Errorf("ETag %q", etag)
	}

	if w := serve(mux, "GET", "/api/docs", map[string]string{"If-None-Match": etag}); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
		t.Errorf("GET with If-None-Match = %d with %d bytes, want 304 and none", w.Code, w.Body.Len())
	}
	if w := serve(mux, "GET", "/api/docs", map[string]string{"If-None-Match": `"other"`}); w.Code != http.StatusOK {
		t.Errorf("GET with another If-None-Match = %d", w.Code)
	}
	head := serve(mux, "HEAD", "/api/docs", nil)
	if head.Code != http.StatusOK || head.Body.Len() != 0 || head.Header().Get("ETag") != etag ||
		head.Header().Get("Content-Length") != fmt.Sprint(len(d.page)) {
		t.Errorf("HEAD /api/docs = %d, %d bytes, ETag %q, Content-Length %q", head.Code, head.Body.Len(),
			head.Header().Get("ETag"), head.Header().Get("Content-Length"))
	}

	// Compressed for a client that accepts gzip, with an ETag of its own.
	gz := serve(mux, "GET", "/api/docs", map[string]string{"Accept-Encoding": "gzip, deflate, br"})
	if gz.Header().Get("Content-Encoding") != "gzip" || gz.Header().Get("ETag") == etag || gz.Header().Get("Vary") != "Accept-Encoding" {
		t.Errorf("GET with Accept-Encoding: gzip: %v", gz.Header())
	}
	zr, err := gzip.NewReader(gz.Body)
	must(t, err)
	unzipped, err := io.ReadAll(zr)
	must(t, err)
	if string(unzipped) != string(d.page) {
		t.Error("the gzipped page is not the page")
	}
	if gz.Body.Len() >= len(d.page)/5 {
		t.Errorf("gzipped %d bytes of %d", gz.Body.Len(), len(d.page))
	}
	if w := serve(mux, "GET", "/api/docs", map[string]string{"Accept-Encoding": "gzip", "If-None-Match": gz.Header().Get("ETag")}); w.Code != http.StatusNotModified {
		t.Errorf("GET gzipped with its If-None-Match = %d", w.Code)
	}

	// The page links to the JSON document it was made from.
	root, err := parseStrictHTML(get.Body.String())
	must(t, err)
	for _, a := range root.all(func(n *htmlNode) bool { return strings.HasSuffix(n.attrs["href"], "openapi.json") }) {
		if w := serve(mux, "GET", a.attrs["href"], nil); w.Code != http.StatusOK {
			t.Errorf("the page links to %s, which answers %d", a.attrs["href"], w.Code)
		}
	}

	for _, method := range []string{"GET", "HEAD"} {
		css := serve(mux, method, d.cssPath, nil)
		if css.Code != http.StatusOK || !strings.HasPrefix(css.Header().Get("Content-Type"), "text/css") ||
			css.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("%s %s = %d %v", method, d.cssPath, css.Code, css.Header())
		}
		if method == "GET" && css.Body.String() != string(d.css) {
			t.Errorf("GET %s: not the stylesheet", d.cssPath)
		}
	}
}

// The page is the same at every start, so that its ETag holds across
// restarts and between servers.
func TestDocsAreStable(t *testing.T) {
	t.Parallel()
	first := mustDocs(t)
	for range 5 {
		again, err := New(Config{}).Docs()
		must(t, err)
		if again.pageETag != first.pageETag || again.cssPath != first.cssPath {
			t.Fatal("two renderings of the page differ")
		}
	}
}

// The page is the same for everyone and shows nothing of any tenant: not
// its records, users or tokens, whoever asks.
func TestDocsHoldNoTenantData(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	mux := mustDocsMux(t, e)
	anonymous := serve(mux, "GET", "/api/docs", nil).Body.String()
	signedIn := serve(mux, "GET", "/api/docs", map[string]string{"Authorization": "Bearer " + e.officerA}).Body.String()
	if anonymous != signedIn {
		t.Error("the page differs with a token")
	}
	secrets := []string{e.officerA, e.viewerA, e.officerB,
		e.tenantA.Name, e.tenantB.Name, "officer@stl.example.org", "viewer@stl.example.org",
		e.program.Title, e.visitor.FamilyName, e.interpreter.Name, e.contact.Name, e.contact.Email,
		e.org.Name, e.meeting.Title, e.request.Message, e.outbox.Subject, e.outbox.To}
	for _, s := range secrets {
		if strings.Contains(anonymous, s) {
			t.Errorf("the page contains %q", s)
		}
	}
	if m := regexp.MustCompile(`Bearer [A-Za-z0-9_-]{20,}`).FindString(anonymous); m != "" {
		t.Errorf("the page contains a token: %q", m)
	}
}

// A document the page cannot describe, or a broken template, stops the
// start: the error comes from building the page, never from a request.
func TestDocsRefuseBrokenDocument(t *testing.T) {
	t.Parallel()
	rts := New(Config{}).routes()
	good, err := document()
	if err != nil {
		t.Fatal(err)
	}
	edit := func(f func(doc map[string]any)) []byte {
		var doc map[string]any
		must(t, json.Unmarshal(good, &doc))
		f(doc)
		b, err := json.Marshal(doc)
		must(t, err)
		return b
	}
	for name, doc := range map[string][]byte{
		"not JSON":      []byte(`{"openapi": `),
		"no title":      edit(func(doc map[string]any) { delete(doc["info"].(map[string]any), "title") }),
		"dangling $ref": []byte(strings.Replace(string(good), `"#/components/schemas/ProgramInput"`, `"#/components/schemas/Nowhere"`, 1)),
		"foreign $ref":  []byte(strings.Replace(string(good), `"#/components/schemas/ProgramInput"`, `"other.json#/ProgramInput"`, 1)),
		"not a route": edit(func(doc map[string]any) {
			doc["paths"].(map[string]any)["/api/v1/nowhere"] = map[string]any{"get": map[string]any{"operationId": "nowhere", "responses": map[string]any{}}}
		}),
		"repeated operationId": edit(func(doc map[string]any) {
			dig(doc, "paths", "/api/v1/programs", "post").(map[string]any)["operationId"] = "listPrograms"
		}),
		"self-containing schema": edit(func(doc map[string]any) {
			dig(doc, "components", "schemas").(map[string]any)["Loop"] = map[string]any{"anyOf": []any{map[string]any{"$ref": "#/components/schemas/Loop"}}}
			dig(doc, "components", "schemas", "ProgramInput", "properties").(map[string]any)["loop"] = map[string]any{"$ref": "#/components/schemas/Loop"}
		}),
	} {
		if _, err := buildDocsPage(doc, rts); err == nil {
			t.Errorf("%s: the page was built", name)
		}
	}

	p, err := buildDocsPage(good, rts)
	if err != nil {
		t.Fatal(err)
	}
	css, err := docsFS.ReadFile("docs/style.css")
	must(t, err)
	broken := fstest.MapFS{
		"docs/page.html": {Data: []byte(`{{define "page"}}{{.NoSuchField}}{{end}}`)},
		"docs/style.css": {Data: css},
	}
	if _, err := renderDocs(p, broken); err == nil {
		t.Error("a template that cannot render was accepted")
	}
	broken["docs/page.html"] = &fstest.MapFile{Data: []byte(`{{define "page"}}{{if}}{{end}}`)}
	if _, err := renderDocs(p, broken); err == nil {
		t.Error("a template that does not parse was accepted")
	}
}

// The document's descriptions are text: markup in them is escaped, and
// only `backticks` become code.
func TestProse(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"plain":                        "plain",
		"send `Authorization: Bearer`": "send <code>Authorization: Bearer</code>",
		"<script>alert(1)</script>":    "&lt;script&gt;alert(1)&lt;/script&gt;",
		"`<b>` & `x`":                  "<code>&lt;b&gt;</code> &amp; <code>x</code>",
		"one ` alone":                  "one ` alone",
	} {
		if got := string(prose(in)); got != want {
			t.Errorf("prose(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzDocsPage builds the page from arbitrary documents: it fails or
// renders, and never panics or loops.
func FuzzDocsPage(f *testing.F) {
	good, err := document()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{"info":{"title":"t"},"paths":{}}`))
	f.Add([]byte(`{"info":{"title":"t"},"components":{"schemas":{"A":{"properties":{"a":{"$ref":"#/components/schemas/A"}}}}}}`))
	f.Add([]byte(`{"info":{"title":"t"},"components":{"schemas":{"A":{"type":["string","null"],"enum":[1,null,"x"]}}}}`))
	f.Add([]byte(`{"info":{"title":"t"},"paths":{"/api/v1/programs":{"get":{"operationId":"a","parameters":[null],"responses":{"200":null}}}}}`))
	f.Add([]byte(`{"info":{"title":"t"},"paths":{"/api/v1/programs":{"get":{"operationId":"a","responses":{"200":{"description":"x",` +
		`"content":{"application/json":{"schema":{"$ref":"#/components/schemas/A"}}}}}}}},` +
		`"components":{"schemas":{"A":{"properties":{"a":null,"b":{"items":null,"anyOf":[null]}},"allOf":[null]}}}}`))
	rts := New(Config{}).routes()
	f.Fuzz(func(t *testing.T, doc []byte) {
		p, err := buildDocsPage(doc, rts)
		if err != nil {
			return
		}
		if _, err := renderDocs(p, docsFS); err != nil {
			t.Fatalf("built but did not render: %v", err)
		}
	})
}
