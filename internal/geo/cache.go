package geo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// Cache keeps answers of a service by key, so that an address or a set of
// places is asked once. Values are JSON documents written by Cached and
// CachedRouter. A cache serves one service: keys do not name it. The
// database-backed Cache (a table keyed by service and key, with the time of
// the answer) comes with the wiring into the application.
type Cache interface {
	// Get returns the value stored under key; ok is false when there is none.
	Get(ctx context.Context, key string) (value []byte, ok bool, err error)
	Put(ctx context.Context, key string, value []byte) error
}

// QueryKey is the cache key of a search: the query in lower case with its
// spaces collapsed, so that "1 Main St" and " 1  main st" are asked once.
func QueryKey(query string) string {
	return "geocode:" + strings.ToLower(strings.Join(strings.Fields(query), " "))
}

// PointsKey is the cache key of a table: a digest of the places in order
// (a table depends on the order) to six decimals, about 10 cm.
func PointsKey(points []Point) string {
	h := sha256.New()
	for _, p := range points {
		fmt.Fprintf(h, "%s,%s;", strconv.FormatFloat(p.Lat, 'f', 6, 64), strconv.FormatFloat(p.Lon, 'f', 6, 64))
	}
	return "table:" + hex.EncodeToString(h.Sum(nil))
}

// Cached returns a geocoder that answers from c what g answered before. A
// search that found nothing is cached too; errors are not. A cache that
// fails is an error of the search.
func Cached(g Geocoder, c Cache) Geocoder {
	return &cachedGeocoder{g: g, c: c}
}

type cachedGeocoder struct {
	g Geocoder
	c Cache
}

func (cg *cachedGeocoder) Search(ctx context.Context, query string) ([]Result, error) {
	if _, err := cleanQuery(query); err != nil {
		return nil, err
	}
	key := QueryKey(query)
	if data, ok, err := cg.c.Get(ctx, key); err != nil {
		return nil, fmt.Errorf("geocoder cache: %w", err)
	} else if ok {
		results := []Result{}
		if err := json.Unmarshal(data, &results); err != nil {
			return nil, fmt.Errorf("geocoder cache: %q: %w", key, err)
		}
		return results, nil
	}
	results, err := cg.g.Search(ctx, query)
	if err != nil {
		return nil, err
	}
	data, err := json.Marshal(results)
	if err != nil {
		return nil, fmt.Errorf("geocoder cache: %w", err)
	}
	if err := cg.c.Put(ctx, key, data); err != nil {
		return nil, fmt.Errorf("geocoder cache: %w", err)
	}
	return results, nil
}

// CachedRouter returns a router that answers from c the tables r answered
// before, for the same places in the same order. Errors are not cached.
func CachedRouter(r Router, c Cache) Router {
	return &cachedRouter{r: r, c: c}
}

type cachedRouter struct {
	r Router
	c Cache
}

func (cr *cachedRouter) Table(ctx context.Context, points []Point) (Matrix, error) {
	if err := checkPoints(points); err != nil {
		return nil, err
	}
	key := PointsKey(points)
	if data, ok, err := cr.c.Get(ctx, key); err != nil {
		return nil, fmt.Errorf("routing cache: %w", err)
	} else if ok {
		var m Matrix
		if err := json.Unmarshal(data, &m); err != nil || len(m) != len(points) {
			return nil, fmt.Errorf("routing cache: %s: not a table of %d places", key, len(points))
		}
		return m, nil
	}
	m, err := cr.r.Table(ctx, points)
	if err != nil {
		return nil, err
	}
	data, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("routing cache: %w", err)
	}
	if err := cr.c.Put(ctx, key, data); err != nil {
		return nil, fmt.Errorf("routing cache: %w", err)
	}
	return m, nil
}

// MemoryCache is a Cache in memory, for tests and short runs: it keeps
// everything until it is dropped. The zero value is ready to use.
type MemoryCache struct {
	mu      sync.Mutex
	entries map[string][]byte
}

func (m *MemoryCache) Get(_ context.Context, key string) ([]byte, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.entries[key]
	return append([]byte(nil), v...), ok, nil
}

func (m *MemoryCache) Put(_ context.Context, key string, value []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.entries == nil {
		m.entries = map[string][]byte{}
	}
	m.entries[key] = append([]byte(nil), value...)
	return nil
}

// Len returns the number of entries.
func (m *MemoryCache) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.entries)
}
