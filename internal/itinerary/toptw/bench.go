package toptw

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"time"

	"itinera/internal/itinerary"
)

const usage = `Usage:
  itinera bench toptw [--tours M] [--time-limit SECONDS] [--seed N] [--workers W] [--iterations N] [--clock wall|cpu] FILE...
      (FILE: a TOPTW file, or a Righini & Salani .OUT file, e.g. tests/Cordeau/pr16.OUT of optw_tests.zip)
  itinera bench mctopmtw [--time-limit SECONDS] [--seed N] [--workers W] [--iterations N] [--clock wall|cpu] FILE...
  itinera bench report --bks bks.csv --reference mctopmtw_reference.csv RESULTS.jsonl...
  itinera bench versions A B [A B ...]   (how two files of one instance differ, e.g. pr16.txt pr16.OUT)
  itinera bench compare --bks bks.csv --a 'GLOB' --b 'GLOB' [--a-label NAME] [--b-label NAME]
      (per instance and m: the best known value and the scores of two sets of results)
`

// Line is one JSON line of output.
type Line struct {
	Instance string  `json:"instance"`
	Tours    int     `json:"tours"`
	Score    int     `json:"score"`
	Seconds  float64 `json:"seconds"` // wall clock
	// CPUSeconds is the process CPU time of the run (it includes the
	// garbage collector's work on other threads).
	CPUSeconds float64 `json:"cpu_seconds"`
	Iterations int     `json:"iterations"`
	Routes     [][]int `json:"routes"`
}

// Main runs "itinera bench" with args after "bench". It returns the exit
// code: 0 on success, 1 when a file fails or a route is infeasible, 2 on
// bad usage.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "toptw", "mctopmtw":
		return runSolve(ctx, args[0], args[1:], stdout, stderr)
	case "report":
		return runReport(args[1:], stdout, stderr)
	case "versions":
		return runVersions(args[1:], stdout, stderr)
	case "compare":
		return runCompare(args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "itinera bench: unknown benchmark %q\n%s", args[0], usage)
	return 2
}

func runSolve(ctx context.Context, kind string, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench "+kind, flag.ContinueOnError)
	fs.SetOutput(stderr)
	tours := 1
	if kind == "toptw" {
		fs.IntVar(&tours, "tours", 1, "number of tours m (1..4 in the literature)")
	}
	defLimit := 5.0
	if kind == "mctopmtw" {
		defLimit = 2
	}
	limit := fs.Float64("time-limit", defLimit, "seconds per file")
	seed := fs.Uint64("seed", 1, "random seed")
	workers := fs.Int("workers", 1, "parallel searches (benchmark figures use 1)")
	clock := fs.String("clock", "wall", "what --time-limit measures: wall (elapsed) or cpu (this process's CPU time)")
	iters := fs.Int("iterations", 0, "stop after this many iterations per worker (0: time limit only); makes runs reproducible")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintf(stderr, "itinera bench %s: no files given\n", kind)
		return 2
	}
	if *clock != "wall" && *clock != "cpu" {
		fmt.Fprintf(stderr, "itinera bench %s: --clock must be wall or cpu\n", kind)
		return 2
	}
	if tours < 1 || *limit <= 0 || math.IsInf(*limit, 0) || *workers < 1 || *iters < 0 {
		fmt.Fprintf(stderr, "itinera bench %s: --tours, --time-limit and --workers must be positive\n", kind)
		return 2
	}
	enc := json.NewEncoder(stdout)
	code := 0
	for _, path := range fs.Args() {
		data, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", path, err)
			code = 1
			continue
		}
		var in *Instance
		m := tours
		if kind == "toptw" {
			in, err = parseTOPTWFile(path, data)
		} else {
			in, err = ParseMCTOPMTW(path, data)
			if err == nil {
				m = in.Tours
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", path, err)
			code = 1
			continue
		}
		prob := Problem(in, m)
		opt := itinerary.Options{Seed: *seed, Workers: *workers, MaxIterations: *iters}
		start, cpu0 := time.Now(), cpuSeconds()
		opt.TimeLimit = time.Duration(*limit * float64(time.Second))
		if *clock == "cpu" {
			opt.Clock = cpuClock
		}
		res, err := itinerary.Solve(ctx, prob, opt)
		secs := time.Since(start).Seconds()
		cpu := cpuSeconds() - cpu0
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", path, err)
			code = 1
			continue
		}
		routes := Routes(res)
		score, cerr := Check(in, m, routes)
		line := Line{Instance: in.Name, Tours: m, Score: score, Seconds: math.Round(secs*100) / 100,
			CPUSeconds: math.Round(cpu*100) / 100, Iterations: res.Iterations, Routes: routes}
		if err := enc.Encode(line); err != nil {
			fmt.Fprintf(stderr, "itinera bench: %v\n", err)
			return 1
		}
		if cerr != nil {
			fmt.Fprintf(stderr, "%s: INFEASIBLE: %v\n", path, cerr)
			code = 1
		} else if score != res.Value {
			fmt.Fprintf(stderr, "%s: checker score %d differs from engine value %d\n", path, score, res.Value)
			code = 1
		}
	}
	return code
}
