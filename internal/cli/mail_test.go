package cli

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/mail/mailtest"
	"itinera/internal/store"
)

// TestServeSendsTheOutbox: with SMTP settings, serve starts the outbox
// worker, which delivers a queued message to a real SMTP server.
func TestServeSendsTheOutbox(t *testing.T) {
	t.Parallel()
	smtp := mailtest.Start(t, mailtest.Options{})
	db := "sqlite:" + filepath.Join(t.TempDir(), "itinera.db")
	ctx := context.Background()
	s, err := store.Open(ctx, store.Options{URL: db})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	tenant := itinera.Tenant{Slug: "stl", Name: "St. Louis Hosts", TimeZone: "America/Chicago"}
	if err := s.CreateTenant(ctx, &tenant); err != nil {
		t.Fatal(err)
	}
	m := itinera.OutboxMessage{TenantID: tenant.ID, To: "Dr. Rumi Price <price@example.org>", Subject: "A meeting request",
		TextBody: "Would you meet the delegation?"}
	if err := s.Enqueue(ctx, &m); err != nil {
		t.Fatal(err)
	}
	s.Close()

	env := map[string]string{"ITINERA_DATABASE": db, "ITINERA_SMTP_HOST": smtp.Host,
		"ITINERA_SMTP_PORT": strconv.Itoa(smtp.Port), "ITINERA_SMTP_SECURITY": "none",
		"ITINERA_MAIL_FROM": "Itinera <itinera@example.org>"}
	_, out := mustServe(t, env, "serve", "--addr", "127.0.0.1:0")
	got := smtp.WaitFor(t, 1, 30*time.Second)
	p := mailtest.Parse(t, got[0].Data)
	if p.Header.Get("Message-Id") != m.MessageID || p.Header.Get("Subject") != "A meeting request" ||
		len(got[0].To) != 1 || got[0].To[0] != "price@example.org" {
		t.Fatalf("received %+v %v", p.Header, got[0].To)
	}
	if strings.Contains(out.String(), "E-mail is not sent") {
		t.Fatal("serve says e-mail is off while SMTP is configured")
	}
}

func TestServeWithoutSMTPSaysSo(t *testing.T) {
	t.Parallel()
	db := "sqlite:" + filepath.Join(t.TempDir(), "itinera.db")
	if code, _, errs := runCmd(t, map[string]string{"ITINERA_DATABASE": db}, "", "migrate"); code != 0 {
		t.Fatal(errs)
	}
	_, out := mustServe(t, map[string]string{"ITINERA_DATABASE": db}, "serve", "--addr", "127.0.0.1:0")
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(out.String(), "E-mail is not sent") {
		if time.Now().After(deadline) {
			t.Fatalf("no notice that e-mail is off: %q", out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	code, _, errs := runCmd(t, map[string]string{"ITINERA_DATABASE": db, "ITINERA_SMTP_HOST": "127.0.0.1", "ITINERA_SMTP_SECURITY": "carrier-pigeon"},
		"", "serve", "--addr", "127.0.0.1:0")
	if code != 2 || !strings.Contains(errs, "carrier-pigeon") {
		t.Fatalf("bad SMTP security: %d %q", code, errs)
	}
}

// TestServeOutboxLease: the outbox lease and poll are set by the
// environment; a lease not longer than the SMTP timeout is refused (a
// message still being sent would be sent again by another server).
func TestServeOutboxLease(t *testing.T) {
	t.Parallel()
	db := "sqlite:" + filepath.Join(t.TempDir(), "itinera.db")
	if code, _, errs := runCmd(t, map[string]string{"ITINERA_DATABASE": db}, "", "migrate"); code != 0 {
		t.Fatal(errs)
	}
	smtp := map[string]string{"ITINERA_DATABASE": db, "ITINERA_SMTP_HOST": "127.0.0.1", "ITINERA_SMTP_SECURITY": "none",
		"ITINERA_MAIL_FROM": "Itinera <itinera@example.org>"}
	for _, c := range []struct{ lease, poll, timeout, want string }{
		{"30s", "", "", "must be longer than the SMTP timeout 30s"},
		{"5s", "", "10s", "must be longer than the SMTP timeout 10s"},
		{"soon", "", "", "--outbox-lease (ITINERA_OUTBOX_LEASE) \"soon\""},
		{"", "-1s", "", "--outbox-poll (ITINERA_OUTBOX_POLL) \"-1s\""},
	} {
		env := map[string]string{"ITINERA_OUTBOX_LEASE": c.lease, "ITINERA_OUTBOX_POLL": c.poll, "ITINERA_SMTP_TIMEOUT": c.timeout}
		for k, v := range smtp {
			env[k] = v
		}
		for k, v := range env {
			if v == "" {
				delete(env, k)
			}
		}
		code, _, errs := runCmd(t, env, "", "serve", "--addr", "127.0.0.1:0")
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("lease %q poll %q timeout %q: %d %q, want %q", c.lease, c.poll, c.timeout, code, errs, c.want)
		}
	}
	_, out := mustServe(t, map[string]string{"ITINERA_DATABASE": db, "ITINERA_SMTP_HOST": "127.0.0.1", "ITINERA_SMTP_SECURITY": "none",
		"ITINERA_MAIL_FROM": "Itinera <itinera@example.org>", "ITINERA_SMTP_TIMEOUT": "2s", "ITINERA_OUTBOX_LEASE": "3s",
		"ITINERA_OUTBOX_POLL": "100ms"}, "serve", "--addr", "127.0.0.1:0")
	if strings.Contains(out.String(), "E-mail is not sent") {
		t.Fatal("serve did not start its worker")
	}
}
