package store_test

import (
	"testing"
	"time"

	"itinera"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// TestMailboxes: a tenant's mailbox settings and its position, on both
// databases — the password is kept when not given, read only with the
// accounts; the position moves forward only, and starts anew under
// another UIDVALIDITY or another server; problems are kept per message;
// another tenant sees none of it.
func TestMailboxes(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		tn, other := mustTenant(t, s, "stl"), mustTenant(t, s, "kc")
		m, err := s.Mailbox(ctx, tn.ID)
		must(t, err)
		if m.Configured() || m.Version != 0 {
			t.Fatalf("no mailbox: %+v", m)
		}
		m = itinera.Mailbox{TenantID: tn.ID, Host: "imap.stl.example.org", Username: "programs", Password: "secret-1"}
		must(t, s.SaveMailbox(ctx, &m))
		if m.Version != 1 || !m.HasPassword || m.Port != 993 {
			t.Fatalf("saved %+v", m)
		}
		read, err := s.Mailbox(ctx, tn.ID)
		must(t, err)
		if read.Password != "" || !read.HasPassword || read.Folder != "INBOX" {
			t.Fatalf("read %+v", read)
		}
		must(t, s.ResetMailboxPosition(ctx, tn.ID, 42))
		must(t, s.MailboxTaken(ctx, tn.ID, 42, 5, true))
		must(t, s.MailboxTaken(ctx, tn.ID, 42, 3, false)) // an older one retried: the position stays
		must(t, s.MailboxTaken(ctx, tn.ID, 41, 9, true))  // an old UIDVALIDITY: nothing
		at := storetest.Now()
		must(t, s.MailboxProblem(ctx, tn.ID, itinera.MailboxProblem{UIDValidity: 42, UID: 7, Status: itinera.MailboxFailing, Attempts: 1,
			Reason: "down", FirstAt: at, NextAttempt: at.Add(time.Minute)}))
		must(t, s.MailboxProblem(ctx, tn.ID, itinera.MailboxProblem{UIDValidity: 42, UID: 7, Status: itinera.MailboxFailing, Attempts: 2,
			Reason: "down again", FirstAt: at, NextAttempt: at.Add(5 * time.Minute)}))
		must(t, s.RecordMailboxPoll(ctx, tn.ID, at, "", true))
		st, err := s.MailboxState(ctx, tn.ID)
		must(t, err)
		if st.UIDValidity != 42 || st.LastUID != 7 || st.Taken != 1 || !st.Idle || !st.LastPollAt.Equal(at) || len(st.Problems) != 1 ||
			st.Problems[0].Attempts != 2 || !st.Problems[0].NextAttempt.Equal(at.Add(5*time.Minute)) {
			t.Fatalf("state %+v", st)
		}
		must(t, s.MailboxTaken(ctx, tn.ID, 42, 7, true))
		must(t, s.RecordMailboxPoll(ctx, tn.ID, at.Add(time.Hour), "The server did not answer in time.", false))
		if st, _ = s.MailboxState(ctx, tn.ID); len(st.Problems) != 0 || st.Taken != 2 || st.LastError == "" || !st.Idle ||
			!st.LastErrorAt.Equal(at.Add(time.Hour)) {
			t.Fatalf("after the retry %+v", st)
		}

		// Without a password the stored one stays; a stale version is refused.
		m = itinera.Mailbox{TenantID: tn.ID, Version: 1, Host: "imap.stl.example.org", Username: "programs", Port: 143, Security: itinera.MailboxStartTLS}
		must(t, s.SaveMailbox(ctx, &m))
		wantCode(t, s.SaveMailbox(ctx, &itinera.Mailbox{TenantID: tn.ID, Version: 1, Host: "x", Username: "y"}), itinera.ESTALE)
		accts, err := s.MailboxAccounts(ctx, 0)
		must(t, err)
		if len(accts) != 1 || accts[0].Slug != "stl" || accts[0].Mailbox.Password != "secret-1" || accts[0].State.LastUID != 7 {
			t.Fatalf("accounts %+v", accts)
		}
		// Another user is another mailbox: its UIDs start anew.
		m = itinera.Mailbox{TenantID: tn.ID, Host: "imap.stl.example.org", Username: "answers", Password: "secret-2"}
		must(t, s.SaveMailbox(ctx, &m))
		if st, _ = s.MailboxState(ctx, tn.ID); st.UIDValidity != 0 || st.LastUID != 0 {
			t.Fatalf("another user %+v", st)
		}
		if accts, _ = s.MailboxAccounts(ctx, other.ID); len(accts) != 0 {
			t.Fatalf("the other tenant's accounts %+v", accts)
		}
		if st, _ = s.MailboxState(ctx, other.ID); st.Taken != 0 || st.LastUID != 0 {
			t.Fatalf("the other tenant's state %+v", st)
		}
		// No host: the mailbox and its password are gone.
		must(t, s.SaveMailbox(ctx, &itinera.Mailbox{TenantID: tn.ID}))
		if accts, _ = s.MailboxAccounts(ctx, 0); len(accts) != 0 {
			t.Fatalf("after removal %+v", accts)
		}
	})
}
