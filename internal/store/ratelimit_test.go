package store_test

import (
	"context"
	"testing"
	"time"

	"itinera/internal/auth"
	"itinera/internal/storetest"
)

// TestSharedLimitersShareABudget: two limiters of one name on one database
// (two app servers) have one budget per key; a refund, the wait and a
// refill over time are seen by both; another name or key is another budget.
func TestSharedLimitersShareABudget(t *testing.T) {
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			now := time.Date(2026, 11, 2, 15, 0, 0, 0, time.UTC)
			clock := func() time.Time { return now }
			a := auth.NewSharedLimiter("sign-in", 3, time.Minute, clock, s)
			b := auth.NewSharedLimiter("sign-in", 3, time.Minute, clock, s)
			other := auth.NewSharedLimiter("reset", 3, time.Minute, clock, s)
			for i, l := range []*auth.Limiter{a, b, a} {
				if ok, _ := l.Take("ann@example.org"); !ok {
					t.Fatalf("attempt %d refused", i+1)
				}
			}
			if ok, wait := b.Take("ann@example.org"); ok || wait != time.Minute {
				t.Fatalf("4th attempt on the other server: %v %s, want refused for 1m", ok, wait)
			}
			if w := a.Wait("ann@example.org"); w != time.Minute {
				t.Fatalf("wait %s", w)
			}
			if !b.Allow("bob@example.org") || !other.Allow("ann@example.org") {
				t.Fatal("another key or limit shares the budget")
			}
			a.Refund("ann@example.org")
			if !b.Allow("ann@example.org") || b.Allow("ann@example.org") {
				t.Fatal("a refund on one server is not one attempt on the other")
			}
			now = now.Add(2 * time.Minute)
			if ok, _ := b.Take("ann@example.org", "bob@example.org"); !ok {
				t.Fatal("no refill after 2 minutes")
			}
			// A full bucket is forgotten: no row is left for it.
			now = now.Add(time.Hour)
			a.Refund("ann@example.org", "bob@example.org")
			var n int
			if err := s.DB().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM rate_buckets WHERE name = 'sign-in'`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Fatalf("%d full buckets kept", n)
			}
		})
	}
}

// TestSharedWaitReadsOncePerSecond: the check before each API request
// (Wait) trusts what it read of a shared bucket for a second, so a limit
// reached through another server holds here within that second, and one
// reached through this server at once.
func TestSharedWaitReadsOncePerSecond(t *testing.T) {
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			now := time.Date(2026, 11, 2, 15, 0, 0, 0, time.UTC)
			clock := func() time.Time { return now }
			here := auth.NewSharedLimiter("api token", 2, time.Minute, clock, s)
			there := auth.NewSharedLimiter("api token", 2, time.Minute, clock, s)
			if w := here.Wait("192.0.2.7"); w != 0 {
				t.Fatalf("a fresh address waits %s", w)
			}
			there.Allow("192.0.2.7")
			there.Allow("192.0.2.7")
			if w := here.Wait("192.0.2.7"); w != 0 {
				t.Fatalf("within the second, the look read before holds: wait %s", w)
			}
			now = now.Add(time.Second)
			if w := here.Wait("192.0.2.7"); w <= 0 {
				t.Fatal("a second later the other server's limit does not hold here")
			}
			// Through this server: at once.
			now = now.Add(2 * time.Minute)
			if w := here.Wait("192.0.2.8"); w != 0 {
				t.Fatalf("another address waits %s", w)
			}
			here.Allow("192.0.2.8")
			here.Allow("192.0.2.8")
			if w := here.Wait("192.0.2.8"); w <= 0 {
				t.Fatal("the limit reached through this server does not hold at once")
			}
		})
	}
}
