package geo

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"
)

func TestQueryKey(t *testing.T) {
	t.Parallel()
	for _, q := range []string{"1 Brookings Dr, St. Louis", "  1 brookings  DR,\tst. louis ", "1 BROOKINGS DR, ST. LOUIS"} {
		if got, want := QueryKey(q), "geocode:1 brookings dr, st. louis"; got != want {
			t.Errorf("QueryKey(%q) = %q, want %q", q, got, want)
		}
	}
	a, b := PointsKey(stLouis), PointsKey([]Point{stLouis[1], stLouis[0], stLouis[2]})
	if a == b {
		t.Error("the order of the places does not change the key")
	}
	if a != PointsKey(append([]Point(nil), stLouis...)) {
		t.Error("the same places give another key")
	}
}

func TestCachedGeocoder(t *testing.T) {
	t.Parallel()
	srv := mustServe(t, ok(mustRead(t, "nominatim-search.json")), ok(mustRead(t, "nominatim-empty.json")))
	var cache MemoryCache
	g := Cached(mustGeocoder(t, "nominatim", srv.srv.URL, testOptions()), &cache)
	ctx := context.Background()

	first, err := g.Search(ctx, "1 Brookings Dr")
	if err != nil {
		t.Fatal(err)
	}
	again, err := g.Search(ctx, " 1 brookings  dr ")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, again) || len(first) != 3 {
		t.Errorf("cached answer %v differs from %v", again, first)
	}
	// No result is an answer too, kept like the others.
	for range 2 {
		none, err := g.Search(ctx, "Nowhere")
		if err != nil || none == nil || len(none) != 0 {
			t.Errorf("no result: %#v, %v", none, err)
		}
	}
	if n := len(srv.got()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
	if _, err := g.Search(ctx, "   "); !errors.Is(err, ErrEmptyQuery) {
		t.Errorf("empty query: %v", err)
	}
}

func TestCachedGeocoderKeepsNoError(t *testing.T) {
	t.Parallel()
	srv := mustServe(t, status(503, "busy"), ok(mustRead(t, "nominatim-search.json")))
	var cache MemoryCache
	g := Cached(mustGeocoder(t, "nominatim", srv.srv.URL, testOptions()), &cache)
	if _, err := g.Search(context.Background(), "Forest Park"); err == nil {
		t.Fatal("no error for 503")
	}
	if cache.Len() != 0 {
		t.Error("an error was cached")
	}
	if got, err := g.Search(context.Background(), "Forest Park"); err != nil || len(got) != 3 {
		t.Errorf("after the error: %v, %v", got, err)
	}
}

func TestCachedRouter(t *testing.T) {
	t.Parallel()
	srv := mustServe(t, ok(mustRead(t, "osrm-table.json")))
	var cache MemoryCache
	r := CachedRouter(mustRouter(t, "osrm", srv.srv.URL, testOptions()), &cache)
	ctx := context.Background()
	first, err := r.Table(ctx, stLouis)
	if err != nil {
		t.Fatal(err)
	}
	again, err := r.Table(ctx, append([]Point(nil), stLouis...))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, again) || again[0][2] != NoRoute || again[0][1] != 1235*time.Second {
		t.Errorf("cached table %v differs from %v", again, first)
	}
	if n := len(srv.got()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
	// Another order is another table.
	if _, err := r.Table(ctx, []Point{stLouis[2], stLouis[1], stLouis[0]}); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.got()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
	if _, err := r.Table(ctx, make([]Point, MaxPoints+1)); !errors.Is(err, ErrTooManyPoints) {
		t.Errorf("too many places: %v", err)
	}
}

// brokenCache fails every call.
type brokenCache struct{}

var errCacheDown = errors.New("cache down")

func (brokenCache) Get(context.Context, string) ([]byte, bool, error) {
	return nil, false, errCacheDown
}
func (brokenCache) Put(context.Context, string, []byte) error { return errCacheDown }

func TestCacheErrorsAreErrors(t *testing.T) {
	t.Parallel()
	srv := mustServe(t, ok(mustRead(t, "osrm-table.json")))
	r := CachedRouter(mustRouter(t, "osrm", srv.srv.URL, testOptions()), brokenCache{})
	if _, err := r.Table(context.Background(), stLouis); !errors.Is(err, errCacheDown) {
		t.Errorf("router: %v, want the cache's error", err)
	}
	g := Cached(mustGeocoder(t, "photon", srv.srv.URL, testOptions()), brokenCache{})
	if _, err := g.Search(context.Background(), "x"); !errors.Is(err, errCacheDown) {
		t.Errorf("geocoder: %v, want the cache's error", err)
	}
	var corrupt MemoryCache
	corrupt.Put(context.Background(), PointsKey(stLouis), []byte(`[[0]]`))
	if _, err := CachedRouter(mustRouter(t, "osrm", srv.srv.URL, testOptions()), &corrupt).Table(context.Background(), stLouis); err == nil {
		t.Error("a cached table of the wrong size was used")
	}
}
