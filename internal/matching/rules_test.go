package matching

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

// english is a household that speaks English, serves everything common and
// has no pets.
func english(id string, capacity int) Household {
	return Household{ID: id, Capacity: capacity, Languages: []string{"English"},
		CanServe: []string{"vegetarian", "halal"}, TravelMinutes: 10}
}

func visitor(id string, langs ...string) Visitor {
	if len(langs) == 0 {
		langs = []string{"English"}
	}
	return Visitor{ID: id, Languages: langs}
}

func mustSolve(t *testing.T, in Input) Result {
	t.Helper()
	res, err := Solve(context.Background(), in)
	if err != nil {
		t.Fatalf("Solve: %v", err)
	}
	if vs := Check(in, res); len(vs) > 0 {
		t.Fatalf("result breaks rules: %+v", vs)
	}
	if !res.Stats.Optimal {
		t.Fatalf("not proven optimal: %+v", res.Stats)
	}
	return res
}

func householdOf(res Result, visitor string) string {
	for _, a := range res.Assignments {
		if slices.Contains(a.Visitors, visitor) {
			return a.Household
		}
	}
	return ""
}

func reasonOf(t *testing.T, res Result, visitor string) string {
	t.Helper()
	for _, u := range res.Unplaced {
		if u.Visitor == visitor {
			return u.Reason
		}
	}
	t.Fatalf("%s is not unplaced: %+v", visitor, res)
	return ""
}

func TestRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		in        Input
		placed    int
		unplaced  string // a visitor expected unplaced
		reasonHas string // a phrase of its reason
		check     func(t *testing.T, res Result)
	}{
		{
			name: "capacity",
			in: Input{
				Visitors:   []Visitor{visitor("a"), visitor("b"), visitor("c")},
				Households: []Household{english("h1", 2)},
			},
			placed: 2, unplaced: "c", reasonHas: "h1 is full",
		},
		{
			name: "diet",
			in: Input{
				Visitors:   []Visitor{visitor("a"), visitor("b"), {ID: "c", Languages: []string{"English"}, Diets: []string{"Kosher"}}},
				Households: []Household{english("h1", 4)},
			},
			placed: 2, unplaced: "c", reasonHas: "no available household can serve kosher",
		},
		{
			name: "allergy",
			in: Input{
				Visitors: []Visitor{visitor("a"), visitor("b"),
					{ID: "c", Languages: []string{"English"}, Diets: []string{"halal"}, Allergies: []string{"cats"}}},
				Households: []Household{{ID: "h1", Capacity: 4, Languages: []string{"English"}, CanServe: []string{"halal"}, Pets: []string{"Cats"}}},
			},
			placed: 2, unplaced: "c", reasonHas: "no available household can serve halal and has no cats",
		},
		{
			name: "language without interpreter",
			in: Input{
				Visitors:   []Visitor{visitor("a"), visitor("b"), visitor("c", "Arabic")},
				Households: []Household{english("h1", 4)},
			},
			placed: 2, unplaced: "c", reasonHas: "speaks arabic",
		},
		{
			name: "language with interpreter",
			in: Input{
				Visitors:     []Visitor{visitor("a"), visitor("b", "Arabic")},
				Interpreters: []Interpreter{{ID: "i", Languages: []string{"arabic", "english"}}},
				Households:   []Household{english("h1", 3)},
			},
			placed: 2,
			check: func(t *testing.T, res Result) {
				if got := res.Assignments[0].Interpreters; !slices.Equal(got, []string{"i"}) {
					t.Errorf("interpreters = %v, want [i]", got)
				}
			},
		},
		{
			name: "interpreter takes a seat",
			in: Input{
				Visitors:     []Visitor{visitor("a"), visitor("b", "Arabic"), visitor("c")},
				Interpreters: []Interpreter{{ID: "i", Languages: []string{"Arabic", "English"}}},
				Households:   []Household{english("h1", 3)},
			},
			placed: 2, unplaced: "b", reasonHas: "no seat left for an interpreter",
		},
		{
			name: "interpreter in one household only",
			in: Input{
				Visitors:     []Visitor{visitor("a"), visitor("b", "Arabic"), visitor("c"), visitor("d", "Arabic")},
				Interpreters: []Interpreter{{ID: "i", Languages: []string{"Arabic", "English"}}},
				Households:   []Household{english("h1", 4), english("h2", 4)},
				Apart:        []Pair{{"b", "d"}},
			},
			placed: 3, unplaced: "", check: func(t *testing.T, res Result) {
				if n := len(res.Unplaced); n != 1 {
					t.Fatalf("unplaced = %+v", res.Unplaced)
				}
				if r := res.Unplaced[0].Reason; !strings.Contains(r, "would need an interpreter") && !strings.Contains(r, "apart") {
					t.Errorf("reason = %q", r)
				}
			},
		},
		{
			name: "together",
			in: Input{
				Visitors:   []Visitor{visitor("a"), visitor("b"), visitor("c"), visitor("d")},
				Households: []Household{english("h1", 2), english("h2", 2)},
				Together:   []Pair{{"a", "c"}},
			},
			placed: 4, check: func(t *testing.T, res Result) {
				if householdOf(res, "a") != householdOf(res, "c") {
					t.Errorf("a and c split: %+v", res.Assignments)
				}
			},
		},
		{
			name: "together group too large",
			in: Input{
				Visitors:   []Visitor{visitor("a"), visitor("b"), visitor("c"), visitor("d")},
				Households: []Household{english("h1", 2), english("h2", 2)},
				Together:   []Pair{{"a", "b"}, {"b", "c"}},
			},
			placed: 0, unplaced: "a", reasonHas: "must be together with b and c",
		},
		{
			name: "apart",
			in: Input{
				Visitors:   []Visitor{visitor("a"), visitor("b"), visitor("c"), visitor("d")},
				Households: []Household{english("h1", 4), english("h2", 4)},
				Apart:      []Pair{{"a", "b"}},
			},
			placed: 4, check: func(t *testing.T, res Result) {
				if householdOf(res, "a") == householdOf(res, "b") {
					t.Errorf("a and b together: %+v", res.Assignments)
				}
			},
		},
		{
			name: "no visitor alone",
			in: Input{
				Visitors:   []Visitor{visitor("a"), visitor("b"), visitor("c")},
				Households: []Household{english("h1", 2), english("h2", 2)},
			},
			placed: 2, unplaced: "c", reasonHas: "fewer than 2 visitors",
		},
		{
			name: "interpreter does not count toward the minimum",
			in: Input{
				Visitors:     []Visitor{visitor("a", "Arabic")},
				Interpreters: []Interpreter{{ID: "i", Languages: []string{"Arabic", "English"}}},
				Households:   []Household{english("h1", 3)},
			},
			placed: 0, unplaced: "a",
		},
		{
			name: "min group 1",
			in: Input{
				Visitors:   []Visitor{visitor("a")},
				Households: []Household{english("h1", 2)},
				MinGroup:   1,
			},
			placed: 1,
		},
		{
			name: "min group 3",
			in: Input{
				Visitors:   []Visitor{visitor("a"), visitor("b"), visitor("c"), visitor("d"), visitor("e")},
				Households: []Household{english("h1", 3), english("h2", 3)},
				MinGroup:   3,
			},
			placed: 3,
		},
		{
			name: "unavailable household",
			in: Input{
				Visitors:    []Visitor{visitor("a"), visitor("b")},
				Households:  []Household{english("h1", 2)},
				Unavailable: []string{"h1"},
			},
			placed: 0, unplaced: "a", reasonHas: "no household is available",
		},
		{
			name: "locked assignments are kept",
			in: Input{
				Visitors:   []Visitor{visitor("a"), visitor("b"), visitor("c"), visitor("d")},
				Households: []Household{english("h1", 4), {ID: "h2", Capacity: 4, Languages: []string{"English"}, TravelMinutes: 90}},
				Locked:     []Lock{{Visitor: "a", Household: "h2"}, {Visitor: "b", Household: "h2"}},
			},
			placed: 4, check: func(t *testing.T, res Result) {
				if householdOf(res, "a") != "h2" || householdOf(res, "b") != "h2" {
					t.Errorf("locks not kept: %+v", res.Assignments)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := mustSolve(t, tt.in)
			if res.Stats.Placed != tt.placed {
				t.Errorf("placed %d, want %d: %+v", res.Stats.Placed, tt.placed, res)
			}
			if tt.unplaced != "" {
				if r := reasonOf(t, res, tt.unplaced); !strings.Contains(r, tt.reasonHas) {
					t.Errorf("reason %q lacks %q", r, tt.reasonHas)
				}
			}
			if tt.check != nil {
				tt.check(t, res)
			}
		})
	}
}

func TestSecondaryObjective(t *testing.T) {
	t.Parallel()
	// Both households can take everyone; the near one with shared interests
	// and a direct language must win over the far one needing interpretation.
	in := Input{
		Visitors: []Visitor{
			{ID: "a", Languages: []string{"English", "French"}, Interests: []string{"policy"}},
			{ID: "b", Languages: []string{"French"}, Interests: []string{"media"}},
		},
		Interpreters: []Interpreter{{ID: "i", Languages: []string{"French", "English"}}},
		Households: []Household{
			{ID: "far", Capacity: 3, Languages: []string{"English"}, TravelMinutes: 40},
			{ID: "near", Capacity: 3, Languages: []string{"French", "English"}, TravelMinutes: 5, Interests: []string{"media"}},
		},
	}
	res := mustSolve(t, in)
	if len(res.Assignments) != 1 || res.Assignments[0].Household != "near" || len(res.Assignments[0].Interpreters) != 0 {
		t.Fatalf("assignments = %+v", res.Assignments)
	}
	sc := Evaluate(in, res)
	if sc.Direct != 2 || sc.SharedInterests != 1 || sc.TravelMinutes != 10 || sc.SizeSquares != 4 {
		t.Errorf("score = %+v", sc)
	}
}

func TestEvenGroups(t *testing.T) {
	t.Parallel()
	var in Input
	for _, id := range []string{"a", "b", "c", "d", "e", "f"} {
		in.Visitors = append(in.Visitors, visitor(id))
	}
	in.Households = []Household{english("h1", 4), english("h2", 4)}
	res := mustSolve(t, in)
	for _, a := range res.Assignments {
		if len(a.Visitors) != 3 {
			t.Errorf("groups not even: %+v", res.Assignments)
		}
	}
}

func TestRematchAfterDropout(t *testing.T) {
	t.Parallel()
	in := Input{
		Visitors:   []Visitor{visitor("a"), visitor("b"), visitor("c"), visitor("d"), visitor("e"), visitor("f")},
		Households: []Household{english("h1", 3), english("h2", 3), english("h3", 3)},
	}
	first := mustSolve(t, in)
	dropped := first.Assignments[0].Household
	// Lock everyone not at the household that drops out and re-run.
	in.Unavailable = []string{dropped}
	for _, a := range first.Assignments[1:] {
		for _, v := range a.Visitors {
			in.Locked = append(in.Locked, Lock{Visitor: v, Household: a.Household})
		}
	}
	second := mustSolve(t, in)
	if second.Stats.Placed != 6 {
		t.Errorf("placed %d after dropout, want 6: %+v", second.Stats.Placed, second)
	}
	for _, l := range in.Locked {
		if householdOf(second, l.Visitor) != l.Household {
			t.Errorf("%s moved from locked %s", l.Visitor, l.Household)
		}
	}
}

func TestLockInfeasible(t *testing.T) {
	t.Parallel()
	in := Input{
		Visitors:   []Visitor{visitor("a"), {ID: "b", Languages: []string{"English"}, Diets: []string{"kosher"}}},
		Households: []Household{english("h1", 3)},
		Locked:     []Lock{{Visitor: "b", Household: "h1"}},
	}
	_, err := Solve(context.Background(), in)
	if !errors.Is(err, ErrLocksInfeasible) || !strings.Contains(err.Error(), "cannot serve kosher") {
		t.Fatalf("err = %v", err)
	}
}
