package geo

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestNominatimSearch(t *testing.T) {
	t.Parallel()
	srv := mustServe(t, ok(mustRead(t, "nominatim-search.json")))
	opts := testOptions()
	opts.Email = "officer@itinera.example.org"
	g := mustGeocoder(t, "nominatim", srv.srv.URL+"/nominatim/", opts)

	got, err := g.Search(context.Background(), "  1 Brookings   Drive, St. Louis ")
	if err != nil {
		t.Fatal(err)
	}
	want := []Result{
		{Lat: 38.6480546, Lon: -90.3050064, Kind: "amenity=university",
			Label: "Washington University in St. Louis, 1 Brookings Drive, University City, Saint Louis County, Missouri, 63130, United States"},
		{Lat: 51.5073219, Lon: -0.1276474, Kind: "place=city",
			Label: "London, Greater London, England, SW1A 2DU, United Kingdom"},
		{Lat: -33.8567844, Lon: 151.2152967, Kind: "tourism=attraction", Label: "-33.85678, 151.21530"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("results:\n got %+v\nwant %+v", got, want)
	}

	reqs := srv.got()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Method != http.MethodGet || r.Path != "/nominatim/search" {
		t.Errorf("request %s %s, want GET /nominatim/search", r.Method, r.Path)
	}
	wantQuery := map[string]string{
		"q": "1 Brookings Drive, St. Louis", "format": "jsonv2", "limit": "5",
		"addressdetails": "0", "email": "officer@itinera.example.org",
	}
	for k, v := range wantQuery {
		if got := r.Query.Get(k); got != v {
			t.Errorf("query %s = %q, want %q", k, got, v)
		}
	}
	if len(r.Query) != len(wantQuery) {
		t.Errorf("query %v has other parameters than %v", r.Query, wantQuery)
	}
	if r.UserAgent != testUserAgent || r.Accept != "application/json" {
		t.Errorf("User-Agent %q, Accept %q", r.UserAgent, r.Accept)
	}
}

func TestPhotonSearch(t *testing.T) {
	t.Parallel()
	srv := mustServe(t, ok(mustRead(t, "photon-search.json")))
	opts := testOptions()
	opts.Email = "officer@itinera.example.org" // Nominatim's alone: not sent
	g := mustGeocoder(t, "photon", srv.srv.URL, opts)

	got, err := g.Search(context.Background(), "berlin")
	if err != nil {
		t.Fatal(err)
	}
	want := []Result{
		{Lat: 52.5170365, Lon: 13.3888599, Kind: "place=city", Label: "Berlin, Germany"},
		{Lat: 52.51467945, Lon: 13.239514674078611, Kind: "leisure=stadium",
			Label: "Berlin Olympic Stadium, 3 Olympischer Platz, 14053, Berlin, Germany"},
		{Lat: 38.6480546, Lon: -90.3050064, Kind: "building=university",
			Label: "1 Brookings Drive, St. Louis 63130, Missouri, United States"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("results:\n got %+v\nwant %+v", got, want)
	}
	r := srv.got()[0]
	if r.Method != http.MethodGet || r.Path != "/api" {
		t.Errorf("request %s %s, want GET /api", r.Method, r.Path)
	}
	if r.Query.Get("q") != "berlin" || r.Query.Get("limit") != "5" || len(r.Query) != 2 {
		t.Errorf("query %v, want q=berlin&limit=5", r.Query)
	}
	if r.UserAgent != testUserAgent {
		t.Errorf("User-Agent %q", r.UserAgent)
	}
}

func TestSearchNoResult(t *testing.T) {
	t.Parallel()
	for kind, file := range map[string]string{"nominatim": "nominatim-empty.json", "photon": "photon-empty.json"} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			srv := mustServe(t, ok(mustRead(t, file)))
			got, err := mustGeocoder(t, kind, srv.srv.URL, testOptions()).Search(context.Background(), "Nowhere at all")
			if err != nil {
				t.Fatal(err)
			}
			if got == nil || len(got) != 0 {
				t.Errorf("got %#v, want an empty slice", got)
			}
		})
	}
}

func TestSearchKeepsAtMostMaxResults(t *testing.T) {
	t.Parallel()
	many := "[" + strings.Repeat(`{"lat":"1","lon":"2","display_name":"X"},`, 9) + `{"lat":"1","lon":"2","display_name":"X"}]`
	srv := mustServe(t, ok([]byte(many)))
	got, err := mustGeocoder(t, "nominatim", srv.srv.URL, testOptions()).Search(context.Background(), "x")
	if err != nil || len(got) != MaxResults {
		t.Fatalf("got %d results, %v; want %d", len(got), err, MaxResults)
	}
}

// secret stands for an error page's text, which no error may repeat.
const secret = "stack trace with SECRET-DETAIL"

func TestSearchErrors(t *testing.T) {
	t.Parallel()
	huge := `[{"lat":"1","lon":"2","display_name":"` + strings.Repeat("x", maxBody) + `"}]`
	tests := []struct {
		name, kind string
		answer     answerSpec
		status     int  // a *ServiceError with this status, or
		bad        bool // ErrBadResponse
	}{
		{"nominatim 429", "nominatim", status(429, secret), 429, false},
		{"nominatim 500", "nominatim", status(500, `{"error":"`+secret+`"}`), 500, false},
		{"nominatim 400 documented error", "nominatim", status(400, `{"error":{"code":400,"message":"`+secret+`"}}`), 400, false},
		{"photon 429", "photon", status(429, secret), 429, false},
		{"photon 500", "photon", status(500, secret), 500, false},
		{"nominatim malformed JSON", "nominatim", ok([]byte(`[{"lat":"1",` + secret)), 0, true},
		{"nominatim object, not array", "nominatim", ok([]byte(`{"error":"` + secret + `"}`)), 0, true},
		{"nominatim null", "nominatim", ok([]byte(`null`)), 0, true},
		{"nominatim lat not a number", "nominatim", ok([]byte(`[{"lat":"north","lon":"2"}]`)), 0, true},
		{"nominatim lat off the globe", "nominatim", ok([]byte(`[{"lat":"91","lon":"2"}]`)), 0, true},
		{"nominatim larger than 1 MB", "nominatim", ok([]byte(huge)), 0, true},
		{"photon malformed JSON", "photon", ok([]byte(`{"features":[` + secret)), 0, true},
		{"photon no features", "photon", ok([]byte(`{"type":"FeatureCollection"}`)), 0, true},
		{"photon not a point", "photon", ok([]byte(`{"features":[{"geometry":{"type":"Point","coordinates":[1]}}]}`)), 0, true},
		{"photon off the globe", "photon", ok([]byte(`{"features":[{"geometry":{"type":"Point","coordinates":[200,10]}}]}`)), 0, true},
		{"photon HTML", "photon", ok([]byte(`<html>` + secret + `</html>`)), 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := mustServe(t, tt.answer)
			_, err := mustGeocoder(t, tt.kind, srv.srv.URL, testOptions()).Search(context.Background(), "1 Main Street")
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.kind+": ") {
				t.Errorf("error %q does not name %s", msg, tt.kind)
			}
			if strings.Contains(msg, "SECRET") || strings.Contains(msg, "xxxx") {
				t.Errorf("error %q repeats the body", msg)
			}
			var se *ServiceError
			switch {
			case tt.status != 0:
				if !errors.As(err, &se) || se.Status != tt.status {
					t.Errorf("error %q (%T), want a *ServiceError with status %d", msg, err, tt.status)
				}
				if !strings.Contains(msg, http.StatusText(tt.status)) {
					t.Errorf("error %q does not say the status", msg)
				}
			case tt.bad:
				if !errors.Is(err, ErrBadResponse) {
					t.Errorf("error %q, want ErrBadResponse", msg)
				}
			}
		})
	}
}

func TestSearchSlowServer(t *testing.T) {
	t.Parallel()
	// The server answers only when the client gives up.
	srv := httptestServer(t, hang)
	opts := testOptions()
	opts.Timeout = 50 * time.Millisecond
	for _, kind := range []string{"nominatim", "photon"} {
		_, err := mustGeocoder(t, kind, srv.URL, opts).Search(context.Background(), "7 Secret Lane")
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: error %v, want a deadline", kind, err)
		}
		if err != nil && (strings.Contains(err.Error(), "Secret") || strings.Contains(err.Error(), "127.0.0.1")) {
			t.Errorf("%s: error %q repeats the address or the URL", kind, err)
		}
	}

	// The caller's context ends first.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	_, err := mustGeocoder(t, "nominatim", srv.URL, testOptions()).Search(ctx, "7 Secret Lane")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v, want the caller's deadline", err)
	}
}

func TestSearchRefusesBadQueries(t *testing.T) {
	t.Parallel()
	srv := mustServe(t)
	g := mustGeocoder(t, "nominatim", srv.srv.URL, testOptions())
	for query, want := range map[string]error{
		"":                                    ErrEmptyQuery,
		" \t\n ":                              ErrEmptyQuery,
		strings.Repeat("a", MaxQueryLen+1):    ErrQueryTooLong,
		strings.Repeat("a b ", MaxQueryLen/3): ErrQueryTooLong,
	} {
		if _, err := g.Search(context.Background(), query); !errors.Is(err, want) {
			t.Errorf("query of %d bytes: error %v, want %v", len(query), err, want)
		}
	}
	if n := len(srv.got()); n != 0 {
		t.Errorf("%d requests sent for refused queries", n)
	}
}
