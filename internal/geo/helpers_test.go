package geo

import (
	"context"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

const testUserAgent = "Itinera/test (+https://itinera.example.org)"

// testOptions identify the tests and turn the rate limit off.
func testOptions() Options {
	return Options{UserAgent: testUserAgent, Interval: -1}
}

// request is what a test server received.
type request struct {
	Method      string
	Path        string
	Query       url.Values
	UserAgent   string
	Accept      string
	ContentType string
	Body        []byte
}

// recorder is a loopback server that records each request and answers it
// with the next of its answers (the last one repeats).
type recorder struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	requests []request
	answers  []answerSpec
}

type answerSpec struct {
	status int
	body   []byte
}

// mustServe starts a recorder answering status and body.
func mustServe(t *testing.T, answers ...answerSpec) *recorder {
	t.Helper()
	r := &recorder{t: t, answers: answers}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.srv.Close)
	return r
}

func (rec *recorder) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec.mu.Lock()
	rec.requests = append(rec.requests, request{
		Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(),
		UserAgent: r.UserAgent(), Accept: r.Header.Get("Accept"),
		ContentType: r.Header.Get("Content-Type"), Body: body,
	})
	a := answerSpec{status: http.StatusOK, body: []byte("[]")}
	if n := len(rec.requests); len(rec.answers) > 0 {
		a = rec.answers[min(n, len(rec.answers))-1]
	}
	rec.mu.Unlock()
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(a.status)
	w.Write(a.body)
}

// got returns the requests received so far.
func (rec *recorder) got() []request {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]request(nil), rec.requests...)
}

// ok is a 200 answer with body.
func ok(body []byte) answerSpec { return answerSpec{status: http.StatusOK, body: body} }

// status is an answer with the given status and body.
func status(code int, body string) answerSpec { return answerSpec{status: code, body: []byte(body)} }

// mustRead returns a file of testdata.
func mustRead(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func mustGeocoder(t *testing.T, kind, base string, opts Options) Geocoder {
	t.Helper()
	g, err := NewGeocoder(kind, base, opts)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func mustRouter(t *testing.T, kind, base string, opts Options) Router {
	t.Helper()
	r, err := NewRouter(kind, base, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// fakeClock is a Clock that only moves when it sleeps or is advanced, and
// records every wait it is asked for.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 6, 7, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	return nil
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func (c *fakeClock) waits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// httptestServer starts a loopback server with handler h.
func httptestServer(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func nan() float64 { return math.NaN() }

// hang answers only when the client gives up (or after a minute, so that a
// broken test ends). The body is read first: the server notices a client
// that went away only once the request is read.
func hang(w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, r.Body)
	select {
	case <-r.Context().Done():
	case <-time.After(time.Minute):
	}
}
