package web

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/geo"
	"itinera/internal/storetest"
)

// TestOrganizationFormAddress: the organization form asks for the office's
// address, with the pin map below its coordinates, and offers the
// directory's places after them; an office given by its address and the
// pin is added to the directory's places; without a geocoder an address
// alone asks for the pin on the latitude field; a place picked wins over
// an address typed (hidden then); the edit form shows an organization's
// own office as its address and a place picked as picked.
func TestOrganizationFormAddress(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	tid := e.a.tenant.ID

	_, doc := c.page("/organizations/new", http.StatusOK)
	form := doc.one(t, "form#record-form")
	for _, sel := range []string{"div.field.office-address textarea#f-address", "div.field.office-address input#f-lat",
		"div.field.office-address input#f-lon", "figure#pin-map input[type=hidden][name=coordinates_source]",
		"label[for=f-address]", "label[for=f-place_id]", "select#f-place_id option[value=\"\"]"} {
		form.one(t, sel)
	}
	if got := form.one(t, "label[for=f-address]").Text(); got != "Address" {
		t.Errorf("address label %q", got)
	}
	if got := form.one(t, "label[for=f-place_id]").Text(); got != "Or pick a place from the directory" {
		t.Errorf("place label %q", got)
	}
	if got := form.one(t, "select#f-place_id option").Text(); !strings.Contains(got, "address above") {
		t.Errorf("first choice %q", got)
	}
	// In order: the address, its coordinates, the map, then the directory's places.
	var order []string
	for _, n := range form.all("textarea#f-address, input#f-lat, input#f-lon, figure#pin-map, select#f-place_id") {
		order = append(order, n.attrs["id"])
	}
	if strings.Join(order, " ") != "f-address f-lat f-lon pin-map f-place_id" {
		t.Errorf("order %q", order)
	}

	// Given by its address and the pin.
	res, body := c.post("/organizations", url.Values{"name": {"Soulard Legal Clinic"}, "kind": {"nonprofit"},
		"address": {"730 Carroll St, St. Louis, MO 63104"}, "lat": {"38.6102"}, "lon": {"-90.2070"}, "coordinates_source": {"map"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", res.StatusCode, body)
	}
	c.follow(res).one(t, "#flash")
	orgs, err := e.store.Organizations(ctx, tid, itinera.DirectoryFilter{Query: "Soulard"})
	must(t, err)
	if len(orgs) != 1 || orgs[0].PlaceID == 0 || orgs[0].Address != "730 Carroll St, St. Louis, MO 63104" || orgs[0].Source != itinera.FromMap {
		t.Fatalf("%+v", orgs)
	}
	office, err := e.store.Place(ctx, tid, orgs[0].PlaceID)
	must(t, err)
	if office.Kind != itinera.PlaceOffice || office.Name != "Soulard Legal Clinic" {
		t.Fatalf("office %+v", office)
	}
	// The directory lists it with its address.
	_, doc = c.page("/directory", http.StatusOK)
	if got := doc.one(t, "table#organizations-table").Text(); !strings.Contains(got, "730 Carroll St") {
		t.Errorf("directory: %q", got)
	}
	// Its edit form shows its own office as its address, nothing picked.
	_, doc = c.page("/organizations/"+itoa(orgs[0].ID)+"/edit", http.StatusOK)
	if v := valueOf(t, doc, "f-address"); v != "730 Carroll St, St. Louis, MO 63104" {
		t.Errorf("address %q", v)
	}
	if v, p := valueOf(t, doc, "f-lat"), valueOf(t, doc, "f-place_id"); v != "38.6102" || p != "" {
		t.Errorf("lat %q, place %q", v, p)
	}
	doc.one(t, "figure#pin-map input[name=coordinates_source][value=map]")
	// Moved, with the pin put at the new address: its own office moves.
	values := doc.one(t, "form#record-form").formValues()
	values.Set("address", "731 Carroll St, St. Louis, MO 63104")
	values.Set("lat", "38.6103")
	if res, body := c.post("/organizations/"+itoa(orgs[0].ID), values); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("move: %d\n%s", res.StatusCode, body)
	}
	if p, err := e.store.Place(ctx, tid, office.ID); err != nil || p.Address != "731 Carroll St, St. Louis, MO 63104" || p.Lat != 38.6103 {
		t.Fatalf("moved office %+v %v", p, err)
	}

	// Without a geocoder, an address alone asks for the pin.
	res, body = c.post("/organizations", url.Values{"name": {"Carondelet Youth Center"}, "address": {"6303 Michigan Ave, St. Louis"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("no pin: %d", res.StatusCode)
	}
	doc = parseHTML(t, body)
	if msg := doc.one(t, "#f-lat-error").Text(); !strings.Contains(msg, "pin") {
		t.Errorf("%q", msg)
	}
	doc.one(t, "#errors a[href=#f-lat]")
	if v := valueOf(t, doc, "f-address"); v != "6303 Michigan Ave, St. Louis" {
		t.Errorf("the address typed was lost: %q", v)
	}

	// A place picked wins over an address typed, which is then hidden.
	res, body = c.post("/organizations", url.Values{"name": {"Arch Tours"}, "address": {"Ignored St"}, "lat": {"nonsense"},
		"place_id": {itoa(e.a.place.ID)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("picked: %d\n%s", res.StatusCode, body)
	}
	orgs, err = e.store.Organizations(ctx, tid, itinera.DirectoryFilter{Query: "Arch Tours"})
	must(t, err)
	if len(orgs) != 1 || orgs[0].PlaceID != e.a.place.ID || orgs[0].Address != e.a.place.Address {
		t.Fatalf("%+v", orgs)
	}
	_, doc = c.page("/organizations/"+itoa(orgs[0].ID)+"/edit", http.StatusOK)
	if p := valueOf(t, doc, "f-place_id"); p != itoa(e.a.place.ID) {
		t.Errorf("picked place shown as %q", p)
	}
	if hint := doc.one(t, "#f-place_id-hint").Text(); !strings.Contains(hint, e.a.place.Name) {
		t.Errorf("hint %q", hint)
	}
	// Saved as shown, with another description: the place stays.
	values = doc.one(t, "form#record-form").formValues()
	values.Set("description", "Tours of the riverfront")
	if res, body := c.post("/organizations/"+itoa(orgs[0].ID), values); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("resave: %d\n%s", res.StatusCode, body)
	}
	o, err := e.store.Organization(ctx, tid, orgs[0].ID)
	if err != nil || o.PlaceID != e.a.place.ID || o.Description != "Tours of the riverfront" {
		t.Fatalf("%+v %v", o, err)
	}
}

// TestOrganizationFormLooksAddressUp: with a geocoder an address alone is
// looked up, and the officer is sent to the form to check the pin.
func TestOrganizationFormLooksAddressUp(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[{"place_id":1,"lat":"38.5579","lon":"-90.2566","display_name":"6303, Michigan Avenue, St. Louis, Missouri, United States"}]`))
	}))
	t.Cleanup(srv.Close)
	s := storetest.Default(t)
	e := mustServeOn(t, s, nil, func(cfg *Config) {
		g, err := geo.NewGeocoder("nominatim", srv.URL, geo.Options{UserAgent: "Itinera (+https://itinera.example.org)", Interval: -1})
		must(t, err)
		cfg.App, err = app.New(app.Config{Store: services(s), Tx: s, Logger: slog.New(slog.DiscardHandler), Now: storetest.Now,
			Hasher: cheapHasher, Geocoder: g})
		must(t, err)
	})
	c := e.signIn(e.a.officer)
	_, doc := c.page("/organizations/new", http.StatusOK)
	if got := doc.one(t, "#pin-map-caption").Text(); !strings.Contains(got, "looked up") {
		t.Errorf("caption %q", got)
	}
	res, body := c.post("/organizations", url.Values{"name": {"Carondelet Youth Center"}, "address": {"6303 Michigan Ave, St. Louis"}})
	if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "/edit") {
		t.Fatalf("save: %d %s\n%s", res.StatusCode, res.Header.Get("Location"), body)
	}
	doc = c.follow(res)
	if got := doc.one(t, "#flash").Text(); !strings.Contains(got, "Check the pin") {
		t.Errorf("flash %q", got)
	}
	if lat := valueOf(t, doc, "f-lat"); lat != "38.5579" {
		t.Errorf("lat %q", lat)
	}
	doc.one(t, "figure#pin-map input[name=coordinates_source][value=geocoder]")
}
