package api

import (
	"net/http"

	"itinera"
)

// itineraryJSON is one version of a program's schedule.
type itineraryJSON struct {
	ID        int64               `json:"id"`
	Version   int                 `json:"version"`
	CreatedAt string              `json:"created_at"`
	Note      string              `json:"note"`
	Items     []itineraryItemJSON `json:"items"`
}

// itineraryItemJSON is one timed meeting or activity; exactly one of
// meeting_id and activity_id is set, the other is null.
type itineraryItemJSON struct {
	MeetingID     *int64 `json:"meeting_id"`
	ActivityID    *int64 `json:"activity_id"`
	Title         string `json:"title"`
	PlaceName     string `json:"place_name"`
	Start         string `json:"start"`
	End           string `json:"end"`
	TravelMinutes int    `json:"travel_minutes"`
	Pinned        bool   `json:"pinned"`
	// VisitorIDs are the visitors who attend the item on a split day;
	// empty: the whole delegation. InterpreterIDs go with them (empty on
	// an item of the whole delegation: every interpreter).
	VisitorIDs     []int64 `json:"visitor_ids"`
	InterpreterIDs []int64 `json:"interpreter_ids"`
}

func optID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func newItineraryJSON(it itinera.Itinerary, p itinera.Program) *itineraryJSON {
	loc := p.Location()
	return &itineraryJSON{ID: it.ID, Version: it.Version, CreatedAt: instant(it.CreatedAt, loc), Note: it.Note,
		Items: mapList(it.Items, func(x itinera.ItineraryItem) itineraryItemJSON {
			return itineraryItemJSON{MeetingID: optID(x.MeetingID), ActivityID: optID(x.ActivityID),
				Title: x.Title, PlaceName: x.PlaceName, Start: instant(x.Start, loc), End: instant(x.End, loc),
				TravelMinutes: x.TravelMinutes, Pinned: x.Pinned, VisitorIDs: ids(x.VisitorIDs), InterpreterIDs: ids(x.InterpreterIDs)}
		})}
}

// currentItinerary returns the program's newest itinerary, or nil when it
// has none yet.
func (a *API) currentItinerary(r *http.Request, u itinera.User, p itinera.Program) (*itineraryJSON, error) {
	it, err := a.svc.Itineraries.CurrentItinerary(r.Context(), u.TenantID, p.ID)
	switch itinera.ErrorCode(err) {
	case "":
		return newItineraryJSON(it, p), nil
	case itinera.ENOTFOUND:
		return nil, nil
	}
	return nil, err
}

// getItinerary answers {"itinerary": …}, null while the program has none.
func (a *API) getItinerary(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "program")
	if err != nil {
		return err
	}
	return a.okCached(w, r, u, "itinerary", id, func() (any, error) {
		p, err := a.program(r, u)
		if err != nil {
			return nil, err
		}
		it, err := a.currentItinerary(r, u, p)
		if err != nil {
			return nil, err
		}
		return map[string]*itineraryJSON{"itinerary": it}, nil
	})
}
