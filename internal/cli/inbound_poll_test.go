package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/mailbox/dovecottest"
	"itinera/internal/store"
)

// TestInboundPollCommand reads an organization's mailbox on a real
// Dovecot with `itinera inbound poll`, the password from the
// environment: a Postfix bounce of a message it sent marks that message
// failed, once; a wrong password is said in plain words. Then `itinera
// serve` reads the same mailbox by itself, waiting in IDLE, and stops
// cleanly with it.
func TestInboundPollCommand(t *testing.T) {
	t.Parallel()
	dc := dovecottest.Start(t, map[string]string{"programs": "mailbox-secret-1"})
	db := "sqlite:" + filepath.Join(t.TempDir(), "itinera.db")
	ctx := context.Background()
	s, err := store.Open(ctx, store.Options{URL: db})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	tenant := itinera.Tenant{Slug: "stl-global", Name: "St. Louis Global", TimeZone: "America/Chicago"}
	if err := s.CreateTenant(ctx, &tenant); err != nil {
		t.Fatal(err)
	}
	var sent [2]itinera.OutboxMessage
	for i := range sent {
		sent[i] = itinera.OutboxMessage{TenantID: tenant.ID, To: "marcus.hale@example.org", Subject: "A meeting request", TextBody: "Would you meet us?"}
		if err := s.Enqueue(ctx, &sent[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SaveMailbox(ctx, &itinera.Mailbox{TenantID: tenant.ID, Host: "127.0.0.1", Port: dc.Port, Security: itinera.MailboxPlain,
		Username: "programs"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw, err := os.ReadFile(filepath.Join("..", "inbound", "testdata", "postfix_bounce.eml"))
	if err != nil {
		t.Fatal(err)
	}
	bounce := func(m itinera.OutboxMessage) []byte {
		b := strings.ReplaceAll(string(raw), "<k3v7q2xw5m4n6p8r2t4y6u8i0o@itinera.example.org>", m.MessageID)
		return []byte(strings.Replace(b, "Message-Id: <", "Message-Id: <"+strings.Trim(m.MessageID, "<>")+"-bounce-", 1))
	}
	dc.Append(t, "programs", "INBOX", bounce(sent[0]))

	env := map[string]string{"ITINERA_DATABASE": db, "ITINERA_IMAP_STL_GLOBAL_PASSWORD": "wrong-password"}
	if code, out, errs := runCmd(t, env, "", "inbound", "poll", "--tenant", "stl-global"); code != 1 ||
		!strings.Contains(errs, `cannot read the mailbox: The server refused the user name "programs"`) || strings.Contains(errs+out, "wrong-password") {
		t.Fatalf("wrong password: %d %q %q", code, out, errs)
	}
	env["ITINERA_IMAP_STL_GLOBAL_PASSWORD"] = "mailbox-secret-1"
	code, out, errs := runCmd(t, env, "", "inbound", "poll", "--tenant", "stl-global")
	if code != 0 || !strings.Contains(out, "1 new message(s) taken, 0 received before, 0 not taken") {
		t.Fatalf("poll: %d %q %q", code, out, errs)
	}
	if code, out, _ := runCmd(t, env, "", "outbox", "show", "--tenant", "stl-global", "1"); code != 0 || !strings.Contains(out, "5.1.1") {
		t.Fatalf("outbox show: %d %q", code, out)
	}
	if code, out, _ := runCmd(t, env, "", "inbound", "poll", "--tenant", "stl-global"); code != 0 || !strings.Contains(out, "0 new message(s) taken") {
		t.Fatalf("again: %d %q", code, out)
	}
	if code, _, errs := runCmd(t, env, "", "inbound", "poll"); code != 2 || !strings.Contains(errs, "--tenant") {
		t.Fatalf("no tenant: %d %q", code, errs)
	}

	// The server reads the mailbox by itself.
	mustServe(t, env, "serve", "--addr", "127.0.0.1:0")
	s, err = store.Open(ctx, store.Options{URL: db})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(60 * time.Second); !cond(); time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("waited a minute for %s", what)
			}
		}
	}
	waitFor("the server to wait in IDLE", func() bool {
		st, err := s.MailboxState(ctx, tenant.ID)
		return err == nil && st.Idle && st.LastError == ""
	})
	dc.Append(t, "programs", "INBOX", bounce(sent[1]))
	waitFor("the second bounce", func() bool {
		m, err := s.OutboxMessage(ctx, tenant.ID, sent[1].ID)
		return err == nil && m.Status == itinera.OutboxFailed
	})
}
