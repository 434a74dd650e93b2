package toptw

import (
	"context"
	"math/rand/v2"
	"testing"

	"itinera/internal/itinerary"
)

// randomInstance makes a small instance in either format, with windows,
// fees and type limits drawn at random.
func randomInstance(seed uint64, f Format) *Instance {
	rng := rand.New(rand.NewPCG(seed, 3))
	in := &Instance{Name: "rand", Format: f, Scale: 10 + 90*rng.IntN(2), Tmax: 200 + float64(rng.IntN(200))}
	in.DepotX, in.DepotY = float64(rng.IntN(50)), float64(rng.IntN(50))
	if f == MCTOPMTW {
		in.Tours = 1 + rng.IntN(4)
		in.Budget = 50 + rng.IntN(200)
		for range 10 {
			in.TypeMax = append(in.TypeMax, 1+rng.IntN(4))
		}
	}
	n := 5 + rng.IntN(30)
	for i := range n {
		v := Vertex{Num: i + 1, X: rng.Float64() * 50, Y: rng.Float64() * 50,
			Service: float64(rng.IntN(20)) + 0.5*float64(rng.IntN(2)), Score: 1 + rng.IntN(30)}
		if f == MCTOPMTW {
			v.Num = i + 2
			v.Fee = rng.IntN(40)
			for range 10 {
				v.Types = append(v.Types, rng.IntN(2))
			}
			var b [5]float64
			b[0] = float64(rng.IntN(int(in.Tmax)))
			for k := 1; k < 5; k++ {
				b[k] = b[k-1] + float64(rng.IntN(40))/2
			}
			odd := [][2]float64{{b[0], b[1]}, {b[2], b[3]}}
			even := [][2]float64{{b[1], b[2]}, {b[3], b[4]}}
			v.Windows = [2][][2]float64{odd, even}
		} else {
			o := float64(rng.IntN(int(in.Tmax)))
			w := [][2]float64{{o, o + float64(rng.IntN(100))}}
			v.Windows = [2][][2]float64{w, w}
		}
		in.Customers = append(in.Customers, v)
	}
	return in
}

// Every solution the engine returns passes the independent checker, and
// the engine's value equals the checker's score.
func TestRandomInstancesFeasible(t *testing.T) {
	t.Parallel()
	for seed := range uint64(60) {
		f := TOPTW
		if seed%2 == 1 {
			f = MCTOPMTW
		}
		in := randomInstance(seed, f)
		m := in.Tours
		if f == TOPTW {
			m = 1 + int(seed%4)
		}
		res, err := itinerary.Solve(context.Background(), Problem(in, m), itinerary.Options{Seed: seed, MaxIterations: 60})
		if err != nil {
			t.Fatal(err)
		}
		score, err := Check(in, m, Routes(res))
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if score != res.Value {
			t.Fatalf("seed %d: checker %d, engine %d", seed, score, res.Value)
		}
	}
}
