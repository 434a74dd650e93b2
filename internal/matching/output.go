package matching

import (
	"encoding/json"
	"io"
)

// Result is a matching: who goes to which household, and who could not be
// placed and why.
type Result struct {
	Assignments []Assignment `json:"assignments"`
	Unplaced    []Unplaced   `json:"unplaced"`
	// Stats describes the search; it is not part of the JSON format.
	Stats Stats `json:"-"`
}

// Assignment is the group one household receives.
type Assignment struct {
	Household    string   `json:"household"`
	Visitors     []string `json:"visitors"`
	Interpreters []string `json:"interpreters"`
}

// Unplaced is a visitor left without a household, with the reason in plain
// English.
type Unplaced struct {
	Visitor string `json:"visitor"`
	Reason  string `json:"reason"`
}

// Stats reports how the solver reached its result.
type Stats struct {
	// Placed is the number of visitors placed.
	Placed int
	// UpperBound is the largest number of visitors any matching could place
	// (the root relaxation, tightened by the search). Placed == UpperBound
	// when Optimal.
	UpperBound int
	// Optimal is true when the number placed is proven to be the maximum;
	// false only when the context ended the search early.
	Optimal bool
	// Nodes counts the search nodes of the exact phase.
	Nodes int64
	// Score is the secondary objective of the result (see Evaluate).
	Score int
	// ImproveMoves counts the improving moves of the local search.
	ImproveMoves int
}

// WriteJSON writes the result in the documented JSON format, indented, with
// empty lists as [] rather than null.
func (r Result) WriteJSON(w io.Writer) error {
	out := Result{Assignments: make([]Assignment, 0, len(r.Assignments)), Unplaced: r.Unplaced}
	for _, a := range r.Assignments {
		if a.Visitors == nil {
			a.Visitors = []string{}
		}
		if a.Interpreters == nil {
			a.Interpreters = []string{}
		}
		out.Assignments = append(out.Assignments, a)
	}
	if out.Unplaced == nil {
		out.Unplaced = []Unplaced{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
