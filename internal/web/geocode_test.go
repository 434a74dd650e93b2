package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/geo"
	"itinera/internal/geo/geotest"
	"itinera/internal/storetest"
)

// lookupAnswer is what the pin map's script reads from a lookup.
type lookupAnswer struct {
	Matches []struct {
		Label    string
		Lat, Lon float64
	}
	Error struct {
		Message string
		Fields  map[string]string
	}
}

func (c *client) lookUp(path, address string, want int) lookupAnswer {
	c.e.t.Helper()
	res, body := c.get(path + "?address=" + url.QueryEscape(address))
	if res.StatusCode != want {
		c.e.t.Fatalf("GET %s %q: %d, want %d\n%s", path, address, res.StatusCode, want, body)
	}
	if ct, cc := res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"); !strings.HasPrefix(ct, "application/json") || cc != "no-store" {
		c.e.t.Errorf("GET %s: Content-Type %q, Cache-Control %q", path, ct, cc)
	}
	var a lookupAnswer
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		c.e.t.Fatalf("GET %s: %v\n%s", path, err, body)
	}
	return a
}

// TestAddressLookup: with a geocoder, the pin map of the place form, the
// host sign-up page and the personal page offer to find the address, and
// their lookups answer every place found (none is an empty list; a failing
// geocoder is named on the address); the public pages' lookups need a real
// sign-up page or link and are limited per client address. Without a
// geocoder no button is offered.
func TestAddressLookup(t *testing.T) {
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
			e := mustServeOn(t, s, nil, func(c *Config) {
				a, err := app.New(app.Config{Store: s.Services(), Tx: s, Logger: c.Logger, Now: storetest.Now, Hasher: cheapHasher,
					Geocoder: geo.Cached(g, s.GeoCache("nominatim web-"+name, 0))})
				must(t, err)
				c.App = a
				c.Hosts.SignUpLimiter = auth.NewLimiter(100, time.Nanosecond, storetest.Now)
				c.Hosts.LookupLimiter = auth.NewLimiter(3, time.Hour, storetest.Now)
			})

			// The officer's place form, and a viewer's lookup.
			_, doc := e.signIn(e.a.officer).page("/places/new", http.StatusOK)
			box := doc.one(t, "form#record-form figure#pin-map .pin-lookup[data-lookup=/geocode]")
			if b := box.one(t, "button.pin-lookup-button[type=button]"); b.Text() != "Find the address on the map" {
				t.Errorf("button %q", b.Text())
			}
			box.one(t, ".pin-lookup-status[role=status][aria-live=polite]")
			box.one(t, "ul.pin-choices[aria-label]")
			viewer := e.signIn(e.a.viewer)
			got := viewer.lookUp("/geocode", "100 Main Street, near St. Louis", http.StatusOK)
			if len(got.Matches) != 3 || got.Matches[1].Label != "100, East Main Street, Belleville, Illinois, 62220, United States" ||
				got.Matches[1].Lat != 38.5134 || got.Matches[1].Lon != -89.9846 {
				t.Errorf("matches %+v", got.Matches)
			}
			if res, body := viewer.get("/geocode?address=1+Nowhere+Lane"); strings.TrimSpace(body) != `{"matches":[]}` {
				t.Errorf("none found: %d %s", res.StatusCode, body)
			}
			bad := viewer.lookUp("/geocode", "2 "+geotest.Broken+" St", http.StatusUnprocessableEntity)
			if msg := bad.Error.Fields["address"]; !strings.Contains(msg, "could not be looked up just now") || strings.Contains(msg, "overloaded") {
				t.Errorf("failing geocoder: %+v", bad.Error)
			}

			// A household, on the sign-up page and on its personal page.
			c := e.client()
			_, doc = c.page("/host/alpha", http.StatusOK)
			doc.one(t, "form#host-form .pin-lookup[data-lookup=/host/alpha/geocode] button.pin-lookup-button")
			if got := c.lookUp("/host/alpha/geocode", "100 Main Street", http.StatusOK); len(got.Matches) != 3 {
				t.Errorf("sign-up page: %+v", got)
			}
			_, body := c.postRaw("/host/alpha", signUpForm())
			link := parseHTML(t, body).one(t, "a#personal-link").attr("href")
			path := link[strings.Index(link, "/h/"):]
			_, doc = c.page(path, http.StatusOK)
			doc.one(t, "form#host-form .pin-lookup[data-lookup="+path+"/geocode]")
			if got := c.lookUp(path+"/geocode", "100 Main Street", http.StatusOK); len(got.Matches) != 3 {
				t.Errorf("personal page: %+v", got)
			}
			if got := c.lookUp("/host/no-such-organization/geocode", "100 Main Street", http.StatusNotFound); got.Error.Message == "" {
				t.Errorf("unknown sign-up page: %+v", got)
			}
			if res, _ := c.get("/h/not-a-working-link/geocode?address=100+Main+Street"); res.StatusCode != http.StatusNotFound {
				t.Errorf("a link that does not work: %d", res.StatusCode)
			}
			// Three lookups from this client so far (the unknown page's
			// too; the link that does not work is refused before): the
			// fourth waits.
			res, _ := c.get("/host/alpha/geocode?address=100+Main+Street")
			if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
				t.Errorf("the fourth lookup: %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
			}
			if srv.Asked() != 4 { // each address once, the failing one too
				t.Errorf("the geocoder was asked %d times, want 4", srv.Asked())
			}
		})
	}

	// Without a geocoder, the map offers no lookup.
	e := mustServe(t, nil)
	_, doc := e.signIn(e.a.officer).page("/places/new", http.StatusOK)
	doc.one(t, "figure#pin-map")
	if doc.has(".pin-lookup") {
		t.Error("the place form offers a lookup without a geocoder")
	}
	if _, doc := e.client().page("/host/alpha", http.StatusOK); doc.has(".pin-lookup") {
		t.Error("the sign-up page offers a lookup without a geocoder")
	}
}
