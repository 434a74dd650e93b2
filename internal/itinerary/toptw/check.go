package toptw

import (
	"fmt"
	"math"
)

// Check verifies routes (customer numbers of the file, one slice per
// tour) against the instance with tours tours, recomputing everything from
// the file data in float64 with the distance convention. It shares no
// code with the solver or the adapter and returns the score.
func Check(in *Instance, tours int, routes [][]int) (int, error) {
	if len(routes) > tours {
		return 0, fmt.Errorf("%d routes for %d tours", len(routes), tours)
	}
	byNum := map[int]*Vertex{}
	for i := range in.Customers {
		byNum[in.Customers[i].Num] = &in.Customers[i]
	}
	// dist is the distance from vertex a at (ax, ay) to vertex b at
	// (bx, by): the file's matrix when it has one (already at the
	// convention's precision), else the Euclidean distance truncated to
	// 1/Scale.
	dist := func(a, b int, ax, ay, bx, by float64) float64 {
		if in.Dist != nil {
			return in.Dist[a][b]
		}
		d := math.Sqrt((ax-bx)*(ax-bx) + (ay-by)*(ay-by))
		sc := float64(in.Scale)
		return math.Floor(d*sc+1e-9) / sc
	}
	const eps = 1e-6
	seen := map[int]bool{}
	score, fee := 0, 0
	types := make([]int, len(in.TypeMax))
	for k, r := range routes {
		x, y, t, at := in.DepotX, in.DepotY, 0.0, 0
		for _, num := range r {
			v, ok := byNum[num]
			if !ok {
				return 0, fmt.Errorf("tour %d: no customer %d", k+1, num)
			}
			if seen[num] {
				return 0, fmt.Errorf("customer %d visited twice", num)
			}
			seen[num] = true
			t += dist(at, num, x, y, v.X, v.Y)
			start := math.Inf(1)
			for _, w := range v.WindowsOnTour(k) {
				if t <= w[1]+eps {
					start = math.Max(t, w[0])
					break
				}
			}
			if math.IsInf(start, 1) {
				return 0, fmt.Errorf("tour %d: customer %d reached at %.2f, after its windows close", k+1, num, t)
			}
			t = start + v.Service
			x, y, at = v.X, v.Y, num
			score += v.Score
			fee += v.Fee
			for z, f := range v.Types {
				if z < len(types) {
					types[z] += f
				}
			}
		}
		t += dist(at, 0, x, y, in.DepotX, in.DepotY)
		if t > in.Tmax+eps {
			return 0, fmt.Errorf("tour %d returns at %.2f after Tmax %.2f", k+1, t, in.Tmax)
		}
	}
	if in.Format == MCTOPMTW {
		if fee > in.Budget {
			return 0, fmt.Errorf("entrance fees %d exceed the budget %d", fee, in.Budget)
		}
		for z, n := range types {
			if n > in.TypeMax[z] {
				return 0, fmt.Errorf("%d visits of type %d exceed its limit %d", n, z+1, in.TypeMax[z])
			}
		}
	}
	return score, nil
}
