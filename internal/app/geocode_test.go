package app_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/geo"
	"itinera/internal/geo/geotest"
	"itinera/internal/storetest"
)

// soulard is the one place a Nominatim finds for its address.
var soulard = map[string][]geotest.Place{"730 Carroll St": {{Lat: 38.6102, Lon: -90.2070, Category: "amenity", Type: "marketplace",
	Label: "Soulard Farmers Market, 730, Carroll Street, St. Louis, Missouri, 63104, United States"}}}

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
			srv := geotest.NewNominatim(t, soulard)
			g, err := geo.NewGeocoder("nominatim", srv.URL, geo.Options{UserAgent: "Itinera (+https://itinera.example.org)", Interval: -1})
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
			if _, err := a.CreatePlace(ctx, f.c, p); err != nil || srv.Asked() != 1 {
				t.Fatalf("the second lookup of the address asked the service again (%d) or failed: %v", srv.Asked(), err)
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

// mainStreets are three places a Nominatim finds for "100 Main Street"
// near St. Louis: the officer must choose.
var mainStreets = []geotest.Place{
	{Label: "100, North Main Street, Saint Charles, Missouri, 63301, United States", Lat: 38.7836, Lon: -90.4812},
	{Label: "100, East Main Street, Belleville, Illinois, 62220, United States", Lat: 38.5134, Lon: -89.9846},
	{Label: "100, North Main Street, Edwardsville, Illinois, 62025, United States", Lat: 38.8114, Lon: -89.9532},
}

// TestLookUpAddress: the officer, and a household on its organization's
// sign-up page or its personal link, get every place the geocoder finds
// for an address, in its order (at most five), asked once; none found is an
// empty list; a failing geocoder, no geocoder, an empty or a too long
// address are named on the address without internal detail; nothing is
// looked up for a caller who is not signed in, an unknown sign-up page or
// a link that does not work.
func TestLookUpAddress(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			many := make([]geotest.Place, 7)
			for i := range many {
				many[i] = geotest.Place{Label: "Market Street " + strconv.Itoa(i+1), Lat: 38.6 + float64(i)/100, Lon: -90.2}
			}
			srv := geotest.NewNominatim(t, map[string][]geotest.Place{"100 Main Street": mainStreets, "Market Street": many})
			g, err := geo.NewGeocoder("nominatim", srv.URL, geo.Options{UserAgent: "Itinera (+https://itinera.example.org)", Interval: -1})
			must(t, err)
			a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: storetest.Now, Hasher: cheap,
				Geocoder: geo.Cached(g, s.GeoCache("nominatim lookup-"+name, 0))})
			must(t, err)
			up, err := a.SignUpHousehold(ctx, f.tenant.Slug, "https://itinera.example.org", itinera.HostHousehold{Name: "The Main household",
				Address: "100 Main Street", Lat: 38.7836, Lon: -90.4812, ContactName: "Pat Main", Email: "pat@example.org",
				Languages: []string{"English"}, Capacity: 2})
			must(t, err)
			before, err := s.Places(ctx, f.tenant.ID, itinera.DirectoryFilter{})
			must(t, err)

			got, err := a.LookUpAddress(ctx, f.c, "  100 Main Street\nnear St. Louis ")
			must(t, err)
			if len(got) != 3 {
				t.Fatalf("%d matches, want 3: %+v", len(got), got)
			}
			for i, m := range got {
				if m.Label != mainStreets[i].Label || m.Lat != mainStreets[i].Lat || m.Lon != mainStreets[i].Lon {
					t.Errorf("match %d = %+v, want %+v", i+1, m, mainStreets[i])
				}
			}
			if _, err := a.LookUpAddress(ctx, f.c, "100 main street near st. louis"); err != nil || srv.Asked() != 1 {
				t.Errorf("the same address again asked the geocoder (%d requests) or failed: %v", srv.Asked(), err)
			}
			if got, err := a.LookUpAddress(ctx, f.c, "1 Market Street"); err != nil || len(got) != app.MaxAddressMatches {
				t.Errorf("seven places found: %d returned, want %d (%v)", len(got), app.MaxAddressMatches, err)
			}
			if got, err := a.LookUpAddress(ctx, f.c, "1 Nowhere Lane, Atlantis"); err != nil || got == nil || len(got) != 0 {
				t.Errorf("none found: %#v, %v; want an empty list", got, err)
			}

			// A household looks up its home on the sign-up page and on its
			// personal link.
			if got, err := a.LookUpHomeAddress(ctx, f.tenant.Slug, "100 Main Street"); err != nil || len(got) != 3 {
				t.Errorf("sign-up page: %+v, %v", got, err)
			}
			if got, err := a.LookUpHomeAddressByLink(ctx, auth.HashToken(up.Token), "100 Main Street"); err != nil || len(got) != 3 {
				t.Errorf("personal link: %+v, %v", got, err)
			}
			_, err = a.LookUpHomeAddress(ctx, "no-such-organization", "100 Main Street")
			wantCode(t, err, itinera.ENOTFOUND)
			_, err = a.LookUpHomeAddressByLink(ctx, auth.HashToken("not-a-token"), "100 Main Street")
			wantCode(t, err, itinera.ENOTFOUND)
			_, err = a.LookUpAddress(ctx, app.Caller{}, "100 Main Street")
			wantCode(t, err, itinera.EUNAUTHORIZED)
			asked := srv.Asked()

			// What cannot be looked up is named on the address.
			for what, c := range map[string]struct {
				a       *app.App
				address string
				says    string
			}{
				"failing geocoder": {a, "2 " + geotest.Broken + " St, St. Louis", "could not be looked up just now"},
				"no geocoder":      {f.a, "100 Main Street", "no address lookup (geocoder) is set up here: put the pin on the map"},
				"empty address":    {a, " \n ", "Enter the address"},
				"too long":         {a, strings.Repeat("Main Street ", 50), "too long"},
				"too many bytes":   {a, strings.Repeat("Straße ", 70), "too long"},
				"control":          {a, "100 Main\x00Street", "control character"},
			} {
				_, err := c.a.LookUpAddress(ctx, f.c, c.address)
				wantField(t, err, "address")
				msg := itinera.ErrorFields(err)["address"]
				if !strings.Contains(strings.ToLower(msg), strings.ToLower(c.says)) || strings.Contains(msg, "HTTP") || strings.Contains(msg, "overloaded") || strings.Contains(msg, "nominatim") {
					t.Errorf("%s: %q, want it to say %q", what, msg, c.says)
				}
			}
			if n := srv.Asked() - asked; n != 1 {
				t.Errorf("the geocoder was asked %d times for the failing address alone, want 1", n)
			}
			// A geocoder that does not answer in time is a failure like
			// another, not an internal error.
			impatient, err := geo.NewGeocoder("nominatim", srv.URL, geo.Options{UserAgent: "Itinera (+https://itinera.example.org)",
				Interval: -1, Timeout: 100 * time.Millisecond})
			must(t, err)
			b, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: storetest.Now, Hasher: cheap, Geocoder: impatient})
			must(t, err)
			_, err = b.LookUpAddress(ctx, f.c, "3 "+geotest.Slow+" Road")
			wantField(t, err, "address")
			_, err = f.a.LookUpHomeAddress(ctx, f.tenant.Slug, "100 Main Street")
			if msg := itinera.ErrorFields(err)["address"]; !strings.Contains(msg, "put the pin on your home on the map") {
				t.Errorf("a household without a geocoder: %q", msg)
			}
			// Nothing was written.
			after, err := s.Places(ctx, f.tenant.ID, itinera.DirectoryFilter{})
			must(t, err)
			if len(after) != len(before) {
				t.Errorf("%d places after the lookups, %d before", len(after), len(before))
			}
		})
	}
}
