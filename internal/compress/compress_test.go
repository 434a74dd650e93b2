package compress

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

func TestAcceptsGzip(t *testing.T) {
	t.Parallel()
	for header, want := range map[string]bool{
		"":                    false,
		"gzip":                true,
		"deflate, gzip;q=0.5": true,
		"GZIP":                true,
		"br":                  false,
		"gzip;q=0":            false,
		"gzip; q=0.000":       false,
		"*":                   true,
		"*;q=0":               false,
		"*, gzip;q=0":         false,
		"identity, *;q=0.1":   true,
	} {
		if got := AcceptsGzip(header); got != want {
			t.Errorf("AcceptsGzip(%q) = %v, want %v", header, got, want)
		}
	}
}

// TestWrap: large text is compressed (with Vary, without the handler's
// Content-Length); small answers, binary, already encoded, partial and
// 304 answers, HEAD and clients without gzip are passed through as they
// are.
func TestWrap(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("<p>Gateway Human Trafficking</p>\n", 200)
	handler := func(ct, body string, status int, extra map[string]string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			w.Header().Set("Content-Length", itoa(len(body)))
			for k, v := range extra {
				w.Header().Set(k, v)
			}
			w.WriteHeader(status)
			// In pieces, as templates write.
			for i := 0; i < len(body); i += 100 {
				io.WriteString(w, body[i:min(len(body), i+100)])
			}
		})
	}
	for _, c := range []struct {
		name, method, accept, ct, body string
		status                         int
		extra                          map[string]string
		gzipped                        bool
	}{
		{"big page", "GET", "gzip, deflate", "text/html; charset=utf-8", big, 200, nil, true},
		{"big JSON error", "GET", "gzip", "application/json", big, 422, nil, true},
		{"calendar", "GET", "gzip", "text/calendar; charset=utf-8", big, 200, nil, true},
		{"small page", "GET", "gzip", "text/html", "<p>hi</p>", 200, nil, false},
		{"no gzip asked", "GET", "", "text/html", big, 200, nil, false},
		{"gzip refused", "GET", "gzip;q=0", "text/html", big, 200, nil, false},
		{"HEAD", "HEAD", "gzip", "text/html", big, 200, nil, false},
		{"PDF", "GET", "gzip", "application/pdf", big, 200, nil, false},
		{"already encoded", "GET", "gzip", "text/html", big, 200, map[string]string{"Content-Encoding": "gzip"}, false},
		{"partial", "GET", "gzip", "text/plain", big, 206, map[string]string{"Content-Range": "bytes 0-10/100"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			req := httptest.NewRequest(c.method, "/", nil)
			if c.accept != "" {
				req.Header.Set("Accept-Encoding", c.accept)
			}
			rec := httptest.NewRecorder()
			Wrap(handler(c.ct, c.body, c.status, c.extra), rec, req)
			res := rec.Result()
			if res.StatusCode != c.status {
				t.Fatalf("status %d, want %d", res.StatusCode, c.status)
			}
			got := res.Header.Get("Content-Encoding") == "gzip" && c.extra["Content-Encoding"] == ""
			if got != c.gzipped {
				t.Fatalf("compressed = %v, want %v (headers %v)", got, c.gzipped, res.Header)
			}
			if !c.gzipped {
				if c.method == "GET" && rec.Body.String() != c.body {
					t.Fatalf("body changed: %d bytes, want %d", rec.Body.Len(), len(c.body))
				}
				return
			}
			if res.Header.Get("Content-Length") != "" || !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
				t.Errorf("headers: %v", res.Header)
			}
			zr, err := gzip.NewReader(rec.Body)
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(zr)
			if err != nil || string(b) != c.body {
				t.Fatalf("decompressed %d bytes (%v), want the %d written", len(b), err, len(c.body))
			}
		})
	}
}

// TestWrapNothingWritten: a handler that writes nothing still answers.
func TestWrapNothingWritten(t *testing.T) {
	t.Parallel()
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	rec := httptest.NewRecorder()
	Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }), rec, req)
	if rec.Code != http.StatusNoContent || rec.Header().Get("Content-Encoding") != "" {
		t.Fatalf("%d %v", rec.Code, rec.Header())
	}
	rec = httptest.NewRecorder()
	Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}), rec, req)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Encoding") != "" {
		t.Fatalf("%d %v", rec.Code, rec.Header())
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
