// Command matching cross-checks the home-hospitality matching engine against
// CBC: it generates the benchmark instances, solves each with the engine
// (timed) and, from an LP file written independently of the engine, with
// CBC, and compares the number of visitors placed.
//
//	go run ./bench/matching -n 60 -dir /tmp/matching-bench
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"itinera/internal/matching"
	"itinera/internal/matching/matchingtest"
)

func main() {
	n := flag.Int("n", 60, "number of instances")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "matching-bench"), "directory for the JSON, LP and solution files")
	cbc := flag.String("cbc", "cbc", "CBC binary; empty to skip the cross-check")
	reps := flag.Int("reps", 3, "engine runs per instance (the fastest is reported)")
	only := flag.Int("only", -1, "run only this instance")
	timeout := flag.Duration("timeout", time.Minute, "time limit of one engine run")
	series := flag.String("series", "mixed", "instance series: mixed (10-40 visitors, 6-30 households) or hard (40 x 30, harsher rules)")
	flag.Parse()
	gen := matchingtest.Benchmark
	switch *series {
	case "mixed":
	case "hard":
		gen = matchingtest.Hard
	default:
		fmt.Fprintf(os.Stderr, "matching bench: unknown series %q\n", *series)
		os.Exit(2)
	}
	if err := run(gen, *n, *only, *timeout, *dir, *cbc, *reps); err != nil {
		fmt.Fprintln(os.Stderr, "matching bench:", err)
		os.Exit(1)
	}
}

func run(gen func(int) matching.Input, n, only int, timeout time.Duration, dir, cbc string, reps int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var match, optimal int
	var engMax, engSum, cbcMax, cbcSum time.Duration
	fmt.Printf("%-4s %4s %4s %3s %3s %3s %4s %8s %8s %10s %10s %s\n",
		"inst", "vis", "hh", "int", "tog", "apt", "minG", "engine", "cbc", "engine_ms", "cbc_ms", "nodes")
	for k := range n {
		if only >= 0 && k != only {
			continue
		}
		in := gen(k)
		base := filepath.Join(dir, fmt.Sprintf("inst-%02d", k))
		data, err := json.MarshalIndent(in, "", " ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(base+".json", data, 0o644); err != nil {
			return err
		}
		var res matching.Result
		best := time.Duration(1 << 62)
		for range max(reps, 1) {
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			start := time.Now()
			res, err = matching.Solve(ctx, in)
			cancel()
			if d := time.Since(start); d < best {
				best = d
			}
			if err != nil {
				return fmt.Errorf("instance %d: %w", k, err)
			}
		}
		if vs := matching.Check(in, res); len(vs) > 0 {
			return fmt.Errorf("instance %d: engine result breaks %d rules, first: %s", k, len(vs), vs[0].Message)
		}
		if res.Stats.Optimal {
			optimal++
		}
		engMax = max(engMax, best)
		engSum += best

		cbcPlaced, cbcTime := -1, time.Duration(0)
		if cbc != "" {
			f, err := os.Create(base + ".lp")
			if err != nil {
				return err
			}
			if err := writeLP(f, in); err != nil {
				return err
			}
			f.Close()
			start := time.Now()
			cmd := exec.Command(cbc, base+".lp", "sec", "600", "threads", "1", "solve", "solu", base+".sol")
			if out, err := cmd.CombinedOutput(); err != nil {
				return fmt.Errorf("instance %d: cbc: %v\n%s", k, err, out)
			}
			cbcTime = time.Since(start)
			cbcPlaced, err = readSolution(base + ".sol")
			if err != nil {
				return fmt.Errorf("instance %d: %w", k, err)
			}
			cbcMax = max(cbcMax, cbcTime)
			cbcSum += cbcTime
			if cbcPlaced == res.Stats.Placed {
				match++
			}
		}
		mg := in.MinGroup
		if mg == 0 {
			mg = matching.DefaultMinGroup
		}
		fmt.Printf("%-4d %4d %4d %3d %3d %3d %4d %8d %8d %10.2f %10.1f %d\n",
			k, len(in.Visitors), len(in.Households)-len(in.Unavailable), len(in.Interpreters), len(in.Together), len(in.Apart), mg,
			res.Stats.Placed, cbcPlaced, ms(best), ms(cbcTime), res.Stats.Nodes)
	}
	fmt.Printf("\ninstances: %d; engine proved optimal: %d; engine = CBC optimum: %d/%d\n", n, optimal, match, n)
	fmt.Printf("engine time: max %.2f ms, avg %.2f ms; CBC time: max %.1f ms, avg %.1f ms\n",
		ms(engMax), ms(engSum)/float64(n), ms(cbcMax), ms(cbcSum)/float64(n))
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// readSolution counts the x variables at 1 in a CBC solution file, after
// checking that CBC proved optimality.
func readSolution(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	if !sc.Scan() {
		return 0, fmt.Errorf("empty CBC solution %s", path)
	}
	if status := sc.Text(); !strings.HasPrefix(status, "Optimal") {
		return 0, fmt.Errorf("CBC did not prove optimality: %s", status)
	}
	placed := 0
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 3 || !strings.HasPrefix(fields[1], "x_") {
			continue
		}
		val, err := strconv.ParseFloat(fields[2], 64)
		if err != nil {
			return 0, fmt.Errorf("solution line %q: %w", sc.Text(), err)
		}
		if val > 0.5 {
			placed++
		}
	}
	return placed, sc.Err()
}
