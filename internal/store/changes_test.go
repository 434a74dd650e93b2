package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"itinera"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// Two stores on one PostgreSQL schema are two servers: the sign-in
// lookups of the one that listens are answered from memory until a commit
// anywhere says otherwise.
func TestSignInLookupsHearOtherServers(t *testing.T) {
	t.Parallel()
	u := storetest.PostgresSchemaURL(t)
	openOn := func() *store.Store {
		s, err := store.Open(ctx, store.Options{URL: u, Now: storetest.Now})
		must(t, err)
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b := openOn(), openOn()
	_, err := a.Migrate(ctx)
	must(t, err)
	watch, stop := context.WithCancel(ctx)
	defer stop()
	a.WatchChanges(watch)
	waitFor(t, "the listener", a.Listening)

	f := mustFixture(t, b, "hear")
	user := mustStoreUser(t, b, f.tenant.ID, "officer@hear.example.org", itinera.RoleOfficer)
	now := storetest.Now()
	se := itinera.Session{TokenHash: "h1", UserID: user.ID, CSRFToken: "c1", ExpiresAt: now.Add(time.Hour)}
	must(t, b.CreateSession(ctx, &se))
	tok := itinera.APIToken{UserID: user.ID, Name: "laptop", TokenHash: "t1"}
	must(t, b.CreateAPIToken(ctx, &tok))

	raw, err := sql.Open("pgx", u)
	must(t, err)
	defer raw.Close()
	csrf := func(s *store.Store) string {
		t.Helper()
		got, _, err := s.SessionByTokenHash(ctx, "h1", now)
		must(t, err)
		return got.CSRFToken
	}

	// Read once, then changed behind Itinera's back (SQL that notifies
	// nobody): the listening store answers from memory, the other reads.
	// (The fixture's own commits may still be on their way to the
	// listener: each makes it read again once, so try a few times.)
	want, kept := "c1", false
	for i := 0; i < 50 && !kept; i++ {
		if got := csrf(a); got != want {
			t.Fatalf("csrf = %q, want %q", got, want)
		}
		next := fmt.Sprintf("c1-%d", i)
		if _, err := raw.ExecContext(ctx, `UPDATE sessions SET csrf_token = $1 WHERE token_hash = 'h1'`, next); err != nil {
			t.Fatal(err)
		}
		kept = csrf(a) == want
		want = next
		time.Sleep(10 * time.Millisecond)
	}
	if !kept {
		t.Fatal("the listening store read the database again every time: nothing is kept")
	}
	if got := csrf(b); got != want {
		t.Fatalf("a store that does not listen kept an answer: %q", got)
	}
	// …but not longer than authCacheFor.
	if got, _, err := a.SessionByTokenHash(ctx, "h1", now.Add(2*time.Minute)); err != nil || got.CSRFToken != want {
		t.Fatalf("after two minutes: %q, %v", got.CSRFToken, err)
	}

	// A commit on the other server (the user made a viewer) reaches it.
	if _, u1, _ := a.SessionByTokenHash(ctx, "h1", now); u1.Role != itinera.RoleOfficer {
		t.Fatalf("role %q", u1.Role)
	}
	user.Role = itinera.RoleViewer
	must(t, b.UpdateUser(ctx, &user))
	start := time.Now()
	waitFor(t, "the role change", func() bool {
		_, u1, err := a.SessionByTokenHash(ctx, "h1", now)
		return err == nil && u1.Role == itinera.RoleViewer
	})
	t.Logf("another server's commit was heard after %v", time.Since(start))

	// The session ended on the other server: refused here.
	must(t, b.DeleteSession(ctx, "h1"))
	waitFor(t, "the ended session", func() bool {
		_, _, err := a.SessionByTokenHash(ctx, "h1", now)
		return itinera.ErrorCode(err) == itinera.ENOTFOUND
	})

	// The same server's own commit counts at once, without waiting.
	se2 := itinera.Session{TokenHash: "h2", UserID: user.ID, CSRFToken: "c3", ExpiresAt: now.Add(time.Hour)}
	must(t, a.CreateSession(ctx, &se2))
	if _, _, err := a.SessionByTokenHash(ctx, "h2", now); err != nil {
		t.Fatal(err)
	}
	must(t, a.DeleteSession(ctx, "h2"))
	if _, _, err := a.SessionByTokenHash(ctx, "h2", now); itinera.ErrorCode(err) != itinera.ENOTFOUND {
		t.Fatalf("a session this server ended is still answered: %v", err)
	}

	// API tokens: kept, and a revocation elsewhere is heard.
	if _, got, err := a.APITokenUser(ctx, "t1", now); err != nil || got.Name != "laptop" {
		t.Fatalf("token: %+v, %v", got, err)
	}
	must(t, b.RevokeAPIToken(ctx, f.tenant.ID, tok.ID))
	waitFor(t, "the revoked token", func() bool {
		_, _, err := a.APITokenUser(ctx, "t1", now)
		return itinera.ErrorCode(err) == itinera.ENOTFOUND
	})

	// Once the listener stops nothing is kept: a change behind Itinera's
	// back is read at once.
	se3 := itinera.Session{TokenHash: "h3", UserID: user.ID, CSRFToken: "c4", ExpiresAt: now.Add(time.Hour)}
	must(t, a.CreateSession(ctx, &se3))
	stop()
	waitFor(t, "the listener to stop", func() bool { return !a.Listening() })
	if _, _, err := a.SessionByTokenHash(ctx, "h3", now); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(ctx, `UPDATE sessions SET csrf_token = 'c5' WHERE token_hash = 'h3'`); err != nil {
		t.Fatal(err)
	}
	if got, _, err := a.SessionByTokenHash(ctx, "h3", now); err != nil || got.CSRFToken != "c5" {
		t.Fatalf("without a listener an answer was kept: %q, %v", got.CSRFToken, err)
	}
}

// On SQLite a kept answer is used only while data_version says no other
// connection committed: a change by another process (a second store on
// the same file) or by SQL behind Itinera's back is seen at once.
func TestSignInLookupsOnSQLiteSeeEveryCommit(t *testing.T) {
	t.Parallel()
	path := "sqlite:" + filepath.Join(t.TempDir(), "itinera.db")
	openOn := func() *store.Store {
		s, err := store.Open(ctx, store.Options{URL: path, Now: storetest.Now})
		must(t, err)
		t.Cleanup(func() { s.Close() })
		_, err = s.Migrate(ctx)
		must(t, err)
		return s
	}
	s, other := openOn(), openOn()
	s.WatchChanges(ctx)
	f := mustFixture(t, s, "sqlite-read")
	user := mustStoreUser(t, s, f.tenant.ID, "officer@sqlite-read.example.org", itinera.RoleOfficer)
	now := storetest.Now()
	must(t, s.CreateSession(ctx, &itinera.Session{TokenHash: "h", UserID: user.ID, CSRFToken: "c1", ExpiresAt: now.Add(time.Hour)}))
	for i := 0; i < 3; i++ {
		if got, _, err := s.SessionByTokenHash(ctx, "h", now); err != nil || got.CSRFToken != "c1" {
			t.Fatalf("read %d: %q, %v", i, got.CSRFToken, err)
		}
	}
	if _, err := s.DB().ExecContext(ctx, `UPDATE sessions SET csrf_token = 'c2'`); err != nil {
		t.Fatal(err)
	}
	if got, _, err := s.SessionByTokenHash(ctx, "h", now); err != nil || got.CSRFToken != "c2" {
		t.Fatalf("a change behind Itinera's back was not seen: %q, %v", got.CSRFToken, err)
	}
	user.Role = itinera.RoleViewer
	must(t, other.UpdateUser(ctx, &user))
	if _, u, err := s.SessionByTokenHash(ctx, "h", now); err != nil || u.Role != itinera.RoleViewer {
		t.Fatalf("another process's change was not seen: %q, %v", u.Role, err)
	}
	must(t, other.DeleteSession(ctx, "h"))
	if _, _, err := s.SessionByTokenHash(ctx, "h", now); itinera.ErrorCode(err) != itinera.ENOTFOUND {
		t.Fatalf("a session ended by another process is still answered: %v", err)
	}
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatalf("waited 10 s for %s", what)
}
