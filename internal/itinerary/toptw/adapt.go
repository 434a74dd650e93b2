package toptw

import (
	"fmt"
	"math"
	"strconv"

	"itinera/internal/itinerary"
)

// Problem turns an instance into an itinerary problem with the given
// number of tours. Tour k is the day [k·(Tmax+1), k·(Tmax+1)+Tmax] in
// units of 1/Scale; place IDs are the vertex numbers ("0" is the depot).
func Problem(in *Instance, tours int) itinerary.Problem {
	sc := float64(in.Scale)
	units := func(x float64) int { return int(math.Round(x * sc)) }
	tmax := units(in.Tmax)
	off := tmax + 1
	n := len(in.Customers)
	idx := map[string]int{"0": 0}
	p := itinerary.Problem{WindowRule: itinerary.StartOfService}
	p.Places = append(p.Places, itinerary.Place{ID: "0"})
	for i, c := range in.Customers {
		id := strconv.Itoa(c.Num)
		idx[id] = i + 1
		p.Places = append(p.Places, itinerary.Place{ID: id})
	}
	tt := make([][]int, n+1)
	for i := range tt {
		tt[i] = make([]int, n+1)
		for j := range tt[i] {
			tt[i][j] = units(in.distance(i, j))
		}
	}
	p.Travel = func(from, to string) int { return tt[idx[from]][idx[to]] }
	for k := range tours {
		p.Days = append(p.Days, itinerary.Day{
			Label: fmt.Sprintf("tour %d", k+1), Start: "0", End: "0",
			Depart: k * off, Return: k*off + tmax,
		})
	}
	if in.Format == MCTOPMTW {
		p.Limits = append(p.Limits, itinerary.Limit{Name: "budget", Max: in.Budget})
		for z, m := range in.TypeMax {
			p.Limits = append(p.Limits, itinerary.Limit{Name: "type" + strconv.Itoa(z+1), Max: m})
		}
	}
	for _, c := range in.Customers {
		cand := itinerary.Candidate{
			ID: strconv.Itoa(c.Num), Place: strconv.Itoa(c.Num),
			Duration: units(c.Service), Value: c.Score, Kind: itinerary.Activity,
		}
		for k := range tours {
			for _, w := range c.WindowsOnTour(k) {
				// Clip to the tour so that a window never reaches into the next one.
				from, to := max(units(w[0]), 0), min(units(w[1]), tmax)
				if from <= to {
					cand.Windows = append(cand.Windows, itinerary.Window{From: k*off + from, To: k*off + to})
				}
			}
		}
		if in.Format == MCTOPMTW {
			cand.Uses = map[string]int{"budget": c.Fee}
			for z, f := range c.Types {
				if f != 0 {
					cand.Uses["type"+strconv.Itoa(z+1)] = f
				}
			}
		}
		p.Candidates = append(p.Candidates, cand)
	}
	return p
}

// Routes extracts the customer numbers per tour from a result.
func Routes(res *itinerary.Result) [][]int {
	out := make([][]int, len(res.Days))
	for k, d := range res.Days {
		out[k] = []int{}
		for _, it := range d.Items {
			if n, err := strconv.Atoi(it.CandidateID); err == nil {
				out[k] = append(out[k], n)
			}
		}
	}
	return out
}

// distance is the distance between the vertices at positions a and b (0:
// the depot, i: Customers[i-1]) by the convention of the file: the
// adapter's travel times and CompareVersions use it (Check keeps its own
// code, to share none with the adapter).
func (in *Instance) distance(a, b int) float64 {
	if in.Dist != nil {
		return in.Dist[a][b]
	}
	xy := func(p int) (float64, float64) {
		if p == 0 {
			return in.DepotX, in.DepotY
		}
		return in.Customers[p-1].X, in.Customers[p-1].Y
	}
	ax, ay := xy(a)
	bx, by := xy(b)
	sc := float64(in.Scale)
	return math.Floor(math.Hypot(ax-bx, ay-by)*sc+1e-9) / sc
}
