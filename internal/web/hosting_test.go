package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// mustHospitality gives a fixture an approved household invited to an
// evening of its program that its visitor and interpreter take part in.
func mustHospitality(t *testing.T, s *store.Store, f fixture) (itinera.HostHousehold, itinera.HospitalityEvening) {
	t.Helper()
	_, hash, err := auth.NewToken()
	must(t, err)
	h := itinera.HostHousehold{TenantID: f.tenant.ID, Name: "The Brennan household " + f.tenant.Slug, Address: "3915 Connecticut St, St. Louis, MO",
		Lat: 38.5957, Lon: -90.2559, ContactName: "Kathleen Brennan", Email: "kb@example.com", Languages: []string{"English", "Spanish"},
		CanServe: []string{"vegetarian"}, Pets: []string{"dog"}, Capacity: 4, FreeWeekdays: []time.Weekday{time.Sunday}}
	must(t, s.SignUpHousehold(ctx, &h, itinera.HouseholdLink{TokenHash: hash, ExpiresAt: storetest.Clock.Add(time.Hour)}))
	must(t, s.SetHouseholdStatus(ctx, f.tenant.ID, h.ID, itinera.HouseholdApproved))
	loc := f.program.Location()
	sun := itinera.MustDate("2026-12-06")
	e := itinera.HospitalityEvening{TenantID: f.tenant.ID, ProgramID: f.program.ID, Start: sun.At(itinera.MustClock("17:30"), loc),
		End: sun.At(itinera.MustClock("21:00"), loc), VisitorIDs: []int64{f.visitor.ID}, InterpreterIDs: []int64{f.interpreter.ID}}
	must(t, s.CreateEvening(ctx, &e))
	must(t, s.InviteHouseholds(ctx, f.tenant.ID, e.ID, []int64{h.ID}))
	return h, e
}

func signUpForm() url.Values {
	return url.Values{"name": {"The Okafor-Lewis household"}, "contact_name": {"Chidi Okafor-Lewis"}, "email": {"chidi@example.com"},
		"address": {"4519 Westminster Pl, St. Louis, MO 63108"}, "lat": {"38.6441"}, "lon": {"-90.2598"},
		"languages": {"English, Igbo"}, "can_serve": {"halal"}, "capacity": {"2"}, "stairs": {"on"}, "weekday_0": {"on"},
		"free_dates": {"2026-12-06"}, "note": {"Second-floor flat."}}
}

func TestHostSignUp(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.client()
	_, doc := c.page("/host/alpha", http.StatusOK)
	doc.one(t, "form#host-form .hp input[name=website]")
	doc.one(t, "input[name=lat]")
	if doc.has("input[name=csrf_token]") {
		t.Error("the public form carries a session token")
	}
	res, body := c.postRaw("/host/alpha", signUpForm())
	if res.StatusCode != http.StatusOK {
		t.Fatalf("sign up: %d\n%s", res.StatusCode, body)
	}
	done := parseHTML(t, body)
	done.one(t, "#signup-done")
	link := done.one(t, "a#personal-link").attr("href")
	if !strings.Contains(link, "/h/") {
		t.Fatalf("personal link %q", link)
	}
	hs, err := e.store.Households(ctx, e.a.tenant.ID, itinera.HouseholdFilter{Status: itinera.HouseholdPending})
	must(t, err)
	if len(hs) != 1 || hs[0].Name != "The Okafor-Lewis household" || !hs[0].Stairs || len(hs[0].FreeWeekdays) != 1 {
		t.Fatalf("pending households %+v", hs)
	}
	msgs, err := e.store.OutboxMessages(ctx, e.a.tenant.ID, itinera.OutboxFilter{})
	must(t, err)
	if len(msgs) == 0 || !strings.Contains(msgs[0].TextBody, link[strings.Index(link, "/h/"):]) || !strings.Contains(msgs[0].To, "chidi@example.com") {
		t.Fatalf("no sign-up e-mail with the link: %+v", msgs[0])
	}
	// Another tenant's households stay apart.
	if hs, _ := e.store.Households(ctx, e.b.tenant.ID, itinera.HouseholdFilter{}); len(hs) != 0 {
		t.Fatalf("tenant B has %d households", len(hs))
	}

	// Validation names every wrong field and keeps what was typed.
	bad := signUpForm()
	bad.Set("email", "not an address")
	bad.Set("lat", "north")
	bad.Set("capacity", "0")
	bad.Set("languages", "")
	bad.Set("free_dates", "next sunday")
	res, body = c.postRaw("/host/alpha", bad)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid sign-up: %d", res.StatusCode)
	}
	doc = parseHTML(t, body)
	summary := doc.one(t, "#errors").Text()
	for _, f := range []string{"E-mail", "Latitude", "Guests you can seat", "Languages spoken at home", "Evenings you are free"} {
		if !strings.Contains(summary, f) {
			t.Errorf("error summary does not name %q: %s", f, summary)
		}
	}
	if got := doc.one(t, "input[name=name]").attr("value"); got != "The Okafor-Lewis household" {
		t.Errorf("typed name not kept: %q", got)
	}
	if got := doc.one(t, "input[name=lat]").attr("value"); got != "north" {
		t.Errorf("typed latitude not kept: %q", got)
	}

	// The honeypot: a bot sees the usual answer; nothing is stored.
	bot := signUpForm()
	bot.Set("website", "http://spam.example")
	bot.Set("name", "Spam household")
	res, body = c.postRaw("/host/alpha", bot)
	if res.StatusCode != http.StatusOK || parseHTML(t, body).has("a#personal-link") {
		t.Fatalf("honeypot: %d", res.StatusCode)
	}
	if hs, _ := e.store.Households(ctx, e.a.tenant.ID, itinera.HouseholdFilter{Query: "spam"}); len(hs) != 0 {
		t.Fatal("the honeypot sign-up was stored")
	}

	// Unknown organization: a friendly 404.
	_, doc = c.page("/host/no-such-org", http.StatusNotFound)
	doc.one(t, "#gone-text")
}

func TestHostSignUpRateLimit(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.client()
	codes := []int{}
	for range 7 {
		res, _ := c.postRaw("/host/alpha", url.Values{"name": {"x"}})
		codes = append(codes, res.StatusCode)
	}
	if codes[0] != http.StatusUnprocessableEntity || codes[6] != http.StatusTooManyRequests {
		t.Fatalf("statuses %v: want 422 first and 429 after five tries", codes)
	}
}

func TestHostPersonalLink(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.client()
	_, body := c.postRaw("/host/alpha", signUpForm())
	link := parseHTML(t, body).one(t, "a#personal-link").attr("href")
	path := link[strings.Index(link, "/h/"):]

	_, doc := c.page(path, http.StatusOK)
	form := doc.one(t, "form#host-form")
	v := form.formValues()
	if v.Get("email") != "chidi@example.com" || v.Get("weekday_0") != "on" || v.Get("stairs") != "on" {
		t.Fatalf("the form is not filled in: %v", v)
	}
	doc.one(t, "#host-status")
	// Without the page's nonce the change is refused.
	noNonce := url.Values{}
	for k, x := range v {
		noNonce[k] = x
	}
	noNonce.Del("nonce")
	if res, _ := c.postRaw(path, noNonce); res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("update without nonce: %d", res.StatusCode)
	}
	v.Set("capacity", "3")
	v.Set("pets", "cat")
	res, _ := c.postRaw(path, v)
	doc = c.follow(res)
	if !strings.Contains(doc.one(t, "#flash").Text(), "saved") {
		t.Error("no confirmation after saving")
	}
	hs, _ := e.store.Households(ctx, e.a.tenant.ID, itinera.HouseholdFilter{Query: "okafor"})
	if len(hs) != 1 || hs[0].Capacity != 3 || hs[0].Pets[0] != "cat" || hs[0].Status != itinera.HouseholdPending {
		t.Fatalf("after update: %+v", hs)
	}
	bad := doc.one(t, "form#host-form").formValues()
	bad.Set("email", "")
	if res, body := c.postRaw(path, bad); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "f-email") {
		t.Fatalf("invalid update: %d", res.StatusCode)
	}

	// Withdraw: the household leaves; the link then says so.
	res, body = c.postRaw(path+"/withdraw", url.Values{"nonce": {v.Get("nonce")}})
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "withdrawn") {
		t.Fatalf("withdraw: %d", res.StatusCode)
	}
	hs, _ = e.store.Households(ctx, e.a.tenant.ID, itinera.HouseholdFilter{Query: "okafor"})
	if hs[0].Status != itinera.HouseholdWithdrawn {
		t.Fatalf("status after withdrawal %s", hs[0].Status)
	}
	_, doc = c.page(path, http.StatusGone)
	doc.one(t, "#gone-text")
	// A made-up link: friendly, not found.
	_, doc = c.page("/h/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", http.StatusNotFound)
	doc.one(t, "#gone-text")
	_, doc = c.page("/h/garbage", http.StatusNotFound)
	doc.one(t, "#gone-text")
}

func TestHouseholdsListAndApprove(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.client()
	c.postRaw("/host/alpha", signUpForm())
	o := e.signIn(e.a.officer)
	_, doc := o.page("/households?status=pending", http.StatusOK)
	rows := doc.all("table#households tbody tr")
	if len(rows) != 1 || !strings.Contains(rows[0].Text(), "Okafor-Lewis") {
		t.Fatalf("pending rows: %d", len(rows))
	}
	rows[0].one(t, "form button.primary")
	hs, _ := e.store.Households(ctx, e.a.tenant.ID, itinera.HouseholdFilter{Query: "okafor"})
	res, _ := o.post("/households/"+itoa(hs[0].ID)+"/status", url.Values{"status": {"approved"}})
	doc = o.follow(res)
	doc.one(t, "#flash")
	if h, _ := e.store.Household(ctx, e.a.tenant.ID, hs[0].ID); h.Status != itinera.HouseholdApproved {
		t.Fatalf("status %s", h.Status)
	}
	// Zero rows: the empty state.
	_, doc = o.page("/households?status=rejected", http.StatusOK)
	doc.one(t, "#households-empty")
	if res, _ := o.get("/households?status=bogus"); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bogus status: %d", res.StatusCode)
	}
	// Many rows: the first page and a note to narrow it.
	for i := range householdPage + 5 {
		_, hash, err := auth.NewToken()
		must(t, err)
		h := itinera.HostHousehold{TenantID: e.b.tenant.ID, Name: "Household " + itoa(int64(i)), Address: "1 Main St", Lat: 38.6, Lon: -90.2,
			ContactName: "Host", Email: "host@example.com", Languages: []string{"English"}, Capacity: 2}
		must(t, e.store.SignUpHousehold(ctx, &h, itinera.HouseholdLink{TokenHash: hash, ExpiresAt: storetest.Clock.Add(time.Hour)}))
	}
	ob := e.signIn(e.b.officer)
	_, doc = ob.page("/households", http.StatusOK)
	if n := len(doc.all("table#households tbody tr")); n != householdPage {
		t.Errorf("%d rows shown, want %d", n, householdPage)
	}
	if !strings.Contains(doc.one(t, "main").Text(), "Only the first 200") {
		t.Error("no note that the list is cut")
	}
}

func TestEveningCreate(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	o := e.signIn(e.a.officer)
	pid := itoa(e.a.program.ID)
	_, doc := o.page("/programs/"+pid+"/evenings/new", http.StatusOK)
	v := doc.one(t, "form#record-form").formValues()
	if len(v["visitor_ids"]) != 1 || len(v["interpreter_ids"]) != 1 {
		t.Fatalf("everyone is not chosen at first: %v", v)
	}
	v.Set("date", "2026-12-06")
	res, body := o.post("/programs/"+pid+"/evenings", v)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d\n%s", res.StatusCode, body)
	}
	doc = o.follow(res)
	if !strings.Contains(doc.one(t, "#flash").Text(), "1 household") {
		t.Errorf("flash %q", doc.one(t, "#flash").Text())
	}
	doc.one(t, "table#invited")
	es, _ := e.store.Evenings(ctx, e.a.tenant.ID, e.a.program.ID)
	if len(es) != 2 || len(es[1].Invitations) != 1 {
		t.Fatalf("evenings %+v", es)
	}
	v.Set("end", "16:00")
	v.Del("visitor_ids")
	res, body = o.post("/programs/"+pid+"/evenings", v)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "f-end") || !strings.Contains(body, "f-visitor_ids") {
		t.Fatalf("invalid evening: %d", res.StatusCode)
	}
	_, doc = o.page("/programs/"+pid+"/evenings", http.StatusOK)
	if n := len(doc.all("table#evenings tbody tr")); n != 2 {
		t.Errorf("%d evenings listed", n)
	}
}
