package store_test

import (
	"testing"
	"time"

	"itinera"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// TestAccountSelfService: a reset link replaces the previous one, works
// until it expires and only for its user; a user's own name, digest and
// "seen up to" stay within their tenant; a digest day is claimed once
// and never moves back.
func TestAccountSelfService(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		a := mustFixture(t, s, "self-a")
		b := mustFixture(t, s, "self-b")
		u := mustStoreUser(t, s, a.tenant.ID, "lee@self-a.example.org", itinera.RoleOfficer)
		now := storetest.Now()

		must(t, s.CreatePasswordReset(ctx, u.ID, "hash-1", now, now.Add(time.Hour)))
		must(t, s.CreatePasswordReset(ctx, u.ID, "hash-2", now, now.Add(time.Hour)))
		_, err := s.UserByPasswordReset(ctx, "hash-1", now)
		wantCode(t, err, itinera.ENOTFOUND)
		got, err := s.UserByPasswordReset(ctx, "hash-2", now.Add(59*time.Minute))
		must(t, err)
		if got.ID != u.ID {
			t.Fatalf("reset link of user %d", got.ID)
		}
		_, err = s.UserByPasswordReset(ctx, "hash-2", now.Add(time.Hour))
		wantCode(t, err, itinera.ENOTFOUND)
		must(t, s.DeletePasswordReset(ctx, u.ID))
		_, err = s.UserByPasswordReset(ctx, "hash-2", now)
		wantCode(t, err, itinera.ENOTFOUND)

		// Another tenant reaches none of the user's settings.
		wantCode(t, s.SetUserName(ctx, b.tenant.ID, u.ID, 0, "Stranger"), itinera.ENOTFOUND)
		wantCode(t, s.SetDailyDigest(ctx, b.tenant.ID, u.ID, true), itinera.ENOTFOUND)
		wantCode(t, s.SetAlertsSeen(ctx, b.tenant.ID, u.ID, now), itinera.ENOTFOUND)
		must(t, s.SetUserName(ctx, a.tenant.ID, u.ID, 0, "Jordan Lee"))
		must(t, s.SetDailyDigest(ctx, a.tenant.ID, u.ID, true))
		must(t, s.SetAlertsSeen(ctx, a.tenant.ID, u.ID, now))
		got, err = s.User(ctx, a.tenant.ID, u.ID)
		must(t, err)
		if got.Name != "Jordan Lee" || !got.DailyDigest || !got.AlertsSeenAt.Equal(now) {
			t.Fatalf("after: %+v", got)
		}

		for _, c := range []struct {
			day  string
			want bool
		}{{"2026-11-02", true}, {"2026-11-02", false}, {"2026-11-01", false}, {"2026-11-03", true}} {
			ok, err := s.ClaimDigestDay(ctx, u.ID, c.day)
			must(t, err)
			if ok != c.want {
				t.Errorf("claim %s: %v, want %v", c.day, ok, c.want)
			}
		}
		users, err := s.DigestUsers(ctx)
		must(t, err)
		found := false
		for _, x := range users {
			found = found || x.ID == u.ID
		}
		if !found {
			t.Error("the user is not among those who want a digest")
		}

		// Sign-ins: the latest becomes the last.
		_, err = s.RecordSignIn(ctx, u.ID, now)
		must(t, err)
		got, err = s.RecordSignIn(ctx, u.ID, now.Add(time.Hour))
		must(t, err)
		if !got.LastSignedInAt.Equal(now) || !got.SignedInAt.Equal(now.Add(time.Hour)) {
			t.Errorf("sign-ins: %v, last %v", got.SignedInAt, got.LastSignedInAt)
		}
	})
}
