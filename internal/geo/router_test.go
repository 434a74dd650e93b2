package geo

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

// stLouis are three places: downtown, the university, and one the test
// servers say cannot be reached.
var stLouis = []Point{{38.627, -90.1994}, {38.648, -90.305}, {39, -91}}

func TestOSRMTable(t *testing.T) {
	t.Parallel()
	srv := mustServe(t, ok(mustRead(t, "osrm-table.json")))
	m, err := mustRouter(t, "osrm", srv.srv.URL+"/osrm", testOptions()).Table(context.Background(), stLouis)
	if err != nil {
		t.Fatal(err)
	}
	want := Matrix{
		{0, 1235 * time.Second, NoRoute},
		{1201 * time.Second, 0, NoRoute},
		{NoRoute, NoRoute, 0},
	}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("matrix %v, want %v", m, want)
	}
	r := srv.got()[0]
	wantPath := "/osrm/table/v1/driving/-90.199400,38.627000;-90.305000,38.648000;-91.000000,39.000000"
	if r.Method != http.MethodGet || r.Path != wantPath {
		t.Errorf("request %s %s, want GET %s", r.Method, r.Path, wantPath)
	}
	if r.Query.Get("annotations") != "duration" || len(r.Query) != 1 {
		t.Errorf("query %v, want annotations=duration", r.Query)
	}
	if r.UserAgent != testUserAgent {
		t.Errorf("User-Agent %q", r.UserAgent)
	}
}

func TestValhallaTable(t *testing.T) {
	t.Parallel()
	srv := mustServe(t, ok(mustRead(t, "valhalla-matrix.json")))
	m, err := mustRouter(t, "valhalla", srv.srv.URL, testOptions()).Table(context.Background(), stLouis)
	if err != nil {
		t.Fatal(err)
	}
	want := Matrix{
		{0, 1180 * time.Second, NoRoute},
		{1195 * time.Second, 0, NoRoute},
		{NoRoute, NoRoute, 0},
	}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("matrix %v, want %v", m, want)
	}
	r := srv.got()[0]
	if r.Method != http.MethodPost || r.Path != "/sources_to_targets" {
		t.Errorf("request %s %s, want POST /sources_to_targets", r.Method, r.Path)
	}
	if r.ContentType != "application/json" || r.UserAgent != testUserAgent {
		t.Errorf("Content-Type %q, User-Agent %q", r.ContentType, r.UserAgent)
	}
	var body map[string]any
	if err := json.Unmarshal(r.Body, &body); err != nil {
		t.Fatalf("body %s: %v", r.Body, err)
	}
	locs := []any{
		map[string]any{"lat": 38.627, "lon": -90.1994},
		map[string]any{"lat": 38.648, "lon": -90.305},
		map[string]any{"lat": 39.0, "lon": -91.0},
	}
	wantBody := map[string]any{"sources": locs, "targets": locs, "costing": "auto"}
	if !reflect.DeepEqual(body, wantBody) {
		t.Errorf("body %s,\nwant %v", r.Body, wantBody)
	}
}

func TestTableErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, kind string
		answer     answerSpec
		status     int    // a *ServiceError with this status and
		code       string // this code, or
		bad        bool   // ErrBadResponse
	}{
		{"osrm NoSegment", "osrm", status(400, string(mustRead(t, "osrm-nosegment.json"))), 400, "NoSegment", false},
		{"osrm code not Ok", "osrm", ok([]byte(`{"code":"NoTable","message":"No table found"}`)), 200, "NoTable", false},
		{"osrm 429", "osrm", status(429, secret), 429, "", false},
		{"osrm 500", "osrm", status(500, `<html>`+secret+`</html>`), 500, "", false},
		{"osrm malformed JSON", "osrm", ok([]byte(`{"code":"Ok","durations":[[0,` + secret)), 0, "", true},
		{"osrm no code", "osrm", ok([]byte(`{"durations":[[0,1,2],[1,0,2],[1,2,0]]}`)), 0, "", true},
		{"osrm too few rows", "osrm", ok([]byte(`{"code":"Ok","durations":[[0,1,2],[1,0,2]]}`)), 0, "", true},
		{"osrm short row", "osrm", ok([]byte(`{"code":"Ok","durations":[[0,1,2],[1,0],[1,2,0]]}`)), 0, "", true},
		{"osrm negative time", "osrm", ok([]byte(`{"code":"Ok","durations":[[0,-1,2],[1,0,2],[1,2,0]]}`)), 0, "", true},
		{"osrm time of years", "osrm", ok([]byte(`{"code":"Ok","durations":[[0,1e12,2],[1,0,2],[1,2,0]]}`)), 0, "", true},
		{"valhalla 400 documented error", "valhalla", status(400, string(mustRead(t, "valhalla-error.json"))), 400, "171", false},
		{"valhalla 500", "valhalla", status(500, secret), 500, "", false},
		{"valhalla malformed JSON", "valhalla", ok([]byte(`{"sources_to_targets":[[` + secret)), 0, "", true},
		{"valhalla no matrix", "valhalla", ok([]byte(`{"units":"kilometers"}`)), 0, "", true},
		{"valhalla out of order", "valhalla", ok([]byte(`{"sources_to_targets":[` +
			`[{"from_index":0,"to_index":1,"time":1},{"from_index":0,"to_index":0,"time":0},{"time":2}],` +
			`[{"time":1},{"time":0},{"time":2}],[{"time":1},{"time":2},{"time":0}]]}`)), 0, "", true},
		{"valhalla negative time", "valhalla", ok([]byte(`{"sources_to_targets":[` +
			`[{"time":0},{"time":-5},{"time":2}],[{"time":1},{"time":0},{"time":2}],[{"time":1},{"time":2},{"time":0}]]}`)), 0, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := mustServe(t, tt.answer)
			_, err := mustRouter(t, tt.kind, srv.srv.URL, testOptions()).Table(context.Background(), stLouis)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.kind+": ") {
				t.Errorf("error %q does not name %s", msg, tt.kind)
			}
			if strings.Contains(msg, "SECRET") {
				t.Errorf("error %q repeats the body", msg)
			}
			var se *ServiceError
			switch {
			case tt.status != 0:
				if !errors.As(err, &se) || se.Status != tt.status || se.Code != tt.code {
					t.Errorf("error %q (%#v), want a *ServiceError with status %d and code %q", msg, err, tt.status, tt.code)
				}
				if tt.code != "" && !strings.Contains(msg, tt.code) {
					t.Errorf("error %q does not say the code", msg)
				}
			case tt.bad:
				if !errors.Is(err, ErrBadResponse) {
					t.Errorf("error %q, want ErrBadResponse", msg)
				}
			}
		})
	}
}

func TestTableErrorMessages(t *testing.T) {
	t.Parallel()
	srv := mustServe(t, status(400, string(mustRead(t, "osrm-nosegment.json"))))
	_, err := mustRouter(t, "osrm", srv.srv.URL, testOptions()).Table(context.Background(), stLouis)
	want := "osrm: HTTP 400 Bad Request: NoSegment: Could not find a matching segment for any coordinate."
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
	srv = mustServe(t, status(400, string(mustRead(t, "valhalla-error.json"))))
	_, err = mustRouter(t, "valhalla", srv.srv.URL, testOptions()).Table(context.Background(), stLouis)
	want = "valhalla: HTTP 400 Bad Request: 171: No suitable edges near location"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
	long := `{"code":"NoRoute","message":"` + strings.Repeat("é", 300) + "\n" + `"}`
	srv = mustServe(t, ok([]byte(long)))
	_, err = mustRouter(t, "osrm", srv.srv.URL, testOptions()).Table(context.Background(), stLouis)
	if err == nil || len(err.Error()) > 260 || strings.Contains(err.Error(), "\n") {
		t.Errorf("error %q is not shortened to one line", err)
	}
}

func TestTableRefusesBadPoints(t *testing.T) {
	t.Parallel()
	for _, kind := range []string{"osrm", "valhalla"} {
		srv := mustServe(t)
		r := mustRouter(t, kind, srv.srv.URL, testOptions())
		_, err := r.Table(context.Background(), make([]Point, MaxPoints+1))
		if !errors.Is(err, ErrTooManyPoints) || !strings.Contains(err.Error(), "at most 100 places, not 101") {
			t.Errorf("%s: error %v, want ErrTooManyPoints", kind, err)
		}
		for _, p := range []Point{{91, 0}, {0, -181}, {nan(), 0}} {
			if _, err := r.Table(context.Background(), []Point{{0, 0}, p}); !errors.Is(err, ErrInvalidPoint) {
				t.Errorf("%s: point %v: error %v, want ErrInvalidPoint", kind, p, err)
			}
		}
		// None or one place needs no service.
		if m, err := r.Table(context.Background(), nil); err != nil || len(m) != 0 {
			t.Errorf("%s: no place: %v, %v", kind, m, err)
		}
		if m, err := r.Table(context.Background(), stLouis[:1]); err != nil || !reflect.DeepEqual(m, Matrix{{0}}) {
			t.Errorf("%s: one place: %v, %v", kind, m, err)
		}
		if n := len(srv.got()); n != 0 {
			t.Errorf("%s: %d requests sent", kind, n)
		}
	}
}

func TestTableSlowServer(t *testing.T) {
	t.Parallel()
	srv := httptestServer(t, hang)
	opts := testOptions()
	opts.Timeout = 50 * time.Millisecond
	for _, kind := range []string{"osrm", "valhalla"} {
		_, err := mustRouter(t, kind, srv.URL, opts).Table(context.Background(), stLouis)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: error %v, want a deadline", kind, err)
		}
	}
}
