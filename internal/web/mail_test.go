package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/demo"
	"itinera/internal/inbound/inboundtest"
	"itinera/internal/storetest"
)

// mustMailAnswers gives tenant A's pages the answers that came by mail:
// a proposed new time on its request, a reply to its sent message, and
// unmatched mail (one with a quote and a signature, one whose text was
// HTML), so that the page walkers see them filled.
func mustMailAnswers(t *testing.T, e *env) {
	t.Helper()
	f := e.a
	now := storetest.Now()
	loc, err := itinera.LoadZone(f.program.TimeZone)
	must(t, err)
	at := itinera.Window{Start: f.request.Windows[0].Start.Add(2 * time.Hour), End: f.request.Windows[0].End.Add(2 * time.Hour)}
	must(t, e.store.SetCounter(ctx, f.tenant.ID, f.request.ID, itinera.CounterProposal{At: at, Comment: "Could we meet after lunch instead?"},
		itinera.RequestEvent{At: now, Kind: itinera.EventCounter, Detail: "Proposed " + at.Label(loc) + " in their calendar application."}))
	reply := itinera.InboundMessage{TenantID: f.tenant.ID, MessageID: "<reply-walk@example.org>", ReceivedAt: now, From: "shima@example.org",
		Subject: "Re: Meeting request", Kind: itinera.InboundAutoReply, Matched: true, Outcome: "An automatic reply; nothing changed.",
		RequestID: f.request.ID, OutboxID: f.outbox.ID, Text: "I am out of the office until Monday.\n\n-- \nShima Rostami\nGateway Human Trafficking"}
	must(t, e.store.RecordInbound(ctx, &reply))
	for i, text := range []string{
		"Tuesday at 10 works for us, and I will bring our prosecutor.\n\nOn 12/2/26 9:15 AM, Programs wrote:\n> Dear Ms Rostami,\n> would you meet the delegation?",
		"We moved: our new address is 4900 Delmar Blvd. <script>alert(1)</script> (this text was HTML)",
	} {
		m := itinera.InboundMessage{TenantID: f.tenant.ID, MessageID: "<loose-walk-" + itoa(int64(i)) + "@example.org>", ReceivedAt: now,
			From: "dana.whitfield@example.org", Subject: "About the delegation's visit", Kind: itinera.InboundMail,
			Outcome: "Not matched to a request. Kept in the unmatched mail for the officer.", Text: text}
		must(t, e.store.RecordInbound(ctx, &m))
	}
}

// TestMailAnswerPages: the request shows a proposed new time with its
// two actions, its received mail (text only: HTML never rendered) and
// each answer's source; the board marks it; the unmatched mail lists,
// attaches and dismisses; the outbox message lists its replies; the
// actions are refused to a viewer and to another organization.
func TestMailAnswerPages(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	f := e.a
	mustMailAnswers(t, e)
	o := e.signIn(f.officer)

	_, doc := o.page("/requests/"+itoa(f.request.ID), http.StatusOK)
	doc.one(t, "#counter form#accept-counter")
	doc.one(t, "#decline-counter textarea[name=comment]")
	if !strings.Contains(doc.one(t, "#counter").Text(), "Could we meet after lunch instead?") {
		t.Errorf("counter: %s", doc.one(t, "#counter").Text())
	}
	if !strings.Contains(doc.one(t, "#history span.source-tag").Text(), "calendar") {
		t.Errorf("history: %s", doc.one(t, "#history").Text())
	}
	mail := doc.one(t, "#request-mail")
	if !strings.Contains(mail.Text(), "out of the office") || len(mail.all("details.mail-folded")) != 1 {
		t.Errorf("received mail: %s", mail.Text())
	}
	_, doc = o.page("/programs/"+itoa(f.program.ID)+"/requests", http.StatusOK)
	doc.one(t, "#request-"+itoa(f.request.ID)+" a.counter-tag")
	_, doc = o.page("/programs/"+itoa(f.program.ID)+"/candidates", http.StatusOK)
	if a := doc.one(t, "#meeting-"+itoa(f.meeting.ID)+" ul.answers"); !strings.Contains(a.Text(), "proposed a new time") || !strings.Contains(a.Text(), "calendar") {
		t.Errorf("the meeting's answers: %s", a.Text())
	}
	_, doc = o.page("/outbox/"+itoa(f.outbox.ID), http.StatusOK)
	if !strings.Contains(doc.one(t, "#message-replies").Text(), "out of the office") {
		t.Error("the outbox message does not list its reply")
	}

	// A failing address shows on the contact and on the request.
	must(t, e.store.MarkContactFailing(ctx, f.tenant.ID, f.contact.ID, "Returned (5.1.1): User unknown."))
	if _, doc = o.page("/directory", http.StatusOK); !strings.Contains(doc.Text(), "address failing") {
		t.Error("the directory does not show the failing address")
	}
	if _, doc = o.page("/contacts/"+itoa(f.contact.ID)+"/edit", http.StatusOK); !strings.Contains(doc.Text(), "came back") {
		t.Error("the contact's form does not say its address fails")
	}
	if _, doc = o.page("/requests/"+itoa(f.request.ID), http.StatusOK); !strings.Contains(doc.one(t, "#undelivered").Text(), "5.1.1") {
		t.Error("the request does not say it is undelivered")
	}

	_, doc = o.page("/mail/unmatched", http.StatusOK)
	items := doc.all("#unmatched-mail li.mail-item")
	if len(items) != 2 || len(doc.all("#unmatched-mail script")) != 0 || !strings.Contains(doc.one(t, "#unmatched-mail").Text(), "<script>") {
		t.Fatalf("unmatched list: %d items; %s", len(items), doc.one(t, "#unmatched-mail").Text())
	}
	page, err := e.ui.app.UnmatchedMail(ctx, app.Caller{User: f.officer}, 50, 0)
	must(t, err)
	first, second := page.Items[1].ID, page.Items[0].ID // newest first: the second one recorded comes first

	// Another organization and a viewer cannot act on them.
	other := e.signIn(e.b.officer)
	if res, _ := other.post("/mail/"+itoa(first)+"/dismiss", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("another organization dismissed: %d", res.StatusCode)
	}
	if res, _ := other.post("/requests/"+itoa(f.request.ID)+"/decline-counter", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("another organization declined the new time: %d", res.StatusCode)
	}
	viewer := e.signIn(f.viewer)
	if res, _ := viewer.post("/mail/"+itoa(first)+"/dismiss", nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("a viewer dismissed: %d", res.StatusCode)
	}

	res, _ := o.post("/mail/"+itoa(second)+"/attach", url.Values{"request_id": {itoa(f.request.ID)}})
	if doc = o.follow(res); !strings.Contains(doc.one(t, "#history").Text(), "4900 Delmar") {
		t.Errorf("attached: %s", doc.one(t, "#history").Text())
	}
	res, _ = o.post("/mail/"+itoa(first)+"/dismiss", nil)
	if doc = o.follow(res); doc.one(t, "#no-unmatched") == nil {
		t.Error("the list is not empty")
	}
	// The request is a draft: nothing confirmed to move, said plainly.
	res, _ = o.post("/requests/"+itoa(f.request.ID)+"/accept-counter", nil)
	if doc = o.follow(res); !strings.Contains(doc.Text(), "no longer confirmed") {
		t.Errorf("accepting on a draft: %s", doc.Text())
	}
}

// TestMailAnswerPagesOnAPhone: the demo's request with a proposed new
// time, and the unmatched mail, fit a 390 px phone; with
// ITINERA_SCREENSHOTS=DIR they are saved there (request-counter.png,
// request-counter-phone.png, unmatched-mail.png, unmatched-mail-phone.png).
func TestMailAnswerPagesOnAPhone(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	d := e.mustDemoEvening()
	_, err := demo.LoadRequests(ctx, e.store.Services(), d.tenant.ID, d.programID, "https://itinera.example.org")
	must(t, err)
	u := e.mustUser(d.tenant.ID, "lead@demo.example.org", itinera.RoleOfficer)
	c := app.Caller{User: u, Site: "https://itinera.example.org"}
	st, err := e.store.Settings(ctx, d.tenant.ID)
	must(t, err)
	st.MailFromAddress = "programs@stl-global.example.org"
	must(t, e.store.UpdateSettings(ctx, &st))
	rqs, err := e.store.Requests(ctx, d.tenant.ID, d.programID)
	must(t, err)
	var rq itinera.Request
	for _, x := range rqs {
		if x.IsConfirmed() && strings.Contains(x.ContactName, "Rumi Price") {
			rq = x
		}
	}
	if rq.ID == 0 {
		t.Fatal("the demo has no confirmed request to Dr. Rumi Price")
	}
	contact, err := e.store.Contact(ctx, d.tenant.ID, rq.ContactID)
	must(t, err)
	counter := itinera.Window{Start: rq.Confirmed.Start.Add(24 * time.Hour), End: rq.Confirmed.End.Add(24 * time.Hour)}
	raw := fixtureMail(t, "outlook_counter.eml", strings.NewReplacer(
		"meeting-17@stl-global.itinera", "meeting-"+itoa(rq.MeetingID)+"@"+d.tenant.Slug+".itinera",
		"SEQUENCE:0", "SEQUENCE:"+itoa(int64(rq.ToldSequence)),
		"marcus.hale@example.org", contact.Email, "Marcus Hale", contact.Name,
		"Missouri Attorney General's Office: state", rq.MeetingTitle, " trafficking cases", " meeting",
		"20261208T140000", counter.Start.In(mustZone(t, "America/Chicago")).Format("20060102T150405"),
		"20261208T153000", counter.End.In(mustZone(t, "America/Chicago")).Format("20060102T150405")))
	res, err := e.ui.app.ReceiveMail(ctx, c, []byte(raw))
	must(t, err)
	if !res.Changed {
		t.Fatalf("the counter-proposal was not kept: %+v", res)
	}
	for i, text := range []string{
		"Dear programs team,\n\nWe would be glad to host two of the visitors at our shelter on Tuesday afternoon, if that helps.\n\nBest,\nRenee\n\n-- \nRenee Calloway\nHealing Action Network",
		"Hello,\n\nI read about the delegation in the Post-Dispatch. Could our youth program meet them?\n\nOn Mon, Nov 30, 2026 at 9:02 AM St. Louis Global Programs <programs@stl-global.example.org> wrote:\n> Dear friends of the program,\n> the delegation arrives on Saturday.",
	} {
		m := "From: Sender " + itoa(int64(i)) + " <sender" + itoa(int64(i)) + "@example.org>\r\nTo: programs@stl-global.example.org\r\nSubject: " +
			[]string{"Hosting two visitors", "A meeting with our youth program?"}[i] + "\r\nMessage-ID: <shot-" + itoa(int64(i)) +
			"@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + strings.ReplaceAll(text, "\n", "\r\n") + "\r\n"
		_, err := e.ui.app.ReceiveMail(ctx, c, []byte(m))
		must(t, err)
	}
	shootPages(t, e, d.officer, []shot{
		{path: "/requests/" + itoa(rq.ID), name: "request-counter", wait: "#counter"},
		{path: "/mail/unmatched", name: "unmatched-mail", wait: "#unmatched-mail"},
	})
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	must(t, err)
	return loc
}

// fixtureMail is a message of internal/inbound/testdata with swap applied
// to its plain and base64 parts.
func fixtureMail(t *testing.T, file string, swap *strings.Replacer) string {
	t.Helper()
	return string(inboundtest.Fixture(t, file, swap.Replace))
}
