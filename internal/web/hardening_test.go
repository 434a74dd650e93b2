package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"itinera"
)

// badText are values no text field may hold, by what is wrong with them.
var badText = map[string]string{
	"NUL":           "Gate\x00way",
	"bell":          "Gate\x07way",
	"escape":        "Gateway\x1b[2J",
	"invalid UTF-8": "Gate\xff\xfeway",
	"too long":      strings.Repeat("a", 10001),
}

// wantFieldMessage checks a 422 page that shows a message beside field.
func wantFieldMessage(t *testing.T, what string, res *http.Response, body, sel string) {
	t.Helper()
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("%s: status %d, want 422", what, res.StatusCode)
		return
	}
	if !parseHTML(t, body).has(sel) {
		t.Errorf("%s: no message at %s", what, sel)
	}
}

// withValue returns a copy of v with name set to value.
func withValue(v url.Values, name, value string) url.Values {
	out := url.Values{}
	for k, x := range v {
		out[k] = append([]string(nil), x...)
	}
	out.Set(name, value)
	return out
}

var resourceLinkRE = regexp.MustCompile(`/r/([A-Za-z0-9_-]{43})`)

// The public pages (host sign-up, a host's personal page, a resource's
// answer page) refuse control characters, invalid UTF-8, line breaks in
// one-line fields and over-long text with a message beside the field, and
// never answer 500, on both databases.
func TestPublicPagesRefuseBadText(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		c := e.client()
		single := []string{"name", "contact_name", "email", "phone", "availability"}
		lists := []string{"languages", "can_serve", "pets", "interests", "free_dates"}
		multi := []string{"address", "note"}
		for _, field := range append(append(append([]string{}, single...), lists...), multi...) {
			bad := map[string]string{}
			for k, v := range badText {
				bad[k] = v
			}
			if !strings.Contains(strings.Join(lists, " "), field) && !strings.Contains(strings.Join(multi, " "), field) {
				bad["CRLF"] = "Gate\r\nway"
			}
			for what, v := range bad {
				res, body := c.postRaw("/host/alpha", withValue(signUpForm(), field, v))
				wantFieldMessage(t, "sign-up "+field+" "+what, res, body, "#f-"+field+"-error")
			}
		}
		res, body := c.postRaw("/host/alpha", withValue(signUpForm(), "free_dates", "1999-12-31"))
		wantFieldMessage(t, "sign-up free date in 1999", res, body, "#f-free_dates-error")
		for _, slug := range []string{"%00", "alpha%00", "%FF%FE", "alpha%0D%0A"} {
			for _, method := range []string{"GET", "POST"} {
				req, err := http.NewRequest(method, e.srv.URL+"/host/"+slug, strings.NewReader(signUpForm().Encode()))
				must(t, err)
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				if res, _ := c.do(req); res.StatusCode != http.StatusNotFound {
					t.Errorf("%s /host/%s: status %d, want 404", method, slug, res.StatusCode)
				}
			}
		}

		// Links and sign-in with such text are refused, never a server error.
		for _, path := range []string{"/h/%00", "/h/" + strings.Repeat("A", 42) + "%00", "/r/%00", "/r/%FF%FE", "/o/%00", "/o/%FF%FE/nothing",
			"/feeds/%00.ics", "/login"} {
			for _, method := range []string{"GET", "POST"} {
				form := url.Values{"email": {"a\x00@example.org"}, "password": {"pass\x00word\xff"}, "nonce": {"\x00"}}
				req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(form.Encode()))
				must(t, err)
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				if res, body := c.do(req); res.StatusCode >= 500 {
					t.Errorf("%s %s: status %d\n%s", method, path, res.StatusCode, body)
				}
			}
		}

		// The host's personal page.
		res, body = c.postRaw("/host/alpha", signUpForm())
		if res.StatusCode != http.StatusOK {
			t.Fatalf("sign up: %d", res.StatusCode)
		}
		link := parseHTML(t, body).one(t, "a#personal-link").attr("href")
		personal := link[strings.Index(link, "/h/"):]
		_, doc := c.page(personal, http.StatusOK)
		form := doc.one(t, "form#host-form").formValues()
		for _, field := range []string{"name", "email", "note", "languages"} {
			for what, v := range badText {
				res, body := c.postRaw(personal, withValue(form, field, v))
				wantFieldMessage(t, "personal page "+field+" "+what, res, body, "#f-"+field+"-error")
			}
		}
		res, body = c.postRaw(personal, withValue(form, "contact_name", "Chidi\r\nBcc: x@example.org"))
		wantFieldMessage(t, "personal page contact name with CRLF", res, body, "#f-contact_name-error")

		// The resource's answer page.
		e.a.contact.Email = "shima@example.org"
		must(t, e.store.UpdateContact(ctx, &e.a.contact))
		officer := e.signIn(e.a.officer)
		_, doc = officer.page("/meetings/"+itoa(e.a.meeting.ID)+"/requests/new", http.StatusOK)
		if res, body := officer.post("/meetings/"+itoa(e.a.meeting.ID)+"/requests", doc.one(t, "form#record-form").formValues()); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("send request: %d\n%s", res.StatusCode, body)
		}
		msgs, err := e.store.OutboxMessages(ctx, e.a.tenant.ID, itinera.OutboxFilter{})
		must(t, err)
		var token string
		for _, m := range msgs {
			if l := resourceLinkRE.FindStringSubmatch(m.TextBody); l != nil {
				token = l[1]
			}
		}
		if token == "" {
			t.Fatal("no resource link in the outbox")
		}
		sels := map[string]string{"reason": "#reason-error", "comment": "#comment-error", "colleague_note": "#colleague_note-error",
			"partners": "#partners-error", "colleague_name": "#errors a[href=#f-colleague_name]"}
		for field, sel := range sels {
			for what, v := range badText {
				set := url.Values{"answer": {"decline"}, "colleague_name": {"Rumi Price"}}
				set.Set(field, v)
				res, body := answer(t, c, token, set)
				wantFieldMessage(t, "answer "+field+" "+what, res, body, sel)
			}
		}
		res, body = answer(t, c, token, url.Values{"answer": {"decline"}, "colleague_name": {"Rumi\r\nPrice"}})
		wantFieldMessage(t, "answer colleague name with CRLF", res, body, "#errors a[href=#f-colleague_name]")
		res, body = answer(t, c, token, url.Values{"answer": {"counter"}, "proposed": {"0202-12-07 09:00-10:00"}})
		wantFieldMessage(t, "answer proposing year 0202", res, body, "#errors a[href=#f-proposed]")
	})
}

// The search boxes of the directory and the households list say what is
// wrong beside the box (422), on both databases; PostgreSQL cannot even
// compare text holding NUL.
func TestSearchRefusesBadText(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		c := e.signIn(e.a.officer)
		for _, v := range []string{"%00", "gate%00way", "%07", "%FF%FE", "a%0D%0Ab", strings.Repeat("a", 201)} {
			for path, sel := range map[string]string{"/directory?q=" + v: "#q-error", "/directory?topic=" + v: "#topic-error",
				"/households?q=" + v: "#q-error"} {
				res, body := c.get(path)
				wantFieldMessage(t, path, res, body, sel)
				if d := parseHTML(t, body); !d.has(strings.Replace(sel, "-error", "", 1) + "[aria-invalid=true]") {
					t.Errorf("%s: the box is not marked invalid", path)
				}
			}
		}
		c.page("/directory?q=Gateway&topic=Victim+services", http.StatusOK)
		c.page("/households?q=Okafor", http.StatusOK)
	})
}

// The officers' forms refuse bad text, dates outside 2000–2100 and a
// visitor's e-mail address that another visitor of the program has, with a
// message beside the field, on both databases.
func TestStaffFormsRefuseBadText(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		c := e.signIn(e.a.officer)
		a := e.a
		pid := itoa(a.program.ID)
		program := url.Values{"title": {"Rule of Law"}, "city": {"St. Louis"}, "time_zone": {"America/Chicago"},
			"start_date": {"2026-12-05"}, "end_date": {"2026-12-09"}, "status": {"planning"}}
		meeting := url.Values{"title": {"Newsroom"}, "host_organization_id": {itoa(a.org.ID)}, "duration_minutes": {"60"},
			"priority": {"3"}, "status": {"candidate"}, "windows": {"2026-12-07 09:00-12:00"}}
		visitor := url.Values{"given_name": {"Ana"}, "country": {"Brazil"}, "languages": {"Portuguese"}}
		org := url.Values{"name": {"Post-Dispatch"}, "kind": {"media"}}
		contact := url.Values{"organization_id": {itoa(a.org.ID)}, "name": {"Dr. Rumi Price"}}
		place := url.Values{"name": {"Museum"}, "kind": {"site"}, "address": {"1 Fine Arts Dr"}, "lat": {"38.6"}, "lon": {"-90.3"}}
		day := url.Values{"start": {"09:00"}, "end": {"17:00"}, "lunch_from": {"12:00"}, "lunch_to": {"13:30"}, "lunch_minutes": {"60"}, "max_meetings": {"3"}}
		cases := []struct {
			path, field string
			form        url.Values
			multiLine   bool
		}{
			{"/programs", "title", program, false},
			{"/programs", "description", program, true},
			{"/programs/" + pid + "/meetings", "title", meeting, false},
			{"/programs/" + pid + "/meetings", "notes", meeting, true},
			{"/programs/" + pid + "/visitors", "given_name", visitor, false},
			{"/programs/" + pid + "/visitors", "access_needs", visitor, true},
			{"/organizations", "name", org, false},
			{"/organizations", "description", org, true},
			{"/contacts", "title", contact, false},
			{"/places", "address", place, true},
			{"/programs/" + pid + "/days/2026-12-07", "note", day, true},
		}
		for _, tc := range cases {
			bad := map[string]string{}
			for k, v := range badText {
				bad[k] = v
			}
			if !tc.multiLine {
				bad["CRLF"] = "Gateway\r\nBcc: x@example.org"
			}
			for what, v := range bad {
				res, body := c.post(tc.path, withValue(tc.form, tc.field, v))
				wantFieldMessage(t, tc.path+" "+tc.field+" "+what, res, body, "#f-"+tc.field+"-error")
			}
		}
		for _, f := range []string{"start_date", "end_date"} {
			res, body := c.post("/programs", withValue(program, f, "0202-12-05"))
			wantFieldMessage(t, "program "+f+" in 0202", res, body, "#f-"+f+"-error")
		}
		res, body := c.post("/programs/"+pid+"/days/2026-12-07", withValue(day, "lunch_from", "07:00"))
		wantFieldMessage(t, "lunch before the day", res, body, "#f-lunch_from-error")

		// The e-mail address of a visitor is the program's only one.
		if res, _ := c.post("/programs/"+pid+"/visitors", withValue(visitor, "email", "ana@example.org")); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add visitor: %d", res.StatusCode)
		}
		res, body = c.post("/programs/"+pid+"/visitors", withValue(withValue(visitor, "given_name", "Bia"), "email", "ANA@example.org"))
		wantFieldMessage(t, "second visitor with the address", res, body, "#f-email-error")
		res, body = c.post("/visitors/"+itoa(a.visitor.ID), withValue(visitor, "email", "ana@example.org"))
		wantFieldMessage(t, "visitor changed to the address", res, body, "#f-email-error")
	})
}

// daysWithLunchOutside returns the real days with the second day's lunch
// window before its start, as older versions could store it.
type daysWithLunchOutside struct{ itinera.ProgramService }

func (d daysWithLunchOutside) Days(ctx context.Context, tenantID, programID int64) ([]itinera.Day, error) {
	ds, err := d.ProgramService.Days(ctx, tenantID, programID)
	if len(ds) > 1 {
		ds[1].Start, ds[1].LunchFrom, ds[1].LunchTo = itinera.MustClock("10:00"), itinera.MustClock("07:00"), itinera.MustClock("08:30")
	}
	return ds, err
}

// The "Build itinerary" page does not fail on a day whose stored lunch
// window lies outside it: it says which day to correct.
func TestPlanPageWithLunchOutsideDay(t *testing.T) {
	t.Parallel()
	e := mustServe(t, func(s *itinera.Services) { s.Programs = daysWithLunchOutside{s.Programs} })
	c := e.signIn(e.a.officer)
	res, body := c.get("/programs/" + itoa(e.a.program.ID) + "/plan")
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("plan page: status %d, want 422\n%s", res.StatusCode, body)
	}
	if text := parseHTML(t, body).Text(); !strings.Contains(text, "Sunday 6 December") || !strings.Contains(text, "Lunch cannot start before the day starts") {
		t.Errorf("the page does not say which day to correct: %s", text)
	}
}
