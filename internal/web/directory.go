package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"itinera"
)

// The resource directory: its search page and the organization forms.
// Contacts and places are in directory_people.go.

var directoryCrumb = crumb{Href: "/directory", Label: "Directory"}

type directoryView struct {
	Query, Topic  string
	Topics        []string
	Organizations []itinera.Organization
	Contacts      []itinera.Contact
	Places        []itinera.Place
	Searched      bool
	Errors        map[string]string // beside the search fields
	Map           placesMap
	// Each list shows up to directoryLimit records; More says which have
	// others, Counts what the section links say ("12", "more than 100").
	More   map[string]bool
	Counts map[string]string
}

// directoryLimit bounds each list of the directory page: an organization
// with thousands of records finds them by searching (or downloads them).
const directoryLimit = 100

func (ui *UI) directory(w http.ResponseWriter, r *http.Request, s *session) {
	ctx, tid := r.Context(), s.User.TenantID
	q := r.URL.Query()
	f := itinera.DirectoryFilter{Query: strings.TrimSpace(q.Get("q")), Topic: strings.TrimSpace(q.Get("topic"))}
	v := directoryView{Query: f.Query, Topic: f.Topic, Searched: f.Query != "" || f.Topic != "", More: map[string]bool{},
		Counts: map[string]string{"organizations": "0", "contacts": "0", "places": "0"}}
	topics, err := ui.svc.Directory.Topics(ctx, tid)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	for _, t := range topics {
		v.Topics = append(v.Topics, t.Name)
	}
	if err := f.Validate(); err != nil {
		// Nothing is searched: the page says what is wrong beside the box.
		if itinera.ErrorCode(err) != itinera.EINVALID {
			ui.fail(w, r, s, err)
			return
		}
		v.Errors, v.Query, v.Topic = itinera.ErrorFields(err), shown(f.Query), shown(f.Topic)
		ui.render(w, r, s, http.StatusUnprocessableEntity, "directory", pageInfo{Title: "Directory", Nav: "directory"}, v)
		return
	}
	f.Limit = directoryLimit + 1
	if v.Organizations, err = ui.svc.Directory.Organizations(ctx, tid, f); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	if v.Contacts, err = ui.svc.Directory.Contacts(ctx, tid, f); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	if v.Places, err = ui.svc.Directory.Places(ctx, tid, f); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v.Organizations = limitList(v.Organizations, "organizations", &v)
	v.Contacts = limitList(v.Contacts, "contacts", &v)
	v.Places = limitList(v.Places, "places", &v)
	v.Map = newPlacesMap(v.Places, ui.maps)
	ui.render(w, r, s, http.StatusOK, "directory", pageInfo{Title: "Directory", Nav: "directory"}, v)
}

// limitList cuts a list read with directoryLimit+1 to directoryLimit,
// noting in v whether it had more, and its count for the section links.
func limitList[T any](xs []T, kind string, v *directoryView) []T {
	if len(xs) > directoryLimit {
		v.More[kind] = true
		v.Counts[kind] = "more than " + strconv.Itoa(directoryLimit)
		return xs[:directoryLimit]
	}
	v.Counts[kind] = strconv.Itoa(len(xs))
	return xs
}

// organizationFields are the organization form's fields. Its office is
// given by its address, with the pin (the map follows the longitude), or
// picked from the directory below, which then wins: the stylesheet hides
// the address while a place is picked.
func organizationFields(c choices) []field {
	return []field{
		{Name: "name", Label: "Name", Type: "text", Required: true},
		{Name: "kind", Label: "Kind", Type: "select", Options: enumOptions(itinera.OrganizationKinds)},
		{Name: "description", Label: "Description", Type: "textarea", Rows: 3},
		{Name: "topics", Label: "Topics of expertise", Type: "textarea", Rows: 2, Hint: "Separated by commas."},
		{Name: "website", Label: "Website", Type: "url", Hint: "Starting with https://."},
		{Name: "email", Label: "E-mail", Type: "email"},
		{Name: "phone", Label: "Phone", Type: "tel"},
		{Name: "address", Label: "Address", Type: "textarea", Rows: 2, Class: "office-address",
			Hint: "Where it receives visitors: street, city and country. Its office is added to the directory's places."},
		{Name: "lat", Label: "Latitude", Type: "text", Class: "office-address",
			Hint: "Put the pin on the map below, or type decimal degrees, for example 38.6247."},
		{Name: "lon", Label: "Longitude", Type: "text", Class: "office-address",
			Hint: "Filled in together with the latitude when you put the pin; or type it, for example -90.1848."},
		{Name: "place_id", Label: "Or pick a place from the directory", Type: "select",
			Options: with(option{Label: "None: the office is at the address above"}, c.places),
			Hint:    "A place picked here is the office, at its own address; the address above is then not used."},
	}
}

// organizationValues fills the form from an organization. Its own office
// (named after it, as giving its address made it) shows as its address;
// a place picked from the directory shows picked.
func organizationValues(o itinera.Organization) url.Values {
	v := url.Values{}
	setVersion(v, o.Version)
	v.Set("name", o.Name)
	v.Set("kind", string(o.Kind))
	v.Set("description", o.Description)
	v.Set("topics", strings.Join(o.Topics, ", "))
	v.Set("website", o.Website)
	v.Set("email", o.Email)
	v.Set("phone", o.Phone)
	v.Set("address", o.Address)
	if o.Lat != 0 || o.Lon != 0 {
		v.Set("lat", strconv.FormatFloat(o.Lat, 'f', -1, 64))
		v.Set("lon", strconv.FormatFloat(o.Lon, 'f', -1, 64))
		v.Set("coordinates_source", string(o.Source))
	}
	if o.PlaceID != 0 && !strings.EqualFold(o.PlaceName, o.Name) {
		v.Set("place_id", itoa(o.PlaceID))
	}
	return v
}

// readOrganization reads the form. The address and coordinates are read
// only when no place is picked: they are hidden then, and not used.
func readOrganization(v url.Values, c choices) (itinera.Organization, itinera.FieldErrors) {
	fr := newFormReader(v)
	o := itinera.Organization{
		Name: fr.str("name"), Kind: itinera.OrganizationKind(fr.str("kind")), Description: fr.text("description"),
		Topics: fr.list("topics"), Website: fr.str("website"), Email: fr.str("email"), Phone: fr.str("phone"),
		PlaceID: fr.id("place_id", c.placeIDs),
	}
	if o.PlaceID == 0 {
		o.Address = fr.text("address")
		o.Lat = fr.float("lat", "Latitude is a number from -90 to 90.")
		o.Lon = fr.float("lon", "Longitude is a number from -180 to 180.")
		o.Source = itinera.CoordinatesSource(fr.str("coordinates_source"))
	}
	return o, fr.errs
}

func (ui *UI) organizationForm(w http.ResponseWriter, r *http.Request, s *session, o *itinera.Organization, st formState) {
	c, err := ui.choices(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	info := pageInfo{Title: "New organization", Nav: "directory", Crumbs: []crumb{directoryCrumb}}
	fv := formView{Action: "/organizations", Submit: "Add organization", Cancel: "/directory#organizations", PinAfter: "lon"}
	if o != nil {
		info.Title = "Edit " + o.Name
		fv = formView{Action: "/organizations/" + itoa(o.ID), Submit: "Save organization",
			Cancel: "/directory#organizations", Record: o.ID, Delete: "/organizations/" + itoa(o.ID) + "/delete",
			DeleteWhat: "organization", PinAfter: "lon"}
	}
	if places, err := ui.svc.Directory.Places(r.Context(), s.User.TenantID, itinera.DirectoryFilter{Limit: 20}); err == nil {
		fv.Pin = newPinMap(places, ui.maps)
		fv.Pin.Caption = "Click the map where the office is to fill in its coordinates; drag the pin to correct them."
		if ui.app.Geocodes() {
			fv.Pin.Caption = "Leave the coordinates empty and the address is looked up when you save; or click the map where the office is, and drag the pin to correct it."
		}
		fv.Pin.Source = st.values.Get("coordinates_source")
	}
	fs := organizationFields(c)
	if o != nil && o.PlaceID != 0 && !strings.EqualFold(o.PlaceName, o.Name) {
		fs[len(fs)-1].Hint = "Its office is " + o.PlaceName + ", a place of the directory. " + fs[len(fs)-1].Hint
	}
	ui.renderForm(w, r, s, info, st, fv, fs)
}

func (ui *UI) organization(r *http.Request, s *session) (itinera.Organization, error) {
	id, err := pathID(r)
	if err != nil {
		return itinera.Organization{}, err
	}
	return ui.svc.Directory.Organization(r.Context(), s.User.TenantID, id)
}

func (ui *UI) organizationNew(w http.ResponseWriter, r *http.Request, s *session) {
	ui.organizationForm(w, r, s, nil, formState{values: url.Values{"kind": {string(itinera.OrgNonprofit)}}})
}

func (ui *UI) saveOrganization(w http.ResponseWriter, r *http.Request, s *session, old *itinera.Organization) {
	c, err := ui.choices(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	o, perrs := readOrganization(r.PostForm, c)
	o.TenantID, o.Version = s.User.TenantID, formVersion(r.PostForm)
	if old != nil {
		o.ID = old.ID
	}
	// No pin and no coordinates: the application layer looks a new
	// address up, or asks for the pin.
	lookup := o.Address != "" && o.Lat == 0 && o.Lon == 0 && (old == nil || !itinera.SameAddress(o.Address, old.Address))
	err = write(perrs, o.Validate, "organization", func() (err error) {
		if old == nil {
			o, err = ui.app.CreateOrganization(r.Context(), ui.caller(r, s), o)
		} else {
			o, err = ui.app.UpdateOrganization(r.Context(), ui.caller(r, s), o)
		}
		return err
	})
	current := func() (url.Values, error) {
		cur, err := ui.svc.Directory.Organization(r.Context(), s.User.TenantID, old.ID)
		return organizationValues(cur), err
	}
	if ui.settleForm(w, r, s, err, organizationFields(c), current, func(st formState) { ui.organizationForm(w, r, s, old, st) }) {
		if lookup && o.Source == itinera.FromGeocoder {
			ui.redirect(w, r, "/organizations/"+itoa(o.ID)+"/edit", o.Name+" was saved, its office where the address was found. Check the pin on the map; if it is off, move it and save.")
			return
		}
		ui.redirect(w, r, "/directory#organizations", o.Name+" was saved.")
	}
}

func (ui *UI) organizationCreate(w http.ResponseWriter, r *http.Request, s *session) {
	ui.saveOrganization(w, r, s, nil)
}

func (ui *UI) organizationEdit(w http.ResponseWriter, r *http.Request, s *session) {
	o, err := ui.organization(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.organizationForm(w, r, s, &o, formState{values: organizationValues(o)})
}

func (ui *UI) organizationUpdate(w http.ResponseWriter, r *http.Request, s *session) {
	o, err := ui.organization(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.saveOrganization(w, r, s, &o)
}

func (ui *UI) organizationDelete(w http.ResponseWriter, r *http.Request, s *session) {
	o, err := ui.organization(r, s)
	if err == nil {
		err = ui.app.DeleteOrganization(r.Context(), ui.caller(r, s), o.ID)
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, "/directory#organizations", o.Name+" was deleted from the directory.")
}
