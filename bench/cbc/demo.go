package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"itinera/internal/demo"
	"itinera/internal/itinerary"
	"itinera/internal/planning"
	"itinera/internal/store"
)

// crossCheckDemo solves the demo program exactly. The MIP has no lunch
// breaks, so CBC solves the demo without them: a relaxation, whose optimum
// bounds the demo's from above. When the engine's itinerary of the real
// demo (with lunch breaks) reaches that bound, it is proven optimal.
func crossCheckDemo(dir string, cbcTime, iters int) error {
	ctx := context.Background()
	s, err := store.Open(ctx, store.Options{URL: "sqlite:" + filepath.Join(dir, "demo.db")})
	if err != nil {
		return err
	}
	defer s.Close()
	defer os.Remove(filepath.Join(dir, "demo.db"))
	if _, err := s.Migrate(ctx); err != nil {
		return err
	}
	tenant := demo.Tenant()
	if err := s.CreateTenant(ctx, &tenant); err != nil {
		return err
	}
	pid, err := demo.Load(ctx, s.Services(), tenant.ID, time.Now())
	if err != nil {
		return err
	}
	in, err := planning.Load(ctx, s.Services().Readers(), tenant.ID, pid)
	if err != nil {
		return err
	}
	in.Current = nil
	p, err := planning.Problem(in)
	if err != nil {
		return err
	}
	relaxed := p
	relaxed.Days = append([]itinerary.Day(nil), p.Days...)
	for i := range relaxed.Days {
		relaxed.Days[i].Lunch = nil
	}
	lp := filepath.Join(dir, "demo.lp")
	names, err := writeLP(lp, relaxed)
	if err != nil {
		return err
	}
	start := time.Now()
	status, val, bound, err := runCBC(lp, filepath.Join(dir, "demo.sol"), cbcTime, names)
	if err != nil {
		return err
	}
	cbcSecs := time.Since(start).Seconds()
	start = time.Now()
	real, err := itinerary.Solve(ctx, p, itinerary.Options{Seed: 1, MaxIterations: iters})
	if err != nil {
		return err
	}
	ms := time.Since(start).Milliseconds()
	free, err := itinerary.Solve(ctx, relaxed, itinerary.Options{Seed: 1, MaxIterations: iters})
	if err != nil {
		return err
	}
	fmt.Printf("demo program: %d candidates, %d days\n", len(p.Candidates), len(p.Days))
	fmt.Printf("CBC on the demo without lunch breaks: %s, value %d, bound %.1f, %.1f s\n", status, val, bound, cbcSecs)
	fmt.Printf("engine on the demo without lunch breaks: value %d\n", free.Value)
	fmt.Printf("engine on the demo as it is (with lunch breaks): value %d in %d ms, complete %v\n", real.Value, ms, real.Complete)
	if status == "optimal" && real.Value >= val {
		fmt.Println("The engine's demo itinerary reaches the optimum of the relaxation: it is proven optimal.")
	} else {
		fmt.Printf("Gap of the engine's demo itinerary to the relaxation's optimum: %.2f %%\n", float64(val-real.Value)/float64(val)*100)
	}
	return nil
}
