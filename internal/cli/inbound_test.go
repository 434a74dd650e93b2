package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/store"
)

// TestInboundCommand pipes a Postfix bounce of a message the organization
// sent into `itinera inbound`, as a mail server does: the message is
// marked failed; the same bounce again is recognised; bad input and wrong
// usage get their exit codes.
func TestInboundCommand(t *testing.T) {
	t.Parallel()
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
	m := itinera.OutboxMessage{TenantID: tenant.ID, To: "marcus.hale@example.org", Subject: "A meeting request", TextBody: "Would you meet us?"}
	if err := s.Enqueue(ctx, &m); err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw, err := os.ReadFile(filepath.Join("..", "inbound", "testdata", "postfix_bounce.eml"))
	if err != nil {
		t.Fatal(err)
	}
	bounce := strings.ReplaceAll(string(raw), "<k3v7q2xw5m4n6p8r2t4y6u8i0o@itinera.example.org>", m.MessageID)
	env := map[string]string{"ITINERA_DATABASE": db}

	code, out, errs := runCmd(t, env, bounce, "inbound", "--tenant", "stl-global")
	if code != 0 || !strings.Contains(out, "(bounce)") || !strings.Contains(out, "bounced: marked failed") {
		t.Fatalf("bounce: %d %q %q", code, out, errs)
	}
	code, out, _ = runCmd(t, env, "", "outbox", "show", "--tenant", "stl-global", "1")
	if code != 0 || !strings.Contains(out, "failed") || !strings.Contains(out, "5.1.1") {
		t.Fatalf("outbox show: %d %q", code, out)
	}
	code, out, _ = runCmd(t, env, bounce, "inbound", "--tenant", "stl-global")
	if code != 0 || !strings.Contains(out, "received before") {
		t.Fatalf("again: %d %q", code, out)
	}
	if code, _, errs := runCmd(t, env, "no header here", "inbound", "--tenant", "stl-global"); code != 1 || !strings.Contains(errs, "not an e-mail message") {
		t.Errorf("not mail: %d %q", code, errs)
	}
	if code, _, errs := runCmd(t, env, bounce, "inbound", "--tenant", "nobody"); code != 1 || !strings.Contains(errs, "nobody") {
		t.Errorf("unknown tenant: %d %q", code, errs)
	}
	for _, args := range [][]string{{"inbound"}, {"inbound", "--tenant", "stl-global", "message.eml"}} {
		if code, _, errs := runCmd(t, env, bounce, args...); code != 2 || errs == "" {
			t.Errorf("%v: %d %q", args, code, errs)
		}
	}
}
