package app_test

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/storetest"
)

// clock is a settable clock for the tests that need time to pass.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// withClock is the fixture's application layer on clk.
func (f *fixture) withClock(t *testing.T, clk *clock) *app.App {
	t.Helper()
	a, err := app.New(app.Config{Store: f.s.Services(), Tx: f.s, Now: clk.Now, Hasher: cheap})
	must(t, err)
	return a
}

var resetRE = regexp.MustCompile(`https://itinera\.example\.org/password/reset/([A-Za-z0-9_-]{43})`)

// resetLink is the token of the newest reset letter to email.
func (f *fixture) resetLink(t *testing.T, email string) (string, itinera.OutboxMessage) {
	t.Helper()
	for _, m := range f.outbox() {
		if strings.Contains(m.To, email) && strings.Contains(m.Subject, "new password") {
			if l := resetRE.FindStringSubmatch(m.TextBody); l != nil {
				return l[1], m
			}
		}
	}
	t.Fatalf("no reset letter to %s", email)
	return "", itinera.OutboxMessage{}
}

// TestPasswordResetByLink: the same answer for a known and an unknown
// address; a single-use link, stored hashed, that a new one replaces and
// that expires after an hour; the new password under the password rules;
// every session ended; limits per account and per client address.
func TestPasswordResetByLink(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			clk := &clock{t: storetest.Now()}
			a := f.withClock(t, clk)
			site, email := "https://itinera.example.org", f.c.User.Email

			before := len(f.outbox())
			must(t, a.RequestPasswordReset(ctx, site, "nobody@nowhere.example", "192.0.2.1"))
			if n := len(f.outbox()); n != before {
				t.Fatalf("%d letters for an unknown address", n-before)
			}
			wantField(t, a.RequestPasswordReset(ctx, site, "not an address", "192.0.2.1"), "email")

			must(t, a.RequestPasswordReset(ctx, site, " Officer@Demo.example.org ", "192.0.2.1"))
			first, m := f.resetLink(t, email)
			if !strings.Contains(m.TextBody, "until Monday 2 November 10:00 CST") || !strings.Contains(m.HTMLBody, first) {
				t.Errorf("the letter does not say when the link ends:\n%s", m.TextBody)
			}
			if _, err := s.UserByPasswordReset(ctx, first, clk.Now()); itinera.ErrorCode(err) != itinera.ENOTFOUND {
				t.Error("the token is stored as it is, not hashed")
			}
			u, err := a.PasswordResetLink(ctx, first)
			must(t, err)
			if u.ID != f.c.User.ID {
				t.Fatalf("link of user %d", u.ID)
			}

			// A new link replaces the first.
			clk.Add(time.Minute)
			must(t, a.RequestPasswordReset(ctx, site, email, "192.0.2.1"))
			second, _ := f.resetLink(t, email)
			if second == first {
				t.Fatal("the same link twice")
			}
			_, err = a.PasswordResetLink(ctx, first)
			wantCode(t, err, itinera.ENOTFOUND)
			_, err = a.PasswordResetLink(ctx, "garbage")
			wantCode(t, err, itinera.ENOTFOUND)

			// A session of the user, which the reset ends.
			sessionHash := auth.HashToken("session-of-the-officer")
			must(t, s.CreateSession(ctx, &itinera.Session{TokenHash: sessionHash, UserID: u.ID, CSRFToken: "x",
				ExpiresAt: clk.Now().Add(time.Hour)}))

			_, err = a.ResetPasswordWithLink(ctx, second, "password1234")
			wantField(t, err, "new_password")
			_, err = a.ResetPasswordWithLink(ctx, second, "ferry lantern quietly orbit")
			must(t, err)
			if _, _, err := s.SessionByTokenHash(ctx, sessionHash, clk.Now()); itinera.ErrorCode(err) != itinera.ENOTFOUND {
				t.Errorf("the session outlived the reset: %v", err)
			}
			_, hash, err := s.UserByEmail(ctx, email)
			must(t, err)
			if ok, _ := auth.VerifyPassword(hash, "ferry lantern quietly orbit"); !ok {
				t.Error("the new password does not sign in")
			}
			_, err = a.ResetPasswordWithLink(ctx, second, "another fine phrase of words")
			wantCode(t, err, itinera.ENOTFOUND)

			// An hour later the link no longer works.
			must(t, a.RequestPasswordReset(ctx, site, email, "192.0.2.2"))
			third, _ := f.resetLink(t, email)
			clk.Add(itinera.PasswordResetTTL)
			_, err = a.ResetPasswordWithLink(ctx, third, "yet another fine phrase")
			wantCode(t, err, itinera.ENOTFOUND)
		})
	}
}

// TestPasswordResetLimits: three letters per account, then one every 20
// minutes, counted alike for unknown addresses; ten per client address.
func TestPasswordResetLimits(t *testing.T) {
	t.Parallel()
	f := mustDemo(t, storetest.Default(t))
	clk := &clock{t: storetest.Now()}
	a := f.withClock(t, clk)
	site := "https://itinera.example.org"
	for _, email := range []string{f.c.User.Email, "nobody@nowhere.example"} {
		for i := range 3 {
			must(t, a.RequestPasswordReset(ctx, site, email, "192.0.2.9"))
			_ = i
		}
		wantCode(t, a.RequestPasswordReset(ctx, site, email, "192.0.2.9"), itinera.ETOOMANY)
	}
	clk.Add(20 * time.Minute)
	must(t, a.RequestPasswordReset(ctx, site, f.c.User.Email, "192.0.2.10"))
	// One address asking for many accounts.
	for i := range 10 {
		must(t, a.RequestPasswordReset(ctx, site, strings.Repeat("x", i+1)+"@nowhere.example", "198.51.100.7"))
	}
	wantCode(t, a.RequestPasswordReset(ctx, site, "other@nowhere.example", "198.51.100.7"), itinera.ETOOMANY)
}

// TestChangeName: users name themselves; the rules of a name hold and a
// stale form is refused.
func TestChangeName(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			old, err := s.User(ctx, f.tenant.ID, f.c.User.ID)
			must(t, err)
			u, err := f.a.ChangeName(ctx, f.c, "  Dana Price ", old.Version)
			must(t, err)
			if u.Name != "Dana Price" || u.Version != old.Version+1 || u.Role != old.Role || u.Email != old.Email {
				t.Fatalf("after: %+v", u)
			}
			if es := mustLog(t, f.a, f.c); len(es) == 0 || es[0].Kind != "user" || es[0].RecordID != u.ID || es[0].After["Name"] != "Dana Price" {
				t.Errorf("the new name is not in the audit log: %+v", es[:min(1, len(es))])
			}
			must(t, f.a.SetDailyDigest(ctx, f.c, true))
			if es := mustLog(t, f.a, f.c); len(es) == 0 || es[0].After["DailyDigest"] != true {
				t.Errorf("the digest setting is not in the audit log: %+v", es[:min(1, len(es))])
			}
			_, err = f.a.ChangeName(ctx, f.c, "Dana", old.Version)
			wantCode(t, err, itinera.ESTALE)
			_, err = f.a.ChangeName(ctx, f.c, strings.Repeat("n", 201), 0)
			wantField(t, err, "name")
			_, err = f.a.ChangeName(ctx, app.Caller{}, "Nobody", 0)
			wantCode(t, err, itinera.EUNAUTHORIZED)
		})
	}
}

// TestSignInIsRecorded: each sign-in moves the latest to "last".
func TestSignInIsRecorded(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			clk := &clock{t: storetest.Now()}
			a := f.withClock(t, clk)
			u, err := a.RecordSignIn(ctx, f.c.User.ID)
			must(t, err)
			if !u.LastSignedInAt.IsZero() || !u.SignedInAt.Equal(clk.Now()) {
				t.Fatalf("first sign-in: %v, %v", u.SignedInAt, u.LastSignedInAt)
			}
			first := clk.Now()
			clk.Add(26 * time.Hour)
			u, err = a.RecordSignIn(ctx, f.c.User.ID)
			must(t, err)
			if !u.LastSignedInAt.Equal(first) || !u.SignedInAt.Equal(clk.Now()) {
				t.Fatalf("second sign-in: %v, last %v", u.SignedInAt, u.LastSignedInAt)
			}
		})
	}
}

// TestTokenAccess: a read-only token acts as a viewer, whatever its
// owner's role; its use is recorded; a bad access level names the field.
func TestTokenAccess(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			ro, err := f.a.CreateToken(ctx, f.c, 0, "reports", itinera.TokenRead)
			must(t, err)
			full, err := f.a.CreateToken(ctx, f.c, 0, "sync", "")
			must(t, err)
			_, err = f.a.CreateToken(ctx, f.c, 0, "odd", "write-ish")
			wantField(t, err, "access")
			u, err := f.a.AuthenticateToken(ctx, auth.HashToken(ro.Secret))
			must(t, err)
			if u.Role != itinera.RoleViewer || u.ID != f.c.User.ID {
				t.Errorf("read-only token acts as %s %d", u.Role, u.ID)
			}
			u, err = f.a.AuthenticateToken(ctx, auth.HashToken(full.Secret))
			must(t, err)
			if u.Role != itinera.RoleAdmin {
				t.Errorf("full token acts as %s", u.Role)
			}
			ts, err := s.APITokens(ctx, f.tenant.ID)
			must(t, err)
			for _, tk := range ts {
				want := map[int64]itinera.TokenAccess{ro.Token.ID: itinera.TokenRead, full.Token.ID: itinera.TokenFull}[tk.ID]
				if tk.Access != want || tk.LastUsedAt.IsZero() {
					t.Errorf("token %d: access %q, last used %v", tk.ID, tk.Access, tk.LastUsedAt)
				}
			}
			must(t, f.a.RevokeToken(ctx, f.c, ro.Token.ID))
			_, err = f.a.AuthenticateToken(ctx, auth.HashToken(ro.Secret))
			wantCode(t, err, itinera.ENOTFOUND)
		})
	}
}

// alertsFixture makes, in f's organization: a resource's answer, a request
// left unanswered past its reply-by date and a message that failed for
// good. It returns the two requests and the message.
func alertsFixture(t *testing.T, f *fixture, a *app.App) (answered, overdue itinera.Request, failed int64) {
	t.Helper()
	pl, err := a.Propose(ctx, f.c, f.program.ID, nil)
	must(t, err)
	applied, err := a.ApplyPlan(ctx, f.c, f.program.ID, nil, pl.Digest)
	must(t, err)
	var made []itinera.Request
	for _, title := range []string{"Reporting on trafficking", "Washington University"} {
		m := f.meeting(title)
		var slot itinera.Window
		for _, x := range applied.Itinerary.Items {
			if x.MeetingID == m.ID {
				slot = itinera.Window{Start: x.Start, End: x.End}
			}
		}
		rq, err := a.CreateRequest(ctx, f.c, itinera.Request{MeetingID: m.ID, ContactID: m.ContactID, Windows: []itinera.Window{slot}}, true)
		must(t, err)
		made = append(made, rq)
	}
	link := linkRE.FindStringSubmatch(f.outbox()[1].TextBody)
	if link == nil {
		t.Fatal("no link in the first request")
	}
	_, err = a.AnswerRequest(ctx, auth.HashToken(link[1]), itinera.RequestAnswer{Kind: itinera.AnswerDecline, Reason: "Away that week"})
	must(t, err)
	claimed, err := f.s.ClaimDue(ctx, storetest.Now().Add(time.Hour), time.Minute, 1000)
	must(t, err)
	for _, m := range claimed {
		if m.TenantID == f.tenant.ID {
			failed = m.ID
			must(t, f.s.MarkFailed(ctx, m.ID, itinera.OutboxFailure{At: storetest.Now().Add(time.Hour), Reason: "mailbox unknown", Permanent: true}))
			break
		}
	}
	return made[0], made[1], failed
}

func findAlert(items []itinera.Alert, kind itinera.AlertKind, id int64) bool {
	for _, n := range items {
		if n.Kind == kind && n.SubjectID == id {
			return true
		}
	}
	return false
}

// TestAlerts: the bell lists a resource's answer, a request past its
// reply-by date and a failed message, each linking to its page, only to
// its own organization; marking them read leaves later ones new.
func TestAlerts(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			other := mustDemoIn(t, s, "elsewhere")
			clk := &clock{t: storetest.Now()}
			a := f.withClock(t, clk)
			otherBefore, err := other.a.Alerts(ctx, other.c)
			must(t, err)

			answered, overdue, failed := alertsFixture(t, f, a)
			// A host household answers its invitation to the evening.
			hs, err := s.Households(ctx, f.tenant.ID, itinera.HouseholdFilter{Status: itinera.HouseholdApproved})
			must(t, err)
			if len(hs) == 0 {
				t.Fatal("no approved household in the demo")
			}
			_, err = a.InviteHouseholds(ctx, f.c, f.evening, []int64{hs[0].ID})
			must(t, err)
			hostLink := regexp.MustCompile(`/h/([A-Za-z0-9_-]{43})`).FindStringSubmatch(f.outbox()[0].TextBody)
			if hostLink == nil {
				t.Fatalf("no personal link in the invitation:\n%s", f.outbox()[0].TextBody)
			}
			must(t, a.AnswerInvitation(ctx, auth.HashToken(hostLink[1]), f.evening, itinera.HostAnswer{Answer: itinera.AnswerYes}))

			clk.Add(itinera.DefaultRequestTTL + time.Hour)
			al, err := a.Alerts(ctx, f.c)
			must(t, err)
			if !findAlert(al.Items, itinera.AlertAnswer, answered.ID) || !findAlert(al.Items, itinera.AlertOverdue, overdue.ID) ||
				!findAlert(al.Items, itinera.AlertFailed, failed) || findAlert(al.Items, itinera.AlertOverdue, answered.ID) ||
				!findAlert(al.Items, itinera.AlertHost, f.evening) {
				t.Fatalf("alerts: %+v", al.Items)
			}
			for _, n := range al.Items {
				if n.Kind == itinera.AlertHost && (!strings.Contains(n.Text(), hs[0].Name+" can host an evening of") || n.Path() != "/evenings/"+itoa(f.evening)) {
					t.Errorf("host alert %q → %s", n.Text(), n.Path())
				}
			}
			if al.Unread != len(al.Items) {
				t.Errorf("%d unread of %d", al.Unread, len(al.Items))
			}
			for _, n := range al.Items {
				if n.Kind == itinera.AlertAnswer && n.SubjectID == answered.ID {
					if !strings.Contains(n.Text(), "declined the request for") || n.Path() != "/requests/"+itoa(answered.ID) {
						t.Errorf("answer alert %q → %s", n.Text(), n.Path())
					}
				}
			}

			otherAfter, err := other.a.Alerts(ctx, other.c)
			must(t, err)
			if len(otherAfter.Items) != len(otherBefore.Items) || findAlert(otherAfter.Items, itinera.AlertFailed, failed) {
				t.Errorf("another organization sees %d alerts, before %d", len(otherAfter.Items), len(otherBefore.Items))
			}

			// Another user of the organization, whose marks are their own.
			colleague := itinera.User{TenantID: f.tenant.ID, Email: "colleague@demo.example.org", Role: itinera.RoleViewer}
			h, _ := cheap.Hash("correct horse battery staple")
			must(t, s.CreateUser(ctx, &colleague, h))
			must(t, a.MarkAlertsRead(ctx, f.c, time.Time{}))
			al, err = a.Alerts(ctx, f.c)
			must(t, err)
			if al.Unread != 0 {
				t.Errorf("%d unread after marking them read", al.Unread)
			}
			if theirs, err := a.Alerts(ctx, app.Caller{User: colleague}); err != nil || theirs.Unread != len(theirs.Items) || theirs.Unread == 0 {
				t.Errorf("the colleague's: %d unread of %d, %v", theirs.Unread, len(theirs.Items), err)
			}
			if other, err := other.a.Alerts(ctx, other.c); err != nil || other.Unread != otherBefore.Unread {
				t.Errorf("marking read reached another organization: %d, %v", other.Unread, err)
			}
		})
	}
}

// TestDailyDigest: a user who asks for it gets, the next morning, one
// digest of the day's notifications through the outbox, and never a
// second for the same day; a day without notifications sends nothing;
// users who did not ask get nothing.
func TestDailyDigest(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			clk := &clock{t: storetest.Now()}
			a := f.withClock(t, clk)
			site := "https://itinera.example.org"
			answered, _, failed := alertsFixture(t, f, a)

			must(t, a.SetDailyDigest(ctx, f.c, true))
			// Monday 2 November, 09:00 CST: nothing of the day is over yet, and
			// Sunday had no notifications.
			n, err := a.SendDigests(ctx, site)
			must(t, err)
			if n != 0 {
				t.Fatalf("%d digests for a day without notifications", n)
			}
			clk.Add(22 * time.Hour) // Tuesday 07:00 CST
			before := len(f.outbox())
			n, err = a.SendDigests(ctx, site)
			must(t, err)
			if n != 1 || len(f.outbox()) != before+1 {
				t.Fatalf("%d digests queued, %d messages", n, len(f.outbox())-before)
			}
			m := f.outbox()[0]
			if !strings.Contains(m.To, f.c.User.Email) || !strings.Contains(m.Subject, "of Monday 2 November 2026") ||
				!strings.Contains(m.TextBody, site+"/requests/"+itoa(answered.ID)) || !strings.Contains(m.TextBody, site+"/outbox/"+itoa(failed)) ||
				!strings.Contains(m.TextBody, site+"/account") || !strings.Contains(m.TextBody, " CST: ") {
				t.Fatalf("digest %q:\n%s", m.Subject, m.TextBody)
			}
			clk.Add(3 * time.Hour)
			if n, err = a.SendDigests(ctx, site); err != nil || n != 0 {
				t.Fatalf("a second digest of the same day: %d, %v", n, err)
			}
			clk.Add(24 * time.Hour) // Wednesday: Tuesday had nothing
			if n, err = a.SendDigests(ctx, site); err != nil || n != 0 {
				t.Fatalf("a digest of a quiet day: %d, %v", n, err)
			}
			must(t, a.SetDailyDigest(ctx, f.c, false))
			u, err := s.User(ctx, f.tenant.ID, f.c.User.ID)
			must(t, err)
			if u.DailyDigest {
				t.Error("the digest is still on")
			}
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
