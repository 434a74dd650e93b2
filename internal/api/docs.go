package api

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"itinera/internal/compress"
	"net/http"
	"strings"
	"time"
)

// The API reference at /api/docs: the OpenAPI document as a page people
// read, rendered once at start from the document the API serves, so that
// the two cannot disagree and a broken document or template stops the
// start rather than a request. It is public, like the document: it holds
// no tenant data. The stylesheet is a file of its own because the site's
// Content-Security-Policy allows no inline styles.

//go:embed docs/page.html docs/style.css
var docsFS embed.FS

// Docs serves the API reference page and its stylesheet.
type Docs struct {
	page     []byte
	pageETag string
	// gzipped is the page compressed once at start: it is some 400 kB of
	// repetitive HTML, and a fifteenth of that on a phone's connection.
	gzipped     []byte
	gzippedETag string
	css         []byte
	cssPath     string
}

// Docs renders the reference page from the API's OpenAPI document and its
// route table (which says who may call each operation).
func (a *API) Docs() (*Docs, error) {
	doc, err := document()
	if err != nil {
		return nil, err
	}
	p, err := buildDocsPage(doc, a.routes())
	if err != nil {
		return nil, err
	}
	return renderDocs(p, docsFS)
}

// renderDocs renders p with the template and stylesheet of fsys.
func renderDocs(p *docsPage, fsys fs.FS) (*Docs, error) {
	css, err := fs.ReadFile(fsys, "docs/style.css")
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(css)
	d := &Docs{css: css, cssPath: "/api/docs/style." + hex.EncodeToString(sum[:5]) + ".css"}
	p.Stylesheet = d.cssPath
	t, err := template.New("").Funcs(docsFuncs).ParseFS(fsys, "docs/page.html")
	if err != nil {
		return nil, fmt.Errorf("API reference template: %w", err)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "page", p); err != nil {
		return nil, fmt.Errorf("API reference template: %w", err)
	}
	d.page = buf.Bytes()
	sum = sha256.Sum256(d.page)
	d.pageETag = `"` + hex.EncodeToString(sum[:8]) + `"`
	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(d.page); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	d.gzipped = gz.Bytes()
	d.gzippedETag = `"` + hex.EncodeToString(sum[:8]) + `-gzip"`
	return d, nil
}

var docsFuncs = template.FuncMap{
	"prose": prose,
	"lower": strings.ToLower,
	"title": func(s string) string {
		if s == "" {
			return s
		}
		return strings.ToUpper(s[:1]) + s[1:]
	},
	// breakPath lets a path wrap after its slashes only.
	"breakPath": func(p string) template.HTML {
		return template.HTML(strings.ReplaceAll(template.HTMLEscapeString(p), "/", "/<wbr>"))
	},
	"table": func(label string, rows []fieldRow) fieldTable { return fieldTable{Label: label, Rows: rows} },
}

// fieldTable is a table of fields with its caption.
type fieldTable struct {
	Label string
	Rows  []fieldRow
}

// prose escapes a description of the document and shows its `backticked`
// spans as code, the only markup the document uses.
func prose(s string) template.HTML {
	var b strings.Builder
	parts := strings.Split(s, "`")
	for i, part := range parts {
		switch {
		case i%2 == 1 && i < len(parts)-1:
			b.WriteString("<code>" + template.HTMLEscapeString(part) + "</code>")
		case i%2 == 1: // an unpaired backtick
			b.WriteString("`" + template.HTMLEscapeString(part))
		default:
			b.WriteString(template.HTMLEscapeString(part))
		}
	}
	return template.HTML(b.String())
}

// Register adds the page and its stylesheet to mux. GET also answers HEAD.
func (d *Docs) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/docs", d.servePage)
	mux.HandleFunc("GET "+d.cssPath, d.serveCSS)
}

// servePage answers like the JSON document: cacheable for five minutes,
// with an ETag so that a client's copy is revalidated cheaply.
func (d *Docs) servePage(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("Vary", "Accept-Encoding")
	body, etag := d.page, d.pageETag
	if compress.AcceptsGzip(r.Header.Get("Accept-Encoding")) {
		body, etag = d.gzipped, d.gzippedETag
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// serveCSS serves the stylesheet under its content-hash name, so it is
// cached for a year and still changes with every release.
func (d *Docs) serveCSS(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/css; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(d.css))
}
