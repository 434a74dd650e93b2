// Package compress compresses HTTP answers with gzip: the middleware's
// writer for answers made per request, and the test of a request's
// Accept-Encoding shared with the answers compressed ahead of time (the
// assets, the API documentation).
package compress

import (
	"compress/gzip"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// gzipMin is the smallest answer worth compressing: below about one
// packet the header and the CPU cost more than the bytes saved.
const gzipMin = 1400

// compressible are the content types compressed: text of every kind.
var compressible = []string{"text/", "application/json", "application/javascript", "image/svg+xml", "application/xml"}

var Writers = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

// Writer compresses an answer with gzip when the client accepts it,
// the answer is text, larger than gzipMin, and not already encoded (the
// API's documentation compresses itself) or partial. It holds the first
// gzipMin bytes until it knows.
type Writer struct {
	http.ResponseWriter
	status  int  // held until the decision
	decided bool // compress or pass through from now on
	zw      *gzip.Writer
	buf     []byte
}

// AcceptsGzip reports whether an Accept-Encoding header admits gzip: named
// with a q above 0, or not named and "*" admitted.
func AcceptsGzip(header string) bool {
	gz, star := -1.0, -1.0 // not named
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				q = f
			}
		}
		switch strings.ToLower(strings.TrimSpace(coding)) {
		case "gzip", "x-gzip":
			gz = q
		case "*":
			star = q
		}
	}
	if gz >= 0 {
		return gz > 0
	}
	return star > 0
}

// Wrap serves r with h, compressing the answer when the client accepts gzip
// and the answer is worth it (Writer).
func Wrap(h http.Handler, w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodHead || !AcceptsGzip(r.Header.Get("Accept-Encoding")) {
		h.ServeHTTP(w, r)
		return
	}
	gz := NewWriter(w)
	h.ServeHTTP(gz, r)
	gz.Finish()
}

// NewWriter returns a Writer over w; call Finish after the handler.
func NewWriter(w http.ResponseWriter) *Writer {
	return &Writer{ResponseWriter: w}
}

func (g *Writer) WriteHeader(code int) {
	if g.decided || g.status != 0 {
		if g.decided && g.zw == nil {
			g.ResponseWriter.WriteHeader(code)
		}
		return
	}
	if code < 200 || code == http.StatusNoContent || code == http.StatusNotModified || code == http.StatusPartialContent {
		g.decided = true
		g.ResponseWriter.WriteHeader(code)
		return
	}
	g.status = code
}

func (g *Writer) Write(b []byte) (int, error) {
	if g.status == 0 && !g.decided {
		g.status = http.StatusOK
	}
	if g.decided {
		if g.zw != nil {
			return g.zw.Write(b)
		}
		return g.ResponseWriter.Write(b)
	}
	g.buf = append(g.buf, b...)
	if len(g.buf) >= gzipMin {
		if err := g.decide(); err != nil {
			return 0, err
		}
	}
	return len(b), nil
}

// decide compresses or not, once the first gzipMin bytes (or the whole
// answer) are known, and writes what was held.
func (g *Writer) decide() error {
	g.decided = true
	h := g.Header()
	if IsCompressible(h.Get("Content-Type")) && h.Get("Content-Encoding") == "" {
		h.Add("Vary", "Accept-Encoding")
	}
	if len(g.buf) >= gzipMin && h.Get("Content-Encoding") == "" && h.Get("Content-Range") == "" && IsCompressible(h.Get("Content-Type")) {
		h.Del("Content-Length")
		h.Set("Content-Encoding", "gzip")
		g.zw = Writers.Get().(*gzip.Writer)
		g.zw.Reset(g.ResponseWriter)
	}
	g.ResponseWriter.WriteHeader(g.status)
	buf := g.buf
	g.buf = nil
	if len(buf) == 0 {
		return nil
	}
	var err error
	if g.zw != nil {
		_, err = g.zw.Write(buf)
	} else {
		_, err = g.ResponseWriter.Write(buf)
	}
	return err
}

// Finish ends the answer: what is held is written, the stream closed.
func (g *Writer) Finish() {
	if !g.decided {
		if g.status == 0 {
			return // the handler wrote nothing: net/http answers 200
		}
		_ = g.decide()
	}
	if g.zw != nil {
		_ = g.zw.Close()
		g.zw.Reset(nil)
		Writers.Put(g.zw)
		g.zw = nil
	}
}

// Flush sends what is held so far (a streamed answer).
func (g *Writer) Flush() {
	if !g.decided && g.status != 0 {
		_ = g.decide()
	}
	if g.zw != nil {
		_ = g.zw.Flush()
	}
	http.NewResponseController(g.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the real writer.
func (g *Writer) Unwrap() http.ResponseWriter { return g.ResponseWriter }

// IsCompressible reports whether answers of a content type are compressed.
func IsCompressible(ct string) bool {
	for _, p := range compressible {
		if strings.HasPrefix(ct, p) {
			return true
		}
	}
	return false
}
