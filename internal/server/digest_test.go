package server

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/storetest"
)

// TestServeQueuesDigests: the server's background job queues, through the
// outbox, the daily digest of a user who asked for one, once, and stops
// with the server.
func TestServeQueuesDigests(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := storetest.Default(t)
	tenant := itinera.Tenant{Slug: "digest", Name: "Digest Org", TimeZone: "America/Chicago"}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.CreateTenant(ctx, &tenant))
	u := itinera.User{TenantID: tenant.ID, Email: "lee@digest.example.org", Name: "Jordan Lee", Role: itinera.RoleOfficer}
	must(s.CreateUser(ctx, &u, "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"))
	must(s.SetDailyDigest(ctx, tenant.ID, u.ID, true))
	// Monday 2 November: a message fails for good.
	m := itinera.OutboxMessage{TenantID: tenant.ID, To: "Rumi Price <price@wustl.example>", Subject: "Meeting request", TextBody: "Hello"}
	must(s.Enqueue(ctx, &m))
	if _, err := s.ClaimDue(ctx, storetest.Now(), time.Minute, 100); err != nil {
		t.Fatal(err)
	}
	must(s.MarkFailed(ctx, m.ID, itinera.OutboxFailure{At: storetest.Now(), Reason: "no such mailbox", Permanent: true}))

	tuesday := func() time.Time { return storetest.Now().Add(20 * time.Hour) } // 05:00 CST
	a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: tuesday})
	must(err)
	srv, err := New(Config{App: a, Database: s, Now: tuesday, BaseURL: "https://itinera.example.org",
		Hasher: auth.PasswordHasher{Memory: 1024, Time: 1, Threads: 1}})
	must(err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(err)
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(sctx, ln, 5*time.Second) }()

	digests := func() []itinera.OutboxMessage {
		msgs, err := s.OutboxMessages(ctx, tenant.ID, itinera.OutboxFilter{})
		must(err)
		var out []itinera.OutboxMessage
		for _, m := range msgs {
			if strings.Contains(m.Subject, "notification") {
				out = append(out, m)
			}
		}
		return out
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(digests()) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		must(err)
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return")
	}
	got := digests()
	if len(got) != 1 {
		t.Fatalf("%d digests queued, want 1", len(got))
	}
	if !strings.Contains(got[0].To, u.Email) || !strings.Contains(got[0].Subject, "Monday 2 November 2026") ||
		!strings.Contains(got[0].TextBody, "The message to Rumi Price (Meeting request) could not be delivered.") ||
		!strings.Contains(got[0].TextBody, "https://itinera.example.org/outbox/") {
		t.Errorf("digest %q:\n%s", got[0].Subject, got[0].TextBody)
	}
	// A second run, as after a restart, queues nothing more.
	if n, err := a.SendDigests(ctx, "https://itinera.example.org"); err != nil || n != 0 {
		t.Errorf("again: %d, %v", n, err)
	}
}
