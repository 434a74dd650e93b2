package itinera

import (
	"math"
	"net/url"
	"strings"
)

// Topic is a subject of expertise or interest, such as "victim services".
// Topics are named per tenant; records refer to them by name.
type Topic struct {
	ID       int64
	TenantID int64
	Name     string
}

// PlaceKind says what a place is used for.
type PlaceKind string

// Place kinds.
const (
	PlaceVenue  PlaceKind = "venue"
	PlaceOffice PlaceKind = "office"
	PlaceHotel  PlaceKind = "hotel"
	PlaceSite   PlaceKind = "site"
	PlaceHome   PlaceKind = "home"
)

// PlaceKinds lists the kinds in the order the UI offers them.
var PlaceKinds = []PlaceKind{PlaceVenue, PlaceOffice, PlaceHotel, PlaceSite, PlaceHome}

// CoordinatesSource says where a place's coordinates came from.
type CoordinatesSource string

// Coordinates sources.
const (
	FromGeocoder CoordinatesSource = "geocoder" // looked up from the address
	FromMap      CoordinatesSource = "map"      // a pin put on a map
	FromTyped    CoordinatesSource = "typed"    // typed in, or imported
)

// CoordinatesSources lists the sources.
var CoordinatesSources = []CoordinatesSource{FromGeocoder, FromMap, FromTyped}

// Place is anything with an address and coordinates: a venue, hotel, site or home.
type Place struct {
	ID int64
	// Version rises with every change; a change sent with an older
	// version is refused, so nobody overwrites what they have not seen.
	Version  int
	TenantID int64
	Name     string
	Kind     PlaceKind
	Address  string
	Lat, Lon float64
	// Source says where Lat and Lon came from; typed when not said.
	Source CoordinatesSource
	Notes  string
}

// Validate checks the place's fields.
func (p *Place) Validate() error {
	f := FieldErrors{}
	checkText(f, "name", &p.Name, nameText)
	checkText(f, "address", &p.Address, addressText)
	checkText(f, "notes", &p.Notes, longText)
	if p.Name == "" {
		f.Add("name", "Enter the place's name.")
	}
	if p.Address == "" {
		f.Add("address", "Enter the street address.")
	}
	if !oneOf(p.Kind, PlaceKinds) {
		f.Add("kind", "Choose what kind of place this is.")
	}
	if p.Source == "" {
		p.Source = FromTyped
	}
	if !oneOf(p.Source, CoordinatesSources) {
		f.Add("coordinates_source", "Say where the coordinates come from: geocoder, map or typed.")
	}
	if math.IsNaN(p.Lat) || p.Lat < -90 || p.Lat > 90 {
		f.Add("lat", "Latitude is a number from -90 to 90.")
	}
	if math.IsNaN(p.Lon) || p.Lon < -180 || p.Lon > 180 {
		f.Add("lon", "Longitude is a number from -180 to 180.")
	}
	if p.Lat == 0 && p.Lon == 0 {
		f.Add("lat", "Enter the coordinates (latitude and longitude) of the address.")
	}
	return f.Err("place")
}

// OrganizationKind classifies resource organizations.
type OrganizationKind string

// Organization kinds.
const (
	OrgNonprofit  OrganizationKind = "nonprofit"
	OrgGovernment OrganizationKind = "government"
	OrgLaw        OrganizationKind = "law enforcement"
	OrgAcademic   OrganizationKind = "academic"
	OrgHealthcare OrganizationKind = "healthcare"
	OrgMedia      OrganizationKind = "media"
	OrgFaith      OrganizationKind = "faith"
	OrgBusiness   OrganizationKind = "business"
	OrgCultural   OrganizationKind = "cultural"
	OrgOther      OrganizationKind = "other"
)

// OrganizationKinds lists the kinds in the order the UI offers them.
var OrganizationKinds = []OrganizationKind{OrgNonprofit, OrgGovernment, OrgLaw, OrgAcademic,
	OrgHealthcare, OrgMedia, OrgFaith, OrgBusiness, OrgCultural, OrgOther}

// Organization is a resource organization of the directory: a university,
// prosecutor's office, newsroom, NGO or cultural site.
type Organization struct {
	ID int64
	// Version rises with every change; a change sent with an older
	// version is refused, so nobody overwrites what they have not seen.
	Version     int
	TenantID    int64
	Name        string
	Kind        OrganizationKind
	Description string
	Website     string
	Email       string
	Phone       string
	// PlaceID is the organization's office, a place of the directory (0:
	// none given); PlaceName is its name, read only.
	PlaceID   int64
	PlaceName string
	// Address, Lat, Lon and Source are the office's, read from the place
	// PlaceID. On a change, Address (with the pin's or typed coordinates,
	// else looked up) gives the office by its address rather than by a
	// place of the directory; the application layer keeps the place
	// (internal/app, UpdateOrganization, says how).
	Address  string
	Lat, Lon float64
	Source   CoordinatesSource
	Topics   []string
}

// Validate checks the organization's fields.
func (o *Organization) Validate() error {
	f := FieldErrors{}
	checkText(f, "name", &o.Name, nameText)
	checkText(f, "description", &o.Description, longText)
	checkText(f, "website", &o.Website, webText)
	checkText(f, "phone", &o.Phone, phoneText)
	checkText(f, "address", &o.Address, addressText)
	if o.Name == "" {
		f.Add("name", "Enter the organization's name.")
	}
	o.checkCoordinates(f)
	if o.Kind == "" {
		o.Kind = OrgOther
	}
	if !oneOf(o.Kind, OrganizationKinds) {
		f.Add("kind", "Choose what kind of organization this is.")
	}
	if _, wrong := f["website"]; !wrong && o.Website != "" {
		if u, err := url.Parse(o.Website); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			f.Add("website", "Enter a web address starting with https://.")
		}
	}
	checkEmail(f, "email", &o.Email, false)
	o.Topics = CleanList(o.Topics)
	checkList(f, "topics", o.Topics, topicText)
	return f.Err("organization")
}

// checkCoordinates checks the office's pin or typed coordinates, which
// come with an address; without them the address is looked up.
func (o *Organization) checkCoordinates(f FieldErrors) {
	if math.IsNaN(o.Lat) || o.Lat < -90 || o.Lat > 90 {
		f.Add("lat", "Latitude is a number from -90 to 90.")
	}
	if math.IsNaN(o.Lon) || o.Lon < -180 || o.Lon > 180 {
		f.Add("lon", "Longitude is a number from -180 to 180.")
	}
	if o.Address == "" && (o.Lat != 0 || o.Lon != 0) {
		f.Add("address", "Enter the street address of the office the pin or the coordinates are for.")
	}
	if o.Source != "" && !oneOf(o.Source, CoordinatesSources) {
		f.Add("coordinates_source", "Say where the coordinates come from: geocoder, map or typed.")
	}
}

// Office is the place an organization given by its address is at: an
// office named after it, at the address and coordinates it was given.
func (o *Organization) Office() Place {
	return Place{ID: o.PlaceID, TenantID: o.TenantID, Name: o.Name, Kind: PlaceOffice, Address: o.Address,
		Lat: o.Lat, Lon: o.Lon, Source: o.Source}
}

// SameAddress reports whether two addresses are written alike, case and
// spacing aside.
func SameAddress(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// Contact is a person at an organization, asked to host meetings.
type Contact struct {
	ID int64
	// Version rises with every change; a change sent with an older
	// version is refused, so nobody overwrites what they have not seen.
	Version          int
	TenantID         int64
	OrganizationID   int64
	OrganizationName string
	Name             string
	Title            string
	Email            string
	Phone            string
	Notes            string
	// EmailFailing says why mail to Email came back for good (a hard
	// bounce); "" while it is not failing. Set by the inbound mail
	// handler, cleared when the address is edited; read only.
	EmailFailing string
}

// Validate checks the contact's fields.
func (c *Contact) Validate() error {
	f := FieldErrors{}
	checkText(f, "name", &c.Name, nameText)
	checkText(f, "title", &c.Title, nameText)
	checkText(f, "phone", &c.Phone, phoneText)
	checkText(f, "notes", &c.Notes, longText)
	if c.Name == "" {
		f.Add("name", "Enter the person's name.")
	}
	if c.OrganizationID == 0 {
		f.Add("organization_id", "Choose the organization this person works at.")
	}
	checkEmail(f, "email", &c.Email, false)
	return f.Err("contact")
}

// DirectoryFilter narrows directory lists. Empty fields do not filter.
type DirectoryFilter struct {
	Query string // part of the name, case-insensitive
	Topic string // exact topic name
	Limit int    // 0: no limit
	// AfterName and AfterID > 0: only the records after the one with that
	// name and id in the list's order (name without case, then id):
	// keyset paging, read from the index (organizations only).
	AfterName string
	AfterID   int64
}

// Validate checks the filter's values, which come from search boxes and
// query parameters: ?q= and ?topic= are one line of text each.
func (f *DirectoryFilter) Validate() error {
	fe := FieldErrors{}
	CheckQuery(fe, "q", &f.Query)
	CheckQuery(fe, "topic", &f.Topic)
	if f.Limit < 0 {
		fe.Add("limit", "Give a whole number from 1.")
	}
	return fe.queryErr()
}

// CleanList trims items, drops empty ones and duplicates (case-insensitive),
// keeping the first spelling and the order.
func CleanList(items []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, it := range items {
		it = strings.Join(strings.Fields(it), " ")
		k := strings.ToLower(it)
		if it == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, it)
	}
	return out
}

// SplitList splits a comma- or newline-separated list as typed in a form.
func SplitList(s string) []string {
	return CleanList(strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == ';' }))
}

func oneOf[T comparable](v T, all []T) bool {
	for _, a := range all {
		if a == v {
			return true
		}
	}
	return false
}
