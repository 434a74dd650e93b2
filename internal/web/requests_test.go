package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/ical"
	"itinera/internal/ical/icaljstest"
	"itinera/internal/requests"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// clock is a test clock that tests may move.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// mustServeClock is mustServe with a movable clock and a config edit.
func mustServeClock(t *testing.T, edit func(*Config)) (*env, *clock) {
	t.Helper()
	c := &clock{t: storetest.Clock}
	s, err := store.Open(ctx, store.Options{URL: "sqlite:" + filepath.Join(t.TempDir(), "r.db"), Now: c.now})
	must(t, err)
	t.Cleanup(func() { s.Close() })
	_, err = s.Migrate(ctx)
	must(t, err)
	e := &env{t: t, store: s, logs: &syncBuffer{}}
	log := slog.New(slog.NewTextHandler(e.logs, nil))
	ap, err := app.New(app.Config{Store: services(s), Tx: s, Logger: log, Now: c.now, Hasher: cheapHasher})
	must(t, err)
	cfg := Config{App: ap, Logger: log, Now: c.now, Hasher: cheapHasher, BaseURL: "https://itinera.example.org"}
	if edit != nil {
		edit(&cfg)
	}
	e.ui, err = New(cfg)
	must(t, err)
	mux := http.NewServeMux()
	e.ui.Register(mux)
	e.srv = httptest.NewServer(mux)
	t.Cleanup(e.srv.Close)
	e.a = e.mustFixture("alpha", true)
	e.b = e.mustFixture("beta", false)
	// The contact needs an address to be asked.
	e.a.contact.Email = "shima@example.org"
	must(t, s.UpdateContact(ctx, &e.a.contact))
	return e, c
}

var linkRE = regexp.MustCompile(`https://itinera\.example\.org/r/([A-Za-z0-9_-]{43})`)

// sendRequest creates and sends a request through the form and returns it
// and the token read from the outbox.
func (e *env) sendRequest(c *client) (itinera.Request, string) {
	e.t.Helper()
	_, doc := c.page("/meetings/"+itoa(e.a.meeting.ID)+"/requests/new", http.StatusOK)
	form := doc.one(e.t, "form#record-form").formValues()
	res, body := c.post("/meetings/"+itoa(e.a.meeting.ID)+"/requests", form)
	if res.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("send: %d\n%s", res.StatusCode, body)
	}
	page := c.follow(res)
	if f := page.one(e.t, "#flash").Text(); !strings.Contains(f, "The request was sent") {
		e.t.Fatalf("flash %q", f)
	}
	msgs, err := e.store.OutboxMessages(ctx, e.a.tenant.ID, itinera.OutboxFilter{})
	must(e.t, err)
	if len(msgs) == 0 {
		e.t.Fatal("no e-mail in the outbox")
	}
	m := linkRE.FindStringSubmatch(msgs[0].TextBody)
	if m == nil || !strings.Contains(msgs[0].HTMLBody, m[0]) {
		e.t.Fatalf("no link in the e-mail:\n%s", msgs[0].TextBody)
	}
	rs, err := e.store.Requests(ctx, e.a.tenant.ID, e.a.program.ID)
	must(e.t, err)
	return rs[0], m[1]
}

func TestRequestFormBoardAndSend(t *testing.T) {
	t.Parallel()
	e, _ := mustServeClock(t, nil)
	c := e.signIn(e.a.officer)

	// The form proposes the meeting's window cut into 90-minute slots.
	_, doc := c.page("/meetings/"+itoa(e.a.meeting.ID)+"/requests/new", http.StatusOK)
	if got := doc.one(t, "textarea#f-windows").Text(); got != "2026-12-07 09:00-10:30 2026-12-07 10:30-12:00" {
		t.Errorf("proposed times %q", got)
	}
	if doc.one(t, "select#f-contact_id option[selected]").attr("value") != itoa(e.a.contact.ID) {
		t.Error("the meeting's contact is not preselected")
	}
	// A wrong line is named.
	res, body := c.post("/meetings/"+itoa(e.a.meeting.ID)+"/requests", url.Values{"contact_id": {itoa(e.a.contact.ID)},
		"windows": {"Monday morning"}, "expires_on": {"2026-11-20"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "YYYY-MM-DD") {
		t.Fatalf("bad times: %d", res.StatusCode)
	}

	rq, token := e.sendRequest(c)
	if rq.Status != itinera.RequestSent || rq.ContactID != e.a.contact.ID {
		t.Fatalf("request %+v", rq)
	}
	msgs, _ := e.store.OutboxMessages(ctx, e.a.tenant.ID, itinera.OutboxFilter{})
	m := msgs[0]
	for _, want := range []string{e.a.program.Title, "1 visitor from Brazil", "with an interpreter", "Mon 7 Dec 09:00–10:30 CST",
		"America/Chicago", "Victim services", "1 hour 30 minutes", e.a.place.Name} {
		if !strings.Contains(m.TextBody, want) {
			t.Errorf("e-mail lacks %q:\n%s", want, m.TextBody)
		}
	}
	if strings.Contains(m.TextBody, "Pereira") || strings.Contains(m.HTMLBody, "Pereira") {
		t.Error("the e-mail names a visitor")
	}
	if m.To != `"Shima Rostami alpha" <shima@example.org>` || !strings.HasPrefix(m.Subject, "Meeting request:") {
		t.Errorf("to %q subject %q", m.To, m.Subject)
	}
	if !auth.WellFormedToken(token) {
		t.Fatal("bad token")
	}

	// The board lists both requests; the program page links to it.
	_, doc = c.page("/programs/"+itoa(e.a.program.ID)+"/candidates", http.StatusOK)
	doc.one(t, "a#tab-requests[href=/programs/"+itoa(e.a.program.ID)+"/requests]")
	doc.one(t, "a#request-meeting-"+itoa(e.a.meeting.ID))
	_, doc = c.page("/programs/"+itoa(e.a.program.ID)+"/requests", http.StatusOK)
	if n := len(doc.all("#request-board tbody tr")); n != 2 {
		t.Fatalf("board rows %d", n)
	}
	row := doc.one(t, "#request-"+itoa(rq.ID))
	if !strings.Contains(row.Text(), "sent") || !strings.Contains(row.Text(), "Resend link") {
		t.Errorf("board row %q", row.Text())
	}

	// Re-sending replaces the link.
	res, _ = c.post("/requests/"+itoa(rq.ID)+"/send", nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("resend %d", res.StatusCode)
	}
	if res, _ := e.client().get("/r/" + token); res.StatusCode != http.StatusNotFound {
		t.Errorf("old link after resend: %d", res.StatusCode)
	}
}

// answer posts the resource's form as shown, changed by set.
func answer(t *testing.T, c *client, token string, set url.Values) (*http.Response, string) {
	t.Helper()
	_, doc := c.page("/r/"+token, http.StatusOK)
	v := url.Values{"nonce": {doc.one(t, "form#answer-form input[name=nonce]").attr("value")}}
	for k, x := range set {
		v[k] = x
	}
	return c.postRaw("/r/"+token, v)
}

func TestResourceAnswersAndConfirm(t *testing.T) {
	t.Parallel()
	e, _ := mustServeClock(t, nil)
	officer := e.signIn(e.a.officer)
	rq, token := e.sendRequest(officer)
	res := e.client()

	// The page shows the request, not the visitors' personal data.
	_, doc := res.page("/r/"+token, http.StatusOK)
	if got := doc.one(t, "#who").Text(); got != "1 visitor from Brazil, with an interpreter." {
		t.Errorf("who %q", got)
	}
	main := doc.one(t, "main").Text()
	for _, bad := range []string{"Pereira", e.a.officer.Email} {
		if strings.Contains(main, bad) {
			t.Errorf("page shows %q", bad)
		}
	}
	if len(doc.all("input[name=slot]")) != 2 || len(doc.all("input[name=available]")) != 2 {
		t.Fatal("the proposed times are not offered")
	}
	got, _ := e.store.Request(ctx, e.a.tenant.ID, rq.ID)
	if got.Status != itinera.RequestViewed {
		t.Fatalf("status after the first view %q", got.Status)
	}

	cases := []struct {
		name   string
		form   url.Values
		status itinera.RequestStatus
		event  string
	}{
		{"accept", url.Values{"answer": {"accept"}, "slot": {"0"}}, itinera.RequestAccepted, itinera.EventAccepted},
		{"slot alone accepts", url.Values{"slot": {"1"}}, itinera.RequestAccepted, itinera.EventAccepted},
		{"tick", url.Values{"answer": {"available"}, "available": {"0", "1"}}, itinera.RequestAccepted, itinera.EventTicked},
		{"counter", url.Values{"answer": {"counter"}, "proposed": {"2026-12-08 14:00-15:30"}}, itinera.RequestCountered, itinera.EventProposed},
		{"decline", url.Values{"answer": {"decline"}, "reason": {"Travelling"}, "colleague_name": {"Dr. Ada Lane"},
			"colleague_email": {"ada@example.edu"}}, itinera.RequestDeclined, itinera.EventColleague},
		{"partners", url.Values{"answer": {"accept"}, "slot": {"0"}, "partners": {"Interfaith Partnership\nUMSL"}},
			itinera.RequestAccepted, itinera.EventPartners},
	}
	for _, tc := range cases {
		r, body := answer(t, res, token, tc.form)
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: %d\n%s", tc.name, r.StatusCode, body)
		}
		page := res.follow(r)
		if !strings.Contains(page.one(t, "#flash").Text(), "Thank you") {
			t.Errorf("%s: no thanks", tc.name)
		}
		page.one(t, "#current-answer")
		got, _ := e.store.Request(ctx, e.a.tenant.ID, rq.ID)
		if got.Status != tc.status || got.LastEvent().Kind != tc.event {
			t.Errorf("%s: status %q, last event %+v", tc.name, got.Status, got.LastEvent())
		}
	}
	// The form comes back prefilled with the answer on record.
	_, doc = res.page("/r/"+token, http.StatusOK)
	if doc.one(t, "input#slot-0").attr("checked") == "" && !doc.one(t, "input#slot-0").hasAttr("checked") {
		t.Error("the accepted time is not checked")
	}

	// Wrong answers come back with messages; a foreign nonce is refused.
	for name, form := range map[string]url.Values{
		"no slot":   {"answer": {"accept"}},
		"bad slot":  {"answer": {"accept"}, "slot": {"7"}},
		"bad line":  {"answer": {"counter"}, "proposed": {"tomorrow"}},
		"bad email": {"answer": {"decline"}, "colleague_name": {"X"}, "colleague_email": {"not an address"}},
		"nothing":   {},
	} {
		if r, body := answer(t, res, token, form); r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="errors"`) {
			t.Errorf("%s: %d", name, r.StatusCode)
		}
	}
	if r, _ := res.postRaw("/r/"+token, url.Values{"nonce": {"0123"}, "answer": {"decline"}}); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("foreign nonce: %d", r.StatusCode)
	}

	// The officer confirms the accepted time from the request's page.
	_, doc = officer.page("/requests/"+itoa(rq.ID), http.StatusOK)
	form := doc.one(t, "ul.confirm-times form").formValues()
	r, _ := officer.post("/requests/"+itoa(rq.ID)+"/confirm", form)
	page := officer.follow(r)
	if !strings.Contains(page.one(t, "#flash").Text(), "confirmed for Mon 7 Dec 09:00–10:30 CST") {
		t.Errorf("confirm flash %q", page.one(t, "#flash").Text())
	}
	page.one(t, "#confirmed")
	m, _ := e.store.Meeting(ctx, e.a.tenant.ID, e.a.meeting.ID)
	if m.Status != itinera.MeetingConfirmed || len(m.Windows) != 1 {
		t.Errorf("meeting after confirm: %q %v", m.Status, m.Windows)
	}
	checkConfirmation(t, e, m)
	checkChangeNotice(t, e, m)
	checkPlaceChangeNotice(t, e, officer, m)

	// The resource now sees the final time and cannot change the answer.
	_, doc = res.page("/r/"+token, http.StatusOK)
	if got := doc.one(t, "#confirmed-time").Text(); got != "Mon 7 Dec 09:00–10:30 CST" {
		t.Errorf("confirmed time %q", got)
	}
	if doc.has("form#answer-form") {
		t.Error("a confirmed request still offers the answer form")
	}
	if r, _ := res.postRaw("/r/"+token, url.Values{"answer": {"decline"}}); r.StatusCode != http.StatusConflict && r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("answer after confirm: %d", r.StatusCode)
	}

	checkCancellation(t, e, officer, m)

	// A viewer sees the board and the request, without actions.
	viewer := e.signIn(e.a.viewer)
	_, doc = viewer.page("/requests/"+itoa(rq.ID), http.StatusOK)
	if doc.has("form[action=/requests/" + itoa(rq.ID) + "/withdraw]") {
		t.Error("viewer sees the withdraw button")
	}
}

func TestResourceFriendlyPages(t *testing.T) {
	t.Parallel()
	e, clk := mustServeClock(t, nil)
	officer := e.signIn(e.a.officer)
	rq, token := e.sendRequest(officer)
	res := e.client()
	other, _, _ := auth.NewToken()
	for path, want := range map[string]int{
		"/r/short":                      http.StatusNotFound,
		"/r/" + other:                   http.StatusNotFound,
		"/r/" + token[:42] + "%21":      http.StatusNotFound,
		"/r/" + strings.Repeat("A", 43): http.StatusNotFound,
	} {
		r, body := res.get(path)
		if r.StatusCode != want {
			t.Errorf("%s: %d, want %d", path, r.StatusCode, want)
			continue
		}
		parseHTML(t, body).one(t, "#gone-text")
	}

	// Expired: the link shows a friendly page, and the board marks it.
	clk.add(30 * 24 * time.Hour)
	officer = e.signIn(e.a.officer)
	r, body := res.get("/r/" + token)
	if r.StatusCode != http.StatusGone || !strings.Contains(body, "This link has expired") {
		t.Fatalf("expired: %d", r.StatusCode)
	}
	_, doc := officer.page("/programs/"+itoa(e.a.program.ID)+"/requests", http.StatusOK)
	if !doc.one(t, "#request-"+itoa(rq.ID)).hasAttr("class") || !strings.Contains(doc.one(t, "#board-summary").Text(), "1 overdue") {
		t.Error("the expired request is not marked overdue")
	}

	// Withdrawn: resend, withdraw, and the new link says so.
	r, _ = officer.post("/requests/"+itoa(rq.ID)+"/send", nil)
	officer.follow(r)
	msgs, _ := e.store.OutboxMessages(ctx, e.a.tenant.ID, itinera.OutboxFilter{})
	token = linkRE.FindStringSubmatch(msgs[0].TextBody)[1]
	if r, _ := res.get("/r/" + token); r.StatusCode != http.StatusOK {
		t.Fatalf("re-sent link: %d", r.StatusCode)
	}
	r, _ = officer.post("/requests/"+itoa(rq.ID)+"/withdraw", nil)
	officer.follow(r)
	r, body = res.get("/r/" + token)
	if r.StatusCode != http.StatusGone || !strings.Contains(body, "withdrawn") {
		t.Fatalf("withdrawn: %d", r.StatusCode)
	}
	if r, _ := res.postRaw("/r/"+token, url.Values{"answer": {"decline"}}); r.StatusCode != http.StatusGone {
		t.Errorf("answer to a withdrawn request: %d", r.StatusCode)
	}
	if strings.Contains(e.logs.String(), "level=ERROR") {
		t.Errorf("errors logged:\n%s", e.logs.String())
	}
}

func TestResourceRateLimit(t *testing.T) {
	t.Parallel()
	var limiter *auth.Limiter
	e, _ := mustServeClock(t, func(c *Config) {
		limiter = auth.NewLimiter(3, time.Hour, c.Now)
		c.Requests.Limiter = limiter
	})
	_, token := e.sendRequest(e.signIn(e.a.officer))
	res := e.client()
	// The right link may be opened again and again; wrong ones are counted.
	for i := 0; i < 5; i++ {
		if r, _ := res.get("/r/" + token); r.StatusCode != http.StatusOK {
			t.Fatalf("open %d: %d", i+1, r.StatusCode)
		}
	}
	for i := 0; i < 3; i++ {
		wrong, _, _ := auth.NewToken()
		if r, _ := res.get("/r/" + wrong); r.StatusCode != http.StatusNotFound {
			t.Fatalf("wrong try %d: %d", i+1, r.StatusCode)
		}
	}
	r, body := res.get("/r/short")
	if r.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Please wait") {
		t.Fatalf("fourth wrong try: %d", r.StatusCode)
	}
	// Out of tries, the address is refused even the right link for a while.
	if r, _ := res.get("/r/" + token); r.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("right link while blocked: %d", r.StatusCode)
	}
}

// FuzzResourceForm: no form makes the answer reader or its validation
// panic, and whatever they accept is consistent.
func FuzzResourceForm(f *testing.F) {
	p := itinera.Program{TimeZone: "America/Chicago", StartDate: itinera.MustDate("2026-12-05"), EndDate: itinera.MustDate("2026-12-09")}
	loc := p.Location()
	mon := itinera.MustDate("2026-12-07")
	proposed := []itinera.Window{{Start: mon.At(9*60, loc), End: mon.At(10*60+30, loc)}, {Start: mon.At(10*60+30, loc), End: mon.At(12*60, loc)}}
	for _, seed := range []string{"answer=accept&slot=0", "slot=1", "answer=available&available=0&available=1", "available=-1",
		"answer=counter&proposed=2026-12-08+14:00-15:30", "proposed=2026-12-08+25:00-26:00", "answer=decline&reason=x&colleague_email=a@b.c",
		"partners=a%0Ab%2Cc", "answer=%00", "slot=99999999999999999999", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		a, errs := readAnswer(v, proposed, p)
		if err := a.Validate(proposed); err == nil && len(errs) == 0 {
			if a.Kind == itinera.AnswerAccept && !a.Slot.Start.Equal(proposed[0].Start) && !a.Slot.Start.Equal(proposed[1].Start) {
				t.Fatalf("accepted a time that was not proposed: %+v", a)
			}
			if a.Kind == itinera.AnswerCounter && len(a.Proposed) == 0 {
				t.Fatal("a counter-proposal without times")
			}
		}
	})
}

// FuzzResourceToken: any path segment gets a friendly page, never an
// error page or a crash.
func FuzzResourceToken(f *testing.F) {
	for _, seed := range []string{"", "x", strings.Repeat("A", 43), strings.Repeat("_", 43), "%00", "../programs", "é"} {
		f.Add(seed)
	}
	s := storetest.SQLite(f)
	ui, err := New(Config{App: mustApp(f, s, services(s), nil), Now: storetest.Now, Hasher: cheapHasher})
	if err != nil {
		f.Fatal(err)
	}
	mux := http.NewServeMux()
	ui.Register(mux)
	f.Fuzz(func(t *testing.T, token string) {
		req := httptest.NewRequest("GET", "/r/x", nil)
		req.SetPathValue("token", token)
		w := httptest.NewRecorder()
		ui.guard(public, ui.resourcePage).ServeHTTP(w, req)
		if w.Code != http.StatusNotFound && w.Code != http.StatusTooManyRequests {
			t.Fatalf("token %q: status %d", token, w.Code)
		}
	})
}

// checkConfirmation: confirming queued one invitation (METHOD:REQUEST) to
// the contact alone, which ical.js reads at the confirmed local time with
// the meeting's stable UID.
func checkConfirmation(t *testing.T, e *env, m itinera.Meeting) {
	t.Helper()
	msgs, err := e.store.OutboxMessages(ctx, e.a.tenant.ID, itinera.OutboxFilter{})
	must(t, err)
	var inv *itinera.OutboxMessage
	for i := range msgs {
		if msgs[i].CalendarMethod == "REQUEST" {
			inv = &msgs[i]
		}
	}
	if inv == nil || !strings.Contains(inv.To, "shima@example.org") || !strings.HasPrefix(inv.Subject, "Confirmed: ") {
		t.Fatalf("no confirmation invitation in the outbox: %+v", msgs)
	}
	cal := icaljstest.Read(t, "confirmation.ics", []byte(inv.Calendar))
	if cal.Method != "REQUEST" || len(cal.Events) != 1 {
		t.Fatalf("ical.js read %+v", cal)
	}
	ev := cal.Events[0]
	if ev.UID != fmt.Sprintf("meeting-%d@alpha.itinera", m.ID) || ev.Status != "CONFIRMED" || len(ev.Attendees) != 1 ||
		ev.Attendees[0].Address != "mailto:shima@example.org" || ev.Start == nil {
		t.Fatalf("invitation event %+v", ev)
	}
	start, _ := time.Parse(time.RFC3339, ev.Start.UTC)
	if !start.Equal(m.Windows[0].Start) || ev.Start.TZID != "America/Chicago" || !strings.HasPrefix(ev.Start.Local, "2026-12-07T09:00:00") {
		t.Errorf("invitation starts %+v, want %v (09:00 in Chicago)", ev.Start, m.Windows[0].Start)
	}
}

// checkCancellation: cancelling the confirmed meeting queues a
// METHOD:CANCEL to the contact with the invitation's UID and a higher
// SEQUENCE, which ical.js reads as cancelled.
func checkCancellation(t *testing.T, e *env, officer *client, m itinera.Meeting) {
	t.Helper()
	r, _ := officer.post("/meetings/"+itoa(m.ID)+"/cancel", url.Values{})
	page := officer.follow(r)
	if !strings.Contains(page.one(t, "#flash").Text(), "receives a cancellation") {
		t.Fatalf("cancel flash %q", page.one(t, "#flash").Text())
	}
	got, _ := e.store.Meeting(ctx, e.a.tenant.ID, m.ID)
	if got.Status != itinera.MeetingCancelled {
		t.Fatalf("meeting status %q after cancelling", got.Status)
	}
	msgs, err := e.store.OutboxMessages(ctx, e.a.tenant.ID, itinera.OutboxFilter{})
	must(t, err)
	var invite, cancel *itinera.OutboxMessage
	for i := range msgs {
		switch msgs[i].CalendarMethod {
		case "REQUEST":
			invite = &msgs[i]
		case "CANCEL":
			cancel = &msgs[i]
		}
	}
	if invite == nil || cancel == nil || !strings.Contains(cancel.To, "shima@example.org") {
		t.Fatalf("outbox lacks the invitation or the cancellation: %+v", msgs)
	}
	inv := icaljstest.Read(t, "invitation.ics", []byte(invite.Calendar)).Events[0]
	can := icaljstest.Read(t, "cancel.ics", []byte(cancel.Calendar))
	if can.Method != "CANCEL" || len(can.Events) != 1 || can.Events[0].UID != inv.UID ||
		can.Events[0].Sequence <= inv.Sequence || can.Events[0].Status != "CANCELLED" {
		t.Fatalf("cancellation %+v against invitation uid %s seq %d", can, inv.UID, inv.Sequence)
	}
	if r, _ := officer.post("/meetings/"+itoa(m.ID)+"/cancel", url.Values{}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("second cancel: %d", r.StatusCode)
	}
}

// checkChangeNotice: a new itinerary version that moves the confirmed
// meeting queues one updated invitation to its contact (same UID, higher
// SEQUENCE, the new time), and a version that leaves it alone queues none.
func checkChangeNotice(t *testing.T, e *env, m itinera.Meeting) {
	t.Helper()
	at := m.Windows[0]
	save := func(start time.Time) {
		t.Helper()
		changes, err := requests.LoadChanges(ctx, e.store.Services().Readers(), e.a.tenant.ID, m.ProgramID,
			ical.Person{Name: "Olga Officer", Email: "officer@example.org"}, storetest.Now())
		must(t, err)
		it := itinera.Itinerary{TenantID: e.a.tenant.ID, ProgramID: m.ProgramID, Items: []itinera.ItineraryItem{
			{MeetingID: m.ID, Start: start, End: start.Add(at.End.Sub(at.Start))}}}
		must(t, e.store.ApplyItinerary(ctx, &it, func(cs []itinera.ItemChange) ([]itinera.OutboxMessage, error) {
			ups, err := changes.Updates(cs)
			var msgs []itinera.OutboxMessage
			for _, u := range ups {
				msgs = append(msgs, u.Messages...)
			}
			return msgs, err
		}))
	}
	count := func() (n int, last *itinera.OutboxMessage) {
		msgs, err := e.store.OutboxMessages(ctx, e.a.tenant.ID, itinera.OutboxFilter{})
		must(t, err)
		for i := range msgs {
			if msgs[i].CalendarMethod == "REQUEST" && strings.HasPrefix(msgs[i].Subject, "Changed: ") {
				n++
				if last == nil {
					last = &msgs[i] // newest first
				}
			}
		}
		return n, last
	}
	save(at.Start)
	save(at.Start)
	if n, _ := count(); n != 0 {
		t.Fatalf("%d change notices without a change", n)
	}
	later := at.Start.Add(time.Hour)
	save(later)
	n, msg := count()
	if n != 1 || !strings.Contains(msg.To, "shima@example.org") {
		t.Fatalf("%d change notices after moving the meeting: %+v", n, msg)
	}
	ev := icaljstest.Read(t, "changed.ics", []byte(msg.Calendar)).Events[0]
	start, _ := time.Parse(time.RFC3339, ev.Start.UTC)
	if ev.UID != fmt.Sprintf("meeting-%d@alpha.itinera", m.ID) || ev.Sequence < 1 || !start.Equal(later) {
		t.Fatalf("change notice reads %+v (uid %s seq %d), want the meeting at %v", ev.Start, ev.UID, ev.Sequence, later)
	}
}

// checkPlaceChangeNotice: changing the place of the confirmed meeting in
// its form saves a new itinerary version and sends the resource an update
// naming the new place.
func checkPlaceChangeNotice(t *testing.T, e *env, officer *client, m itinera.Meeting) {
	t.Helper()
	library := itinera.Place{TenantID: e.a.tenant.ID, Name: "Central Library", Kind: itinera.PlaceVenue,
		Address: "1301 Olive St, St. Louis, MO 63103", Lat: 38.6317, Lon: -90.1990}
	must(t, e.store.CreatePlace(ctx, &library))
	_, doc := officer.page("/meetings/"+itoa(m.ID)+"/edit", http.StatusOK)
	form := doc.one(t, "form[action=/meetings/"+itoa(m.ID)+"]").formValues()
	form.Set("place_id", itoa(library.ID))
	r, body := officer.post("/meetings/"+itoa(m.ID), form)
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the meeting: %d\n%s", r.StatusCode, body)
	}
	if flash := officer.follow(r).one(t, "#flash").Text(); !strings.Contains(flash, "updated invitation") {
		t.Fatalf("flash %q", flash)
	}
	msgs, err := e.store.OutboxMessages(ctx, e.a.tenant.ID, itinera.OutboxFilter{})
	must(t, err)
	newest := msgs[0]
	if newest.CalendarMethod != "REQUEST" || !strings.HasPrefix(newest.Subject, "Changed: ") {
		t.Fatalf("newest message %q (%s)", newest.Subject, newest.CalendarMethod)
	}
	ev := icaljstest.Read(t, "moved.ics", []byte(newest.Calendar)).Events[0]
	if !strings.Contains(ev.Location, "Central Library") || ev.Sequence < 2 {
		t.Fatalf("update reads location %q sequence %d", ev.Location, ev.Sequence)
	}
}

// TestOfficerRecordsADecline: a resource declines by phone; the officer
// records it on the request's page with what they said, through the same
// workflow as the API: the request and the meeting are declined, and the
// history says who recorded it.
func TestOfficerRecordsADecline(t *testing.T) {
	t.Parallel()
	e, _ := mustServeClock(t, nil)
	c := e.signIn(e.a.officer)
	rq, _ := e.sendRequest(c)
	_, doc := c.page("/requests/"+itoa(rq.ID), http.StatusOK)
	doc.one(t, "form#decline-request")
	res, _ := c.post("/requests/"+itoa(rq.ID)+"/decline", url.Values{"reason": {"Our director is travelling that week."}})
	page := c.follow(res)
	if got := page.one(t, "#request-status").Text(); got != "declined" {
		t.Fatalf("status %q after recording a decline", got)
	}
	if h := page.one(t, "#history").Text(); !strings.Contains(h, "recorded by the program officer: Our director is travelling that week.") {
		t.Errorf("history: %s", h)
	}
	m, err := e.store.Meeting(ctx, e.a.tenant.ID, rq.MeetingID)
	must(t, err)
	if m.Status != itinera.MeetingDeclined {
		t.Errorf("meeting %s, want declined", m.Status)
	}
	if len(page.all("form#decline-request")) != 0 {
		t.Error("a declined request still offers to record a decline")
	}
	// A viewer cannot, and another organization's officer finds nothing.
	v := e.signIn(e.a.viewer)
	if res, _ := v.post("/requests/"+itoa(rq.ID)+"/decline", url.Values{}); res.StatusCode != http.StatusForbidden {
		t.Errorf("viewer: %d", res.StatusCode)
	}
}

// TestLinkLastDaySameEverywhere: the request e-mail, the officer's request
// page and the resource's page state the same last day of the link (one
// rule, itinera.LinkLastDay, in the program's zone).
func TestLinkLastDaySameEverywhere(t *testing.T) {
	t.Parallel()
	e, _ := mustServeClock(t, nil)
	officer := e.signIn(e.a.officer)
	rq, token := e.sendRequest(officer)
	msgs, err := e.store.OutboxMessages(ctx, e.a.tenant.ID, itinera.OutboxFilter{})
	must(t, err)
	m := regexp.MustCompile(`works until ([A-Za-z]+ \d+ [A-Za-z]+ \d{4})\.`).FindStringSubmatch(msgs[0].TextBody)
	if m == nil {
		t.Fatalf("the e-mail states no last day:\n%s", msgs[0].TextBody)
	}
	want := itinera.LinkLastDayLabel(rq.ExpiresAt, e.a.program.Location())
	if m[1] != want {
		t.Errorf("e-mail %q, rule %q", m[1], want)
	}
	if !strings.Contains(msgs[0].HTMLBody, "works until "+want) {
		t.Errorf("the HTML e-mail does not say %q", want)
	}
	_, doc := officer.page("/requests/"+itoa(rq.ID), http.StatusOK)
	if got := doc.one(t, "#link-last-day").Text(); got != want {
		t.Errorf("request page %q, e-mail %q", got, want)
	}
	_, doc = e.client().page("/r/"+token, http.StatusOK)
	if got := doc.one(t, "#link-last-day").Text(); got != want {
		t.Errorf("resource page %q, e-mail %q", got, want)
	}
}

// TestConfirmSaysItMovesTheMeeting: the itinerary holds the meeting at
// 09:30; the resource accepts 09:00. Before anything moves, the request
// page says the confirmation moves it, and from where; confirming does.
func TestConfirmSaysItMovesTheMeeting(t *testing.T) {
	t.Parallel()
	e, _ := mustServeClock(t, nil)
	officer := e.signIn(e.a.officer)
	loc := e.a.program.Location()
	mon := itinera.MustDate("2026-12-07")
	it := itinera.Itinerary{TenantID: e.a.tenant.ID, ProgramID: e.a.program.ID, Items: []itinera.ItineraryItem{
		{MeetingID: e.a.meeting.ID, Start: mon.At(itinera.MustClock("09:30"), loc), End: mon.At(itinera.MustClock("11:00"), loc)}}}
	must(t, e.store.SaveItinerary(ctx, &it))
	rq, token := e.sendRequest(officer)
	if r, body := answer(t, e.client(), token, url.Values{"answer": {"accept"}, "slot": {"0"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("answer %d\n%s", r.StatusCode, body)
	}
	_, doc := officer.page("/requests/"+itoa(rq.ID), http.StatusOK)
	li := doc.one(t, "ul.confirm-times li")
	if got := li.one(t, ".effect").Text(); got != "Moves the meeting in the itinerary from Mon 7 Dec 09:30–11:00 CST to this time (a new version)." {
		t.Errorf("effect %q", got)
	}
	if got := li.one(t, "button").Text(); !strings.HasPrefix(got, "Confirm and move") {
		t.Errorf("button %q", got)
	}
	cur, err := e.store.CurrentItinerary(ctx, e.a.tenant.ID, e.a.program.ID)
	must(t, err)
	if cur.Version != it.Version {
		t.Fatal("the page moved something")
	}
	r, _ := officer.post("/requests/"+itoa(rq.ID)+"/confirm", li.one(t, "form").formValues())
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm %d", r.StatusCode)
	}
	cur, err = e.store.CurrentItinerary(ctx, e.a.tenant.ID, e.a.program.ID)
	must(t, err)
	if got := cur.Items[0].Start.In(loc).Format("15:04"); got != "09:00" {
		t.Errorf("after confirming, the meeting starts at %s", got)
	}
}

// A resource's own times come as rows of a day and a time range; a
// browser without time pickers lets them type "2.30 pm", which is read;
// a half-filled row is named by its number and nothing is recorded.
func TestResourceOfferRows(t *testing.T) {
	t.Parallel()
	e, _ := mustServeClock(t, nil)
	rq, token := e.sendRequest(e.signIn(e.a.officer))
	res := e.client()
	r, body := answer(t, res, token, url.Values{"answer": {"counter"}, "offer_day": {"2026-12-08", "2026-12-09", ""},
		"offer_from": {"2.30 pm", "9", ""}, "offer_to": {"4pm", ""}})
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Time 2: give its day, its start and its end.") {
		t.Fatalf("half row: %d", r.StatusCode)
	}
	if got, _ := e.store.Request(ctx, e.a.tenant.ID, rq.ID); got.Answer != nil {
		t.Fatal("a refused answer was recorded")
	}
	r, _ = answer(t, res, token, url.Values{"offer_day": {"2026-12-08", ""}, "offer_from": {"2.30 pm", ""}, "offer_to": {"4pm", ""}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("offer: %d", r.StatusCode)
	}
	got, _ := e.store.Request(ctx, e.a.tenant.ID, rq.ID)
	if got.Status != itinera.RequestCountered || len(got.Answer.Proposed) != 1 ||
		itinera.WindowText(got.Answer.Proposed[0], e.a.program.Location()) != "2026-12-08 14:30-16:00" {
		t.Fatalf("answer %q %+v", got.Status, got.Answer)
	}
}

// The officer withdraws a confirmation from the request's page; the
// resource is told and the meeting can be asked again.
func TestWithdrawConfirmationPage(t *testing.T) {
	t.Parallel()
	e, _ := mustServeClock(t, nil)
	officer := e.signIn(e.a.officer)
	rq, token := e.sendRequest(officer)
	if r, _ := answer(t, e.client(), token, url.Values{"answer": {"accept"}, "slot": {"0"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("answer %d", r.StatusCode)
	}
	_, doc := officer.page("/requests/"+itoa(rq.ID), http.StatusOK)
	if doc.has("#unconfirm") {
		t.Error("an unconfirmed request offers to withdraw a confirmation")
	}
	r, _ := officer.post("/requests/"+itoa(rq.ID)+"/confirm", doc.one(t, "ul.confirm-times form").formValues())
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm %d", r.StatusCode)
	}
	_, doc = officer.page("/requests/"+itoa(rq.ID), http.StatusOK)
	form := doc.one(t, "#unconfirm form").formValues()
	form.Set("reason", "The delegation's flight moved.")
	r, _ = officer.post("/requests/"+itoa(rq.ID)+"/unconfirm", form)
	page := officer.follow(r)
	if !strings.Contains(page.one(t, "#flash").Text(), "confirmation was withdrawn") {
		t.Errorf("flash %q", page.one(t, "#flash").Text())
	}
	got, _ := e.store.Request(ctx, e.a.tenant.ID, rq.ID)
	m, _ := e.store.Meeting(ctx, e.a.tenant.ID, e.a.meeting.ID)
	if got.Status != itinera.RequestWithdrawn || m.Status != itinera.MeetingCandidate {
		t.Errorf("request %s, meeting %s", got.Status, m.Status)
	}
	if _, doc := officer.page("/meetings/"+itoa(e.a.meeting.ID)+"/requests/new", http.StatusOK); !doc.has("#record-form") {
		t.Error("the meeting cannot be requested again")
	}
}
