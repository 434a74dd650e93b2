package mailbox_test

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/mailbox"
	"itinera/internal/mailbox/dovecottest"
	"itinera/internal/storetest"
)

// TestCounterAndDeclineThroughDovecot is issue 17's "Done means" through a
// real IMAP server: the demo's confirmed invitation to the Missouri
// Attorney General's office is answered, in the organization's Dovecot
// mailbox, with a COUNTER as Outlook writes it (accepted: the meeting moves
// and the resource gets the raised SEQUENCE), a COUNTER as Google Calendar
// writes it (declined: a DECLINECOUNTER goes out), a DECLINED REPLY (the
// confirmation taken back, the officer told) and a bounce (the contact's
// address marked failing), each taken by the idling poller.
func TestCounterAndDeclineThroughDovecot(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dc := dovecottest.Start(t, map[string]string{"stl": "stl-mailbox-secret"})
			o := mustOrg(t, s, "")
			o.setMailbox(dc.Port, "stl", "stl-mailbox-secret", "")
			loc := o.program.Location()

			// The invitation: requested, accepted from the link, confirmed.
			m := o.meeting("Missouri Attorney General")
			slot := itinera.Window{Start: m.Windows[0].Start, End: m.Windows[0].Start.Add(90 * time.Minute)}
			rq, err := o.a.CreateRequest(ctx, o.c, itinera.Request{MeetingID: m.ID, ContactID: m.ContactID, Windows: []itinera.Window{slot}}, true)
			must(t, err)
			link := regexp.MustCompile(`/r/([A-Za-z0-9_-]+)`).FindStringSubmatch(o.outbox()[0].TextBody)
			if link == nil {
				t.Fatal("the request e-mail has no personal link")
			}
			_, err = o.a.AnswerRequest(ctx, auth.HashToken(link[1]), itinera.RequestAnswer{Kind: itinera.AnswerAccept, Slot: slot})
			must(t, err)
			_, err = o.a.ConfirmRequest(ctx, o.c, rq.ID, slot)
			must(t, err)
			latest := func(method string) itinera.OutboxMessage {
				t.Helper()
				for _, x := range o.outbox() {
					if x.CalendarMethod == method {
						return x
					}
				}
				t.Fatalf("no %s in the outbox", method)
				return itinera.OutboxMessage{}
			}
			sent := latest("REQUEST")
			seqOf := func(x itinera.OutboxMessage) string {
				return regexp.MustCompile(`SEQUENCE:(\d+)`).FindStringSubmatch(x.Calendar)[1]
			}
			inv := invitation{uid: regexp.MustCompile(`UID:(\S+)`).FindStringSubmatch(sent.Calendar)[1], seq: seqOf(sent), messageID: sent.MessageID}
			proposing := func(w itinera.Window) []string {
				return []string{"20261208T140000", w.Start.In(loc).Format("20060102T150405"),
					"20261208T153000", w.End.In(loc).Format("20060102T150405"),
					"20261208T200000Z", w.Start.UTC().Format("20060102T150405Z"),
					"20261208T213000Z", w.End.UTC().Format("20060102T150405Z")}
			}

			rctx, cancel := context.WithCancel(ctx)
			p := mailbox.New(o.a, mailbox.Config{Interval: 200 * time.Millisecond, Rescan: 200 * time.Millisecond, IdleMax: time.Hour})
			var wg sync.WaitGroup
			wg.Go(func() { p.Run(rctx) })
			defer func() { cancel(); wg.Wait() }()
			eventually(t, "the mailbox read and waiting in IDLE", func() bool { st := o.state(); return st.Idle && st.UIDValidity != 0 })

			// Outlook's COUNTER: kept on the request; accepted, the meeting moves.
			later := itinera.Window{Start: slot.Start.Add(2 * time.Hour), End: slot.End.Add(2 * time.Hour)}
			dc.Append(t, "stl", "INBOX", mail(t, "outlook_counter.eml", inv, "<outlook-counter@example.org>", proposing(later)...))
			eventually(t, "Outlook's counter-proposal", func() bool { return o.request(rq.ID).Counter != nil })
			if c := o.request(rq.ID).Counter; !c.At.Start.Equal(later.Start) || !c.At.End.Equal(later.End) {
				t.Fatalf("the counter-proposal: %+v, want %v", c, later)
			}
			_, err = o.a.AcceptCounter(ctx, o.c, rq.ID)
			must(t, err)
			update := latest("REQUEST")
			if update.ID == sent.ID || seqOf(update) <= inv.seq && len(seqOf(update)) <= len(inv.seq) {
				t.Fatalf("no new invitation with a raised SEQUENCE: %s after %s", seqOf(update), inv.seq)
			}
			if w := o.meeting("Missouri Attorney General").Windows; len(w) != 1 || !w[0].Start.Equal(later.Start) {
				t.Fatalf("the meeting after accepting: %v", w)
			}

			// Google's COUNTER to the new invitation: declined.
			inv.seq = seqOf(update)
			earlier := itinera.Window{Start: slot.Start.Add(-time.Hour), End: slot.End.Add(-time.Hour)}
			dc.Append(t, "stl", "INBOX", mail(t, "google_counter.eml", inv, "<google-counter@example.org>", proposing(earlier)...))
			eventually(t, "Google's counter-proposal", func() bool { c := o.request(rq.ID).Counter; return c != nil && c.At.Start.Equal(earlier.Start) })
			_, err = o.a.DeclineCounter(ctx, o.c, rq.ID, "The delegation is at the museum then.")
			must(t, err)
			if d := latest("DECLINECOUNTER"); !strings.Contains(d.TextBody, "at the museum") {
				t.Fatalf("the DECLINECOUNTER: %q", d.TextBody)
			}

			// Outlook's DECLINED: the confirmation taken back, the officer told once.
			dc.Append(t, "stl", "INBOX", mail(t, "outlook_decline.eml", inv, "<outlook-decline@example.org>"))
			eventually(t, "the decline taken", func() bool { return o.request(rq.ID).Status == itinera.RequestWithdrawn })
			if n := o.declinesTold(); n != 1 {
				t.Fatalf("the officer was told %d times", n)
			}
			if got := o.meeting("Missouri Attorney General"); got.Status == itinera.MeetingConfirmed {
				t.Fatalf("the meeting is still confirmed")
			}

			// The invitation bounces: the contact's address is marked failing.
			dc.Append(t, "stl", "INBOX", mail(t, "postfix_bounce.eml", inv, "")) // (its own Message-ID kept: the returned message's is inside)
			eventually(t, "the bounce taken", func() bool {
				ct, err := o.s.Contact(ctx, o.tenant.ID, m.ContactID)
				return err == nil && strings.Contains(ct.EmailFailing, "5.1.1")
			})
			// (the poller records its position just after the message's own transaction)
			eventually(t, "the position recorded", func() bool { return o.state().Taken == 4 })
			if st := o.state(); st.Taken != 4 || st.LastError != "" || len(st.Problems) != 0 {
				t.Fatalf("the mailbox: %+v", st)
			}
		})
	}
}
