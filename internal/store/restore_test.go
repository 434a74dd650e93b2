package store_test

import (
	"reflect"
	"testing"
	"time"

	"itinera"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// TestRestore writes records in the state a program file gives them, on
// both databases, and reads them back as they were given: an answered
// request with its history and no link, an approved household without a
// link, a matched evening, itinerary versions with their numbers, times
// and SEQUENCEs, from which the next version carries on.
func TestRestore(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		f := mustRequest(t, s, "restore")
		tid, at := f.tenant.ID, storetest.Clock.Add(-48*time.Hour)

		// A request already answered and confirmed, with its history.
		r := itinera.Request{TenantID: tid, MeetingID: f.meeting.ID, ContactID: f.contact.ID, Status: itinera.RequestAccepted,
			Windows: f.slots, Message: "Would you?", CreatedAt: at, SentAt: at.Add(time.Minute), ViewedAt: at.Add(time.Hour),
			ExpiresAt: at.Add(21 * 24 * time.Hour), Confirmed: f.slots[1],
			Answer: &itinera.RequestAnswer{Kind: itinera.AnswerAvailable, Available: f.slots, Comment: "Either works.",
				Partners: []string{"Interfaith Partnership"}, Colleague: itinera.Colleague{Name: "Dana", Email: "dana@example.org"},
				At: at.Add(2 * time.Hour)},
			Events: []itinera.RequestEvent{{At: at, Kind: itinera.EventCreated}, {At: at.Add(time.Minute), Kind: itinera.EventSent, Detail: "to shima@example.org"},
				{At: at.Add(2 * time.Hour), Kind: itinera.EventTicked, Detail: "2 times"}, {At: at.Add(3 * time.Hour), Kind: itinera.EventConfirmed, Detail: "Mon"}}}
		must(t, s.RestoreRequest(ctx, &r))
		got, err := s.Request(ctx, tid, r.ID)
		must(t, err)
		if got.Status != r.Status || !got.CreatedAt.Equal(at) || !got.ViewedAt.Equal(r.ViewedAt) || !got.Confirmed.Start.Equal(f.slots[1].Start) ||
			got.Answer == nil || len(got.Answer.Available) != 2 || got.Answer.Colleague.Name != "Dana" || !got.Answer.At.Equal(r.Answer.At) {
			t.Fatalf("restored request: %+v (answer %+v)", got, got.Answer)
		}
		if kinds(got.Events) != "created, sent, ticked times, confirmed" || !got.Events[3].At.Equal(at.Add(3*time.Hour)) {
			t.Fatalf("history: %s", kinds(got.Events))
		}
		// It has no link: no token finds it, and sending it again gives one.
		if _, err := s.RequestByToken(ctx, ""); itinera.ErrorCode(err) != itinera.ENOTFOUND {
			t.Fatalf("a restored request found without a token: %v", err)
		}
		expired := itinera.Request{TenantID: tid, MeetingID: f.meeting.ID, ContactID: f.contact.ID, Status: itinera.RequestExpired,
			Windows: f.slots[:1], CreatedAt: at, SentAt: at}
		must(t, s.RestoreRequest(ctx, &expired))
		mustSend(t, s, tid, expired.ID, storetest.Clock.Add(24*time.Hour))
		if again, _ := s.Request(ctx, tid, expired.ID); again.Status != itinera.RequestSent {
			t.Fatalf("sent again: %s", again.Status)
		}
		// References are checked: another tenant's meeting is not found,
		// an answer off the proposed times is wrong.
		other := mustFixture(t, s, "restore-other")
		bad := r
		bad.TenantID = other.tenant.ID
		wantCode(t, s.RestoreRequest(ctx, &bad), itinera.ENOTFOUND)
		bad = r
		bad.Answer = &itinera.RequestAnswer{Kind: itinera.AnswerAccept, Slot: itinera.Window{Start: at, End: at.Add(time.Hour)}}
		wantCode(t, s.RestoreRequest(ctx, &bad), itinera.EINVALID)

		// Itinerary versions keep their number, time and SEQUENCE; the
		// next version carries on from them.
		slot := f.slots[0]
		for v, seq := range []int{0, 2} {
			it := itinera.Itinerary{TenantID: tid, ProgramID: f.program.ID, Version: v + 1, CreatedAt: at.Add(time.Duration(v) * time.Hour),
				Note: "restored", Items: []itinera.ItineraryItem{{MeetingID: f.meeting.ID, Start: slot.Start, End: slot.End, TravelMinutes: 12,
					Pinned: v == 1, Sequence: seq}}}
			must(t, s.RestoreItinerary(ctx, &it))
		}
		dup := itinera.Itinerary{TenantID: tid, ProgramID: f.program.ID, Version: 2, Items: []itinera.ItineraryItem{}}
		wantCode(t, s.RestoreItinerary(ctx, &dup), itinera.ECONFLICT)
		next := itinera.Itinerary{TenantID: tid, ProgramID: f.program.ID, Items: []itinera.ItineraryItem{{MeetingID: f.meeting.ID,
			Start: f.slots[1].Start, End: f.slots[1].End}}}
		must(t, s.SaveItinerary(ctx, &next))
		vs, err := s.ItineraryVersions(ctx, tid, f.program.ID)
		must(t, err)
		if len(vs) != 3 || vs[0].Version != 1 || !vs[0].CreatedAt.Equal(at) || vs[1].Items[0].Sequence != 2 || !vs[1].Items[0].Pinned ||
			vs[1].Items[0].TravelMinutes != 12 || vs[2].Version != 3 || vs[2].Items[0].Sequence != 3 || vs[2].Items[0].Title != f.meeting.Title {
			t.Fatalf("versions: %+v", vs)
		}
		if none, err := s.ItineraryVersions(ctx, other.tenant.ID, f.program.ID); err != nil || len(none) != 0 {
			t.Fatalf("another tenant reads %d versions (%v)", len(none), err)
		}

		// A household without a link, approved; an evening matched, with
		// its answers, guests and hours.
		h := itinera.HostHousehold{TenantID: tid, Name: "The Brennan household", Address: "4 Portland Pl, St. Louis, MO", Lat: 38.64, Lon: -90.26,
			ContactName: "Pat Brennan", Email: "brennan@example.org", Languages: []string{"English"}, Capacity: 4,
			FreeWeekdays: []time.Weekday{time.Sunday}, Status: itinera.HouseholdApproved}
		must(t, s.CreateHousehold(ctx, &h))
		gotH, err := s.Household(ctx, tid, h.ID)
		must(t, err)
		if gotH.Status != itinera.HouseholdApproved || !gotH.LinkExpiresAt.IsZero() || gotH.Address != h.Address || gotH.PlaceID == 0 {
			t.Fatalf("household: %+v", gotH)
		}
		v1 := itinera.Visitor{TenantID: tid, ProgramID: f.program.ID, GivenName: "Ana", Country: "Brazil", Languages: []string{"English"}}
		must(t, s.CreateVisitor(ctx, &v1))
		v2 := itinera.Visitor{TenantID: tid, ProgramID: f.program.ID, GivenName: "Kofi", Country: "Ghana", Languages: []string{"English"}}
		must(t, s.CreateVisitor(ctx, &v2))
		sun := itinera.MustDate("2026-12-06")
		loc := f.program.Location()
		e := itinera.HospitalityEvening{TenantID: tid, ProgramID: f.program.ID, Start: sun.At(17*60+30, loc), End: sun.At(21*60, loc),
			Status: itinera.EveningConfirmed, MinGroup: 1, Note: "Lobby", VisitorIDs: []int64{v1.ID, v2.ID}, InterpreterIDs: []int64{},
			ConfirmedAt: at, Invitations: []itinera.HospitalityInvitation{{HouseholdID: h.ID, Status: itinera.InvitationInvited, InvitedAt: at,
				Answer: itinera.AnswerYes, AnswerNote: "Gladly", AnsweredAt: at.Add(time.Hour)}},
			Guests:   []itinera.HospitalityGuest{{HouseholdID: h.ID, VisitorID: v1.ID, Locked: true}},
			Unplaced: []itinera.HospitalityUnplaced{{VisitorID: v2.ID, Reason: "No seat left"}}}
		hours := []itinera.VolunteerHours{{HouseholdID: h.ID, Minutes: 240, RecordedAt: at}}
		must(t, s.RestoreEvening(ctx, &e, hours))
		gotE, err := s.Evening(ctx, tid, e.ID)
		must(t, err)
		gotE.Version, e.Version = 0, 0
		if !reflect.DeepEqual(gotE.Invitations, e.Invitations) || !reflect.DeepEqual(gotE.Guests, e.Guests) ||
			!reflect.DeepEqual(gotE.Unplaced, e.Unplaced) || gotE.Status != e.Status || !gotE.ConfirmedAt.Equal(at) || gotE.Note != "Lobby" {
			t.Fatalf("evening: %+v", gotE)
		}
		vh, err := s.VolunteerHours(ctx, tid, f.program.ID)
		must(t, err)
		if len(vh) != 1 || vh[0].Minutes != 240 || !vh[0].RecordedAt.Equal(at) {
			t.Fatalf("hours: %+v", vh)
		}
		// A guest at a household that is not invited is refused.
		bad2 := e
		bad2.Invitations = nil
		wantCode(t, s.RestoreEvening(ctx, &bad2, nil), itinera.EINVALID)
	})
}
