package api

import (
	"net/http"
	"strings"

	"itinera"
)

// The resource directory: organizations, contacts, places and topics.

type organizationJSON struct {
	ID          int64    `json:"id"`
	Version     int      `json:"version"`
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Description string   `json:"description"`
	Website     string   `json:"website"`
	Email       string   `json:"email"`
	Phone       string   `json:"phone"`
	Place       *ref     `json:"place"`
	Address     string   `json:"address"`
	Topics      []string `json:"topics"`
}

type organizationInput struct {
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	Description string `json:"description"`
	Website     string `json:"website"`
	Email       string `json:"email"`
	Phone       string `json:"phone"`
	PlaceID     int64  `json:"place_id"`
	// Address (with the pin's or typed coordinates, else looked up) gives
	// the office by its address: see app.UpdateOrganization.
	Address           string   `json:"address"`
	Lat               float64  `json:"lat,omitempty"`
	Lon               float64  `json:"lon,omitempty"`
	CoordinatesSource string   `json:"coordinates_source,omitempty"`
	Topics            []string `json:"topics"`
}

func newOrganizationJSON(o itinera.Organization) organizationJSON {
	return organizationJSON{ID: o.ID, Version: o.Version, Name: o.Name, Kind: string(o.Kind), Description: o.Description,
		Website: o.Website, Email: o.Email, Phone: o.Phone, Place: optRef(o.PlaceID, o.PlaceName),
		Address: o.Address, Topics: list(o.Topics)}
}

type contactJSON struct {
	ID           int64  `json:"id"`
	Version      int    `json:"version"`
	Organization ref    `json:"organization"`
	Name         string `json:"name"`
	Title        string `json:"title"`
	Email        string `json:"email"`
	Phone        string `json:"phone"`
	Notes        string `json:"notes"`
	EmailFailing string `json:"email_failing"`
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
	return contactJSON{ID: c.ID, Version: c.Version, Organization: ref{ID: c.OrganizationID, Name: c.OrganizationName},
		Name: c.Name, Title: c.Title, Email: c.Email, Phone: c.Phone, Notes: c.Notes, EmailFailing: c.EmailFailing}
}

type placeJSON struct {
	ID                int64   `json:"id"`
	Version           int     `json:"version"`
	Name              string  `json:"name"`
	Kind              string  `json:"kind"`
	Address           string  `json:"address"`
	Lat               float64 `json:"lat"`
	Lon               float64 `json:"lon"`
	CoordinatesSource string  `json:"coordinates_source"`
	Notes             string  `json:"notes"`
}

type placeInput struct {
	Name              string  `json:"name"`
	Kind              string  `json:"kind"`
	Address           string  `json:"address"`
	Lat               float64 `json:"lat"`
	Lon               float64 `json:"lon"`
	CoordinatesSource string  `json:"coordinates_source,omitempty"`
	Notes             string  `json:"notes"`
}

func newPlaceJSON(p itinera.Place) placeJSON {
	return placeJSON{ID: p.ID, Version: p.Version, Name: p.Name, Kind: string(p.Kind), Address: p.Address, Lat: p.Lat, Lon: p.Lon,
		CoordinatesSource: string(p.Source), Notes: p.Notes}
}

type topicJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// directoryFilter reads ?q= and ?topic=.
func directoryFilter(r *http.Request) (itinera.DirectoryFilter, error) {
	q := r.URL.Query()
	// ?limit= and ?cursor= page the list (paging.go).
	f := itinera.DirectoryFilter{Query: strings.TrimSpace(q.Get("q")), Topic: strings.TrimSpace(q.Get("topic"))}
	return f, f.Validate()
}

// Organizations.

func (a *API) listOrganizations(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	f, err := directoryFilter(r)
	if err != nil {
		return err
	}
	// Paged in SQL: keyset on the name and id of the cursor's last
	// organization (index organizations_tenant_lower_name).
	p, err := readPaging(r)
	if err != nil {
		return err
	}
	f.Limit, f.AfterID, f.AfterName = p.limit+1, p.after.Last, p.after.Name
	if p.after.Last > 0 && p.after.Name == "" {
		// A cursor without the name: find it from the organization.
		last, err := a.svc.Directory.Organization(r.Context(), u.TenantID, p.after.Last)
		if err != nil {
			return badCursor()
		}
		f.AfterName = last.Name
	}
	os, err := a.svc.Directory.Organizations(r.Context(), u.TenantID, f)
	if err != nil {
		return err
	}
	var next *string
	if len(os) > p.limit {
		os = os[:p.limit]
		last := os[len(os)-1]
		c := cursor{Offset: p.after.Offset + p.limit, Last: last.ID, Name: last.Name}.encode()
		next = &c
	}
	return a.ok(w, r, map[string]any{"organizations": mapList(os, newOrganizationJSON), "next_cursor": next})
}

func (a *API) buildOrganization(w http.ResponseWriter, r *http.Request, u itinera.User, o *itinera.Organization) error {
	var in organizationInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f := itinera.FieldErrors{}
	o.TenantID, o.Name, o.Kind, o.Description = u.TenantID, in.Name, itinera.OrganizationKind(in.Kind), in.Description
	o.Website, o.Email, o.Phone, o.PlaceID, o.Topics = in.Website, in.Email, in.Phone, in.PlaceID, in.Topics
	o.Address, o.Lat, o.Lon, o.Source = in.Address, in.Lat, in.Lon, itinera.CoordinatesSource(in.CoordinatesSource)
	return parsed("organization", f, o)
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
	return listed(w, r, a, "contacts", cs, func(c itinera.Contact) int64 { return c.ID }, newContactJSON)
}

func (a *API) buildContact(w http.ResponseWriter, r *http.Request, u itinera.User, c *itinera.Contact) error {
	var in contactInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f := itinera.FieldErrors{}
	c.TenantID, c.OrganizationID, c.Name, c.Title = u.TenantID, in.OrganizationID, in.Name, in.Title
	c.Email, c.Phone, c.Notes = in.Email, in.Phone, in.Notes
	return parsed("contact", f, c)
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
	return listed(w, r, a, "places", ps, func(p itinera.Place) int64 { return p.ID }, newPlaceJSON)
}

func buildPlace(w http.ResponseWriter, r *http.Request, u itinera.User, p *itinera.Place) error {
	var in placeInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	p.TenantID, p.Name, p.Kind, p.Address = u.TenantID, in.Name, itinera.PlaceKind(in.Kind), in.Address
	p.Lat, p.Lon, p.Notes, p.Source = in.Lat, in.Lon, in.Notes, itinera.CoordinatesSource(in.CoordinatesSource)
	if p.Lat == 0 && p.Lon == 0 {
		return nil // the application layer looks the address up, or says what is missing
	}
	return validate("place", itinera.FieldErrors{}, p)
}

// Topics.

func (a *API) listTopics(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	ts, err := a.svc.Directory.Topics(r.Context(), u.TenantID)
	if err != nil {
		return err
	}
	return listed(w, r, a, "topics", ts, func(t itinera.Topic) int64 { return t.ID }, func(t itinera.Topic) topicJSON {
		return topicJSON{ID: t.ID, Name: t.Name}
	})
}
