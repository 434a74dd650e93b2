package toptw

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

// reference is what the literature knows about one (instance, m).
type reference struct {
	best     float64
	proven   bool    // optimum proven by Righini & Salani (m = 1)
	grilsAvg float64 // MCTOPMTW only; 0 if unknown
}

type refKey struct {
	instance string
	m        int
}

func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) > 0 {
		rows = rows[1:] // header
	}
	return rows, nil
}

func loadRefs(bks, ref string) (map[refKey]reference, error) {
	refs := map[refKey]reference{}
	if bks != "" {
		rows, err := readCSV(bks)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if len(r) < 4 {
				continue
			}
			m, _ := strconv.Atoi(r[1])
			v, _ := strconv.ParseFloat(r[2], 64)
			refs[refKey{r[0], m}] = reference{best: v, proven: m == 1 && strings.Contains(r[3], "RS2009")}
		}
	}
	if ref != "" {
		rows, err := readCSV(ref)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if len(r) < 6 {
				continue
			}
			m, _ := strconv.Atoi(r[1])
			v, _ := strconv.ParseFloat(r[3], 64)
			g, _ := strconv.ParseFloat(r[5], 64)
			refs[refKey{strings.TrimSuffix(r[0], ".txt"), m}] = reference{best: v, grilsAvg: g}
		}
	}
	return refs, nil
}

// setOf names the benchmark set of an instance for the table.
func setOf(name string) string {
	base := name
	prefix := ""
	if parts := strings.SplitN(name, "-", 3); len(parts) == 3 && parts[0] == "MCTOPMTW" {
		base, prefix = parts[2], "MCTOPMTW "
	}
	switch {
	case strings.HasPrefix(base, "pr"):
		if prefix != "" {
			return prefix + "Cordeau"
		}
		return "pr01-pr20"
	case prefix != "":
		return prefix + "Solomon"
	}
	return strings.TrimRight(base, "0123456789") + base[len(strings.TrimRight(base, "0123456789")):][:1]
}

type agg struct {
	runs, matched, better, proven, provenHit, known int
	gap, maxGap, secs, cpu, grils                   float64
}

// readLines reads the result lines of a benchmark output file (lines
// that are not results are skipped).
func readLines(path string) ([]Line, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Line
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var l Line
		if json.Unmarshal(sc.Bytes(), &l) == nil {
			out = append(out, l)
		}
	}
	return out, sc.Err()
}

func runReport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	bks := fs.String("bks", "", "bks.csv")
	ref := fs.String("reference", "", "mctopmtw_reference.csv")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	refs, err := loadRefs(*bks, *ref)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	groups := map[string]*agg{}
	var keys []string
	add := func(k string, l Line, r reference, ok bool) {
		g := groups[k]
		if g == nil {
			g = &agg{}
			groups[k] = g
			keys = append(keys, k)
		}
		g.runs++
		g.secs += l.Seconds
		g.cpu += l.CPUSeconds
		if !ok || r.best <= 0 {
			return
		}
		g.known++
		gap := (r.best - float64(l.Score)) / r.best * 100
		g.gap += gap
		g.maxGap = max(g.maxGap, gap)
		if float64(l.Score) >= r.best {
			g.matched++
		}
		if float64(l.Score) > r.best {
			g.better++
		}
		if r.proven {
			g.proven++
			if float64(l.Score) >= r.best {
				g.provenHit++
			}
		}
		if r.grilsAvg > 0 {
			g.grils += (r.best - r.grilsAvg) / r.best * 100
		}
	}
	for _, path := range fs.Args() {
		ls, err := readLines(path)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		for _, l := range ls {
			r, ok := refs[refKey{l.Instance, l.Tours}]
			set := setOf(l.Instance)
			add(fmt.Sprintf("%s|%d", set, l.Tours), l, r, ok)
			add(set+"|all", l, r, ok)
			if strings.HasPrefix(set, "MCTOPMTW") {
				add("MCTOPMTW (all 148 files)|all", l, r, ok)
			}
		}
	}
	order := []string{"pr01-pr20", "c1", "r1", "rc1", "MCTOPMTW Cordeau", "MCTOPMTW Solomon", "MCTOPMTW (all 148 files)"}
	rank := func(k string) string {
		set, m, _ := strings.Cut(k, "|")
		for i, o := range order {
			if o == set {
				return fmt.Sprintf("%d|%s", i, m)
			}
		}
		return "9" + k
	}
	sort.SliceStable(keys, func(i, j int) bool { return rank(keys[i]) < rank(keys[j]) })
	fmt.Fprintln(stdout, "| set | m | runs | avg gap % | max gap % | best known matched | above best known | proven optima matched | avg CPU s/run | avg wall s/run | GRILS avg gap % |")
	fmt.Fprintln(stdout, "|---|---|---|---|---|---|---|---|---|---|---|")
	for _, k := range keys {
		g := groups[k]
		set, m, _ := strings.Cut(k, "|")
		avg := 0.0
		grils := "-"
		proven := "-"
		if g.known > 0 {
			avg = g.gap / float64(g.known)
			if g.grils != 0 || strings.HasPrefix(set, "MCTOPMTW") {
				grils = fmt.Sprintf("%.2f", g.grils/float64(g.known))
			}
		}
		if g.proven > 0 {
			proven = fmt.Sprintf("%d/%d", g.provenHit, g.proven)
		}
		fmt.Fprintf(stdout, "| %s | %s | %d | %.2f | %.2f | %d/%d | %d | %s | %.2f | %.2f | %s |\n",
			set, m, g.runs, avg, g.maxGap, g.matched, g.known, g.better, proven, g.cpu/float64(g.runs), g.secs/float64(g.runs), grils)
	}
	return 0
}
