package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http/httptest"
	"testing"
)

// TestAssetsCompressed: text assets are compressed once at start and sent
// so to clients that accept gzip, with Vary; others get the bytes as they
// are. Both keep the year-long immutable caching.
func TestAssetsCompressed(t *testing.T) {
	t.Parallel()
	a, err := loadAssets()
	must(t, err)
	p, err := a.path("app.css")
	must(t, err)
	name := p[len("/assets/"):]
	for _, accept := range []string{"", "gzip, deflate, br"} {
		req := httptest.NewRequest("GET", p, nil)
		req.Header.Set("Accept-Encoding", accept)
		rec := httptest.NewRecorder()
		a.ServeHTTP(rec, req)
		h := rec.Header()
		if h.Get("Cache-Control") != "public, max-age=31536000, immutable" || h.Get("Vary") != "Accept-Encoding" {
			t.Errorf("Accept-Encoding %q: headers %v", accept, h)
		}
		body := rec.Body.Bytes()
		if accept != "" {
			if h.Get("Content-Encoding") != "gzip" {
				t.Fatalf("not compressed for %q: %v", accept, h)
			}
			zr, err := gzip.NewReader(bytes.NewReader(body))
			must(t, err)
			if body, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		} else if h.Get("Content-Encoding") != "" {
			t.Fatalf("compressed for a client that did not ask: %v", h)
		}
		if !bytes.Equal(body, a.files[name]) {
			t.Errorf("Accept-Encoding %q: the stylesheet's bytes differ", accept)
		}
	}
}
