package subgroup

import (
	"fmt"
	"slices"
	"strings"
)

// explain writes the plain-words explanations of every stretch, group
// and left-out candidate of res.
func explain(se *searcher, res *Result) {
	md, p := se.md, se.md.p
	s := 0
	for d := range res.Days {
		for i := range res.Days[d].Stretches {
			st := &res.Days[d].Stretches[i]
			pl := se.plans[s]
			sg := &md.segs[s]
			s++
			if len(pl.groups) == 1 {
				switch {
				case sg.together:
					st.Explanation = "Everyone stays together: this part of the day is for the whole delegation."
				case md.maxGroups == 1:
					st.Explanation = "Everyone stays together: one escort can accompany only one group."
				default:
					st.Explanation = "Everyone stays together: no split would give the visitors more than it costs."
				}
				st.Groups[0].Explanation = st.Explanation
				continue
			}
			var parts []string
			for g := range st.Groups {
				st.Groups[g].Explanation = se.groupSentence(sg, pl, g)
				parts = append(parts, st.Groups[g].Explanation)
			}
			st.Explanation = fmt.Sprintf("The delegation splits into %s groups. %s", number(len(pl.groups)), strings.Join(parts, " "))
		}
	}
	for i := range res.LeftOut {
		lo := &res.LeftOut[i]
		c := -1
		for ci := range p.Candidates {
			if p.Candidates[ci].ID == lo.CandidateID {
				c = ci
			}
		}
		fits := false
		for s := range md.segs {
			for _, x := range md.segs[s].cands {
				fits = fits || x == c
			}
		}
		switch {
		case !fits:
			lo.Explanation = "None of its available times fits in a part of the program."
		case md.allowed[c] == 0:
			lo.Explanation = "Nobody who may attend can follow it: no interpreter covers their languages."
		case lo.Mandatory:
			lo.Explanation = "Required item could not be placed with the whole delegation together."
		case se.dayFull(c):
			lo.Explanation = "Everyone who may attend it already has the most meetings their day allows."
		default:
			lo.Explanation = "Other items give the visitors more in the time it needs."
		}
	}
}

// groupSentence explains group g of a split stretch.
func (se *searcher) groupSentence(sg *segment, pl plan, g int) string {
	md, p := se.md, se.md.p
	gr := pl.groups[g]
	r := &se.pools[indexOf(se, sg)][gr.route]
	who := visitorNames(p, gr.members)
	var b strings.Builder
	b.WriteString(who)
	if len(r.items) == 0 {
		b.WriteString(" have free time")
	} else {
		b.WriteString(" " + verb(popcount(gr.members)) + " " + titles(p, r.items))
	}
	if len(pl.groups) == 2 {
		o := &se.pools[indexOf(se, sg)][pl.groups[1-g].route]
		if len(o.items) == 0 {
			b.WriteString(" while the others have free time")
		} else {
			b.WriteString(" while the others attend " + titles(p, o.items))
		}
	}
	var why []string
	for _, c := range r.items {
		cd := &p.Candidates[c]
		if cd.MaxVisitors > 0 && cd.MaxVisitors < md.nv {
			why = append(why, fmt.Sprintf("%s takes %s", title(p, c), people(cd.MaxVisitors)))
		}
		if cd.Audience == Named {
			why = append(why, fmt.Sprintf("%s is for %s", title(p, c), visitorNames(p, md.allowed[c])))
		}
	}
	if t := sharedTopic(md, r, gr.members); t != "" {
		why = append(why, "they chose "+t)
	}
	if len(why) > 0 {
		b.WriteString(", because " + joinAnd(why))
	}
	b.WriteString(".")
	// Who interprets for whom: each need goes to the first interpreter of
	// the group who covers it, so nobody is named twice for one meeting.
	helped := make(map[int]uint64)
	for v := gr.members; v != 0; v &= v - 1 {
		x := trailing(v)
		for _, c := range r.items {
			if md.needs[x][c] {
				if m := md.cover[x][c] & gr.ints; m != 0 {
					helped[trailing(m)] |= 1 << x
				}
			}
		}
	}
	for m := gr.ints; m != 0; m &= m - 1 {
		if i := trailing(m); helped[i] != 0 {
			fmt.Fprintf(&b, " %s interprets for %s.", interpName(p, i), visitorNames(p, helped[i]))
		}
	}
	return b.String()
}

func indexOf(se *searcher, sg *segment) int {
	for s := range se.md.segs {
		if &se.md.segs[s] == sg {
			return s
		}
	}
	return 0
}

// sharedTopic is the route topic the members care for most, if they care
// for it more than the rest of the delegation does.
func sharedTopic(md *model, r *route, members uint64) string {
	p := md.p
	best, bestGap := "", 0.0
	seen := map[string]bool{}
	for _, c := range r.items {
		for _, t := range p.Candidates[c].Topics {
			if seen[t] {
				continue
			}
			seen[t] = true
			var in, out float64
			nIn, nOut := 0, 0
			for v := range md.nv {
				w := float64(p.Visitors[v].Interests[t])
				if members&(1<<v) != 0 {
					in += w
					nIn++
				} else {
					out += w
					nOut++
				}
			}
			gap := in / float64(max(nIn, 1))
			if nOut > 0 {
				gap -= out / float64(nOut)
			}
			if in > 0 && gap > bestGap {
				best, bestGap = t, gap
			}
		}
	}
	if best == "" {
		return ""
	}
	if l, ok := p.TopicLabels[best]; ok {
		return l
	}
	return best
}

func verb(n int) string {
	if n == 1 {
		return "attends"
	}
	return "attend"
}

func title(p *Problem, c int) string {
	if t := p.Candidates[c].Title; t != "" {
		return t
	}
	return p.Candidates[c].ID
}

func titles(p *Problem, items []int) string {
	var ts []string
	for _, c := range items {
		ts = append(ts, title(p, c))
	}
	return joinAnd(ts)
}

func visitorNames(p *Problem, set uint64) string {
	var ns []string
	for m := set; m != 0; m &= m - 1 {
		v := &p.Visitors[trailing(m)]
		if v.Name != "" {
			ns = append(ns, v.Name)
		} else {
			ns = append(ns, v.ID)
		}
	}
	return joinAnd(ns)
}

func interpName(p *Problem, i int) string {
	if n := p.Interpreters[i].Name; n != "" {
		return n
	}
	return p.Interpreters[i].ID
}

func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func number(n int) string {
	numberWords := [...]string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}
	if n >= 0 && n < len(numberWords) {
		return numberWords[n]
	}
	return fmt.Sprint(n)
}

func people(n int) string {
	if n == 1 {
		return "one person"
	}
	return number(n) + " people"
}

// dayFull says whether candidate c is a meeting and, on every day where
// it fits, every visitor who may attend it already attends the most
// meetings the day allows.
func (se *searcher) dayFull(c int) bool {
	md := se.md
	if !md.meeting[c] {
		return false
	}
	count := map[[2]int]int{} // day, visitor
	for s, pl := range se.plans {
		for _, g := range pl.groups {
			n := se.pools[s][g.route].nMeet
			for m := g.members; m != 0 && n > 0; m &= m - 1 {
				count[[2]int{md.segs[s].day, trailing(m)}] += n
			}
		}
	}
	for s := range md.segs {
		d := md.segs[s].day
		if !slices.Contains(md.segs[s].cands, c) {
			continue
		}
		if md.dayMax[d] == 0 {
			return false
		}
		for m := md.allowed[c]; m != 0; m &= m - 1 {
			if count[[2]int{d, trailing(m)}] < md.dayMax[d] {
				return false
			}
		}
	}
	return true
}
