package itinerary_test

import (
	"context"
	"errors"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"itinera/internal/itinerary"
)

// line builds a problem on a line of places: travel is |i-j| * 10 minutes.
func line(days []itinerary.Day, cands ...itinerary.Candidate) itinerary.Problem {
	p := itinerary.Problem{Days: days, Candidates: cands}
	pos := map[string]int{"H": 0}
	p.Places = append(p.Places, itinerary.Place{ID: "H"})
	for i := 1; i <= 9; i++ {
		id := string(rune('0' + i))
		pos[id] = i
		p.Places = append(p.Places, itinerary.Place{ID: id})
	}
	p.Travel = func(a, b string) int {
		d := pos[a] - pos[b]
		if d < 0 {
			d = -d
		}
		return 10 * d
	}
	return p
}

func day(from, to int) itinerary.Day {
	return itinerary.Day{Label: "Monday", Start: "H", End: "H", Depart: from, Return: to}
}

func mustSolve(t *testing.T, p itinerary.Problem) *itinerary.Result {
	t.Helper()
	res, err := itinerary.Solve(context.Background(), p, itinerary.Options{Seed: 1, MaxIterations: 200})
	if err != nil {
		t.Fatal(err)
	}
	if err := checkResult(p, res); err != nil {
		t.Fatalf("infeasible result: %v", err)
	}
	return res
}

func scheduled(res *itinerary.Result) []string {
	var ids []string
	for _, d := range res.Days {
		for _, it := range d.Items {
			if !it.Lunch {
				ids = append(ids, it.CandidateID)
			}
		}
	}
	return ids
}

func leftOut(res *itinerary.Result, id string) *itinerary.LeftOut {
	for i := range res.LeftOut {
		if res.LeftOut[i].CandidateID == id {
			return &res.LeftOut[i]
		}
	}
	return nil
}

func TestWindowBoundsWholeMeetingOrStart(t *testing.T) {
	t.Parallel()
	// Place 1 is 10 minutes away; window 100-150, duration 60.
	c := itinerary.Candidate{ID: "a", Place: "1", Duration: 60, Value: 10, Windows: []itinerary.Window{{From: 100, To: 150}}}
	p := line([]itinerary.Day{day(0, 300)}, c)
	res := mustSolve(t, p)
	if lo := leftOut(res, "a"); lo == nil || lo.Reason != itinerary.NoWindowFits {
		t.Fatalf("whole-meeting rule: want a left out (no window fits), got %+v", res)
	}
	p.WindowRule = itinerary.StartOfService
	res = mustSolve(t, p)
	if got := scheduled(res); !reflect.DeepEqual(got, []string{"a"}) || res.Days[0].Items[0].Start != 100 {
		t.Fatalf("start-of-service rule: got %v %+v", got, res.Days[0].Items)
	}
	if it := res.Days[0].Items[0]; it.Travel != 10 || it.Wait != 90 || res.Days[0].ReturnAt != 170 {
		t.Fatalf("travel/wait/return wrong: %+v return %d", it, res.Days[0].ReturnAt)
	}
}

func TestReturnAndTravelCount(t *testing.T) {
	t.Parallel()
	// Place 9 is 90 minutes away: 90 + 30 + 90 = 210 > 200.
	c := itinerary.Candidate{ID: "far", Place: "9", Duration: 30, Value: 10, Windows: []itinerary.Window{{From: 0, To: 1000}}}
	res := mustSolve(t, line([]itinerary.Day{day(0, 200)}, c))
	lo := leftOut(res, "far")
	if lo == nil || lo.Reason != itinerary.NoWindowFits || !strings.Contains(lo.Explanation, "travel") {
		t.Fatalf("got %+v", res.LeftOut)
	}
	res = mustSolve(t, line([]itinerary.Day{day(0, 210)}, c))
	if len(scheduled(res)) != 1 {
		t.Fatal("exactly fitting item not scheduled")
	}
}

func TestLunchBreak(t *testing.T) {
	t.Parallel()
	d := day(480, 1080)
	d.Lunch = &itinerary.Lunch{From: 720, To: 810, Duration: 60}
	// Only fits 11:00-13:00, which leaves no hour for lunch in 12:00-13:30.
	c := itinerary.Candidate{ID: "long", Place: "1", Duration: 120, Value: 50, Windows: []itinerary.Window{{From: 660, To: 780}}}
	res := mustSolve(t, line([]itinerary.Day{d}, c))
	lo := leftOut(res, "long")
	if lo == nil || lo.Reason != itinerary.BreaksLunch {
		t.Fatalf("want lunch reason, got %+v", res.LeftOut)
	}
	// A morning and an afternoon meeting around lunch, lunch taken at place 1.
	a := itinerary.Candidate{ID: "am", Place: "1", Duration: 60, Value: 10, Windows: []itinerary.Window{{From: 600, To: 780}}}
	b := itinerary.Candidate{ID: "pm", Place: "2", Duration: 60, Value: 10, Windows: []itinerary.Window{{From: 780, To: 900}}}
	res = mustSolve(t, line([]itinerary.Day{d}, a, b))
	items := res.Days[0].Items
	if len(items) != 3 || !items[1].Lunch || items[1].Travel != 0 || items[2].Travel != 10 {
		t.Fatalf("want am, lunch, pm with travel after lunch: %+v", items)
	}
}

func TestMeetingCapAndLimits(t *testing.T) {
	t.Parallel()
	d := day(0, 1000)
	d.MaxMeetings = 1
	w := []itinerary.Window{{From: 0, To: 1000}}
	p := line([]itinerary.Day{d},
		itinerary.Candidate{ID: "m1", Place: "1", Duration: 30, Value: 20, Windows: w},
		itinerary.Candidate{ID: "m2", Place: "2", Duration: 30, Value: 10, Windows: w},
		itinerary.Candidate{ID: "act", Place: "3", Duration: 30, Value: 5, Windows: w, Kind: itinerary.Activity, Uses: map[string]int{"budget": 20}},
		itinerary.Candidate{ID: "act2", Place: "4", Duration: 30, Value: 4, Windows: w, Kind: itinerary.Activity, Uses: map[string]int{"budget": 20}},
	)
	p.Limits = []itinerary.Limit{{Name: "budget", Max: 30}}
	res := mustSolve(t, p)
	got := scheduled(res)
	sort.Strings(got)
	if strings.Join(got, ",") != "act,m1" {
		t.Fatalf("got %s", got)
	}
	if lo := leftOut(res, "m2"); lo.Reason != itinerary.DayCapReached {
		t.Fatalf("m2: %+v", lo)
	}
	if lo := leftOut(res, "act2"); lo.Reason != itinerary.LimitReached || !strings.Contains(lo.Explanation, "budget") {
		t.Fatalf("act2: %+v", lo)
	}
}

func TestPinnedAndLowerValueReasons(t *testing.T) {
	t.Parallel()
	pin := 100
	w := []itinerary.Window{{From: 90, To: 200}}
	p := line([]itinerary.Day{day(0, 400)},
		itinerary.Candidate{ID: "pinned", Name: "Post-Dispatch", Place: "1", Duration: 60, Value: 1, Windows: w, PinnedStart: &pin},
		itinerary.Candidate{ID: "clash", Place: "1", Duration: 60, Value: 99, Windows: []itinerary.Window{{From: 100, To: 160}}},
		itinerary.Candidate{ID: "best", Place: "2", Duration: 60, Value: 50, Windows: []itinerary.Window{{From: 170, To: 250}}},
		itinerary.Candidate{ID: "worse", Place: "2", Duration: 60, Value: 5, Windows: []itinerary.Window{{From: 170, To: 250}}},
	)
	res := mustSolve(t, p)
	if got := strings.Join(scheduled(res), ","); got != "pinned,best" {
		t.Fatalf("got %s", got)
	}
	lo := leftOut(res, "clash")
	if lo.Reason != itinerary.ConflictsWithPin || !strings.Contains(lo.Explanation, "Post-Dispatch") || lo.Related[0] != "pinned" {
		t.Fatalf("clash: %+v", lo)
	}
	if lo := leftOut(res, "worse"); lo.Reason != itinerary.LowerValue || lo.Related[0] != "best" {
		t.Fatalf("worse: %+v", lo)
	}
}

func TestMandatoryReportedWhenImpossible(t *testing.T) {
	t.Parallel()
	p := line([]itinerary.Day{day(0, 300)},
		itinerary.Candidate{ID: "must", Place: "1", Duration: 60, Value: 1, Mandatory: true, Windows: []itinerary.Window{{From: 500, To: 600}}},
		itinerary.Candidate{ID: "must2", Place: "1", Duration: 60, Value: 1, Mandatory: true, Windows: []itinerary.Window{{From: 100, To: 200}}},
		itinerary.Candidate{ID: "rich", Place: "2", Duration: 60, Value: 100, Windows: []itinerary.Window{{From: 100, To: 200}}},
	)
	res := mustSolve(t, p)
	if res.Complete || len(res.LeftOut) != 2 || res.LeftOut[0].CandidateID != "must" || !res.LeftOut[0].Mandatory {
		t.Fatalf("want must reported first: %+v", res.LeftOut)
	}
	if !strings.HasPrefix(res.LeftOut[0].Explanation, "Required item could not be placed") {
		t.Fatalf("explanation %q", res.LeftOut[0].Explanation)
	}
	if got := scheduled(res); len(got) != 1 || got[0] != "must2" {
		t.Fatalf("mandatory must2 must win over a richer item: %v", got)
	}
}

func TestMultipleWindowsAndDays(t *testing.T) {
	t.Parallel()
	days := []itinerary.Day{day(0, 500), day(1000, 1500)}
	p := line(days,
		itinerary.Candidate{ID: "a", Place: "1", Duration: 100, Value: 10, Windows: []itinerary.Window{{From: 100, To: 200}, {From: 1100, To: 1200}}},
		itinerary.Candidate{ID: "b", Place: "1", Duration: 100, Value: 10, Windows: []itinerary.Window{{From: 100, To: 200}}},
	)
	res := mustSolve(t, p)
	if len(res.Days[0].Items) != 1 || res.Days[0].Items[0].CandidateID != "b" || res.Days[1].Items[0].CandidateID != "a" {
		t.Fatalf("got %+v", res.Days)
	}
}

// An item placed in its first window must be able to move to a later one
// when a more urgent item goes before it (issue 15: the O(1) insertion
// test alone never allowed that).
func TestItemMovesToLaterWindow(t *testing.T) {
	t.Parallel()
	p := line([]itinerary.Day{day(0, 200)},
		// x is worth more, so it is placed first, at 10 in its first window.
		itinerary.Candidate{ID: "x", Place: "1", Duration: 20, Value: 10, Windows: []itinerary.Window{{From: 0, To: 15}, {From: 40, To: 60}}},
		// y must start by 15, so it fits only before x, which then has
		// to move to its second window (start 40).
		itinerary.Candidate{ID: "y", Place: "1", Duration: 20, Value: 5, Windows: []itinerary.Window{{From: 0, To: 15}}},
	)
	p.WindowRule = itinerary.StartOfService
	res := mustSolve(t, p)
	if got := scheduled(res); !reflect.DeepEqual(got, []string{"y", "x"}) {
		t.Fatalf("want y then x, got %v", got)
	}
	if s := res.Days[0].Items[1].Start; s != 40 {
		t.Fatalf("x starts at %d, want 40 (its second window)", s)
	}
}

func TestInvalidProblems(t *testing.T) {
	t.Parallel()
	w := []itinerary.Window{{From: 0, To: 10}}
	for name, p := range map[string]itinerary.Problem{
		"no days":       line(nil),
		"unknown place": line([]itinerary.Day{day(0, 10)}, itinerary.Candidate{ID: "a", Place: "x", Windows: w}),
		"duplicate":     line([]itinerary.Day{day(0, 10)}, itinerary.Candidate{ID: "a", Place: "1"}, itinerary.Candidate{ID: "a", Place: "1"}),
		"backwards day": line([]itinerary.Day{day(10, 0)}),
		"unknown limit": line([]itinerary.Day{day(0, 10)}, itinerary.Candidate{ID: "a", Place: "1", Uses: map[string]int{"x": 1}}),
	} {
		if _, err := itinerary.Solve(context.Background(), p, itinerary.Options{}); !errors.Is(err, itinerary.ErrInvalid) {
			t.Errorf("%s: want ErrInvalid, got %v", name, err)
		}
	}
}

func TestRandomProgramsFeasible(t *testing.T) {
	t.Parallel()
	for seed := range uint64(40) {
		p := randomProgram(seed, 10+int(seed%31), 2+int(seed%5))
		res, err := itinerary.Solve(context.Background(), p, itinerary.Options{Seed: seed, MaxIterations: 150})
		if err != nil {
			t.Fatal(err)
		}
		if err := checkResult(p, res); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
	}
}

func TestDeterministicForSeed(t *testing.T) {
	t.Parallel()
	p := randomProgram(3, 35, 5)
	opt := itinerary.Options{Seed: 42, MaxIterations: 300, Workers: 2}
	a, err := itinerary.Solve(context.Background(), p, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := itinerary.Solve(context.Background(), p, opt)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs with the same seed differ")
	}
}

func TestAnytimeCancel(t *testing.T) {
	t.Parallel()
	p := randomProgram(5, 40, 6)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	res, err := itinerary.Solve(ctx, p, itinerary.Options{MaxIterations: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > time.Second {
		t.Fatalf("cancel took %v", el)
	}
	if err := checkResult(p, res); err != nil {
		t.Fatal(err)
	}
}

func missing(res *itinerary.Result) int {
	n := 0
	for _, lo := range res.LeftOut {
		if lo.Mandatory {
			n++
		}
	}
	return n
}

// Removing a pin and repairing never loses value: the old itinerary is
// still possible and repair starts from it.
func TestUnpinNeverLosesValue(t *testing.T) {
	t.Parallel()
	for seed := range uint64(25) {
		p := randomProgram(100+seed, 15+int(seed), 3+int(seed%3))
		res, err := itinerary.Solve(context.Background(), p, itinerary.Options{Seed: seed, MaxIterations: 100})
		if err != nil {
			t.Fatal(err)
		}
		var sent []itinerary.Sent
		for _, d := range res.Days {
			for _, it := range d.Items {
				if !it.Lunch {
					sent = append(sent, itinerary.Sent{CandidateID: it.CandidateID, Start: it.Start})
				}
			}
		}
		for i := range p.Candidates {
			p.Candidates[i].PinnedStart = nil
		}
		again, err := itinerary.Repair(context.Background(), p, sent, itinerary.Options{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		if err := checkResult(p, again); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		// Lexicographic: required items placed first, then value.
		mb, ma := missing(res), missing(again)
		if ma > mb || (ma == mb && again.Value < res.Value) {
			t.Fatalf("seed %d: got worse: %d required missing, value %d -> %d missing, value %d", seed, mb, res.Value, ma, again.Value)
		}
		if res.Complete && len(again.Moved) > 0 {
			t.Fatalf("seed %d: nothing changed but %v moved", seed, again.Moved)
		}
	}
}

func TestRepairMovesOnlyWhatMust(t *testing.T) {
	t.Parallel()
	p := randomProgram(7, 30, 5)
	res, err := itinerary.Solve(context.Background(), p, itinerary.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var sent []itinerary.Sent
	for _, d := range res.Days {
		for _, it := range d.Items {
			if !it.Lunch {
				sent = append(sent, itinerary.Sent{CandidateID: it.CandidateID, Start: it.Start})
			}
		}
	}
	if len(sent) < 3 {
		t.Fatalf("too few items: %d", len(sent))
	}
	// The first sent item is declined: drop the candidate.
	declined := sent[0].CandidateID
	var cands []itinerary.Candidate
	for _, c := range p.Candidates {
		if c.ID != declined {
			cands = append(cands, c)
		}
	}
	p.Candidates = cands
	again, err := itinerary.Repair(context.Background(), p, sent, itinerary.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := checkResult(p, again); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.Moved, []string{declined}) {
		t.Fatalf("moved %v, want only %s", again.Moved, declined)
	}
}

func BenchmarkRepair(b *testing.B) {
	p := randomProgram(11, 40, 6)
	res, err := itinerary.Solve(context.Background(), p, itinerary.Options{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var sent []itinerary.Sent
	for _, d := range res.Days {
		for _, it := range d.Items {
			if !it.Lunch {
				sent = append(sent, itinerary.Sent{CandidateID: it.CandidateID, Start: it.Start})
			}
		}
	}
	p.Candidates = p.Candidates[1:]
	b.ResetTimer()
	for b.Loop() {
		if _, err := itinerary.Repair(context.Background(), p, sent, itinerary.Options{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestValueFormulaAndTravelModel(t *testing.T) {
	t.Parallel()
	b := itinerary.ComputeValue(itinerary.ValueInputs{ObjectivesCovered: 2, VisitorsInterested: 5, Priority: 4})
	if b.Subtotal != 10+60+50 || b.Total != 180 || b.PriorityPercent != 150 {
		t.Fatalf("breakdown %+v", b)
	}
	if itinerary.ComputeValue(itinerary.ValueInputs{}).Total != 10 {
		t.Fatal("default priority must keep the base value")
	}
	arch := itinerary.Place{ID: "arch", Lat: 38.6247, Lon: -90.1848}
	slam := itinerary.Place{ID: "slam", Lat: 38.6393, Lon: -90.2944}
	km := itinerary.DistanceKm(arch, slam)
	if km < 9 || km > 10 {
		t.Fatalf("Arch to Art Museum %.2f km", km)
	}
	// 9.6 km * 1.3 / 30 km/h = 25 min + 10 buffer.
	if m := itinerary.Driving().Minutes(arch, slam); m < 33 || m > 37 {
		t.Fatalf("driving %d min", m)
	}
	if itinerary.Walking().Minutes(arch, arch) != 0 {
		t.Fatal("same place must be 0")
	}
}

func BenchmarkSolveProgram(b *testing.B) {
	p := randomProgram(11, 40, 6)
	for b.Loop() {
		if _, err := itinerary.Solve(context.Background(), p, itinerary.Options{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
