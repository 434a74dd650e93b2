package toptw

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
)

// VersionDiff says how two files of the same benchmark instance differ
// (e.g. the TOPTW file pr16.txt and Righini & Salani's pr16.OUT).
type VersionDiff struct {
	Customers        int     // in both files (0 if their counts differ)
	SameScoreService int     // customers with the same score and service time
	SameWindows      int     // customers with the same windows
	Pairs            int     // customer pairs
	SamePairs        int     // customer pairs at the same distance (within 1/Scale)
	SameDepot        int     // customers at the same distance from the depot (within 1/Scale)
	MaxDepotDiff     float64 // largest difference of a customer's distance from the depot
}

// CompareVersions compares two files of one instance customer by
// customer, in file order.
func CompareVersions(a, b *Instance) VersionDiff {
	var d VersionDiff
	n := len(a.Customers)
	if n != len(b.Customers) {
		return d
	}
	d.Customers = n
	tol := 1/float64(min(a.Scale, b.Scale)) + 1e-9
	for i := range n {
		ca, cb := a.Customers[i], b.Customers[i]
		if ca.Score == cb.Score && ca.Service == cb.Service {
			d.SameScoreService++
		}
		if fmt.Sprint(ca.Windows) == fmt.Sprint(cb.Windows) {
			d.SameWindows++
		}
		diff := math.Abs(a.distance(0, i+1) - b.distance(0, i+1))
		d.MaxDepotDiff = max(d.MaxDepotDiff, diff)
		if diff <= tol {
			d.SameDepot++
		}
		for j := i + 1; j < n; j++ {
			d.Pairs++
			if math.Abs(a.distance(i+1, j+1)-b.distance(i+1, j+1)) <= tol {
				d.SamePairs++
			}
		}
	}
	return d
}

// parseAny reads a TOPTW or Righini & Salani file (see parseTOPTWFile).
func parseAny(path string) (*Instance, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseTOPTWFile(path, data)
}

// runVersions prints, for pairs of files A B, how the two versions of an
// instance differ.
func runVersions(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench versions", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 || fs.NArg()%2 != 0 {
		fmt.Fprintln(stderr, "itinera bench versions: give pairs of files: A B [A B ...]")
		return 2
	}
	fmt.Fprintln(stdout, "| instance | customers | same score and service | same window | same distance between customers | same distance from the depot | largest depot difference |")
	fmt.Fprintln(stdout, "|---|---|---|---|---|---|---|")
	for k := 0; k < fs.NArg(); k += 2 {
		a, err := parseAny(fs.Arg(k))
		if err == nil {
			var b *Instance
			if b, err = parseAny(fs.Arg(k + 1)); err == nil {
				d := CompareVersions(a, b)
				fmt.Fprintf(stdout, "| %s | %d | %d | %d | %d of %d | %d | %.2f |\n", a.Name, d.Customers,
					d.SameScoreService, d.SameWindows, d.SamePairs, d.Pairs, d.SameDepot, d.MaxDepotDiff)
				continue
			}
		}
		fmt.Fprintf(stderr, "itinera bench versions: %v\n", err)
		return 1
	}
	return 0
}

// runCompare prints, per (instance, m), the best known value and the
// scores of two sets of results (e.g. the TOPTW files and Righini &
// Salani's files of the same instances), with each set's average gap and
// best known values matched.
func runCompare(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench compare", flag.ContinueOnError)
	fs.SetOutput(stderr)
	bks := fs.String("bks", "", "bks.csv")
	globA := fs.String("a", "", "results of the first set (a glob of .jsonl files)")
	globB := fs.String("b", "", "results of the second set (a glob of .jsonl files)")
	labelA := fs.String("a-label", "A", "name of the first set")
	labelB := fs.String("b-label", "B", "name of the second set")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *bks == "" || *globA == "" || *globB == "" || fs.NArg() != 0 {
		fmt.Fprintln(stderr, "itinera bench compare: give --bks, --a and --b")
		return 2
	}
	refs, err := loadRefs(*bks, "")
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	read := func(glob string) (map[refKey]int, error) {
		paths, err := filepath.Glob(glob)
		if err != nil || len(paths) == 0 {
			return nil, fmt.Errorf("no results match %q", glob)
		}
		out := map[refKey]int{}
		for _, p := range paths {
			ls, err := readLines(p)
			if err != nil {
				return nil, err
			}
			for _, l := range ls {
				out[refKey{l.Instance, l.Tours}] = l.Score
			}
		}
		return out, nil
	}
	a, err := read(*globA)
	if err == nil {
		var b map[refKey]int
		if b, err = read(*globB); err == nil {
			printCompare(stdout, refs, a, b, *labelA, *labelB)
			return 0
		}
	}
	fmt.Fprintf(stderr, "itinera bench compare: %v\n", err)
	return 1
}

func printCompare(w io.Writer, refs map[refKey]reference, a, b map[refKey]int, labelA, labelB string) {
	var keys []refKey
	for k := range a {
		if _, ok := b[k]; ok && refs[k].best > 0 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].instance != keys[j].instance {
			return keys[i].instance < keys[j].instance
		}
		return keys[i].m < keys[j].m
	})
	gap := func(best float64, score int) float64 { return (best - float64(score)) / best * 100 }
	fmt.Fprintf(w, "| instance | m | best known | %s | gap %% | %s | gap %% | the better of the two: gap %% |\n|---|---|---|---|---|---|---|---|\n", labelA, labelB)
	var ga, gb, gm float64
	var ha, hb, hm int
	for _, k := range keys {
		r := refs[k].best
		x, y := gap(r, a[k]), gap(r, b[k])
		ga, gb, gm = ga+x, gb+y, gm+min(x, y)
		if float64(a[k]) >= r {
			ha++
		}
		if float64(b[k]) >= r {
			hb++
		}
		if float64(max(a[k], b[k])) >= r {
			hm++
		}
		fmt.Fprintf(w, "| %s | %d | %.0f | %d | %.2f | %d | %.2f | %.2f |\n", k.instance, k.m, r, a[k], x, b[k], y, min(x, y))
	}
	if n := float64(len(keys)); n > 0 {
		fmt.Fprintf(w, "| all | | | %d of %d best known | %.2f | %d of %d best known | %.2f | %d of %d: %.2f |\n", ha, len(keys), ga/n, hb, len(keys), gb/n, hm, len(keys), gm/n)
	}
}
