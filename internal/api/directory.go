package api

import (
	"net/http"
	"strconv"
	"strings"

	"itinera"
)

// The resource directory: organizations, contacts, places and topics.

type organizationJSON struct {
	ID          int64    `json:"id"`
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Description string   `json:"description"`
	Website     string   `json:"website"`
	Email       string   `json:"email"`
	Phone       string   `json:"phone"`
	Place       *ref     `json:"place"`
	Topics      []string `json:"topics"`
}

type organizationInput struct {
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Description string   `json:"description"`
	Website     string   `json:"website"`
	Email       string   `json:"email"`
	Phone       string   `json:"phone"`
	PlaceID     int64    `json:"place_id"`
	Topics      []string `json:"topics"`
}

func newOrganizationJSON(o itinera.Organization) organizationJSON {
	return organizationJSON{ID: o.ID, Name: o.Name, Kind: string(o.Kind), Description: o.Description,
		Website: o.Website, Email: o.Email, Phone: o.Phone, Place: optRef(o.PlaceID, o.PlaceName),
		Topics: list(o.Topics)}
}

type contactJSON struct {
	ID           int64  `json:"id"`
	Organization ref    `json:"organization"`
	Name         string `json:"name"`
	Title        string `json:"title"`
	Email        string `json:"email"`
	Phone        string `json:"phone"`
	Notes        string `json:"notes"`
}

type contactInput struct {
	OrganizationID int64  `json:"organization_id"`
	Name           string `json:"name"`
	Title          string `json:"title"`
	Email          string `json:"email"`
	Phone          string `json:"phone"`
	Notes          string `json:"notes"`
}

func newContactJSON(c itinera.Contact) contactJSON {
	return contactJSON{ID: c.ID, Organization: ref{ID: c.OrganizationID, Name: c.OrganizationName},
		Name: c.Name, Title: c.Title, Email: c.Email, Phone: c.Phone, Notes: c.Notes}
}

type placeJSON struct {
	ID      int64   `json:"id"`
	Name    string  `json:"name"`
	Kind    string  `json:"kind"`
	Address string  `json:"address"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	Notes   string  `json:"notes"`
}

type placeInput struct {
	Name    string  `json:"name"`
	Kind    string  `json:"kind"`
	Address string  `json:"address"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	Notes   string  `json:"notes"`
}

func newPlaceJSON(p itinera.Place) placeJSON {
	return placeJSON{ID: p.ID, Name: p.Name, Kind: string(p.Kind), Address: p.Address, Lat: p.Lat, Lon: p.Lon, Notes: p.Notes}
}

type topicJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// MaxListLimit bounds the limit parameter of directory lists.
const maxListLimit = 1000

// directoryFilter reads ?q=, ?topic= and ?limit=.
func directoryFilter(r *http.Request) (itinera.DirectoryFilter, error) {
	q := r.URL.Query()
	f := itinera.DirectoryFilter{Query: strings.TrimSpace(q.Get("q")), Topic: strings.TrimSpace(q.Get("topic"))}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxListLimit {
			return f, &itinera.Error{Code: itinera.EINVALID, Message: "The list cannot be filtered as asked.",
				Fields: map[string]string{"limit": "Give a whole number from 1 to 1000."}}
		}
		f.Limit = n
	}
	return f, f.Validate()
}

// Organizations.

func (a *API) listOrganizations(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	f, err := directoryFilter(r)
	if err != nil {
		return err
	}
	os, err := a.svc.Directory.Organizations(r.Context(), u.TenantID, f)
	if err != nil {
		return err
	}
	return a.ok(w, r, map[string][]organizationJSON{"organizations": mapList(os, newOrganizationJSON)})
}

func (a *API) buildOrganization(w http.ResponseWriter, r *http.Request, u itinera.User, o *itinera.Organization) error {
	var in organizationInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f := itinera.FieldErrors{}
	o.TenantID, o.Name, o.Kind, o.Description = u.TenantID, in.Name, itinera.OrganizationKind(in.Kind), in.Description
	o.Website, o.Email, o.Phone, o.PlaceID, o.Topics = in.Website, in.Email, in.Phone, in.PlaceID, in.Topics
	var err error
	if o.PlaceName, err = a.checkPlace(r.Context(), u.TenantID, o.PlaceID, f, "place_id"); err != nil {
		return err
	}
	return validate("organization", f, o)
}

// Contacts.

func (a *API) listContacts(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	f, err := directoryFilter(r)
	if err != nil {
		return err
	}
	cs, err := a.svc.Directory.Contacts(r.Context(), u.TenantID, f)
	if err != nil {
		return err
	}
	return a.ok(w, r, map[string][]contactJSON{"contacts": mapList(cs, newContactJSON)})
}

func (a *API) buildContact(w http.ResponseWriter, r *http.Request, u itinera.User, c *itinera.Contact) error {
	var in contactInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f := itinera.FieldErrors{}
	c.TenantID, c.OrganizationID, c.Name, c.Title = u.TenantID, in.OrganizationID, in.Name, in.Title
	c.Email, c.Phone, c.Notes = in.Email, in.Phone, in.Notes
	var err error
	if c.OrganizationName, err = a.checkOrganization(r.Context(), u.TenantID, c.OrganizationID, f, "organization_id"); err != nil {
		return err
	}
	return validate("contact", f, c)
}

// Places.

func (a *API) listPlaces(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	f, err := directoryFilter(r)
	if err != nil {
		return err
	}
	ps, err := a.svc.Directory.Places(r.Context(), u.TenantID, f)
	if err != nil {
		return err
	}
	return a.ok(w, r, map[string][]placeJSON{"places": mapList(ps, newPlaceJSON)})
}

func buildPlace(w http.ResponseWriter, r *http.Request, u itinera.User, p *itinera.Place) error {
	var in placeInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	p.TenantID, p.Name, p.Kind, p.Address = u.TenantID, in.Name, itinera.PlaceKind(in.Kind), in.Address
	p.Lat, p.Lon, p.Notes = in.Lat, in.Lon, in.Notes
	return validate("place", itinera.FieldErrors{}, p)
}

// Topics.

func (a *API) listTopics(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	ts, err := a.svc.Directory.Topics(r.Context(), u.TenantID)
	if err != nil {
		return err
	}
	return a.ok(w, r, map[string][]topicJSON{"topics": mapList(ts, func(t itinera.Topic) topicJSON {
		return topicJSON{ID: t.ID, Name: t.Name}
	})})
}
