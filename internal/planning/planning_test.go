package planning_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/demo"
	"itinera/internal/planning"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

var ctx = context.Background()

// mustDemo loads the demo program into a fresh store.
func mustDemo(t testing.TB) (*store.Store, int64, int64) {
	t.Helper()
	s := storetest.SQLite(t)
	tenant := demo.Tenant()
	if err := s.CreateTenant(ctx, &tenant); err != nil {
		t.Fatal(err)
	}
	pid, err := demo.Load(ctx, s.Services(), tenant.ID, storetest.Clock)
	if err != nil {
		t.Fatal(err)
	}
	return s, tenant.ID, pid
}

func mustInput(t testing.TB, s *store.Store, tid, pid int64) planning.Input {
	t.Helper()
	in, err := planning.Load(ctx, s.Services().Readers(), tid, pid)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func titlesByDay(p *planning.Proposal) [][]string {
	var out [][]string
	for _, d := range p.Days {
		var ts []string
		for _, it := range d.Items {
			ts = append(ts, it.Title)
		}
		out = append(out, ts)
	}
	return out
}

func currentTitlesByDay(t *testing.T, in planning.Input) [][]string {
	t.Helper()
	loc := in.Program.Location()
	out := make([][]string, len(in.Days))
	for _, x := range in.Current.Items {
		i := in.Days[0].Date.DaysUntil(itinera.DateOf(x.Start.In(loc)))
		out[i] = append(out[i], x.Title)
	}
	return out
}

// checkFeasible: every item lies in one of its windows and inside its day,
// and the proposal saves as a valid itinerary.
func checkFeasible(t *testing.T, in planning.Input, p *planning.Proposal) {
	t.Helper()
	windows := map[string][]itinera.Window{}
	for _, m := range in.Meetings {
		windows["m"+itoa(m.ID)] = m.Windows
	}
	for _, a := range in.Activities {
		windows["a"+itoa(a.ID)] = a.Windows
	}
	loc := in.Program.Location()
	for i, d := range p.Days {
		day := in.Days[i]
		for _, it := range d.Items {
			inside := false
			for _, w := range windows[it.Key] {
				if !it.Start.Before(w.Start) && !it.End.After(w.End) {
					inside = true
				}
			}
			if !inside {
				t.Errorf("%s at %v-%v is outside its windows", it.Title, it.Start, it.End)
			}
			if it.Start.Before(day.Date.At(day.Start, loc)) || it.End.After(day.Date.At(day.End, loc)) {
				t.Errorf("%s at %v-%v is outside its day", it.Title, it.Start, it.End)
			}
		}
	}
	it := p.Itinerary(in.Program.TenantID, 0, "test")
	if err := it.Validate(); err != nil {
		t.Errorf("proposal does not validate: %v", err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// From scratch, the engine builds the seed's days from the demo's candidates.
func TestBuildReproducesTheSeed(t *testing.T) {
	t.Parallel()
	s, tid, pid := mustDemo(t)
	in := mustInput(t, s, tid, pid)
	want := currentTitlesByDay(t, in)
	in.Current = nil
	p, err := planning.Build(ctx, in, planning.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got := titlesByDay(p); !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("engine days %q\nwant the seed's %q", got, want)
	}
	if !p.Complete || p.Repaired {
		t.Fatalf("complete %v repaired %v", p.Complete, p.Repaired)
	}
	if len(p.LeftOut) == 0 {
		t.Fatal("the demo has more candidates than fit, but nothing was left out")
	}
	for _, l := range p.LeftOut {
		if l.Explanation == "" || l.Title == "" {
			t.Errorf("left out without a reason: %+v", l)
		}
	}
	checkFeasible(t, in, p)
}

// Against the current itinerary, a re-run keeps every sent item.
func TestRepairKeepsWhatWasSent(t *testing.T) {
	t.Parallel()
	s, tid, pid := mustDemo(t)
	in := mustInput(t, s, tid, pid)
	p, err := planning.Build(ctx, in, planning.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Repaired || p.Moved != 0 {
		t.Fatalf("repaired %v moved %d", p.Repaired, p.Moved)
	}
	_, moved, dropped := p.Counts()
	if moved != 0 || dropped != 0 {
		t.Fatalf("moved %d dropped %d of the sent itinerary", moved, dropped)
	}
	if p.Value < p.CurrentValue {
		t.Fatalf("value %d below the current %d", p.Value, p.CurrentValue)
	}
	checkFeasible(t, in, p)
}

// When a resource declines, the repair drops that meeting with a reason,
// keeps the others where they were, and the result can be applied.
func TestRepairAfterDecline(t *testing.T) {
	t.Parallel()
	s, tid, pid := mustDemo(t)
	in := mustInput(t, s, tid, pid)
	var declined itinera.Meeting
	for _, m := range in.Meetings {
		if strings.Contains(m.Title, "Post-Dispatch") || strings.Contains(m.HostOrganizationName, "Post-Dispatch") {
			declined = m
		}
	}
	if declined.ID == 0 {
		t.Fatal("no Post-Dispatch meeting in the demo")
	}
	declined.Status = itinera.MeetingDeclined
	if err := s.UpdateMeeting(ctx, &declined); err != nil {
		t.Fatal(err)
	}
	in = mustInput(t, s, tid, pid)
	p, err := planning.Build(ctx, in, planning.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, moved, dropped := p.Counts()
	if dropped != 1 || moved != 0 {
		t.Fatalf("dropped %d moved %d; want exactly the declined meeting dropped", dropped, moved)
	}
	var found bool
	for _, l := range p.LeftOut {
		if l.Dropped && l.Title == declined.Title && strings.Contains(l.Explanation, "declined") {
			found = true
		}
	}
	if !found {
		t.Fatalf("declined meeting not reported: %+v", p.LeftOut)
	}
	checkFeasible(t, in, p)
	it := p.Itinerary(tid, 0, "after decline")
	if err := s.SaveItinerary(ctx, &it); err != nil {
		t.Fatal(err)
	}
	cur, _ := s.CurrentItinerary(ctx, tid, pid)
	if cur.Version != 2 {
		t.Fatalf("version %d", cur.Version)
	}
}

// A pinned item is scheduled exactly at its pin, and the proposal carries it.
func TestPin(t *testing.T) {
	t.Parallel()
	s, tid, pid := mustDemo(t)
	in := mustInput(t, s, tid, pid)
	in.Current = nil
	// Pin the last meeting of Tuesday thirty minutes later than planned.
	base, err := planning.Build(ctx, in, planning.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	last := base.Days[3].Items[len(base.Days[3].Items)-1]
	pinAt := last.Start.Add(30 * time.Minute)
	in.Pins = map[string]time.Time{last.Key: pinAt}
	p, err := planning.Build(ctx, in, planning.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range p.Days {
		for _, it := range d.Items {
			if it.Key == last.Key {
				if !it.Start.Equal(pinAt) || !it.Pinned {
					t.Fatalf("pinned item at %v (pinned %v), want %v", it.Start, it.Pinned, pinAt)
				}
				return
			}
		}
	}
	t.Fatalf("pinned item %s not scheduled", last.Title)
}

func TestBuildNeedsAHotel(t *testing.T) {
	t.Parallel()
	s, tid, pid := mustDemo(t)
	in := mustInput(t, s, tid, pid)
	in.Program.HotelPlaceID = 0
	if _, err := planning.Build(ctx, in, planning.Options{}); itinera.ErrorCode(err) != itinera.EINVALID {
		t.Fatalf("no hotel: %v", err)
	}
}

// BenchmarkRepairDemo measures a re-run of the demo program after a change.
func BenchmarkRepairDemo(b *testing.B) {
	s, tid, pid := mustDemo(b)
	in := mustInput(b, s, tid, pid)
	for b.Loop() {
		if _, err := planning.Build(ctx, in, planning.Options{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSolveDemo measures a fresh build of the demo program.
func BenchmarkSolveDemo(b *testing.B) {
	s, tid, pid := mustDemo(b)
	in := mustInput(b, s, tid, pid)
	in.Current = nil
	for b.Loop() {
		if _, err := planning.Build(ctx, in, planning.Options{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// A new program with a hotel and nothing else gives an empty proposal.
func TestBuildEmptyProgram(t *testing.T) {
	t.Parallel()
	s := storetest.SQLite(t)
	tenant := itinera.Tenant{Slug: "empty", Name: "Empty", TimeZone: "America/Chicago"}
	if err := s.CreateTenant(ctx, &tenant); err != nil {
		t.Fatal(err)
	}
	hotel := itinera.Place{TenantID: tenant.ID, Name: "Hotel", Kind: itinera.PlaceHotel, Address: "315 Chestnut St", Lat: 38.62, Lon: -90.19}
	if err := s.CreatePlace(ctx, &hotel); err != nil {
		t.Fatal(err)
	}
	p := itinera.Program{TenantID: tenant.ID, Title: "New", City: "St. Louis", TimeZone: "America/Chicago",
		StartDate: itinera.MustDate("2027-03-13"), EndDate: itinera.MustDate("2027-03-15"), HotelPlaceID: hotel.ID}
	if err := s.CreateProgram(ctx, &p); err != nil {
		t.Fatal(err)
	}
	in := mustInput(t, s, tenant.ID, p.ID)
	prop, err := planning.Build(ctx, in, planning.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(prop.Days) != 3 || prop.Value != 0 || len(prop.LeftOut) != 0 || !prop.Complete {
		t.Fatalf("empty proposal %+v", prop)
	}
	for _, d := range prop.Days {
		if len(d.Items) != 0 {
			t.Fatalf("items on an empty program: %+v", d)
		}
	}
}

// A day whose stored lunch window lies outside it (older versions accepted
// one) is refused as invalid, naming the day, and never fails as an
// internal error.
func TestBuildRefusesLunchOutsideDay(t *testing.T) {
	t.Parallel()
	s, tid, pid := mustDemo(t)
	in := mustInput(t, s, tid, pid)
	d := &in.Days[1]
	d.LunchFrom, d.LunchTo, d.LunchMinutes = d.Start-120, d.Start-60, 30
	_, err := planning.Build(ctx, in, planning.Options{Seed: 1, MaxIterations: 10})
	if itinera.ErrorCode(err) != itinera.EINVALID {
		t.Fatalf("error %v, want invalid", err)
	}
	day := d.Date.In(time.UTC).Format("Monday 2 January")
	if msg := itinera.ErrorMessage(err); !strings.Contains(msg, day) || !strings.Contains(msg, "Lunch cannot start before") {
		t.Errorf("message %q does not say which day to correct (%s)", msg, day)
	}
}
