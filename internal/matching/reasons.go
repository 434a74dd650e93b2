package matching

import (
	"fmt"
	"math/bits"
	"strings"
)

// explain gives each unplaced visitor the rule that keeps them out, computed
// from the input and the final matching: first the rules no household can
// meet at all (diet, allergy, language, group), then, household by
// household, what stops them joining the ones that suit them (seats, apart
// pairs, interpreters, minimum group).
func (st *state) explain(optimal bool) []Unplaced {
	var out []Unplaced
	for v := range st.nV {
		u := st.unitOf[v]
		if st.at[u] >= 0 {
			continue
		}
		out = append(out, Unplaced{Visitor: st.in.Visitors[v].ID, Reason: st.reason(v, optimal)})
	}
	return out
}

func (st *state) reason(v int, optimal bool) string {
	vis := &st.in.Visitors[v]
	if st.nH == 0 {
		return "no household is available"
	}
	var conds []string
	diets := missingNone(vis.Diets)
	if len(diets) > 0 {
		conds = append(conds, "can serve "+joinAnd(diets))
	}
	var h1 []int
	for h, hi := range st.hIdx {
		if len(missing(vis.Diets, st.in.Households[hi].CanServe)) == 0 {
			h1 = append(h1, h)
		}
	}
	if len(h1) == 0 {
		return "no available household " + joinAnd(conds)
	}
	var h2 []int
	var allergens []string
	for _, h := range h1 {
		hit := common(vis.Allergies, st.in.Households[st.hIdx[h]].Pets)
		if len(hit) == 0 {
			h2 = append(h2, h)
		}
		for _, a := range hit {
			if !containsStr(allergens, a) {
				allergens = append(allergens, a)
			}
		}
	}
	if len(allergens) > 0 {
		conds = append(conds, "has no "+joinOr(allergens))
	}
	if len(h2) == 0 {
		return "no available household " + joinAnd(conds)
	}
	var h3 []int
	for _, h := range h2 {
		if st.direct[v][h] || st.bridge[v][h] != 0 {
			h3 = append(h3, h)
		}
	}
	if len(h3) == 0 {
		langs := missingNone(vis.Languages)
		if len(langs) == 0 {
			return "no language is listed for them, so no household can be matched"
		}
		c := append(append([]string(nil), conds...), "speaks "+joinOr(langs))
		return "no available household " + joinAnd(c) + ", and no interpreter speaks one of their languages and one of the household's"
	}
	suits := "that suits them"
	if len(conds) > 0 {
		suits = "that " + joinAnd(conds)
	}

	u := st.unitOf[v]
	partners := st.partners(v)
	var h4 []int
	for _, h := range h3 {
		if !st.uda[u][h] {
			continue
		}
		ok := true
		for _, w := range st.units[u] {
			if !st.direct[w][h] && st.bridge[w][h] == 0 {
				ok = false
			}
		}
		if ok {
			h4 = append(h4, h)
		}
	}
	if len(h4) == 0 {
		return fmt.Sprintf("they must be together with %s, and no household %s suits all %d of them",
			joinAnd(partners), suits, st.usize[u])
	}

	// Households that suit them: say what stops them joining each.
	var full, needInterp, alone, other []string
	apartAt := map[string][]string{}
	var apartOrder []string
	free := st.freeMask()
	size := st.usize[u]
	for _, h := range h4 {
		name := st.in.Households[st.hIdx[h]].ID
		if who := st.apartHere(u, h); len(who) > 0 {
			if _, seen := apartAt[name]; !seen {
				apartOrder = append(apartOrder, name)
			}
			apartAt[name] = who
			continue
		}
		seats := st.cap[h] - st.load[h]
		if seats < size {
			full = append(full, name)
			continue
		}
		needs := false
		for _, w := range st.units[u] {
			if !st.direct[w][h] && st.bridge[w][h]&st.imask[h] == 0 {
				needs = true
			}
		}
		if needs {
			if seats < size+1 {
				full = append(full, fmt.Sprintf("%s (no seat left for an interpreter)", name))
				continue
			}
			if st.bridge[v][h]&free == 0 {
				needInterp = append(needInterp, fmt.Sprintf("%s would need %s", name, st.interpreterNames(st.bridge[v][h])))
				continue
			}
		}
		if st.vcnt[h] == 0 && size < st.m {
			alone = append(alone, name)
			continue
		}
		other = append(other, name)
	}
	var parts []string
	if len(full) > 0 {
		verb := "is"
		if len(full) > 1 {
			verb = "are"
		}
		parts = append(parts, fmt.Sprintf("%s %s full", joinAnd(full), verb))
	}
	for _, name := range apartOrder {
		parts = append(parts, fmt.Sprintf("%s hosts %s, whom they must be kept apart from", name, joinAnd(apartAt[name])))
	}
	parts = append(parts, needInterp...)
	if len(alone) > 0 {
		parts = append(parts, fmt.Sprintf("%s would receive fewer than %d visitors, and no other unplaced visitor can go there with them", joinAnd(alone), st.m))
	}
	if len(other) > 0 {
		parts = append(parts, fmt.Sprintf("%s would break another rule (seats, languages or minimum group) for the visitors already there", joinAnd(other)))
	}
	lead := fmt.Sprintf("every household %s is taken", suits)
	if len(partners) > 0 {
		lead = fmt.Sprintf("they must be together with %s, and every household %s is taken", joinAnd(partners), suits)
	}
	r := lead + ": " + strings.Join(parts, "; ")
	if optimal {
		r += "; no other arrangement places more visitors"
	}
	return r
}

// partners lists the other visitors of v's together group.
func (st *state) partners(v int) []string {
	var out []string
	for _, w := range st.units[st.unitOf[v]] {
		if w != v {
			out = append(out, st.in.Visitors[w].ID)
		}
	}
	return out
}

// apartHere lists the visitors at h whom unit u must be kept apart from.
func (st *state) apartHere(u, h int) []string {
	var out []string
	for _, w := range st.uapart[u] {
		if st.at[w] == h {
			for _, x := range st.units[w] {
				out = append(out, st.in.Visitors[x].ID)
			}
		}
	}
	return out
}

// interpreterNames says where the interpreters of set are, for example
// "an interpreter (i1, who is at h2)".
func (st *state) interpreterNames(set uint64) string {
	var names []string
	for c := set; c != 0; c &= c - 1 {
		i := bits.TrailingZeros64(c)
		n := st.in.Interpreters[i].ID
		if h := st.iat[i]; h >= 0 {
			n += " (with " + st.in.Households[st.hIdx[h]].ID + ")"
		}
		names = append(names, n)
	}
	return "an interpreter, but " + joinOr(names) + " is needed elsewhere"
}

// missingNone returns the non-empty normalised items of list, once each.
func missingNone(list []string) []string {
	var out []string
	for _, s := range list {
		if n := norm(s); n != "" && !containsStr(out, n) {
			out = append(out, n)
		}
	}
	return out
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
