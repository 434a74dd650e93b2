package toptw

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseRighiniSalani(t *testing.T) {
	t.Parallel()
	in := mustParse(t, "pr01.OUT")
	if in.Name != "pr01" || in.Scale != 100 || len(in.Customers) != 48 || in.Tmax != rsTmax || len(in.Dist) != 49 {
		t.Fatalf("parsed %q scale %d, %d customers, Tmax %v, %d matrix rows", in.Name, in.Scale, len(in.Customers), in.Tmax, len(in.Dist))
	}
	// First customer line "12 0 2 354 509"; first matrix entry 0-1.
	c := in.Customers[0]
	if c.Num != 1 || c.Score != 12 || c.Service != 2 || c.Windows[0][0] != [2]float64{354, 509} {
		t.Fatalf("customer 1: %+v", c)
	}
	for i := range in.Dist {
		if in.Dist[i][i] != 0 {
			t.Fatalf("distance %d-%d is %v", i, i, in.Dist[i][i])
		}
		for j := range in.Dist {
			if in.Dist[i][j] != in.Dist[j][i] {
				t.Fatalf("matrix not symmetric at %d, %d", i, j)
			}
		}
	}
}

// The two files of pr01 are one instance; those of pr11 share customers,
// scores, service times and the distances between customers, but not the
// depot or any window (docs/BENCHMARKS.md, "Two versions of pr11-pr20").
func TestCompareVersions(t *testing.T) {
	t.Parallel()
	same := CompareVersions(mustParse(t, "pr01.txt"), mustParse(t, "pr01.OUT"))
	if same != (VersionDiff{Customers: 48, SameScoreService: 48, SameWindows: 48, Pairs: 1128, SamePairs: 1128, SameDepot: 48, MaxDepotDiff: same.MaxDepotDiff}) || same.MaxDepotDiff > 0.0100001 {
		t.Fatalf("pr01: %+v", same)
	}
	d := CompareVersions(mustParse(t, "pr11.txt"), mustParse(t, "pr11.OUT"))
	if d.Customers != 48 || d.SameScoreService != 48 || d.SamePairs != 1128 || d.SameWindows != 0 || d.SameDepot != 0 || d.MaxDepotDiff < 15 {
		t.Fatalf("pr11: %+v", d)
	}
	if d := CompareVersions(mustParse(t, "pr01.txt"), mustParse(t, "c101.txt")); d.Customers != 0 {
		t.Fatalf("files with different customer counts compared: %+v", d)
	}
}

// The checker reads the matrix: a customer whose window closes before
// anyone can get there from the depot is refused, one that can be reached
// is accepted with its score.
func TestCheckWithMatrix(t *testing.T) {
	t.Parallel()
	in := mustParse(t, "pr11.OUT")
	late, fine := -1, -1
	for i, c := range in.Customers {
		d := in.Dist[0][c.Num]
		if d > c.Windows[0][0][1] && late < 0 {
			late = i
		}
		if d <= c.Windows[0][0][1] && fine < 0 {
			fine = i
		}
	}
	if fine < 0 {
		t.Fatal("no reachable customer in pr11.OUT")
	}
	if score, err := Check(in, 1, [][]int{{in.Customers[fine].Num}}); err != nil || score != in.Customers[fine].Score {
		t.Fatalf("reachable customer: score %d, %v", score, err)
	}
	// Make one unreachable by closing its window before the travel ends.
	if late < 0 {
		late = fine
		in.Customers[late].Windows[0][0][1] = in.Dist[0][in.Customers[late].Num] - 0.01
		in.Customers[late].Windows[1] = in.Customers[late].Windows[0]
	}
	if _, err := Check(in, 1, [][]int{{in.Customers[late].Num}}); err == nil || !strings.Contains(err.Error(), "after its windows close") {
		t.Fatalf("unreachable customer accepted: %v", err)
	}
}

func TestParseRighiniSalaniErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ data, want string }{
		{"", "number of customers"},
		{"x\n", "number of customers"},
		{"2 3\n", "number of customers"},
		{"2\n1 2\n3\n5 0 1 0 10\n", "found 3 lines"},
		{"2\n1\n3\n5 0 1 0 10\n6 0 1 0 20\n", "row 0 has 1"},
		{"2\n1 -2\n3\n5 0 1 0 10\n6 0 1 0 20\n", "negative distance"},
		{"2\n1 2\n3\n5 0 1 0\n6 0 1 0 20\n", "customer line 1 has 4 fields"},
		{"2\n1 2\n3\n5 0 1 10 0\n6 0 1 0 20\n", "customer 1: bad score"},
		{"2\n1 2\n3\n5.5 0 1 0 10\n6 0 1 0 20\n", "customer 1: bad score"},
	} {
		if _, err := ParseRighiniSalani("pr99.OUT", []byte(c.data)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want an error with %q", c.data, err, c.want)
		}
	}
	in, err := ParseRighiniSalani("pr99.OUT", []byte("2\n1 2\n3\n5 0 1 0 10\n6 0 1 0 20\n0\n"))
	if err != nil || len(in.Customers) != 2 || in.Dist[1][2] != 3 || in.Dist[2][0] != 2 {
		t.Fatalf("small file: %+v, %v", in, err)
	}
}

func TestVersionsAndCompareCommands(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	args := []string{"versions", "testdata/pr01.txt", "testdata/pr01.OUT", "testdata/pr11.txt", "testdata/pr11.OUT"}
	if code := Main(context.Background(), args, &out, &errb); code != 0 {
		t.Fatalf("versions: exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"| pr01 | 48 | 48 | 48 | 1128 of 1128 | 48 | 0.01 |", "| pr11 | 48 | 48 | 0 | 1128 of 1128 | 0 |"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("versions output lacks %q:\n%s", want, out.String())
		}
	}
	if code := Main(context.Background(), []string{"versions", "testdata/pr01.txt"}, &out, &errb); code != 2 {
		t.Errorf("odd number of files: exit %d", code)
	}

	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bks := write("bks.csv", "instance,m,bks,source\npr11,1,353,X\npr11,2,566,X\n")
	write("a.jsonl", `{"instance":"pr11","tours":1,"score":353}`+"\n"+`{"instance":"pr11","tours":2,"score":560}`+"\n")
	write("b.jsonl", `{"instance":"pr11","tours":1,"score":330}`+"\n"+`{"instance":"pr11","tours":2,"score":566}`+"\n")
	out.Reset()
	args = []string{"compare", "--bks", bks, "--a", filepath.Join(dir, "a*.jsonl"), "--b", filepath.Join(dir, "b*.jsonl"), "--a-label", "TOPTW", "--b-label", "RS"}
	if code := Main(context.Background(), args, &out, &errb); code != 0 {
		t.Fatalf("compare: exit %d: %s", code, errb.String())
	}
	for _, want := range []string{
		"| instance | m | best known | TOPTW | gap % | RS | gap % | the better of the two: gap % |",
		"| pr11 | 1 | 353 | 353 | 0.00 | 330 | 6.52 | 0.00 |",
		"| pr11 | 2 | 566 | 560 | 1.06 | 566 | 0.00 | 0.00 |",
		"| all | | | 1 of 2 best known | 0.53 | 1 of 2 best known | 3.26 | 2 of 2: 0.00 |",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("compare output lacks %q:\n%s", want, out.String())
		}
	}
	if code := Main(context.Background(), []string{"compare", "--bks", bks, "--a", filepath.Join(dir, "none*"), "--b", filepath.Join(dir, "b*.jsonl")}, &out, &errb); code != 1 {
		t.Errorf("no results: exit %d", code)
	}
}

func FuzzParseRighiniSalani(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("testdata", "pr01.OUT"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(data))
	f.Add("2\n1 2\n3\n5 0 1 0 10\n6 0 1 0 20\n0\n")
	f.Fuzz(func(t *testing.T, s string) {
		in, err := ParseRighiniSalani("x.OUT", []byte(s))
		if err != nil {
			return
		}
		// Whatever parses must be checkable and solvable without panics.
		if _, err := Check(in, 1, [][]int{{}}); err != nil {
			t.Fatalf("empty route rejected: %v", err)
		}
		_, _ = Check(in, 1, [][]int{{1}})
		_ = Problem(in, 1)
	})
}
