package matching

import (
	"testing"
)

func TestCheckReportsEveryRule(t *testing.T) {
	t.Parallel()
	in := Input{
		Visitors: []Visitor{
			{ID: "a", Languages: []string{"English"}, Diets: []string{"halal"}},
			{ID: "b", Languages: []string{"English"}, Allergies: []string{"cats"}},
			{ID: "c", Languages: []string{"Arabic"}},
			{ID: "d", Languages: []string{"English"}},
			{ID: "e", Languages: []string{"English"}},
		},
		Interpreters: []Interpreter{{ID: "i", Languages: []string{"French", "English"}}},
		Households: []Household{
			{ID: "h1", Capacity: 3, Languages: []string{"English"}, Pets: []string{"cats"}},
			{ID: "h2", Capacity: 2, Languages: []string{"English"}},
			{ID: "h3", Capacity: 2, Languages: []string{"English"}},
		},
		Together:    []Pair{{"a", "d"}},
		Apart:       []Pair{{"a", "b"}},
		Locked:      []Lock{{Visitor: "e", Household: "h2"}},
		Unavailable: []string{"h3"},
	}
	out := Result{Assignments: []Assignment{
		{Household: "h1", Visitors: []string{"a", "b", "c"}, Interpreters: []string{"i"}},
		{Household: "h2", Visitors: []string{"d"}},
		{Household: "h3", Visitors: []string{"e", "zz"}, Interpreters: []string{"i"}},
	}}
	got := map[Rule]int{}
	for _, v := range Check(in, out) {
		got[v.Rule]++
		if v.Message == "" {
			t.Errorf("violation without message: %+v", v)
		}
	}
	want := map[Rule]int{
		RuleDiet: 1, RuleAllergy: 1, RuleLanguage: 1, RuleCapacity: 1, RuleTogether: 1, RuleApart: 1,
		RuleMinGroup: 2, RuleLocked: 1, RuleUnavailable: 1, RuleUnknown: 1, RuleDuplicate: 1,
	}
	for r, n := range want {
		if got[r] != n {
			t.Errorf("rule %s: %d violations, want %d (all: %v)", r, got[r], n, got)
		}
	}
	for r := range got {
		if _, ok := want[r]; !ok {
			t.Errorf("unexpected rule %s", r)
		}
	}
}

func TestCheckAcceptsValidMatching(t *testing.T) {
	t.Parallel()
	in := Input{
		Visitors:     []Visitor{{ID: "a", Languages: []string{"Arabic"}}, {ID: "b", Languages: []string{"English"}}},
		Interpreters: []Interpreter{{ID: "i", Languages: []string{"Arabic", "English"}}},
		Households:   []Household{{ID: "h", Capacity: 3, Languages: []string{"english"}}},
	}
	out := Result{Assignments: []Assignment{{Household: "h", Visitors: []string{"a", "b"}, Interpreters: []string{"i"}}}}
	if vs := Check(in, out); len(vs) != 0 {
		t.Errorf("violations %+v", vs)
	}
}
