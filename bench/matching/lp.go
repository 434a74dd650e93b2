package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"itinera/internal/matching"
)

// writeLP writes the first objective of the matching (the most visitors
// placed under every hard rule) as a mixed-integer model in CPLEX LP format.
// It is written from the rules in the issue, independently of the engine:
//
//	x[v,h] = 1 if visitor v goes to household h (only where diets and
//	         allergies allow and some language route exists)
//	y[i,h] = 1 if interpreter i goes to household h
//	z[h]   = 1 if household h receives anyone
//	max  sum x
//	     sum_h x[v,h] <= 1, sum_h y[i,h] <= 1
//	     sum_v x[v,h] + sum_i y[i,h] <= capacity[h] z[h]
//	     sum_v x[v,h] >= min_group z[h]
//	     x[v,h] <= sum of y[i,h] over interpreters bridging v and h
//	                (when v shares no language with h)
//	     x[a,h] = x[b,h] for together pairs, x[a,h] + x[b,h] <= 1 for apart
//	     x[v,h] = 1, y[i,h] = 1 for locks
func writeLP(w io.Writer, in matching.Input) error {
	bw := bufio.NewWriter(w)
	m := in.MinGroup
	if m <= 0 {
		m = matching.DefaultMinGroup
	}
	unavail := map[string]bool{}
	for _, id := range in.Unavailable {
		unavail[id] = true
	}
	var hs []int
	for h, hh := range in.Households {
		if !unavail[hh.ID] {
			hs = append(hs, h)
		}
	}
	set := func(list []string) map[string]bool {
		s := map[string]bool{}
		for _, x := range list {
			s[strings.ToLower(strings.TrimSpace(x))] = true
		}
		return s
	}
	meets := func(a []string, b map[string]bool) bool {
		for _, x := range a {
			if b[strings.ToLower(strings.TrimSpace(x))] {
				return true
			}
		}
		return false
	}
	vIdx := map[string]int{}
	for v, vis := range in.Visitors {
		vIdx[vis.ID] = v
	}
	iIdx := map[string]int{}
	for i, t := range in.Interpreters {
		iIdx[t.ID] = i
	}
	hIdx := map[string]int{}
	for h, hh := range in.Households {
		hIdx[hh.ID] = h
	}
	// bridging[v][h] lists the interpreters who can bridge; direct[v][h].
	exists := map[[2]int]bool{}
	direct := map[[2]int]bool{}
	bridging := map[[2]int][]int{}
	for v, vis := range in.Visitors {
		for _, h := range hs {
			hh := in.Households[h]
			serve, pets, langs := set(hh.CanServe), set(hh.Pets), set(hh.Languages)
			ok := true
			for _, d := range vis.Diets {
				if !serve[strings.ToLower(strings.TrimSpace(d))] {
					ok = false
				}
			}
			if meets(vis.Allergies, pets) {
				ok = false
			}
			key := [2]int{v, h}
			direct[key] = meets(vis.Languages, langs)
			for i, t := range in.Interpreters {
				tl := set(t.Languages)
				if meets(vis.Languages, tl) && meets(hh.Languages, tl) {
					bridging[key] = append(bridging[key], i)
				}
			}
			if ok && (direct[key] || len(bridging[key]) > 0) {
				exists[key] = true
			}
		}
	}
	x := func(v, h int) string { return fmt.Sprintf("x_%d_%d", v, h) }
	y := func(i, h int) string { return fmt.Sprintf("y_%d_%d", i, h) }
	z := func(h int) string { return fmt.Sprintf("z_%d", h) }
	row := 0
	// constraint writes one row; terms are written a few to a line.
	constraint := func(terms []string, rhs string) {
		if len(terms) == 0 {
			return
		}
		row++
		fmt.Fprintf(bw, " c%d:", row)
		for k, t := range terms {
			if k > 0 && k%8 == 0 {
				fmt.Fprint(bw, "\n  ")
			}
			fmt.Fprintf(bw, " %s", t)
		}
		fmt.Fprintf(bw, " %s\n", rhs)
	}

	fmt.Fprintln(bw, "\\ Itinera home-hospitality matching: most visitors placed")
	fmt.Fprintln(bw, "Maximize")
	var obj []string
	for v := range in.Visitors {
		for _, h := range hs {
			if exists[[2]int{v, h}] {
				obj = append(obj, "+ "+x(v, h))
			}
		}
	}
	fmt.Fprint(bw, " placed:")
	if len(obj) == 0 {
		fmt.Fprint(bw, " 0 z_none")
	}
	for k, t := range obj {
		if k > 0 && k%8 == 0 {
			fmt.Fprint(bw, "\n  ")
		}
		fmt.Fprintf(bw, " %s", t)
	}
	fmt.Fprintln(bw)
	fmt.Fprintln(bw, "Subject To")
	for v := range in.Visitors {
		var t []string
		for _, h := range hs {
			if exists[[2]int{v, h}] {
				t = append(t, "+ "+x(v, h))
			}
		}
		constraint(t, "<= 1")
	}
	for i := range in.Interpreters {
		var t []string
		for _, h := range hs {
			t = append(t, "+ "+y(i, h))
		}
		constraint(t, "<= 1")
	}
	for _, h := range hs {
		var seats, visitors []string
		for v := range in.Visitors {
			if exists[[2]int{v, h}] {
				seats = append(seats, "+ "+x(v, h))
				visitors = append(visitors, "+ "+x(v, h))
			}
		}
		for i := range in.Interpreters {
			seats = append(seats, "+ "+y(i, h))
		}
		constraint(append(seats, fmt.Sprintf("- %d %s", in.Households[h].Capacity, z(h))), "<= 0")
		constraint(append(visitors, fmt.Sprintf("- %d %s", m, z(h))), ">= 0")
		for v := range in.Visitors {
			key := [2]int{v, h}
			if !exists[key] || direct[key] {
				continue
			}
			t := []string{"+ " + x(v, h)}
			for _, i := range bridging[key] {
				t = append(t, "- "+y(i, h))
			}
			constraint(t, "<= 0")
		}
	}
	for _, pr := range in.Together {
		a, b := vIdx[pr[0]], vIdx[pr[1]]
		for _, h := range hs {
			var t []string
			if exists[[2]int{a, h}] {
				t = append(t, "+ "+x(a, h))
			}
			if exists[[2]int{b, h}] {
				t = append(t, "- "+x(b, h))
			}
			constraint(t, "= 0")
		}
	}
	for _, pr := range in.Apart {
		a, b := vIdx[pr[0]], vIdx[pr[1]]
		for _, h := range hs {
			if exists[[2]int{a, h}] && exists[[2]int{b, h}] {
				constraint([]string{"+ " + x(a, h), "+ " + x(b, h)}, "<= 1")
			}
		}
	}
	for _, l := range in.Locked {
		h := hIdx[l.Household]
		switch {
		case l.Visitor != "" && exists[[2]int{vIdx[l.Visitor], h}]:
			constraint([]string{"+ " + x(vIdx[l.Visitor], h)}, "= 1")
		case l.Visitor != "":
			constraint([]string{"+ " + z(h)}, ">= 2") // infeasible on purpose
		default:
			constraint([]string{"+ " + y(iIdx[l.Interpreter], h)}, "= 1")
		}
	}
	fmt.Fprintln(bw, "Binary")
	for _, h := range hs {
		for v := range in.Visitors {
			if exists[[2]int{v, h}] {
				fmt.Fprintf(bw, " %s\n", x(v, h))
			}
		}
		for i := range in.Interpreters {
			fmt.Fprintf(bw, " %s\n", y(i, h))
		}
		fmt.Fprintf(bw, " %s\n", z(h))
	}
	fmt.Fprintln(bw, "End")
	return bw.Flush()
}
