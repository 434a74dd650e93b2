package app_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/storetest"
)

var followUpLinkRE = regexp.MustCompile(`https://itinera\.example\.org/o/([A-Za-z0-9_-]{43})`)

// followUpMail is the follow-up e-mails in the outbox, by address, with
// their subjects and links' token hashes.
func followUpMail(t *testing.T, f *fixture) map[string][]itinera.OutboxMessage {
	t.Helper()
	out := map[string][]itinera.OutboxMessage{}
	for _, m := range f.outbox() {
		if followUpLinkRE.MatchString(m.TextBody) {
			out[m.To] = append(out[m.To], m)
		}
	}
	return out
}

func followUpHash(t *testing.T, m itinera.OutboxMessage) string {
	t.Helper()
	l := followUpLinkRE.FindStringSubmatch(m.TextBody)
	if l == nil {
		t.Fatalf("no follow-up link in %q", m.TextBody)
	}
	return auth.HashToken(l[1])
}

// TestFollowUpLinks, on both databases: nothing goes before the first
// step of the schedule; on its day each visitor (in the program's
// language) and each resource contact of a meeting held gets one link;
// a second run and a restarted server send nothing again; past the grace
// the step is skipped; the next step sends new links. A visitor records
// what followed naming an organization the delegation met (and one it did
// not, left out), a resource says "nothing yet" then records one with
// visitors; an expired link refuses; a token of nothing is not found.
func TestFollowUpLinks(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustRichDemo(t, s)
			p := f.program
			p.Language = "fr"
			must(t, s.UpdateProgram(ctx, &p))
			loc := p.Location()
			clock := &movableClock{t: p.EndDate.AddDays(60).At(itinera.Clock(10*60), loc)}
			newApp := func() *app.App {
				a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: clock.now, Hasher: cheap})
				must(t, err)
				return a
			}
			a := newApp()
			if n, err := a.SendFollowUps(ctx, f.c.Site); err != nil || n != 0 {
				t.Fatalf("two months after: %d sent (%v)", n, err)
			}
			clock.set(itinera.FollowUpDay(p.EndDate, 3).At(itinera.Clock(9*60), loc))
			n, err := a.SendFollowUps(ctx, f.c.Site)
			must(t, err)
			vs, err := s.Visitors(ctx, f.tenant.ID, p.ID)
			must(t, err)
			links, err := s.FollowUpLinks(ctx, f.tenant.ID, p.ID)
			must(t, err)
			roles := map[itinera.FeedbackRole]int{}
			for _, l := range links {
				roles[l.Role]++
				if l.Months != 3 {
					t.Fatalf("link of %s for %d months", l.Name, l.Months)
				}
			}
			withMail := 0
			for _, v := range vs {
				if v.Email != "" {
					withMail++
				}
			}
			if n == 0 || n != len(links) || roles[itinera.FeedbackVisitor] != withMail || roles[itinera.FeedbackResource] == 0 {
				t.Fatalf("%d sent, links %v (%d visitors with an address)", n, roles, withMail)
			}
			mail := followUpMail(t, f)
			if len(mail) != n {
				t.Fatalf("%d addresses mailed for %d links", len(mail), n)
			}
			var visitor, resource itinera.FollowUpLink
			for _, l := range links {
				if l.Role == itinera.FeedbackVisitor && visitor.ID == 0 {
					visitor = l
				}
				if l.Role == itinera.FeedbackResource && resource.ID == 0 {
					resource = l
				}
			}
			vm := mail[findMailTo(mail, visitor.Email)]
			rm := mail[findMailTo(mail, resource.Email)]
			if len(vm) != 1 || !strings.HasPrefix(vm[0].Subject, "Qu'est-il advenu") || !strings.Contains(vm[0].TextBody, "Il y a 3 mois") {
				t.Fatalf("the visitor's follow-up: %+v", vm)
			}
			if len(rm) != 1 || !strings.HasPrefix(rm[0].Subject, "What came of") {
				t.Fatalf("the resource's follow-up: %+v", rm)
			}

			// Again, and after a restart: nothing more.
			if n, err := a.SendFollowUps(ctx, f.c.Site); err != nil || n != 0 {
				t.Fatalf("a second run sent %d (%v)", n, err)
			}
			clock.set(clock.now().Add(2 * time.Hour))
			if n, err := newApp().SendFollowUps(ctx, f.c.Site); err != nil || n != 0 {
				t.Fatalf("after a restart %d sent (%v)", n, err)
			}

			// The visitor records what followed.
			vh, rh := followUpHash(t, vm[0]), followUpHash(t, rm[0])
			form, err := a.OpenFollowUp(ctx, vh)
			must(t, err)
			if form.Link.ID != visitor.ID || len(form.Organizations) == 0 || len(form.Visitors) != len(vs) {
				t.Fatalf("the visitor's form: %+v", form)
			}
			met := form.Organizations[0].ID
			_, err = a.RecordCollaborationByFollowUp(ctx, vh, itinera.Collaboration{Kind: itinera.CollabOther, Title: ""})
			wantField(t, err, "title")
			c, err := a.RecordCollaborationByFollowUp(ctx, vh, itinera.Collaboration{Kind: itinera.CollabTraining, Status: itinera.CollabOngoing,
				Title: "Training of shelter staff", OrganizationIDs: []int64{met, 999999}, StartedOn: p.EndDate.AddDays(50)})
			must(t, err)
			if c.FollowUpLinkID != visitor.ID || len(c.VisitorIDs) != 1 || c.VisitorIDs[0] != visitor.PersonID ||
				len(c.OrganizationIDs) != 1 || c.OrganizationIDs[0] != met || c.Status != itinera.CollabOngoing || c.RecordedBy != visitor.Name {
				t.Fatalf("the visitor's collaboration: %+v", c)
			}
			form, err = a.OpenFollowUp(ctx, vh)
			must(t, err)
			if form.Link.Answer != itinera.FollowUpCollaboration || len(form.Collaborations) != 1 {
				t.Fatalf("after recording: answer %q, %d collaborations", form.Link.Answer, len(form.Collaborations))
			}

			// The resource: nothing yet, then a collaboration naming visitors.
			must(t, a.AnswerFollowUpNothingYet(ctx, rh))
			form, err = a.OpenFollowUp(ctx, rh)
			must(t, err)
			if form.Link.Answer != itinera.FollowUpNothingYet || !form.Link.Answered() {
				t.Fatalf("the resource's answer %q", form.Link.Answer)
			}
			c, err = a.RecordCollaborationByFollowUp(ctx, rh, itinera.Collaboration{Kind: itinera.CollabVisit, Title: "A visit back",
				VisitorIDs: []int64{vs[0].ID, vs[1].ID}})
			must(t, err)
			if len(c.OrganizationIDs) == 0 || c.OrganizationIDs[0] != resource.OrganizationID || len(c.VisitorIDs) != 2 || len(c.Countries) == 0 {
				t.Fatalf("the resource's collaboration: %+v", c)
			}
			must(t, a.AnswerFollowUpNothingYet(ctx, rh)) // what was recorded stays
			form, _ = a.OpenFollowUp(ctx, rh)
			if form.Link.Answer != itinera.FollowUpCollaboration {
				t.Fatalf("nothing yet after a collaboration: %q", form.Link.Answer)
			}
			steps, err := a.FollowUpSteps(ctx, f.c, p.ID)
			must(t, err)
			if len(steps) != 1 || steps[0].Sent != n || steps[0].Collaborate != 2 {
				t.Fatalf("steps %+v", steps)
			}

			// Past the grace of the 3 months nothing; the 6 months' day sends again.
			clock.set(itinera.FollowUpDay(p.EndDate, 3).AddDays(itinera.FollowUpGraceDays+1).At(itinera.Clock(9*60), loc))
			if n, err := a.SendFollowUps(ctx, f.c.Site); err != nil || n != 0 {
				t.Fatalf("past the grace: %d sent (%v)", n, err)
			}
			clock.set(itinera.FollowUpDay(p.EndDate, 6).At(itinera.Clock(9*60), loc))
			if m, err := a.SendFollowUps(ctx, f.c.Site); err != nil || m != n {
				t.Fatalf("six months: %d sent, want %d (%v)", m, n, err)
			}
			wantCode(t, a.AnswerFollowUpNothingYet(ctx, vh), itinera.ECONFLICT) // past its 60 days
			_, err = a.OpenFollowUp(ctx, auth.HashToken("no-such-token-000000000000000000000000000000"))
			wantCode(t, err, itinera.ENOTFOUND)
		})
	}
}

func findMailTo(m map[string][]itinera.OutboxMessage, email string) string {
	for to := range m {
		if strings.Contains(to, email) {
			return to
		}
	}
	return ""
}

// TestFollowUpSchedule: an organization without a schedule sends none;
// the schedule is validated.
func TestFollowUpSchedule(t *testing.T) {
	t.Parallel()
	s := storetest.SQLite(t)
	f := mustRichDemo(t, s)
	st, err := s.Settings(ctx, f.tenant.ID)
	must(t, err)
	if itinera.FollowUpMonthsText(st.FollowUpMonths) != "3, 6, 12" {
		t.Fatalf("a new organization's schedule: %v", st.FollowUpMonths)
	}
	st.FollowUpMonths = []int{6, 6}
	wantField(t, s.UpdateSettings(ctx, &st), "follow_up_months")
	st.FollowUpMonths = []int{12, 1}
	must(t, s.UpdateSettings(ctx, &st))
	if st, _ = s.Settings(ctx, f.tenant.ID); itinera.FollowUpMonthsText(st.FollowUpMonths) != "1, 12" {
		t.Fatalf("stored schedule %v", st.FollowUpMonths)
	}
	st.FollowUpMonths = nil
	must(t, s.UpdateSettings(ctx, &st))
	clock := &movableClock{t: itinera.FollowUpDay(f.program.EndDate, 3).At(itinera.Clock(12*60), f.program.Location())}
	a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: clock.now, Hasher: cheap})
	must(t, err)
	if n, err := a.SendFollowUps(ctx, f.c.Site); err != nil || n != 0 {
		t.Fatalf("without a schedule: %d sent (%v)", n, err)
	}
}
