package travel_test

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"testing"

	"itinera/internal/travel"
)

// trip is one row of testdata/trips.csv (docs/travel-calibration.md).
type trip struct {
	Name          string
	From, To      travel.Point
	RoadKm        float64
	DriveMinutes  float64
	Source, Notes string
}

func mustReadTrips(t testing.TB) []trip {
	t.Helper()
	f, err := os.Open("testdata/trips.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []trip
	for i, r := range recs[1:] {
		num := func(j int) float64 {
			v, err := strconv.ParseFloat(r[j], 64)
			if err != nil {
				t.Fatalf("row %d column %d: %v", i+2, j+1, err)
			}
			return v
		}
		out = append(out, trip{Name: r[0] + " → " + r[3],
			From: travel.Point{Lat: num(1), Lon: num(2)}, To: travel.Point{Lat: num(4), Lon: num(5)},
			RoadKm: num(6), DriveMinutes: num(7), Source: r[8], Notes: r[9]})
	}
	return out
}

// oldEstimate is the single-speed estimate the engine used before this
// package: straight line × 1.3 at 30 km/h, plus 10 minutes.
func oldEstimate(a, b travel.Point, buffer bool) float64 {
	m := travel.DistanceKm(a, b) * 1.3 / 30 * 60
	if buffer {
		m += 10
	}
	return m
}

type errorSummary struct {
	Median, P90, MaxOver100 float64 // absolute percentage errors
}

func summarise(trips []trip, estimate func(trip) float64) (errorSummary, []float64) {
	var errs []float64
	var s errorSummary
	for _, tr := range trips {
		e := math.Abs(estimate(tr)-tr.DriveMinutes) / tr.DriveMinutes * 100
		errs = append(errs, e)
		if tr.RoadKm > 100 {
			s.MaxOver100 = max(s.MaxOver100, e)
		}
	}
	sorted := slices.Clone(errs)
	slices.Sort(sorted)
	s.Median = percentile(sorted, 50)
	s.P90 = percentile(sorted, 90)
	return s, errs
}

// percentile by linear interpolation between closest ranks.
func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	r := p / 100 * float64(len(sorted)-1)
	lo := int(math.Floor(r))
	hi := min(lo+1, len(sorted)-1)
	return sorted[lo] + (r-float64(lo))*(sorted[hi]-sorted[lo])
}

// TestCalibration holds the model to the targets on the table of
// real trips: the driving time of a car (no buffer: published times are
// time on the road) has a median absolute percentage error under 20 %, and
// no trip over 100 km is off by more than 30 %.
func TestCalibration(t *testing.T) {
	t.Parallel()
	trips := mustReadTrips(t)
	if len(trips) < 30 {
		t.Fatalf("%d trips; the calibration needs at least 30", len(trips))
	}
	m := travel.Default()
	s, errs := summarise(trips, func(tr trip) float64 { return m.DriveMinutes(tr.From, tr.To, travel.Car) })
	for i, tr := range trips {
		got := m.DriveMinutes(tr.From, tr.To, travel.Car)
		t.Logf("%-80s %6.1f km %6.1f min  model %6.1f min (road %6.1f km)  %+6.1f %%", tr.Name, tr.RoadKm, tr.DriveMinutes,
			got, m.RoadKm(tr.From, tr.To), (got-tr.DriveMinutes)/tr.DriveMinutes*100)
		if tr.RoadKm > 100 && errs[i] > 30 {
			t.Errorf("%s: off by %.1f %%; a trip over 100 km may be off by at most 30 %%", tr.Name, errs[i])
		}
	}
	old, _ := summarise(trips, func(tr trip) float64 { return oldEstimate(tr.From, tr.To, true) })
	oldDrive, _ := summarise(trips, func(tr trip) float64 { return oldEstimate(tr.From, tr.To, false) })
	report := fmt.Sprintf("%d trips: model median %.1f %%, p90 %.1f %%, max over 100 km %.1f %%; "+
		"old single speed (with its 10 min buffer) median %.1f %%, p90 %.1f %%, max over 100 km %.1f %%; "+
		"old without buffer median %.1f %%, p90 %.1f %%, max over 100 km %.1f %%",
		len(trips), s.Median, s.P90, s.MaxOver100, old.Median, old.P90, old.MaxOver100, oldDrive.Median, oldDrive.P90, oldDrive.MaxOver100)
	t.Log(report)
	if testing.Verbose() {
		fmt.Println(report)
	}
	if s.Median >= 20 {
		t.Errorf("median error %.1f %%; the target is under 20 %%", s.Median)
	}
}
