package geo

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestNewRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, kind, url string
		opts            Options
		want            string
	}{
		{"unknown geocoder", "google", "https://maps.example.org", testOptions(), "unknown kind"},
		{"router as geocoder", "osrm", "https://osrm.example.org", testOptions(), "unknown kind"},
		{"file URL", "nominatim", "file:///etc/passwd", testOptions(), "http:// or https://"},
		{"ftp URL", "photon", "ftp://photon.example.org", testOptions(), "http:// or https://"},
		{"javascript", "nominatim", "javascript:alert(1)", testOptions(), "http:// or https://"},
		{"no scheme", "nominatim", "localhost:8080", testOptions(), "http:// or https://"},
		{"no host", "nominatim", "http://", testOptions(), "no host"},
		{"query", "nominatim", "https://nominatim.example.org/?key=1", testOptions(), "query"},
		{"not a URL", "photon", "http://[::1", testOptions(), "not a URL"},
		{"no User-Agent", "nominatim", "https://nominatim.example.org", Options{}, "User-Agent"},
	}
	for _, tt := range tests {
		_, err := NewGeocoder(tt.kind, tt.url, tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one saying %q", tt.name, err, tt.want)
		}
	}
	if _, err := NewRouter("graphhopper", "http://localhost:8989", testOptions()); !errors.Is(err, ErrUnknownKind) {
		t.Errorf("unknown router: error %v", err)
	}
	if _, err := NewRouter("valhalla", "ftp://localhost:8002", testOptions()); err == nil {
		t.Error("ftp router accepted")
	}
}

func TestLimiterReservations(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	l := newLimiter(time.Second, clock)
	var got []time.Duration
	for range 3 {
		got = append(got, l.reserve())
	}
	if want := []time.Duration{0, time.Second, 2 * time.Second}; !reflect.DeepEqual(got, want) {
		t.Errorf("three at once wait %v, want %v", got, want)
	}
	clock.advance(2500 * time.Millisecond) // the third slot is 0.5 s away
	if d := l.reserve(); d != 500*time.Millisecond {
		t.Errorf("waits %v, want 0.5s", d)
	}
	clock.advance(time.Hour)
	if d := l.reserve(); d != 0 {
		t.Errorf("after an idle hour waits %v, want 0", d)
	}
	off := newLimiter(-1, clock)
	for range 3 {
		if d := off.reserve(); d != 0 {
			t.Errorf("without a limit waits %v", d)
		}
	}
}

func TestLimiterWaitRespectsContext(t *testing.T) {
	t.Parallel()
	l := newLimiter(time.Hour, realClock{})
	if err := l.wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := l.wait(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("waiting an hour under a 20 ms deadline: %v", err)
	}
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	if err := l.wait(canceled); !errors.Is(err, context.Canceled) {
		t.Errorf("waiting with a canceled context: %v", err)
	}
}

// The geocoders wait a second between requests by default; the routers do
// not; an Interval set is kept.
func TestRateLimitOfEachClient(t *testing.T) {
	t.Parallel()
	tests := []struct {
		kind     string
		interval time.Duration
		want     []time.Duration
	}{
		{"nominatim", 0, []time.Duration{time.Second, time.Second}},
		{"photon", 0, []time.Duration{time.Second, time.Second}},
		{"nominatim", 3 * time.Second, []time.Duration{3 * time.Second, 3 * time.Second}},
		{"nominatim", -1, nil},
		{"osrm", 0, nil},
		{"valhalla", 0, nil},
		{"osrm", 2 * time.Second, []time.Duration{2 * time.Second, 2 * time.Second}},
	}
	for _, tt := range tests {
		clock := newFakeClock()
		opts := Options{UserAgent: testUserAgent, Interval: tt.interval, Clock: clock}
		var srv *recorder
		var do func() error
		switch tt.kind {
		case "nominatim", "photon":
			body := "nominatim-empty.json"
			if tt.kind == "photon" {
				body = "photon-empty.json"
			}
			srv = mustServe(t, ok(mustRead(t, body)))
			g := mustGeocoder(t, tt.kind, srv.srv.URL, opts)
			do = func() error { _, err := g.Search(context.Background(), "Forest Park"); return err }
		default:
			body := "osrm-table.json"
			if tt.kind == "valhalla" {
				body = "valhalla-matrix.json"
			}
			srv = mustServe(t, ok(mustRead(t, body)))
			r := mustRouter(t, tt.kind, srv.srv.URL, opts)
			do = func() error { _, err := r.Table(context.Background(), stLouis); return err }
		}
		for range 3 {
			if err := do(); err != nil {
				t.Fatalf("%s: %v", tt.kind, err)
			}
		}
		if got := clock.waits(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s with interval %v waited %v, want %v", tt.kind, tt.interval, got, tt.want)
		}
		if n := len(srv.got()); n != 3 {
			t.Errorf("%s: %d requests, want 3", tt.kind, n)
		}
	}
}
