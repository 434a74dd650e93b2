package app_test

import (
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/storetest"
)

// TestMoveItem moves the demo's meetings by hand on both databases: a
// move inside the meeting's window is explained (window, travel) and
// saved as the next version with the item pinned; a move outside the
// window, one that overlaps another meeting and breaks the day's cap, an
// unknown item and a stale version are refused, and nothing is saved.
func TestMoveItem(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			loc := f.program.Location()
			cur, err := s.CurrentItinerary(ctx, f.tenant.ID, f.program.ID)
			must(t, err)
			monday := f.program.StartDate.AddDays(2)
			tuesday := monday.AddDays(1)
			at := func(d itinera.Date, hhmm string) time.Time { return d.At(itinera.MustClock(hhmm), loc) }

			// Meeting 2 (Mon 14:00–15:30, available 13:30–16:30) to 14:30.
			mc, err := f.a.CheckMove(ctx, f.c, f.program.ID, app.Move{Key: "m2", Start: at(monday, "14:30")})
			must(t, err)
			if !mc.OK || !strings.HasPrefix(mc.Explanation, "Moves the meeting to 14:30 CST: inside its window 13:30–16:30; ") ||
				!strings.Contains(mc.Explanation, "min from the previous item (Washington University") {
				t.Fatalf("check: %+v", mc)
			}

			refused := []struct {
				name, key string
				start     time.Time
				want      string
			}{
				{"outside the window", "m2", at(monday, "16:00"), "is available only 13:30–16:30 on Mon 23 Nov; 16:00–17:30 is outside."},
				{"another day without a window", "m2", at(tuesday, "14:00"), "is not available on Tue 24 Nov."},
				{"overlap and cap", "m4", at(monday, "13:30"), "would have 3 meetings; its limit is 2."},
				{"overlap", "m4", at(monday, "13:30"), "would overlap."},
			}
			for _, c := range refused {
				mc, err := f.a.CheckMove(ctx, f.c, f.program.ID, app.Move{Key: c.key, Start: c.start})
				must(t, err)
				if mc.OK || !strings.Contains(mc.Explanation, c.want) || !strings.Contains(mc.Explanation, "cannot move to") {
					t.Errorf("%s: %+v", c.name, mc)
				}
				_, err = f.a.MoveItem(ctx, f.c, f.program.ID, app.Move{Key: c.key, Start: c.start})
				wantCode(t, err, itinera.EINVALID)
				if fe := itinera.ErrorFields(err); !strings.Contains(fe["start"], c.want) {
					t.Errorf("%s: fields %v", c.name, fe)
				}
			}
			_, err = f.a.CheckMove(ctx, f.c, f.program.ID, app.Move{Key: "m99", Start: at(monday, "14:30")})
			wantCode(t, err, itinera.EINVALID)
			_, err = f.a.CheckMove(ctx, f.c, f.program.ID, app.Move{Key: "m2", Start: at(monday.AddDays(30), "14:30")})
			wantCode(t, err, itinera.EINVALID)
			_, err = f.a.MoveItem(ctx, f.c, f.program.ID, app.Move{Key: "m2", Start: at(monday, "14:30"), Version: cur.Version + 1})
			wantCode(t, err, itinera.ECONFLICT)
			viewer := f.c
			viewer.User.Role = itinera.RoleViewer
			_, err = f.a.MoveItem(ctx, viewer, f.program.ID, app.Move{Key: "m2", Start: at(monday, "14:30")})
			wantCode(t, err, itinera.EFORBIDDEN)
			if now, _ := s.CurrentItinerary(ctx, f.tenant.ID, f.program.ID); now.Version != cur.Version {
				t.Fatalf("a refused move saved version %d", now.Version)
			}

			out, err := f.a.MoveItem(ctx, f.c, f.program.ID, app.Move{Key: "m2", Start: at(monday, "14:30"), Version: cur.Version})
			must(t, err)
			if out.Itinerary.Version != cur.Version+1 || !strings.HasPrefix(out.Itinerary.Note, "Moved by hand: Reporting on trafficking") {
				t.Fatalf("saved %d %q", out.Itinerary.Version, out.Itinerary.Note)
			}
			found := false
			for _, x := range out.Itinerary.Items {
				if x.MeetingID == 2 {
					found = true
					if !x.Start.Equal(at(monday, "14:30")) || !x.End.Equal(at(monday, "16:00")) || !x.Pinned || x.TravelMinutes <= 0 {
						t.Errorf("moved item %+v", x)
					}
				}
			}
			if !found || len(out.Itinerary.Items) != len(cur.Items) {
				t.Fatalf("items after the move: %+v", out.Itinerary.Items)
			}
		})
	}
}

// TestProgramReadiness reads the demo's readiness: no day is empty, the
// extra candidates were never asked, the evening is not confirmed and the
// itinerary was never released; a viewer reads it too, and another
// organization's program is not found.
func TestProgramReadiness(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			r, err := f.a.ProgramReadiness(ctx, f.c, f.program.ID)
			must(t, err)
			if r.Days != 5 || len(r.DaysWithoutItems) != 0 || r.ItineraryVersion != 1 || len(r.NotRequested) != 6 ||
				len(r.Awaiting) != 0 || len(r.ToConfirm) != 0 || len(r.EveningsNotConfirmed) != 1 || !r.ReleasePending || r.Ready() {
				t.Fatalf("readiness: %+v", r)
			}
			other := mustDemoIn(t, s, "other")
			_, err = other.a.ProgramReadiness(ctx, other.c, f.program.ID)
			wantCode(t, err, itinera.ENOTFOUND)
		})
	}
}
