package api

import (
	"net/http"
	"strings"
	"time"

	"itinera"
)

// Volunteer host households, the officer's side: the list with its status
// filter (as the web households page shows it), one household, and the
// approval or rejection of a sign-up. Households sign up and change their
// own details on public pages, never through the API.

type householdJSON struct {
	ID           int64    `json:"id"`
	Name         string   `json:"name"`
	Status       string   `json:"status"`
	ContactName  string   `json:"contact_name"`
	Email        string   `json:"email"`
	Phone        string   `json:"phone"`
	Address      string   `json:"address"`
	Lat          float64  `json:"lat"`
	Lon          float64  `json:"lon"`
	Languages    []string `json:"languages"`
	CanServe     []string `json:"can_serve"`
	Pets         []string `json:"pets"`
	Interests    []string `json:"interests"`
	Smoking      bool     `json:"smoking"`
	Stairs       bool     `json:"stairs"`
	Capacity     int      `json:"capacity"`
	Availability string   `json:"availability"`
	FreeDates    []string `json:"free_dates"`
	FreeWeekdays []string `json:"free_weekdays"`
	Note         string   `json:"note"`
	// VolunteerMinutes adds up the household's time over every confirmed evening.
	VolunteerMinutes int    `json:"volunteer_minutes"`
	CreatedAt        string `json:"created_at"`
	UpdatedAt        string `json:"updated_at"`
}

func newHouseholdJSON(h itinera.HostHousehold, minutes int) householdJSON {
	j := householdJSON{ID: h.ID, Name: h.Name, Status: string(h.Status), ContactName: h.ContactName, Email: h.Email,
		Phone: h.Phone, Address: h.Address, Lat: h.Lat, Lon: h.Lon, Languages: list(h.Languages), CanServe: list(h.CanServe),
		Pets: list(h.Pets), Interests: list(h.Interests), Smoking: h.Smoking, Stairs: h.Stairs, Capacity: h.Capacity,
		Availability: h.Availability, FreeDates: []string{}, FreeWeekdays: []string{}, Note: h.Note,
		VolunteerMinutes: minutes, CreatedAt: utc(h.CreatedAt), UpdatedAt: utc(h.UpdatedAt)}
	for _, d := range h.FreeDates {
		j.FreeDates = append(j.FreeDates, d.String())
	}
	for _, d := range h.FreeWeekdays {
		j.FreeWeekdays = append(j.FreeWeekdays, strings.ToLower(d.String()))
	}
	return j
}

// utc formats an instant of no program (and so of no program time zone)
// in UTC; "" for the zero time.
func utc(t time.Time) string { return instant(t, time.UTC) }

// listHouseholds answers the organization's households by name, filtered
// by ?status= and ?q= (part of the name).
func (a *API) listHouseholds(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	q := r.URL.Query()
	f := itinera.FieldErrors{}
	st, err := itinera.ParseHouseholdStatus(q.Get("status"))
	if err != nil {
		f.Add("status", "Use pending, approved, rejected or withdrawn.")
	}
	_, perr := readPaging(r)
	for k, v := range itinera.ErrorFields(perr) {
		f.Add(k, v)
	}
	if err := f.Err("query"); err != nil {
		return err
	}
	hs, err := a.svc.Hospitality.Households(r.Context(), u.TenantID,
		itinera.HouseholdFilter{Status: st, Query: strings.TrimSpace(q.Get("q"))})
	if err != nil {
		return err
	}
	minutes, err := a.svc.Hospitality.HouseholdMinutes(r.Context(), u.TenantID)
	if err != nil {
		return err
	}
	return listed(w, r, a, "households", hs, func(h itinera.HostHousehold) int64 { return h.ID },
		func(h itinera.HostHousehold) householdJSON { return newHouseholdJSON(h, minutes[h.ID]) })
}

func (a *API) getHousehold(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "household")
	if err != nil {
		return err
	}
	h, err := a.svc.Hospitality.Household(r.Context(), u.TenantID, id)
	if err != nil {
		return err
	}
	minutes, err := a.svc.Hospitality.HouseholdMinutes(r.Context(), u.TenantID)
	if err != nil {
		return err
	}
	return a.ok(w, r, newHouseholdJSON(h, minutes[h.ID]))
}

// setHouseholdStatus approves or rejects a household: a household no
// longer approved drops out of the evenings not yet confirmed.
func (a *API) setHouseholdStatus(st itinera.HouseholdStatus) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, u itinera.User) error {
		id, err := pathID(r, "household")
		if err != nil {
			return err
		}
		// Volunteer time does not change with the status; read before the
		// write, so that a change that committed is never answered with an error.
		minutes, err := a.svc.Hospitality.HouseholdMinutes(r.Context(), u.TenantID)
		if err != nil {
			return err
		}
		h, err := a.app.SetHouseholdStatus(r.Context(), a.caller(r, u), id, st)
		if err != nil {
			return err
		}
		return a.ok(w, r, newHouseholdJSON(h, minutes[h.ID]))
	}
}
