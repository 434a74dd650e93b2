package store_test

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"itinera"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

func mustTenant(t *testing.T, s *store.Store, slug string) itinera.Tenant {
	t.Helper()
	tn := itinera.Tenant{Slug: slug, Name: "Org " + slug, TimeZone: "America/Chicago"}
	must(t, s.CreateTenant(ctx, &tn))
	return tn
}

func mustEnqueue(t *testing.T, s *store.Store, tenantID int64, to string, next time.Time) itinera.OutboxMessage {
	t.Helper()
	m := itinera.OutboxMessage{TenantID: tenantID, To: to, Subject: "Meeting request: Combating Trafficking in Persons",
		TextBody: "Dear Dr. Price,\n\nWould you meet our delegation?", HTMLBody: "<p>Dear Dr. Price,</p>", NextAttemptAt: next}
	must(t, s.Enqueue(ctx, &m))
	return m
}

var messageIDRE = regexp.MustCompile(`^<[a-z2-7]{26}@[^<>@\s]+>$`)

func TestOutboxEnqueueListAndTenantScope(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		tn, other := mustTenant(t, s, "stl"), mustTenant(t, s, "kc")
		bad := itinera.OutboxMessage{TenantID: tn.ID, To: "a@example.org, b@example.org", Subject: "Hi", TextBody: "x"}
		wantCode(t, s.Enqueue(ctx, &bad), itinera.EINVALID)
		noMethod := itinera.OutboxMessage{TenantID: tn.ID, To: "a@example.org", Subject: "Hi", TextBody: "x", Calendar: "BEGIN:VCALENDAR"}
		wantCode(t, s.Enqueue(ctx, &noMethod), itinera.EINVALID)

		var ms []itinera.OutboxMessage
		for _, to := range []string{"Dr. Rumi Price <price@example.edu>", "shima@example.org", "desk@example.com"} {
			ms = append(ms, mustEnqueue(t, s, tn.ID, to, time.Time{}))
		}
		mustEnqueue(t, s, other.ID, "someone@example.net", time.Time{})
		m := ms[0]
		if m.ID == 0 || m.Status != itinera.OutboxQueued || !messageIDRE.MatchString(m.MessageID) || !m.NextAttemptAt.Equal(storetest.Clock) {
			t.Fatalf("enqueued %+v", m)
		}
		got, err := s.OutboxMessage(ctx, tn.ID, m.ID)
		must(t, err)
		if got.To != m.To || got.MessageID != m.MessageID || got.HTMLBody != m.HTMLBody || got.Status != itinera.OutboxQueued ||
			!got.CreatedAt.Equal(storetest.Clock) || !got.SentAt.IsZero() {
			t.Fatalf("read back %+v, want %+v", got, m)
		}
		_, err = s.OutboxMessage(ctx, other.ID, m.ID)
		wantCode(t, err, itinera.ENOTFOUND)

		page, err := s.OutboxMessages(ctx, tn.ID, itinera.OutboxFilter{Limit: 2})
		must(t, err)
		if len(page) != 2 || page[0].ID != ms[2].ID || page[1].ID != ms[1].ID {
			t.Fatalf("first page %v", ids(page))
		}
		page, err = s.OutboxMessages(ctx, tn.ID, itinera.OutboxFilter{Limit: 2, Offset: 2})
		must(t, err)
		if len(page) != 1 || page[0].ID != ms[0].ID {
			t.Fatalf("second page %v", ids(page))
		}
		// Keyset pages: after a message, just before one; another
		// tenant's message starts no page.
		if page, err = s.OutboxMessages(ctx, tn.ID, itinera.OutboxFilter{Limit: 2, After: ms[1].ID}); err != nil || len(page) != 1 || page[0].ID != ms[0].ID {
			t.Fatalf("after %d: %v, %v", ms[1].ID, ids(page), err)
		}
		if page, err = s.OutboxMessages(ctx, tn.ID, itinera.OutboxFilter{Limit: 1, Before: ms[0].ID}); err != nil || len(page) != 1 || page[0].ID != ms[1].ID {
			t.Fatalf("before %d, one: %v, %v", ms[0].ID, ids(page), err)
		}
		if page, err = s.OutboxMessages(ctx, tn.ID, itinera.OutboxFilter{Limit: 5, Before: ms[0].ID}); err != nil || len(page) != 2 || page[0].ID != ms[2].ID || page[1].ID != ms[1].ID {
			t.Fatalf("before %d: %v, %v", ms[0].ID, ids(page), err)
		}
		if page, err = s.OutboxMessages(ctx, tn.ID, itinera.OutboxFilter{Limit: 2, After: ms[1].ID, Status: itinera.OutboxQueued}); err != nil || len(page) != 1 || page[0].ID != ms[0].ID {
			t.Fatalf("queued after %d: %v, %v", ms[1].ID, ids(page), err)
		}
		theirs := mustEnqueue(t, s, other.ID, "someone@example.net", time.Time{})
		if page, err = s.OutboxMessages(ctx, tn.ID, itinera.OutboxFilter{After: theirs.ID}); err != nil || len(page) != 0 {
			t.Fatalf("after another tenant's message: %v, %v", ids(page), err)
		}
		page, err = s.OutboxMessages(ctx, tn.ID, itinera.OutboxFilter{Status: itinera.OutboxSent})
		must(t, err)
		if len(page) != 0 {
			t.Fatalf("sent: %v", ids(page))
		}
		_, err = s.OutboxMessages(ctx, tn.ID, itinera.OutboxFilter{Status: "lost"})
		wantCode(t, err, itinera.EINVALID)
		counts, err := s.OutboxCounts(ctx, tn.ID)
		must(t, err)
		if len(counts) != 1 || counts[itinera.OutboxQueued] != 3 || counts[itinera.OutboxFailed] != 0 {
			t.Fatalf("counts %v", counts)
		}

		for id, ok := range map[string]bool{"<given.1@example.org>": true, "given@example.org": false, "<a b@example.org>": false,
			"<a@b@example.org>": false, "<@example.org>": false, "<x@y>\r\nBcc: z@example.org": false} {
			m := itinera.OutboxMessage{TenantID: tn.ID, To: "price@example.edu", Subject: "Hi", TextBody: "x", MessageID: id}
			if err := s.Enqueue(ctx, &m); (err == nil) != ok {
				t.Errorf("Message-ID %q: error %v", id, err)
			} else if ok && m.MessageID != id {
				t.Errorf("Message-ID %q became %q", id, m.MessageID)
			}
		}
	})
}

func ids(ms []itinera.OutboxMessage) []int64 {
	out := make([]int64, len(ms))
	for i, m := range ms {
		out[i] = m.ID
	}
	return out
}

func TestOutboxClaimLeaseFailureRetryAndSent(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		tn := mustTenant(t, s, "stl")
		now := storetest.Clock
		a := mustEnqueue(t, s, tn.ID, "price@example.edu", time.Time{})
		later := mustEnqueue(t, s, tn.ID, "later@example.edu", now.Add(time.Hour))
		claim := func(at time.Time, want ...int64) []itinera.OutboxMessage {
			t.Helper()
			got, err := s.ClaimDue(ctx, at, 5*time.Minute, 10)
			must(t, err)
			if fmt.Sprint(ids(got)) != fmt.Sprint(want) {
				t.Fatalf("claimed at %s: %v, want %v", at.Sub(now), ids(got), want)
			}
			return got
		}
		got := claim(now, a.ID)
		if got[0].Status != itinera.OutboxSending || got[0].Attempts != 1 || got[0].MessageID != a.MessageID {
			t.Fatalf("claimed %+v", got[0])
		}
		claim(now.Add(4 * time.Minute)) // leased
		got = claim(now.Add(5*time.Minute), a.ID)
		if got[0].Attempts != 2 || got[0].MessageID != a.MessageID {
			t.Fatalf("reclaimed after the lease: %+v", got[0])
		}

		must(t, s.MarkFailed(ctx, a.ID, itinera.OutboxFailure{At: now.Add(6 * time.Minute), Reason: "The mail server is busy.", NextAttempt: now.Add(20 * time.Minute)}))
		m, err := s.OutboxMessage(ctx, tn.ID, a.ID)
		must(t, err)
		if m.Status != itinera.OutboxQueued || m.LastError != "The mail server is busy." || !m.NextAttemptAt.Equal(now.Add(20*time.Minute)) {
			t.Fatalf("after a temporary failure: %+v", m)
		}
		claim(now.Add(19 * time.Minute))
		claim(now.Add(20*time.Minute), a.ID)
		must(t, s.MarkFailed(ctx, a.ID, itinera.OutboxFailure{At: now.Add(21 * time.Minute), Reason: "No such mailbox.", Permanent: true}))
		wantCode(t, s.MarkFailed(ctx, a.ID, itinera.OutboxFailure{At: now, Reason: "again", Permanent: true}), itinera.ECONFLICT)
		m, err = s.OutboxMessage(ctx, tn.ID, a.ID)
		must(t, err)
		if m.Status != itinera.OutboxFailed || m.LastError != "No such mailbox." || m.Attempts != 3 {
			t.Fatalf("after a permanent failure: %+v", m)
		}
		claim(now.Add(30 * time.Minute))
		failed, err := s.OutboxMessages(ctx, tn.ID, itinera.OutboxFilter{Status: itinera.OutboxFailed})
		must(t, err)
		if len(failed) != 1 || failed[0].ID != a.ID {
			t.Fatalf("failed list %v", ids(failed))
		}

		wantCode(t, s.RetryOutboxMessage(ctx, tn.ID+1000, a.ID), itinera.ENOTFOUND)
		must(t, s.RetryOutboxMessage(ctx, tn.ID, a.ID))
		wantCode(t, s.RetryOutboxMessage(ctx, tn.ID, a.ID), itinera.ECONFLICT)
		got = claim(now.Add(30*time.Minute), a.ID)
		if got[0].Attempts != 1 || got[0].MessageID != a.MessageID {
			t.Fatalf("retried: %+v", got[0])
		}
		must(t, s.MarkSent(ctx, a.ID, now.Add(31*time.Minute)))
		m, err = s.OutboxMessage(ctx, tn.ID, a.ID)
		must(t, err)
		if m.Status != itinera.OutboxSent || !m.SentAt.Equal(now.Add(31*time.Minute)) {
			t.Fatalf("after sending: %+v", m)
		}
		claim(now.Add(2*time.Hour), later.ID) // the sent one is never due again
		wantCode(t, s.MarkSent(ctx, 999999, now), itinera.ENOTFOUND)
	})
}

func TestOutboxConcurrentClaimsAreDisjoint(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		tn := mustTenant(t, s, "stl")
		for i := range 24 {
			mustEnqueue(t, s, tn.ID, fmt.Sprintf("r%d@example.org", i), time.Time{})
		}
		var mu sync.Mutex
		seen := map[int64]int{}
		var wg sync.WaitGroup
		for range 6 {
			wg.Go(func() {
				for {
					got, err := s.ClaimDue(ctx, storetest.Clock, time.Minute, 3)
					if err != nil {
						t.Error(err)
						return
					}
					if len(got) == 0 {
						return
					}
					mu.Lock()
					for _, m := range got {
						seen[m.ID]++
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if len(seen) != 24 {
			t.Fatalf("claimed %d distinct messages, want 24", len(seen))
		}
		for id, n := range seen {
			if n != 1 {
				t.Fatalf("message %d claimed %d times", id, n)
			}
		}
	})
}

// The message and the change that causes it commit or roll back together.
func TestOutboxEnqueueTxSharesTheTransaction(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "tx.db")
	pgURL := storetest.PostgresSchemaURL(t)
	cases := map[string]struct{ storeURL, driver, dsn string }{
		"sqlite":   {"sqlite:" + path, "sqlite", "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)"},
		"postgres": {pgURL, "pgx", pgURL},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			s, err := store.Open(ctx, store.Options{URL: c.storeURL, Now: storetest.Now})
			must(t, err)
			defer s.Close()
			_, err = s.Migrate(ctx)
			must(t, err)
			db, err := sql.Open(c.driver, c.dsn)
			must(t, err)
			defer db.Close()
			tn := mustTenant(t, s, "stl")
			for _, commit := range []bool{false, true} {
				tx, err := db.BeginTx(ctx, nil)
				must(t, err)
				topic := fmt.Sprintf("Outbox test %v", commit)
				_, err = tx.ExecContext(ctx, fmt.Sprintf(`INSERT INTO topics (tenant_id, name, name_key) VALUES (%d, '%s', '%s')`, tn.ID, topic, topic))
				must(t, err)
				m := itinera.OutboxMessage{TenantID: tn.ID, To: "price@example.edu", Subject: topic, TextBody: "Hello"}
				must(t, s.EnqueueTx(ctx, tx, &m))
				if commit {
					must(t, tx.Commit())
				} else {
					must(t, tx.Rollback())
				}
				_, err = s.OutboxMessage(ctx, tn.ID, m.ID)
				topics, terr := s.Topics(ctx, tn.ID)
				must(t, terr)
				hasTopic := false
				for _, tp := range topics {
					hasTopic = hasTopic || tp.Name == topic
				}
				if (err == nil) != commit || hasTopic != commit {
					t.Fatalf("commit=%v: message error %v, topic stored %v", commit, err, hasTopic)
				}
			}
		})
	}
}

func TestTenantMailFrom(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		tn := mustTenant(t, s, "stl")
		name, addr, err := s.TenantMailFrom(ctx, tn.ID)
		must(t, err)
		if name != tn.Name || addr != "" {
			t.Fatalf("default sender %q <%s>", name, addr)
		}
		wantCode(t, s.SetTenantMailFrom(ctx, tn.ID, "Visitors", "not an address"), itinera.EINVALID)
		wantCode(t, s.SetTenantMailFrom(ctx, tn.ID+1000, "", ""), itinera.ENOTFOUND)
		must(t, s.SetTenantMailFrom(ctx, tn.ID, "World Affairs St. Louis", "Programs@WorldAffairs.example"))
		name, addr, err = s.TenantMailFrom(ctx, tn.ID)
		must(t, err)
		if name != "World Affairs St. Louis" || addr != "programs@worldaffairs.example" {
			t.Fatalf("sender %q <%s>", name, addr)
		}
		m := mustEnqueue(t, s, tn.ID, "price@example.edu", time.Time{})
		if !regexp.MustCompile(`@worldaffairs\.example>$`).MatchString(m.MessageID) {
			t.Fatalf("Message-ID %s does not use the sending domain", m.MessageID)
		}
		_, _, err = s.TenantMailFrom(ctx, tn.ID+1000)
		wantCode(t, err, itinera.ENOTFOUND)
	})
}

// 0002_outbox applies to a database left at version 1 with outbox rows in
// it: the rows keep their data and read with the new columns' defaults.
func TestOutboxMigrationUpgradesAVersion1Database(t *testing.T) {
	t.Parallel()
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			s := openBlank(t, dialect)
			_, err := s.MigrateTo(ctx, 1)
			must(t, err)
			const at = "2026-11-02T15:00:00.000000Z"
			_, err = s.DB().ExecContext(ctx, `INSERT INTO tenants (slug, name, time_zone, created_at) VALUES ('stl', 'World Affairs St. Louis', 'America/Chicago', '`+at+`');
				INSERT INTO outbox (tenant_id, message_id, to_address, subject, text_body, status, next_attempt_at, created_at)
				VALUES (1, '<old@itinera.example>', 'price@example.edu', 'Old message', 'Hello', 'queued', '`+at+`', '`+at+`')`)
			must(t, err)
			applied, err := s.Migrate(ctx)
			must(t, err)
			if len(applied) == 0 || applied[0] != 2 {
				t.Fatalf("applied %v, want 2 first", applied)
			}
			ms, err := s.OutboxMessages(ctx, 1, itinera.OutboxFilter{})
			must(t, err)
			if len(ms) != 1 || ms[0].MessageID != "<old@itinera.example>" || ms[0].CalendarMethod != "" || ms[0].Status != itinera.OutboxQueued {
				t.Fatalf("old rows after the upgrade: %+v", ms)
			}
			claimed, err := s.ClaimDue(ctx, storetest.Clock, time.Minute, 5)
			must(t, err)
			name, addr, err := s.TenantMailFrom(ctx, 1)
			must(t, err)
			if len(claimed) != 1 || name != "World Affairs St. Louis" || addr != "" {
				t.Fatalf("claimed %v, sender %q <%s>", ids(claimed), name, addr)
			}
		})
	}
}
