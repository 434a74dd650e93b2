package web

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/ical/icaljstest"
	"itinera/internal/storetest"
)

// sentTo is the last e-mail to each address in the outbox, and how many.
func sentTo(t *testing.T, e *env, tenantID int64) (map[string]itinera.OutboxMessage, int) {
	t.Helper()
	msgs, err := e.store.OutboxMessages(ctx, tenantID, itinera.OutboxFilter{})
	must(t, err)
	out := map[string]itinera.OutboxMessage{}
	for i := len(msgs) - 1; i >= 0; i-- { // oldest first, so the newest wins
		m := msgs[i]
		if strings.Count(m.To, "@") != 1 {
			t.Errorf("message to %q: not exactly one recipient", m.To)
		}
		out[m.To[strings.Index(m.To, "<")+1:len(m.To)-1]] = m
	}
	return out, len(msgs)
}

// guestSets gives each household's guests, as a comparable string.
func guestSets(ev itinera.HospitalityEvening) map[int64]string {
	ids := map[int64][]string{}
	for _, g := range ev.Guests {
		k := "v" + itoa(g.VisitorID)
		if g.VisitorID == 0 {
			k = "i" + itoa(g.InterpreterID)
		}
		ids[g.HouseholdID] = append(ids[g.HouseholdID], k)
	}
	out := map[int64]string{}
	for h, xs := range ids {
		slices.Sort(xs)
		out[h] = strings.Join(xs, ",")
	}
	return out
}

// TestReconfirmTellsOnlyChangedHouseholds confirms the demo evening, drops
// a household out and confirms again: only households whose guests changed
// get an update (same UID, higher SEQUENCE), the household without guests
// gets a cancellation, the others nothing. ical.js reads every calendar.
func TestReconfirmTellsOnlyChangedHouseholds(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	d := e.mustDemoEvening()
	o := d.officer
	path := "/evenings/" + itoa(d.eveningID)
	tid := d.tenant.ID
	hs, err := e.store.Households(ctx, tid, itinera.HouseholdFilter{})
	must(t, err)
	email := map[int64]string{}
	for _, h := range hs {
		email[h.ID] = h.Email
	}

	res, _ := o.post(path+"/confirm", nil)
	if flash := o.follow(res).one(t, "#flash").Text(); !strings.Contains(flash, "Confirmed") {
		t.Fatalf("first confirmation: %s", flash)
	}
	before, err := e.store.Evening(ctx, tid, d.eveningID)
	must(t, err)
	first := guestSets(before)
	mails, n1 := sentTo(t, e, tid)
	if n1 != len(first) {
		t.Fatalf("%d e-mails for %d households with guests", n1, len(first))
	}
	uid, seq := map[int64]string{}, map[int64]int{}
	for hid := range first {
		m := mails[email[hid]]
		cal := icaljstest.Read(t, "first-"+itoa(hid)+".ics", []byte(m.Calendar))
		if cal.Method != "REQUEST" || len(cal.Events) != 1 {
			t.Fatalf("first invitation of household %d: method %s, %d events", hid, cal.Method, len(cal.Events))
		}
		uid[hid], seq[hid] = cal.Events[0].UID, cal.Events[0].Sequence
	}

	// Nothing changed: confirming again writes to nobody.
	res, _ = o.post(path+"/confirm", nil)
	if flash := o.follow(res).one(t, "#flash").Text(); !strings.Contains(flash, "not e-mailed") {
		t.Errorf("unchanged re-confirmation says %q", flash)
	}
	if _, n := sentTo(t, e, tid); n != n1 {
		t.Fatalf("an unchanged re-confirmation queued %d e-mails", n-n1)
	}

	// Lock everyone, then free the guests of one household and drop it out.
	o.post(path+"/lock", url.Values{"locked": {"1"}})
	var dropped int64
	for hid := range first {
		dropped = hid
		break
	}
	for _, g := range before.Guests {
		if g.HouseholdID == dropped {
			who := "v:" + itoa(g.VisitorID)
			if g.VisitorID == 0 {
				who = "i:" + itoa(g.InterpreterID)
			}
			o.post(path+"/lock", url.Values{"guest": {who}, "locked": {"0"}})
		}
	}
	o.post(path+"/availability", url.Values{"household_id": {itoa(dropped)}, "status": {"unavailable"}})
	res, _ = o.post(path+"/match", nil)
	o.follow(res)
	res, _ = o.post(path+"/confirm", nil)
	if flash := o.follow(res).one(t, "#flash").Text(); !strings.Contains(flash, "receive nobody now") {
		t.Errorf("re-confirmation says %q", flash)
	}
	after, err := e.store.Evening(ctx, tid, d.eveningID)
	must(t, err)
	second := guestSets(after)
	if second[dropped] != "" {
		t.Fatalf("the dropped household still has guests %s", second[dropped])
	}
	firstMails := mails
	mails, n2 := sentTo(t, e, tid)
	changed := 0
	for _, h := range hs {
		was, now := first[h.ID], second[h.ID]
		m, told := mails[h.Email]
		switch {
		case was == now: // unchanged, or never had guests
			if told && m.ID != firstMails[h.Email].ID {
				t.Errorf("%s was e-mailed although nothing changed for it: %s", h.Name, m.Subject)
			}
			continue
		case now == "": // lost its guests: a kind cancellation
			changed++
			cal := icaljstest.Read(t, "cancel-"+itoa(h.ID)+".ics", []byte(m.Calendar))
			if cal.Method != "CANCEL" || cal.Events[0].UID != uid[h.ID] || cal.Events[0].Sequence != seq[h.ID]+1 {
				t.Errorf("%s: cancellation %s UID %s SEQUENCE %d; want CANCEL %s %d", h.Name, cal.Method, cal.Events[0].UID,
					cal.Events[0].Sequence, uid[h.ID], seq[h.ID]+1)
			}
			if !strings.Contains(m.TextBody, "Thank you") || strings.Contains(m.TextBody, "Your guests:") {
				t.Errorf("%s: the cancellation is not a kind note:\n%s", h.Name, m.TextBody)
			}
		default: // new or changed guests: an invitation or an update
			changed++
			cal := icaljstest.Read(t, "update-"+itoa(h.ID)+".ics", []byte(m.Calendar))
			if cal.Method != "REQUEST" {
				t.Errorf("%s: method %s", h.Name, cal.Method)
			}
			if was != "" && (cal.Events[0].UID != uid[h.ID] || cal.Events[0].Sequence != seq[h.ID]+1 || !strings.HasPrefix(m.Subject, "Updated")) {
				t.Errorf("%s: update UID %s SEQUENCE %d subject %q; want %s %d", h.Name, cal.Events[0].UID, cal.Events[0].Sequence, m.Subject,
					uid[h.ID], seq[h.ID]+1)
			}
		}
	}
	if n2-n1 != changed {
		t.Fatalf("%d e-mails for %d households whose part changed", n2-n1, changed)
	}
	t.Logf("%d of %d households told of a change", changed, len(first))
	if changed < 1 || changed == len(first)+1 {
		t.Fatalf("%d households changed: the test needs some unchanged", changed)
	}
}

var hostLinkRE = regexp.MustCompile(`/h/([A-Za-z0-9_-]+)#evening-(\d+)`)

// TestInvitationMailAndHostAnswer invites a household by e-mail, follows
// the link in it and says no for the evening: the officer's page shows it,
// and the household is unavailable for the matching.
func TestInvitationMailAndHostAnswer(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	_, ev := mustHospitality(t, e.store, e.a)
	_, hash, err := auth.NewToken()
	must(t, err)
	h := itinera.HostHousehold{TenantID: e.a.tenant.ID, Name: "The Haddad household", Address: "4519 Westminster Pl, St. Louis, MO",
		Lat: 38.6441, Lon: -90.2598, ContactName: "Rana Haddad", Email: "rana@example.com", Languages: []string{"English", "Arabic"},
		Capacity: 3}
	must(t, e.store.SignUpHousehold(ctx, &h, itinera.HouseholdLink{TokenHash: hash, ExpiresAt: storetest.Clock.Add(time.Hour)}))
	must(t, e.store.SetHouseholdStatus(ctx, e.a.tenant.ID, h.ID, itinera.HouseholdApproved))

	o := e.signIn(e.a.officer)
	evPath := "/evenings/" + itoa(ev.ID)
	_, n0 := sentTo(t, e, e.a.tenant.ID)
	res, _ := o.post(evPath+"/invite", url.Values{"household_ids": {itoa(h.ID)}})
	if flash := o.follow(res).one(t, "#flash").Text(); !strings.Contains(flash, "invited by e-mail") {
		t.Fatalf("invite: %s", flash)
	}
	mails, n := sentTo(t, e, e.a.tenant.ID)
	m, ok := mails["rana@example.com"]
	if !ok || n != n0+1 {
		t.Fatalf("%d e-mails queued, none to the invited household", n-n0)
	}
	if !strings.Contains(m.TextBody, "Sunday 6 December 2026") || !strings.Contains(m.TextBody, "17:30") || !strings.Contains(m.Subject, "host") {
		t.Errorf("the invitation lacks the date and time:\n%s", m.TextBody)
	}
	if _, err := e.store.HouseholdByToken(ctx, hash); itinera.ErrorCode(err) != itinera.ENOTFOUND {
		t.Errorf("the household's earlier link still works: %v", err)
	}
	link := hostLinkRE.FindStringSubmatch(m.TextBody)
	if link == nil || link[2] != itoa(ev.ID) {
		t.Fatalf("no personal link to the evening in:\n%s", m.TextBody)
	}

	host := e.client()
	page := "/h/" + link[1]
	_, doc := host.page(page, http.StatusOK)
	card := doc.one(t, "#evening-"+itoa(ev.ID))
	form := card.one(t, "form.evening-answer")
	v := form.formValues()
	v.Set("answer", "no")
	v.Set("note", "We are away that weekend.")
	res, _ = host.postRaw(form.attr("action"), v)
	doc = host.follow(res)
	if !strings.Contains(doc.one(t, "#flash").Text(), "Thank you") {
		t.Fatalf("answer: %s", doc.one(t, "#flash").Text())
	}
	doc.one(t, "#evening-"+itoa(ev.ID)+" .answer-no")
	got, err := e.store.Evening(ctx, e.a.tenant.ID, ev.ID)
	must(t, err)
	if !got.Unavailable(h.ID) {
		t.Fatal("a household that said no is still available for the matching")
	}
	// Without the page's nonce nothing changes.
	res, _ = host.postRaw(form.attr("action"), url.Values{"answer": {"yes"}})
	host.follow(res)
	if got, _ := e.store.Evening(ctx, e.a.tenant.ID, ev.ID); !got.Unavailable(h.ID) {
		t.Fatal("an answer without the nonce was taken")
	}
	// Another evening id: not this household's.
	if res, _ := host.postRaw(page+"/evenings/"+itoa(e.b.evening.ID), v); res.StatusCode != http.StatusNotFound {
		t.Errorf("answering another tenant's evening: %d", res.StatusCode)
	}

	_, doc = o.page(evPath, http.StatusOK)
	row := doc.one(t, "table#invited").Text()
	if !strings.Contains(row, "said no") || !strings.Contains(row, "We are away that weekend.") {
		t.Errorf("the officer's page does not show the answer: %s", row)
	}
}

// TestVolunteerHoursShown: after a confirmation the evening page shows each
// household's hours and their total, the households page each household's
// total over every evening.
func TestVolunteerHoursShown(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	d := e.mustDemoEvening()
	o := d.officer
	res, _ := o.post("/evenings/"+itoa(d.eveningID)+"/confirm", nil)
	doc := o.follow(res)
	rows := doc.all("table#hours tbody tr")
	hours, err := e.store.VolunteerHours(ctx, d.tenant.ID, d.programID)
	must(t, err)
	if len(rows) == 0 || len(rows) != len(hours) {
		t.Fatalf("%d hours rows on the page, %d recorded", len(rows), len(hours))
	}
	total := 0
	for _, h := range hours {
		total += h.Minutes
	}
	if got := doc.one(t, "#hours-total").Text(); got != hoursLabel(total) {
		t.Errorf("total %q, want %q", got, hoursLabel(total))
	}
	_, doc = o.page("/households", http.StatusOK)
	text := doc.one(t, "table#households").Text()
	for _, h := range hours {
		if !strings.Contains(text, hoursLabel(h.Minutes)) {
			t.Errorf("the households page does not show %s for %s", hoursLabel(h.Minutes), h.HouseholdName)
		}
	}
}

func TestHoursLabel(t *testing.T) {
	t.Parallel()
	for in, want := range map[int]string{0: "0 h", 45: "45 min", 60: "1 h", 270: "4 h 30 min"} {
		if got := hoursLabel(in); got != want {
			t.Errorf("hoursLabel(%d) = %q, want %q", in, got, want)
		}
	}
}
