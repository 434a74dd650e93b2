package app_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/geo"
	"itinera/internal/storetest"
)

// nominatim is a Nominatim server on loopback answering /search in its
// jsonv2 format: one result for a known address, none for "Nowhere", a
// server error for "Broken".
func nominatim(t *testing.T, asked *atomic.Int32) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		q := r.URL.Query().Get("q")
		switch {
		case r.URL.Path != "/search" || r.URL.Query().Get("format") != "jsonv2" || !strings.HasPrefix(r.UserAgent(), "Itinera"):
			http.Error(w, "bad request", http.StatusBadRequest)
		case strings.Contains(q, "Broken"):
			http.Error(w, "overloaded", http.StatusInternalServerError)
		case strings.Contains(q, "Nowhere"):
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`[]`))
		default:
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`[{"place_id":1,"lat":"38.6102","lon":"-90.2070","display_name":"Soulard Farmers Market, 730, Carroll Street, St. Louis, Missouri, 63104, United States","category":"amenity","type":"marketplace","place_rank":30}]`))
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestPlaceFromItsAddress: a place given by its address alone gets its
// coordinates from the geocoder (asked once: the answer is kept in the
// database), says so, and an address found nowhere or a failing geocoder
// is named on the address; without a geocoder the officer is asked for a
// pin or the coordinates.
func TestPlaceFromItsAddress(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			var asked atomic.Int32
			g, err := geo.NewGeocoder("nominatim", nominatim(t, &asked), geo.Options{UserAgent: "Itinera (+https://itinera.example.org)", Interval: -1})
			must(t, err)
			a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: storetest.Now, Hasher: cheap,
				Geocoder: geo.Cached(g, s.GeoCache("nominatim test-"+name, 0))})
			must(t, err)
			p := itinera.Place{Name: "Soulard Farmers Market", Kind: itinera.PlaceSite, Address: "730 Carroll St, St. Louis, MO 63104"}
			got, err := a.CreatePlace(ctx, f.c, p)
			must(t, err)
			if got.Lat != 38.6102 || got.Lon != -90.2070 || got.Source != itinera.FromGeocoder {
				t.Fatalf("%+v", got)
			}
			p.Name = "Soulard Market (again)"
			if _, err := a.CreatePlace(ctx, f.c, p); err != nil || asked.Load() != 1 {
				t.Fatalf("the second lookup of the address asked the service again (%d) or failed: %v", asked.Load(), err)
			}
			// A pin or typed coordinates are kept as they are, with their source.
			p.Name, p.Lat, p.Lon, p.Source = "Pinned", 38.61, -90.21, itinera.FromMap
			got, err = a.CreatePlace(ctx, f.c, p)
			if err != nil || got.Source != itinera.FromMap || got.Lat != 38.61 {
				t.Fatalf("%+v %v", got, err)
			}
			for address, field := range map[string]string{"1 Nowhere Lane, Atlantis": "address", "2 Broken St, St. Louis": "address"} {
				_, err := a.CreatePlace(ctx, f.c, itinera.Place{Name: "X", Kind: itinera.PlaceSite, Address: address})
				wantField(t, err, field)
			}
			// A host signs up with an address and no coordinates.
			h := itinera.HostHousehold{Name: "The Carroll household", Address: "730 Carroll St, St. Louis, MO 63104", ContactName: "Pat Carroll",
				Email: "pat@example.org", Languages: []string{"English"}, Capacity: 3}
			up, err := a.SignUpHousehold(ctx, f.tenant.Slug, "https://itinera.example.org", h)
			if err != nil || up.Household.Lat != 38.6102 {
				t.Fatalf("sign-up from the address: %+v %v", up.Household, err)
			}
			_, err = f.a.SignUpHousehold(ctx, f.tenant.Slug, "https://itinera.example.org", h)
			wantField(t, err, "lat")
			// No geocoder: the officer is asked for a pin or the coordinates.
			_, err = f.a.CreatePlace(ctx, f.c, itinera.Place{Name: "Y", Kind: itinera.PlaceSite, Address: "730 Carroll St, St. Louis"})
			wantField(t, err, "lat")
			if !strings.Contains(itinera.ErrorFields(err)["lat"], "pin") {
				t.Errorf("%q", itinera.ErrorFields(err)["lat"])
			}
		})
	}
}
