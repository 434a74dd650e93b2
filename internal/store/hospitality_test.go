package store_test

import (
	"testing"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

func newHousehold(tenantID int64, name string) itinera.HostHousehold {
	return itinera.HostHousehold{TenantID: tenantID, Name: name, Address: "3915 Connecticut St, St. Louis, MO",
		Lat: 38.5957, Lon: -90.2559, ContactName: "Kathleen Brennan", Email: "kb@example.com",
		Languages: []string{"English", "Spanish"}, CanServe: []string{"vegetarian"}, Pets: []string{"dog"}, Capacity: 4,
		FreeWeekdays: []time.Weekday{time.Sunday}, FreeDates: []itinera.Date{itinera.MustDate("2026-12-06")}}
}

func mustSignUp(t *testing.T, s *store.Store, tenantID int64, name string) (itinera.HostHousehold, string) {
	t.Helper()
	_, hash, err := auth.NewToken()
	must(t, err)
	h := newHousehold(tenantID, name)
	must(t, s.SignUpHousehold(ctx, &h, itinera.HouseholdLink{TokenHash: hash, ExpiresAt: storetest.Clock.Add(24 * time.Hour)}))
	return h, hash
}

func TestHouseholdSignUpAndLink(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		a, b := mustFixture(t, s, "alpha"), mustFixture(t, s, "beta")
		h, hash := mustSignUp(t, s, a.tenant.ID, "The Brennan household")
		got, err := s.Household(ctx, a.tenant.ID, h.ID)
		must(t, err)
		if got.Status != itinera.HouseholdPending || got.Address == "" || got.Lat != 38.5957 || len(got.FreeWeekdays) != 1 ||
			got.FreeWeekdays[0] != time.Sunday || len(got.FreeDates) != 1 || got.Pets[0] != "dog" {
			t.Fatalf("household read back: %+v", got)
		}
		if !got.FreeOn(itinera.MustDate("2026-12-13")) || got.FreeOn(itinera.MustDate("2026-12-07")) {
			t.Error("FreeOn ignores the weekdays")
		}
		// Another tenant sees nothing of it.
		_, err = s.Household(ctx, b.tenant.ID, h.ID)
		wantCode(t, err, itinera.ENOTFOUND)
		wantCode(t, s.SetHouseholdStatus(ctx, b.tenant.ID, h.ID, itinera.HouseholdApproved), itinera.ENOTFOUND)
		if hs, _ := s.Households(ctx, b.tenant.ID, itinera.HouseholdFilter{}); len(hs) != 0 {
			t.Fatalf("tenant B lists %d households", len(hs))
		}
		// The host updates through the link; the status stays.
		byLink, err := s.HouseholdByToken(ctx, hash)
		must(t, err)
		byLink.Capacity, byLink.Address = 5, "3917 Connecticut St, St. Louis, MO"
		must(t, s.UpdateHouseholdByToken(ctx, hash, &byLink))
		got, _ = s.Household(ctx, a.tenant.ID, h.ID)
		if got.Capacity != 5 || got.Address != "3917 Connecticut St, St. Louis, MO" || got.Status != itinera.HouseholdPending {
			t.Fatalf("after update: %+v", got)
		}
		bad := byLink
		bad.Capacity, bad.Email = 0, "nope"
		err = s.UpdateHouseholdByToken(ctx, hash, &bad)
		if f := itinera.ErrorFields(err); f["capacity"] == "" || f["email"] == "" {
			t.Fatalf("invalid update: %v", err)
		}
		_, err = s.HouseholdByToken(ctx, auth.HashToken("unknown"))
		wantCode(t, err, itinera.ENOTFOUND)

		must(t, s.SetHouseholdStatus(ctx, a.tenant.ID, h.ID, itinera.HouseholdApproved))
		counts, err := s.HouseholdCounts(ctx, a.tenant.ID)
		must(t, err)
		if counts[itinera.HouseholdApproved] != 1 {
			t.Fatalf("counts %v", counts)
		}
		hs, err := s.Households(ctx, a.tenant.ID, itinera.HouseholdFilter{Status: itinera.HouseholdPending})
		must(t, err)
		if len(hs) != 0 {
			t.Fatalf("pending filter lists %d", len(hs))
		}
		must(t, s.WithdrawHouseholdByToken(ctx, hash))
		got, _ = s.Household(ctx, a.tenant.ID, h.ID)
		if got.Status != itinera.HouseholdWithdrawn {
			t.Fatalf("after withdrawal: %s", got.Status)
		}
		wantCode(t, s.UpdateHouseholdByToken(ctx, hash, &byLink), itinera.ECONFLICT)
	})
}

func TestHouseholdLinkExpires(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		a := mustFixture(t, s, "alpha")
		_, hash, err := auth.NewToken()
		must(t, err)
		h := newHousehold(a.tenant.ID, "The Haddad household")
		must(t, s.SignUpHousehold(ctx, &h, itinera.HouseholdLink{TokenHash: hash, ExpiresAt: storetest.Clock.Add(-time.Hour)}))
		_, err = s.HouseholdByToken(ctx, hash)
		wantCode(t, err, itinera.ECONFLICT)
		wantCode(t, s.WithdrawHouseholdByToken(ctx, hash), itinera.ECONFLICT)
	})
}

func TestEveningMatchConfirm(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		a, b := mustFixture(t, s, "alpha"), mustFixture(t, s, "beta")
		tid := a.tenant.ID
		var vs []itinera.Visitor
		for _, n := range []string{"Ana", "Bo", "Cy"} {
			v := itinera.Visitor{TenantID: tid, ProgramID: a.program.ID, GivenName: n, Country: "Chile", Languages: []string{"English"}}
			must(t, s.CreateVisitor(ctx, &v))
			vs = append(vs, v)
		}
		in := itinera.Interpreter{TenantID: tid, ProgramID: a.program.ID, Name: "Lena", Languages: []string{"English", "Spanish"}}
		must(t, s.CreateInterpreter(ctx, &in))
		h1, _ := mustSignUp(t, s, tid, "One")
		h2, hash2 := mustSignUp(t, s, tid, "Two")
		pending, _ := mustSignUp(t, s, tid, "Pending")
		for _, h := range []itinera.HostHousehold{h1, h2} {
			must(t, s.SetHouseholdStatus(ctx, tid, h.ID, itinera.HouseholdApproved))
		}
		loc := a.program.Location()
		sun := itinera.MustDate("2026-12-06")
		e := itinera.HospitalityEvening{TenantID: tid, ProgramID: a.program.ID, Start: sun.At(itinera.MustClock("17:30"), loc),
			End: sun.At(itinera.MustClock("21:00"), loc), VisitorIDs: []int64{vs[0].ID, vs[1].ID, vs[2].ID}, InterpreterIDs: []int64{in.ID}}
		must(t, s.CreateEvening(ctx, &e))
		// Another tenant's visitors cannot take part; another tenant cannot see it.
		bad := e
		bad.TenantID, bad.ProgramID = b.tenant.ID, b.program.ID
		if f := itinera.ErrorFields(s.CreateEvening(ctx, &bad)); f["visitor_ids"] == "" {
			t.Fatal("an evening of B took A's visitors")
		}
		_, err := s.Evening(ctx, b.tenant.ID, e.ID)
		wantCode(t, err, itinera.ENOTFOUND)

		wantCode(t, s.InviteHouseholds(ctx, tid, e.ID, []int64{pending.ID}), itinera.EINVALID)
		must(t, s.InviteHouseholds(ctx, tid, e.ID, []int64{h1.ID, h2.ID}))
		guests := []itinera.HospitalityGuest{{HouseholdID: h1.ID, VisitorID: vs[0].ID, Locked: true},
			{HouseholdID: h1.ID, VisitorID: vs[1].ID}, {HouseholdID: h1.ID, InterpreterID: in.ID}}
		unplaced := []itinera.HospitalityUnplaced{{VisitorID: vs[2].ID, Reason: "no available household can serve halal"}}
		wantCode(t, s.SaveMatching(ctx, tid, e.ID, append(guests, itinera.HospitalityGuest{HouseholdID: pending.ID, VisitorID: vs[2].ID}), nil), itinera.EINVALID)
		must(t, s.SaveMatching(ctx, tid, e.ID, guests, unplaced))
		got, err := s.Evening(ctx, tid, e.ID)
		must(t, err)
		if got.Status != itinera.EveningMatched || len(got.Guests) != 3 || !got.Guests[0].Locked || len(got.Unplaced) != 1 ||
			len(got.Invitations) != 2 || len(got.InterpreterIDs) != 1 {
			t.Fatalf("evening read back: %+v", got)
		}
		// An itinerary exists: confirming adds the evening to a new version.
		must(t, s.SaveItinerary(ctx, &itinera.Itinerary{TenantID: tid, ProgramID: a.program.ID, Items: []itinera.ItineraryItem{}}))
		notify := func(n itinera.HospitalityNotice) (itinera.OutboxMessage, error) {
			return itinera.OutboxMessage{To: "One <kb@example.com>", Subject: "Your guests", TextBody: "Ana, Bo"}, nil
		}
		hours := []itinera.VolunteerHours{{HouseholdID: h1.ID, Minutes: 250}}
		wantCode(t, errOf(s.ConfirmEvening(ctx, tid, e.ID, itinera.HospitalityConfirmation{Hours: []itinera.VolunteerHours{{HouseholdID: h2.ID, Minutes: 1}}})), itinera.EINVALID)
		must(t, errOf(s.ConfirmEvening(ctx, tid, e.ID, itinera.HospitalityConfirmation{Hours: hours, Notify: notify})))
		got, _ = s.Evening(ctx, tid, e.ID)
		if got.Status != itinera.EveningConfirmed || got.ActivityID == 0 || got.ConfirmedAt.IsZero() {
			t.Fatalf("confirmed evening: %+v", got)
		}
		vh, err := s.VolunteerHours(ctx, tid, a.program.ID)
		must(t, err)
		if len(vh) != 1 || vh[0].Minutes != 250 || vh[0].HouseholdName != "One" {
			t.Fatalf("volunteer hours %+v", vh)
		}
		msgs, err := s.OutboxMessages(ctx, tid, itinera.OutboxFilter{})
		must(t, err)
		if len(msgs) != 1 || msgs[0].Subject != "Your guests" {
			t.Fatalf("outbox %+v", msgs)
		}
		it, err := s.CurrentItinerary(ctx, tid, a.program.ID)
		must(t, err)
		if it.Version != 2 || len(it.Items) != 1 || it.Items[0].ActivityID != got.ActivityID || !it.Items[0].Pinned {
			t.Fatalf("itinerary after confirmation: %+v", it)
		}
		act, err := s.Activity(ctx, tid, got.ActivityID)
		must(t, err)
		if act.Kind != itinera.ActivityHospitality || act.Status != itinera.ActivityConfirmed {
			t.Fatalf("activity %+v", act)
		}
		// Confirming again keeps one item and one hours row per household.
		must(t, errOf(s.ConfirmEvening(ctx, tid, e.ID, itinera.HospitalityConfirmation{Hours: hours})))
		if it, _ := s.CurrentItinerary(ctx, tid, a.program.ID); it.Version != 2 {
			t.Fatalf("a second confirmation saved version %d", it.Version)
		}
		// A household that withdraws drops out of the evening.
		must(t, s.WithdrawHouseholdByToken(ctx, hash2))
		got, _ = s.Evening(ctx, tid, e.ID)
		if !got.Unavailable(h2.ID) || got.Unavailable(h1.ID) {
			t.Fatalf("invitations after withdrawal: %+v", got.Invitations)
		}
		must(t, s.SetInvitation(ctx, tid, e.ID, h1.ID, itinera.InvitationUnavailable))
		wantCode(t, errOf(s.ConfirmEvening(ctx, tid, e.ID, itinera.HospitalityConfirmation{})), itinera.ECONFLICT)
		wantCode(t, s.SetInvitation(ctx, b.tenant.ID, e.ID, h1.ID, itinera.InvitationInvited), itinera.ENOTFOUND)

		p := itinera.HospitalityPair{TenantID: tid, ProgramID: a.program.ID, VisitorA: vs[0].ID, VisitorB: vs[1].ID, Kind: itinera.PairTogether}
		must(t, s.CreatePair(ctx, &p))
		ps, err := s.Pairs(ctx, tid, a.program.ID)
		must(t, err)
		if len(ps) != 1 || ps[0].Kind != itinera.PairTogether {
			t.Fatalf("pairs %+v", ps)
		}
		wantCode(t, s.DeletePair(ctx, b.tenant.ID, p.ID), itinera.ENOTFOUND)
		must(t, s.DeletePair(ctx, tid, p.ID))
	})
}
