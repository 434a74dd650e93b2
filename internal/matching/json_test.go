package matching

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestDemoInstance(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/demo.json")
	if err != nil {
		t.Fatal(err)
	}
	in, err := DecodeInput(data)
	if err != nil {
		t.Fatal(err)
	}
	res := mustSolve(t, in)
	if res.Stats.Placed != len(in.Visitors) {
		t.Errorf("placed %d of %d: %+v", res.Stats.Placed, len(in.Visitors), res.Unplaced)
	}
	// Luis speaks only Spanish: he needs Elena with him.
	for _, a := range res.Assignments {
		if householdOf(res, "luis") == a.Household && (len(a.Interpreters) != 1 || a.Interpreters[0] != "elena") {
			t.Errorf("luis without interpreter: %+v", a)
		}
	}
	if h := householdOf(res, "oksana"); h == "garcia" {
		t.Errorf("oksana (cat allergy) placed with the cats")
	}
}

func TestInvalidInputs(t *testing.T) {
	t.Parallel()
	want := map[string]string{
		"duplicate-visitor.json":  `id "a" is used by more than one visitor`,
		"negative-capacity.json":  `household "h" has a negative capacity (-1)`,
		"unknown-together.json":   `names "zz", which is not a visitor`,
		"short-pair.json":         "exactly two visitors",
		"unknown-field.json":      `unknown field "colour"`,
		"together-and-apart.json": `"b" and "a" must be both together and apart`,
		"locked-unavailable.json": `locked to household "h", which is unavailable`,
		"wrong-type.json":         "visitors.languages: expected []string",
		"truncated.json":          "ends too early",
	}
	files, err := filepath.Glob("testdata/invalid/*.json")
	if err != nil || len(files) != len(want) {
		t.Fatalf("files %v, err %v", files, err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, err = DecodeInput(data)
		var ve *ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: err = %v, want a ValidationError", f, err)
			continue
		}
		if w := want[filepath.Base(f)]; !strings.Contains(err.Error(), w) {
			t.Errorf("%s: %q lacks %q", f, err, w)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/demo.json")
	if err != nil {
		t.Fatal(err)
	}
	in, err := DecodeInput(data)
	if err != nil {
		t.Fatal(err)
	}
	again, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeInput(again)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, back) {
		t.Errorf("input round trip differs:\n%+v\n%+v", in, back)
	}

	res := mustSolve(t, in)
	var buf bytes.Buffer
	if err := res.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var out Result
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out.Assignments, res.Assignments) || len(out.Unplaced) != len(res.Unplaced) {
		t.Errorf("result round trip differs:\n%+v\n%+v", res, out)
	}
	if vs := Check(in, out); len(vs) > 0 {
		t.Errorf("decoded result breaks rules: %+v", vs)
	}
}

func TestEmptyListsAreArrays(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := (Result{Assignments: []Assignment{{Household: "h"}}}).WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"visitors": []`, `"interpreters": []`, `"unplaced": []`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("%s lacks %s", buf.String(), want)
		}
	}
}

// FuzzDecodeInput feeds the parser arbitrary bytes: it must never panic,
// and whatever it accepts must solve into a matching that keeps the rules.
func FuzzDecodeInput(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.json")
	invalid, _ := filepath.Glob("testdata/invalid/*.json")
	for _, p := range append(seeds, invalid...) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := DecodeInput(data)
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error is not a ValidationError: %v", err)
			}
			return
		}
		if len(in.Visitors) > 12 || len(in.Households) > 12 {
			return // keep each fuzz run fast
		}
		res, err := Solve(context.Background(), in)
		if err != nil {
			if !errors.Is(err, ErrLocksInfeasible) {
				t.Fatalf("Solve: %v", err)
			}
			return
		}
		if vs := Check(in, res); len(vs) > 0 {
			t.Fatalf("violations %+v for %s", vs, data)
		}
	})
}
