package demo_test

import (
	"context"
	"testing"

	"itinera"
	"itinera/internal/demo"
)

// Every meeting the demo marks confirmed has the request behind it: sent
// to the meeting's contact, accepted at its itinerary time and confirmed,
// with that history; no other meeting is asked.
func TestDemoConfirmedMeetingsHaveTheirRequests(t *testing.T) {
	l := mustLoad(t)
	ctx := context.Background()
	n, err := demo.LoadRequests(ctx, l.svc, l.tenant, l.program.ID, "http://127.0.0.1:8080")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := l.svc.Requests.Requests(ctx, l.tenant, l.program.ID)
	if err != nil {
		t.Fatal(err)
	}
	confirmed := 0
	for _, m := range l.meetings {
		if m.Status == itinera.MeetingConfirmed {
			confirmed++
		}
	}
	if n != confirmed || len(rs) != confirmed || confirmed == 0 {
		t.Fatalf("%d requests made, %d stored, %d confirmed meetings", n, len(rs), confirmed)
	}
	slots := map[int64]itinera.Window{}
	for _, x := range l.itinerary.Items {
		slots[x.MeetingID] = x.Window()
	}
	for _, r := range rs {
		m := l.meetings[r.MeetingID]
		if m.Status != itinera.MeetingConfirmed || r.ContactID != m.ContactID || !r.IsConfirmed() {
			t.Errorf("request %d for %q: meeting %q, confirmed %v", r.ID, m.Title, m.Status, r.IsConfirmed())
		}
		if s := slots[m.ID]; !r.Confirmed.Start.Equal(s.Start) || !r.Confirmed.End.Equal(s.End) {
			t.Errorf("%q confirmed at %v, in the itinerary at %v", m.Title, r.Confirmed, s)
		}
		var kinds []string
		for _, e := range r.Events {
			kinds = append(kinds, e.Kind)
		}
		want := []string{itinera.EventCreated, itinera.EventSent, itinera.EventAccepted, itinera.EventConfirmed}
		if len(kinds) < len(want) || kinds[0] != want[0] || kinds[len(kinds)-1] != want[3] {
			t.Errorf("%q history %v, want %v", m.Title, kinds, want)
		}
	}
	// The itinerary did not move: the requests asked for its times.
	cur, err := l.svc.Itineraries.CurrentItinerary(ctx, l.tenant, l.program.ID)
	if err != nil || cur.Version != l.itinerary.Version {
		t.Errorf("itinerary version %d, was %d (%v)", cur.Version, l.itinerary.Version, err)
	}
}

// The demo's follow-up: feedback answered by most of its participants,
// thank-you drafts for its resources, two collaborations.
func TestDemoFollowUp(t *testing.T) {
	l := mustLoad(t)
	ctx := context.Background()
	if _, err := demo.LoadRequests(ctx, l.svc, l.tenant, l.program.ID, "http://127.0.0.1:8080"); err != nil {
		t.Fatal(err)
	}
	n, err := demo.LoadFollowUp(ctx, l.svc, l.tenant, l.program.ID)
	if err != nil {
		t.Fatal(err)
	}
	links, err := l.svc.Feedback.FeedbackLinks(ctx, l.tenant, l.program.ID)
	if err != nil {
		t.Fatal(err)
	}
	answered := 0
	for _, x := range links {
		if x.Answered() {
			answered++
		}
	}
	if answered != n || n < len(links)-2 || n == len(links) {
		t.Fatalf("%d of %d links answered (loader says %d)", answered, len(links), n)
	}
	ts, err := l.svc.Feedback.ThankYous(ctx, l.tenant, l.program.ID)
	if err != nil || len(ts) == 0 || ts[0].Sent() {
		t.Fatalf("thank-you drafts: %+v (%v)", ts, err)
	}
	cs, err := l.svc.Feedback.Collaborations(ctx, l.tenant, l.program.ID)
	if err != nil || len(cs) != 2 {
		t.Fatalf("%d collaborations (%v)", len(cs), err)
	}
}

// TestDemoHistory: the demo's two earlier programs are over before the
// demo program, with meetings held with organizations the demo program
// meets too, feedback answered, collaborations and follow-ups.
func TestDemoHistory(t *testing.T) {
	l := mustLoad(t)
	ctx := context.Background()
	if _, err := demo.LoadRequests(ctx, l.svc, l.tenant, l.program.ID, "http://127.0.0.1:8080"); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.LoadFollowUp(ctx, l.svc, l.tenant, l.program.ID); err != nil {
		t.Fatal(err)
	}
	ids, err := demo.LoadHistory(ctx, l.svc, l.tenant, l.program.ID)
	if err != nil || len(ids) != 2 {
		t.Fatalf("%v (%v)", ids, err)
	}
	seedOrgs := map[int64]bool{}
	ms, _ := l.svc.Candidates.Meetings(ctx, l.tenant, l.program.ID)
	for _, m := range ms {
		seedOrgs[m.HostOrganizationID] = true
	}
	shared := 0
	for _, id := range ids {
		p, err := l.svc.Programs.Program(ctx, l.tenant, id)
		if err != nil || !p.EndDate.Before(l.program.StartDate) || p.Status != itinera.ProgramCompleted {
			t.Fatalf("past program %+v (%v)", p, err)
		}
		pms, _ := l.svc.Candidates.Meetings(ctx, l.tenant, id)
		for _, m := range pms {
			if m.Status != itinera.MeetingConfirmed {
				t.Fatalf("%s is %s", m.Title, m.Status)
			}
			if seedOrgs[m.HostOrganizationID] {
				shared++
			}
		}
		cs, _ := l.svc.Feedback.Collaborations(ctx, l.tenant, id)
		links, _ := l.svc.Feedback.FeedbackLinks(ctx, l.tenant, id)
		if len(cs) < 2 || len(links) < len(pms) {
			t.Fatalf("%s: %d collaborations, %d feedback links", p.Title, len(cs), len(links))
		}
	}
	if shared < 3 {
		t.Fatalf("%d past meetings with the demo program's organizations", shared)
	}
}
