package hosting

import (
	"context"
	"errors"
	"strings"
	"time"

	"itinera"
	"itinera/internal/matching"
)

// SolveTimeout bounds one run of the engine; it proves optimality far
// sooner on evenings of a delegation's size.
const SolveTimeout = 10 * time.Second

// HasSaved reports whether a matching was saved for the evening.
func (rec *Records) HasSaved() bool {
	return rec.Evening.Status != itinera.EveningPlanning || len(rec.Evening.Guests) > 0
}

// Saved returns the evening's saved matching as an engine result: the
// households in the records' order, then every visitor not placed.
func (rec *Records) Saved() matching.Result {
	res := matching.Result{Assignments: []matching.Assignment{}, Unplaced: []matching.Unplaced{}}
	at := map[int64]int{}
	for _, h := range rec.Households {
		at[h.ID] = -1
	}
	placed := map[int64]bool{}
	for _, g := range rec.Evening.Guests {
		i, ok := at[g.HouseholdID]
		if !ok {
			continue
		}
		if i < 0 {
			at[g.HouseholdID] = len(res.Assignments)
			i = len(res.Assignments)
			res.Assignments = append(res.Assignments, matching.Assignment{Household: rec.householdLabel[g.HouseholdID],
				Visitors: []string{}, Interpreters: []string{}})
		}
		a := &res.Assignments[i]
		if l := rec.visitorLabel[g.VisitorID]; g.VisitorID != 0 && l != "" {
			a.Visitors = append(a.Visitors, l)
			placed[g.VisitorID] = true
		}
		if l := rec.interpLabel[g.InterpreterID]; g.InterpreterID != 0 && l != "" {
			a.Interpreters = append(a.Interpreters, l)
		}
	}
	reasons := map[int64]string{}
	for _, u := range rec.Evening.Unplaced {
		reasons[u.VisitorID] = u.Reason
	}
	for _, v := range rec.Visitors {
		if placed[v.ID] {
			continue
		}
		r := reasons[v.ID]
		if r == "" {
			r = "not placed yet: run the matching"
		}
		res.Unplaced = append(res.Unplaced, matching.Unplaced{Visitor: rec.visitorLabel[v.ID], Reason: r})
	}
	return res
}

// Solve runs the engine for the evening, keeping the locked guests where
// they are and leaving out households that dropped out.
func (rec *Records) Solve(ctx context.Context) (matching.Result, error) {
	ctx, cancel := context.WithTimeout(ctx, SolveTimeout)
	defer cancel()
	res, err := matching.Solve(ctx, rec.Input())
	var ve *matching.ValidationError
	switch {
	case err == nil:
		return res, nil
	case errors.Is(err, matching.ErrLocksInfeasible):
		return res, itinera.Errorf(itinera.ECONFLICT, "The locked guests cannot all stay where they are under the rules. Unlock some and run the matching again.")
	case errors.As(err, &ve):
		return res, itinera.Errorf(itinera.EINVALID, "The evening's records contradict each other: %s.", strings.Join(ve.Problems, "; "))
	}
	return res, err
}

// Guests turns a result into the evening's guests and unplaced visitors.
// A guest locked before stays locked if they stay at the same household.
func (rec *Records) Guests(res matching.Result) ([]itinera.HospitalityGuest, []itinera.HospitalityUnplaced) {
	type key struct{ h, v, i int64 }
	locked := map[key]bool{}
	for _, g := range rec.Evening.Guests {
		if g.Locked {
			locked[key{g.HouseholdID, g.VisitorID, g.InterpreterID}] = true
		}
	}
	guests := []itinera.HospitalityGuest{}
	for _, a := range res.Assignments {
		h, ok := rec.byLabel[a.Household]
		if !ok || h.kind != 'h' {
			continue
		}
		for _, l := range a.Visitors {
			if r, ok := rec.byLabel[l]; ok && r.kind == 'v' {
				guests = append(guests, itinera.HospitalityGuest{HouseholdID: h.id, VisitorID: r.id, Locked: locked[key{h.id, r.id, 0}]})
			}
		}
		for _, l := range a.Interpreters {
			if r, ok := rec.byLabel[l]; ok && r.kind == 'i' {
				guests = append(guests, itinera.HospitalityGuest{HouseholdID: h.id, InterpreterID: r.id, Locked: locked[key{h.id, 0, r.id}]})
			}
		}
	}
	unplaced := []itinera.HospitalityUnplaced{}
	for _, u := range res.Unplaced {
		if r, ok := rec.byLabel[u.Visitor]; ok && r.kind == 'v' {
			unplaced = append(unplaced, itinera.HospitalityUnplaced{VisitorID: r.id, Reason: u.Reason})
		}
	}
	return guests, unplaced
}

// MovedOut is the reason given for a visitor the officer took out of every
// household.
const MovedOut = "taken out of the matching by the program officer"

// Move returns res with the visitor (a label) at the household (a label;
// "" for no household). Interpreters stay where they are.
func Move(res matching.Result, visitor, household string) matching.Result {
	out := matching.Result{Assignments: []matching.Assignment{}, Unplaced: []matching.Unplaced{}}
	found := false
	for _, a := range res.Assignments {
		b := matching.Assignment{Household: a.Household, Visitors: []string{}, Interpreters: append([]string{}, a.Interpreters...)}
		for _, v := range a.Visitors {
			if v != visitor {
				b.Visitors = append(b.Visitors, v)
			}
		}
		if a.Household == household {
			b.Visitors = append(b.Visitors, visitor)
			found = true
		}
		out.Assignments = append(out.Assignments, b)
	}
	if household != "" && !found {
		out.Assignments = append(out.Assignments, matching.Assignment{Household: household, Visitors: []string{visitor}, Interpreters: []string{}})
	}
	for _, u := range res.Unplaced {
		if u.Visitor != visitor {
			out.Unplaced = append(out.Unplaced, u)
		}
	}
	if household == "" {
		out.Unplaced = append(out.Unplaced, matching.Unplaced{Visitor: visitor, Reason: MovedOut})
	}
	return out
}
