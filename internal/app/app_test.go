package app_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/demo"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

var ctx = context.Background()

// fixture is the demo program in a store of each kind, with the
// application layer on it.
type fixture struct {
	t       testing.TB
	s       *store.Store
	a       *app.App
	c       app.Caller // the demo's administrator
	tenant  itinera.Tenant
	program itinera.Program
	evening int64
}

var cheap = auth.PasswordHasher{Memory: 1024, Time: 1, Threads: 1}

func mustDemo(t testing.TB, s *store.Store) *fixture {
	t.Helper()
	return mustDemoIn(t, s, "")
}

// mustDemoIn loads the demo into another organization of s, named slug
// ("" for the demo's own).
func mustDemoIn(t testing.TB, s *store.Store, slug string) *fixture {
	t.Helper()
	f := &fixture{t: t, s: s, tenant: demo.Tenant()}
	email := "officer@demo.example.org"
	if slug != "" {
		f.tenant.Slug, f.tenant.Name, email = slug, "Organization "+slug, "officer@"+slug+".example.org"
	}
	must(t, s.CreateTenant(ctx, &f.tenant))
	pid, err := demo.Load(ctx, s.Services(), f.tenant.ID, storetest.Now())
	must(t, err)
	if f.evening, err = demo.LoadHospitality(ctx, s.Services(), f.tenant.ID, pid); err != nil {
		t.Fatal(err)
	}
	if f.program, err = s.Program(ctx, f.tenant.ID, pid); err != nil {
		t.Fatal(err)
	}
	admin := itinera.User{TenantID: f.tenant.ID, Email: email, Name: "Demo Officer", Role: itinera.RoleAdmin}
	h, _ := cheap.Hash("correct horse battery staple")
	must(t, s.CreateUser(ctx, &admin, h))
	if f.a, err = app.New(app.Config{Store: s.Services(), Tx: s, Now: storetest.Now, Hasher: cheap}); err != nil {
		t.Fatal(err)
	}
	f.c = app.Caller{User: admin, Site: "https://itinera.example.org"}
	return f
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if itinera.ErrorCode(err) != code {
		t.Fatalf("error %v, want code %s", err, code)
	}
}

func wantField(t *testing.T, err error, field string) {
	t.Helper()
	if itinera.ErrorCode(err) != itinera.EINVALID || itinera.ErrorFields(err)[field] == "" {
		t.Fatalf("error %v, want a message on %s", err, field)
	}
}

func (f *fixture) meeting(title string) itinera.Meeting {
	f.t.Helper()
	ms, err := f.s.Meetings(ctx, f.tenant.ID, f.program.ID)
	must(f.t, err)
	for _, m := range ms {
		if strings.Contains(m.Title, title) {
			return m
		}
	}
	f.t.Fatalf("no meeting %q", title)
	return itinera.Meeting{}
}

func (f *fixture) outbox() []itinera.OutboxMessage {
	f.t.Helper()
	msgs, err := f.s.OutboxMessages(ctx, f.tenant.ID, itinera.OutboxFilter{Limit: 500})
	must(f.t, err)
	return msgs
}

func (f *fixture) current() itinera.Itinerary {
	f.t.Helper()
	it, err := f.s.CurrentItinerary(ctx, f.tenant.ID, f.program.ID)
	must(f.t, err)
	return it
}

var linkRE = regexp.MustCompile(`https://itinera\.example\.org/r/([A-Za-z0-9_-]{43})`)

// TestWorkflows runs the program officer's workflows, and the resource's
// answer, through the application layer on SQLite and PostgreSQL: the
// engine's plan applied, a request created and sent in one step, answered
// and confirmed, the place of the confirmed meeting changed, the meeting
// cancelled; every notice is in the outbox, every step a new itinerary
// version where it should be.
func TestWorkflows(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			a, c := f.a, f.c

			// Plan and apply; an old digest is refused with the new proposal.
			pl, err := a.Propose(ctx, c, f.program.ID, nil)
			must(t, err)
			applied, err := a.ApplyPlan(ctx, c, f.program.ID, nil, pl.Digest)
			must(t, err)
			if applied.Itinerary.Version != pl.Version+1 || len(applied.Itinerary.Items) == 0 {
				t.Fatalf("applied version %d with %d items", applied.Itinerary.Version, len(applied.Itinerary.Items))
			}
			stale, err := a.ApplyPlan(ctx, c, f.program.ID, nil, pl.Digest)
			wantCode(t, err, itinera.ECONFLICT)
			if stale.Proposal == nil || stale.Digest == pl.Digest {
				t.Fatal("a stale apply did not return the new proposal")
			}
			_, err = a.ApplyPlan(ctx, c, f.program.ID, map[string]time.Time{"m999999": time.Now()}, stale.Digest)
			wantField(t, err, "pins")

			// A request created and sent in one transaction.
			m := f.meeting("Reporting on trafficking")
			var slot itinera.Window
			for _, x := range applied.Itinerary.Items {
				if x.MeetingID == m.ID {
					slot = itinera.Window{Start: x.Start, End: x.End}
				}
			}
			if slot.Start.IsZero() {
				t.Fatal("the Post-Dispatch meeting is not in the itinerary")
			}
			before := len(f.outbox())
			rq, err := a.CreateRequest(ctx, c, itinera.Request{MeetingID: m.ID, ContactID: m.ContactID, Message: "Would you meet them?",
				Windows: []itinera.Window{slot}}, true)
			must(t, err)
			if rq.Status != itinera.RequestSent {
				t.Fatalf("request %s, want sent", rq.Status)
			}
			msgs := f.outbox()
			if len(msgs) != before+1 {
				t.Fatalf("%d messages queued, want 1", len(msgs)-before)
			}
			link := linkRE.FindStringSubmatch(msgs[0].TextBody)
			if link == nil {
				t.Fatalf("no link in the request e-mail:\n%s", msgs[0].TextBody)
			}

			// The resource opens the link and accepts; the officer confirms.
			hash := auth.HashToken(link[1])
			opened, err := a.OpenRequest(ctx, hash)
			must(t, err)
			if opened.ID != rq.ID || opened.Status != itinera.RequestViewed {
				t.Fatalf("opened %d %s", opened.ID, opened.Status)
			}
			_, err = a.AnswerRequest(ctx, hash, itinera.RequestAnswer{Kind: itinera.AnswerAccept, Slot: slot})
			must(t, err)
			conf, err := a.ConfirmRequest(ctx, c, rq.ID, slot)
			must(t, err)
			if !conf.IsConfirmed() {
				t.Fatal("not confirmed")
			}
			msgs = f.outbox()
			if msgs[0].CalendarMethod != "REQUEST" || !strings.Contains(msgs[0].Calendar, "SEQUENCE:") {
				t.Fatalf("confirmation: %q %q", msgs[0].Subject, msgs[0].CalendarMethod)
			}
			_, err = a.CreateRequest(ctx, c, itinera.Request{MeetingID: m.ID, ContactID: m.ContactID, Windows: []itinera.Window{slot}}, false)
			wantCode(t, err, itinera.ECONFLICT)

			// Moving the confirmed meeting to another place: a new version and an update.
			v := f.current().Version
			places, err := s.Places(ctx, f.tenant.ID, itinera.DirectoryFilter{})
			must(t, err)
			m = f.meeting("Reporting on trafficking")
			for _, p := range places {
				if p.ID != m.PlaceID && p.Kind == itinera.PlaceVenue {
					m.PlaceID = p.ID
					break
				}
			}
			res, err := a.UpdateMeeting(ctx, c, m)
			must(t, err)
			if res.Notified != 1 || f.current().Version != v+1 {
				t.Fatalf("place change: %d told, version %d (was %d)", res.Notified, f.current().Version, v)
			}
			if got := f.outbox()[0]; !strings.HasPrefix(got.Subject, "Changed:") || got.CalendarMethod != "REQUEST" {
				t.Fatalf("update: %q %q", got.Subject, got.CalendarMethod)
			}

			// Cancelling: out of the itinerary in a new version, a CANCEL with the reason.
			cres, err := a.CancelMeeting(ctx, c, m.ID, "The newsroom moved the interview to next month.")
			must(t, err)
			if cres.Meeting.Status != itinera.MeetingCancelled || cres.Notified != 1 {
				t.Fatalf("cancel: %s, %d told", cres.Meeting.Status, cres.Notified)
			}
			for _, x := range f.current().Items {
				if x.MeetingID == m.ID {
					t.Fatal("the cancelled meeting is still in the itinerary")
				}
			}
			if got := f.outbox()[0]; got.CalendarMethod != "CANCEL" || !strings.Contains(got.TextBody, "next month") {
				t.Fatalf("cancellation: %q %q", got.CalendarMethod, got.TextBody)
			}
			wantCode(t, a.DeleteMeeting(ctx, c, m.ID), itinera.ECONFLICT)
			_, err = a.CancelMeeting(ctx, c, m.ID, "")
			wantCode(t, err, itinera.ECONFLICT)
		})
	}
}

// TestRulesLiveInTheApplicationLayer: the rules the web forms used to
// check are refused here, whoever calls.
func TestRulesLiveInTheApplicationLayer(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			a, c := f.a, f.c
			m := f.meeting("Gateway Human Trafficking")
			other := f.meeting("Reporting on trafficking")

			// The contact works at the host organization.
			bad := m
			bad.ContactID = other.ContactID
			_, err := a.UpdateMeeting(ctx, c, bad)
			wantField(t, err, "contact_id")

			// Windows fall on the program's days.
			bad = m
			loc := f.program.Location()
			day := f.program.EndDate.AddDays(3)
			bad.Windows = []itinera.Window{{Start: day.At(9*60, loc), End: day.At(12*60, loc)}}
			_, err = a.UpdateMeeting(ctx, c, bad)
			wantField(t, err, "windows")

			// A record of another tenant is not found, and references to it are wrong fields.
			other2 := itinera.Tenant{Slug: "kc", Name: "Kansas City", TimeZone: "America/Chicago"}
			must(t, s.CreateTenant(ctx, &other2))
			kc := app.Caller{User: itinera.User{ID: c.User.ID, TenantID: other2.ID, Role: itinera.RoleAdmin}, Site: c.Site}
			_, err = a.UpdateMeeting(ctx, kc, m)
			wantCode(t, err, itinera.ENOTFOUND)
			_, err = a.CancelMeeting(ctx, kc, m.ID, "")
			wantCode(t, err, itinera.ENOTFOUND)

			// Viewers change nothing.
			viewer := c
			viewer.User.Role = itinera.RoleViewer
			_, err = a.CancelMeeting(ctx, viewer, m.ID, "")
			wantCode(t, err, itinera.EFORBIDDEN)

			// Create-and-send is all or nothing: a contact without e-mail
			// leaves no draft behind.
			ct, err := s.Contact(ctx, f.tenant.ID, m.ContactID)
			must(t, err)
			ct.Email = ""
			_, err = a.UpdateContact(ctx, c, ct)
			must(t, err)
			rqsBefore, _ := s.Requests(ctx, f.tenant.ID, f.program.ID)
			_, err = a.CreateRequest(ctx, c, itinera.Request{MeetingID: m.ID, ContactID: m.ContactID, Windows: m.Windows}, true)
			wantCode(t, err, itinera.EINVALID)
			if rqsAfter, _ := s.Requests(ctx, f.tenant.ID, f.program.ID); len(rqsAfter) != len(rqsBefore) {
				t.Fatalf("%d requests after a failed create-and-send, want %d", len(rqsAfter), len(rqsBefore))
			}

			// A meeting with no history can be deleted; the day's lunch
			// must lie inside the day.
			fresh, err := a.CreateMeeting(ctx, c, itinera.Meeting{ProgramID: f.program.ID, Title: "Extra", HostOrganizationID: m.HostOrganizationID,
				DurationMinutes: 60, Priority: 3})
			must(t, err)
			must(t, a.DeleteMeeting(ctx, c, fresh.ID))
		})
	}
}

// TestHospitalityEveningWorkflow: the evening's matching run, a guest
// moved (and locked), the evening confirmed with its notices, on both
// databases.
func TestHospitalityEveningWorkflow(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			a, c := f.a, f.c
			ev, err := a.MatchEvening(ctx, c, f.evening)
			must(t, err)
			if len(ev.Result.Unplaced) != 0 {
				t.Fatalf("unplaced: %v", ev.Result.Unplaced)
			}
			before := len(f.outbox())
			out, err := a.ConfirmEvening(ctx, c, f.evening)
			must(t, err)
			if len(out.Notices) == 0 || out.Hosts == 0 || len(f.outbox()) != before+len(out.Notices) {
				t.Fatalf("confirmed: %d notices, %d hosts, %d messages", len(out.Notices), out.Hosts, len(f.outbox())-before)
			}
			// Moving a guest to a household that is not invited is a wrong field.
			_, err = a.MoveGuest(ctx, c, f.evening, ev.Records.Visitors[0].ID, 999999)
			wantField(t, err, "household_id")
			_, err = a.InviteHouseholds(ctx, c, f.evening, nil)
			wantField(t, err, "household_ids")
			_, err = a.InviteHouseholds(ctx, c, 999999, []int64{1})
			wantCode(t, err, itinera.ENOTFOUND)
		})
	}
}

// TestFeedsUsersAndTokens: a feed's address is returned once and revoked;
// users and tokens are an administrator's.
func TestFeedsUsersAndTokens(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			a, c := f.a, f.c
			vs, err := s.Visitors(ctx, f.tenant.ID, f.program.ID)
			must(t, err)
			feed, err := a.IssueFeed(ctx, c, f.program.ID, itinera.FeedVisitor, vs[0].ID)
			must(t, err)
			if !strings.HasPrefix(feed.URL, "https://itinera.example.org/feeds/") || !strings.HasPrefix(feed.Webcal, "webcal://") {
				t.Fatalf("feed %q %q", feed.URL, feed.Webcal)
			}
			token := strings.TrimSuffix(strings.TrimPrefix(feed.URL, "https://itinera.example.org/feeds/"), ".ics")
			if _, err := s.FeedByTokenHash(ctx, auth.HashToken(token)); err != nil {
				t.Fatalf("the feed's address does not work: %v", err)
			}
			must(t, a.RevokeFeed(ctx, c, feed.Feed.ID))
			if _, err := s.FeedByTokenHash(ctx, auth.HashToken(token)); itinera.ErrorCode(err) != itinera.ENOTFOUND {
				t.Fatalf("a revoked feed still works: %v", err)
			}
			_, err = a.IssueFeed(ctx, c, f.program.ID, itinera.FeedVisitor, 999999)
			wantField(t, err, "subject_id")

			nu, err := a.AddUser(ctx, c, itinera.User{Email: "Associate@Demo.example.org", Name: "Associate", Role: itinera.RoleOfficer})
			must(t, err)
			if nu.Password == "" || nu.User.Email != "associate@demo.example.org" {
				t.Fatalf("new user %+v", nu)
			}
			officer := app.Caller{User: nu.User, Site: c.Site}
			_, err = a.AddUser(ctx, officer, itinera.User{Email: "x@demo.example.org", Role: itinera.RoleAdmin})
			wantCode(t, err, itinera.EFORBIDDEN)
			tok, err := a.CreateToken(ctx, officer, 0, "sync", "")
			must(t, err)
			if u, err := s.UserByAPITokenHash(ctx, auth.HashToken(tok.Secret)); err != nil || u.ID != nu.User.ID {
				t.Fatalf("token user %v %v", u, err)
			}
			_, err = a.CreateToken(ctx, officer, c.User.ID, "not mine", "")
			wantCode(t, err, itinera.EFORBIDDEN)
			must(t, a.RevokeToken(ctx, officer, tok.Token.ID))
			_, err = a.DeleteUser(ctx, c, c.User.ID)
			wantCode(t, err, itinera.ECONFLICT)
			_, err = a.DeleteUser(ctx, c, nu.User.ID)
			must(t, err)
		})
	}
}
