package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/demo"
	"itinera/internal/storetest"
)

// demoEvening loads the demo program, its households and Sunday evening
// into a tenant of its own and signs in an officer of it.
type demoEvening struct {
	tenant    itinera.Tenant
	programID int64
	eveningID int64
	officer   *client
}

func (e *env) mustDemoEvening() demoEvening {
	t := e.t
	t.Helper()
	d := demoEvening{tenant: demo.Tenant()}
	must(t, e.store.CreateTenant(ctx, &d.tenant))
	var err error
	d.programID, err = demo.Load(ctx, e.store.Services(), d.tenant.ID, storetest.Now())
	must(t, err)
	d.eveningID, err = demo.LoadHospitality(ctx, e.store.Services(), d.tenant.ID, d.programID)
	must(t, err)
	d.officer = e.signIn(e.mustUser(d.tenant.ID, "officer@demo.example.org", itinera.RoleOfficer))
	return d
}

func TestDemoEveningMatchingPage(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	d := e.mustDemoEvening()
	path := "/evenings/" + itoa(d.eveningID)
	_, doc := d.officer.page(path, http.StatusOK)
	placed := len(doc.all("#host-cards li.guest")) - len(doc.all("#host-cards li.interpreter"))
	unplaced := doc.all("#unplaced-list li.unplaced")
	if placed+len(unplaced) != 9 {
		t.Fatalf("%d placed and %d explained of 9 visitors", placed, len(unplaced))
	}
	for _, u := range unplaced {
		if u.one(t, ".reason").Text() == "" {
			t.Errorf("unplaced without a reason: %s", u.Text())
		}
	}
	doc.one(t, "#rules-ok")
	if len(doc.all("#host-cards li.host-card")) < 2 {
		t.Error("fewer than two household cards")
	}
	main := doc.one(t, "main").Text()
	for _, want := range []string{"min from the hotel", "Diets served", "vegetarian", "not saved yet"} {
		if !strings.Contains(main, want) {
			t.Errorf("the page does not show %q", want)
		}
	}
}

func TestDemoEveningMoveLockRerunConfirm(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	d := e.mustDemoEvening()
	o := d.officer
	path := "/evenings/" + itoa(d.eveningID)
	tid := d.tenant.ID
	vs, err := e.store.Visitors(ctx, tid, d.programID)
	must(t, err)
	hs, err := e.store.Households(ctx, tid, itinera.HouseholdFilter{})
	must(t, err)
	var allergic itinera.Visitor
	for _, v := range vs {
		if slices.Contains(v.Allergies, "cats") {
			allergic = v
		}
	}
	var catHome itinera.HostHousehold
	for _, h := range hs {
		if slices.Contains(h.Pets, "cat") {
			catHome = h
		}
	}

	// Move the visitor allergic to cats to a home with a cat: the page says
	// at once which rule that breaks.
	res, _ := o.post(path+"/move", url.Values{"visitor_id": {itoa(allergic.ID)}, "household_id": {itoa(catHome.ID)}})
	doc := o.follow(res)
	problems := doc.one(t, "#violations").Text()
	if !strings.Contains(problems, "allergic") {
		t.Fatalf("moving %s to %s shows %q", allergic.Name(), catHome.Name, problems)
	}
	doc.one(t, "#household-"+itoa(catHome.ID)+" .card-problems")
	// Confirming is refused while a rule is broken.
	res, _ = o.post(path+"/confirm", nil)
	if !strings.Contains(o.follow(res).one(t, "#flash").Text(), "Not confirmed") {
		t.Fatal("a matching that breaks a rule was confirmed")
	}
	// Unlock everyone, run again: every rule holds.
	o.post(path+"/lock", url.Values{"locked": {"0"}})
	res, _ = o.post(path+"/match", nil)
	doc = o.follow(res)
	doc.one(t, "#rules-ok")

	// Lock one guest, drop another household out, run again: the lock is
	// kept and the dropped household receives nobody.
	ev, err := e.store.Evening(ctx, tid, d.eveningID)
	must(t, err)
	first := ev.Guests[0]
	o.post(path+"/lock", url.Values{"guest": {"v:" + itoa(first.VisitorID)}, "locked": {"1"}})
	var dropped int64
	for _, g := range ev.Guests {
		if g.HouseholdID != first.HouseholdID {
			dropped = g.HouseholdID
			break
		}
	}
	res, _ = o.post(path+"/availability", url.Values{"household_id": {itoa(dropped)}, "status": {"unavailable"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("drop out: %d", res.StatusCode)
	}
	res, _ = o.post(path+"/match", nil)
	doc = o.follow(res)
	doc.one(t, "#rules-ok")
	ev, _ = e.store.Evening(ctx, tid, d.eveningID)
	kept := false
	for _, g := range ev.Guests {
		if g.HouseholdID == dropped {
			t.Errorf("the household that dropped out still has %+v", g)
		}
		if g.VisitorID == first.VisitorID && g.HouseholdID == first.HouseholdID && g.Locked {
			kept = true
		}
	}
	if !kept {
		t.Errorf("the locked guest %+v moved: %+v", first, ev.Guests)
	}

	// Confirm: one e-mail per household with guests, volunteer hours, and
	// the evening in the itinerary.
	res, _ = o.post(path+"/confirm", nil)
	doc = o.follow(res)
	if !strings.Contains(doc.one(t, "#flash").Text(), "Confirmed") {
		t.Fatalf("confirm: %s", doc.one(t, "#flash").Text())
	}
	doc.one(t, "table#hours")
	ev, _ = e.store.Evening(ctx, tid, d.eveningID)
	hosts := map[int64][]itinera.Visitor{}
	byID := map[int64]itinera.Visitor{}
	for _, v := range vs {
		byID[v.ID] = v
	}
	for _, g := range ev.Guests {
		if g.VisitorID != 0 {
			hosts[g.HouseholdID] = append(hosts[g.HouseholdID], byID[g.VisitorID])
		}
	}
	msgs, err := e.store.OutboxMessages(ctx, tid, itinera.OutboxFilter{})
	must(t, err)
	if len(msgs) != len(hosts) {
		t.Fatalf("%d messages for %d households", len(msgs), len(hosts))
	}
	byEmail := map[string]itinera.OutboxMessage{}
	for _, m := range msgs {
		if strings.Count(m.To, "@") != 1 {
			t.Errorf("message to %q: not exactly one recipient", m.To)
		}
		if m.CalendarMethod != "REQUEST" || !strings.Contains(m.Calendar, "BEGIN:VEVENT") {
			t.Errorf("message to %s has no calendar invitation", m.To)
		}
		byEmail[m.To[strings.Index(m.To, "<")+1:len(m.To)-1]] = m
	}
	for hid, guests := range hosts {
		h, _ := e.store.Household(ctx, tid, hid)
		m, ok := byEmail[h.Email]
		if !ok {
			t.Errorf("no message to %s", h.Name)
			continue
		}
		for _, v := range guests {
			if !strings.Contains(m.TextBody, v.GivenName) || !strings.Contains(m.TextBody, v.Country) {
				t.Errorf("message to %s lacks %s from %s", h.Name, v.GivenName, v.Country)
			}
			for _, x := range append(v.Diets, v.Allergies...) {
				if !strings.Contains(m.TextBody, x) {
					t.Errorf("message to %s lacks %q of %s", h.Name, x, v.GivenName)
				}
			}
			if strings.Contains(m.TextBody, v.FamilyName) {
				t.Errorf("message to %s gives %s's family name", h.Name, v.GivenName)
			}
		}
		if !strings.Contains(m.TextBody, "Pick-up:") {
			t.Errorf("message to %s has no pick-up", h.Name)
		}
	}
	hours, err := e.store.VolunteerHours(ctx, tid, d.programID)
	must(t, err)
	if len(hours) != len(hosts) {
		t.Fatalf("%d volunteer-hours rows for %d households", len(hours), len(hosts))
	}
	for _, h := range hours {
		if h.Minutes <= ev.Minutes() {
			t.Errorf("%s: %d minutes, no travel counted", h.HouseholdName, h.Minutes)
		}
	}
	it, err := e.store.CurrentItinerary(ctx, tid, d.programID)
	must(t, err)
	if !slices.ContainsFunc(it.Items, func(x itinera.ItineraryItem) bool {
		return x.ActivityID == ev.ActivityID && x.Start.Equal(ev.Start) && x.End.Equal(ev.End)
	}) {
		t.Errorf("the itinerary has no item for the evening (activity %d)", ev.ActivityID)
	}
}
