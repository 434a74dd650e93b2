package mailbox_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/inbound"
	"itinera/internal/mailbox"
	"itinera/internal/mailbox/dovecottest"
	"itinera/internal/storetest"
)

// TestPollerTakesADeclineThroughDovecot: the demo's request is sent to a
// resource, and their Outlook answers it with a DECLINED REPLY that
// arrives in the organization's mailbox on a real Dovecot. The poller,
// waiting in IDLE, takes it at once: the request is declined and the
// officer told, exactly once — the same message appended twice, and the
// poller restarted, change nothing more. The same answer in another
// organization's mailbox changes nothing of this one. On SQLite and
// PostgreSQL.
func TestPollerTakesADeclineThroughDovecot(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dc := dovecottest.Start(t, map[string]string{"stl": "stl-mailbox-secret", "other": "other-mailbox-secret"})
			o := mustOrg(t, s, "")
			other := mustOrg(t, s, "other")
			o.setMailbox(dc.Port, "stl", "stl-mailbox-secret", "")
			// The other organization's password comes from the environment.
			other.setMailbox(dc.Port, "other", "", "")
			env := map[string]string{mailbox.EnvPassword("other"): "other-mailbox-secret"}
			if got := mailbox.EnvPassword("other"); got != "ITINERA_IMAP_OTHER_PASSWORD" {
				t.Fatalf("env name %q", got)
			}
			rq, inv := o.requestSent()
			decline := mail(t, "outlook_decline.eml", inv, "")

			run := func() (stop func()) {
				rctx, cancel := context.WithCancel(ctx)
				// IdleMax is long: only IDLE can bring new mail in promptly.
				p := mailbox.New(o.a, mailbox.Config{Interval: 200 * time.Millisecond, Rescan: 200 * time.Millisecond,
					IdleMax: time.Hour, Password: func(slug string) string { return env[mailbox.EnvPassword(slug)] }})
				var wg sync.WaitGroup
				wg.Go(func() { p.Run(rctx) })
				return func() { cancel(); wg.Wait() }
			}
			stop := run()
			eventually(t, "both mailboxes read and waiting in IDLE", func() bool {
				a, b := o.state(), other.state()
				return a.Idle && b.Idle && a.UIDValidity != 0 && b.UIDValidity != 0
			})

			// The answer in the other organization's mailbox: not theirs, and nothing here changes.
			dc.Append(t, "other", "INBOX", decline)
			eventually(t, "the other mailbox's message", func() bool { return len(other.inbound()) == 1 })
			if got := other.inbound()[0]; got.Matched || !got.Dismissed || !strings.HasPrefix(got.Outcome, "Not for this organization") {
				t.Fatalf("the other organization matched it: %+v", got)
			}
			if got := o.request(rq.ID); got.Status != itinera.RequestSent || o.declinesTold() != 0 || len(o.inbound()) != 0 {
				t.Fatalf("another organization's mail changed this one: %s, %d told", got.Status, o.declinesTold())
			}

			// The answer in this organization's mailbox, while the poller idles.
			first := dc.Append(t, "stl", "INBOX", decline)
			eventually(t, "the decline taken", func() bool { return o.request(rq.ID).Status == itinera.RequestDeclined })
			if n := o.declinesTold(); n != 1 {
				t.Fatalf("the officer was told %d times", n)
			}
			// The same message once more: recognised, nothing done again.
			second := dc.Append(t, "stl", "INBOX", decline)
			eventually(t, "the copy read", func() bool { return o.state().LastUID == uint32(second) })
			st := o.state()
			if n := o.declinesTold(); n != 1 || len(o.inbound()) != 1 || st.Taken != 1 || len(st.Problems) != 0 || st.LastError != "" {
				t.Fatalf("after the copy: told %d, %d received, state %+v", n, len(o.inbound()), st)
			}
			if seen := dc.Seen(t, "stl", "INBOX"); !seen[first] || !seen[second] {
				t.Fatalf("not marked read: %v", seen)
			}

			// Restarted, the poller goes on after the last message taken.
			stop()
			stop = run()
			defer stop()
			third := dc.Append(t, "stl", "INBOX", mail(t, "thunderbird_plain_reply.eml", inv, ""))
			eventually(t, "the reply taken after the restart", func() bool { return len(o.inbound()) == 2 })
			eventually(t, "the position recorded", func() bool { return o.state().LastUID == uint32(third) })
			st = o.state()
			if n := o.declinesTold(); n != 1 || st.Taken != 2 {
				t.Fatalf("after the restart: told %d, state %+v", n, st)
			}
			if got := o.inbound()[0]; got.Kind != itinera.InboundMail || !got.Matched || got.OutboxID == 0 {
				t.Fatalf("the reply: %+v", got)
			}
		})
	}
}

// flaky fails the first time it is handed a message containing marker,
// as a database that is briefly unreachable would.
type flaky struct {
	*app.App
	marker string
	failed bool
}

func (f *flaky) ReceiveFromMailbox(ctx context.Context, tenantID int64, raw []byte) (app.InboundResult, error) {
	if !f.failed && strings.Contains(string(raw), f.marker) {
		f.failed = true
		return app.InboundResult{}, itinera.Errorf(itinera.EINTERNAL, "the database is not answering")
	}
	return f.App.ReceiveFromMailbox(ctx, tenantID, raw)
}

// TestPollOnceProblemsAndRenumbering reads a folder of a real Dovecot one
// pass at a time (as `itinera inbound poll` does): a wrong password and a
// closed port are said in plain words; a message larger than the limit
// is recorded and left unread without its body being fetched, one that is
// no e-mail is refused and left there, one whose handling fails is tried
// again at the next pass while the others go on; when the server
// renumbers the folder (a new UIDVALIDITY) it is read again from the
// start and the decline taken before changes nothing more.
func TestPollOnceProblemsAndRenumbering(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dc := dovecottest.Start(t, map[string]string{"stl": "stl-mailbox-secret"})
			o := mustOrg(t, s, "")
			c := dc.Dial(t, "stl")
			must(t, c.Create("Answers", nil).Wait())
			rq, inv := o.requestSent()
			f := &flaky{App: o.a, marker: "Jefferson City"}
			p := mailbox.New(f, mailbox.Config{Backoff: []time.Duration{time.Nanosecond}})

			if _, err := p.PollOnce(ctx, o.tenant.ID); itinera.ErrorCode(err) != itinera.ENOTFOUND {
				t.Fatalf("without a mailbox: %v", err)
			}
			o.setMailbox(dc.Port, "stl", "not-the-password", "Answers")
			if _, err := p.PollOnce(ctx, o.tenant.ID); err == nil || !strings.Contains(o.state().LastError, `The server refused the user name "stl"`) {
				t.Fatalf("wrong password: %v, %q", err, o.state().LastError)
			}
			if strings.Contains(o.state().LastError, "not-the-password") {
				t.Fatal("the password is in the error")
			}
			closed := freeClosedPort(t)
			o.setMailbox(closed, "stl", "stl-mailbox-secret", "Answers")
			if _, err := p.PollOnce(ctx, o.tenant.ID); err == nil || !strings.HasPrefix(o.state().LastError, "Nothing answers") {
				t.Fatalf("closed port: %v, %q", err, o.state().LastError)
			}
			o.setMailbox(dc.Port, "stl", "", "Answers") // the password stays

			big := dc.Append(t, "stl", "Answers", []byte("From: someone@example.org\r\nSubject: Photos\r\nMessage-ID: <big@example.org>\r\n\r\n"+
				strings.Repeat("0123456789abcdef\r\n", inbound.MaxBytes/18+10)))
			junk := dc.Append(t, "stl", "Answers", []byte("this is not an e-mail\r\n"))
			decline := dc.Append(t, "stl", "Answers", mail(t, "outlook_decline.eml", inv, ""))
			reply := dc.Append(t, "stl", "Answers", mail(t, "thunderbird_plain_reply.eml", inv, ""))

			sum, err := p.PollOnce(ctx, o.tenant.ID)
			must(t, err)
			st := o.state()
			if sum != (mailbox.Summary{Taken: 1, Problems: 3}) || st.LastError != "" || st.LastUID != uint32(reply) || st.Taken != 1 {
				t.Fatalf("first pass: %+v, state %+v", sum, st)
			}
			problems := map[uint32]itinera.MailboxProblem{}
			for _, pr := range st.Problems {
				problems[pr.UID] = pr
			}
			if pr := problems[uint32(big)]; pr.Status != itinera.MailboxTooLarge || pr.Size <= inbound.MaxBytes || !strings.Contains(pr.Reason, "left unread") {
				t.Errorf("too large: %+v", pr)
			}
			if pr := problems[uint32(junk)]; pr.Status != itinera.MailboxRefused || !strings.Contains(pr.Reason, "not an e-mail") {
				t.Errorf("junk: %+v", pr)
			}
			if pr := problems[uint32(decline)]; pr.Status != itinera.MailboxFailing || pr.Attempts != 1 || !strings.Contains(pr.Reason, "tried again later") {
				t.Errorf("failing: %+v", pr)
			}
			if o.request(rq.ID).Status != itinera.RequestSent {
				t.Fatal("the failed decline changed the request")
			}
			if seen := dc.Seen(t, "stl", "Answers"); seen[big] || seen[junk] || seen[decline] || !seen[reply] {
				t.Fatalf("read marks: %v", seen)
			}

			// The next pass tries the failed decline again.
			sum, err = p.PollOnce(ctx, o.tenant.ID)
			must(t, err)
			if st = o.state(); sum != (mailbox.Summary{Taken: 1}) || len(st.Problems) != 2 || st.Taken != 2 ||
				o.request(rq.ID).Status != itinera.RequestDeclined || o.declinesTold() != 1 {
				t.Fatalf("second pass: %+v, state %+v", sum, st)
			}

			// The folder is made anew: another UIDVALIDITY, its messages numbered from 1.
			old := st.UIDValidity
			must(t, c.Delete("Answers").Wait())
			must(t, c.Create("Answers", nil).Wait())
			again := dc.Append(t, "stl", "Answers", mail(t, "outlook_decline.eml", inv, ""))
			fresh := dc.Append(t, "stl", "Answers", mail(t, "thunderbird_plain_reply.eml", inv, "<another-reply@example.org>"))
			sum, err = p.PollOnce(ctx, o.tenant.ID)
			must(t, err)
			st = o.state()
			if st.UIDValidity == old || st.LastUID != uint32(fresh) || again != imap.UID(1) || len(st.Problems) != 0 {
				t.Fatalf("renumbered: %d→%d, state %+v", old, st.UIDValidity, st)
			}
			if sum != (mailbox.Summary{Taken: 1, Repeats: 1}) || o.declinesTold() != 1 || len(o.inbound()) != 3 {
				t.Fatalf("after renumbering: %+v, told %d, %d received", sum, o.declinesTold(), len(o.inbound()))
			}
		})
	}
}

// TestPollerRetriesWhileIdling: a message whose handling fails while the
// poller waits in IDLE is tried again when it is due, without new mail to
// wake the poller, and the decline it carries is then taken.
func TestPollerRetriesWhileIdling(t *testing.T) {
	t.Parallel()
	dc := dovecottest.Start(t, map[string]string{"stl": "stl-mailbox-secret"})
	o := mustOrg(t, storetest.SQLite(t), "")
	o.setMailbox(dc.Port, "stl", "stl-mailbox-secret", "")
	rq, inv := o.requestSent()
	f := &flaky{App: o.a, marker: "Jefferson City"}
	rctx, cancel := context.WithCancel(ctx)
	p := mailbox.New(f, mailbox.Config{Interval: time.Hour, Rescan: time.Hour, IdleMax: time.Hour, Backoff: []time.Duration{time.Second}})
	var wg sync.WaitGroup
	wg.Go(func() { p.Run(rctx) })
	defer func() { cancel(); wg.Wait() }()
	eventually(t, "the poller waiting in IDLE", func() bool { return o.state().Idle })
	dc.Append(t, "stl", "INBOX", mail(t, "outlook_decline.eml", inv, ""))
	eventually(t, "the failure recorded", func() bool { return len(o.state().Problems) == 1 })
	eventually(t, "the decline taken on its second try", func() bool { return o.request(rq.ID).Status == itinera.RequestDeclined })
	eventually(t, "the problem forgotten", func() bool { return len(o.state().Problems) == 0 })
	if n := o.declinesTold(); n != 1 {
		t.Fatalf("told %d times", n)
	}
}
