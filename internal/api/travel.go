package api

import (
	"net/http"
	"strconv"

	"itinera"
)

// The officer's own travel times for legs of a program ("the bus takes 50
// minutes here"): /api/v1/programs/{id}/travel-times. A leg is one
// direction, named by its two places in the path.

type travelTimeJSON struct {
	FromPlaceID   int64  `json:"from_place_id"`
	FromPlaceName string `json:"from_place_name"`
	ToPlaceID     int64  `json:"to_place_id"`
	ToPlaceName   string `json:"to_place_name"`
	Minutes       int    `json:"minutes"`
	Note          string `json:"note"`
}

type travelTimeInput struct {
	Minutes *int   `json:"minutes"`
	Note    string `json:"note"`
}

func newTravelTimeJSON(o itinera.TravelOverride) travelTimeJSON {
	return travelTimeJSON{FromPlaceID: o.From, FromPlaceName: o.FromName, ToPlaceID: o.To, ToPlaceName: o.ToName,
		Minutes: o.Minutes, Note: o.Note}
}

// legKey orders a program's legs for paging.
func legKey(o itinera.TravelOverride) int64 { return o.From<<32 ^ o.To }

func (a *API) listTravelTimes(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	legs, err := a.svc.Travel.TravelOverrides(r.Context(), u.TenantID, p.ID)
	if err != nil {
		return err
	}
	return listed(w, r, a, "travel_times", legs, legKey, newTravelTimeJSON)
}

// leg reads the program and the two places of the path.
func (a *API) leg(r *http.Request, u itinera.User) (itinera.Program, int64, int64, error) {
	p, err := a.program(r, u)
	if err != nil {
		return p, 0, 0, err
	}
	from, err1 := strconv.ParseInt(r.PathValue("from"), 10, 64)
	to, err2 := strconv.ParseInt(r.PathValue("to"), 10, 64)
	if err1 != nil || err2 != nil || from <= 0 || to <= 0 {
		return p, 0, 0, itinera.Errorf(itinera.ENOTFOUND, "A leg is named by the ids of its two places: /travel-times/{from_place_id}/{to_place_id}.")
	}
	return p, from, to, nil
}

func (a *API) getTravelTime(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, from, to, err := a.leg(r, u)
	if err != nil {
		return err
	}
	legs, err := a.svc.Travel.TravelOverrides(r.Context(), u.TenantID, p.ID)
	if err != nil {
		return err
	}
	for _, l := range legs {
		if l.From == from && l.To == to {
			return a.ok(w, r, newTravelTimeJSON(l))
		}
	}
	return itinera.Errorf(itinera.ENOTFOUND, "The program has no travel time of its own from place %d to place %d.", from, to)
}

// putTravelTime sets the time of one leg, replacing the one set before.
func (a *API) putTravelTime(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, from, to, err := a.leg(r, u)
	if err != nil {
		return err
	}
	var in travelTimeInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Minutes == nil {
		f := itinera.FieldErrors{}
		f.Add("minutes", "Give the minutes the trip takes.")
		return f.Err("travel time")
	}
	o, err := a.app.SetTravelOverride(r.Context(), a.caller(r, u),
		itinera.TravelOverride{ProgramID: p.ID, From: from, To: to, Minutes: *in.Minutes, Note: in.Note})
	if err != nil {
		return err
	}
	return a.ok(w, r, newTravelTimeJSON(o))
}

// deleteTravelTime removes the officer's time for a leg: the routing
// engine or the model times it again.
func (a *API) deleteTravelTime(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, from, to, err := a.leg(r, u)
	if err != nil {
		return err
	}
	if err := a.app.DeleteTravelOverride(r.Context(), a.caller(r, u), p.ID, from, to); err != nil {
		return err
	}
	return noContent(w)
}
