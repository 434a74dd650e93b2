package web

import (
	"net/http"
	"net/url"
	"strconv"

	"itinera"
)

// Contacts and places of the resource directory.

func contactFields(c choices) []field {
	return []field{
		{Name: "organization_id", Label: "Organization", Type: "select", Required: true,
			Options: with(option{Label: "Choose the organization"}, c.orgs)},
		{Name: "name", Label: "Name", Type: "text", Required: true},
		{Name: "title", Label: "Title or position", Type: "text"},
		{Name: "email", Label: "E-mail", Type: "email"},
		{Name: "phone", Label: "Phone", Type: "tel"},
		{Name: "notes", Label: "Notes", Type: "textarea", Rows: 3},
	}
}

func contactValues(c itinera.Contact) url.Values {
	v := url.Values{}
	setVersion(v, c.Version)
	if c.OrganizationID != 0 {
		v.Set("organization_id", itoa(c.OrganizationID))
	}
	v.Set("name", c.Name)
	v.Set("title", c.Title)
	v.Set("email", c.Email)
	v.Set("phone", c.Phone)
	v.Set("notes", c.Notes)
	return v
}

func readContact(v url.Values, c choices) (itinera.Contact, itinera.FieldErrors) {
	fr := newFormReader(v)
	return itinera.Contact{
		OrganizationID: fr.id("organization_id", c.orgIDs), Name: fr.str("name"), Title: fr.str("title"),
		Email: fr.str("email"), Phone: fr.str("phone"), Notes: fr.text("notes"),
	}, fr.errs
}

func (ui *UI) contactForm(w http.ResponseWriter, r *http.Request, s *session, ct *itinera.Contact, st formState) {
	c, err := ui.choices(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	info := pageInfo{Title: "New contact", Nav: "directory", Crumbs: []crumb{directoryCrumb}}
	fv := formView{Action: "/contacts", Submit: "Add contact", Cancel: "/directory#contacts"}
	if ct != nil {
		info.Title = "Edit " + ct.Name
		fv = formView{Action: "/contacts/" + itoa(ct.ID), Submit: "Save contact", Cancel: "/directory#contacts",
			Record: ct.ID, Delete: "/contacts/" + itoa(ct.ID) + "/delete", DeleteWhat: "contact"}
		if ct.EmailFailing != "" {
			fv.Intro = "Mail to " + ct.Email + " came back: " + ct.EmailFailing + " Correct the address; saving a new one clears this."
		}
	}
	ui.renderForm(w, r, s, info, st, fv, contactFields(c))
}

func (ui *UI) contact(r *http.Request, s *session) (itinera.Contact, error) {
	id, err := pathID(r)
	if err != nil {
		return itinera.Contact{}, err
	}
	return ui.svc.Directory.Contact(r.Context(), s.User.TenantID, id)
}

func (ui *UI) contactNew(w http.ResponseWriter, r *http.Request, s *session) {
	v := url.Values{}
	if org := r.URL.Query().Get("organization"); org != "" {
		v.Set("organization_id", org)
	}
	ui.contactForm(w, r, s, nil, formState{values: v})
}

func (ui *UI) saveContact(w http.ResponseWriter, r *http.Request, s *session, old *itinera.Contact) {
	c, err := ui.choices(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ct, perrs := readContact(r.PostForm, c)
	ct.TenantID, ct.Version = s.User.TenantID, formVersion(r.PostForm)
	if old != nil {
		ct.ID = old.ID
	}
	err = write(perrs, ct.Validate, "contact", func() (err error) {
		if old == nil {
			ct, err = ui.app.CreateContact(r.Context(), ui.caller(r, s), ct)
		} else {
			ct, err = ui.app.UpdateContact(r.Context(), ui.caller(r, s), ct)
		}
		return err
	})
	current := func() (url.Values, error) {
		cur, err := ui.svc.Directory.Contact(r.Context(), s.User.TenantID, old.ID)
		return contactValues(cur), err
	}
	if ui.settleForm(w, r, s, err, contactFields(c), current, func(st formState) { ui.contactForm(w, r, s, old, st) }) {
		ui.redirect(w, r, "/directory#contacts", ct.Name+" was saved.")
	}
}

func (ui *UI) contactCreate(w http.ResponseWriter, r *http.Request, s *session) {
	ui.saveContact(w, r, s, nil)
}

func (ui *UI) contactEdit(w http.ResponseWriter, r *http.Request, s *session) {
	ct, err := ui.contact(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.contactForm(w, r, s, &ct, formState{values: contactValues(ct)})
}

func (ui *UI) contactUpdate(w http.ResponseWriter, r *http.Request, s *session) {
	ct, err := ui.contact(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.saveContact(w, r, s, &ct)
}

func (ui *UI) contactDelete(w http.ResponseWriter, r *http.Request, s *session) {
	ct, err := ui.contact(r, s)
	if err == nil {
		err = ui.app.DeleteContact(r.Context(), ui.caller(r, s), ct.ID)
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, "/directory#contacts", ct.Name+" was deleted from the directory.")
}

func placeFields() []field {
	return []field{
		{Name: "name", Label: "Name", Type: "text", Required: true},
		{Name: "kind", Label: "Kind", Type: "select", Options: enumOptions(itinera.PlaceKinds)},
		{Name: "address", Label: "Street address", Type: "textarea", Rows: 2, Required: true},
		{Name: "lat", Label: "Latitude", Type: "text", Required: true, Hint: "Put the pin on the map below, or type decimal degrees, for example 38.6247."},
		{Name: "lon", Label: "Longitude", Type: "text", Required: true, Hint: "Filled in together with the latitude when you put the pin; or type it, for example -90.1848."},
		{Name: "notes", Label: "Notes", Type: "textarea", Rows: 3, Hint: "Entrance, parking, accessibility."},
	}
}

func placeValues(p itinera.Place) url.Values {
	v := url.Values{}
	setVersion(v, p.Version)
	v.Set("name", p.Name)
	v.Set("kind", string(p.Kind))
	v.Set("address", p.Address)
	v.Set("lat", strconv.FormatFloat(p.Lat, 'f', -1, 64))
	v.Set("lon", strconv.FormatFloat(p.Lon, 'f', -1, 64))
	v.Set("notes", p.Notes)
	v.Set("coordinates_source", string(p.Source))
	return v
}

func readPlace(v url.Values) (itinera.Place, itinera.FieldErrors) {
	fr := newFormReader(v)
	return itinera.Place{
		Name: fr.str("name"), Kind: itinera.PlaceKind(fr.str("kind")), Address: fr.text("address"),
		Lat: fr.float("lat", "Latitude is a number from -90 to 90."),
		Lon: fr.float("lon", "Longitude is a number from -180 to 180."), Notes: fr.text("notes"),
		Source: itinera.CoordinatesSource(fr.str("coordinates_source")),
	}, fr.errs
}

func (ui *UI) placeForm(w http.ResponseWriter, r *http.Request, s *session, p *itinera.Place, st formState) {
	info := pageInfo{Title: "New place", Nav: "directory", Crumbs: []crumb{directoryCrumb}}
	fv := formView{Action: "/places", Submit: "Add place", Cancel: "/directory#places"}
	if p != nil {
		info.Title = "Edit " + p.Name
		fv = formView{Action: "/places/" + itoa(p.ID), Submit: "Save place", Cancel: "/directory#places",
			Record: p.ID, Delete: "/places/" + itoa(p.ID) + "/delete", DeleteWhat: "place"}
	}
	if places, err := ui.svc.Directory.Places(r.Context(), s.User.TenantID, itinera.DirectoryFilter{Limit: 20}); err == nil {
		fv.Pin = newPinMap(places, ui.maps)
		fv.Pin.Source = st.values.Get("coordinates_source")
		if ui.app.Geocodes() {
			fv.Pin.Caption = "Leave the coordinates empty and the address is looked up when you save; or click the map where the place is, and drag the pin to correct it."
			fv.Pin.Lookup = "/geocode"
		}
	}
	ui.renderForm(w, r, s, info, st, fv, placeFields())
}

func (ui *UI) place(r *http.Request, s *session) (itinera.Place, error) {
	id, err := pathID(r)
	if err != nil {
		return itinera.Place{}, err
	}
	return ui.svc.Directory.Place(r.Context(), s.User.TenantID, id)
}

func (ui *UI) placeNew(w http.ResponseWriter, r *http.Request, s *session) {
	ui.placeForm(w, r, s, nil, formState{values: url.Values{"kind": {string(itinera.PlaceVenue)}}})
}

func (ui *UI) savePlace(w http.ResponseWriter, r *http.Request, s *session, old *itinera.Place) {
	p, perrs := readPlace(r.PostForm)
	p.TenantID, p.Version = s.User.TenantID, formVersion(r.PostForm)
	if old != nil {
		p.ID = old.ID
	}
	validate := p.Validate
	lookup := p.Lat == 0 && p.Lon == 0 && p.Address != "" && perrs["lat"] == "" && perrs["lon"] == ""
	if lookup {
		// No pin and no coordinates: the application layer looks the
		// address up, or asks for the pin.
		validate = func() error { return nil }
	}
	err := write(perrs, validate, "place", func() (err error) {
		if old == nil {
			p, err = ui.app.CreatePlace(r.Context(), ui.caller(r, s), p)
		} else {
			p, err = ui.app.UpdatePlace(r.Context(), ui.caller(r, s), p)
		}
		return err
	})
	current := func() (url.Values, error) {
		cur, err := ui.svc.Directory.Place(r.Context(), s.User.TenantID, old.ID)
		return placeValues(cur), err
	}
	if ui.settleForm(w, r, s, err, placeFields(), current, func(st formState) { ui.placeForm(w, r, s, old, st) }) {
		if lookup && p.Source == itinera.FromGeocoder {
			ui.redirect(w, r, "/places/"+itoa(p.ID)+"/edit", p.Name+" was saved where the address was found. Check the pin on the map; if it is off, move it and save.")
			return
		}
		ui.redirect(w, r, "/directory#places", p.Name+" was saved.")
	}
}

func (ui *UI) placeCreate(w http.ResponseWriter, r *http.Request, s *session) {
	ui.savePlace(w, r, s, nil)
}

func (ui *UI) placeEdit(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.place(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.placeForm(w, r, s, &p, formState{values: placeValues(p)})
}

func (ui *UI) placeUpdate(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.place(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.savePlace(w, r, s, &p)
}

func (ui *UI) placeDelete(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.place(r, s)
	if err == nil {
		err = ui.app.DeletePlace(r.Context(), ui.caller(r, s), p.ID)
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, "/directory#places", p.Name+" was deleted from the directory.")
}
