package outbox_test

import (
	"context"
	"fmt"
	netmail "net/mail"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"itinera"
	"itinera/internal/mail"
	"itinera/internal/mail/mailtest"
	"itinera/internal/outbox"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

var ctx = context.Background()

const installation = "outbox@itinera.example"

// clock is a test clock that moves only when told.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Add(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

// env is one test's world: a store, an SMTP server and a tenant.
type env struct {
	s      *store.Store
	srv    *mailtest.Server
	sender *mail.SMTP
	clk    *clock
	tenant itinera.Tenant
}

func newEnv(t *testing.T, s *store.Store) *env {
	t.Helper()
	e := &env{s: s, srv: mailtest.Start(t, mailtest.Options{}), clk: &clock{t: storetest.Clock}}
	var err error
	e.sender, err = mail.NewSMTP(mail.Config{Host: e.srv.Host, Port: e.srv.Port, Security: mail.SecurityNone,
		From: netmail.Address{Address: installation}, Timeout: 5 * time.Second, Now: e.clk.Now})
	must(t, err)
	e.tenant = itinera.Tenant{Slug: "stl", Name: "World Affairs St. Louis", TimeZone: "America/Chicago"}
	must(t, s.CreateTenant(ctx, &e.tenant))
	return e
}

func (e *env) worker(t *testing.T, sender mail.Sender) *outbox.Worker {
	t.Helper()
	if sender == nil {
		sender = e.sender
	}
	w, err := outbox.New(e.s, sender, outbox.Config{From: netmail.Address{Name: "Itinera", Address: installation},
		PollInterval: 10 * time.Millisecond, Lease: 5 * time.Minute, MaxAttempts: 3, Now: e.clk.Now})
	must(t, err)
	return w
}

func (e *env) enqueue(t *testing.T, to string, calendar bool) itinera.OutboxMessage {
	t.Helper()
	m := itinera.OutboxMessage{TenantID: e.tenant.ID, To: to, Subject: "Meeting request from World Affairs St. Louis",
		TextBody: "Dear colleague,\n\nCould you meet our delegation on Monday?\n", HTMLBody: "<p>Dear colleague,</p>"}
	if calendar {
		b, err := os.ReadFile("../mail/testdata/invite.ics")
		must(t, err)
		m.Calendar, m.CalendarMethod = string(b), "REQUEST"
	}
	must(t, e.s.Enqueue(ctx, &m))
	return m
}

func (e *env) get(t *testing.T, id int64) itinera.OutboxMessage {
	t.Helper()
	m, err := e.s.OutboxMessage(ctx, e.tenant.ID, id)
	must(t, err)
	return m
}

func (e *env) waitStatus(t *testing.T, id int64, want itinera.OutboxStatus) itinera.OutboxMessage {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		m := e.get(t, id)
		if m.Status == want {
			return m
		}
		if time.Now().After(deadline) {
			t.Fatalf("message %d is %s (%s), want %s", id, m.Status, m.LastError, want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (e *env) runOnce(t *testing.T, w *outbox.Worker, want int) {
	t.Helper()
	n, err := w.RunOnce(ctx)
	must(t, err)
	if n != want {
		t.Fatalf("claimed %d messages, want %d", n, want)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// received returns the Message-IDs the server got, in order.
func received(t *testing.T, srv *mailtest.Server) []string {
	t.Helper()
	var ids []string
	for _, r := range srv.Messages() {
		ids = append(ids, mailtest.Parse(t, r.Data).Header.Get("Message-Id"))
	}
	return ids
}

func TestWorkerDeliversEachMessageToItsOneRecipient(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, s)
			must(t, s.SetTenantMailFrom(ctx, e.tenant.ID, "", "programs@worldaffairs.example"))
			invite := e.enqueue(t, "Dr. Rumi Price <price@example.edu>", true)
			note := e.enqueue(t, "shima@example.org", false)
			w := e.worker(t, nil)
			w.Start(ctx)
			e.waitStatus(t, invite.ID, itinera.OutboxSent)
			sent := e.waitStatus(t, note.ID, itinera.OutboxSent)
			must(t, w.Stop(ctx))
			if sent.Attempts != 1 || !sent.SentAt.Equal(storetest.Clock) || sent.LastError != "" {
				t.Fatalf("recorded %+v", sent)
			}
			got := e.srv.Messages()
			if len(got) != 2 {
				t.Fatalf("received %d messages", len(got))
			}
			byID := map[string]itinera.OutboxMessage{invite.MessageID: invite, note.MessageID: note}
			for _, r := range got {
				p := mailtest.Parse(t, r.Data)
				m, ok := byID[p.Header.Get("Message-Id")]
				if !ok {
					t.Fatalf("unexpected Message-ID %q", p.Header.Get("Message-Id"))
				}
				to, err := p.Header.AddressList("To")
				want, _ := netmail.ParseAddress(m.To)
				if err != nil || len(to) != 1 || to[0].Address != want.Address || len(r.To) != 1 || r.To[0] != want.Address {
					t.Fatalf("%s went to header %v envelope %v, want only %s", m.MessageID, to, r.To, want.Address)
				}
				from, err := p.Header.AddressList("From")
				if err != nil || from[0].Name != "World Affairs St. Louis" || from[0].Address != "programs@worldaffairs.example" || r.From != installation {
					t.Fatalf("from %v envelope %q", from, r.From)
				}
				if cal := p.Part("text/calendar"); (cal != nil) != (m.Calendar != "") || (cal != nil && cal.Params["method"] != "REQUEST") {
					t.Fatalf("%s: calendar part %v", m.To, cal)
				}
			}
		})
	}
}

func TestWorkerRetriesATemporaryFailure(t *testing.T) {
	t.Parallel()
	e := newEnv(t, storetest.SQLite(t))
	m := e.enqueue(t, "price@example.edu", false)
	refusals := 1
	e.srv.BeforeAccept(func(mailtest.Received) error {
		if refusals > 0 {
			refusals--
			return mailtest.TempError("Greylisted, please try again later")
		}
		return nil
	})
	w := e.worker(t, nil)
	e.runOnce(t, w, 1)
	got := e.get(t, m.ID)
	if got.Status != itinera.OutboxQueued || got.Attempts != 1 || !strings.Contains(got.LastError, "451") ||
		!got.NextAttemptAt.Equal(storetest.Clock.Add(time.Minute)) {
		t.Fatalf("after a 451: %+v", got)
	}
	e.runOnce(t, w, 0) // not due yet
	e.clk.Add(time.Minute)
	e.runOnce(t, w, 1)
	got = e.get(t, m.ID)
	if got.Status != itinera.OutboxSent || got.Attempts != 2 {
		t.Fatalf("after the retry: %+v", got)
	}
	if ids := received(t, e.srv); len(ids) != 1 || ids[0] != m.MessageID {
		t.Fatalf("received %v", ids)
	}
}

func TestWorkerRecordsAPermanentFailureAndARetryFromTheOutbox(t *testing.T) {
	t.Parallel()
	e := newEnv(t, storetest.SQLite(t))
	m := e.enqueue(t, "nobody@example.edu", true)
	e.srv.BeforeAccept(func(mailtest.Received) error { return mailtest.PermError("No such user here") })
	w := e.worker(t, nil)
	e.runOnce(t, w, 1)
	got := e.get(t, m.ID)
	if got.Status != itinera.OutboxFailed || !strings.Contains(got.LastError, "refused") || !strings.Contains(got.LastError, "550") ||
		!strings.Contains(got.LastError, "No such user here") {
		t.Fatalf("after a 550: %+v", got)
	}
	e.clk.Add(24 * time.Hour)
	e.runOnce(t, w, 0) // failed messages stay failed
	e.srv.BeforeAccept(nil)
	must(t, e.s.RetryOutboxMessage(ctx, e.tenant.ID, m.ID))
	e.runOnce(t, w, 1)
	if got := e.get(t, m.ID); got.Status != itinera.OutboxSent {
		t.Fatalf("after retrying: %+v", got)
	}
	if ids := received(t, e.srv); len(ids) != 1 || ids[0] != m.MessageID {
		t.Fatalf("received %v", ids)
	}
}

func TestWorkerFailsAMessageThatCannotBeComposed(t *testing.T) {
	t.Parallel()
	e := newEnv(t, storetest.SQLite(t))
	m := itinera.OutboxMessage{TenantID: e.tenant.ID, To: "price@example.edu", Subject: "Cancelled: meeting",
		TextBody: "The meeting is cancelled.", Calendar: "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n", CalendarMethod: "REQUEST"}
	must(t, e.s.Enqueue(ctx, &m))
	e.runOnce(t, e.worker(t, nil), 1)
	got := e.get(t, m.ID)
	if got.Status != itinera.OutboxFailed || !strings.Contains(got.LastError, "METHOD:CANCEL") || len(e.srv.Messages()) != 0 {
		t.Fatalf("a message that cannot be composed: %+v", got)
	}
}

func TestWorkerGivesUpAfterMaxAttemptsWithBackoff(t *testing.T) {
	t.Parallel()
	e := newEnv(t, storetest.SQLite(t))
	m := e.enqueue(t, "price@example.edu", false)
	e.srv.BeforeAccept(func(mailtest.Received) error { return mailtest.TempError("Mailbox busy") })
	w := e.worker(t, nil)
	for i, wait := range []time.Duration{time.Minute, 5 * time.Minute} {
		e.runOnce(t, w, 1)
		got := e.get(t, m.ID)
		if got.Status != itinera.OutboxQueued || !got.NextAttemptAt.Equal(e.clk.Now().Add(wait)) {
			t.Fatalf("after attempt %d: %+v", i+1, got)
		}
		e.clk.Add(wait)
	}
	e.runOnce(t, w, 1)
	got := e.get(t, m.ID)
	if got.Status != itinera.OutboxFailed || got.Attempts != 3 || !strings.HasPrefix(got.LastError, "Gave up after 3 attempts") {
		t.Fatalf("after the last attempt: %+v", got)
	}
}

func TestWorkerGivesUpOnAMessageWhoseWorkersKeepDying(t *testing.T) {
	t.Parallel()
	e := newEnv(t, storetest.SQLite(t))
	m := e.enqueue(t, "price@example.edu", false)
	for range 3 { // three workers claimed it and died
		got, err := e.s.ClaimDue(ctx, e.clk.Now(), 5*time.Minute, 1)
		must(t, err)
		if len(got) != 1 {
			t.Fatalf("claimed %d", len(got))
		}
		e.clk.Add(5 * time.Minute)
	}
	e.runOnce(t, e.worker(t, nil), 1)
	got := e.get(t, m.ID)
	if got.Status != itinera.OutboxFailed || !strings.Contains(got.LastError, "interrupted each time") || len(e.srv.Messages()) != 0 {
		t.Fatalf("after three dead workers: %+v", got)
	}
}

// crashingSender cancels the worker's context instead of sending, once:
// the worker dies after claiming a message and before sending it.
type crashingSender struct {
	inner  mail.Sender
	crash  context.CancelFunc
	once   sync.Once
	called chan struct{}
}

func (c *crashingSender) Send(ctx context.Context, m mail.Message) error {
	crashed := false
	c.once.Do(func() { c.crash(); crashed = true; close(c.called) })
	if crashed {
		return ctx.Err()
	}
	return c.inner.Send(ctx, m)
}

func TestCrashBetweenQueueingAndSendingLosesNothing(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, s)
			// Claimed by a worker that died before it sent anything.
			late := e.enqueue(t, "late@example.org", true)
			wctx, crash := context.WithCancel(ctx)
			cs := &crashingSender{inner: e.sender, crash: crash, called: make(chan struct{})}
			w1 := e.worker(t, cs)
			w1.Start(wctx)
			<-cs.called
			must(t, w1.Stop(ctx)) // returns once the dead worker's loop has ended
			if got := e.get(t, late.ID); got.Status != itinera.OutboxSending || len(e.srv.Messages()) != 0 {
				t.Fatalf("after the crash: %+v, %d received", got, len(e.srv.Messages()))
			}
			// Queued while no worker runs (the process is down).
			early := e.enqueue(t, "early@example.org", false)

			w2 := e.worker(t, nil)
			w2.Start(ctx)
			e.clk.Add(5 * time.Minute) // the dead worker's lease passes
			w2.Wake()
			e.waitStatus(t, early.ID, itinera.OutboxSent)
			e.waitStatus(t, late.ID, itinera.OutboxSent)
			time.Sleep(50 * time.Millisecond) // a few more polls: nothing else goes out
			must(t, w2.Stop(ctx))
			ids := received(t, e.srv)
			count := map[string]int{}
			for _, id := range ids {
				count[id]++
			}
			if len(ids) != 2 || count[early.MessageID] != 1 || count[late.MessageID] != 1 {
				t.Fatalf("received %v, want each of %s and %s once", ids, early.MessageID, late.MessageID)
			}
		})
	}
}

func TestCrashAfterSendingBeforeRecordingResendsOnceWithTheSameMessageID(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, s)
			m := e.enqueue(t, "price@example.edu", true)
			wctx, crash := context.WithCancel(ctx)
			var once sync.Once
			accepted := make(chan struct{})
			// The server has stored the message; the worker dies before it
			// hears "250 OK" and before it records anything.
			e.srv.AfterAccept(func(mailtest.Received) { once.Do(func() { crash(); close(accepted) }) })
			w1 := e.worker(t, nil)
			w1.Start(wctx)
			<-accepted
			must(t, w1.Stop(ctx))
			if got := e.get(t, m.ID); got.Status != itinera.OutboxSending || got.Attempts != 1 {
				t.Fatalf("after the crash: %+v", got)
			}

			w2 := e.worker(t, nil)
			e.runOnce(t, w2, 0) // the lease still holds
			e.clk.Add(5 * time.Minute)
			e.runOnce(t, w2, 1)
			got := e.get(t, m.ID)
			if got.Status != itinera.OutboxSent || got.Attempts != 2 {
				t.Fatalf("after the restart: %+v", got)
			}
			e.clk.Add(24 * time.Hour)
			e.runOnce(t, w2, 0)
			ids := received(t, e.srv)
			if len(ids) != 2 || ids[0] != m.MessageID || ids[1] != m.MessageID {
				t.Fatalf("received %v, want %s twice at most", ids, m.MessageID)
			}
		})
	}
}

func TestStopWaitsForTheMessageBeingSent(t *testing.T) {
	t.Parallel()
	for _, limit := range []time.Duration{10 * time.Second, 100 * time.Millisecond} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, storetest.SQLite(t))
			m := e.enqueue(t, "price@example.edu", false)
			arrived, release := make(chan struct{}), make(chan struct{})
			e.srv.BeforeAccept(func(mailtest.Received) error {
				close(arrived)
				<-release // a slow server
				return nil
			})
			w := e.worker(t, nil)
			w.Start(ctx)
			<-arrived
			stopped := make(chan error, 1)
			sctx, cancel := context.WithTimeout(ctx, limit)
			defer cancel()
			go func() { stopped <- w.Stop(sctx) }()
			graceful := limit > time.Second
			if graceful {
				select {
				case err := <-stopped:
					t.Fatalf("Stop returned (%v) while a message was being sent", err)
				case <-time.After(100 * time.Millisecond):
				}
				close(release)
				must(t, <-stopped)
				if got := e.get(t, m.ID); got.Status != itinera.OutboxSent {
					t.Fatalf("after a graceful stop: %+v", got)
				}
				return
			}
			err := <-stopped
			close(release)
			if err == nil {
				t.Fatal("Stop past its limit reported no error")
			}
			if got := e.get(t, m.ID); got.Status != itinera.OutboxSending {
				t.Fatalf("after an aborted stop: %+v (the lease brings it back)", got)
			}
		})
	}
}
