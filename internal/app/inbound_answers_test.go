package app_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/demo"
	"itinera/internal/planning"
	"itinera/internal/storetest"
)

// confirmedInItinerary is a demo request confirmed at its meeting's time
// in the current itinerary, whose contact has an address.
func (f *fixture) confirmedInItinerary() itinera.Request {
	f.t.Helper()
	_, err := demo.LoadRequests(ctx, f.s.Services(), f.tenant.ID, f.program.ID, "https://itinera.example.org")
	must(f.t, err)
	rqs, err := f.s.Requests(ctx, f.tenant.ID, f.program.ID)
	must(f.t, err)
	cur := f.current()
	for _, rq := range rqs {
		if !rq.IsConfirmed() || rq.ContactEmail == "" {
			continue
		}
		for _, x := range cur.Items {
			if x.MeetingID == rq.MeetingID && x.Start.Equal(rq.Confirmed.Start) {
				return rq
			}
		}
	}
	f.t.Fatal("the demo has no confirmed request in its itinerary")
	return itinera.Request{}
}

// fittingSlot is a time of the same length as the request's, other than
// its own, to which the meeting could move by the rules of a move.
func (f *fixture) fittingSlot(rq itinera.Request, not ...time.Time) itinera.Window {
	f.t.Helper()
	length := rq.Confirmed.End.Sub(rq.Confirmed.Start)
	loc := f.program.Location()
	for d := f.program.StartDate; !f.program.EndDate.Before(d); d = d.AddDays(1) {
		for m := itinera.Clock(8 * 60); m <= 18*60; m += 30 {
			w := itinera.Window{Start: d.At(m, loc).UTC(), End: d.At(m, loc).Add(length).UTC()}
			skip := w.Start.Equal(rq.Confirmed.Start)
			for _, x := range not {
				skip = skip || x.Equal(w.Start)
			}
			if skip {
				continue
			}
			in, err := planning.Load(ctx, f.s.Services().Readers(), f.tenant.ID, f.program.ID)
			must(f.t, err)
			for i := range in.Meetings {
				if in.Meetings[i].ID == rq.MeetingID {
					in.Meetings[i].Windows = []itinera.Window{w}
				}
			}
			if mc, err := planning.CheckMove(in, "m"+strconv.FormatInt(rq.MeetingID, 10), w.Start); err == nil && mc.OK {
				return w
			}
		}
	}
	f.t.Fatal("no time fits")
	return itinera.Window{}
}

func (f *fixture) request(id int64) itinera.Request {
	f.t.Helper()
	rq, err := f.s.Request(ctx, f.tenant.ID, id)
	must(f.t, err)
	return rq
}

func inBell(items []itinera.Alert, kind itinera.AlertKind, answer string, subject int64) bool {
	for _, n := range items {
		if n.Kind == kind && n.Answer == answer && n.SubjectID == subject {
			return true
		}
	}
	return false
}

func eventsOf(rq itinera.Request, kind string) []itinera.RequestEvent {
	var out []itinera.RequestEvent
	for _, e := range rq.Events {
		if e.Kind == kind {
			out = append(out, e)
		}
	}
	return out
}

// TestReceiveMailCounter: COUNTERs as Outlook and Google Calendar write
// them are kept on the confirmed request and the officer is told;
// accepting one moves the meeting (the rules of a move hold) and sends
// the updated invitation with a raised SEQUENCE; declining one sends a
// DECLINECOUNTER; an older SEQUENCE, another attendee and another
// organization change nothing — on SQLite and PostgreSQL.
func TestReceiveMailCounter(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			other := mustDemoIn(t, s, "other")
			a, c := f.a, f.c
			st, err := s.Settings(ctx, f.tenant.ID)
			must(t, err)
			st.MailFromAddress, st.MailFromName = "programs@stl-global.example.org", "Programs"
			_, err = a.UpdateSettings(ctx, c, st)
			must(t, err)

			rq := f.confirmedInItinerary()
			told := rq.ToldSequence
			inv := answered{uid: "meeting-" + itoa(rq.MeetingID) + "@" + f.tenant.Slug + ".itinera", seq: strconv.Itoa(told),
				messageID: "<invitation@itinera.example.org>"}
			// The fixtures answer as Marcus Hale: make him the contact's address.
			contact, err := s.Contact(ctx, f.tenant.ID, rq.ContactID)
			must(t, err)
			contact.Email = "marcus.hale@example.org"
			_, err = a.UpdateContact(ctx, c, contact)
			must(t, err)

			// Outlook's COUNTER is kept on the request.
			slot := f.fittingSlot(rq)
			inv.counter = slot
			res, err := a.ReceiveMail(ctx, c, mail(t, "outlook_counter.eml", inv, ""))
			must(t, err)
			got := f.request(rq.ID)
			if res.Message.Kind != itinera.InboundCalendarOther || !res.Message.Matched || !res.Changed || res.Message.RequestID != rq.ID ||
				got.Counter == nil || !got.Counter.At.Start.Equal(slot.Start) || !got.Counter.At.End.Equal(slot.End) ||
				got.Counter.InboundID != res.Message.ID || !strings.Contains(got.Counter.Comment, "in court") {
				t.Fatalf("outlook counter: %+v, counter %+v", res, got.Counter)
			}
			if ev := eventsOf(got, itinera.EventCounter); len(ev) != 1 || app.AnswerSource(ev[0]) != app.SourceCalendar {
				t.Fatalf("history: %+v", got.Events)
			}
			al, err := a.Alerts(ctx, c)
			must(t, err)
			if !inBell(al.Items, itinera.AlertMail, "calendar", rq.ID) {
				t.Fatalf("bell: %+v", al.Items)
			}
			told2 := false
			for _, o := range f.outbox() {
				told2 = told2 || o.To == st.MailFromAddress && strings.HasPrefix(o.Subject, "New time proposed:")
			}
			if !told2 {
				t.Error("the officer was not told of the counter-proposal")
			}

			// Another organization cannot accept or decline it.
			_, err = other.a.AcceptCounter(ctx, other.c, rq.ID)
			wantCode(t, err, itinera.ENOTFOUND)
			_, err = other.a.DeclineCounter(ctx, other.c, rq.ID, "")
			wantCode(t, err, itinera.ENOTFOUND)
			viewer := c
			viewer.User.Role = itinera.RoleViewer
			_, err = a.AcceptCounter(ctx, viewer, rq.ID)
			wantCode(t, err, itinera.EFORBIDDEN)

			// Accepting moves the meeting and sends the raised SEQUENCE.
			before := len(f.outbox())
			_, err = a.AcceptCounter(ctx, c, rq.ID)
			must(t, err)
			got = f.request(rq.ID)
			if got.Counter != nil || !got.Confirmed.Start.Equal(slot.Start) || got.ToldSequence <= told ||
				len(eventsOf(got, itinera.EventCounterAccepted)) != 1 {
				t.Fatalf("after accepting: confirmed %v, counter %+v, told %d", got.Confirmed, got.Counter, got.ToldSequence)
			}
			in := false
			for _, x := range f.current().Items {
				in = in || x.MeetingID == rq.MeetingID && x.Start.Equal(slot.Start) && x.End.Equal(slot.End)
			}
			if !in {
				t.Error("the itinerary does not have the meeting at the new time")
			}
			sent := f.outbox()
			if len(sent) != before+1 {
				t.Fatalf("%d messages sent, want 1", len(sent)-before)
			}
			update := sent[0]
			seq := regexp.MustCompile(`SEQUENCE:(\d+)`).FindStringSubmatch(update.Calendar)
			if update.To == "" || !strings.Contains(update.To, "marcus.hale@example.org") || update.CalendarMethod != "REQUEST" ||
				seq == nil || seq[1] != strconv.Itoa(got.ToldSequence) || update.RequestID != rq.ID ||
				!strings.HasPrefix(update.ReplyTo, "programs+r"+itoa(rq.ID)+"-") {
				t.Fatalf("update: to %q, method %s, sequence %v (told %d), request %d", update.To, update.CalendarMethod, seq, got.ToldSequence, update.RequestID)
			}
			_, err = a.AcceptCounter(ctx, c, rq.ID)
			wantCode(t, err, itinera.ECONFLICT)

			// A COUNTER to the older invitation changes nothing.
			old := inv
			old.counter = f.fittingSlot(got, slot.Start)
			res, err = a.ReceiveMail(ctx, c, mail(t, "google_counter.eml", old, "<old-counter@example.org>"))
			must(t, err)
			if res.Message.Matched || res.Changed || !strings.Contains(res.Message.Outcome, "older invitation") || f.request(rq.ID).Counter != nil {
				t.Fatalf("older counter: %+v", res)
			}
			// So does a DECLINED REPLY to it: recorded, the meeting stays.
			res, err = a.ReceiveMail(ctx, c, mail(t, "outlook_decline.eml", old, "<old-decline@example.org>"))
			must(t, err)
			if res.Message.Matched || res.Changed || !f.request(rq.ID).IsConfirmed() {
				t.Fatalf("older decline: %+v", res)
			}

			// Google's COUNTER (every attendee listed: the sender is the
			// one who proposes) to the new invitation, declined.
			cur := inv
			cur.seq, cur.counter = strconv.Itoa(got.ToldSequence), old.counter
			res, err = a.ReceiveMail(ctx, c, mail(t, "google_counter.eml", cur, ""))
			must(t, err)
			if !res.Changed || f.request(rq.ID).Counter == nil {
				t.Fatalf("google counter: %+v", res)
			}
			// Another organization receiving it changes nothing here.
			res, err = other.a.ReceiveMail(ctx, other.c, mail(t, "google_counter.eml", cur, ""))
			must(t, err)
			if res.Message.Matched || res.Changed {
				t.Fatalf("forged into another organization: %+v", res)
			}
			_, err = a.DeclineCounter(ctx, c, rq.ID, strings.Repeat("x", 3000))
			wantField(t, err, "comment")
			before = len(f.outbox())
			_, err = a.DeclineCounter(ctx, c, rq.ID, "The delegation is in Jefferson City that afternoon.")
			must(t, err)
			got2 := f.request(rq.ID)
			if got2.Counter != nil || !got2.Confirmed.Start.Equal(slot.Start) || len(eventsOf(got2, itinera.EventCounterDeclined)) != 1 {
				t.Fatalf("after declining: %+v", got2)
			}
			sent = f.outbox()
			if len(sent) != before+1 || sent[0].CalendarMethod != "DECLINECOUNTER" || !strings.Contains(sent[0].TextBody, "Jefferson City") ||
				!strings.Contains(sent[0].Calendar, "SEQUENCE:"+strconv.Itoa(got.ToldSequence)) {
				t.Fatalf("decline message: %+v", sent[0])
			}

			// A proposed time the day's rules refuse (before the day starts)
			// is kept, but accepting it is refused with the reason.
			early := cur
			early.messageID = "<invitation@itinera.example.org>"
			day := f.program.StartDate.AddDays(2)
			early.counter = itinera.Window{Start: day.At(itinera.Clock(4*60), f.program.Location()).UTC(), End: day.At(itinera.Clock(5*60), f.program.Location()).UTC()}
			res, err = a.ReceiveMail(ctx, c, mail(t, "outlook_counter.eml", early, "<early@example.org>"))
			must(t, err)
			if !res.Changed {
				t.Fatalf("early counter: %+v", res)
			}
			_, err = a.AcceptCounter(ctx, c, rq.ID)
			wantField(t, err, "start")
			if f.request(rq.ID).Counter == nil {
				t.Error("the refused counter-proposal was dropped")
			}
			// The same start but far longer: the day's rules see the new end.
			now := f.request(rq.ID)
			long := early
			long.messageID, long.counter = "<invitation@itinera.example.org>", itinera.Window{Start: now.Confirmed.Start, End: now.Confirmed.Start.Add(10 * time.Hour)}
			res, err = a.ReceiveMail(ctx, c, mail(t, "google_counter.eml", long, "<long@example.org>"))
			must(t, err)
			if !res.Changed {
				t.Fatalf("long counter: %+v", res)
			}
			_, err = a.AcceptCounter(ctx, c, rq.ID)
			wantField(t, err, "start")
		})
	}
}

// TestReceiveMailRepliesAndBounces: a plain reply to the request e-mail
// goes on the request's history with its quote folded, and the bell says
// so; a soft bounce is only recorded, a hard one marks the contact's
// address failing (until it is edited) and the request undelivered;
// mail for another address is put aside; unmatched mail is listed,
// attached to a request or dismissed, never across organizations — on
// SQLite and PostgreSQL.
func TestReceiveMailRepliesAndBounces(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			other := mustDemoIn(t, s, "other")
			a, c := f.a, f.c
			st, err := s.Settings(ctx, f.tenant.ID)
			must(t, err)
			st.MailFromAddress = "programs@stl-global.example.org"
			_, err = a.UpdateSettings(ctx, c, st)
			must(t, err)
			m := f.meeting("Missouri Attorney General")
			rq, err := a.CreateRequest(ctx, c, itinera.Request{MeetingID: m.ID, ContactID: m.ContactID, Windows: m.Windows[:1]}, true)
			must(t, err)
			sent := f.outbox()[0]
			if sent.RequestID != rq.ID || !regexp.MustCompile(`^programs\+r`+itoa(rq.ID)+`-[0-9a-f]{20}@stl-global\.example\.org$`).MatchString(sent.ReplyTo) {
				t.Fatalf("the request e-mail is not tied to its request: %d, reply to %q", sent.RequestID, sent.ReplyTo)
			}
			inv := answered{uid: "meeting-" + itoa(m.ID) + "@" + f.tenant.Slug + ".itinera", seq: "0", messageID: sent.MessageID}

			// A plain reply: its text without the quote, on the history.
			res, err := a.ReceiveMail(ctx, c, mail(t, "thunderbird_plain_reply.eml", inv, ""))
			must(t, err)
			got := f.request(rq.ID)
			ev := eventsOf(got, itinera.EventMailReply)
			if !res.Changed || res.Message.RequestID != rq.ID || res.Message.OutboxID != sent.ID || len(ev) != 1 ||
				!strings.Contains(ev[0].Detail, "I will bring our prosecutor") || strings.Contains(ev[0].Detail, "The delegation would be glad") ||
				app.AnswerSource(ev[0]) != app.SourceEmail {
				t.Fatalf("plain reply: %+v, history %+v", res, got.Events)
			}
			al, err := a.Alerts(ctx, c)
			must(t, err)
			if !inBell(al.Items, itinera.AlertMail, "mail", rq.ID) {
				t.Errorf("bell: %+v", al.Items)
			}
			replies, err := a.RepliesTo(ctx, c, itinera.InboundFilter{OutboxID: sent.ID})
			must(t, err)
			if len(replies) != 1 || replies[0].ID != res.Message.ID {
				t.Errorf("replies to the request e-mail: %+v", replies)
			}
			if r, err := other.a.RepliesTo(ctx, other.c, itinera.InboundFilter{OutboxID: sent.ID}); err != nil || len(r) != 0 {
				t.Errorf("another organization sees replies: %v %v", r, err)
			}

			// A reply to the request's own address, without In-Reply-To,
			// finds it too; a tampered address does not.
			byAddress := func(to, id string) app.InboundResult {
				t.Helper()
				raw := "From: Marcus Hale <marcus.hale@example.org>\r\nTo: " + to + "\r\nSubject: Our answer\r\nMessage-ID: " + id +
					"\r\n\r\nWednesday works better.\r\n"
				res, err := a.ReceiveMail(ctx, c, []byte(raw))
				must(t, err)
				return res
			}
			if res := byAddress(sent.ReplyTo, "<by-address@example.org>"); !res.Changed || res.Message.RequestID != rq.ID ||
				len(eventsOf(f.request(rq.ID), itinera.EventMailReply)) != 2 {
				t.Fatalf("by the reply address: %+v", res)
			}
			tampered := strings.Replace(sent.ReplyTo, "+r"+itoa(rq.ID)+"-", "+r"+itoa(rq.ID+1)+"-", 1)
			if res := byAddress(tampered, "<tampered@example.org>"); res.Changed || res.Message.Matched || res.Message.RequestID != 0 {
				t.Fatalf("a tampered reply address: %+v", res)
			}
			if res, err := other.a.ReceiveMail(ctx, other.c, []byte("From: x@example.org\r\nTo: "+sent.ReplyTo+
				"\r\nSubject: x\r\nMessage-ID: <other-by-address@example.org>\r\n\r\nx\r\n")); err != nil || res.Changed || res.Message.RequestID != 0 {
				t.Fatalf("another organization: %+v %v", res, err)
			}
			// The out-of-office reply is no answer.
			res, err = a.ReceiveMail(ctx, c, mail(t, "exchange_out_of_office.eml", inv, ""))
			must(t, err)
			if res.Changed || res.Message.Kind != itinera.InboundAutoReply || len(eventsOf(f.request(rq.ID), itinera.EventMailReply)) != 2 {
				t.Fatalf("out of office: %+v", res)
			}

			// A soft bounce (4.x.x) is only recorded.
			soft := strings.NewReplacer("Action: failed", "Action: delayed", "Status: 5.1.1", "Status: 4.2.2").Replace(
				string(mail(t, "postfix_bounce.eml", inv, "")))
			soft = strings.Replace(soft, "Message-Id: ", "Message-Id: <soft@example.org>\r\nX-Was: ", 1)
			res, err = a.ReceiveMail(ctx, c, []byte(soft))
			must(t, err)
			if res.Changed || f.request(rq.ID).ContactEmailFailing != "" {
				t.Fatalf("soft bounce: %+v", res)
			}
			// A hard one marks the address and the request.
			res, err = a.ReceiveMail(ctx, c, mail(t, "postfix_bounce.eml", inv, ""))
			must(t, err)
			got = f.request(rq.ID)
			if !res.Changed || !strings.Contains(got.ContactEmailFailing, "5.1.1") || len(eventsOf(got, itinera.EventUndelivered)) != 1 {
				t.Fatalf("hard bounce: %+v, failing %q", res, got.ContactEmailFailing)
			}
			contact, err := s.Contact(ctx, f.tenant.ID, rq.ContactID)
			must(t, err)
			if contact.EmailFailing == "" {
				t.Fatal("the contact's address is not marked failing")
			}
			// Another organization's bounce of the same message marks nothing there.
			if res, err := other.a.ReceiveMail(ctx, other.c, mail(t, "postfix_bounce.eml", inv, "<other-bounce@example.org>")); err != nil || res.Changed {
				t.Fatalf("other organization's bounce: %+v %v", res, err)
			}
			// Editing the name keeps the flag; editing the address clears it.
			contact.Title = "Deputy"
			contact, err = a.UpdateContact(ctx, c, contact)
			must(t, err)
			if contact.EmailFailing == "" {
				t.Fatal("editing the title cleared the flag")
			}
			contact.Email = "m.hale@example.org"
			contact, err = a.UpdateContact(ctx, c, contact)
			must(t, err)
			if contact.EmailFailing != "" || f.request(rq.ID).ContactEmailFailing != "" {
				t.Fatalf("editing the address left the flag: %q", contact.EmailFailing)
			}

			// Mail for another address is put aside.
			stray := strings.Replace(string(mail(t, "thunderbird_plain_reply.eml", inv, "<stray@example.org>")),
				"To: St. Louis Global Programs <programs@stl-global.example.org>", "To: someone@elsewhere.example.org", 1)
			res, err = a.ReceiveMail(ctx, c, []byte(stray))
			must(t, err)
			if res.Changed || res.Message.Matched || !res.Message.Dismissed || !strings.HasPrefix(res.Message.Outcome, "Not for this organization") {
				t.Fatalf("stray: %+v", res)
			}
			// … unless it is the organization's IMAP mailbox's address.
			_, _, err = a.UpdateMailbox(ctx, c, itinera.Mailbox{Host: "127.0.0.1", Port: 1143, Security: itinera.MailboxPlain,
				Username: "answers@mail.stl-global.example.org", Password: "secret"})
			must(t, err)
			viaBox := strings.Replace(string(mail(t, "thunderbird_plain_reply.eml", inv, "<via-mailbox@example.org>")),
				"To: St. Louis Global Programs <programs@stl-global.example.org>", "To: answers@mail.stl-global.example.org", 1)
			res, err = a.ReceiveMail(ctx, c, []byte(viaBox))
			must(t, err)
			if res.Message.Dismissed || !res.Message.Matched {
				t.Fatalf("mail to the mailbox's address: %+v", res)
			}

			// Mail that answers nothing is unmatched: listed, attached, dismissed.
			loose := func(id string) app.InboundResult {
				t.Helper()
				raw := "From: Dana Whitcomb <dana@example.org>\r\nTo: programs+news@stl-global.example.org\r\nSubject: Our new address\r\nMessage-ID: " +
					id + "\r\n\r\nWe moved to 5th Street.\r\n\r\n-- \r\nDana\r\n"
				res, err := a.ReceiveMail(ctx, c, []byte(raw))
				must(t, err)
				return res
			}
			one, two := loose("<loose-1@example.org>"), loose("<loose-2@example.org>")
			page, err := a.UnmatchedMail(ctx, c, 1, 0)
			must(t, err)
			if page.Total != 3 || len(page.Items) != 1 || page.Items[0].ID != two.Message.ID {
				all, _ := a.UnmatchedMail(ctx, c, 50, 0)
				t.Fatalf("unmatched page: %+v", all)
			}
			// (the other organization has only the message sent to this
			// one's reply address; its bounce it could not match is no mail
			// to attach)
			if p, err := other.a.UnmatchedMail(ctx, other.c, 50, 0); err != nil || p.Total != 1 || p.Items[0].MessageID != "<other-by-address@example.org>" {
				t.Fatalf("another organization's unmatched mail: %+v %v", p, err)
			}
			_, err = other.a.AttachMail(ctx, other.c, one.Message.ID, rq.ID)
			wantCode(t, err, itinera.ENOTFOUND)
			_, err = other.a.DismissMail(ctx, other.c, one.Message.ID)
			wantCode(t, err, itinera.ENOTFOUND)
			orq, err := other.s.Requests(ctx, other.tenant.ID, other.program.ID)
			must(t, err)
			if len(orq) > 0 {
				_, err = a.AttachMail(ctx, c, one.Message.ID, orq[0].ID)
				wantField(t, err, "request_id")
			}
			_, err = a.AttachMail(ctx, c, one.Message.ID, 0)
			wantField(t, err, "request_id")
			att, err := a.AttachMail(ctx, c, one.Message.ID, rq.ID)
			must(t, err)
			ev = eventsOf(f.request(rq.ID), itinera.EventMailReply)
			if !att.Matched || att.RequestID != rq.ID || len(ev) != 4 || !strings.Contains(ev[3].Detail, "5th Street") || strings.Contains(ev[1].Detail, "Dana\n") {
				t.Fatalf("attached: %+v, history %+v", att, ev)
			}
			_, err = a.AttachMail(ctx, c, one.Message.ID, rq.ID)
			wantCode(t, err, itinera.ECONFLICT)
			dis, err := a.DismissMail(ctx, c, two.Message.ID)
			must(t, err)
			page, err = a.UnmatchedMail(ctx, c, 50, 0)
			must(t, err)
			if !dis.Dismissed || page.Total != 1 || page.Items[0].MessageID != "<tampered@example.org>" {
				t.Fatalf("after attaching and dismissing: %+v", page)
			}
			viewer := c
			viewer.User.Role = itinera.RoleViewer
			_, err = a.DismissMail(ctx, viewer, two.Message.ID)
			wantCode(t, err, itinera.EFORBIDDEN)

			// Too many attached files are refused.
			var b strings.Builder
			b.WriteString("From: x@example.org\r\nTo: programs@stl-global.example.org\r\nSubject: files\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n")
			for i := 0; i < 21; i++ {
				b.WriteString("--B\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\n\r\nx\r\n")
			}
			b.WriteString("--B--\r\n")
			_, err = a.ReceiveMail(ctx, c, []byte(b.String()))
			wantField(t, err, "message")
		})
	}
}
