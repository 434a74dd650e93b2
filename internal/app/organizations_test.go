package app_test

import (
	"reflect"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/geo"
	"itinera/internal/geo/geotest"
	"itinera/internal/importing"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// withGeocoder is the application layer of f with a Nominatim server on
// loopback as its geocoder, which finds every address at the Soulard
// market but those naming Nowhere; the server counts its answers.
func withGeocoder(t *testing.T, f *fixture) (*app.App, *geotest.Nominatim) {
	t.Helper()
	srv := geotest.NewNominatim(t, map[string][]geotest.Place{
		"": {{Label: "Soulard Farmers Market, 730, Carroll Street, St. Louis, Missouri, 63104, United States",
			Lat: 38.6102, Lon: -90.2070, Category: "amenity", Type: "marketplace"}},
		"Nowhere": {}})
	g, err := geo.NewGeocoder("nominatim", srv.URL, geo.Options{UserAgent: "Itinera (+https://itinera.example.org)", Interval: -1})
	must(t, err)
	a, err := app.New(app.Config{Store: f.s.Services(), Tx: f.s, Now: storetest.Now, Hasher: cheap,
		Geocoder: geo.Cached(g, f.s.GeoCache("nominatim "+t.Name(), 0))})
	must(t, err)
	return a, srv
}

func (f *fixture) place(id int64) itinera.Place {
	f.t.Helper()
	p, err := f.s.Place(ctx, f.tenant.ID, id)
	must(f.t, err)
	return p
}

// TestOrganizationFromItsAddress: an organization given by its address
// gets its office, a place of the directory made with it and found by the
// geocoder; its own office moves with a new address or pin and is renamed
// with it, a place of the directory that others use stays as it is, a
// chosen place wins over an address, and deleting the organization deletes
// its own office only.
func TestOrganizationFromItsAddress(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			a, asked := withGeocoder(t, f)
			const soulard = "730 Carroll St, St. Louis, MO 63104"

			o, err := a.CreateOrganization(ctx, f.c, itinera.Organization{Name: "Soulard Legal Clinic", Kind: itinera.OrgNonprofit, Address: soulard})
			must(t, err)
			if o.PlaceID == 0 || o.PlaceName != "Soulard Legal Clinic" || o.Address != soulard || o.Lat != 38.6102 || o.Lon != -90.2070 ||
				o.Source != itinera.FromGeocoder || asked.Asked() != 1 {
				t.Fatalf("created from its address: %+v (geocoder asked %d times)", o, asked.Asked())
			}
			office := f.place(o.PlaceID)
			if office.Kind != itinera.PlaceOffice || office.Name != o.Name || office.Address != soulard || office.Source != itinera.FromGeocoder {
				t.Fatalf("office %+v", office)
			}

			// Saved again with its address as it is (spacing and case aside): nothing moves.
			o.Description, o.Address, o.Lat, o.Lon = "Free legal help", " 730 carroll st,  St. Louis, MO 63104", 0, 0
			o, err = a.UpdateOrganization(ctx, f.c, o)
			must(t, err)
			if o.PlaceID != office.ID || f.place(office.ID).Version != office.Version || o.Address != soulard {
				t.Fatalf("the same address changed the office: %+v %+v", o, f.place(office.ID))
			}

			// The officer moves the pin: the office moves, at the same address.
			o.Lat, o.Lon, o.Source = 38.6105, -90.2075, itinera.FromMap
			o, err = a.UpdateOrganization(ctx, f.c, o)
			must(t, err)
			if o.PlaceID != office.ID || o.Lat != 38.6105 || o.Source != itinera.FromMap {
				t.Fatalf("pin moved: %+v", o)
			}

			// A new address, looked up; and a new name: its own office moves and is renamed.
			o.Name, o.Address, o.Lat, o.Lon, o.Source = "Soulard Law Clinic", "2 Soulard Market Plaza, St. Louis", 0, 0, ""
			o, err = a.UpdateOrganization(ctx, f.c, o)
			must(t, err)
			moved := f.place(office.ID)
			if o.PlaceID != office.ID || moved.Address != "2 Soulard Market Plaza, St. Louis" || moved.Name != "Soulard Law Clinic" ||
				moved.Source != itinera.FromGeocoder || asked.Asked() != 2 {
				t.Fatalf("moved office %+v of %+v", moved, o)
			}

			// An organization whose place is one of the directory's, which a
			// meeting also uses: a new address adds an office and leaves it.
			ms, err := s.Meetings(ctx, f.tenant.ID, f.program.ID)
			must(t, err)
			var shared itinera.Place
			for _, m := range ms {
				if m.PlaceID != 0 && shared.ID == 0 {
					shared = f.place(m.PlaceID)
				}
			}
			org, err := a.CreateOrganization(ctx, f.c, itinera.Organization{Name: "Tenants at the venue", PlaceID: shared.ID})
			must(t, err)
			if org.Address != shared.Address || org.Lat != shared.Lat || org.PlaceName != shared.Name {
				t.Fatalf("an organization shows its place's address: %+v", org)
			}
			org.Address, org.Lat, org.Lon = "1 Nowhere Lane, Atlantis", 0, 0
			_, err = a.UpdateOrganization(ctx, f.c, org)
			wantField(t, err, "address")
			org.Address, org.Lat, org.Lon, org.Source = "4 Elsewhere Ave, St. Louis", 38.63, -90.2, itinera.FromTyped
			org, err = a.UpdateOrganization(ctx, f.c, org)
			must(t, err)
			if org.PlaceID == shared.ID || org.Address != "4 Elsewhere Ave, St. Louis" || !reflect.DeepEqual(f.place(shared.ID), shared) {
				t.Fatalf("the shared place changed, or the office did not move: %+v, %+v", org, f.place(shared.ID))
			}
			if p := f.place(org.PlaceID); p.Kind != itinera.PlaceOffice || p.Name != org.Name || p.Lat != 38.63 || p.Source != itinera.FromTyped {
				t.Fatalf("new office %+v", p)
			}

			// A place chosen from the directory wins over an address sent with it.
			org.PlaceID, org.Address = shared.ID, "5 Ignored St"
			org, err = a.UpdateOrganization(ctx, f.c, org)
			must(t, err)
			if org.PlaceID != shared.ID || org.Address != shared.Address {
				t.Fatalf("chosen place: %+v", org)
			}

			// Deleting an organization deletes its own office, never a place of the directory.
			must(t, a.DeleteOrganization(ctx, f.c, o.ID))
			if _, err := s.Place(ctx, f.tenant.ID, office.ID); itinera.ErrorCode(err) != itinera.ENOTFOUND {
				t.Errorf("its own office outlived the organization: %v", err)
			}
			must(t, a.DeleteOrganization(ctx, f.c, org.ID))
			f.place(shared.ID)
		})
	}
}

// TestOrganizationAddressRefused: without a geocoder an address alone
// asks for the pin; wrong text, coordinates or another organization's
// place are named by field, the same on SQLite and PostgreSQL, and
// nothing is written.
func TestOrganizationAddressRefused(t *testing.T) {
	t.Parallel()
	var answers []map[string]map[string]string
	for _, name := range []string{"sqlite", "postgres"} {
		s := map[string]func(testing.TB) *store.Store{"sqlite": storetest.SQLite, "postgres": storetest.Postgres}[name](t)
		f := mustDemo(t, s)
		other := mustDemoIn(t, s, "other")
		theirs, err := other.s.Places(ctx, other.tenant.ID, itinera.DirectoryFilter{Limit: 1})
		must(t, err)
		withGeo, asked := withGeocoder(t, f)
		places, err := s.Places(ctx, f.tenant.ID, itinera.DirectoryFilter{})
		must(t, err)
		got := map[string]map[string]string{}
		for what, c := range map[string]struct {
			a     *app.App
			o     itinera.Organization
			field string
		}{
			"address alone, no geocoder": {f.a, itinera.Organization{Name: "Clinic", Address: "730 Carroll St, St. Louis"}, "lat"},
			"address too long":           {withGeo, itinera.Organization{Name: "Clinic", Address: strings.Repeat("a", 501)}, "address"},
			"address with a NUL":         {withGeo, itinera.Organization{Name: "Clinic", Address: "730 Carroll\x00 St"}, "address"},
			"latitude out of range":      {f.a, itinera.Organization{Name: "Clinic", Address: "730 Carroll St", Lat: 91, Lon: -90}, "lat"},
			"pin without address":        {f.a, itinera.Organization{Name: "Clinic", Lat: 38.6, Lon: -90.2}, "address"},
			"unknown source":             {f.a, itinera.Organization{Name: "Clinic", Address: "730 Carroll St", Lat: 38.6, Lon: -90.2, Source: "guess"}, "coordinates_source"},
			"no name":                    {f.a, itinera.Organization{Address: "730 Carroll St", Lat: 38.6, Lon: -90.2}, "name"},
			"another tenant's place":     {f.a, itinera.Organization{Name: "Clinic", PlaceID: theirs[0].ID}, "place_id"},
			"theirs, with an address":    {f.a, itinera.Organization{Name: "Clinic", PlaceID: theirs[0].ID, Address: "730 Carroll St", Lat: 38.6, Lon: -90.2}, "place_id"},
		} {
			_, err := c.a.CreateOrganization(ctx, f.c, c.o)
			wantField(t, err, c.field)
			got[what] = itinera.ErrorFields(err)
			got[what]["message"] = itinera.ErrorMessage(err)
		}
		if msg := got["address alone, no geocoder"]["lat"]; !strings.Contains(msg, "pin") {
			t.Errorf("no geocoder: %q", msg)
		}
		if asked.Asked() != 0 {
			t.Errorf("the geocoder was asked %d times for wrong addresses", asked.Asked())
		}
		// Coordinates given need no geocoder.
		o, err := f.a.CreateOrganization(ctx, f.c, itinera.Organization{Name: "Clinic", Address: "730 Carroll St", Lat: 38.6102, Lon: -90.207})
		must(t, err)
		if o.Source != itinera.FromTyped || o.PlaceID == 0 {
			t.Errorf("typed coordinates: %+v", o)
		}
		after, err := s.Places(ctx, f.tenant.ID, itinera.DirectoryFilter{})
		must(t, err)
		if len(after) != len(places)+1 {
			t.Errorf("%d places after refusals and one office, want %d", len(after), len(places)+1)
		}
		answers = append(answers, got)
	}
	if !reflect.DeepEqual(answers[0], answers[1]) {
		t.Errorf("SQLite and PostgreSQL differ:\n%v\n%v", answers[0], answers[1])
	}
}

// TestImportOrganizationsWithAddresses: the organizations import takes an
// address column (its header in several languages) with the coordinates;
// a row with a new address and no coordinates is refused, naming them,
// and nothing is imported; applied, each office is added in the import's
// transaction, a new address with its coordinates moves it, the same file
// again changes nothing, and undoing the import takes the offices too.
func TestImportOrganizationsWithAddresses(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			places, err := s.Places(ctx, f.tenant.ID, itinera.DirectoryFilter{})
			must(t, err)
			for _, h := range []string{"Address", "Street address", "Adresse", "Dirección"} {
				if got := importingMatch(itinera.ImportOrganizations, "Name", h, "Lat", "Longitude"); got != "name,address,lat,lon" {
					t.Errorf("%s: matched %s", h, got)
				}
			}
			const file = "Name,Kind,Adresse,Latitude,Longitude\r\n" +
				"Soulard Legal Clinic,nonprofit,\"730 Carroll St, St. Louis, MO 63104\",38.6102,-90.207\r\n" +
				"Carondelet Youth Center,nonprofit,\"6303 Michigan Ave, St. Louis\",38.5579,-90.2566\r\n"
			in := app.ImportInput{Kind: itinera.ImportOrganizations, FileName: "orgs.csv",
				Data: []byte(file + "Bevo Mill Circle,other,\"4749 Gravois Ave, St. Louis\",,\r\n")}
			res, err := f.a.ApplyImport(ctx, f.c, in)
			wantCode(t, err, itinera.EINVALID)
			if len(res.Refused) != 1 || res.Refused[0].Row != 4 || res.Refused[0].Field != "lat" || !strings.Contains(res.Refused[0].Message, "Latitude") {
				t.Fatalf("refused %+v", res.Refused)
			}
			if after, err := s.Places(ctx, f.tenant.ID, itinera.DirectoryFilter{}); err != nil || len(after) != len(places) {
				t.Fatalf("%d places after a refused import, %d before (%v)", len(after), len(places), err)
			}

			in.Data = []byte(file)
			res, err = f.a.ApplyImport(ctx, f.c, in)
			if err != nil || res.Created != 2 {
				t.Fatalf("%v %+v", err, res.Rows)
			}
			o, err := s.Organization(ctx, f.tenant.ID, res.Rows[0].RecordID)
			must(t, err)
			office := f.place(o.PlaceID)
			if o.Address != "730 Carroll St, St. Louis, MO 63104" || office.Kind != itinera.PlaceOffice || office.Name != o.Name ||
				office.Lat != 38.6102 || office.Source != itinera.FromTyped {
				t.Fatalf("imported %+v at %+v", o, office)
			}
			again, err := f.a.ApplyImport(ctx, f.c, in)
			if err != nil || again.Unchanged != 2 {
				t.Fatalf("again: %v %+v", err, again.Rows)
			}
			// Without coordinates (empty cells, or no such columns) the same addresses change nothing.
			for _, data := range []string{strings.Replace(file, "38.6102,-90.207", ",", 1),
				"Name,Address\r\nSoulard Legal Clinic,\"730 Carroll St, St. Louis, MO 63104\"\r\nCarondelet Youth Center,\r\n"} {
				again, err := f.a.ApplyImport(ctx, f.c, app.ImportInput{Kind: itinera.ImportOrganizations, FileName: "orgs.csv", Data: []byte(data)})
				if err != nil || again.Unchanged != 2 {
					t.Fatalf("again without coordinates: %v %+v", err, again.Rows)
				}
			}

			// A new address without its coordinates is refused; with them, the office moves.
			in.Data = []byte(strings.Replace(file, "730 Carroll St", "731 Carroll St", 1))
			in.Data = []byte(strings.Replace(string(in.Data), "38.6102,-90.207", ",", 1))
			_, err = f.a.ApplyImport(ctx, f.c, in)
			wantCode(t, err, itinera.EINVALID)
			in.Data = []byte(strings.Replace(file, "730 Carroll St", "731 Carroll St", 1))
			in.Data = []byte(strings.Replace(string(in.Data), "38.6102", "38.6103", 1))
			moved, err := f.a.ApplyImport(ctx, f.c, in)
			if err != nil || moved.Updated != 1 || moved.Unchanged != 1 {
				t.Fatalf("moved: %v %+v", err, moved.Rows)
			}
			if p := f.place(office.ID); p.Address != "731 Carroll St, St. Louis, MO 63104" || p.Lat != 38.6103 {
				t.Fatalf("moved office %+v", p)
			}

			// Undone, both imports take their changes and offices back.
			_, err = f.a.UndoImport(ctx, f.c, moved.ImportID)
			must(t, err)
			if p := f.place(office.ID); p.Address != "730 Carroll St, St. Louis, MO 63104" || p.Lat != 38.6102 {
				t.Fatalf("office after undoing the move: %+v", p)
			}
			_, err = f.a.UndoImport(ctx, f.c, res.ImportID)
			must(t, err)
			if after, err := s.Places(ctx, f.tenant.ID, itinera.DirectoryFilter{}); err != nil || len(after) != len(places) {
				t.Fatalf("%d places after undoing the import, %d before (%v)", len(after), len(places), err)
			}
		})
	}
}

// importingMatch is the fields the import matches to a header row, joined.
func importingMatch(k itinera.ImportKind, header ...string) string {
	return strings.Join(importing.Match(k, header), ",")
}
