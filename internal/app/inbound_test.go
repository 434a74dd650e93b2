package app_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/inbound/inboundtest"
	"itinera/internal/storetest"
)

// The client messages of internal/inbound/testdata answer an invitation
// of meeting-17 sent as <k3v7…@itinera.example.org>; mail() makes them
// answer the fixture's own: their UID, SEQUENCE and Message-ID replaced,
// in plain and in base64 parts alike.
const (
	fileUID       = inboundtest.FileUID
	fileMessageID = inboundtest.FileMessageID
)

type answered struct {
	uid, seq, messageID string
	// counter is the time a COUNTER fixture proposes (zero: as written).
	counter itinera.Window
}

// The times the COUNTER fixtures propose, as Outlook (in its zone) and
// Google Calendar (in UTC) write them.
var counterTimes = [][2]string{{"20261208T140000", "20261208T153000"}, {"20261208T200000Z", "20261208T213000Z"}}

func mail(t *testing.T, file string, to answered, messageID string) []byte {
	t.Helper()
	raw := inboundtest.Fixture(t, file, func(s string) string { return s })
	swap := func(s string) string {
		s = strings.ReplaceAll(s, fileUID, to.uid)
		s = strings.ReplaceAll(s, fileMessageID, to.messageID)
		if !to.counter.Start.IsZero() {
			chicago, _ := time.LoadLocation("America/Chicago")
			s = strings.ReplaceAll(s, counterTimes[0][0], to.counter.Start.In(chicago).Format("20060102T150405"))
			s = strings.ReplaceAll(s, counterTimes[0][1], to.counter.End.In(chicago).Format("20060102T150405"))
			s = strings.ReplaceAll(s, counterTimes[1][0], to.counter.Start.UTC().Format("20060102T150405Z"))
			s = strings.ReplaceAll(s, counterTimes[1][1], to.counter.End.UTC().Format("20060102T150405Z"))
		}
		return strings.ReplaceAll(s, "SEQUENCE:0", "SEQUENCE:"+to.seq)
	}
	out := inboundtest.Rewrite(raw, swap)
	if messageID != "" {
		out = inboundtest.WithMessageID(out, messageID)
	}
	return out
}

// TestReceiveMail answers the demo's invitation with the messages of real
// clients and checks what each changes, on SQLite and PostgreSQL.
func TestReceiveMail(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			a, c := f.a, f.c
			st, err := s.Settings(ctx, f.tenant.ID)
			must(t, err)
			st.MailFromAddress, st.MailFromName = "programs@stl-global.example.org", "Programs"
			_, err = a.UpdateSettings(ctx, c, st)
			must(t, err)

			// The Missouri Attorney General's meeting is requested,
			// accepted and confirmed: the contact has the invitation.
			m := f.meeting("Missouri Attorney General")
			slot := itinera.Window{Start: m.Windows[0].Start, End: m.Windows[0].Start.Add(time.Hour)}
			rq, err := a.CreateRequest(ctx, c, itinera.Request{MeetingID: m.ID, ContactID: m.ContactID, Windows: []itinera.Window{slot}}, true)
			must(t, err)
			link := linkRE.FindStringSubmatch(f.outbox()[0].TextBody)
			_, err = a.AnswerRequest(ctx, auth.HashToken(link[1]), itinera.RequestAnswer{Kind: itinera.AnswerAccept, Slot: slot})
			must(t, err)
			rq, err = a.ConfirmRequest(ctx, c, rq.ID, slot)
			must(t, err)
			invitation := f.outbox()[0]
			if invitation.CalendarMethod != "REQUEST" || !strings.EqualFold(rq.ContactEmail, "marcus.hale@example.org") {
				t.Fatalf("invitation %q to %q", invitation.CalendarMethod, rq.ContactEmail)
			}
			uid := regexp.MustCompile(`UID:(\S+)`).FindStringSubmatch(invitation.Calendar)[1]
			seq := regexp.MustCompile(`SEQUENCE:(\d+)`).FindStringSubmatch(invitation.Calendar)[1]
			inv := answered{uid: uid, seq: seq, messageID: invitation.MessageID}

			receive := func(raw []byte) app.InboundResult {
				t.Helper()
				res, err := a.ReceiveMail(ctx, c, raw)
				must(t, err)
				return res
			}
			events := func() int {
				got, err := s.Request(ctx, f.tenant.ID, rq.ID)
				must(t, err)
				n := 0
				for _, e := range got.Events {
					if e.Kind == app.EventCalendarAnswer {
						n++
					}
				}
				return n
			}

			// Thunderbird's answer from a colleague's address changes nothing.
			res := receive(mail(t, "thunderbird_accept_other_address.eml", inv, ""))
			if res.Message.Kind != itinera.InboundCalendarReply || res.Message.Matched || res.Changed ||
				!strings.Contains(res.Message.Outcome, "dana.whitfield@example.org is not the invited attendee") || events() != 0 {
				t.Fatalf("other address: %+v", res)
			}
			// Outlook's ACCEPTED goes on the request's history, once.
			raw := mail(t, "outlook_accept.eml", inv, "")
			res = receive(raw)
			if !res.Message.Matched || !res.Changed || res.Message.RequestID != rq.ID || res.Repeat || events() != 1 {
				t.Fatalf("outlook accept: %+v", res)
			}
			again := receive(raw)
			if !again.Repeat || again.Message.ID != res.Message.ID || events() != 1 {
				t.Fatalf("repeat: %+v", again)
			}
			// Google Calendar's (with its invite.ics) and Apple's TENTATIVE.
			res = receive(mail(t, "google_accept.eml", inv, ""))
			if !res.Message.Matched || !strings.Contains(res.Message.Outcome, "accepted") || events() != 2 {
				t.Fatalf("google: %+v", res)
			}
			res = receive(mail(t, "apple_tentative.eml", inv, ""))
			if !res.Message.Matched || !strings.Contains(res.Message.Outcome, "tentatively") || events() != 3 {
				t.Fatalf("apple: %+v", res)
			}
			// An unknown UID, another organization's UID and an older
			// SEQUENCE change nothing.
			for i, to := range []answered{
				{uid: "meeting-999999@" + f.tenant.Slug + ".itinera", seq: seq},
				{uid: strings.Replace(uid, "@"+f.tenant.Slug+".", "@elsewhere.", 1), seq: seq},
			} {
				res = receive(mail(t, "outlook_decline.eml", to, "<unknown-"+string(rune('a'+i))+"@example.org>"))
				if res.Message.Matched || res.Changed || !strings.HasPrefix(res.Message.Outcome, "Not matched") {
					t.Fatalf("unknown %s: %+v", to.uid, res)
				}
			}
			// Exchange's out-of-office reply is recorded, tied to the invitation, and changes nothing.
			res = receive(mail(t, "exchange_out_of_office.eml", inv, ""))
			if res.Message.Kind != itinera.InboundAutoReply || res.Changed || res.Message.OutboxID != invitation.ID {
				t.Fatalf("out of office: %+v", res)
			}
			// A plain reply is kept for the officer, tied to the invitation and its request.
			res = receive(mail(t, "thunderbird_plain_reply.eml", inv, ""))
			if res.Message.Kind != itinera.InboundMail || res.Message.OutboxID != invitation.ID || res.Message.RequestID != rq.ID ||
				!strings.Contains(res.Message.Text, "I will bring our prosecutor") {
				t.Fatalf("plain reply: %+v", res)
			}
			got, err := s.Request(ctx, f.tenant.ID, rq.ID)
			must(t, err)
			if !got.IsConfirmed() {
				t.Fatalf("the request changed: %s", got.Status)
			}

			// Outlook's DECLINED of the confirmed meeting takes the
			// confirmation back (the officer's workflow) and tells the officer.
			res = receive(mail(t, "outlook_decline.eml", inv, ""))
			if !res.Changed || !res.Message.Matched {
				t.Fatalf("decline: %+v", res)
			}
			got, err = s.Request(ctx, f.tenant.ID, rq.ID)
			must(t, err)
			if got.Status != itinera.RequestWithdrawn {
				t.Fatalf("after decline: %s", got.Status)
			}
			if mm := f.meeting("Missouri Attorney General"); mm.Status == itinera.MeetingConfirmed {
				t.Fatalf("meeting still %s", mm.Status)
			}
			told := false
			for _, o := range f.outbox() {
				told = told || o.To == "programs@stl-global.example.org" && strings.HasPrefix(o.Subject, "Declined:") &&
					strings.Contains(o.TextBody, "Jefferson City")
			}
			if !told {
				t.Fatal("the officer was not told of the decline")
			}
			// The same decline a second time is recognised and does nothing.
			if res = receive(mail(t, "outlook_decline.eml", inv, "")); !res.Repeat {
				t.Fatalf("second decline: %+v", res)
			}

			// The Postfix bounce of the invitation marks it failed.
			res = receive(mail(t, "postfix_bounce.eml", inv, ""))
			if res.Message.Kind != itinera.InboundBounce || !res.Changed || res.Message.OutboxID != invitation.ID {
				t.Fatalf("bounce: %+v", res)
			}
			o, err := s.OutboxMessage(ctx, f.tenant.ID, invitation.ID)
			must(t, err)
			if o.Status != itinera.OutboxFailed || !strings.Contains(o.LastError, "5.1.1") || !strings.Contains(o.LastError, "User unknown") {
				t.Fatalf("bounced message: %s %q", o.Status, o.LastError)
			}
			al, err := a.Alerts(ctx, c)
			must(t, err)
			failed := false
			for _, n := range al.Items {
				failed = failed || n.Kind == itinera.AlertFailed && n.SubjectID == invitation.ID
			}
			if !failed {
				t.Error("the bounce is not in the notifications")
			}

			list, err := a.InboundMessages(ctx, c, 0)
			must(t, err)
			if len(list) != 10 {
				t.Errorf("%d messages recorded, want 10", len(list))
			}
		})
	}
}

// TestReceiveMailDeclinesARequest: a DECLINED REPLY to a request not yet
// confirmed declines it (the bell shows the decline); another
// organization receiving the same answer changes nothing of this one;
// bad input and a read-only role are refused.
func TestReceiveMailDeclinesARequest(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			other := mustDemoIn(t, s, "other")
			a, c := f.a, f.c
			m := f.meeting("Missouri Attorney General")
			rq, err := a.CreateRequest(ctx, c, itinera.Request{MeetingID: m.ID, ContactID: m.ContactID, Windows: m.Windows[:1]}, true)
			must(t, err)
			sent := f.outbox()[0]
			inv := answered{uid: "meeting-" + itoa(m.ID) + "@" + f.tenant.Slug + ".itinera", seq: "0", messageID: sent.MessageID}
			raw := mail(t, "outlook_decline.eml", inv, "")

			// Forged into another organization: nothing matches there, nothing changes here.
			res, err := other.a.ReceiveMail(ctx, other.c, raw)
			must(t, err)
			if res.Message.Matched || res.Changed {
				t.Fatalf("other organization: %+v", res)
			}
			bounce, err := other.a.ReceiveMail(ctx, other.c, mail(t, "postfix_bounce.eml", inv, ""))
			must(t, err)
			if bounce.Message.Matched || bounce.Changed {
				t.Fatalf("other organization's bounce: %+v", bounce)
			}
			if o, _ := s.OutboxMessage(ctx, f.tenant.ID, sent.ID); o.Status == itinera.OutboxFailed {
				t.Fatal("another organization's bounce failed this one's message")
			}

			res, err = a.ReceiveMail(ctx, c, raw)
			must(t, err)
			got, err := s.Request(ctx, f.tenant.ID, rq.ID)
			must(t, err)
			if !res.Changed || got.Status != itinera.RequestDeclined {
				t.Fatalf("decline: %+v, request %s", res, got.Status)
			}
			al, err := a.Alerts(ctx, c)
			must(t, err)
			if len(al.Items) == 0 || al.Items[0].Kind != itinera.AlertAnswer || al.Items[0].Answer != "decline" {
				t.Fatalf("alerts %+v", al.Items)
			}
			// The audit log names the resource and the channel.
			log, err := a.AuditLog(ctx, c, itinera.AuditFilter{Kind: "request", RecordID: rq.ID})
			must(t, err)
			if len(log) == 0 || !strings.Contains(log[0].Actor, "their calendar's reply, received through") {
				t.Errorf("audit entry of the decline: %+v", log[:min(1, len(log))])
			}
			// Again under another Message-ID: recorded, nothing changes.
			res, err = a.ReceiveMail(ctx, c, mail(t, "outlook_decline.eml", inv, "<again@example.org>"))
			must(t, err)
			if res.Changed || !strings.Contains(res.Message.Outcome, "nothing changed") {
				t.Fatalf("again: %+v", res)
			}

			_, err = a.ReceiveMail(ctx, c, nil)
			wantField(t, err, "message")
			_, err = a.ReceiveMail(ctx, c, []byte("hello"))
			wantField(t, err, "message")
			_, err = a.ReceiveMail(ctx, c, bytes.Repeat([]byte("x"), 10<<20+1))
			wantField(t, err, "message")
			reader := c
			reader.User.Role = itinera.RoleViewer
			_, err = a.ReceiveMail(ctx, reader, raw)
			wantCode(t, err, itinera.EFORBIDDEN)
		})
	}
}
