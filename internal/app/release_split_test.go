package app_test

import (
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/calendar"
	"itinera/internal/ical/icaljstest"
	"itinera/internal/storetest"
)

// TestReleaseSplitDay, on both databases: after a release, a meeting
// becomes one for two visitors with the interpreter. The next release
// tells the others it is no longer on their program, with a CANCELLED
// entry at the item's raised SEQUENCE, and tells the two and the
// interpreter nothing; their feeds follow. Then the meeting is shortened:
// only the two and the interpreter are told.
func TestReleaseSplitDay(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			a := f.a
			_, err := a.Release(ctx, f.c, f.program.ID, app.ReleaseOptions{})
			must(t, err)
			vs, err := s.Visitors(ctx, f.tenant.ID, f.program.ID)
			must(t, err)
			is, err := s.Interpreters(ctx, f.tenant.ID, f.program.ID)
			must(t, err)
			if len(vs) < 3 || len(is) < 1 {
				t.Fatalf("the demo has %d visitors and %d interpreters", len(vs), len(is))
			}
			group := []int64{vs[0].ID, vs[1].ID}
			cur := f.current()
			next := itinera.Itinerary{TenantID: f.tenant.ID, ProgramID: f.program.ID, Note: "split", Items: append([]itinera.ItineraryItem(nil), cur.Items...)}
			m := -1
			for i, x := range next.Items {
				if x.MeetingID != 0 && x.Whole() {
					m = i
					break
				}
			}
			if m < 0 {
				t.Fatal("no meeting for the whole delegation")
			}
			next.Items[m].VisitorIDs, next.Items[m].InterpreterIDs = group, []int64{is[0].ID}
			must(t, s.SaveItinerary(ctx, &next))
			item := f.current().Items[m]
			if item.Sequence <= cur.Items[m].Sequence {
				t.Fatalf("SEQUENCE %d after the attendees changed, was %d", item.Sequence, cur.Items[m].Sequence)
			}

			pl, err := a.PlanRelease(ctx, f.c, f.program.ID)
			must(t, err)
			left := "No longer on your program: " + item.Title
			inGroup := map[int64]bool{group[0]: true, group[1]: true}
			for _, p := range pl.People {
				switch {
				case p.Kind == itinera.FeedVisitor && !inGroup[p.PersonID]:
					if len(p.Changes) != 1 || !strings.HasPrefix(p.Changes[0], left) {
						t.Errorf("%s (not in the group): %v", p.Name, p.Changes)
					}
				case p.Kind == itinera.FeedVisitor || p.Kind == itinera.FeedInterpreter:
					if len(p.Changes) != 0 {
						t.Errorf("%s (in the group): %v", p.Name, p.Changes)
					}
				}
			}
			out, err := a.Release(ctx, f.c, f.program.ID, app.ReleaseOptions{})
			must(t, err)
			other := vs[2]
			found := false
			for _, msg := range f.outbox() {
				full, err := s.OutboxMessage(ctx, f.tenant.ID, msg.ID)
				must(t, err)
				if !strings.Contains(full.To, other.Email) || !strings.Contains(full.TextBody, "- "+left) {
					continue
				}
				found = true
				cal := icaljstest.Read(t, "left.ics", full.Attachments[len(full.Attachments)-1].Data)
				uid, ok := calendar.UID(f.tenant.Slug, item), false
				for _, ev := range cal.Events {
					if ev.UID == uid {
						ok = ev.Status == "CANCELLED" && ev.Sequence == item.Sequence
					}
				}
				if !ok {
					t.Errorf("%s's calendar does not cancel %s at SEQUENCE %d", other.Name(), uid, item.Sequence)
				}
			}
			if !found || out.Queued == 0 {
				t.Fatalf("no message tells %s the meeting is no longer theirs (%+v)", other.Name(), out)
			}
			feed, err := calendar.Load(ctx, s.Services().Readers(), f.tenant.ID, f.program.ID)
			must(t, err)
			has := func(fd itinera.Feed) bool {
				for _, ev := range calendar.Events(feed, fd) {
					if ev.Summary == item.Title && ev.Start.Equal(item.Start) {
						return true
					}
				}
				return false
			}
			if !has(itinera.Feed{Kind: itinera.FeedVisitor, SubjectID: group[0]}) || has(itinera.Feed{Kind: itinera.FeedVisitor, SubjectID: other.ID}) ||
				!has(itinera.Feed{Kind: itinera.FeedInterpreter, SubjectID: is[0].ID}) || !has(itinera.Feed{Kind: itinera.FeedProgram}) {
				t.Error("after the release the feeds do not follow who attends")
			}

			// The group's meeting ends a quarter of an hour earlier.
			later := f.current()
			later.ID, later.Note = 0, "shorter"
			later.Items[m].End = later.Items[m].End.Add(-15 * time.Minute)
			must(t, s.SaveItinerary(ctx, &later))
			pl, err = a.PlanRelease(ctx, f.c, f.program.ID)
			must(t, err)
			for _, p := range pl.People {
				want := 0
				if inGroup[p.PersonID] && p.Kind == itinera.FeedVisitor || p.Kind == itinera.FeedInterpreter && p.PersonID == is[0].ID {
					want = 1
				}
				if p.Kind != itinera.FeedContact && p.Kind != app.ReleaseHousehold && len(p.Changes) != want {
					t.Errorf("%s: %v, want %d change", p.Name, p.Changes, want)
				}
			}
		})
	}
}
