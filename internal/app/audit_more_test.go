package app_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/storetest"
)

var hostLinkRE = regexp.MustCompile(`/h/([A-Za-z0-9_-]{43})`)

// TestMoreChangesAreAudited walks the remaining writing workflows — hosts
// through their link, the evening's steps, requests sent, withdrawn and
// declined, passwords, deletions, imports undone, program files, releases
// — on both databases: each leaves its entry.
func TestMoreChangesAreAudited(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			a, c := f.a, f.c
			pid := f.program.ID
			last := int64(0)
			by := " by Demo Officer"
			step := func(what string, want []string, run func() error) {
				t.Helper()
				if err := run(); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				es := mustLog(t, a, c)
				var got []string
				for _, e := range es {
					if e.ID <= last {
						break
					}
					got = append(got, e.Kind+" "+e.Action+" by "+e.Actor)
				}
				if len(es) > 0 {
					last = es[0].ID
				}
				for _, w := range want {
					if !slices.Contains(got, w) {
						t.Errorf("%s: entries %q, want %q among them", what, got, w)
					}
				}
			}

			var up app.SignedUp
			step("host signs up", []string{"household sign up by host via link"}, func() (err error) {
				up, err = a.SignUpHousehold(ctx, f.tenant.Slug, c.Site, itinera.HostHousehold{Name: "The Main household",
					Address: "100 Main Street", Lat: 38.7836, Lon: -90.4812, ContactName: "Pat Main", Email: "pat@example.org",
					Languages: []string{"English"}, Capacity: 2})
				return err
			})
			hash := auth.HashToken(up.Token)
			step("host changes", []string{"household update by host via link"}, func() error {
				h := up.Household
				h.Note = "We have a cat"
				return a.UpdateHousehold(ctx, hash, h)
			})
			step("approve", []string{"household approved" + by}, func() error {
				_, err := a.SetHouseholdStatus(ctx, c, up.Household.ID, itinera.HouseholdApproved)
				return err
			})
			step("invite", []string{"evening invite" + by}, func() error {
				_, err := a.InviteHouseholds(ctx, c, f.evening, []int64{up.Household.ID})
				return err
			})
			// The invitation came with the household's link as it is now.
			for _, m := range f.outbox() {
				if l := hostLinkRE.FindStringSubmatch(m.TextBody); l != nil && strings.Contains(m.To, "pat@example.org") {
					hash = auth.HashToken(l[1])
					break
				}
			}
			step("host answers", []string{"evening host answer by host via link"}, func() error {
				return a.AnswerInvitation(ctx, hash, f.evening, itinera.HostAnswer{Answer: itinera.AnswerYes})
			})
			step("availability", []string{"evening set availability" + by}, func() error {
				return a.SetAvailability(ctx, c, f.evening, up.Household.ID, itinera.InvitationUnavailable)
			})
			step("match", []string{"evening match" + by}, func() error {
				_, err := a.MatchEvening(ctx, c, f.evening)
				return err
			})
			step("lock", []string{"evening lock" + by}, func() error { return a.LockGuests(ctx, c, f.evening, "", true) })
			vs, err := s.Visitors(ctx, f.tenant.ID, pid)
			must(t, err)
			var pair itinera.HospitalityPair
			step("pair", []string{"pair create" + by}, func() (err error) {
				pair, err = a.AddPair(ctx, c, f.evening, itinera.HospitalityPair{VisitorA: vs[0].ID, VisitorB: vs[1].ID, Kind: itinera.PairTogether})
				return err
			})
			step("unpair", []string{"pair delete" + by}, func() error { return a.DeletePair(ctx, c, f.evening, pair.ID) })
			step("host withdraws", []string{"household withdraw by host via link"}, func() error { return a.WithdrawHousehold(ctx, hash) })

			m := f.meeting("Reporting on trafficking")
			slot := itinera.Window{Start: f.program.StartDate.In(f.program.Location()).Add(10 * time.Hour),
				End: f.program.StartDate.In(f.program.Location()).Add(11 * time.Hour)}
			var rq itinera.Request
			step("draft request", []string{"request create" + by}, func() (err error) {
				rq, err = a.CreateRequest(ctx, c, itinera.Request{MeetingID: m.ID, ContactID: m.ContactID, Windows: []itinera.Window{slot}}, false)
				return err
			})
			step("send", []string{"request send" + by}, func() error { _, err := a.SendRequest(ctx, c, rq.ID); return err })
			step("decline", []string{"request decline" + by}, func() error { _, err := a.DeclineRequest(ctx, c, rq.ID, "Away"); return err })
			step("second request", []string{"request create" + by}, func() (err error) {
				rq, err = a.CreateRequest(ctx, c, itinera.Request{MeetingID: m.ID, ContactID: m.ContactID, Windows: []itinera.Window{slot}}, true)
				return err
			})
			step("withdraw", []string{"request withdraw" + by}, func() error { _, err := a.WithdrawRequest(ctx, c, rq.ID); return err })

			var act itinera.Activity
			step("activity", []string{"activity create" + by}, func() (err error) {
				act, err = a.CreateActivity(ctx, c, itinera.Activity{ProgramID: pid, Title: "Boat tour", Kind: itinera.ActivityCultural,
					DurationMinutes: 60, Status: itinera.ActivityCandidate})
				return err
			})
			step("change activity", []string{"activity update" + by}, func() error {
				act.Notes = "Bring jackets"
				_, err := a.UpdateActivity(ctx, c, act)
				return err
			})
			step("delete activity", []string{"activity delete" + by}, func() error { return a.DeleteActivity(ctx, c, act.ID) })
			var o itinera.Organization
			step("organization", []string{"organization create" + by}, func() (err error) {
				o, err = a.CreateOrganization(ctx, c, itinera.Organization{Name: "Short-lived", Kind: itinera.OrgOther})
				return err
			})
			step("delete organization", []string{"organization delete" + by}, func() error { return a.DeleteOrganization(ctx, c, o.ID) })
			var p itinera.Place
			step("place", []string{"place create" + by}, func() (err error) {
				p, err = a.CreatePlace(ctx, c, itinera.Place{Name: "Pop-up", Kind: itinera.PlaceSite, Address: "1 Elm St", Lat: 38.6, Lon: -90.2})
				return err
			})
			step("delete place", []string{"place delete" + by}, func() error { return a.DeletePlace(ctx, c, p.ID) })
			places, err := s.Places(ctx, f.tenant.ID, itinera.DirectoryFilter{})
			must(t, err)
			step("travel time", []string{"travel set travel time" + by}, func() error {
				_, err := a.SetTravelOverride(ctx, c, itinera.TravelOverride{ProgramID: pid, From: places[0].ID, To: places[1].ID, Minutes: 40})
				return err
			})
			step("no travel time", []string{"travel remove travel time" + by}, func() error {
				return a.DeleteTravelOverride(ctx, c, pid, places[0].ID, places[1].ID)
			})
			var res app.ImportResult
			step("import", []string{"visitor import" + by, "import apply" + by}, func() (err error) {
				res, err = a.ApplyImport(ctx, c, app.ImportInput{Kind: itinera.ImportVisitors, ProgramID: pid, FileName: "v.csv",
					Data: []byte("Given name,Family name,Country,Languages\r\nQuirina,Zwetschke,Austria,German\r\n")})
				return err
			})
			step("undo import", []string{"visitor undo import" + by, "import undo" + by}, func() error {
				_, err := a.UndoImport(ctx, c, res.ImportID)
				return err
			})
			step("program file", []string{"program import program file" + by}, func() error {
				file, err := a.ExportProgram(ctx, c, pid)
				must(t, err)
				_, err = a.ImportProgram(ctx, c, file)
				return err
			})
			step("release", []string{"release create" + by}, func() error {
				_, err := a.Release(ctx, c, pid, app.ReleaseOptions{Note: "First release"})
				return err
			})
			nu, err := a.AddUser(ctx, c, itinera.User{Email: "bo@demo.example.org", Name: "Bo", Role: itinera.RoleOfficer})
			must(t, err)
			step("reset password", []string{"user reset password" + by}, func() (err error) {
				nu, err = a.ResetPassword(ctx, c, nu.User.ID)
				return err
			})
			step("change own password", []string{"user change password by Bo"}, func() error {
				bo, err := s.User(ctx, f.tenant.ID, nu.User.ID)
				must(t, err)
				return a.ChangePassword(ctx, app.Caller{User: bo, Site: c.Site}, nu.Password, "a long and unusual passphrase 42")
			})
		})
	}
}
