package subgroup_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"itinera/internal/itinerary"
	"itinera/internal/subgroup"
)

// shelterDay is the example: nine visitors, a shelter that takes
// five people, a prosecutor's office for everyone, Amina and Priya
// interested in survivor services, an interpreter for the French
// speakers.
func shelterDay() subgroup.Problem {
	p := subgroup.Problem{
		Escorts: 2, SplitCost: 10, LunchTogether: true,
		Places: []itinerary.Place{{ID: "hotel"}, {ID: "shelter"}, {ID: "prosecutor"}, {ID: "diner"}},
		Travel: func(a, b string) int { return 20 },
		Days: []subgroup.Day{{Label: "Tuesday", Lunch: &subgroup.Lunch{From: 750, To: 810, Place: "diner"},
			Parts: []subgroup.Part{{Label: "visits", From: 540, To: 1020, Start: "hotel", End: "hotel"}}}},
		Interpreters: []subgroup.Interpreter{{ID: "i1", Name: "Fatima", Languages: []string{"en", "fr"}}},
		TopicLabels:  map[string]string{"survivors": "survivor services", "prosecution": "prosecution"},
		Candidates: []subgroup.Candidate{
			{ID: "shelter", Title: "the shelter", Place: "shelter", Duration: 90, Value: 5, Topics: []string{"survivors"},
				MaxVisitors: 5, Languages: []string{"en"}, Windows: []itinerary.Window{{From: 600, To: 720}}},
			{ID: "prosecutor", Title: "the prosecutor's office", Place: "prosecutor", Duration: 90, Value: 5, Topics: []string{"prosecution"},
				Languages: []string{"en"}, Windows: []itinerary.Window{{From: 600, To: 720}}},
		},
	}
	names := []string{"Amina", "Priya", "Lena", "Omar", "Sofia", "Tariq", "Yuki", "Nadia", "Carlos"}
	for i, n := range names {
		v := subgroup.Visitor{ID: fmt.Sprintf("v%d", i), Name: n, Languages: []string{"en"}, Interests: map[string]int{"prosecution": 20}}
		if i < 2 {
			v.Interests = map[string]int{"survivors": 30}
			v.Languages = []string{"fr"}
		}
		p.Visitors = append(p.Visitors, v)
	}
	return p
}

// TestExplanationsNameTheSubGroups checks the plain-words explanation of a
// split: who goes where, why (capacity and interests), and who
// interprets.
func TestExplanationsNameTheSubGroups(t *testing.T) {
	p := shelterDay()
	res, err := subgroup.Solve(context.Background(), p, subgroup.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := subgroup.Check(p, res); err != nil {
		t.Fatal(err)
	}
	st := res.Days[0].Stretches[0]
	if len(st.Groups) != 2 {
		t.Fatalf("%d groups before lunch, want 2: %+v", len(st.Groups), st)
	}
	var amina subgroup.Group
	for _, g := range st.Groups {
		if g.Visitors[0] == "v0" {
			amina = g
		}
	}
	want := "Amina and Priya attend the shelter while the others attend the prosecutor's office, because the shelter takes five people and they chose survivor services. Fatima interprets for Amina and Priya."
	if amina.Explanation != want {
		t.Errorf("explanation\n%q\nwant\n%q", amina.Explanation, want)
	}
	if !strings.HasPrefix(st.Explanation, "The delegation splits into two groups. ") {
		t.Errorf("stretch explanation %q", st.Explanation)
	}
	after := res.Days[0].Stretches[1]
	if len(after.Groups) != 1 || !strings.HasPrefix(after.Explanation, "Everyone stays together") {
		t.Errorf("after lunch: %+v", after)
	}
	// 2 × (5+30) + 7 × (5+20) - 10
	if res.Value != 70+175-10 {
		t.Errorf("value %d, want %d", res.Value, 70+175-10)
	}
}

// TestExplanationsSayWhyTheDelegationStaysTogether covers the together
// part, a single escort and an unprofitable split.
func TestExplanationsSayWhyTheDelegationStaysTogether(t *testing.T) {
	cases := []struct {
		name string
		edit func(*subgroup.Problem)
		want string
	}{
		{"together part", func(p *subgroup.Problem) { p.Days[0].Parts[0].Together = true }, "this part of the day is for the whole delegation"},
		{"one escort", func(p *subgroup.Problem) { p.Escorts = 1 }, "one escort can accompany only one group"},
		{"split too dear", func(p *subgroup.Problem) { p.SplitCost = 1000 }, "no split would give the visitors more than it costs"},
	}
	for _, tc := range cases {
		p := shelterDay()
		tc.edit(&p)
		res, err := subgroup.Solve(context.Background(), p, subgroup.Options{Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		if err := subgroup.Check(p, res); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		st := res.Days[0].Stretches[0]
		if len(st.Groups) != 1 || !strings.Contains(st.Explanation, tc.want) {
			t.Errorf("%s: %d groups, %q", tc.name, len(st.Groups), st.Explanation)
		}
	}
}

// TestLeftOutCandidatesAreExplained covers a candidate outside every part
// and one nobody can follow for want of an interpreter.
func TestLeftOutCandidatesAreExplained(t *testing.T) {
	p := shelterDay()
	p.Candidates = append(p.Candidates,
		subgroup.Candidate{ID: "late", Place: "shelter", Duration: 60, Windows: []itinerary.Window{{From: 1300, To: 1400}}},
		subgroup.Candidate{ID: "ru", Place: "shelter", Duration: 60, Languages: []string{"ru"}, Audience: subgroup.Named,
			Named: []string{"v0"}, Windows: []itinerary.Window{{From: 810, To: 1000}}})
	res, err := subgroup.Solve(context.Background(), p, subgroup.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := subgroup.Check(p, res); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, lo := range res.LeftOut {
		got[lo.CandidateID] = lo.Explanation
	}
	if !strings.Contains(got["late"], "None of its available times fits") {
		t.Errorf("late: %q", got["late"])
	}
	if !strings.Contains(got["ru"], "no interpreter covers their languages") {
		t.Errorf("ru: %q", got["ru"])
	}
}
