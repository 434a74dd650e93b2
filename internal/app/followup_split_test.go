package app_test

import (
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/demo"
	"itinera/internal/storetest"
)

// TestFeedbackOnASplitDay, on both databases: after the demo's Tuesday
// split, a visitor's and an interpreter's feedback forms rate only the
// meetings they went to — their own sub-group's, and every meeting of the
// whole delegation — and a rating of another group's meeting is refused.
func TestFeedbackOnASplitDay(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			clock := &movableClock{t: storetest.Now()}
			a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: clock.now, Hasher: cheap})
			must(t, err)
			pl, err := a.Propose(ctx, f.c, f.program.ID, nil)
			must(t, err)
			_, err = a.ApplyPlan(ctx, f.c, f.program.ID, nil, pl.Digest)
			must(t, err)
			must(t, demo.ApplySplit(ctx, a, f.tenant, f.program.ID))
			it, err := s.CurrentItinerary(ctx, f.tenant.ID, f.program.ID)
			must(t, err)
			var split []itinera.ItineraryItem
			for _, x := range it.Items {
				if x.MeetingID != 0 && !x.Whole() {
					split = append(split, x)
				}
			}
			if len(split) < 2 {
				t.Fatalf("the demo's Tuesday is not split: %+v", it.Items)
			}

			clock.set(f.program.EndDate.In(f.program.Location()).Add(20 * time.Hour))
			_, err = a.IssueFeedback(ctx, f.c, f.program.ID)
			must(t, err)
			mail := feedbackMail(t, f)
			sum, err := a.FeedbackSummary(ctx, f.c, f.program.ID)
			must(t, err)
			checked := map[itinera.FeedbackRole]int{}
			for _, l := range sum.Links {
				if !l.Role.RatesMeetings() {
					continue
				}
				var hash string
				for to, hs := range mail {
					if strings.Contains(to, l.Email) && l.Email != "" {
						hash = hs[0]
					}
				}
				if hash == "" {
					continue // no address: no link mailed
				}
				form, err := a.OpenFeedback(ctx, hash)
				must(t, err)
				rated := map[int64]bool{}
				for _, m := range form.Meetings {
					rated[m.ID] = true
				}
				var other int64
				for _, x := range split {
					went := x.Attends(l.PersonID)
					if l.Role == itinera.FeedbackInterpreter {
						went = x.Interprets(l.PersonID)
					}
					if rated[x.MeetingID] != went {
						t.Errorf("%s %d (%s): rates meeting %d: %v, went: %v", l.Role, l.PersonID, l.Name, x.MeetingID, rated[x.MeetingID], went)
					}
					if !went {
						other = x.MeetingID
					}
				}
				for _, x := range it.Items {
					if x.MeetingID != 0 && x.Whole() && !rated[x.MeetingID] {
						t.Errorf("%s %d: the whole delegation's meeting %d is not rated", l.Role, l.PersonID, x.MeetingID)
					}
				}
				if other != 0 {
					bad := itinera.FeedbackAnswer{Rating: 4, Meetings: []itinera.MeetingRating{{MeetingID: other, Rating: 4}}}
					wantField(t, a.AnswerFeedback(ctx, hash, bad), "meetings")
				}
				checked[l.Role]++
			}
			if checked[itinera.FeedbackVisitor] < 2 || checked[itinera.FeedbackInterpreter] < 1 {
				t.Fatalf("forms checked by role: %v", checked)
			}
		})
	}
}
