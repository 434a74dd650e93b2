package store_test

import (
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/store"
)

func hash(c byte) string { return strings.Repeat(string(c), 64) }

func TestFeeds(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		a := mustFixture(t, s, "feeds-a")
		b := mustFixture(t, s, "feeds-b")
		tid, pid := a.tenant.ID, a.program.ID
		v := itinera.Visitor{TenantID: tid, ProgramID: pid, GivenName: "Amara", Country: "Nigeria", Languages: []string{"English"}}
		must(t, s.CreateVisitor(ctx, &v))

		prog := itinera.Feed{TenantID: tid, ProgramID: pid, Kind: itinera.FeedProgram, TokenHash: hash('a')}
		must(t, s.IssueFeed(ctx, &prog))
		first := itinera.Feed{TenantID: tid, ProgramID: pid, Kind: itinera.FeedVisitor, SubjectID: v.ID, TokenHash: hash('b')}
		must(t, s.IssueFeed(ctx, &first))
		// Re-issuing revokes the old address.
		second := itinera.Feed{TenantID: tid, ProgramID: pid, Kind: itinera.FeedVisitor, SubjectID: v.ID, TokenHash: hash('c')}
		must(t, s.IssueFeed(ctx, &second))
		_, err := s.FeedByTokenHash(ctx, hash('b'))
		wantCode(t, err, itinera.ENOTFOUND)
		got, err := s.FeedByTokenHash(ctx, hash('c'))
		must(t, err)
		if got.ID != second.ID || got.Kind != itinera.FeedVisitor || got.SubjectID != v.ID {
			t.Fatalf("feed = %+v", got)
		}
		fs, err := s.Feeds(ctx, tid, pid)
		must(t, err)
		if len(fs) != 2 || fs[0].Kind != itinera.FeedProgram {
			t.Fatalf("live feeds = %+v", fs)
		}
		must(t, s.RevokeFeed(ctx, tid, second.ID))
		_, err = s.FeedByTokenHash(ctx, hash('c'))
		wantCode(t, err, itinera.ENOTFOUND)

		// Another tenant can neither issue feeds for A's people nor revoke A's feeds.
		wantCode(t, s.RevokeFeed(ctx, b.tenant.ID, prog.ID), itinera.ENOTFOUND)
		foreign := itinera.Feed{TenantID: b.tenant.ID, ProgramID: b.program.ID, Kind: itinera.FeedVisitor, SubjectID: v.ID, TokenHash: hash('d')}
		wantCode(t, s.IssueFeed(ctx, &foreign), itinera.ENOTFOUND)
		foreign = itinera.Feed{TenantID: b.tenant.ID, ProgramID: pid, Kind: itinera.FeedProgram, TokenHash: hash('e')}
		wantCode(t, s.IssueFeed(ctx, &foreign), itinera.ENOTFOUND)
		bad := itinera.Feed{TenantID: tid, ProgramID: pid, Kind: itinera.FeedProgram, SubjectID: v.ID, TokenHash: "short"}
		wantCode(t, s.IssueFeed(ctx, &bad), itinera.EINVALID)
	})
}

// An item's SEQUENCE rises when its time or place changes between
// itinerary versions, and stays when nothing about it changes.
func TestItinerarySequence(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		f := mustFixture(t, s, "seq")
		tid, pid := f.tenant.ID, f.program.ID
		loc, _ := time.LoadLocation("America/Chicago")
		at := func(h, m int) time.Time { return time.Date(2026, 12, 7, h, m, 0, 0, loc) }
		m := itinera.Meeting{TenantID: tid, ProgramID: pid, Title: "GHT", HostOrganizationID: f.org.ID, DurationMinutes: 60}
		must(t, s.CreateMeeting(ctx, &m))
		a := itinera.Activity{TenantID: tid, ProgramID: pid, Title: "Arch", Kind: itinera.ActivityCultural, PlaceID: f.place.ID, DurationMinutes: 60}
		must(t, s.CreateActivity(ctx, &a))
		save := func(mStart, aStart time.Time) map[string]itinera.ItineraryItem {
			it := itinera.Itinerary{TenantID: tid, ProgramID: pid, Items: []itinera.ItineraryItem{
				{MeetingID: m.ID, Start: mStart, End: mStart.Add(time.Hour)},
				{ActivityID: a.ID, Start: aStart, End: aStart.Add(time.Hour)}}}
			must(t, s.SaveItinerary(ctx, &it))
			cur, err := s.CurrentItinerary(ctx, tid, pid)
			must(t, err)
			out := map[string]itinera.ItineraryItem{}
			for _, x := range cur.Items {
				if x.MeetingID != 0 {
					out["m"] = x
				} else {
					out["a"] = x
				}
			}
			return out
		}
		v1 := save(at(9, 0), at(14, 0))
		if v1["m"].Sequence != 0 || v1["a"].Sequence != 0 || v1["a"].PlaceID != f.place.ID || v1["m"].PlaceID != f.place.ID {
			t.Fatalf("v1 = %+v", v1)
		}
		v2 := save(at(10, 0), at(14, 0)) // the meeting moves
		if v2["m"].Sequence != 1 || v2["a"].Sequence != 0 {
			t.Fatalf("v2 = %+v", v2)
		}
		other := itinera.Place{TenantID: tid, Name: "Library", Kind: itinera.PlaceVenue, Address: "1301 Olive St", Lat: 38.63, Lon: -90.2}
		must(t, s.CreatePlace(ctx, &other))
		a.PlaceID = other.ID
		must(t, s.UpdateActivity(ctx, &a))
		v3 := save(at(10, 0), at(14, 0)) // the activity changes place
		if v3["m"].Sequence != 1 || v3["a"].Sequence != 1 || v3["a"].PlaceName != "Library" {
			t.Fatalf("v3 = %+v", v3)
		}
	})
}
