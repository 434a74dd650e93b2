// Package geotest runs a geocoder on loopback for the tests of the
// packages that use one: a Nominatim server answering /search in its
// documented jsonv2 format (https://nominatim.org/release-docs/latest/api/Output/)
// from a table of places, with no result and an error as well.
package geotest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Place is one result the server gives.
type Place struct {
	Label    string // display_name
	Lat, Lon float64
	// Category and Type are the place's main OpenStreetMap tag, such as
	// "amenity" and "marketplace"; empty: "place" and "house".
	Category, Type string
}

// Words that make the server misbehave: a query containing Broken is
// answered with HTTP 500; one containing Slow is answered (with no place)
// after a second, longer than a test's client waits.
const (
	Broken = "Broken"
	Slow   = "Slow"
)

// Nominatim is a Nominatim server on loopback.
type Nominatim struct {
	// URL is the server's base address, for geo.NewGeocoder("nominatim", URL, …).
	URL   string
	asked atomic.Int32
}

// NewNominatim starts a Nominatim server for the test's lifetime. A query
// that contains a key of places (ignoring case) is answered with that
// key's places, in order (the longest key wins when several match); one
// containing Broken with HTTP 500; any other with no place, late for Slow. A request that
// is not a /search in format jsonv2 from Itinera (its User-Agent) gets 400.
func NewNominatim(t testing.TB, places map[string][]Place) *Nominatim {
	t.Helper()
	keys := make([]string, 0, len(places))
	for k := range places {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if len(keys[i]) != len(keys[j]) {
			return len(keys[i]) > len(keys[j])
		}
		return keys[i] < keys[j]
	})
	n := &Nominatim{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.asked.Add(1)
		q := strings.ToLower(r.URL.Query().Get("q"))
		if r.URL.Path != "/search" || r.URL.Query().Get("format") != "jsonv2" || !strings.HasPrefix(r.UserAgent(), "Itinera") {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		if strings.Contains(q, strings.ToLower(Slow)) {
			select {
			case <-time.After(time.Second):
			case <-r.Context().Done():
				return
			}
		}
		if strings.Contains(q, strings.ToLower(Broken)) {
			http.Error(w, "overloaded", http.StatusInternalServerError)
			return
		}
		found := []Place{}
		for _, k := range keys {
			if strings.Contains(q, strings.ToLower(k)) {
				found = places[k]
				break
			}
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_ = json.NewEncoder(w).Encode(jsonv2(found))
	}))
	t.Cleanup(srv.Close)
	n.URL = srv.URL
	return n
}

// Asked is the number of requests the server received.
func (n *Nominatim) Asked() int { return int(n.asked.Load()) }

// jsonv2 writes places as Nominatim does: coordinates as strings, an id
// and a rank for each.
func jsonv2(places []Place) []map[string]any {
	out := make([]map[string]any, 0, len(places))
	for i, p := range places {
		category, typ := p.Category, p.Type
		if category == "" {
			category, typ = "place", "house"
		}
		out = append(out, map[string]any{
			"place_id":     1000 + i,
			"licence":      "Data © OpenStreetMap contributors, ODbL 1.0. https://osm.org/copyright",
			"osm_type":     "node",
			"osm_id":       2000 + i,
			"lat":          strconv.FormatFloat(p.Lat, 'f', 7, 64),
			"lon":          strconv.FormatFloat(p.Lon, 'f', 7, 64),
			"category":     category,
			"type":         typ,
			"place_rank":   30,
			"importance":   0.5 - float64(i)/100,
			"addresstype":  category,
			"display_name": p.Label,
		})
	}
	return out
}
