package hosting_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/demo"
	"itinera/internal/hosting"
	"itinera/internal/matching"
	"itinera/internal/storetest"
)

var ctx = context.Background()

// mustDemo loads the demo program and its hospitality evening into a
// fresh SQLite store and returns the evening's records.
func mustDemo(t *testing.T) (itinera.Services, *hosting.Records) {
	t.Helper()
	s := storetest.SQLite(t)
	svc := s.Services()
	tenant := demo.Tenant()
	if err := s.CreateTenant(ctx, &tenant); err != nil {
		t.Fatal(err)
	}
	pid, err := demo.Load(ctx, svc, tenant.ID, storetest.Now())
	if err != nil {
		t.Fatal(err)
	}
	eid, err := demo.LoadHospitality(ctx, svc, tenant.ID, pid)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := hosting.Load(ctx, svc.Readers(), tenant.ID, eid)
	if err != nil {
		t.Fatal(err)
	}
	return svc, rec
}

func TestDemoEveningMatchesWithRealConstraints(t *testing.T) {
	t.Parallel()
	_, rec := mustDemo(t)
	if len(rec.Visitors) != 9 || len(rec.Interpreters) != 1 || len(rec.Households) < 6 {
		t.Fatalf("records: %d visitors, %d interpreters, %d households", len(rec.Visitors), len(rec.Interpreters), len(rec.Households))
	}
	res, err := rec.Solve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	in := rec.Input()
	if vs := matching.Check(in, res); len(vs) > 0 {
		t.Fatalf("the matching breaks rules: %+v", vs)
	}
	v := rec.Describe(res)
	if v.Placed+len(v.Unplaced) != 9 {
		t.Fatalf("%d placed and %d explained of 9", v.Placed, len(v.Unplaced))
	}
	for _, u := range v.Unplaced {
		if u.Reason == "" {
			t.Errorf("%s is unplaced without a reason", u.Visitor.Name())
		}
	}
	seen := map[string]bool{}
	for _, c := range v.Cards {
		for _, g := range c.Visitors {
			vis := g.Visitor
			seen[vis.GivenName] = true
			for _, d := range vis.Diets {
				if !slices.ContainsFunc(c.Household.CanServe, func(x string) bool { return strings.EqualFold(x, d) }) {
					t.Errorf("%s (%s) at %s, which cannot serve it", vis.Name(), d, c.Household.Name)
				}
			}
			if slices.Contains(vis.Allergies, "cats") && slices.Contains(c.Household.Pets, "cat") {
				t.Errorf("%s is allergic to cats but dines with one at %s", vis.Name(), c.Household.Name)
			}
			if !g.Direct && len(c.Interpreters) == 0 {
				t.Errorf("%s needs the interpreter at %s", vis.Name(), c.Household.Name)
			}
		}
	}
	// The visitor who speaks only Spanish dines where Spanish is spoken,
	// or with the interpreter.
	if !seen["Lucía"] {
		t.Error("the visitor who speaks only Spanish is not placed")
	}
	// She is allergic to dogs, and both Spanish-speaking households have
	// one: the interpreter must go with her.
	bridged := false
	for _, c := range v.Cards {
		for _, g := range c.Visitors {
			if g.Visitor.GivenName == "Lucía" {
				if g.Direct || len(c.Interpreters) != 1 || len(c.Bridges) == 0 {
					t.Errorf("Lucía at %s: direct %v, %d interpreters, bridges %v", c.Household.Name, g.Direct, len(c.Interpreters), c.Bridges)
				}
				bridged = true
			}
		}
	}
	if !bridged {
		t.Error("Lucía is not placed with the interpreter")
	}
}

func TestMoveShowsBrokenRulesAndLocksSurviveRematch(t *testing.T) {
	t.Parallel()
	svc, rec := mustDemo(t)
	res, err := rec.Solve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Move the visitor allergic to cats into a household with a cat.
	var allergic, catHome string
	for _, vis := range rec.Visitors {
		if slices.Contains(vis.Allergies, "cats") {
			allergic = rec.VisitorLabel(vis.ID)
		}
	}
	for _, h := range rec.Households {
		if slices.Contains(h.Pets, "cat") {
			catHome = rec.HouseholdLabel(h.ID)
		}
	}
	moved := hosting.Move(res, allergic, catHome)
	rules := map[matching.Rule]bool{}
	for _, p := range matching.Check(rec.Input(), moved) {
		rules[p.Rule] = true
	}
	if !rules[matching.RuleAllergy] {
		t.Fatalf("moving %s to %s breaks no allergy rule: %v", allergic, catHome, rules)
	}
	// Save the first matching with one guest locked, drop another household, re-run.
	guests, unplaced := rec.Guests(res)
	guests[0].Locked = true
	tid, eid := rec.Program.TenantID, rec.Evening.ID
	if err := svc.Hospitality.SaveMatching(ctx, tid, eid, guests, unplaced); err != nil {
		t.Fatal(err)
	}
	var dropped int64
	for _, g := range guests {
		if g.HouseholdID != guests[0].HouseholdID {
			dropped = g.HouseholdID
			break
		}
	}
	if err := svc.Hospitality.SetInvitation(ctx, tid, eid, dropped, itinera.InvitationUnavailable); err != nil {
		t.Fatal(err)
	}
	rec2, err := hosting.Load(ctx, svc.Readers(), tid, eid)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec2.Describe(rec2.Saved()).Problems) == 0 {
		t.Error("the saved matching with a dropped-out household shows no problem")
	}
	res2, err := rec2.Solve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	guests2, _ := rec2.Guests(res2)
	kept := false
	for _, g := range guests2 {
		if g.HouseholdID == dropped {
			t.Errorf("the dropped household still receives %+v", g)
		}
		if g == guests[0] {
			kept = true
		}
	}
	if !kept {
		t.Errorf("the locked guest %+v moved: %+v", guests[0], guests2)
	}
}

func TestConfirmationMails(t *testing.T) {
	t.Parallel()
	_, rec := mustDemo(t)
	res, err := rec.Solve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c, err := rec.Confirmation(res, hosting.Organizer{Org: "Gateway", Name: "Officer", Email: "officer@example.org"}, storetest.Now())
	if err != nil {
		t.Fatal(err)
	}
	hosts := 0
	for _, a := range res.Assignments {
		if len(a.Visitors) > 0 {
			hosts++
		}
	}
	if len(c.Hours) != hosts || c.Notify == nil {
		t.Fatalf("%d hours rows for %d households, notify %v", len(c.Hours), hosts, c.Notify != nil)
	}
	guests, _ := rec.Guests(res)
	for _, h := range c.Hours {
		var mine []itinera.HospitalityGuest
		for _, g := range guests {
			if g.HouseholdID == h.HouseholdID {
				mine = append(mine, g)
			}
		}
		m, err := c.Notify(itinera.HospitalityNotice{HouseholdID: h.HouseholdID, Kind: itinera.NoticeNew, Sequence: 0, Guests: mine})
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Validate(); err != nil {
			t.Errorf("mail to %s: %v", m.To, err)
		}
		if !strings.Contains(m.TextBody, "Allergies:") || !strings.Contains(m.TextBody, "Pick-up:") ||
			!strings.Contains(m.Calendar, "METHOD:REQUEST") {
			t.Errorf("mail to %s lacks details:\n%s", m.To, m.TextBody)
		}
	}
	for _, h := range c.Hours {
		if h.Minutes < rec.Evening.Minutes() {
			t.Errorf("hours %+v shorter than the evening", h)
		}
	}
}

func TestNoticeAndInvitationMails(t *testing.T) {
	t.Parallel()
	_, rec := mustDemo(t)
	org := hosting.Organizer{Org: "Gateway", Name: "Officer", Email: "officer@example.org"}
	h := rec.Households[0]
	cancel, err := rec.NoticeMail(itinera.HospitalityNotice{HouseholdID: h.ID, Kind: itinera.NoticeCancel, Sequence: 3}, org, storetest.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := cancel.Validate(); err != nil {
		t.Fatal(err)
	}
	uid := "UID:" + hosting.EventUID(rec.Evening.ID, h.ID)
	if cancel.CalendarMethod != "CANCEL" || !strings.Contains(cancel.Calendar, "METHOD:CANCEL") || !strings.Contains(cancel.Calendar, "SEQUENCE:3") ||
		!strings.Contains(cancel.Calendar, uid) || strings.Contains(cancel.TextBody, "Your guests:") || !strings.Contains(cancel.TextBody, "Thank you") {
		t.Errorf("cancellation:\n%s\n%s", cancel.TextBody, cancel.Calendar)
	}
	update, err := rec.NoticeMail(itinera.HospitalityNotice{HouseholdID: h.ID, Kind: itinera.NoticeUpdate, Sequence: 4}, org, storetest.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(update.Subject, "Updated") || !strings.Contains(update.Calendar, "METHOD:REQUEST") || !strings.Contains(update.Calendar, uid) {
		t.Errorf("update: %s\n%s", update.Subject, update.Calendar)
	}
	if _, err := rec.NoticeMail(itinera.HospitalityNotice{HouseholdID: -1, Kind: itinera.NoticeNew}, org, storetest.Now()); err == nil {
		t.Error("a notice to a household not invited was composed")
	}
	inv, err := rec.InvitationMail(h, "https://example.org/h/TOKEN#evening-1", org)
	if err != nil {
		t.Fatal(err)
	}
	if err := inv.Validate(); err != nil {
		t.Fatal(err)
	}
	if strings.Count(inv.To, "@") != 1 || !strings.Contains(inv.TextBody, "https://example.org/h/TOKEN#evening-1") ||
		!strings.Contains(inv.TextBody, "Pick-up:") || inv.Calendar != "" {
		t.Errorf("invitation to %s:\n%s", inv.To, inv.TextBody)
	}
}
