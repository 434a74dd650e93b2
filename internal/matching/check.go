package matching

import (
	"fmt"
	"slices"
	"strings"
)

// Rule names a hard rule of the matching.
type Rule string

// The hard rules Check reports.
const (
	RuleUnknown     Rule = "unknown"     // an id that is not in the input
	RuleDuplicate   Rule = "duplicate"   // someone placed twice, a household listed twice
	RuleUnavailable Rule = "unavailable" // a household that is unavailable receives guests
	RuleCapacity    Rule = "capacity"    // more guests than seats (interpreters count)
	RuleDiet        Rule = "diet"        // the household cannot serve a visitor's diet
	RuleAllergy     Rule = "allergy"     // the household has an animal the visitor is allergic to
	RuleLanguage    Rule = "language"    // no shared language and no interpreter bridges
	RuleTogether    Rule = "together"    // a together pair is split
	RuleApart       Rule = "apart"       // an apart pair shares a household
	RuleMinGroup    Rule = "min_group"   // fewer visitors than the minimum group
	RuleLocked      Rule = "locked"      // a locked person is not where locked
)

// Violation is one broken hard rule.
type Violation struct {
	Rule        Rule   `json:"rule"`
	Household   string `json:"household,omitempty"`
	Visitor     string `json:"visitor,omitempty"`
	Interpreter string `json:"interpreter,omitempty"`
	Message     string `json:"message"`
}

// Check lists every hard-rule violation of out as a matching of in. It uses
// only the input and the output, not the solver, so that tests can verify
// the solver and the UI can show what moving a visitor would break. The
// result is empty when every rule holds.
func Check(in Input, out Result) []Violation {
	var vs []Violation
	add := func(v Violation, format string, a ...any) {
		v.Message = fmt.Sprintf(format, a...)
		vs = append(vs, v)
	}
	visitors := map[string]*Visitor{}
	for i := range in.Visitors {
		visitors[in.Visitors[i].ID] = &in.Visitors[i]
	}
	interpreters := map[string]*Interpreter{}
	for i := range in.Interpreters {
		interpreters[in.Interpreters[i].ID] = &in.Interpreters[i]
	}
	households := map[string]*Household{}
	for i := range in.Households {
		households[in.Households[i].ID] = &in.Households[i]
	}
	unavailable := map[string]bool{}
	for _, id := range in.Unavailable {
		unavailable[id] = true
	}
	minGroup := in.MinGroup
	if minGroup <= 0 {
		minGroup = DefaultMinGroup
	}

	placedAt := map[string]string{} // visitor -> household
	interpAt := map[string]string{}
	seenHousehold := map[string]bool{}
	for _, a := range out.Assignments {
		h := households[a.Household]
		if h == nil {
			add(Violation{Rule: RuleUnknown, Household: a.Household}, "%q is not a household", a.Household)
		}
		if seenHousehold[a.Household] {
			add(Violation{Rule: RuleDuplicate, Household: a.Household}, "household %q is listed more than once", a.Household)
		}
		seenHousehold[a.Household] = true
		if unavailable[a.Household] && len(a.Visitors)+len(a.Interpreters) > 0 {
			add(Violation{Rule: RuleUnavailable, Household: a.Household}, "household %q is unavailable but receives guests", a.Household)
		}
		var hereInterp []*Interpreter
		for _, id := range a.Interpreters {
			t := interpreters[id]
			if t == nil {
				add(Violation{Rule: RuleUnknown, Household: a.Household, Interpreter: id}, "%q is not an interpreter", id)
				continue
			}
			if prev, ok := interpAt[id]; ok {
				add(Violation{Rule: RuleDuplicate, Household: a.Household, Interpreter: id}, "interpreter %s is placed in both %s and %s", id, prev, a.Household)
				continue
			}
			interpAt[id] = a.Household
			hereInterp = append(hereInterp, t)
		}
		nv := 0
		for _, id := range a.Visitors {
			v := visitors[id]
			if v == nil {
				add(Violation{Rule: RuleUnknown, Household: a.Household, Visitor: id}, "%q is not a visitor", id)
				continue
			}
			if prev, ok := placedAt[id]; ok {
				add(Violation{Rule: RuleDuplicate, Household: a.Household, Visitor: id}, "visitor %s is placed in both %s and %s", id, prev, a.Household)
				continue
			}
			placedAt[id] = a.Household
			nv++
			if h == nil {
				continue
			}
			vv := Violation{Household: h.ID, Visitor: id}
			if miss := missing(v.Diets, h.CanServe); len(miss) > 0 {
				vv.Rule = RuleDiet
				add(vv, "%s cannot serve %s for %s", h.ID, joinAnd(miss), id)
			}
			if hit := common(v.Allergies, h.Pets); len(hit) > 0 {
				vv.Rule = RuleAllergy
				add(vv, "%s is allergic to %s, and %s has %s", id, joinAnd(hit), h.ID, joinAnd(hit))
			}
			if !intersects(v.Languages, normSet(h.Languages)) {
				bridged := false
				for _, t := range hereInterp {
					if bridges(t, v, h) {
						bridged = true
						break
					}
				}
				if !bridged {
					vv.Rule = RuleLanguage
					if len(hereInterp) == 0 {
						add(vv, "%s shares no language with %s and no interpreter is there", id, h.ID)
					} else {
						add(vv, "%s shares no language with %s and no interpreter there speaks a language of both", id, h.ID)
					}
				}
			}
		}
		if h != nil {
			guests := nv + len(hereInterp)
			if guests > h.Capacity {
				add(Violation{Rule: RuleCapacity, Household: h.ID}, "%s seats %d but receives %d guests", h.ID, h.Capacity, guests)
			}
		}
		if nv > 0 && nv < minGroup {
			add(Violation{Rule: RuleMinGroup, Household: a.Household}, "%s receives %d visitor(s); a household receives none or at least %d", a.Household, nv, minGroup)
		}
	}
	for _, u := range out.Unplaced {
		if _, ok := placedAt[u.Visitor]; ok {
			add(Violation{Rule: RuleDuplicate, Visitor: u.Visitor}, "visitor %s is both placed and listed as unplaced", u.Visitor)
		}
	}
	for _, pr := range in.Together {
		ha, oka := placedAt[pr[0]]
		hb, okb := placedAt[pr[1]]
		switch {
		case oka && okb && ha != hb:
			add(Violation{Rule: RuleTogether, Visitor: pr[0]}, "%s and %s must be together but are in %s and %s", pr[0], pr[1], ha, hb)
		case oka != okb:
			add(Violation{Rule: RuleTogether, Visitor: pr[0]}, "%s and %s must be together but only one of them is placed", pr[0], pr[1])
		}
	}
	for _, pr := range in.Apart {
		ha, oka := placedAt[pr[0]]
		hb, okb := placedAt[pr[1]]
		if oka && okb && ha == hb {
			add(Violation{Rule: RuleApart, Household: ha, Visitor: pr[0]}, "%s and %s must be apart but are both in %s", pr[0], pr[1], ha)
		}
	}
	for _, l := range in.Locked {
		if l.Visitor != "" && placedAt[l.Visitor] != l.Household {
			add(Violation{Rule: RuleLocked, Household: l.Household, Visitor: l.Visitor}, "%s is locked to %s but is not there", l.Visitor, l.Household)
		}
		if l.Interpreter != "" && interpAt[l.Interpreter] != l.Household {
			add(Violation{Rule: RuleLocked, Household: l.Household, Interpreter: l.Interpreter}, "interpreter %s is locked to %s but is not there", l.Interpreter, l.Household)
		}
	}
	return vs
}

// bridges reports whether interpreter t speaks a language of visitor v and
// one of household h.
func bridges(t *Interpreter, v *Visitor, h *Household) bool {
	ts := normSet(t.Languages)
	return intersects(v.Languages, ts) && intersects(h.Languages, ts)
}

// missing returns the items of want (normalised, in order) not in have.
func missing(want, have []string) []string {
	hs := normSet(have)
	var out []string
	for _, w := range want {
		if n := norm(w); n != "" && !hs[n] && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// common returns the items of a (normalised, in order) also in b.
func common(a, b []string) []string {
	bs := normSet(b)
	var out []string
	for _, s := range a {
		if n := norm(s); bs[n] && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// joinAnd joins words as English: "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// joinOr joins words as English alternatives.
func joinOr(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
