package store_test

import (
	"context"
	"testing"
	"time"

	"itinera"
	"itinera/internal/store"
)

// TestOutboxCountsStopAtTheLimit: each status is counted up to one more
// than itinera.OutboxCountLimit, per tenant; the list by status and the
// whole list read the same messages as before.
func TestOutboxCountsStopAtTheLimit(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		tn, other := mustTenant(t, s, "stl"), mustTenant(t, s, "kc")
		must(t, s.InTx(ctx, func(ctx context.Context) error {
			for range itinera.OutboxCountLimit + 5 {
				m := itinera.OutboxMessage{TenantID: tn.ID, To: "desk@example.com", Subject: "Hi", TextBody: "x"}
				if err := s.Enqueue(ctx, &m); err != nil {
					return err
				}
			}
			return nil
		}))
		mustEnqueue(t, s, other.ID, "someone@example.net", time.Time{})
		counts, err := s.OutboxCounts(ctx, tn.ID)
		must(t, err)
		if len(counts) != 1 || counts[itinera.OutboxQueued] != itinera.OutboxCountLimit+1 {
			t.Fatalf("counts %v, want queued %d (the limit and one)", counts, itinera.OutboxCountLimit+1)
		}
		if counts, err = s.OutboxCounts(ctx, other.ID); err != nil || len(counts) != 1 || counts[itinera.OutboxQueued] != 1 {
			t.Fatalf("the other tenant's counts %v, %v", counts, err)
		}
		for _, st := range []itinera.OutboxStatus{"", itinera.OutboxQueued} {
			ms, err := s.OutboxMessages(ctx, tn.ID, itinera.OutboxFilter{Status: st, Limit: 10, Offset: 1000})
			must(t, err)
			if len(ms) != 5 {
				t.Errorf("status %q, the last page: %d messages, want 5", st, len(ms))
			}
		}
		ms, err := s.OutboxMessages(ctx, tn.ID, itinera.OutboxFilter{Status: itinera.OutboxSent})
		if err != nil || len(ms) != 0 {
			t.Fatalf("sent: %d, %v", len(ms), err)
		}
	})
}
