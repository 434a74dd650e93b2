package cli

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/demo"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// TestCounterCommand declines, then accepts, a new time a resource
// proposed for a confirmed demo meeting, through `itinera counter`: the
// answers go out (DECLINECOUNTER, then the updated invitation), and a
// request with nothing waiting, another organization's request and wrong
// usage get their exit codes.
func TestCounterCommand(t *testing.T) {
	t.Parallel()
	db := "sqlite:" + filepath.Join(t.TempDir(), "itinera.db")
	ctx := context.Background()
	s, err := store.Open(ctx, store.Options{URL: db})
	must(t, err)
	_, err = s.Migrate(ctx)
	must(t, err)
	tenant := demo.Tenant()
	must(t, s.CreateTenant(ctx, &tenant))
	other := itinera.Tenant{Slug: "other", Name: "Other", TimeZone: "America/Chicago"}
	must(t, s.CreateTenant(ctx, &other))
	pid, err := demo.Load(ctx, s.Services(), tenant.ID, storetest.Now())
	must(t, err)
	_, err = demo.LoadRequests(ctx, s.Services(), tenant.ID, pid, "https://itinera.example.org")
	must(t, err)
	st, err := s.Settings(ctx, tenant.ID)
	must(t, err)
	st.MailFromAddress = "programs@stl-global.example.org"
	must(t, s.UpdateSettings(ctx, &st))
	rqs, err := s.Requests(ctx, tenant.ID, pid)
	must(t, err)
	var rq itinera.Request
	for _, x := range rqs {
		if x.IsConfirmed() && x.ContactEmail != "" {
			rq = x
		}
	}
	// The proposed time: the meeting's own start, longer by half an hour
	// (the day's rules allow that much in the demo).
	at := itinera.Window{Start: rq.Confirmed.Start, End: rq.Confirmed.End.Add(30 * time.Minute)}
	propose := func() {
		must(t, s.SetCounter(ctx, tenant.ID, rq.ID, itinera.CounterProposal{At: at, Comment: "Longer?"},
			itinera.RequestEvent{At: time.Now(), Kind: itinera.EventCounter, Detail: "Proposed."}))
	}
	propose()
	s.Close()
	env := map[string]string{"ITINERA_DATABASE": db}
	id := strconv.FormatInt(rq.ID, 10)

	code, out, errs := runCmd(t, env, "", "counter", "decline", "--tenant", tenant.Slug, "--comment", "The bus leaves at noon.", id)
	if code != 0 || !strings.Contains(out, "declined") {
		t.Fatalf("decline: %d %q %q", code, out, errs)
	}
	code, out, _ = runCmd(t, env, "", "outbox", "list", "--tenant", tenant.Slug, "--limit", "1")
	if code != 0 || !strings.Contains(out, "new time for") {
		t.Fatalf("outbox after declining: %d %q", code, out)
	}
	if code, _, errs := runCmd(t, env, "", "counter", "accept", "--tenant", tenant.Slug, id); code != 1 || !strings.Contains(errs, "No proposed time waits") {
		t.Errorf("nothing waits: %d %q", code, errs)
	}
	s, err = store.Open(ctx, store.Options{URL: db})
	must(t, err)
	propose()
	s.Close()
	if code, _, errs := runCmd(t, env, "", "counter", "accept", "--tenant", "other", id); code != 1 || errs == "" {
		t.Errorf("another organization: %d %q", code, errs)
	}
	code, out, errs = runCmd(t, env, "", "counter", "accept", "--tenant", tenant.Slug, id)
	if code != 0 || !strings.Contains(out, "moved to") {
		t.Fatalf("accept: %d %q %q", code, out, errs)
	}
	for _, args := range [][]string{{"counter"}, {"counter", "maybe", id}, {"counter", "accept", id},
		{"counter", "accept", "--tenant", tenant.Slug}, {"counter", "accept", "--tenant", tenant.Slug, "--comment", "x", id}} {
		if code, _, errs := runCmd(t, env, "", args...); code != 2 || errs == "" {
			t.Errorf("%v: %d %q", args, code, errs)
		}
	}
}
