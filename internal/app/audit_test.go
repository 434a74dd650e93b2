package app_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/storetest"
)

// TestEveryChangeIsAudited walks the workflows that change records, on
// both databases: each must leave its entry (kind, action, actor) in the
// audit log, written in its transaction; a refused change leaves none.
func TestEveryChangeIsAudited(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			a, c := f.a, f.c
			pid := f.program.ID
			last := int64(0)
			// step runs one workflow and checks the entries it added.
			step := func(what string, want []string, run func() error) {
				t.Helper()
				if err := run(); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				es, err := a.AuditLog(ctx, c, itinera.AuditFilter{})
				must(t, err)
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
			by := " by Demo Officer"

			var p itinera.Program
			step("create program", []string{"program create" + by}, func() (err error) {
				p = f.program
				p.ID, p.Title = 0, "Rule of Law"
				p, err = a.CreateProgram(ctx, c, p)
				return err
			})
			step("update program", []string{"program update" + by}, func() (err error) {
				p.City = "Kansas City"
				p, err = a.UpdateProgram(ctx, c, p)
				return err
			})
			step("update day", []string{"day update" + by}, func() error {
				days, err := s.Days(ctx, f.tenant.ID, p.ID)
				must(t, err)
				d := days[0]
				d.MaxMeetings = 2
				_, err = a.UpdateDay(ctx, c, d)
				return err
			})
			var v itinera.Visitor
			step("create visitor", []string{"visitor create" + by}, func() (err error) {
				v, err = a.CreateVisitor(ctx, c, itinera.Visitor{ProgramID: pid, GivenName: "Ana", FamilyName: "Lima", Country: "Brazil",
					Languages: []string{"Portuguese"}})
				return err
			})
			step("update visitor", []string{"visitor update" + by}, func() (err error) {
				v.Position = "Judge"
				v, err = a.UpdateVisitor(ctx, c, v)
				return err
			})
			step("delete visitor", []string{"visitor delete" + by}, func() error { return a.DeleteVisitor(ctx, c, v.ID) })
			var i itinera.Interpreter
			step("create interpreter", []string{"interpreter create" + by}, func() (err error) {
				i, err = a.CreateInterpreter(ctx, c, itinera.Interpreter{ProgramID: pid, Name: "Rui", Languages: []string{"Portuguese", "English"}})
				return err
			})
			step("delete interpreter", []string{"interpreter delete" + by}, func() error { return a.DeleteInterpreter(ctx, c, i.ID) })
			var pl itinera.Place
			step("create place", []string{"place create" + by}, func() (err error) {
				pl, err = a.CreatePlace(ctx, c, itinera.Place{Name: "Old Courthouse", Kind: itinera.PlaceSite, Address: "11 N 4th St, St. Louis",
					Lat: 38.6255, Lon: -90.1893})
				return err
			})
			var o itinera.Organization
			step("create organization", []string{"organization create" + by}, func() (err error) {
				o, err = a.CreateOrganization(ctx, c, itinera.Organization{Name: "Legal Aid", Kind: itinera.OrgNonprofit})
				return err
			})
			step("update organization", []string{"organization update" + by}, func() (err error) {
				o.Description = "Free legal help"
				o, err = a.UpdateOrganization(ctx, c, o)
				return err
			})
			var ct itinera.Contact
			step("create contact", []string{"contact create" + by}, func() (err error) {
				ct, err = a.CreateContact(ctx, c, itinera.Contact{OrganizationID: o.ID, Name: "Lee Park", Email: "lee@example.org"})
				return err
			})
			step("update contact", []string{"contact update" + by}, func() (err error) {
				ct.Title = "Director"
				ct, err = a.UpdateContact(ctx, c, ct)
				return err
			})
			var m itinera.Meeting
			step("create meeting", []string{"meeting create" + by}, func() (err error) {
				m, err = a.CreateMeeting(ctx, c, itinera.Meeting{ProgramID: pid, Title: "Legal aid clinic", HostOrganizationID: o.ID, ContactID: ct.ID,
					PlaceID: pl.ID, DurationMinutes: 60, Priority: 2, Status: itinera.MeetingCandidate})
				return err
			})
			step("update meeting", []string{"meeting update" + by}, func() error {
				m.Notes = "Bring the case files"
				res, err := a.UpdateMeeting(ctx, c, m)
				m = res.Meeting
				return err
			})
			var act itinera.Activity
			step("create activity", []string{"activity create" + by}, func() (err error) {
				act, err = a.CreateActivity(ctx, c, itinera.Activity{ProgramID: pid, Title: "Riverfront walk", Kind: itinera.ActivityCultural, DurationMinutes: 60,
					Status: itinera.ActivityCandidate, PlaceID: pl.ID})
				return err
			})
			step("cancel activity", []string{"activity cancel" + by}, func() (err error) {
				_, err = a.CancelActivity(ctx, c, act.ID, "Rain")
				return err
			})
			step("apply plan", []string{"itinerary new version" + by}, func() error {
				plan, err := a.Propose(ctx, c, pid, nil)
				must(t, err)
				_, err = a.ApplyPlan(ctx, c, pid, nil, plan.Digest)
				return err
			})
			slot := itinera.Window{}
			for _, x := range f.current().Items {
				if x.MeetingID != 0 {
					m = f.meetingByID(x.MeetingID)
					slot = itinera.Window{Start: x.Start, End: x.End}
					break
				}
			}
			var rq itinera.Request
			step("create and send request", []string{"request create" + by, "meeting update" + by}, func() (err error) {
				rq, err = a.CreateRequest(ctx, c, itinera.Request{MeetingID: m.ID, ContactID: m.ContactID, Windows: []itinera.Window{slot}}, true)
				return err
			})
			link := linkRE.FindStringSubmatch(f.outbox()[0].TextBody)
			step("resource answers", []string{"request answer by resource via link"}, func() error {
				_, err := a.AnswerRequest(ctx, auth.HashToken(link[1]), itinera.RequestAnswer{Kind: itinera.AnswerAccept, Slot: slot})
				return err
			})
			step("confirm request", []string{"request confirm" + by, "meeting update" + by}, func() error {
				_, err := a.ConfirmRequest(ctx, c, rq.ID, slot)
				return err
			})
			step("cancel meeting", []string{"meeting cancel" + by}, func() error {
				_, err := a.CancelMeeting(ctx, c, m.ID, "")
				return err
			})
			step("set travel time", []string{"travel set travel time" + by}, func() error {
				places, err := s.Places(ctx, f.tenant.ID, itinera.DirectoryFilter{})
				must(t, err)
				_, err = a.SetTravelOverride(ctx, c, itinera.TravelOverride{ProgramID: pid, From: places[0].ID, To: places[1].ID, Minutes: 40})
				return err
			})
			var feed app.IssuedFeed
			step("issue feed", []string{"feed issue" + by}, func() (err error) {
				feed, err = a.IssueFeed(ctx, c, pid, itinera.FeedProgram, 0)
				return err
			})
			step("revoke feed", []string{"feed revoke" + by}, func() error { return a.RevokeFeed(ctx, c, feed.Feed.ID) })
			var nu app.NewUser
			step("add user", []string{"user create" + by}, func() (err error) {
				nu, err = a.AddUser(ctx, c, itinera.User{Email: "ann@demo.example.org", Name: "Ann", Role: itinera.RoleOfficer})
				return err
			})
			step("change role", []string{"user update" + by}, func() error {
				u := nu.User
				u.Role = itinera.RoleViewer
				_, err := a.UpdateUser(ctx, c, u)
				return err
			})
			var tok app.NewToken
			step("create token", []string{"token create" + by}, func() (err error) {
				tok, err = a.CreateToken(ctx, c, 0, "sync", itinera.TokenFull)
				return err
			})
			step("a change through the token", []string{"place update by API token “sync” (Demo Officer)"}, func() error {
				u, err := s.UserByAPITokenHash(ctx, auth.HashToken(tok.Secret))
				must(t, err)
				pl.Notes = "Side door"
				_, err = a.UpdatePlace(ctx, app.Caller{User: u, Site: c.Site}, pl)
				return err
			})
			step("revoke token", []string{"token revoke" + by}, func() error { return a.RevokeToken(ctx, c, tok.Token.ID) })
			step("settings", []string{"settings update" + by}, func() error {
				st, err := s.Settings(ctx, f.tenant.ID)
				must(t, err)
				st.Name = "World Affairs Council"
				_, err = a.UpdateSettings(ctx, c, st)
				return err
			})
			step("match evening", []string{"evening match" + by}, func() error {
				_, err := a.MatchEvening(ctx, c, f.evening)
				return err
			})
			step("host signs up", []string{"household sign up by host via link"}, func() error {
				_, err := a.SignUpHousehold(ctx, f.tenant.Slug, c.Site, itinera.HostHousehold{Name: "The Main household",
					Address: "100 Main Street", Lat: 38.7836, Lon: -90.4812, ContactName: "Pat Main", Email: "pat@example.org",
					Languages: []string{"English"}, Capacity: 2})
				return err
			})
			step("delete user", []string{"user delete" + by}, func() error {
				_, err := a.DeleteUser(ctx, c, nu.User.ID)
				return err
			})
			step("delete program", []string{"program delete" + by}, func() error { return a.DeleteProgram(ctx, c, p.ID) })

			// A refused change leaves no entry.
			n := len(mustLog(t, a, c))
			_, err := a.UpdateContact(ctx, c, itinera.Contact{ID: ct.ID, OrganizationID: o.ID, Name: ""})
			wantCode(t, err, itinera.EINVALID)
			if len(mustLog(t, a, c)) != n {
				t.Error("a refused change was logged")
			}

			// An update names the fields it changed, before and after.
			hist, err := a.History(ctx, c, "contact", ct.ID)
			must(t, err)
			if len(hist) != 2 || hist[0].Action != "update" || hist[0].Before["Title"] != "" || hist[0].After["Title"] != "Director" ||
				len(hist[0].After) != 1 || hist[0].UserID != c.User.ID || hist[0].At.IsZero() {
				t.Errorf("contact history %+v", hist)
			}
			if len(hist[1].Before) != 0 || hist[1].After["Name"] != "Lee Park" {
				t.Errorf("creation %+v", hist[1])
			}
			// The program's entries, by program.
			es, err := a.AuditLog(ctx, c, itinera.AuditFilter{ProgramID: p.ID})
			must(t, err)
			if len(es) < 4 {
				t.Errorf("%d entries of the new program", len(es))
			}
			for _, e := range es {
				if e.ProgramID != p.ID {
					t.Errorf("entry of program %d in the filter of %d", e.ProgramID, p.ID)
				}
			}
			// No secret is ever logged.
			for _, e := range mustLog(t, a, c) {
				for k, v := range e.After {
					if s, ok := v.(string); ok && (strings.Contains(s, tok.Secret) || k == "TokenHash") {
						t.Errorf("secret logged in %+v", e)
					}
				}
			}

			// Only administrators read the log.
			for _, role := range []itinera.Role{itinera.RoleOfficer, itinera.RoleViewer} {
				other := c
				other.User.Role = role
				_, err := a.AuditLog(ctx, other, itinera.AuditFilter{})
				wantCode(t, err, itinera.EFORBIDDEN)
				_, err = a.History(ctx, other, "contact", ct.ID)
				wantCode(t, err, itinera.EFORBIDDEN)
			}
			// Another organization's log holds none of these.
			g := mustDemoIn(t, s, "pdx")
			es, err = g.a.AuditLog(ctx, g.c, itinera.AuditFilter{})
			must(t, err)
			if len(es) != 0 {
				t.Errorf("another organization reads %d entries", len(es))
			}
			// A date range in the organization's zone.
			loc, _ := time.LoadLocation("America/Chicago")
			from, to := app.AuditDay(itinera.DateOf(storetest.Now().In(loc)), itinera.DateOf(storetest.Now().In(loc)), loc)
			if !from.Before(to) || to.Sub(from) != 24*time.Hour {
				t.Errorf("day %v – %v", from, to)
			}
		})
	}
}

func mustLog(t *testing.T, a *app.App, c app.Caller) []itinera.AuditEntry {
	t.Helper()
	es, err := a.AuditLog(ctx, c, itinera.AuditFilter{})
	must(t, err)
	return es
}

func (f *fixture) meetingByID(id int64) itinera.Meeting {
	f.t.Helper()
	m, err := f.s.Meeting(ctx, f.tenant.ID, id)
	must(f.t, err)
	return m
}

// TestSearchWorkflow: any signed-in user searches their organization; a
// wrong kind is named; secret links never show to viewers.
func TestSearchWorkflow(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			a, c := f.a, f.c
			hits, err := a.Search(ctx, c, "traff", "")
			must(t, err)
			kinds := map[itinera.SearchKind]bool{}
			for _, h := range hits {
				kinds[h.Kind] = true
			}
			if !kinds[itinera.SearchProgram] || !kinds[itinera.SearchMeeting] {
				t.Errorf("traff found kinds %v", kinds)
			}
			viewer := c
			viewer.User.Role = itinera.RoleViewer
			m := f.meeting("Reporting on trafficking")
			_, err = a.CreateRequest(ctx, c, itinera.Request{MeetingID: m.ID, ContactID: m.ContactID,
				Windows: []itinera.Window{{Start: f.program.StartDate.In(f.program.Location()).Add(10 * time.Hour),
					End: f.program.StartDate.In(f.program.Location()).Add(11 * time.Hour)}}}, true)
			must(t, err)
			for _, who := range []app.Caller{c, viewer} {
				hits, err = a.Search(ctx, who, "itinera example", itinera.SearchMessage)
				must(t, err)
				if len(hits) == 0 {
					t.Fatalf("%s found no message", who.User.Role)
				}
				for _, h := range hits {
					if linkRE.MatchString(h.Body) {
						t.Errorf("%s sees a secret link: %s", who.User.Role, h.Body)
					}
				}
			}
			// A spreadsheet's visitors and a program file's program are found
			// as soon as the import commits; an undone import's are gone.
			res, err := a.ApplyImport(ctx, c, app.ImportInput{Kind: itinera.ImportVisitors, ProgramID: f.program.ID, FileName: "v.csv",
				Data: []byte("Given name,Family name,Country,Languages\r\nQuirina,Zwetschke,Austria,German\r\n")})
			must(t, err)
			if hits, err := a.Search(ctx, c, "zwetsch", itinera.SearchVisitor); err != nil || len(hits) != 1 {
				t.Errorf("imported visitor: %v %v", hits, err)
			}
			_, err = a.UndoImport(ctx, c, res.ImportID)
			must(t, err)
			if hits, err := a.Search(ctx, c, "zwetsch", ""); err != nil || len(hits) != 0 {
				t.Errorf("undone visitor: %v %v", hits, err)
			}
			before, err := a.Search(ctx, c, f.program.Title, itinera.SearchProgram)
			must(t, err)
			file, err := a.ExportProgram(ctx, c, f.program.ID)
			must(t, err)
			_, err = a.ImportProgram(ctx, c, file)
			must(t, err)
			if after, err := a.Search(ctx, c, f.program.Title, itinera.SearchProgram); err != nil || len(after) != len(before)+1 {
				t.Errorf("program file: %d programs found, were %d (%v)", len(after), len(before), err)
			}

			_, err = a.Search(ctx, c, "x", "people")
			wantField(t, err, "kind")
			_, err = a.Search(ctx, app.Caller{}, "x", "")
			wantCode(t, err, itinera.EUNAUTHORIZED)
			for _, q := range []string{"", `"*`, "\x00", strings.Repeat("é", 500)} {
				if _, err := a.Search(ctx, c, q, ""); err != nil {
					t.Errorf("%q: %v", q, err)
				}
			}
		})
	}
}
