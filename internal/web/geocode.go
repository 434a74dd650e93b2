package web

import (
	"encoding/json"
	"net/http"

	"itinera"
	"itinera/internal/app"
)

// Address lookups for the pin map: its "Find the address on the map"
// button sends the form's address to one of these and lists the places
// found, for the officer (or the host) to choose the one meant. They
// answer JSON, not pages: only the map's script calls them. Without
// JavaScript the form still works: the address is looked up on saving,
// and the first place found is taken.

// matchesJSON is a lookup's answer: {"matches":[{"label":…,"lat":…,"lon":…}]},
// or {"error":{"message":…,"fields":{"address":…}}} with the error's status.
type matchesJSON struct {
	Matches []matchJSON `json:"matches"`
}

type matchJSON struct {
	Label string  `json:"label"`
	Lat   float64 `json:"lat"`
	Lon   float64 `json:"lon"`
}

type lookupErrorJSON struct {
	Error struct {
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	} `json:"error"`
}

// geocode looks the address up for a signed-in user: GET /geocode?address=.
func (ui *UI) geocode(w http.ResponseWriter, r *http.Request, s *session) {
	ms, err := ui.app.LookUpAddress(r.Context(), ui.caller(r, s), r.URL.Query().Get("address"))
	ui.writeMatches(w, r, ms, err)
}

// hostGeocode looks a home up on an organization's sign-up page:
// GET /host/{slug}/geocode?address=.
func (ui *UI) hostGeocode(w http.ResponseWriter, r *http.Request, s *session) {
	if !ui.allowLookup(w, r) {
		return
	}
	ms, err := ui.app.LookUpHomeAddress(r.Context(), r.PathValue("slug"), r.URL.Query().Get("address"))
	ui.writeMatches(w, r, ms, err)
}

// hostLinkGeocode looks a home up on a household's personal page:
// GET /h/{token}/geocode?address=. A link that does not work is answered
// as on the page (and counts against the client as there).
func (ui *UI) hostLinkGeocode(w http.ResponseWriter, r *http.Request, s *session) {
	_, hash, ok := ui.hostHousehold(w, r, s)
	if !ok || !ui.allowLookup(w, r) {
		return
	}
	ms, err := ui.app.LookUpHomeAddressByLink(r.Context(), hash, r.URL.Query().Get("address"))
	ui.writeMatches(w, r, ms, err)
}

// allowLookup bounds the public pages' lookups per client address: each
// may wait on the geocoder's rate limit, which the officers share.
func (ui *UI) allowLookup(w http.ResponseWriter, r *http.Request) bool {
	if ok, wait := ui.hosts.lookups.Take("lookup|" + clientIP(r)); !ok {
		w.Header().Set("Retry-After", retryAfter(wait))
		ui.writeMatches(w, r, nil, itinera.Errorf(itinera.ETOOMANY,
			"Many addresses were looked up from your network in a short time. Please wait a minute, or click your home on the map."))
		return false
	}
	return true
}

// writeMatches answers a lookup with the places found or the error.
func (ui *UI) writeMatches(w http.ResponseWriter, r *http.Request, ms []app.AddressMatch, err error) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store") // a household's address
	var body any
	st := http.StatusOK
	if err != nil {
		code := itinera.ErrorCode(err)
		st = status(code)
		if st >= 500 {
			ui.log.ErrorContext(r.Context(), "address lookup failed", "path", itinera.RedactSecretLinks(r.URL.Path), "err", err)
		}
		var e lookupErrorJSON
		e.Error.Message, e.Error.Fields = itinera.ErrorMessage(err), map[string]string{}
		if code != itinera.EINTERNAL {
			for k, v := range itinera.ErrorFields(err) {
				e.Error.Fields[k] = v
			}
		}
		if code == itinera.ENOTFOUND {
			e.Error.Message = "This page no longer works: reload it."
		}
		body = e
	} else {
		out := matchesJSON{Matches: make([]matchJSON, 0, len(ms))}
		for _, m := range ms {
			out.Matches = append(out.Matches, matchJSON{Label: m.Label, Lat: m.Lat, Lon: m.Lon})
		}
		body = out
	}
	w.WriteHeader(st)
	if err := json.NewEncoder(w).Encode(body); err != nil {
		ui.log.WarnContext(r.Context(), "address lookup not sent", "err", err)
	}
}
