package web

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"itinera"
)

// Split days on the itinerary's pages (issue 15): items for part of the
// delegation are drawn side by side, one lane per sub-group, each labelled
// with its visitors and interpreter; items for the whole delegation span
// every lane.

// people are a program's visitors and interpreters, by id, to say who
// attends an item.
type people struct {
	visitors     map[int64]itinera.Visitor
	interpreters map[int64]string
}

func (ui *UI) people(ctx context.Context, tenantID, programID int64) (people, error) {
	vs, err := ui.svc.People.Visitors(ctx, tenantID, programID)
	if err != nil {
		return people{}, err
	}
	is, err := ui.svc.People.Interpreters(ctx, tenantID, programID)
	return peopleOf(vs, is), err
}

func peopleOf(vs []itinera.Visitor, is []itinera.Interpreter) people {
	out := people{visitors: map[int64]itinera.Visitor{}, interpreters: map[int64]string{}}
	for _, v := range vs {
		out.visitors[v.ID] = v
	}
	for _, i := range is {
		out.interpreters[i.ID] = i.Name
	}
	return out
}

// lane is where an item of a day is drawn: Lane 0 of 0 for the whole
// delegation, else its sub-group's lane (1 …) of Lanes.
type lane struct {
	Lane, Lanes int
	// Short names the sub-group in a drawing ("Group 1: Ana, Lucía ·
	// with Ana Beltrán"), Full in the text ("Group 1: Ana Ruiz and Lucía
	// Ramírez, with Ana Beltrán (interpreter)"); both empty for the whole
	// delegation.
	Short, Full string
	// Tiny is for a narrow lane (a phone, the week's columns): "Group 2 ·
	// with Ana".
	Tiny string
}

// Class is the item's lane classes, for the drawings' styles.
func (l lane) Class() string {
	if l.Lanes == 0 {
		return ""
	}
	return fmt.Sprintf(" lane lane-%d-%d", l.Lane, min(l.Lanes, 4))
}

// dayLanes returns the lane of each of a day's items (in time order): the
// sub-groups are numbered in the order their first item starts.
func dayLanes(items []itinera.ItineraryItem, ppl people) []lane {
	var groups [][]int64
	out := make([]lane, len(items))
	for i, x := range items {
		if x.Whole() {
			continue
		}
		k := slices.IndexFunc(groups, func(g []int64) bool { return slices.Equal(g, x.VisitorIDs) })
		if k < 0 {
			groups = append(groups, x.VisitorIDs)
			k = len(groups) - 1
		}
		out[i].Lane = k + 1
	}
	for i, x := range items {
		if out[i].Lane == 0 {
			continue
		}
		out[i].Lanes = len(groups)
		out[i].Short, out[i].Full, out[i].Tiny = ppl.who(x, out[i].Lane)
	}
	return out
}

// who names the sub-group attending x, shortly (given names), fully, and
// in a word.
func (p people) who(x itinera.ItineraryItem, n int) (short, full, tiny string) {
	var given, names, interps []string
	for _, id := range x.VisitorIDs {
		v, ok := p.visitors[id]
		if !ok {
			continue
		}
		given = append(given, v.GivenName)
		names = append(names, v.Name())
	}
	for _, id := range x.InterpreterIDs {
		if name, ok := p.interpreters[id]; ok {
			interps = append(interps, name)
		}
	}
	short = fmt.Sprintf("Group %d: %s", n, strings.Join(given, ", "))
	tiny = fmt.Sprintf("Group %d", n)
	full = fmt.Sprintf("Group %d (%s): %s", n, plural(len(x.VisitorIDs), "visitor"), itinera.JoinAnd(names))
	if len(interps) > 0 {
		short += " · with " + strings.Join(interps, ", ")
		full += ", with " + itinera.JoinAnd(interps) + " (interpreter)"
		first, _, _ := strings.Cut(interps[0], " ")
		tiny += " · with " + first
	} else {
		full += ", without an interpreter"
	}
	return short, full, tiny
}
