package app_test

import (
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/storetest"
)

var feedbackLinkRE = regexp.MustCompile(`https://itinera\.example\.org/f/([A-Za-z0-9_-]{43})`)

// movableClock is a clock the test moves.
type movableClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *movableClock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *movableClock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// feedbackMail is the feedback e-mails in the outbox, by address, with
// their links' token hashes.
func feedbackMail(t *testing.T, f *fixture) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, m := range f.outbox() {
		if !strings.Contains(m.Subject, "Your feedback") {
			continue
		}
		l := feedbackLinkRE.FindStringSubmatch(m.TextBody)
		if l == nil {
			t.Fatalf("no feedback link in %q", m.TextBody)
		}
		out[m.To] = append(out[m.To], auth.HashToken(l[1]))
	}
	return out
}

// TestFeedbackWorkflow, on both databases: feedback is refused before the
// program's last day; from then, one link goes to every visitor,
// interpreter, resource of a confirmed meeting and household of a
// confirmed evening, each once even when asked again; a visitor rates the
// meetings and a household answers; the one reminder goes, after the
// organization's delay, only to those who have not answered, with a new
// link (the old one stops), and never twice; the summary gives the
// averages per meeting and per organization.
func TestFeedbackWorkflow(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustRichDemo(t, s)
			clock := &movableClock{t: storetest.Now()}
			a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: clock.now, Hasher: cheap})
			must(t, err)
			c := f.c

			_, err = a.IssueFeedback(ctx, c, f.program.ID)
			wantCode(t, err, itinera.ECONFLICT)

			loc := f.program.Location()
			clock.set(f.program.EndDate.In(loc).Add(20 * time.Hour))
			out, err := a.IssueFeedback(ctx, c, f.program.ID)
			must(t, err)
			sum, err := a.FeedbackSummary(ctx, c, f.program.ID)
			must(t, err)
			roles := map[itinera.FeedbackRole]int{}
			for _, l := range sum.Links {
				roles[l.Role]++
			}
			vs, _ := s.Visitors(ctx, f.tenant.ID, f.program.ID)
			if roles[itinera.FeedbackVisitor] != len(vs) || roles[itinera.FeedbackResource] == 0 || roles[itinera.FeedbackHousehold] == 0 {
				t.Fatalf("links by role %v (%d visitors), issued %+v", roles, len(vs), out)
			}
			mail := feedbackMail(t, f)
			if len(mail) != out.Sent || out.Sent != len(sum.Links) {
				t.Fatalf("%d addresses mailed, %d sent, %d links", len(mail), out.Sent, len(sum.Links))
			}
			again, err := a.IssueFeedback(ctx, c, f.program.ID)
			must(t, err)
			if again.Sent != 0 || len(feedbackMail(t, f)) != len(mail) {
				t.Fatalf("asked again: %d sent", again.Sent)
			}

			var visitor, household, resource itinera.FeedbackLink
			for _, l := range sum.Links {
				switch {
				case l.Role == itinera.FeedbackVisitor && visitor.ID == 0:
					visitor = l
				case l.Role == itinera.FeedbackHousehold && household.ID == 0:
					household = l
				case l.Role == itinera.FeedbackResource && resource.ID == 0:
					resource = l
				}
			}
			hashOf := func(l itinera.FeedbackLink) string {
				for to, hs := range mail {
					if strings.Contains(to, l.Email) {
						return hs[0]
					}
				}
				t.Fatalf("no mail to %s", l.Email)
				return ""
			}
			form, err := a.OpenFeedback(ctx, hashOf(visitor))
			must(t, err)
			if len(form.Meetings) < 2 || form.Link.ID != visitor.ID {
				t.Fatalf("the visitor's form rates %d meetings", len(form.Meetings))
			}
			m1, m2 := form.Meetings[0], form.Meetings[1]
			bad := itinera.FeedbackAnswer{Rating: 9, Meetings: []itinera.MeetingRating{{MeetingID: m1.ID, Rating: 4}}}
			wantField(t, a.AnswerFeedback(ctx, hashOf(visitor), bad), "rating")
			bad = itinera.FeedbackAnswer{Rating: 4, Meetings: []itinera.MeetingRating{{MeetingID: 999999, Rating: 4}}}
			wantField(t, a.AnswerFeedback(ctx, hashOf(visitor), bad), "meetings")
			must(t, a.AnswerFeedback(ctx, hashOf(visitor), itinera.FeedbackAnswer{Rating: 4, Comment: "Well organised.",
				Meetings: []itinera.MeetingRating{{MeetingID: m1.ID, Rating: 5, Comment: "Very useful"}, {MeetingID: m2.ID, Rating: 2}}}))
			must(t, a.AnswerFeedback(ctx, hashOf(household), itinera.FeedbackAnswer{Rating: 5, HostAgain: itinera.HostAgainYes,
				Comment: "Lovely guests."}))

			// Six days on: no reminder; seven: one to each who has not answered.
			clock.set(clock.now().Add(6 * 24 * time.Hour))
			n, err := a.SendFeedbackReminders(ctx, c.Site)
			must(t, err)
			if n != 0 {
				t.Fatalf("%d reminders before the delay", n)
			}
			clock.set(clock.now().Add(25 * time.Hour))
			n, err = a.SendFeedbackReminders(ctx, c.Site)
			must(t, err)
			if n != len(sum.Links)-2 {
				t.Fatalf("%d reminders, want %d", n, len(sum.Links)-2)
			}
			if n, err = a.SendFeedbackReminders(ctx, c.Site); err != nil || n != 0 {
				t.Fatalf("a second run sent %d reminders (%v)", n, err)
			}
			after := feedbackMail(t, f)
			rs := after[findTo(after, resource.Email)]
			if len(rs) != 2 || rs[0] == rs[1] {
				t.Fatalf("the resource got %d messages", len(rs))
			}
			if _, err := a.OpenFeedback(ctx, rs[0]); err == nil { // the outbox lists the newest first
				rs[0], rs[1] = rs[1], rs[0]
			}
			if _, err := a.OpenFeedback(ctx, rs[0]); itinera.ErrorCode(err) != itinera.ENOTFOUND {
				t.Fatalf("the first link after the reminder: %v", err)
			}
			must(t, a.AnswerFeedback(ctx, rs[1], itinera.FeedbackAnswer{Rating: 3, HostAgain: itinera.HostAgainMaybe}))
			if len(after[findTo(after, household.Email)]) != 1 {
				t.Fatal("the household that answered was reminded")
			}

			sum, err = a.FeedbackSummary(ctx, c, f.program.ID)
			must(t, err)
			if sum.Answered != 3 || sum.Overall.Label() != "4.0" || sum.Hosts.Count != 2 || sum.Hosts.Label() != "4.0" {
				t.Fatalf("answered %d, overall %s, hosts %s (%d)", sum.Answered, sum.Overall.Label(), sum.Hosts.Label(), sum.Hosts.Count)
			}
			got := map[int64]string{}
			for _, m := range sum.Meetings {
				got[m.MeetingID] = m.Label()
			}
			if got[m1.ID] != "5.0" || got[m2.ID] != "2.0" {
				t.Fatalf("meeting averages %v", got)
			}
			orgs := map[int64]app.OrganizationAverage{}
			for _, o := range sum.Organizations {
				orgs[o.OrganizationID] = o
			}
			if o := orgs[m1.HostOrganizationID]; o.Meetings.Count == 0 {
				t.Fatalf("no average for %s: %+v", m1.HostOrganizationName, sum.Organizations)
			}
			if o := orgs[resource.OrganizationID]; o.Resources.Label() != "3.0" {
				t.Fatalf("resource average of %d: %+v", resource.OrganizationID, o)
			}

			// Past the expiry the link says so.
			clock.set(clock.now().Add(itinera.FeedbackLinkTTL))
			wantCode(t, a.AnswerFeedback(ctx, rs[1], itinera.FeedbackAnswer{Rating: 1}), itinera.ECONFLICT)
		})
	}
}

func findTo(m map[string][]string, email string) string {
	for to := range m {
		if strings.Contains(to, email) {
			return to
		}
	}
	return ""
}

// TestFeedbackTenantsAndRoles: another organization's program is not
// found, a viewer cannot send links, the reminder delay 0 sends none.
func TestFeedbackTenantsAndRoles(t *testing.T) {
	t.Parallel()
	s := storetest.SQLite(t)
	f := mustRichDemo(t, s)
	other, oc := mustTenant(t, s, "kc")
	clock := &movableClock{t: f.program.EndDate.In(f.program.Location()).Add(20 * time.Hour)}
	a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: clock.now, Hasher: cheap})
	must(t, err)
	_, err = other.IssueFeedback(ctx, oc, f.program.ID)
	wantCode(t, err, itinera.ENOTFOUND)
	_, err = other.FeedbackSummary(ctx, oc, f.program.ID)
	wantCode(t, err, itinera.ENOTFOUND)
	viewer := f.c
	viewer.User.Role = itinera.RoleViewer
	_, err = a.IssueFeedback(ctx, viewer, f.program.ID)
	wantCode(t, err, itinera.EFORBIDDEN)

	st, err := s.Settings(ctx, f.tenant.ID)
	must(t, err)
	st.FeedbackReminderDays = 0
	must(t, s.UpdateSettings(ctx, &st))
	_, err = a.IssueFeedback(ctx, f.c, f.program.ID)
	must(t, err)
	clock.set(clock.now().Add(30 * 24 * time.Hour))
	if n, err := a.SendFeedbackReminders(ctx, f.c.Site); err != nil || n != 0 {
		t.Fatalf("with no reminder set: %d sent (%v)", n, err)
	}
}

// TestThankYouLetters, on both databases: one action drafts a letter for
// every resource of a meeting held and household of a confirmed evening,
// from the edited template with their part filled in; the officer edits
// one; sending queues them through the outbox, each once; drafting again
// leaves the letters sent alone; another organization finds none.
func TestThankYouLetters(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustRichDemo(t, s)
			a, c := f.a, f.c
			tmpl, err := a.ThankYouTemplate(ctx, c)
			must(t, err)
			if tmpl != itinera.DefaultThankYouTemplate {
				t.Fatalf("a new organization's template: %+v", tmpl)
			}
			_, err = a.DraftThankYous(ctx, c, f.program.ID, itinera.ThankYouTemplate{Subject: "", Body: "x"})
			wantField(t, err, "subject")
			tmpl.Subject = "With thanks for {part}"
			out, err := a.DraftThankYous(ctx, c, f.program.ID, tmpl)
			must(t, err)
			ts, err := s.ThankYous(ctx, f.tenant.ID, f.program.ID)
			must(t, err)
			roles := map[itinera.FeedbackRole]int{}
			for _, x := range ts {
				roles[x.Role]++
				if !strings.HasPrefix(x.Subject, "With thanks for the ") || !strings.Contains(x.Body, "Dear "+x.Name+",") ||
					!strings.Contains(x.Body, f.program.Title) || strings.Contains(x.Body, "{") {
					t.Errorf("draft to %s: %q\n%s", x.Name, x.Subject, x.Body)
				}
			}
			if out.Drafted != len(ts) || roles[itinera.FeedbackResource] == 0 || roles[itinera.FeedbackHousehold] == 0 {
				t.Fatalf("drafted %+v: %v", out, roles)
			}
			if got, _ := a.ThankYouTemplate(ctx, c); got.Subject != tmpl.Subject {
				t.Fatalf("the template kept: %+v", got)
			}
			edited, err := a.UpdateThankYou(ctx, c, ts[0].ID, "A personal thank-you", "Dear friend,\n\nThank you.")
			must(t, err)
			if edited.Subject != "A personal thank-you" {
				t.Fatalf("edited %+v", edited)
			}
			_, err = a.UpdateThankYou(ctx, c, ts[0].ID, "", "x")
			wantField(t, err, "subject")

			before := len(f.outbox())
			n, err := a.SendThankYous(ctx, c, f.program.ID, []int64{ts[0].ID})
			must(t, err)
			if n != 1 || len(f.outbox()) != before+1 || f.outbox()[0].Subject != "A personal thank-you" {
				t.Fatalf("sent %d; outbox %d → %d", n, before, len(f.outbox()))
			}
			_, err = a.UpdateThankYou(ctx, c, ts[0].ID, "Too late", "x")
			wantCode(t, err, itinera.ECONFLICT)
			n, err = a.SendThankYous(ctx, c, f.program.ID, nil)
			must(t, err)
			if n != len(ts)-1 || len(f.outbox()) != before+len(ts) {
				t.Fatalf("sent the rest: %d", n)
			}
			if n, err := a.SendThankYous(ctx, c, f.program.ID, nil); err != nil || n != 0 {
				t.Fatalf("sent again: %d (%v)", n, err)
			}
			again, err := a.DraftThankYous(ctx, c, f.program.ID, tmpl)
			must(t, err)
			if again.Drafted != 0 || again.Sent != len(ts) {
				t.Fatalf("drafted again: %+v", again)
			}
			other, oc := mustTenant(t, s, "kc-"+name)
			_, err = other.SendThankYous(ctx, oc, f.program.ID, nil)
			wantCode(t, err, itinera.ENOTFOUND)
			_, err = other.UpdateThankYou(ctx, oc, ts[1].ID, "x", "y")
			wantCode(t, err, itinera.ENOTFOUND)
		})
	}
}

// TestFollowUpIsAudited, on both databases: recording, changing and
// deleting a collaboration, and drafting and sending thank-you letters,
// leave their entries in the audit log, with who did it.
func TestFollowUpIsAudited(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustRichDemo(t, s)
			a, c := f.a, f.c
			col, err := a.CreateCollaboration(ctx, c, itinera.Collaboration{ProgramID: f.program.ID, Kind: itinera.CollabFunding, Title: "A grant"})
			must(t, err)
			col.Status = itinera.CollabDone
			_, err = a.UpdateCollaboration(ctx, c, col)
			must(t, err)
			must(t, a.DeleteCollaboration(ctx, c, col.ID))
			_, err = a.DraftThankYous(ctx, c, f.program.ID, itinera.DefaultThankYouTemplate)
			must(t, err)
			_, err = a.SendThankYous(ctx, c, f.program.ID, nil)
			must(t, err)
			es, err := a.AuditLog(ctx, c, itinera.AuditFilter{ProgramID: f.program.ID})
			must(t, err)
			seen := map[string]bool{}
			for _, e := range es {
				if e.Actor == c.User.Name {
					seen[e.Kind+" "+e.Action] = true
				}
			}
			for _, want := range []string{"collaboration create", "collaboration update", "collaboration delete",
				"program thank-you letters drafted", "thank-you letter sent"} {
				if !seen[want] {
					t.Errorf("no %q in the log: %v", want, seen)
				}
			}
		})
	}
}
