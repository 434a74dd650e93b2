package store_test

import (
	"testing"
	"time"

	"itinera"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// TestAlertsRevision: the changes of the notifications that write no
// audit entry (a message failed for good, sent again, bounced; a received
// message recorded, put aside) bump the tenant's alerts counter in their
// own transaction, and only that tenant's.
func TestAlertsRevision(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		tn, other := mustTenant(t, s, "stl"), mustTenant(t, s, "kc")
		rev := func(id int64) itinera.AlertsRevision {
			t.Helper()
			r, err := s.AlertsRevision(ctx, id)
			must(t, err)
			return r
		}
		start, otherStart := rev(tn.ID), rev(other.ID)
		m := mustEnqueue(t, s, tn.ID, "shima@example.org", time.Time{})
		if got := rev(tn.ID); got != start {
			t.Fatalf("a queued message changed the counter: %+v → %+v", start, got)
		}
		_, err := s.ClaimDue(ctx, storetest.Clock.Add(time.Hour), time.Minute, 10)
		must(t, err)
		must(t, s.MarkFailed(ctx, m.ID, itinera.OutboxFailure{At: storetest.Clock, Reason: "no such mailbox", Permanent: true}))
		steps := []int64{rev(tn.ID).Alerts}
		must(t, s.RetryOutboxMessage(ctx, tn.ID, m.ID))
		steps = append(steps, rev(tn.ID).Alerts)
		must(t, s.MarkOutboxBounced(ctx, tn.ID, m.ID, "Returned: 5.1.1"))
		steps = append(steps, rev(tn.ID).Alerts)
		in := itinera.InboundMessage{TenantID: tn.ID, MessageID: "<stray@example.org>", ReceivedAt: storetest.Clock,
			From: "someone@example.org", Subject: "Hello", Kind: itinera.InboundMail}
		must(t, s.RecordInbound(ctx, &in))
		steps = append(steps, rev(tn.ID).Alerts)
		must(t, s.DismissInbound(ctx, tn.ID, in.ID))
		steps = append(steps, rev(tn.ID).Alerts)
		for i, n := range steps {
			if n != start.Alerts+int64(i)+1 {
				t.Fatalf("counter after each change: %v, from %d", steps, start.Alerts)
			}
		}
		if got := rev(other.ID); got != otherStart {
			t.Errorf("the other tenant's counter moved: %+v → %+v", otherStart, got)
		}
	})
}
