package store_test

import (
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// requestFixture is a program with a meeting and a draft request for it.
type requestFixture struct {
	fixture
	meeting itinera.Meeting
	request itinera.Request
	slots   []itinera.Window
}

func mustRequest(t *testing.T, s *store.Store, slug string) requestFixture {
	t.Helper()
	f := requestFixture{fixture: mustFixture(t, s, slug)}
	loc := f.program.Location()
	mon := itinera.MustDate("2026-12-07")
	f.slots = []itinera.Window{
		{Start: mon.At(itinera.MustClock("09:00"), loc), End: mon.At(itinera.MustClock("10:30"), loc)},
		{Start: mon.At(itinera.MustClock("10:30"), loc), End: mon.At(itinera.MustClock("12:00"), loc)},
	}
	f.meeting = itinera.Meeting{TenantID: f.tenant.ID, ProgramID: f.program.ID, Title: "Victim services in St. Louis",
		HostOrganizationID: f.org.ID, ContactID: f.contact.ID, DurationMinutes: 90,
		Windows: []itinera.Window{{Start: f.slots[0].Start, End: f.slots[1].End}}}
	must(t, s.CreateMeeting(ctx, &f.meeting))
	f.request = itinera.Request{TenantID: f.tenant.ID, MeetingID: f.meeting.ID, ContactID: f.contact.ID,
		Message: "Would you meet the delegation?", Windows: f.slots}
	must(t, s.CreateRequest(ctx, &f.request))
	return f
}

// mustSend sends the request and returns the link's token.
func mustSend(t *testing.T, s *store.Store, tenantID, id int64, expires time.Time) string {
	t.Helper()
	token, hash, err := auth.NewToken()
	must(t, err)
	must(t, s.SendRequest(ctx, tenantID, id, itinera.RequestSending{TokenHash: hash, ExpiresAt: expires,
		Mail: itinera.OutboxMessage{To: "Shima Rostami <shima@example.org>", Subject: "Meeting request",
			TextBody: "Answer here: https://itinera.example.org/r/" + token}}))
	return token
}

func kinds(es []itinera.RequestEvent) string {
	var ks []string
	for _, e := range es {
		ks = append(ks, e.Kind)
	}
	return strings.Join(ks, ", ")
}

func TestRequestLifecycle(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		f := mustRequest(t, s, "life")
		tid := f.tenant.ID
		r, err := s.Request(ctx, tid, f.request.ID)
		must(t, err)
		if r.Status != itinera.RequestDraft || len(r.Windows) != 2 || r.ContactName != "Shima Rostami" || r.ProgramID != f.program.ID {
			t.Fatalf("draft: %+v", r)
		}

		// Sending stores the token's hash, queues the e-mail and marks the meeting requested.
		token := mustSend(t, s, tid, r.ID, storetest.Clock.Add(21*24*time.Hour))
		r, err = s.Request(ctx, tid, r.ID)
		must(t, err)
		if r.Status != itinera.RequestSent || !r.SentAt.Equal(storetest.Clock) {
			t.Fatalf("sent: %+v", r)
		}
		msgs, err := s.OutboxMessages(ctx, tid, itinera.OutboxFilter{})
		must(t, err)
		if len(msgs) != 1 || !strings.Contains(msgs[0].TextBody, "/r/"+token) {
			t.Fatalf("outbox: %+v", msgs)
		}
		if m, _ := s.Meeting(ctx, tid, f.meeting.ID); m.Status != itinera.MeetingRequested {
			t.Fatalf("meeting status %q, want requested", m.Status)
		}

		// The first open records the view, once.
		hash := auth.HashToken(token)
		r, err = s.RequestByToken(ctx, hash)
		must(t, err)
		if r.Status != itinera.RequestViewed || r.ViewedAt.IsZero() {
			t.Fatalf("viewed: %+v", r)
		}
		r, err = s.RequestByToken(ctx, hash)
		must(t, err)
		if got := kinds(r.Events); got != "created, sent, viewed" {
			t.Fatalf("events %q", got)
		}
		wrong := "x" + token[1:]
		if wrong == token {
			wrong = "y" + token[1:]
		}
		if _, err := s.RequestByToken(ctx, auth.HashToken(wrong)); itinera.ErrorCode(err) != itinera.ENOTFOUND {
			t.Fatalf("wrong token: %v", err)
		}

		// A bad answer is refused; a good one is stored with its events.
		_, err = s.AnswerRequest(ctx, hash, itinera.RequestAnswer{Kind: itinera.AnswerAccept, Slot: itinera.Window{Start: f.slots[0].Start, End: f.slots[1].End}})
		wantCode(t, err, itinera.EINVALID)
		r, err = s.AnswerRequest(ctx, hash, itinera.RequestAnswer{Kind: itinera.AnswerAvailable, Available: f.slots,
			Partners:  []string{"Interfaith Partnership", "UMSL School of Social Work"},
			Colleague: itinera.Colleague{Name: "Dr. Ada Lane", Email: "ada@example.edu", Note: "Runs the clinic"}})
		must(t, err)
		if r.Status != itinera.RequestAccepted || r.Answer == nil || len(r.Answer.Available) != 2 || len(r.Answer.Partners) != 2 ||
			r.Answer.Colleague.Email != "ada@example.edu" {
			t.Fatalf("ticked: %+v %+v", r, r.Answer)
		}
		if m, _ := s.Meeting(ctx, tid, f.meeting.ID); m.Status != itinera.MeetingAccepted {
			t.Fatalf("meeting status %q, want accepted", m.Status)
		}

		// Changing the answer replaces it.
		r, err = s.AnswerRequest(ctx, hash, itinera.RequestAnswer{Kind: itinera.AnswerAccept, Slot: f.slots[1]})
		must(t, err)
		if r.Answer.Kind != itinera.AnswerAccept || len(r.Answer.Available) != 0 || !r.Answer.Slot.Start.Equal(f.slots[1].Start) {
			t.Fatalf("changed: %+v", r.Answer)
		}
		last := r.LastEvent()
		if last.Kind != itinera.EventAccepted || !strings.Contains(last.Detail, "Mon 7 Dec 10:30–12:00 CST") {
			t.Fatalf("last event %+v", last)
		}

		// Only an answered time can be confirmed; confirming pins the meeting and locks the request.
		wantCode(t, s.ConfirmRequest(ctx, tid, r.ID, f.slots[0], nil), itinera.EINVALID)
		must(t, s.ConfirmRequest(ctx, tid, r.ID, f.slots[1], nil))
		m, err := s.Meeting(ctx, tid, f.meeting.ID)
		must(t, err)
		if m.Status != itinera.MeetingConfirmed || len(m.Windows) != 1 || !m.Windows[0].Start.Equal(f.slots[1].Start) || !m.Windows[0].End.Equal(f.slots[1].End) {
			t.Fatalf("confirmed meeting: %+v", m)
		}
		r, err = s.Request(ctx, tid, r.ID)
		must(t, err)
		if !r.IsConfirmed() || r.Status != itinera.RequestAccepted || r.LastEvent().Kind != itinera.EventConfirmed {
			t.Fatalf("confirmed request: %+v", r)
		}
		_, err = s.AnswerRequest(ctx, hash, itinera.RequestAnswer{Kind: itinera.AnswerDecline})
		wantCode(t, err, itinera.ECONFLICT)
		wantCode(t, s.WithdrawRequest(ctx, tid, r.ID), itinera.ECONFLICT)
		// A confirmed request's link keeps working, even after its expiry.
		if !r.LinkWorks(storetest.Clock.Add(60 * 24 * time.Hour)) {
			t.Fatal("confirmed link stopped working")
		}
	})
}

func TestRequestDeclineCounterWithdrawExpire(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		f := mustRequest(t, s, "decline")
		tid := f.tenant.ID
		second := itinera.Request{TenantID: tid, MeetingID: f.meeting.ID, ContactID: f.contact.ID, Windows: f.slots}
		must(t, s.CreateRequest(ctx, &second))
		t1 := mustSend(t, s, tid, f.request.ID, storetest.Clock.Add(time.Hour*48))
		t2 := mustSend(t, s, tid, second.ID, storetest.Clock.Add(time.Hour*48))

		// A decline leaves the meeting requested while another request is live.
		r, err := s.AnswerRequest(ctx, auth.HashToken(t1), itinera.RequestAnswer{Kind: itinera.AnswerDecline, Reason: "Travelling that week"})
		must(t, err)
		if r.Status != itinera.RequestDeclined || r.LastEvent().Detail != "Travelling that week" {
			t.Fatalf("declined: %+v", r)
		}
		if m, _ := s.Meeting(ctx, tid, f.meeting.ID); m.Status != itinera.MeetingRequested {
			t.Fatalf("meeting %q, want requested (another request is live)", m.Status)
		}
		// Other times are a counter-proposal.
		loc := f.program.Location()
		tue := itinera.MustDate("2026-12-08")
		other := itinera.Window{Start: tue.At(itinera.MustClock("14:00"), loc), End: tue.At(itinera.MustClock("15:30"), loc)}
		r, err = s.AnswerRequest(ctx, auth.HashToken(t2), itinera.RequestAnswer{Kind: itinera.AnswerCounter, Proposed: []itinera.Window{other}})
		must(t, err)
		if r.Status != itinera.RequestCountered || len(r.Answer.Proposed) != 1 {
			t.Fatalf("countered: %+v", r)
		}
		// Then a decline of the second makes the meeting declined.
		_, err = s.AnswerRequest(ctx, auth.HashToken(t2), itinera.RequestAnswer{Kind: itinera.AnswerDecline})
		must(t, err)
		if m, _ := s.Meeting(ctx, tid, f.meeting.ID); m.Status != itinera.MeetingDeclined {
			t.Fatalf("meeting %q, want declined", m.Status)
		}

		// Withdrawn: the link finds the request, which no longer works.
		must(t, s.WithdrawRequest(ctx, tid, second.ID))
		r, err = s.RequestByToken(ctx, auth.HashToken(t2))
		must(t, err)
		if r.Status != itinera.RequestWithdrawn || r.LinkWorks(storetest.Clock) {
			t.Fatalf("withdrawn: %+v", r)
		}
		wantCode(t, s.WithdrawRequest(ctx, tid, second.ID), itinera.ECONFLICT)
		_, err = s.AnswerRequest(ctx, auth.HashToken(t2), itinera.RequestAnswer{Kind: itinera.AnswerDecline})
		wantCode(t, err, itinera.ECONFLICT)

		// Re-sending makes a new link; the old one is unknown.
		third := itinera.Request{TenantID: tid, MeetingID: f.meeting.ID, ContactID: f.contact.ID, Windows: f.slots}
		must(t, s.CreateRequest(ctx, &third))
		old := mustSend(t, s, tid, third.ID, storetest.Clock.Add(time.Hour))
		fresh := mustSend(t, s, tid, third.ID, storetest.Clock.Add(2*time.Hour))
		if _, err := s.RequestByToken(ctx, auth.HashToken(old)); itinera.ErrorCode(err) != itinera.ENOTFOUND {
			t.Fatalf("old link: %v", err)
		}
		r, err = s.Request(ctx, tid, third.ID)
		must(t, err)
		if got := kinds(r.Events); got != "created, sent, link re-sent" {
			t.Fatalf("events %q", got)
		}
		_ = fresh
	})
}

func TestRequestExpiry(t *testing.T) {
	t.Parallel()
	for name, u := range map[string]string{"sqlite": "sqlite:" + t.TempDir() + "/x.db", "postgres": storetest.PostgresSchemaURL(t)} {
		t.Run(name, func(t *testing.T) {
			now := storetest.Clock
			s, err := store.Open(ctx, store.Options{URL: u, Now: func() time.Time { return now }})
			must(t, err)
			defer s.Close()
			_, err = s.Migrate(ctx)
			must(t, err)
			f := mustRequest(t, s, "expiry")
			token := mustSend(t, s, f.tenant.ID, f.request.ID, now.Add(24*time.Hour))
			now = now.Add(25 * time.Hour)
			r, err := s.RequestByToken(ctx, auth.HashToken(token))
			must(t, err)
			if r.Status != itinera.RequestExpired || r.LinkWorks(now) || r.LastEvent().Kind != itinera.EventExpired {
				t.Fatalf("expired: %+v", r)
			}
			if !r.Overdue(now, 5*24*time.Hour) {
				t.Fatal("an expired request is not overdue")
			}
			// Re-sending revives it with a new link.
			token = mustSend(t, s, f.tenant.ID, f.request.ID, now.Add(24*time.Hour))
			r, err = s.RequestByToken(ctx, auth.HashToken(token))
			must(t, err)
			if r.Status != itinera.RequestViewed || !r.LinkWorks(now) {
				t.Fatalf("re-sent: %+v", r)
			}
		})
	}
}

func TestRequestTenantIsolation(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		a := mustRequest(t, s, "alpha")
		b := mustFixture(t, s, "beta")
		tid := b.tenant.ID
		if rs, err := s.Requests(ctx, tid, a.program.ID); err != nil || len(rs) != 0 {
			t.Fatalf("B lists A's requests: %v %d", err, len(rs))
		}
		_, err := s.Request(ctx, tid, a.request.ID)
		wantCode(t, err, itinera.ENOTFOUND)
		_, hash, _ := auth.NewToken()
		wantCode(t, s.SendRequest(ctx, tid, a.request.ID, itinera.RequestSending{TokenHash: hash, ExpiresAt: storetest.Clock.Add(time.Hour),
			Mail: itinera.OutboxMessage{To: "x@example.org", Subject: "x", TextBody: "x"}}), itinera.ENOTFOUND)
		wantCode(t, s.WithdrawRequest(ctx, tid, a.request.ID), itinera.ENOTFOUND)
		wantCode(t, s.ConfirmRequest(ctx, tid, a.request.ID, a.slots[0], nil), itinera.ENOTFOUND)
		// B cannot ask for A's meeting or A's contact.
		wantCode(t, s.CreateRequest(ctx, &itinera.Request{TenantID: tid, MeetingID: a.meeting.ID, ContactID: b.contact.ID, Windows: a.slots}), itinera.ENOTFOUND)
		bm := itinera.Meeting{TenantID: tid, ProgramID: b.program.ID, Title: "B's meeting", HostOrganizationID: b.org.ID, DurationMinutes: 60}
		must(t, s.CreateMeeting(ctx, &bm))
		wantCode(t, s.CreateRequest(ctx, &itinera.Request{TenantID: tid, MeetingID: bm.ID, ContactID: a.contact.ID, Windows: a.slots}), itinera.EINVALID)
		r, err := s.Request(ctx, a.tenant.ID, a.request.ID)
		must(t, err)
		if r.Status != itinera.RequestDraft {
			t.Fatalf("A's request changed: %+v", r)
		}
	})
}
