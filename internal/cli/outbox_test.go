package cli

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/store"
)

func TestOutboxCommand(t *testing.T) {
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
	tenant := itinera.Tenant{Slug: "stl", Name: "St. Louis Hosts", TimeZone: "America/Chicago"}
	if err := s.CreateTenant(ctx, &tenant); err != nil {
		t.Fatal(err)
	}
	m := itinera.OutboxMessage{TenantID: tenant.ID, To: "price@example.org", Subject: "A meeting request", TextBody: "Would you meet us?"}
	if err := s.Enqueue(ctx, &m); err != nil {
		t.Fatal(err)
	}
	claimed, err := s.ClaimDue(ctx, time.Now().Add(time.Hour), time.Minute, 10)
	if err != nil || len(claimed) != 1 {
		t.Fatal(err)
	}
	if err := s.MarkFailed(ctx, m.ID, itinera.OutboxFailure{At: time.Now(), Reason: "550 no such user", Permanent: true}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	env := map[string]string{"ITINERA_DATABASE": db}
	id := strconv.FormatInt(m.ID, 10)

	code, out, errs := runCmd(t, env, "", "outbox", "list", "--tenant", "stl", "--status", "failed")
	if code != 0 || !strings.Contains(out, "A meeting request") || !strings.Contains(out, "failed") {
		t.Fatalf("list: %d %q %q", code, out, errs)
	}
	code, out, _ = runCmd(t, env, "", "outbox", "show", "--tenant", "stl", id)
	if code != 0 || !strings.Contains(out, "550 no such user") || !strings.Contains(out, m.MessageID) {
		t.Fatalf("show: %d %q", code, out)
	}
	code, out, _ = runCmd(t, env, "", "outbox", "retry", "--tenant", "stl", id)
	if code != 0 || !strings.Contains(out, "queued again") {
		t.Fatalf("retry: %d %q", code, out)
	}
	code, _, errs = runCmd(t, env, "", "outbox", "retry", "--tenant", "stl", id)
	if code != 1 || errs == "" {
		t.Fatalf("second retry: %d %q", code, errs)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"outbox"}, "itinera outbox list"},
		{[]string{"outbox", "burn"}, `unknown outbox command "burn"`},
		{[]string{"outbox", "show", "--tenant", "stl"}, "needs the message's id"},
		{[]string{"outbox", "list"}, "--tenant is required"},
		{[]string{"outbox", "list", "--tenant", "stl", "--status", "lost"}, "--status"},
	} {
		if code, _, errs := runCmd(t, env, "", tc.args...); code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: %d %q", tc.args, code, errs)
		}
	}
	if code, _, errs := runCmd(t, env, "", "outbox", "list", "--tenant", "nobody"); code != 1 || !strings.Contains(errs, "nobody") {
		t.Errorf("unknown tenant: %d %q", code, errs)
	}
}
