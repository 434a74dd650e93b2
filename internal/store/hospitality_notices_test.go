package store_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

func errOf[T any](_ T, err error) error { return err }

// noticeLog composes a recognisable e-mail per notice and remembers them.
type noticeLog struct{ got []itinera.HospitalityNotice }

func (l *noticeLog) notify(n itinera.HospitalityNotice) (itinera.OutboxMessage, error) {
	l.got = append(l.got, n)
	return itinera.OutboxMessage{To: fmt.Sprintf("Host <h%d@example.com>", n.HouseholdID), Subject: string(n.Kind),
		TextBody: fmt.Sprintf("%s %d", n.Kind, n.Sequence)}, nil
}

func noticeSummary(ns []itinera.HospitalityNotice) map[int64]string {
	out := map[int64]string{}
	for _, n := range ns {
		out[n.HouseholdID] = fmt.Sprintf("%s/%d/%d", n.Kind, n.Sequence, len(n.Guests))
	}
	return out
}

func TestEveningReconfirmTellsOnlyChangedHouseholds(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		a, b := mustFixture(t, s, "alpha"), mustFixture(t, s, "beta")
		tid := a.tenant.ID
		var vs []int64
		for _, n := range []string{"Ana", "Bo", "Cy", "Di"} {
			v := itinera.Visitor{TenantID: tid, ProgramID: a.program.ID, GivenName: n, Country: "Chile", Languages: []string{"English"}}
			must(t, s.CreateVisitor(ctx, &v))
			vs = append(vs, v.ID)
		}
		var hs []int64
		for _, n := range []string{"One", "Two", "Three"} {
			h, _ := mustSignUp(t, s, tid, n)
			must(t, s.SetHouseholdStatus(ctx, tid, h.ID, itinera.HouseholdApproved))
			hs = append(hs, h.ID)
		}
		loc := a.program.Location()
		sun := itinera.MustDate("2026-12-06")
		e := itinera.HospitalityEvening{TenantID: tid, ProgramID: a.program.ID, Start: sun.At(itinera.MustClock("17:30"), loc),
			End: sun.At(itinera.MustClock("21:00"), loc), VisitorIDs: vs}
		must(t, s.CreateEvening(ctx, &e))
		must(t, s.InviteHouseholds(ctx, tid, e.ID, hs))
		g := func(h int64, v ...int64) []itinera.HospitalityGuest {
			var out []itinera.HospitalityGuest
			for _, x := range v {
				out = append(out, itinera.HospitalityGuest{HouseholdID: h, VisitorID: x})
			}
			return out
		}
		step := func(name string, guests []itinera.HospitalityGuest, want map[int64]string) {
			t.Helper()
			must(t, s.SaveMatching(ctx, tid, e.ID, guests, nil))
			before, err := s.OutboxMessages(ctx, tid, itinera.OutboxFilter{})
			must(t, err)
			var l noticeLog
			sent, err := s.ConfirmEvening(ctx, tid, e.ID, itinera.HospitalityConfirmation{Notify: l.notify})
			must(t, err)
			if got := noticeSummary(sent); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("%s: notices %v, want %v", name, got, want)
			}
			after, err := s.OutboxMessages(ctx, tid, itinera.OutboxFilter{})
			must(t, err)
			if len(after)-len(before) != len(want) {
				t.Fatalf("%s: %d e-mails queued for %d notices", name, len(after)-len(before), len(want))
			}
		}
		step("first confirmation", append(g(hs[0], vs[0], vs[1]), g(hs[1], vs[2], vs[3])...),
			map[int64]string{hs[0]: "new/0/2", hs[1]: "new/0/2"})
		step("nothing changed", append(g(hs[1], vs[3], vs[2]), g(hs[0], vs[1], vs[0])...), map[int64]string{})
		step("Two replaced by Three", append(g(hs[0], vs[0], vs[1]), g(hs[2], vs[2], vs[3])...),
			map[int64]string{hs[1]: "cancel/1/0", hs[2]: "new/0/2"})
		step("guests swapped", append(g(hs[0], vs[0], vs[2]), g(hs[2], vs[1], vs[3])...),
			map[int64]string{hs[0]: "update/1/2", hs[2]: "update/1/2"})
		step("Two back", append(g(hs[0], vs[0], vs[2]), g(hs[1], vs[1], vs[3])...),
			map[int64]string{hs[1]: "new/2/2", hs[2]: "cancel/2/0"})
		step("Three cancelled once only", append(g(hs[0], vs[0], vs[2]), g(hs[1], vs[1], vs[3])...), map[int64]string{})

		// Without a composer nothing is sent, and nothing is recorded as told.
		must(t, s.SaveMatching(ctx, tid, e.ID, append(g(hs[0], vs[0], vs[1]), g(hs[1], vs[2], vs[3])...), nil))
		sent, err := s.ConfirmEvening(ctx, tid, e.ID, itinera.HospitalityConfirmation{})
		must(t, err)
		if len(sent) != 0 {
			t.Fatalf("notices without a composer: %v", sent)
		}
		// Another tenant cannot confirm it.
		wantCode(t, errOf(s.ConfirmEvening(ctx, b.tenant.ID, e.ID, itinera.HospitalityConfirmation{})), itinera.ENOTFOUND)
	})
}

func TestInviteByMailAndHostAnswers(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		a, b := mustFixture(t, s, "alpha"), mustFixture(t, s, "beta")
		tid := a.tenant.ID
		v := itinera.Visitor{TenantID: tid, ProgramID: a.program.ID, GivenName: "Ana", Country: "Chile", Languages: []string{"English"}}
		must(t, s.CreateVisitor(ctx, &v))
		h, oldHash := mustSignUp(t, s, tid, "One")
		must(t, s.SetHouseholdStatus(ctx, tid, h.ID, itinera.HouseholdApproved))
		pending, _ := mustSignUp(t, s, tid, "Pending")
		loc := a.program.Location()
		sun := itinera.MustDate("2026-12-06")
		e := itinera.HospitalityEvening{TenantID: tid, ProgramID: a.program.ID, Start: sun.At(itinera.MustClock("17:30"), loc),
			End: sun.At(itinera.MustClock("21:00"), loc), VisitorIDs: []int64{v.ID}}
		must(t, s.CreateEvening(ctx, &e))
		invite := func(hid int64) (itinera.EveningInvite, string) {
			_, hash, err := auth.NewToken()
			must(t, err)
			return itinera.EveningInvite{HouseholdID: hid, Link: itinera.HouseholdLink{TokenHash: hash, ExpiresAt: storetest.Clock.Add(48 * time.Hour),
				Mail: itinera.OutboxMessage{To: "Kathleen <kb@example.com>", Subject: "Can you host?", TextBody: "link"}}}, hash
		}
		in, newHash := invite(h.ID)
		bad, _ := invite(pending.ID)
		if f := itinera.ErrorFields(s.InviteHouseholdsByMail(ctx, tid, e.ID, []itinera.EveningInvite{in, bad})); f["household_ids"] == "" {
			t.Fatal("a pending household was invited")
		}
		wantCode(t, s.InviteHouseholdsByMail(ctx, b.tenant.ID, e.ID, []itinera.EveningInvite{in}), itinera.ENOTFOUND)
		noMail := in
		noMail.Link.Mail.To = ""
		wantCode(t, s.InviteHouseholdsByMail(ctx, tid, e.ID, []itinera.EveningInvite{noMail}), itinera.EINVALID)
		msgs, _ := s.OutboxMessages(ctx, tid, itinera.OutboxFilter{})
		if len(msgs) != 0 {
			t.Fatalf("failed invitations queued %d e-mails", len(msgs))
		}
		must(t, s.InviteHouseholdsByMail(ctx, tid, e.ID, []itinera.EveningInvite{in}))
		msgs, _ = s.OutboxMessages(ctx, tid, itinera.OutboxFilter{})
		if len(msgs) != 1 || msgs[0].Subject != "Can you host?" {
			t.Fatalf("outbox after invitation: %+v", msgs)
		}
		// One link per household: the new one works, the old one no longer.
		_, err := s.HouseholdByToken(ctx, oldHash)
		wantCode(t, err, itinera.ENOTFOUND)
		if got, err := s.HouseholdByToken(ctx, newHash); err != nil || got.ID != h.ID {
			t.Fatalf("new link: %+v, %v", got, err)
		}

		evs, err := s.HostEvenings(ctx, newHash)
		must(t, err)
		if len(evs) != 1 || evs[0].EveningID != e.ID || evs[0].ProgramTitle != a.program.Title || evs[0].Answer != "" ||
			!evs[0].Start.Equal(e.Start) || evs[0].Location().String() != "America/Chicago" {
			t.Fatalf("host evenings %+v", evs)
		}
		wantCode(t, s.AnswerInvitationByToken(ctx, newHash, e.ID, itinera.HostAnswer{Answer: "maybe"}), itinera.EINVALID)
		must(t, s.AnswerInvitationByToken(ctx, newHash, e.ID, itinera.HostAnswer{Answer: itinera.AnswerNo, Note: " Away that weekend. "}))
		got, err := s.Evening(ctx, tid, e.ID)
		must(t, err)
		if !got.Unavailable(h.ID) || got.Invitations[0].Answer != itinera.AnswerNo || got.Invitations[0].AnswerNote != "Away that weekend." ||
			got.Invitations[0].AnsweredAt.IsZero() {
			t.Fatalf("after no: %+v", got.Invitations)
		}
		// The matching cannot seat guests there while the answer is no.
		must(t, s.AnswerInvitationByToken(ctx, newHash, e.ID, itinera.HostAnswer{Answer: itinera.AnswerYes}))
		got, _ = s.Evening(ctx, tid, e.ID)
		if got.Unavailable(h.ID) || got.Invitations[0].Answer != itinera.AnswerYes {
			t.Fatalf("after yes: %+v", got.Invitations)
		}
		// An evening the household is not invited to, or of another tenant.
		other := itinera.HospitalityEvening{TenantID: b.tenant.ID, ProgramID: b.program.ID, Start: e.Start, End: e.End,
			VisitorIDs: []int64{}}
		bv := itinera.Visitor{TenantID: b.tenant.ID, ProgramID: b.program.ID, GivenName: "Bo", Country: "Peru", Languages: []string{"Spanish"}}
		must(t, s.CreateVisitor(ctx, &bv))
		other.VisitorIDs = []int64{bv.ID}
		must(t, s.CreateEvening(ctx, &other))
		wantCode(t, s.AnswerInvitationByToken(ctx, newHash, other.ID, itinera.HostAnswer{Answer: itinera.AnswerNo}), itinera.ENOTFOUND)
		wantCode(t, s.AnswerInvitationByToken(ctx, oldHash, e.ID, itinera.HostAnswer{Answer: itinera.AnswerNo}), itinera.ENOTFOUND)
		// Inviting again clears the answer.
		must(t, s.InviteHouseholds(ctx, tid, e.ID, []int64{h.ID}))
		got, _ = s.Evening(ctx, tid, e.ID)
		if got.Invitations[0].Answer != "" || got.Invitations[0].AnswerNote != "" {
			t.Fatalf("after re-invitation: %+v", got.Invitations)
		}

		// Volunteer minutes add up per household, within the tenant.
		must(t, s.SaveMatching(ctx, tid, e.ID, []itinera.HospitalityGuest{{HouseholdID: h.ID, VisitorID: v.ID}}, nil))
		must(t, errOf(s.ConfirmEvening(ctx, tid, e.ID, itinera.HospitalityConfirmation{Hours: []itinera.VolunteerHours{{HouseholdID: h.ID, Minutes: 250}}})))
		mins, err := s.HouseholdMinutes(ctx, tid)
		must(t, err)
		if mins[h.ID] != 250 || len(mins) != 1 {
			t.Fatalf("household minutes %v", mins)
		}
		if mins, _ := s.HouseholdMinutes(ctx, b.tenant.ID); len(mins) != 0 {
			t.Fatalf("tenant B sees minutes %v", mins)
		}
		evs, _ = s.HostEvenings(ctx, newHash)
		if !slices.ContainsFunc(evs, func(x itinera.HostEvening) bool { return x.EveningID == e.ID && x.Confirmed }) {
			t.Fatalf("host evenings after confirmation %+v", evs)
		}
	})
}
