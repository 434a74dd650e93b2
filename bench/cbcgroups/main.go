// Command cbcgroups cross-checks the sub-group engine (internal/subgroup)
// against an exact solver: it generates delegations (8-25 visitors, 2-4
// interpreters, 10-40 candidates, 1-3 days), writes each as a
// mixed-integer program in LP format, solves it with CBC (Debian package
// coinor-cbc), runs the engine on the same delegation, checks the
// engine's plan with subgroup.Check and prints one line per instance plus
// a summary.
//
//	go run ./bench/cbcgroups -n 30 -dir /tmp/cbcgroups -cbc-time 120
//
// The model (see writeLP) states the engine's rules from the Problem
// alone, with none of the engine's code: stretches between reunion
// points, at most max(1, Escorts) groups per stretch and one in a
// together part, a tour per group with travel, windows (one binary per
// window piece) and the lunch hour, capacities, audiences, interpreters,
// mandatory items and the objective (values of what each visitor attends
// minus the split cost).
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
	"syscall"
	"time"

	"itinera/internal/subgroup"
)

func main() {
	n := flag.Int("n", 30, "number of instances")
	seed := flag.Uint64("seed", 1, "first instance seed")
	dir := flag.String("dir", os.TempDir(), "where LP and solution files go")
	cbcTime := flag.Int("cbc-time", 120, "CBC time limit per instance, seconds")
	only := flag.Int("only", 0, "run only instance K (1-based)")
	show := flag.Bool("show", false, "print the engine's plan of each instance")
	clock := flag.String("clock", "cpu", "engine limit: cpu (1 s of CPU time) or wall (its default 500 ms)")
	from := flag.String("cbc-from", "", "take CBC's columns from this earlier output of cbcgroups instead of running CBC (the MIP does not depend on the engine)")
	flag.Parse()
	showPlans = *show
	var prior map[string]cbcResult
	if *from != "" {
		var err error
		if prior, err = readTable(*from); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if err := run(*n, *seed, *dir, *cbcTime, *only, *clock, prior); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// engineOptions and the context bound the engine's search: with clock
// "cpu" (the default) by one second of this process's CPU time, which on
// a shared machine measures the engine and not its neighbours; with
// "wall" by the engine's default wall-clock limit (500 ms).
func engineRun(clock string) (context.Context, context.CancelFunc, subgroup.Options) {
	if clock == "wall" {
		ctx, cancel := context.WithCancel(context.Background())
		return ctx, cancel, subgroup.Options{Seed: 1}
	}
	ctx, cancel := context.WithCancel(context.Background())
	start := cpuSeconds()
	go func() {
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if cpuSeconds()-start >= 1 {
					cancel()
					return
				}
			}
		}
	}()
	return ctx, cancel, subgroup.Options{Seed: 1, TimeLimit: 10 * time.Second}
}

// cpuSeconds is the CPU time (user + system) this process has used.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

func size(s uint64) subgroup.Size {
	rng := rand.New(rand.NewPCG(s, 1))
	return subgroup.Size{Visitors: 8 + rng.IntN(18), Interpreters: 2 + rng.IntN(3), Candidates: 10 + rng.IntN(31), Days: 1 + rng.IntN(3)}
}

func run(n int, seed uint64, dir string, cbcTime, only int, clock string, prior map[string]cbcResult) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	fmt.Println("| instance | visitors | interpreters | candidates | days | lunch | CBC status | CBC value | CBC bound | CBC s | engine value | engine ms (CPU) | gap % |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
	var proven, equal, worse, better, above int
	var maxGap float64
	var maxMs, maxCPU int64
	for i := range n {
		if only > 0 && i+1 != only {
			continue
		}
		s := seed + uint64(i)
		sz := size(s)
		p := subgroup.Generate(s, sz)
		name := fmt.Sprintf("grp%02d", i+1)
		lp := filepath.Join(dir, name+".lp")
		obj, err := writeLP(lp, p)
		if err != nil {
			return err
		}
		var status string
		var val int
		var bound, cbcSecs float64
		if prior != nil {
			r, ok := prior[name]
			if !ok {
				return fmt.Errorf("%s: not in the earlier table", name)
			}
			status, val, bound, cbcSecs = r.status, r.value, r.bound, r.secs
		} else {
			start := time.Now()
			status, val, bound, err = runCBC(lp, filepath.Join(dir, name+".sol"), cbcTime, obj)
			cbcSecs = time.Since(start).Seconds()
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
		ctx, cancel, opt := engineRun(clock)
		start, cpu0 := time.Now(), cpuSeconds()
		res, err := subgroup.Solve(ctx, p, opt)
		cancel()
		if err != nil {
			return err
		}
		ms := time.Since(start).Milliseconds()
		cpuMs := int64((cpuSeconds() - cpu0) * 1000)
		maxMs = max(maxMs, ms)
		maxCPU = max(maxCPU, cpuMs)
		if err := subgroup.Check(p, res); err != nil {
			return fmt.Errorf("%s: the engine's plan breaks a rule: %w", name, err)
		}
		if showPlans {
			printPlan(res)
		}
		gap := 0.0
		if val > 0 {
			gap = (float64(val) - float64(res.Value)) / float64(val) * 100
		}
		switch {
		case status == "optimal":
			proven++
			switch {
			case res.Value == val:
				equal++
			case res.Value < val:
				worse++
				maxGap = max(maxGap, gap)
			default:
				above++
				fmt.Fprintf(os.Stderr, "%s: engine %d above the proven optimum %d: model mismatch\n", name, res.Value, val)
			}
		case res.Value > val:
			better++
		}
		lunch := "apart"
		if p.LunchTogether {
			lunch = "together"
		}
		fmt.Printf("| %s | %d | %d | %d | %d | %s | %s | %d | %.1f | %.1f | %d | %d (%d) | %.2f |\n",
			name, sz.Visitors, sz.Interpreters, sz.Candidates, sz.Days, lunch, status, val, bound, cbcSecs, res.Value, ms, cpuMs, gap)
	}
	pct := 0.0
	if proven > 0 {
		pct = 100 * float64(equal) / float64(proven)
	}
	fmt.Printf("\nCBC proved the optimum of %d instances; the engine equals it on %d (%.0f %%), is below it on %d (largest gap %.2f %%), above it on %d.\n",
		proven, equal, pct, worse, maxGap, above)
	fmt.Printf("Where CBC stopped at its time limit, the engine beat CBC's best plan on %d. Slowest engine run: %d ms wall, %d ms CPU. Every engine plan passed subgroup.Check.\n", better, maxMs, maxCPU)
	return nil
}

var showPlans bool

func printPlan(res *subgroup.Result) {
	for _, d := range res.Days {
		for si, st := range d.Stretches {
			fmt.Printf("%s stretch %d %s %d-%d:\n", d.Label, si, st.Label, st.From, st.To)
			for _, g := range st.Groups {
				var items []string
				for _, it := range g.Items {
					items = append(items, fmt.Sprintf("%s@%d", it.CandidateID, it.Start))
				}
				fmt.Printf("  %v %v %v value %d\n", g.Visitors, g.Interpreters, items, g.Value)
			}
		}
	}
}

type cbcResult struct {
	status      string
	value       int
	bound, secs float64
}

// readTable reads CBC's columns from an earlier output of this command.
func readTable(path string) (map[string]cbcResult, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]cbcResult{}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, "|")
		if len(f) < 12 || !strings.HasPrefix(strings.TrimSpace(f[1]), "grp") {
			continue
		}
		var r cbcResult
		r.status = strings.TrimSpace(f[7])
		r.value, _ = strconv.Atoi(strings.TrimSpace(f[8]))
		r.bound, _ = strconv.ParseFloat(strings.TrimSpace(f[9]), 64)
		r.secs, _ = strconv.ParseFloat(strings.TrimSpace(f[10]), 64)
		out[strings.TrimSpace(f[1])] = r
	}
	return out, nil
}

// objective maps LP variables to their objective coefficients, to
// recompute CBC's value from its solution.
type objective map[string]float64

// stretch is a part of a day between reunion points, as in the engine's
// documentation.
type stretch struct {
	from, to   int
	start, end string
	together   bool
	lunch      bool
	l0, l1     int
}

func stretches(p subgroup.Problem) []stretch {
	var out []stretch
	for _, day := range p.Days {
		for _, pt := range day.Parts {
			st := stretch{from: pt.From, to: pt.To, start: pt.Start, end: pt.End, together: pt.Together}
			l := day.Lunch
			switch {
			case l == nil || l.To <= pt.From || l.From >= pt.To:
				out = append(out, st)
			case !p.LunchTogether:
				st.lunch, st.l0, st.l1 = true, l.From, l.To
				out = append(out, st)
			default:
				a, b := st, st
				a.to, a.end = l.From, l.Place
				b.from, b.start = l.To, l.Place
				out = append(out, a, b)
			}
		}
	}
	return out
}

// piece is a start-time interval of a candidate in a stretch: inside one
// window, wholly before or wholly after the lunch hour.
type piece struct {
	open, close int // start times
	after       bool
}

func shares(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// writeLP writes the sub-group model. Per stretch s and group slot g
// (g < K_s): u (the group exists), a_v (visitor v in it), b_i
// (interpreter i with it), y_c (it attends candidate c), q_v_c (v attends
// c with it; continuous, at most a_v and y_c), arcs x_i_j of its tour
// (node 0 the stretch's start, node E its end), T_c (start time), z_c_k
// (window piece k). Symmetry is broken by letting visitor v only into
// slots 0..v.
func writeLP(path string, p subgroup.Problem) (objective, error) {
	places := map[string]int{}
	for i, pl := range p.Places {
		places[pl.ID] = i
	}
	tm := p.TravelModel
	if tm.SpeedKmh <= 0 {
		tm.SpeedKmh, tm.DetourFactor, tm.BufferMinutes = 30, 1.3, 10
	}
	tt := func(a, b string) int {
		if a == b {
			return 0
		}
		if p.Travel != nil {
			return p.Travel(a, b)
		}
		return tm.Minutes(p.Places[places[a]], p.Places[places[b]])
	}
	nv, ni := len(p.Visitors), len(p.Interpreters)
	var cons, bins, bounds, conts []string
	obj := objective{}
	var objTerms []string
	add := func(f string, a ...any) { cons = append(cons, fmt.Sprintf(f, a...)) }
	used := make([][]string, len(p.Candidates)) // y variables per candidate
	// Values, interpretation needs and who may attend, per candidate.
	worth := func(v, c int) int {
		w := p.Candidates[c].Value
		for _, t := range p.Candidates[c].Topics {
			w += p.Visitors[v].Interests[t]
		}
		return w
	}
	for si, st := range stretches(p) {
		K := max(1, p.Escorts)
		if st.together {
			K = 1
		}
		K = min(K, nv)
		// Pieces of every candidate's windows in this stretch.
		pieces := map[int][]piece{}
		var cands []int
		for c, cd := range p.Candidates {
			var ps []piece
			for _, w := range cd.Windows {
				lo, hi := max(w.From, st.from), min(w.To, st.to)-cd.Duration
				if !st.lunch {
					if lo <= hi {
						ps = append(ps, piece{lo, hi, false})
					}
					continue
				}
				if h := min(hi, st.l0-cd.Duration); lo <= h {
					ps = append(ps, piece{lo, h, false})
				}
				if l := max(lo, st.l1); l <= hi {
					ps = append(ps, piece{l, hi, true})
				}
			}
			if len(ps) > 0 {
				pieces[c] = ps
				cands = append(cands, c)
			}
		}
		maxT := 0
		for _, c := range cands {
			maxT = max(maxT, tt(st.start, p.Candidates[c].Place), tt(p.Candidates[c].Place, st.end))
			for _, d := range cands {
				maxT = max(maxT, tt(p.Candidates[c].Place, p.Candidates[d].Place))
			}
		}
		bigM := st.to - st.from + maxT + 240
		for g := range K {
			pre := fmt.Sprintf("s%d_g%d", si, g)
			u := pre + "_u"
			bins = append(bins, u)
			if g == 0 {
				add("%s_first: %s = 1", pre, u)
			} else {
				obj[u] = -float64(p.SplitCost)
				objTerms = append(objTerms, fmt.Sprintf("- %d %s", p.SplitCost, u))
			}
			var members []string
			for v := range nv {
				if v < g {
					continue
				}
				a := fmt.Sprintf("%s_a%d", pre, v)
				bins = append(bins, a)
				members = append(members, a)
				add("%s_au%d: %s - %s <= 0", pre, v, a, u)
			}
			if len(members) == 0 {
				add("%s_empty: %s = 0", pre, u)
			} else {
				add("%s_nonempty: %s - %s <= 0", pre, u, strings.Join(members, " - "))
			}
			aVar := func(v int) string {
				if v < g {
					return ""
				}
				return fmt.Sprintf("%s_a%d", pre, v)
			}
			for i := range ni {
				bins = append(bins, fmt.Sprintf("%s_b%d", pre, i))
			}
			x := func(i, j string) string { return fmt.Sprintf("%s_x_%s_%s", pre, i, j) }
			node := func(c int) string { return strconv.Itoa(c + 1) }
			outs := map[string][]string{}
			ins := map[string][]string{}
			arc := func(i, j string) string {
				v := x(i, j)
				bins = append(bins, v)
				outs[i] = append(outs[i], v)
				ins[j] = append(ins[j], v)
				return v
			}
			arc("0", "E")
			place := func(c int) string { return p.Candidates[c].Place }
			hVar := func(c int) string { // sum of after-lunch pieces, as a linear expression
				var ts []string
				for k, pc := range pieces[c] {
					if pc.after {
						ts = append(ts, fmt.Sprintf("%s_z%d_%d", pre, c, k))
					}
				}
				return strings.Join(ts, " + ")
			}
			onlyAfter := func(c int) bool {
				for _, pc := range pieces[c] {
					if !pc.after {
						return false
					}
				}
				return true
			}
			for _, c := range cands {
				cd := p.Candidates[c]
				y := fmt.Sprintf("%s_y%d", pre, c)
				T := fmt.Sprintf("%s_T%d", pre, c)
				bins = append(bins, y)
				used[c] = append(used[c], y)
				add("%s_yu%d: %s - %s <= 0", pre, c, y, u)
				lo, hi := 1<<30, -1
				var zs, los, his []string
				for k, pc := range pieces[c] {
					z := fmt.Sprintf("%s_z%d_%d", pre, c, k)
					bins = append(bins, z)
					zs = append(zs, z)
					los = append(los, fmt.Sprintf("%d %s", pc.open, z))
					his = append(his, fmt.Sprintf("%d %s", pc.close, z))
					lo, hi = min(lo, pc.open), max(hi, pc.close)
				}
				bounds = append(bounds, fmt.Sprintf("%d <= %s <= %d", lo, T, hi))
				add("%s_zw%d: %s - %s = 0", pre, c, strings.Join(zs, " + "), y)
				if len(zs) > 1 {
					add("%s_lo%d: %s - %s + %d %s >= %d", pre, c, T, strings.Join(los, " - "), lo, y, lo)
					add("%s_hi%d: %s - %s + %d %s <= %d", pre, c, T, strings.Join(his, " - "), hi, y, hi)
				}
				// Start arc: leave the start at st.from; after lunch if c is.
				v0 := arc("0", node(c))
				t0 := tt(st.start, place(c))
				if m := st.from + t0 - lo; m > 0 {
					add("%s_t0_%d: %s - %d %s >= %d", pre, c, T, m, v0, st.from+t0-m)
				}
				if st.lunch {
					if onlyAfter(c) {
						if m := st.l1 + t0 - lo; m > 0 {
							add("%s_l0_%d: %s - %d %s >= %d", pre, c, T, m, v0, st.l1+t0-m)
						}
					} else if h := hVar(c); h != "" {
						// T >= l1 + t0 - M(1 - x) - M(1 - h)
						add("%s_l0_%d: %s - %d %s - %d %s >= %d", pre, c, T, bigM, v0, bigM, strings.Replace(h, " + ", fmt.Sprintf(" - %d ", bigM), -1), st.l1+t0-2*bigM)
					}
				}
				// End arc: back at the end by st.to (after lunch if c is before it).
				vE := arc(node(c), "E")
				tE := tt(place(c), st.end)
				last := st.to - cd.Duration - tE
				if m := hi - last; m > 0 {
					add("%s_tE_%d: %s + %d %s <= %d", pre, c, T, m, vE, last+m)
				}
				if st.lunch && st.l1+tE > st.to && !onlyAfter(c) {
					if h := hVar(c); h != "" {
						add("%s_lE_%d: %s - %s <= 0", pre, c, vE, h)
					} else {
						add("%s_lE_%d: %s = 0", pre, c, vE)
					}
				}
				// Capacity and audience.
				lo2, hi2 := cd.MinVisitors, cd.MaxVisitors
				if hi2 == 0 {
					hi2 = nv
				}
				if cd.Mandatory || cd.Audience == subgroup.Everyone {
					lo2 = nv
				}
				if lo2 > 0 {
					add("%s_min%d: %s - %d %s >= 0", pre, c, strings.Join(members, " + "), lo2, y)
				}
				if hi2 < nv {
					add("%s_max%d: %s + %d %s <= %d", pre, c, strings.Join(members, " + "), nv-hi2, y, nv)
				}
				for v := range nv {
					a := aVar(v)
					if a == "" {
						continue
					}
					vis := p.Visitors[v]
					allowed := cd.Audience != subgroup.Named
					for _, id := range cd.Named {
						allowed = allowed || id == vis.ID
					}
					var cover []string
					needs := len(cd.Languages) > 0 && !shares(vis.Languages, cd.Languages)
					if needs {
						for i, in := range p.Interpreters {
							if shares(in.Languages, cd.Languages) && shares(in.Languages, vis.Languages) {
								cover = append(cover, fmt.Sprintf("%s_b%d", pre, i))
							}
						}
					}
					switch {
					case !allowed || (needs && len(cover) == 0):
						add("%s_no%d_%d: %s + %s <= 1", pre, v, c, a, y)
						continue
					case needs:
						add("%s_int%d_%d: %s + %s - %s <= 1", pre, v, c, a, y, strings.Join(cover, " - "))
					}
					if w := worth(v, c); w > 0 {
						q := fmt.Sprintf("%s_q%d_%d", pre, v, c)
						conts = append(conts, q)
						obj[q] = float64(w)
						objTerms = append(objTerms, fmt.Sprintf("+ %d %s", w, q))
						add("%s_qa%d_%d: %s - %s <= 0", pre, v, c, q, a)
						add("%s_qy%d_%d: %s - %s <= 0", pre, v, c, q, y)
					}
				}
			}
			// Arcs between candidates, with time propagation.
			for _, i := range cands {
				for _, j := range cands {
					if i == j {
						continue
					}
					di := p.Candidates[i].Duration
					t := tt(place(i), place(j))
					loI, hiI, loJ, hiJ := 1<<30, -1, 1<<30, -1
					for _, pc := range pieces[i] {
						loI, hiI = min(loI, pc.open), max(hiI, pc.close)
					}
					for _, pc := range pieces[j] {
						loJ, hiJ = min(loJ, pc.open), max(hiJ, pc.close)
					}
					if loI+di+t > hiJ {
						continue
					}
					v := arc(node(i), node(j))
					Ti, Tj := fmt.Sprintf("%s_T%d", pre, i), fmt.Sprintf("%s_T%d", pre, j)
					if m := hiI + di + t - loJ; m > 0 {
						add("%s_t_%d_%d: %s - %s + %d %s <= %d", pre, i, j, Ti, Tj, m, v, m-di-t)
					}
					if st.lunch {
						// Leaving i before lunch for j after it: depart after lunch.
						hi, hj := hVar(i), hVar(j)
						if hj == "" || onlyAfter(i) {
							continue
						}
						expr := fmt.Sprintf("%s - %d %s", Tj, bigM, v)
						rhs := st.l1 + t - bigM
						if !onlyAfter(j) {
							expr += " - " + fmt.Sprint(bigM) + " " + strings.Replace(hj, " + ", fmt.Sprintf(" - %d ", bigM), -1)
							rhs -= bigM
						}
						if hi != "" {
							expr += " + " + fmt.Sprint(bigM) + " " + strings.Replace(hi, " + ", fmt.Sprintf(" + %d ", bigM), -1)
						}
						add("%s_l_%d_%d: %s >= %d", pre, i, j, expr, rhs)
					}
				}
			}
			// A valid cut: the items and the least travel into each fit in
			// the stretch's time, less the lunch hour.
			var knap []string
			for _, c := range cands {
				in := tt(st.start, place(c))
				for _, d := range cands {
					if d != c {
						in = min(in, tt(place(d), place(c)))
					}
				}
				knap = append(knap, fmt.Sprintf("%d %s_y%d", p.Candidates[c].Duration+in, pre, c))
			}
			avail := st.to - st.from
			if st.lunch {
				avail -= st.l1 - st.l0
			}
			if len(knap) > 0 {
				add("%s_time: %s <= %d", pre, strings.Join(knap, " + "), avail)
			}
			add("%s_dep: %s = 1", pre, strings.Join(outs["0"], " + "))
			add("%s_ret: %s = 1", pre, strings.Join(ins["E"], " + "))
			for _, c := range cands {
				y := fmt.Sprintf("%s_y%d", pre, c)
				add("%s_out%d: %s - %s = 0", pre, c, strings.Join(outs[node(c)], " + "), y)
				add("%s_in%d: %s - %s = 0", pre, c, strings.Join(ins[node(c)], " + "), y)
			}
		}
		// Every visitor in exactly one group; an interpreter in at most one.
		for v := range nv {
			var as []string
			for g := range min(K, v+1) {
				as = append(as, fmt.Sprintf("s%d_g%d_a%d", si, g, v))
			}
			add("s%d_part%d: %s = 1", si, v, strings.Join(as, " + "))
		}
		for i := range ni {
			var bs []string
			for g := range K {
				bs = append(bs, fmt.Sprintf("s%d_g%d_b%d", si, g, i))
			}
			add("s%d_int%d: %s <= 1", si, i, strings.Join(bs, " + "))
		}
	}
	for c, cd := range p.Candidates {
		switch {
		case cd.Mandatory:
			if len(used[c]) == 0 {
				return nil, fmt.Errorf("mandatory %q fits nowhere", cd.ID)
			}
			add("must%d: %s = 1", c, strings.Join(used[c], " + "))
		case len(used[c]) > 1:
			add("once%d: %s <= 1", c, strings.Join(used[c], " + "))
		}
	}
	var b strings.Builder
	b.WriteString("\\ sub-group cross-check, generated by bench/cbcgroups\nMaximize\n obj: ")
	if len(objTerms) == 0 {
		objTerms = []string{"0 s0_g0_u"}
	}
	writeWrapped(&b, strings.TrimPrefix(strings.Join(objTerms, " "), "+ "))
	b.WriteString("Subject To\n")
	for _, c := range cons {
		b.WriteString(" ")
		writeWrapped(&b, c)
	}
	b.WriteString("Bounds\n")
	for _, bd := range bounds {
		b.WriteString(" " + bd + "\n")
	}
	for _, q := range conts {
		b.WriteString(" 0 <= " + q + " <= 1\n")
	}
	b.WriteString("Binaries\n")
	for _, v := range bins {
		b.WriteString(" " + v + "\n")
	}
	b.WriteString("End\n")
	return obj, os.WriteFile(path, []byte(b.String()), 0o644)
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

var bestPossible = regexp.MustCompile(`best possible (-?[0-9.e+]+)`)

// runCBC solves the LP and returns the status, the objective recomputed
// from the solution (rounded to whole points) and CBC's bound.
func runCBC(lp, sol string, limit int, obj objective) (string, int, float64, error) {
	cmd := exec.Command("cbc", lp, "sec", strconv.Itoa(limit), "threads", "1", "solve", "solu", sol)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", 0, 0, fmt.Errorf("cbc: %v: %s", err, out)
	}
	bound := 0.0
	if m := bestPossible.FindSubmatch(out); m != nil {
		bound, _ = strconv.ParseFloat(string(m[1]), 64)
		bound = math.Abs(bound)
	}
	f, err := os.Open(sol)
	if err != nil {
		return "", 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	status := "unknown"
	val := 0.0
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
		fs := strings.Fields(line)
		if len(fs) >= 3 {
			if w, ok := obj[fs[1]]; ok {
				x, _ := strconv.ParseFloat(fs[2], 64)
				val += w * x
			}
		}
	}
	v := int(math.Round(val))
	if status == "optimal" {
		bound = float64(v)
	}
	return status, v, bound, sc.Err()
}
