package api

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/auth"
)

// TestHospitalityFeedsAndAdministrationThroughTheAPI is an officer's and an
// administrator's script that uses only the API (the hosts sign up on the
// public page, here the application call behind it), on both databases: a
// hospitality evening created with its invitations, matched, adjusted,
// refused while it breaks a rule, and confirmed — the hosts' notices read
// in the outbox; a calendar feed issued, replaced and revoked; a user
// added, their password reset; a token made and revoked. The secrets — feed
// addresses, passwords, API tokens — appear in the answer that makes them
// and in no GET answer.
func TestHospitalityFeedsAndAdministrationThroughTheAPI(t *testing.T) {
	t.Parallel()
	forBothStores(t, testHospitalityFeedsAndAdministrationThroughTheAPI)
}

func testHospitalityFeedsAndAdministrationThroughTheAPI(t *testing.T, e *env) {
	ctx := context.Background()
	tok := e.officerA
	adminTok := e.mustToken(e.tenantA.ID, "admin@stl.example.org", itinera.RoleAdmin)
	num := func(m map[string]any, k string) int64 { return int64(m[k].(float64)) }
	var reads []string // every GET answer, to look for secrets in
	get := func(path, token string, want int) map[string]any {
		t.Helper()
		r := e.do("GET", path, token, nil).expect(want)
		reads = append(reads, r.Body.String())
		return r.object()
	}
	post := func(path string, body any, want int) map[string]any {
		t.Helper()
		return e.do("POST", path, tok, body).expect(want).object()
	}
	items := func(m map[string]any, k string) []map[string]any {
		t.Helper()
		var out []map[string]any
		for _, x := range m[k].([]any) {
			out = append(out, x.(map[string]any))
		}
		return out
	}

	// The program and its delegation.
	hotel := post("/api/v1/places", map[string]any{"name": "Hotel downtown", "kind": "hotel", "address": "1 Market St, St. Louis",
		"lat": 38.627, "lon": -90.19}, http.StatusCreated)
	prog := post("/api/v1/programs", map[string]any{"title": "Civic Engagement in Practice", "city": "St. Louis",
		"time_zone": "America/Chicago", "start_date": "2026-12-12", "end_date": "2026-12-16", "hotel_place_id": num(hotel, "id")},
		http.StatusCreated)
	pid := id(num(prog, "id"))
	var visitors []int64
	for _, name := range [][2]string{{"Ana", "Silva"}, {"Kofi", "Mensah"}, {"Mei", "Tanaka"}, {"Omar", "Haddad"}} {
		v := post("/api/v1/programs/"+pid+"/visitors", map[string]any{"given_name": name[0], "family_name": name[1],
			"country": "Brazil", "languages": []string{"English"}}, http.StatusCreated)
		visitors = append(visitors, num(v, "id"))
	}
	interp := post("/api/v1/programs/"+pid+"/interpreters", map[string]any{"name": "Lucía Gómez",
		"languages": []string{"English", "Spanish"}}, http.StatusCreated)

	// Hosts sign up on the public page; the officer approves two.
	var hosts []int64
	for i, name := range []string{"The Lindell household", "The Shaw household", "The Soulard household"} {
		h := itinera.HostHousehold{Name: name, Address: "4000 Russell Blvd, St. Louis, MO", Lat: 38.61 + float64(i)/100, Lon: -90.25,
			ContactName: "Pat Host", Email: "host" + id(int64(i)) + "@example.org", Languages: []string{"English"}, Capacity: 3,
			FreeWeekdays: []time.Weekday{time.Sunday}}
		out, err := e.api.app.SignUpHousehold(ctx, e.tenantA.Slug, "https://itinera.example.org", h)
		must(t, err)
		hosts = append(hosts, out.Household.ID)
	}
	if n := len(get("/api/v1/households?status=pending", tok, http.StatusOK)["households"].([]any)); n != 3 {
		t.Fatalf("%d pending households, want 3", n)
	}
	for _, h := range hosts[:2] {
		if st := post("/api/v1/households/"+id(h)+"/approve", nil, http.StatusOK)["status"]; st != "approved" {
			t.Fatalf("approved household: status %v", st)
		}
	}
	if n := len(get("/api/v1/households?status=approved", tok, http.StatusOK)["households"].([]any)); n != 2 {
		t.Fatalf("%d approved households, want 2", n)
	}
	r := e.do("GET", "/api/v1/households?status=maybe", tok, nil).expect(http.StatusUnprocessableEntity)
	if _, _, f := r.apiError(); f["status"] == nil {
		t.Errorf("a wrong status filter is not named: %v", f)
	}

	// The evening: the approved households free on Sundays are invited at once.
	created := post("/api/v1/programs/"+pid+"/evenings", map[string]any{"start": "2026-12-13T17:30:00-06:00",
		"end": "2026-12-13T21:00:00-06:00", "visitor_ids": visitors, "interpreter_ids": []int64{num(interp, "id")},
		"note": "Pick-up in the hotel lobby."}, http.StatusCreated)
	if created["invited"] != 2.0 || created["status"] != "planning" {
		t.Fatalf("created evening: %v", created)
	}
	eid := "/api/v1/evenings/" + id(num(created, "id"))
	if n := len(get("/api/v1/programs/"+pid+"/evenings", tok, http.StatusOK)["evenings"].([]any)); n != 1 {
		t.Fatalf("%d evenings, want 1", n)
	}
	ev := get(eid, e.viewerA, http.StatusOK)
	if m := ev["matching"].(map[string]any); m["saved"] != false || len(items(ev, "invitations")) != 2 {
		t.Fatalf("new evening: %v", ev)
	}
	// The third household, approved late, is invited, then drops out.
	post("/api/v1/households/"+id(hosts[2])+"/approve", nil, http.StatusOK)
	invited := post(eid+"/invite", map[string]any{"household_ids": []int64{hosts[2]}}, http.StatusOK)
	if invited["invited"] != 1.0 || len(items(invited, "invitations")) != 3 {
		t.Fatalf("invited: %v", invited)
	}
	out := post(eid+"/availability", map[string]any{"household_id": hosts[2], "status": "unavailable"}, http.StatusOK)
	for _, in := range items(out, "invitations") {
		if hid := num(in["household"].(map[string]any), "id"); hid == hosts[2] && (in["status"] != "unavailable" || in["available"] != false) {
			t.Errorf("dropped-out household: %v", in)
		}
	}

	// Match; move a guest so that a household keeps one visitor: the broken
	// rule shows and confirming is refused.
	matched := post(eid+"/match", nil, http.StatusOK)
	m := matched["matching"].(map[string]any)
	if m["saved"] != true || m["placed"] != 4.0 || len(m["problems"].([]any)) != 0 {
		t.Fatalf("matching: %v", m)
	}
	hostsOf := func(ev map[string]any) []map[string]any { return items(ev["matching"].(map[string]any), "hosts") }
	hs := hostsOf(matched)
	if len(hs) != 2 {
		t.Fatalf("%d households receive guests, want 2: %v", len(hs), hs)
	}
	from, to := hs[0], hs[1]
	moved := num(items(from, "visitors")[0], "id")
	toID := num(to["household"].(map[string]any), "id")
	after := post(eid+"/move", map[string]any{"visitor_id": moved, "household_id": toID}, http.StatusOK)
	if probs := after["matching"].(map[string]any)["problems"].([]any); len(probs) == 0 {
		t.Fatalf("one visitor left at a household breaks no rule: %v", after["matching"])
	}
	for _, h := range hostsOf(after) {
		for _, v := range items(h, "visitors") {
			if num(v, "id") == moved && (num(h["household"].(map[string]any), "id") != toID || v["locked"] != true) {
				t.Errorf("moved visitor: %v at %v", v, h["household"])
			}
		}
	}
	r = e.do("POST", eid+"/confirm", tok, nil).expect(http.StatusConflict)
	if _, msg, _ := r.apiError(); !strings.Contains(msg, "breaks") {
		t.Errorf("refusal: %q", msg)
	}
	r = e.do("POST", eid+"/move", tok, map[string]any{"visitor_id": moved}).expect(http.StatusUnprocessableEntity)
	if _, _, f := r.apiError(); f["household_id"] == nil {
		t.Errorf("a move without household_id: %v", f)
	}
	r = e.do("POST", eid+"/lock", tok, map[string]any{"guest": "v:999999", "locked": true}).expect(http.StatusUnprocessableEntity)
	if _, _, f := r.apiError(); f["guest"] == nil {
		t.Errorf("locking nobody: %v", f)
	}

	// A pair added and removed; a rematch keeps the locked guest and mends the rest.
	pair := post(eid+"/pairs", map[string]any{"visitor_a": visitors[0], "visitor_b": visitors[1], "kind": "apart",
		"scope": "evening"}, http.StatusCreated)
	if len(items(get(eid, tok, http.StatusOK), "pairs")) != 1 || pair["scope"] != "evening" {
		t.Fatalf("pair: %v", pair)
	}
	e.do("DELETE", eid+"/pairs/"+id(num(pair, "id")), tok, nil).expect(http.StatusNoContent)
	e.do("DELETE", eid+"/pairs/"+id(num(pair, "id")), tok, nil).expect(http.StatusNotFound)
	rematched := post(eid+"/match", nil, http.StatusOK)
	if probs := rematched["matching"].(map[string]any)["problems"].([]any); len(probs) != 0 {
		t.Fatalf("after the rematch: %v", probs)
	}
	locked := post(eid+"/lock", map[string]any{"guest": "", "locked": true}, http.StatusOK)
	for _, h := range hostsOf(locked) {
		for _, v := range items(h, "visitors") {
			if v["locked"] != true {
				t.Errorf("not locked: %v", v)
			}
		}
	}

	// Confirm: both households are told their guests; the e-mails wait in the outbox.
	confirmed := post(eid+"/confirm", nil, http.StatusOK)
	notices := items(confirmed, "notices")
	if confirmed["status"] != "confirmed" || len(notices) != 2 {
		t.Fatalf("confirmed: %v", confirmed)
	}
	outbox := get("/api/v1/outbox", tok, http.StatusOK)
	for _, n := range notices {
		if n["kind"] != "new" {
			t.Errorf("notice %v, want new", n)
		}
		hid := num(n["household"].(map[string]any), "id")
		email := "host" + id(int64(indexOf(hosts, hid))) + "@example.org"
		found := false
		for _, msg := range items(outbox, "messages") {
			if strings.Contains(msg["to"].(string), email) && strings.Contains(msg["calendar"].(string), "METHOD:REQUEST") {
				found = true
			}
		}
		if !found {
			t.Errorf("no calendar invitation to %s in the outbox", email)
		}
	}
	e.do("POST", eid+"/confirm", e.viewerA, nil).expect(http.StatusForbidden)

	// A calendar feed: its address is shown once, finds the feed, is
	// replaced by a new one and stops when revoked.
	feedToken := func(f map[string]any) string {
		t.Helper()
		u := f["url"].(string)
		if !strings.HasSuffix(u, ".ics") || !strings.HasPrefix(f["webcal"].(string), "webcal://") {
			t.Fatalf("feed addresses %v", f)
		}
		return strings.TrimSuffix(u[strings.LastIndex(u, "/feeds/")+len("/feeds/"):], ".ics")
	}
	works := func(token string) bool {
		_, err := e.store.FeedByTokenHash(ctx, auth.HashToken(token))
		return err == nil
	}
	feed := post("/api/v1/programs/"+pid+"/feeds", map[string]any{"kind": "visitor", "subject_id": visitors[0]}, http.StatusCreated)
	first := feedToken(feed)
	if !works(first) || feed["subject"].(map[string]any)["name"] != "Ana Silva" {
		t.Fatalf("issued feed %v", feed)
	}
	again := post("/api/v1/programs/"+pid+"/feeds", map[string]any{"kind": "visitor", "subject_id": visitors[0]}, http.StatusCreated)
	second := feedToken(again)
	if works(first) || !works(second) {
		t.Error("issuing again does not replace the address")
	}
	if feeds := items(get("/api/v1/programs/"+pid+"/feeds", e.viewerA, http.StatusOK), "feeds"); len(feeds) != 1 || feeds[0]["url"] != nil {
		t.Errorf("live feeds %v", feeds)
	}
	r = e.do("POST", "/api/v1/programs/"+pid+"/feeds", tok, map[string]any{"kind": "program", "subject_id": visitors[0]}).
		expect(http.StatusUnprocessableEntity)
	if _, _, f := r.apiError(); f["subject_id"] == nil {
		t.Errorf("a program feed with a person: %v", f)
	}
	e.do("POST", "/api/v1/feeds/"+id(num(again, "id"))+"/revoke", tok, nil).expect(http.StatusNoContent)
	if works(second) {
		t.Error("a revoked feed still works")
	}
	e.do("POST", "/api/v1/feeds/"+id(num(again, "id"))+"/revoke", tok, nil).expect(http.StatusNotFound)
	if feeds := items(get("/api/v1/programs/"+pid+"/feeds", tok, http.StatusOK), "feeds"); len(feeds) != 0 {
		t.Errorf("feeds after revoking: %v", feeds)
	}

	// A user added, then given a new password; each shown once.
	user := e.do("POST", "/api/v1/users", adminTok, map[string]any{"email": "associate@stl.example.org", "name": "Associate",
		"role": "officer"}).expect(http.StatusCreated).object()
	uid := "/api/v1/users/" + id(num(user, "id"))
	password := user["password"].(string)
	reset := e.do("POST", uid+"/reset-password", adminTok, nil).expect(http.StatusOK).object()
	newPassword := reset["password"].(string)
	if password == "" || newPassword == password {
		t.Fatalf("passwords %q, %q", password, newPassword)
	}
	_, hash, err := e.store.UserByEmail(ctx, "associate@stl.example.org")
	must(t, err)
	if ok, _ := auth.VerifyPassword(hash, newPassword); !ok {
		t.Error("the new password does not sign in")
	}
	if ok, _ := auth.VerifyPassword(hash, password); ok {
		t.Error("the old password still signs in")
	}
	get(uid, adminTok, http.StatusOK)
	get("/api/v1/users", adminTok, http.StatusOK)

	// A token for the new user: it works until revoked, then gets 401.
	made := e.do("POST", "/api/v1/tokens", adminTok, map[string]any{"name": "Reports", "user_id": num(user, "id")}).
		expect(http.StatusCreated).object()
	secret := made["token"].(string)
	if made["user_email"] != "associate@stl.example.org" || made["revoked_at"] != nil {
		t.Fatalf("token %v", made)
	}
	get("/api/v1/programs", secret, http.StatusOK)
	tokens := items(get("/api/v1/tokens", adminTok, http.StatusOK), "tokens")
	if tokens[0]["name"] != "Reports" || tokens[0]["token"] != nil {
		t.Errorf("newest token %v", tokens[0])
	}
	e.do("POST", "/api/v1/tokens/"+id(num(made, "id"))+"/revoke", adminTok, nil).expect(http.StatusNoContent)
	r = e.do("GET", "/api/v1/programs", secret, nil).expect(http.StatusUnauthorized)
	if code, _, _ := r.apiError(); code != "unauthorized" {
		t.Errorf("revoked token: %s", code)
	}
	if revoked := items(get("/api/v1/tokens", adminTok, http.StatusOK), "tokens")[0]; revoked["revoked_at"] == nil {
		t.Errorf("revoked token listed as live: %v", revoked)
	}

	// The secrets are in no GET answer.
	get(eid, tok, http.StatusOK)
	get("/api/v1/households", tok, http.StatusOK)
	get("/api/v1/outbox", tok, http.StatusOK)
	secrets := map[string]string{"first feed token": first, "second feed token": second, "password": password,
		"new password": newPassword, "API token": secret}
	for _, body := range reads {
		for what, s := range secrets {
			if strings.Contains(body, s) {
				t.Errorf("a GET answer shows the %s: %s", what, body)
			}
		}
	}
}

func indexOf(xs []int64, x int64) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}
