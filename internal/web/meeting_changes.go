package web

import (
	"net/http"

	"itinera"
	"itinera/internal/ical"
	"itinera/internal/requests"
)

// followConfirmedPlace: when the place of a confirmed meeting in the
// current itinerary changes, the itinerary gets a new version (its
// SEQUENCE rises) and the meeting's resource an updated invitation, in one
// transaction. It reports whether the resource was told.
func (ui *UI) followConfirmedPlace(r *http.Request, s *session, p itinera.Program, old, m itinera.Meeting) (bool, error) {
	if old.Status != itinera.MeetingConfirmed || m.Status != itinera.MeetingConfirmed || old.PlaceID == m.PlaceID {
		return false, nil
	}
	ctx, tid := r.Context(), s.User.TenantID
	cur, err := ui.svc.Itineraries.CurrentItinerary(ctx, tid, p.ID)
	if itinera.ErrorCode(err) == itinera.ENOTFOUND {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	in := false
	for _, x := range cur.Items {
		in = in || x.MeetingID == m.ID
	}
	if !in {
		return false, nil
	}
	changes, err := requests.LoadChanges(ctx, ui.svc, tid, p.ID, ical.Person{Name: s.User.Name, Email: s.User.Email}, ui.now())
	if err != nil {
		return false, err
	}
	it := itinera.Itinerary{TenantID: tid, ProgramID: p.ID, CreatedBy: s.User.ID,
		Note: "The place of “" + m.Title + "” changed", Items: cur.Items}
	told := false
	err = ui.svc.Itineraries.ApplyItinerary(ctx, &it, func(cs []itinera.ItemChange) ([]itinera.OutboxMessage, error) {
		msgs, err := changes.Messages(cs)
		told = len(msgs) > 0
		return msgs, err
	})
	return told, err
}
