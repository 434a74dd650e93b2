package hosting

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"itinera"
	"itinera/internal/matching"
)

// View describes a matching for the officer: a card per household, the
// visitors left out with the reason, and every hard rule it breaks.
type View struct {
	Cards    []Card // households that receive guests, in the records' order
	Idle     []Card // invited households without guests
	Unplaced []UnplacedGuest
	Problems []string // every broken hard rule; empty when the matching holds
	Score    matching.Score
	Placed   int
	Total    int
}

// Card is one household and its guests.
type Card struct {
	Household     itinera.HostHousehold
	Label         string // the household's name in the engine's messages
	Available     bool
	Guests        int // visitors and interpreters: the seats taken
	TravelMinutes int
	DistanceKm    string
	Visitors      []GuestView
	Interpreters  []InterpreterView
	Direct        []string // household languages that visitors share directly
	Bridges       []string // "Lucía Ramírez Ortega through Ana Beltrán (Spanish)"
	Diets         []string // the guests' diets the household serves
	Problems      []string // broken rules that concern this household
}

// GuestView is a visitor at a household.
type GuestView struct {
	Visitor itinera.Visitor
	Label   string
	Locked  bool
	Direct  bool // shares a language with the household
}

// InterpreterView is an interpreter at a household.
type InterpreterView struct {
	Interpreter itinera.Interpreter
	Locked      bool
}

// UnplacedGuest is a visitor the matching leaves out, and why.
type UnplacedGuest struct {
	Visitor itinera.Visitor
	Label   string
	Reason  string
}

// Describe builds the view of res; locks come from the saved guests.
func (rec *Records) Describe(res matching.Result) View {
	in := rec.Input()
	v := View{Total: len(rec.Visitors), Score: matching.Evaluate(in, res), Cards: []Card{}, Idle: []Card{}, Unplaced: []UnplacedGuest{}}
	byHousehold := map[string][]matching.Violation{}
	for _, p := range matching.Check(in, res) {
		v.Problems = append(v.Problems, sentence(p.Message))
		if p.Household != "" {
			byHousehold[p.Household] = append(byHousehold[p.Household], p)
		}
	}
	locked := map[[3]int64]bool{}
	for _, g := range rec.Evening.Guests {
		locked[[3]int64{g.HouseholdID, g.VisitorID, g.InterpreterID}] = g.Locked
	}
	assigned := map[string]matching.Assignment{}
	for _, a := range res.Assignments {
		assigned[a.Household] = a
	}
	for _, h := range rec.Households {
		label := rec.householdLabel[h.ID]
		c := Card{Household: h, Label: label, Available: rec.Available(h), TravelMinutes: rec.TravelMinutes(h)}
		if km := rec.DistanceKm(h); km > 0 {
			c.DistanceKm = fmt.Sprintf("%.1f km", km)
		}
		for _, p := range byHousehold[label] {
			c.Problems = append(c.Problems, sentence(p.Message))
		}
		a := assigned[label]
		for _, l := range a.Interpreters {
			if i, ok := rec.Interpreter(l); ok {
				c.Interpreters = append(c.Interpreters, InterpreterView{Interpreter: i, Locked: locked[[3]int64{h.ID, 0, i.ID}]})
			}
		}
		diets := map[string]bool{}
		for _, l := range a.Visitors {
			vis, ok := rec.Visitor(l)
			if !ok {
				continue
			}
			shared := common(vis.Languages, h.Languages)
			g := GuestView{Visitor: vis, Label: l, Locked: locked[[3]int64{h.ID, vis.ID, 0}], Direct: len(shared) > 0}
			c.Visitors = append(c.Visitors, g)
			c.Direct = union(c.Direct, shared)
			if !g.Direct {
				c.Bridges = append(c.Bridges, bridge(vis, h, c.Interpreters))
			}
			for _, d := range vis.Diets {
				if !diets[strings.ToLower(d)] {
					diets[strings.ToLower(d)] = true
					c.Diets = append(c.Diets, d)
				}
			}
		}
		c.Guests = len(c.Visitors) + len(c.Interpreters)
		v.Placed += len(c.Visitors)
		if c.Guests > 0 {
			v.Cards = append(v.Cards, c)
		} else {
			v.Idle = append(v.Idle, c)
		}
	}
	for _, u := range res.Unplaced {
		if vis, ok := rec.Visitor(u.Visitor); ok {
			v.Unplaced = append(v.Unplaced, UnplacedGuest{Visitor: vis, Label: u.Visitor, Reason: sentence(u.Reason)})
		}
	}
	return v
}

// bridge says which interpreter at the household speaks with the visitor.
func bridge(vis itinera.Visitor, h itinera.HostHousehold, interps []InterpreterView) string {
	for _, i := range interps {
		vl, hl := common(vis.Languages, i.Interpreter.Languages), common(h.Languages, i.Interpreter.Languages)
		if len(vl) > 0 && len(hl) > 0 {
			return fmt.Sprintf("%s speaks %s with the hosts through %s", vis.Name(), strings.Join(hl, ", "), i.Interpreter.Name) +
				fmt.Sprintf(" (who speaks %s with them)", strings.Join(vl, ", "))
		}
	}
	return vis.Name() + " shares no language with the hosts and no interpreter is there"
}

// common returns the items of a also in b, compared without case.
func common(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range b {
		in[strings.ToLower(strings.TrimSpace(x))] = true
	}
	out := []string{}
	for _, x := range a {
		if in[strings.ToLower(strings.TrimSpace(x))] {
			out = append(out, x)
		}
	}
	return out
}

func union(a, b []string) []string {
	return itinera.CleanList(append(append([]string{}, a...), b...))
}

// sentence capitalises a message and ends it with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
