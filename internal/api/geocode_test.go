package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"itinera/internal/app"
	"itinera/internal/geo"
	"itinera/internal/geo/geotest"
	"itinera/internal/storetest"
)

// TestGeocode: GET /api/v1/geocode gives every place the geocoder finds for
// the address, best first, as the document says; none found is an empty
// list; a failing geocoder and a missing address are 422 naming the
// address, without internal detail (without a geocoder, too: the tenant
// walk of TestTenantIsolation); a token is needed.
func TestGeocode(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := geotest.NewNominatim(t, map[string][]geotest.Place{"100 Main Street": {
				{Label: "100, North Main Street, Saint Charles, Missouri, 63301, United States", Lat: 38.7836, Lon: -90.4812},
				{Label: "100, East Main Street, Belleville, Illinois, 62220, United States", Lat: 38.5134, Lon: -89.9846},
				{Label: "100, North Main Street, Edwardsville, Illinois, 62025, United States", Lat: 38.8114, Lon: -89.9532},
			}})
			g, err := geo.NewGeocoder("nominatim", srv.URL, geo.Options{UserAgent: "Itinera (+https://itinera.example.org)", Interval: -1})
			must(t, err)
			e := mustEnvApp(t, s, func(c *app.Config) { c.Geocoder = geo.Cached(g, s.GeoCache("nominatim api-"+name, 0)) })
			ask := func(token, address string) response {
				return e.do("GET", "/api/v1/geocode?address="+url.QueryEscape(address), token, nil)
			}

			got := ask(e.viewerA, "100 Main Street, near St. Louis").expect(http.StatusOK).object()
			matches, _ := got["matches"].([]any)
			if len(matches) != 3 {
				t.Fatalf("%d matches: %v", len(matches), got)
			}
			second := matches[1].(map[string]any)
			if second["label"] != "100, East Main Street, Belleville, Illinois, 62220, United States" || second["lat"] != 38.5134 || second["lon"] != -89.9846 {
				t.Errorf("the second match is %v", second)
			}
			none := ask(e.officerB, "1 Nowhere Lane").expect(http.StatusOK)
			if strings.TrimSpace(none.Body.String()) != `{"matches":[]}` {
				t.Errorf("none found: %s", none.Body.String())
			}
			for address, says := range map[string]string{
				"2 " + geotest.Broken + " St": "could not be looked up just now",
				"   ":                         "Enter the address",
			} {
				r := ask(e.officerA, address).expect(http.StatusUnprocessableEntity)
				code, _, fields := r.apiError()
				if msg, _ := fields["address"].(string); code != "invalid" || !strings.Contains(msg, says) || strings.Contains(r.Body.String(), "overloaded") {
					t.Errorf("%q: %s", address, r.Body.String())
				}
			}
			e.do("GET", "/api/v1/geocode", e.officerA, nil).expect(http.StatusUnprocessableEntity)
			r := ask("", "100 Main Street").expect(http.StatusUnauthorized)
			if code, _, _ := r.apiError(); code != "unauthorized" {
				t.Errorf("without a token: %s", r.Body.String())
			}
			if srv.Asked() != 3 { // the three addresses that were looked up
				t.Errorf("the geocoder was asked %d times, want 3", srv.Asked())
			}

		})
	}
}
