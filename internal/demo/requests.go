package demo

import (
	"context"
	"fmt"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/requests"
)

// LoadRequests gives each meeting the data marks as confirmed the request
// behind it, as it would have happened: a request proposing its time in
// the itinerary, sent to the meeting's contact, accepted by them, and
// confirmed by the officer. The request e-mails wait in the Outbox, as
// every message of the demo does. baseURL is the site in the e-mails'
// links.
func LoadRequests(ctx context.Context, s itinera.Services, tenantID, programID int64, baseURL string) (int, error) {
	ms, err := s.Candidates.Meetings(ctx, tenantID, programID)
	if err != nil {
		return 0, err
	}
	it, err := s.Itineraries.CurrentItinerary(ctx, tenantID, programID)
	if err != nil {
		return 0, err
	}
	slots := map[int64]itinera.Window{}
	for _, x := range it.Items {
		if x.MeetingID != 0 {
			slots[x.MeetingID] = x.Window()
		}
	}
	n := 0
	for _, m := range ms {
		slot, planned := slots[m.ID]
		if m.Status != itinera.MeetingConfirmed || m.ContactID == 0 || !planned {
			continue
		}
		rq := itinera.Request{TenantID: tenantID, MeetingID: m.ID, ContactID: m.ContactID, Windows: []itinera.Window{slot}}
		if err := s.Requests.CreateRequest(ctx, &rq); err != nil {
			return n, fmt.Errorf("demo: request for %q: %w", m.Title, err)
		}
		token, err := requests.Sender{Services: s, BaseURL: baseURL}.Send(ctx, tenantID, rq.ID)
		if err != nil {
			return n, fmt.Errorf("demo: sending the request for %q: %w", m.Title, err)
		}
		if _, err := s.Requests.AnswerRequest(ctx, auth.HashToken(token), itinera.RequestAnswer{Kind: itinera.AnswerAccept, Slot: slot,
			Comment: "We look forward to meeting the delegation."}); err != nil {
			return n, fmt.Errorf("demo: the answer for %q: %w", m.Title, err)
		}
		if err := s.Requests.ConfirmRequest(ctx, tenantID, rq.ID, slot, nil); err != nil {
			return n, fmt.Errorf("demo: confirming %q: %w", m.Title, err)
		}
		n++
	}
	return n, nil
}
