// Command cbc cross-checks the itinerary engine against an exact solver:
// it generates program-sized instances (10-40 candidates, 2-6 days),
// writes each as a mixed-integer program in LP format, solves it with CBC
// (Debian package coinor-cbc), runs the engine on the same instance and
// prints one line per instance plus a summary.
//
//	go run ./bench/cbc -n 25 -dir /tmp/cbc -cbc-time 120
//
// The model covers days with departure and return times, several
// availability windows per candidate (a window bounds the whole meeting),
// travel times estimated from coordinates (the engine's Driving model),
// durations, a meeting cap per day and a program budget. Lunch breaks and
// pins are not modelled (the generated instances have none).
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"itinera/internal/itinerary"
)

func main() {
	n := flag.Int("n", 25, "number of instances")
	seed := flag.Uint64("seed", 1, "first instance seed")
	dir := flag.String("dir", os.TempDir(), "where LP and solution files go")
	cbcTime := flag.Int("cbc-time", 120, "CBC time limit per instance, seconds")
	iters := flag.Int("iterations", 2000, "engine iterations (one worker)")
	demoOnly := flag.Bool("demo", false, "cross-check the demo program instead of generated instances")
	flag.Parse()
	if *demoOnly {
		if err := crossCheckDemo(*dir, *cbcTime, *iters); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("| instance | candidates | days | CBC status | CBC value | CBC bound | CBC s | engine value | engine ms | gap to CBC value % | gap to bound % |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|---|")
	var proven, reached, worse int
	var maxGap, maxBoundGap float64
	for i := range *n {
		s := *seed + uint64(i)
		rng := rand.New(rand.NewPCG(s, 99))
		nc, nd := 10+rng.IntN(31), 2+rng.IntN(5)
		p := generate(s, nc, nd)
		name := fmt.Sprintf("prog%02d", i+1)
		lp := filepath.Join(*dir, name+".lp")
		names, err := writeLP(lp, p)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		start := time.Now()
		status, val, bound, err := runCBC(lp, filepath.Join(*dir, name+".sol"), *cbcTime, names)
		cbcSecs := time.Since(start).Seconds()
		if err != nil {
			fmt.Fprintln(os.Stderr, name, err)
			os.Exit(1)
		}
		start = time.Now()
		res, err := itinerary.Solve(context.Background(), p, itinerary.Options{Seed: 1, MaxIterations: *iters})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		ms := time.Since(start).Milliseconds()
		gap := 0.0
		if val > 0 {
			gap = (float64(val) - float64(res.Value)) / float64(val) * 100
		}
		if status == "optimal" {
			proven++
			if res.Value >= val {
				reached++
			} else {
				worse++
				maxGap = max(maxGap, gap)
			}
			if res.Value > val {
				fmt.Fprintf(os.Stderr, "%s: engine %d above the proven optimum %d: model mismatch\n", name, res.Value, val)
			}
		}
		bgap := 0.0
		if bound > 0 {
			bgap = (bound - float64(res.Value)) / bound * 100
			maxBoundGap = max(maxBoundGap, bgap)
		}
		fmt.Printf("| %s | %d | %d | %s | %d | %.1f | %.1f | %d | %d | %.2f | %.2f |\n", name, nc, nd, status, val, bound, cbcSecs, res.Value, ms, gap, bgap)
	}
	fmt.Printf("\nProven optimal by CBC: %d of %d; engine reached the optimum on %d of them, below it on %d (largest gap %.2f %%).\n",
		proven, *n, reached, worse, maxGap)
	fmt.Printf("Largest gap of the engine to CBC's upper bound over all instances: %.2f %%.\n", maxBoundGap)
}

// generate makes a program-sized instance around downtown St. Louis:
// times in minutes from midnight of day 1, days 08:30-18:00.
func generate(seed uint64, nCand, nDays int) itinerary.Problem {
	rng := rand.New(rand.NewPCG(seed, 7))
	p := itinerary.Problem{Limits: []itinerary.Limit{{Name: "budget", Max: 60}}}
	p.Places = append(p.Places, itinerary.Place{ID: "hotel", Lat: 38.627, Lon: -90.19})
	for d := range nDays {
		day := itinerary.Day{Label: fmt.Sprintf("day %d", d+1), Start: "hotel", End: "hotel",
			Depart: d*1440 + 510, Return: d*1440 + 1080}
		if rng.IntN(3) == 0 {
			day.MaxMeetings = 2 + rng.IntN(2)
		}
		p.Days = append(p.Days, day)
	}
	for i := range nCand {
		id := fmt.Sprintf("c%02d", i)
		p.Places = append(p.Places, itinerary.Place{ID: id,
			Lat: 38.627 + (rng.Float64()-0.5)*0.16, Lon: -90.19 + (rng.Float64()-0.5)*0.2})
		c := itinerary.Candidate{ID: id, Place: id, Duration: 45 + 15*rng.IntN(5),
			Value: itinerary.ComputeValue(itinerary.ValueInputs{ObjectivesCovered: rng.IntN(4), VisitorsInterested: rng.IntN(10), Priority: 1 + rng.IntN(5)}).Total}
		if rng.IntN(6) == 0 {
			c.Kind = itinerary.Activity
			c.Uses = map[string]int{"budget": 10 + rng.IntN(20)}
		}
		for range 1 + rng.IntN(3) {
			d := rng.IntN(nDays)
			from := d*1440 + 510 + 30*rng.IntN(15)
			c.Windows = append(c.Windows, itinerary.Window{From: from, To: min(from+c.Duration+30*rng.IntN(10), d*1440+1080)})
		}
		p.Candidates = append(p.Candidates, c)
	}
	return p
}

// lpNames maps LP visit variables back to candidate values.
type lpNames map[string]int

// writeLP writes the arc-flow model: x_i_j_k (item j right after i on day
// k, 0 is the hotel), y_i_k (i on day k), z_i_w_k (i in window w), s_i_k
// (start time), with big-M time propagation.
func writeLP(path string, p itinerary.Problem) (lpNames, error) {
	places := map[string]itinerary.Place{}
	for _, pl := range p.Places {
		places[pl.ID] = pl
	}
	tm := itinerary.Driving()
	n := len(p.Candidates)
	hotel := "hotel"
	if len(p.Days) > 0 && p.Days[0].Start != "" {
		hotel = p.Days[0].Start
	}
	tt := func(a, b int) int { // 0 = hotel, i = candidate i-1
		pa, pb := places[hotel], places[hotel]
		if a > 0 {
			pa = places[p.Candidates[a-1].Place]
		}
		if b > 0 {
			pb = places[p.Candidates[b-1].Place]
		}
		if p.Travel != nil { // the product's travel service (the demo)
			if pa.ID == pb.ID {
				return 0
			}
			return p.Travel(pa.ID, pb.ID)
		}
		return tm.Minutes(pa, pb)
	}
	type win struct{ open, close int } // start-of-service
	wins := make([][][]win, n+1)       // [i][k]
	for i := 1; i <= n; i++ {
		c := p.Candidates[i-1]
		wins[i] = make([][]win, len(p.Days))
		for k, d := range p.Days {
			for _, w := range c.Windows {
				o, cl := max(w.From, d.Depart), min(w.To-c.Duration, d.Return)
				if o <= cl {
					wins[i][k] = append(wins[i][k], win{o, cl})
				}
			}
		}
	}
	var obj, cons, bins, bounds []string
	names := lpNames{}
	add := func(s string, a ...any) { cons = append(cons, fmt.Sprintf(s, a...)) }
	visit := make([]string, 0)
	budget := []string{}
	for k, d := range p.Days {
		x := func(i, j int) string { return fmt.Sprintf("x_%d_%d_%d", i, j, k) }
		var out0, in0 []string
		on := func(i int) bool { return i == 0 || len(wins[i][k]) > 0 }
		arc := func(i, j int) bool {
			if i == j || !on(i) || !on(j) {
				return false
			}
			if i == 0 || j == 0 {
				return true
			}
			// Earliest end of i plus travel must reach j before its last start.
			ei, lj := 1<<30, -1
			for _, w := range wins[i][k] {
				ei = min(ei, w.open+p.Candidates[i-1].Duration)
			}
			for _, w := range wins[j][k] {
				lj = max(lj, w.close)
			}
			return ei+tt(i, j) <= lj
		}
		outs := make([][]string, n+1)
		ins := make([][]string, n+1)
		// Start-time bounds of i on day k: earliest open, latest close.
		lo := func(i int) int {
			v := 1 << 30
			for _, w := range wins[i][k] {
				v = min(v, w.open)
			}
			return v
		}
		hi := func(i int) int {
			v := -1
			for _, w := range wins[i][k] {
				v = max(v, w.close)
			}
			return v
		}
		for i := 0; i <= n; i++ {
			for j := 0; j <= n; j++ {
				if !arc(i, j) {
					continue
				}
				bins = append(bins, x(i, j))
				outs[i] = append(outs[i], x(i, j))
				ins[j] = append(ins[j], x(i, j))
				// Each big M is the smallest that deactivates the row.
				switch {
				case i == 0:
					out0 = append(out0, x(i, j))
					if m := d.Depart + tt(0, j) - lo(j); m > 0 {
						add("t0_%d_%d: s_%d_%d - %d %s >= %d", j, k, j, k, m, x(i, j), d.Depart+tt(0, j)-m)
					}
				case j == 0:
					in0 = append(in0, x(i, j))
					last := d.Return - p.Candidates[i-1].Duration - tt(i, 0)
					if m := hi(i) - last; m > 0 {
						add("tr_%d_%d: s_%d_%d + %d %s <= %d", i, k, i, k, m, x(i, j), last+m)
					}
				default:
					gap := p.Candidates[i-1].Duration + tt(i, j)
					if m := hi(i) + gap - lo(j); m > 0 {
						add("t_%d_%d_%d: s_%d_%d - s_%d_%d + %d %s <= %d", i, j, k, i, k, j, k, m, x(i, j), m-gap)
					}
				}
			}
		}
		if len(out0) > 0 {
			add("dep_%d: %s <= 1", k, strings.Join(out0, " + "))
			add("ret_%d: %s - %s = 0", k, strings.Join(in0, " + "), strings.Join(out0, " - "))
		}
		var meetings []string
		for i := 1; i <= n; i++ {
			if !on(i) {
				continue
			}
			y := fmt.Sprintf("y_%d_%d", i, k)
			c := p.Candidates[i-1]
			names[y] = c.Value
			bins = append(bins, y)
			obj = append(obj, fmt.Sprintf("%d %s", c.Value, y))
			visit = append(visit, y)
			if len(outs[i]) == 0 || len(ins[i]) == 0 {
				add("no_%d_%d: %s = 0", i, k, y)
				continue
			}
			add("out_%d_%d: %s - %s = 0", i, k, strings.Join(outs[i], " + "), y)
			add("in_%d_%d: %s - %s = 0", i, k, strings.Join(ins[i], " + "), y)
			var zs, los, his []string
			for w, wn := range wins[i][k] {
				z := fmt.Sprintf("z_%d_%d_%d", i, w, k)
				bins = append(bins, z)
				zs = append(zs, z)
				los = append(los, fmt.Sprintf("%d %s", wn.open, z))
				his = append(his, fmt.Sprintf("%d %s", wn.close, z))
			}
			add("zw_%d_%d: %s - %s = 0", i, k, strings.Join(zs, " + "), y)
			if len(zs) > 1 {
				add("lo_%d_%d: s_%d_%d - %s + %d %s >= %d", i, k, i, k, strings.Join(los, " - "), lo(i), y, lo(i))
				add("hi_%d_%d: s_%d_%d - %s + %d %s <= %d", i, k, i, k, strings.Join(his, " - "), hi(i), y, hi(i))
			}
			bounds = append(bounds, fmt.Sprintf("%d <= s_%d_%d <= %d", lo(i), i, k, hi(i)))
			if c.Kind == itinerary.Meeting {
				meetings = append(meetings, y)
			}
			if b := c.Uses["budget"]; b > 0 {
				budget = append(budget, fmt.Sprintf("%d %s", b, y))
			}
		}
		if d.MaxMeetings > 0 && len(meetings) > 0 {
			add("cap_%d: %s <= %d", k, strings.Join(meetings, " + "), d.MaxMeetings)
		}
	}
	for i := 1; i <= n; i++ {
		var ys []string
		for k := range p.Days {
			if len(wins[i][k]) > 0 {
				ys = append(ys, fmt.Sprintf("y_%d_%d", i, k))
			}
		}
		switch {
		case p.Candidates[i-1].Mandatory && len(ys) > 0:
			add("must_%d: %s = 1", i, strings.Join(ys, " + "))
		case len(ys) > 1:
			add("once_%d: %s <= 1", i, strings.Join(ys, " + "))
		}
	}
	if len(budget) > 0 {
		add("budget: %s <= %d", strings.Join(budget, " + "), p.Limits[0].Max)
	}
	var b strings.Builder
	b.WriteString("\\ itinerary cross-check, generated by bench/cbc\nMaximize\n obj: ")
	if len(obj) == 0 {
		obj = []string{"0 dummy"}
		bins = append(bins, "dummy")
	}
	writeWrapped(&b, strings.Join(obj, " + "))
	b.WriteString("Subject To\n")
	for _, c := range cons {
		b.WriteString(" ")
		writeWrapped(&b, c)
	}
	b.WriteString("Bounds\n")
	for _, bd := range bounds {
		b.WriteString(" " + bd + "\n")
	}
	b.WriteString("Binaries\n")
	for _, v := range bins {
		b.WriteString(" " + v + "\n")
	}
	b.WriteString("End\n")
	return names, os.WriteFile(path, []byte(b.String()), 0o644)
}

// writeWrapped keeps LP lines short (some readers limit line length).
func writeWrapped(b *strings.Builder, s string) {
	n := 0
	for _, tok := range strings.Fields(s) {
		if n > 200 {
			b.WriteString("\n  ")
			n = 0
		}
		b.WriteString(tok + " ")
		n += len(tok) + 1
	}
	b.WriteString("\n")
}

// runCBC solves the LP and returns the status and the objective value
// recomputed from the visit variables.
var bestPossible = regexp.MustCompile(`best possible (-?[0-9.e+]+)`)

func runCBC(lp, sol string, limit int, names lpNames) (string, int, float64, error) {
	cmd := exec.Command("cbc", lp, "sec", strconv.Itoa(limit), "threads", "1", "solve", "solu", sol)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", 0, 0, fmt.Errorf("cbc: %v: %s", err, out)
	}
	bound := 0.0
	if m := bestPossible.FindSubmatch(out); m != nil {
		bound, _ = strconv.ParseFloat(string(m[1]), 64)
		bound = math.Abs(bound) // CBC minimises -objective internally
	}
	f, err := os.Open(sol)
	if err != nil {
		return "", 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	status := "unknown"
	val := 0
	first := true
	for sc.Scan() {
		line := sc.Text()
		if first {
			first = false
			switch {
			case strings.HasPrefix(line, "Optimal"):
				status = "optimal"
			case strings.Contains(line, "no integer solution"):
				return "no solution", 0, bound, nil
			case strings.Contains(line, "Stopped"):
				status = "time limit"
			case strings.Contains(line, "Infeasible"):
				status = "infeasible"
			}
			continue
		}
		f := strings.Fields(line)
		if len(f) >= 3 {
			if v, ok := names[f[1]]; ok {
				x, _ := strconv.ParseFloat(f[2], 64)
				if x > 0.5 {
					val += v
				}
			}
		}
	}
	if status == "optimal" {
		bound = float64(val)
	}
	return status, val, bound, sc.Err()
}
