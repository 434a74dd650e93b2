// Package toptw reads the Team Orienteering Problem with Time Windows
// (TOPTW) and MCTOPMTW benchmark files, checks solutions with a checker
// that shares no code with the itinerary engine, and runs the engine on
// them ("itinera bench").
//
// Distance convention (FORMAT.md of the benchmark data): Euclidean
// distance truncated to one decimal for Solomon-based files and to two
// decimals for Cordeau-based (pr) files; travel time equals distance; a
// window bounds the start of service. The adapter works in integer units
// of 1/Scale. Righini & Salani's own files (ParseRighiniSalani) give a
// distance matrix instead of coordinates; for pr11-pr20 they are another
// version of the instances (CompareVersions, bench/prversions.sh).
package toptw

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
)

// Format is the file format of an Instance.
type Format int

const (
	TOPTW Format = iota + 1
	MCTOPMTW
)

// Vertex is the depot or a customer.
type Vertex struct {
	Num     int // vertex number in the file
	X, Y    float64
	Service float64
	Score   int
	// Windows per tour parity: TOPTW has one window used on every tour;
	// MCTOPMTW gives Windows[0] for tours 1 and 3 and Windows[1] for tours
	// 2 and 4 (two disjoint windows each).
	Windows [2][][2]float64
	Fee     int
	Types   []int // 0/1 per type (MCTOPMTW)
}

// Instance is one benchmark file.
type Instance struct {
	Name      string // file base name without extension, e.g. "pr01"
	Base      string // underlying TOPTW instance, e.g. "pr01" for MCTOPMTW-2-pr01
	Format    Format
	Scale     int // 10 (Solomon) or 100 (Cordeau)
	Tours     int // MCTOPMTW: number of tours in the file; TOPTW: 0
	DepotX    float64
	DepotY    float64
	Tmax      float64
	Customers []Vertex
	Budget    int   // MCTOPMTW
	TypeMax   []int // MCTOPMTW
	// Dist, when not nil, is the distance between every two vertices,
	// indexed by vertex number (0: the depot), already at the precision of
	// the convention (1/Scale); the coordinates are then unused. Righini &
	// Salani's files give a matrix instead of coordinates.
	Dist [][]float64
}

// ErrFormat is wrapped by every parse error.
var ErrFormat = errors.New("malformed benchmark file")

func ferr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrFormat, fmt.Sprintf(format, args...))
}

func lines(data []byte) [][]string {
	var out [][]string
	for _, l := range strings.Split(string(data), "\n") {
		if f := strings.Fields(l); len(f) > 0 {
			out = append(out, f)
		}
	}
	return out
}

func nums(fields []string) ([]float64, error) {
	v := make([]float64, len(fields))
	for i, f := range fields {
		x, err := strconv.ParseFloat(f, 64)
		if err != nil || x != x || x > 1e9 || x < -1e9 {
			return nil, ferr("bad number %q", f)
		}
		v[i] = x
	}
	return v, nil
}

func isInt(x float64) bool { return x == float64(int(x)) }

func names(path string) (name, base string, scale int) {
	name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	base = name
	if parts := strings.SplitN(name, "-", 3); len(parts) == 3 && parts[0] == "MCTOPMTW" {
		base = parts[2]
	}
	scale = 10
	if strings.HasPrefix(base, "pr") {
		scale = 100
	}
	return name, base, scale
}

// ParseTOPTW reads a TOPTW file (Solomon or Cordeau based). path gives the
// instance name and thereby the distance scale.
func ParseTOPTW(path string, data []byte) (*Instance, error) {
	ls := lines(data)
	if len(ls) < 3 {
		return nil, ferr("too few lines")
	}
	head, err := nums(ls[0])
	if err != nil || len(head) < 3 || !isInt(head[2]) || head[2] < 0 {
		return nil, ferr("bad first line")
	}
	n := int(head[2])
	if len(ls) < 3+n {
		return nil, ferr("expected %d vertex lines, found %d", n+1, len(ls)-2)
	}
	in := &Instance{Format: TOPTW}
	in.Name, in.Base, in.Scale = names(path)
	for i := 0; i <= n; i++ {
		v, err := nums(ls[2+i])
		if err != nil {
			return nil, fmt.Errorf("vertex line %d: %w", i, err)
		}
		if len(v) < 9 || !isInt(v[6]) || v[6] < 0 || len(v) != 9+int(v[6]) {
			return nil, ferr("vertex line %d has %d fields", i, len(v))
		}
		if !isInt(v[0]) || int(v[0]) != i {
			return nil, ferr("vertex line %d is numbered %v", i, v[0])
		}
		o, c := v[len(v)-2], v[len(v)-1]
		if i == 0 {
			in.DepotX, in.DepotY, in.Tmax = v[1], v[2], c
			if c < 0 {
				return nil, ferr("negative Tmax")
			}
			continue
		}
		if !isInt(v[4]) || v[3] < 0 || v[4] < 0 || c < o {
			return nil, ferr("vertex %d: bad service, score or window", i)
		}
		w := [][2]float64{{o, c}}
		in.Customers = append(in.Customers, Vertex{
			Num: i, X: v[1], Y: v[2], Service: v[3], Score: int(v[4]),
			Windows: [2][][2]float64{w, w},
		})
	}
	return in, nil
}

// parseTOPTWFile reads a file the TOPTW benchmark takes: a Righini &
// Salani file by its .OUT extension, else a TOPTW file.
func parseTOPTWFile(path string, data []byte) (*Instance, error) {
	if strings.EqualFold(filepath.Ext(path), ".OUT") {
		return ParseRighiniSalani(path, data)
	}
	return ParseTOPTW(path, data)
}

// rsTmax is the closing time of the depot in Righini & Salani's files,
// which do not give it: the value of every Cordeau-based TOPTW file.
const rsTmax = 1000

// ParseRighiniSalani reads a file of Righini & Salani's own OPTW test set
// (optw_tests.zip, e.g. tests/Cordeau/pr16.OUT): the number of customers
// n; the upper triangle of the distance matrix, one row per vertex from
// the depot (0) to customer n-1, row i holding the distances from i to
// i+1..n; then one line per customer: score, an unused field, service
// time, opening and closing of its window (a start-of-service window);
// and a last line with one number (0 in the Cordeau files), not used.
// The depot closes at rsTmax. Their Cordeau-based files are not the same
// instances as the TOPTW files of the same name for pr11-pr20 (see
// CompareVersions).
func ParseRighiniSalani(path string, data []byte) (*Instance, error) {
	ls := lines(data)
	if len(ls) < 1 || len(ls[0]) != 1 {
		return nil, ferr("first line must hold the number of customers")
	}
	head, err := nums(ls[0])
	if err != nil || !isInt(head[0]) || head[0] < 1 || head[0] > 10000 {
		return nil, ferr("bad number of customers")
	}
	n := int(head[0])
	if k := len(ls); k == 2+n+n && len(ls[k-1]) == 1 {
		ls = ls[:k-1]
	}
	if len(ls) != 1+n+n {
		return nil, ferr("expected %d matrix rows and %d customer lines, found %d lines in all", n, n, len(ls)-1)
	}
	in := &Instance{Format: TOPTW, Tmax: rsTmax}
	in.Name, in.Base, in.Scale = names(path)
	sc := float64(in.Scale)
	in.Dist = make([][]float64, n+1)
	for i := range in.Dist {
		in.Dist[i] = make([]float64, n+1)
	}
	for i := range n {
		row, err := nums(ls[1+i])
		if err != nil {
			return nil, fmt.Errorf("matrix row %d: %w", i, err)
		}
		if len(row) != n-i {
			return nil, ferr("matrix row %d has %d distances, want %d", i, len(row), n-i)
		}
		for k, d := range row {
			if d < 0 {
				return nil, ferr("matrix row %d: negative distance", i)
			}
			// Their distances have two decimals; rounding to 1/Scale
			// keeps the adapter and the checker on the same values.
			d = math.Round(d*sc) / sc
			in.Dist[i][i+1+k], in.Dist[i+1+k][i] = d, d
		}
	}
	for i := range n {
		v, err := nums(ls[1+n+i])
		if err != nil {
			return nil, fmt.Errorf("customer line %d: %w", i+1, err)
		}
		if len(v) != 5 {
			return nil, ferr("customer line %d has %d fields, want 5", i+1, len(v))
		}
		if !isInt(v[0]) || v[0] < 0 || v[2] < 0 || v[4] < v[3] {
			return nil, ferr("customer %d: bad score, service or window", i+1)
		}
		w := [][2]float64{{v[3], v[4]}}
		in.Customers = append(in.Customers, Vertex{
			Num: i + 1, Service: v[2], Score: int(v[0]), Windows: [2][][2]float64{w, w},
		})
	}
	return in, nil
}

// ParseMCTOPMTW reads an MCTOPMTW file.
func ParseMCTOPMTW(path string, data []byte) (*Instance, error) {
	ls := lines(data)
	if len(ls) < 2 {
		return nil, ferr("too few lines")
	}
	head, err := nums(ls[0])
	if err != nil || len(head) != 13 {
		return nil, ferr("first line must hold M N B and 10 type limits")
	}
	for _, x := range head {
		if !isInt(x) || x < 0 {
			return nil, ferr("first line must hold non-negative integers")
		}
	}
	in := &Instance{Format: MCTOPMTW, Tours: int(head[0]), Budget: int(head[2])}
	in.Name, in.Base, in.Scale = names(path)
	if in.Tours < 1 || in.Tours > 100 {
		return nil, ferr("bad number of tours %d", in.Tours)
	}
	n := int(head[1])
	for _, x := range head[3:] {
		in.TypeMax = append(in.TypeMax, int(x))
	}
	if len(ls) != 2+n {
		return nil, ferr("expected %d customer lines, found %d", n, len(ls)-2)
	}
	d, err := nums(ls[1])
	if err != nil || len(d) != 7 {
		return nil, ferr("bad depot line")
	}
	in.DepotX, in.DepotY, in.Tmax = d[1], d[2], d[6]
	if in.Tmax < 0 {
		return nil, ferr("negative Tmax")
	}
	for i := range n {
		v, err := nums(ls[2+i])
		if err != nil {
			return nil, fmt.Errorf("customer line %d: %w", i+1, err)
		}
		if len(v) != 22 {
			return nil, ferr("customer line %d has %d fields, want 22", i+1, len(v))
		}
		if !isInt(v[0]) || int(v[0]) != i+2 || !isInt(v[4]) || v[3] < 0 || v[4] < 0 || !isInt(v[10]) || !isInt(v[11]) {
			return nil, ferr("customer line %d: bad number, service, score, E or fee", i+1)
		}
		b := v[5:10] // O1 O2 O3 O4 C4
		for k := 1; k < 5; k++ {
			if b[k] < b[k-1] {
				return nil, ferr("customer %d: window breakpoints not increasing", int(v[0]))
			}
		}
		odd := [][2]float64{{b[0], b[1]}, {b[2], b[3]}}  // windows 1 and 3
		even := [][2]float64{{b[1], b[2]}, {b[3], b[4]}} // windows 2 and 4
		cu := Vertex{Num: int(v[0]), X: v[1], Y: v[2], Service: v[3], Score: int(v[4]), Fee: int(v[11])}
		switch v[10] {
		case 1:
			cu.Windows = [2][][2]float64{odd, even}
		case 0:
			cu.Windows = [2][][2]float64{even, odd}
		default:
			return nil, ferr("customer %d: E must be 0 or 1", cu.Num)
		}
		for _, t := range v[12:] {
			if t != 0 && t != 1 {
				return nil, ferr("customer %d: type flags must be 0 or 1", cu.Num)
			}
			cu.Types = append(cu.Types, int(t))
		}
		in.Customers = append(in.Customers, cu)
	}
	return in, nil
}

// WindowsOnTour returns the windows of v on tour k (0-based).
func (v *Vertex) WindowsOnTour(k int) [][2]float64 { return v.Windows[k%2] }
