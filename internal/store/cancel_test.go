package store_test

import (
	"testing"
	"time"

	"itinera"
	"itinera/internal/store"
)

func TestCancelMeeting(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		a := mustFixture(t, s, "cancel-a")
		b := mustFixture(t, s, "cancel-b")
		tid, pid := a.tenant.ID, a.program.ID
		loc, _ := time.LoadLocation("America/Chicago")
		m := itinera.Meeting{TenantID: tid, ProgramID: pid, Title: "GHT", HostOrganizationID: a.org.ID, DurationMinutes: 60}
		must(t, s.CreateMeeting(ctx, &m))
		start := time.Date(2026, 12, 7, 9, 0, 0, 0, loc)
		it := itinera.Itinerary{TenantID: tid, ProgramID: pid, Items: []itinera.ItineraryItem{{MeetingID: m.ID, Start: start, End: start.Add(time.Hour)}}}
		must(t, s.SaveItinerary(ctx, &it))

		wantCode(t, s.CancelMeeting(ctx, b.tenant.ID, m.ID, "", nil), itinera.ENOTFOUND)
		called := false
		must(t, s.CancelMeeting(ctx, tid, m.ID, "", func(itinera.Cancelled) ([]itinera.OutboxMessage, error) {
			called = true // only for a confirmed meeting
			return nil, nil
		}))
		if called {
			t.Error("notify called for a meeting that was never confirmed")
		}
		got, err := s.Meeting(ctx, tid, m.ID)
		must(t, err)
		cur, err := s.CurrentItinerary(ctx, tid, pid)
		must(t, err)
		if got.Status != itinera.MeetingCancelled || cur.Version != 2 || len(cur.Items) != 0 {
			t.Fatalf("after cancel: status %q, itinerary v%d with %d items", got.Status, cur.Version, len(cur.Items))
		}
		wantCode(t, s.CancelMeeting(ctx, tid, m.ID, "", nil), itinera.ECONFLICT)
	})
}
