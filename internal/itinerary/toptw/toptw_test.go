package toptw

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func mustParse(t testing.TB, name string) *Instance {
	t.Helper()
	path := filepath.Join("testdata", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var in *Instance
	if strings.HasPrefix(name, "MCTOPMTW") {
		in, err = ParseMCTOPMTW(path, data)
	} else {
		in, err = parseTOPTWFile(path, data)
	}
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func TestParse(t *testing.T) {
	t.Parallel()
	c := mustParse(t, "c101.txt")
	if c.Scale != 10 || len(c.Customers) != 100 || c.Tmax != 1236 || c.Customers[0].Windows[0][0] != [2]float64{912, 967} {
		t.Fatalf("c101: %+v", c.Customers[0])
	}
	pr := mustParse(t, "pr01.txt") // CRLF, list of a values
	if pr.Scale != 100 || len(pr.Customers) != 48 || pr.DepotX != -10.442 || pr.Customers[0].Score != 12 ||
		pr.Customers[0].Windows[0][0] != [2]float64{354, 509} {
		t.Fatalf("pr01: %+v", pr.Customers[0])
	}
	m := mustParse(t, "MCTOPMTW-2-c101.txt")
	v := m.Customers[0] // 2 45.0 68.0 90.0 10.0 912 925.8 939.5 953.2 967 1 68 ...
	if m.Tours != 2 || m.Base != "c101" || v.Num != 2 || v.Fee != 68 || len(m.TypeMax) != 10 || m.Budget != 873 {
		t.Fatalf("mctopmtw: tours %d base %s first %+v", m.Tours, m.Base, v)
	}
	if got := v.WindowsOnTour(0); got[0] != [2]float64{912, 925.8} || got[1] != [2]float64{939.5, 953.2} {
		t.Fatalf("E=1 tour 1 windows %v", got)
	}
	if got := v.WindowsOnTour(1); got[0] != [2]float64{925.8, 939.5} || got[1] != [2]float64{953.2, 967} {
		t.Fatalf("E=1 tour 2 windows %v", got)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "1 2 3\n0 0\n", "4 1 1 1\n0 200\n0 0 0 0 0 0 0 0 10\n", "4 1 1 1\n0 200\n0 0 0 0 0 0 0 0 10\n1 0 0 1 1 1 1 1 5 4\n"} {
		if _, err := ParseTOPTW("x.txt", []byte(s)); err == nil {
			t.Errorf("ParseTOPTW(%q) accepted", s)
		}
	}
	if _, err := ParseMCTOPMTW("MCTOPMTW-1-c101.txt", []byte("1 1 0 0 0 0 0 0 0 0 0 0 0\n0 0 0 0 0 0 10\n")); err == nil {
		t.Error("missing customer line accepted")
	}
}

// Righini and Salani's optimal c101 route (FORMAT.md) is feasible with
// score 320; reversed it is not.
func TestCheckKnownRoute(t *testing.T) {
	t.Parallel()
	in := mustParse(t, "c101.txt")
	route := []int{57, 63, 62, 74, 93, 97, 12, 2, 21, 75}
	score, err := Check(in, 1, [][]int{route})
	if err != nil || score != 320 {
		t.Fatalf("score %d err %v", score, err)
	}
	rev := make([]int, len(route))
	for i, v := range route {
		rev[len(route)-1-i] = v
	}
	if _, err := Check(in, 1, [][]int{rev}); err == nil {
		t.Fatal("reversed route accepted")
	}
	if _, err := Check(in, 1, [][]int{{57}, {63}}); err == nil {
		t.Fatal("two routes accepted for one tour")
	}
	if _, err := Check(in, 2, [][]int{{57}, {57}}); err == nil {
		t.Fatal("double visit accepted")
	}
}

func TestCheckMCTOPMTWConstraints(t *testing.T) {
	t.Parallel()
	in := mustParse(t, "MCTOPMTW-2-c101.txt")
	// Customer 2 (TOPTW 1) has windows [912,925.8] and [939.5,953.2] on
	// tour 1: it is reachable there, but not at a time inside [925.8,939.5].
	if _, err := Check(in, 2, [][]int{{2}, {}}); err != nil {
		t.Fatalf("customer 2 on tour 1: %v", err)
	}
	in.Budget = 10
	if _, err := Check(in, 2, [][]int{{2}, {}}); err == nil || !strings.Contains(err.Error(), "budget") {
		t.Fatalf("budget not enforced: %v", err)
	}
}

func TestSolveAndCheckSmall(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"pr01.txt", "MCTOPMTW-1-pr01.txt"} {
		args := []string{"toptw", "--tours", "2", "--time-limit", "0.3", filepath.Join("testdata", name)}
		if strings.HasPrefix(name, "MCTOPMTW") {
			args = []string{"mctopmtw", "--time-limit", "0.3", filepath.Join("testdata", name)}
		}
		var out, errb bytes.Buffer
		if code := Main(context.Background(), args, &out, &errb); code != 0 {
			t.Fatalf("%s: exit %d: %s", name, code, errb.String())
		}
		var l Line
		if err := json.Unmarshal(out.Bytes(), &l); err != nil {
			t.Fatalf("%s: %v in %q", name, err, out.String())
		}
		if l.Score < 200 || l.Instance != strings.TrimSuffix(name, ".txt") {
			t.Fatalf("%s: %+v", name, l)
		}
	}
}

func TestMainUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{nil, {"nope"}, {"toptw"}, {"toptw", "--tours", "x", "f"}, {"toptw", "--bogus"}, {"toptw", "--time-limit", "0", "f"}} {
		var out, errb bytes.Buffer
		if code := Main(context.Background(), args, &out, &errb); code != 2 || errb.Len() == 0 {
			t.Errorf("%v: exit %d, stderr %q", args, code, errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := Main(context.Background(), []string{"toptw", "testdata/missing.txt"}, &out, &errb); code != 1 {
		t.Errorf("missing file: exit %d", code)
	}
}

func FuzzParseTOPTW(f *testing.F) {
	for _, n := range []string{"c101.txt", "pr01.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data[:min(len(data), 600)]))
	}
	f.Add("4 1 1 1\n0 200\n0 0 0 0 0 0 0 0 10\n1 1 1 1 5 1 1 1 0 9\n")
	f.Fuzz(func(t *testing.T, s string) {
		in, err := ParseTOPTW("x.txt", []byte(s))
		if err != nil {
			return
		}
		// Whatever parses must be checkable and solvable without panics.
		if _, err := Check(in, 1, [][]int{{}}); err != nil {
			t.Fatalf("empty route rejected: %v", err)
		}
		_ = Problem(in, 1)
	})
}

func FuzzParseMCTOPMTW(f *testing.F) {
	for _, n := range []string{"MCTOPMTW-2-c101.txt", "MCTOPMTW-1-pr01.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data[:min(len(data), 800)]))
	}
	f.Fuzz(func(t *testing.T, s string) {
		in, err := ParseMCTOPMTW("MCTOPMTW-1-c101.txt", []byte(s))
		if err != nil {
			return
		}
		if _, err := Check(in, in.Tours, nil); err != nil {
			t.Fatalf("empty solution rejected: %v", err)
		}
		_ = Problem(in, in.Tours)
	})
}
