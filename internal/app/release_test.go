package app_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/calendar"
	"itinera/internal/storetest"
)

// TestRelease, on both databases: the first release tells every visitor
// and interpreter their whole program, but the one held back; the
// visitors' calendars then show the released version and not a later
// draft; after one meeting moves, the next release tells each person
// brought up to date that one change only (the held-back visitor still
// everything), with the updated .ics (the raised SEQUENCE); releasing
// again with nothing changed is refused, as are a viewer and an unknown
// key.
func TestRelease(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustRichDemo(t, s)
			a := f.a
			pl, err := a.PlanRelease(ctx, f.c, f.program.ID)
			must(t, err)
			cur, err := s.CurrentItinerary(ctx, f.tenant.ID, f.program.ID)
			must(t, err)
			if pl.Why != "" || pl.Last != nil || pl.Version != cur.Version || len(pl.People) == 0 {
				t.Fatalf("first plan: %+v", pl)
			}
			// What a person goes to (on a split day, their group's items).
			goes := func(p app.ReleasePerson, items []itinera.ItineraryItem) int {
				n := 0
				for _, x := range items {
					if p.Kind == itinera.FeedVisitor && x.Attends(p.PersonID) || p.Kind == itinera.FeedInterpreter && x.Interprets(p.PersonID) {
						n++
					}
				}
				return n
			}
			for _, p := range pl.People {
				if len(p.Changes) != goes(p, cur.Items) || !strings.HasPrefix(p.Changes[0], "New: ") {
					t.Fatalf("%s: %d changes, want every item new", p.Name, len(p.Changes))
				}
			}
			held := pl.People[0]
			before := countOutbox(t, f)
			out, err := a.Release(ctx, f.c, f.program.ID, app.ReleaseOptions{Hold: map[string]bool{held.Key(): true}, Note: "Here is your program."})
			must(t, err)
			if out.Release.Version != 1 || out.Release.ItineraryVersion != cur.Version || out.Held != 1 || out.Queued != len(pl.People)-1 {
				t.Fatalf("first release: %+v", out)
			}
			if n := countOutbox(t, f) - before; n != out.Queued {
				t.Fatalf("%d messages queued, want %d", n, out.Queued)
			}
			if p, err := s.Program(ctx, f.tenant.ID, f.program.ID); err != nil || p.Status != itinera.ProgramReleased {
				t.Errorf("after the first release the program is %q (%v)", p.Status, err)
			}

			// A new version moves one meeting by an hour: a draft until
			// released.
			next := itinera.Itinerary{TenantID: f.tenant.ID, ProgramID: f.program.ID, Note: "moved", Items: append([]itinera.ItineraryItem(nil), cur.Items...)}
			moved := -1
			for i, x := range next.Items {
				if x.MeetingID != 0 && x.Whole() {
					moved = i
					next.Items[i].Start, next.Items[i].End = x.Start.Add(time.Hour), x.End.Add(time.Hour)
					break
				}
			}
			must(t, s.SaveItinerary(ctx, &next))
			cal, err := calendar.Load(ctx, s.Services().Readers(), f.tenant.ID, f.program.ID)
			must(t, err)
			visitor := itinera.Feed{Kind: itinera.FeedVisitor, SubjectID: pl.People[1].PersonID}
			for _, ev := range calendar.Events(cal, visitor) {
				if ev.Summary == cur.Items[moved].Title && !ev.Start.Equal(cur.Items[moved].Start) {
					t.Errorf("the visitor's calendar shows the draft's time %s", ev.Start)
				}
			}

			pl, err = a.PlanRelease(ctx, f.c, f.program.ID)
			must(t, err)
			for _, p := range pl.People {
				want := goes(p, next.Items[moved:moved+1])
				if p.Key() == held.Key() {
					want = goes(p, next.Items)
				}
				if len(p.Changes) != want {
					t.Errorf("%s: %d changes %v, want %d", p.Name, len(p.Changes), p.Changes, want)
				}
			}
			before = countOutbox(t, f)
			out, err = a.Release(ctx, f.c, f.program.ID, app.ReleaseOptions{})
			must(t, err)
			if out.Release.Version != 2 || out.Queued != len(pl.People) {
				t.Fatalf("second release: %+v", out)
			}
			msgs, err := s.OutboxMessages(ctx, f.tenant.ID, itinera.OutboxFilter{Limit: out.Queued})
			must(t, err)
			found := false
			for _, m := range msgs {
				full, err := s.OutboxMessage(ctx, f.tenant.ID, m.ID)
				must(t, err)
				if strings.Contains(full.To, held.To) {
					continue
				}
				found = true
				if !strings.Contains(full.TextBody, "- Moved: "+cur.Items[moved].Title) || strings.Contains(full.TextBody, "- New: ") {
					t.Errorf("%s: %s", full.To, full.TextBody)
				}
				if len(full.Attachments) != 1 || !strings.Contains(string(full.Attachments[0].Data), "METHOD:PUBLISH") {
					t.Errorf("%s: files %d", full.To, len(full.Attachments))
				}
			}
			if !found || countOutbox(t, f)-before != out.Queued {
				t.Error("the second release's messages are not in the outbox")
			}
			cal, err = calendar.Load(ctx, s.Services().Readers(), f.tenant.ID, f.program.ID)
			must(t, err)
			if cal.Released == nil || cal.Released.Version != next.Version {
				t.Errorf("calendars show version %v after the release of %d", cal.Released, next.Version)
			}

			if _, err := a.Release(ctx, f.c, f.program.ID, app.ReleaseOptions{}); itinera.ErrorCode(err) != itinera.EINVALID {
				t.Errorf("nothing changed: %v", err)
			}
			viewer := f.c
			viewer.User.Role = itinera.RoleViewer
			if _, err := a.Release(ctx, viewer, f.program.ID, app.ReleaseOptions{}); itinera.ErrorCode(err) != itinera.EFORBIDDEN {
				t.Errorf("a viewer: %v", err)
			}
			if _, err := a.Release(ctx, f.c, f.program.ID, app.ReleaseOptions{Hold: map[string]bool{"visitor-0": true}}); itinera.ErrorFields(err)["hold"] == "" {
				t.Errorf("an unknown key: %v", err)
			}
		})
	}
}

func countOutbox(t *testing.T, f *fixture) int {
	t.Helper()
	c, err := f.s.OutboxCounts(ctx, f.tenant.ID)
	must(t, err)
	n := 0
	for _, k := range c {
		n += k
	}
	return n
}

// TestReleaseTellsResourcesOnce: before the first release, moving a
// confirmed meeting sends its resource an update at once; after it, two
// edits send nothing, and the next release sends the resource one updated
// invitation with the meeting's newest SEQUENCE, after which nothing is
// pending.
func TestReleaseTellsResourcesOnce(t *testing.T) {
	t.Parallel()
	s := storetest.Default(t)
	f := mustRichDemo(t, s)
	a := f.a
	rqs, err := s.Requests(ctx, f.tenant.ID, f.program.ID)
	must(t, err)
	var rq itinera.Request
	for _, r := range rqs {
		if r.IsConfirmed() {
			rq = r
		}
	}
	if rq.ID == 0 || rq.ToldSequence < 0 {
		t.Fatalf("no confirmed request told its sequence: %+v", rq)
	}
	places, err := s.Places(ctx, f.tenant.ID, itinera.DirectoryFilter{})
	must(t, err)
	move := func(to int64) app.MeetingResult {
		t.Helper()
		m, err := s.Meeting(ctx, f.tenant.ID, rq.MeetingID)
		must(t, err)
		m.PlaceID = to
		res, err := a.UpdateMeeting(ctx, f.c, m)
		must(t, err)
		return res
	}
	if res := move(places[0].ID); res.Notified != 1 || res.Pending != 0 {
		t.Fatalf("before any release: notified %d, pending %d", res.Notified, res.Pending)
	}
	_, err = a.Release(ctx, f.c, f.program.ID, app.ReleaseOptions{})
	must(t, err)

	before := countOutbox(t, f)
	if res := move(places[1].ID); res.Notified != 0 || res.Pending != 1 {
		t.Fatalf("after the release: notified %d, pending %d", res.Notified, res.Pending)
	}
	move(places[2].ID)
	if n := countOutbox(t, f) - before; n != 0 {
		t.Fatalf("%d messages sent by edits after the release", n)
	}
	pl, err := a.PlanRelease(ctx, f.c, f.program.ID)
	must(t, err)
	var resources []app.ReleasePerson
	for _, p := range pl.People {
		if p.Kind == itinera.FeedContact {
			resources = append(resources, p)
		}
	}
	if len(resources) != 1 || len(resources[0].Changes) != 1 || !strings.Contains(resources[0].Changes[0], places[2].Name) {
		t.Fatalf("resources to tell: %+v", resources)
	}
	out, err := a.Release(ctx, f.c, f.program.ID, app.ReleaseOptions{})
	must(t, err)
	cur, err := s.CurrentItinerary(ctx, f.tenant.ID, f.program.ID)
	must(t, err)
	var seq int
	for _, x := range cur.Items {
		if x.MeetingID == rq.MeetingID {
			seq = x.Sequence
		}
	}
	msgs, err := s.OutboxMessages(ctx, f.tenant.ID, itinera.OutboxFilter{Limit: out.Queued})
	must(t, err)
	updates := 0
	for _, m := range msgs {
		if m.CalendarMethod == "REQUEST" && strings.Contains(m.To, rq.ContactEmail) {
			updates++
			if !strings.Contains(m.Calendar, "SEQUENCE:"+strconv.Itoa(seq)) {
				t.Errorf("the update's calendar lacks SEQUENCE:%d", seq)
			}
		}
	}
	if updates != 1 {
		t.Fatalf("%d updates to the resource, want 1", updates)
	}
	told, err := s.Request(ctx, f.tenant.ID, rq.ID)
	must(t, err)
	if told.ToldSequence != seq {
		t.Errorf("told %d, want %d", told.ToldSequence, seq)
	}
	pl, err = a.PlanRelease(ctx, f.c, f.program.ID)
	must(t, err)
	for _, p := range pl.People {
		if p.Kind == itinera.FeedContact {
			t.Errorf("still to tell after the release: %+v", p)
		}
	}
}
