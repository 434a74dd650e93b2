package api

import (
	"net/http"

	"itinera"
)

// The places an address may stand for, from the geocoder: the client
// shows them and the user chooses one before the record is saved with its
// coordinates (coordinates_source "geocoder").

type addressMatchJSON struct {
	Label string  `json:"label"`
	Lat   float64 `json:"lat"`
	Lon   float64 `json:"lon"`
}

type addressMatchesJSON struct {
	Matches []addressMatchJSON `json:"matches"`
}

func (a *API) geocode(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	ms, err := a.app.LookUpAddress(r.Context(), a.caller(r, u), r.URL.Query().Get("address"))
	if err != nil {
		return err
	}
	out := addressMatchesJSON{Matches: make([]addressMatchJSON, 0, len(ms))}
	for _, m := range ms {
		out.Matches = append(out.Matches, addressMatchJSON{Label: m.Label, Lat: m.Lat, Lon: m.Lon})
	}
	a.writeJSON(w, r, http.StatusOK, out)
	return nil
}
