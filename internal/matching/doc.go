// Package matching is the home-hospitality matching engine: it assigns the
// visitors of a hospitality evening, and the interpreters needed as language
// bridges, to volunteer host households. It is a pure package (no database,
// no HTTP); an adapter maps program records to Input and Result back.
//
// # Hard rules
//
// A matching never breaks these (Check lists every break of a given
// matching, independently of the solver):
//
//   - a household seats at most its capacity; interpreters take seats too;
//   - every diet of a visitor is among the household's can_serve;
//   - no visitor is allergic to an animal among the household's pets;
//   - each visitor shares a language with the household, or an interpreter
//     at the same household speaks one of the visitor's languages and one
//     of the household's;
//   - visitors of a "together" pair are in the same household or both
//     unplaced (pairs chain: a-b and b-c keep all three together); visitors
//     of an "apart" pair are never in the same household;
//   - a household receives nobody or at least min_group visitors (default
//     2). Interpreters do not count toward the minimum: a visitor never
//     dines alone with only an interpreter;
//   - an interpreter is in at most one household;
//   - locked people stay where they are locked; unavailable households
//     receive nobody.
//
// Languages, diets, allergies, pets and interests are compared without
// regard to case or surrounding spaces; allergies are matched against pets
// word for word, so both must use the same word ("cats", "dogs").
//
// # Objective
//
// Lexicographic. First, place as many visitors as possible: this is solved
// exactly and proven optimal. Then, among matchings placing that many,
// maximise the score computed by Evaluate (weights in score.go):
//
//	+100 per visitor sharing a language with the household directly
//	 +10 per shared professional interest, at most 3 per visitor
//	  -1 per minute of travel from the hotel, per visitor
//	  -5 times the sum over households of (visitors in it) squared
//
// So direct language first, then interests, then travel, with a steady
// pull toward even groups (3+3 beats 4+2; it also spreads visitors over
// more households when seats allow: 2+2+2 beats 3+3). Interpreters are
// seated only where a visitor needs them.
//
// # Algorithm
//
// Together groups become units. The first objective is solved by a
// depth-first branch and bound (search.go) that is exact:
//
//   - bound: the visitors placed plus a maximum b-matching of the undecided
//     visitors to the free seats of the households still open to them
//     (diets, allergies, apart rules against those already seated,
//     languages with the interpreters present or still undecided,
//     households that can no longer reach the minimum group removed), with
//     the households opened below the minimum required to be fillable
//     jointly (a flow with lower bounds);
//   - branching: first locked people and together groups (each to a
//     household, with the interpreters it needs there, or to no household),
//     then where each remaining interpreter goes (a household where someone
//     still needs them, or nowhere; interpreters with the same languages
//     are taken in order; an interpreter nobody needs any more gives their
//     seat back), then, for each household the bound fills below the
//     minimum, whether it opens or stays closed, then each visitor (fewest
//     households first) to a household or to no household;
//     interchangeable empty households are tried once;
//   - search order: a local search gives a first matching; then the search
//     asks for a matching placing exactly the root bound, cutting any node
//     whose bound falls short, and lowers the target by one each time the
//     tree is exhausted. The first matching reaching the target is optimal.
//
// The secondary objective is then improved by deterministic first-
// improvement local search (move a group, swap two groups, open an empty
// household with a group, seat an unplaced group by moving another),
// reassigning interpreters exactly in the households a move touches. It is
// a local optimum, not a proven optimum. Everything is deterministic: the
// same input gives the same output. If the context ends before the proof,
// Solve returns the best matching found with Stats.Optimal false.
//
// Every unplaced visitor gets a reason computed from the rules: the first of
// diet, allergy, language and together-group size that no household can
// meet (for example "no available household can serve halal and has no
// cats"), or otherwise, for each household that suits them, what stops them
// joining it in the final matching (full, an apart pair there, the needed
// interpreter is elsewhere, it would stay below the minimum group).
//
// # JSON
//
// Input (ParseInput, DecodeInput; unknown fields are rejected):
//
//	{
//	  "visitors": [{"id": "v1", "languages": ["English", "French"],
//	                "diets": ["halal"], "allergies": ["cats"],
//	                "interests": ["prosecution"]}],
//	  "interpreters": [{"id": "i1", "languages": ["English", "Spanish"]}],
//	  "households": [{"id": "h1", "capacity": 4, "languages": ["English"],
//	                  "can_serve": ["vegetarian", "halal"], "pets": ["dogs"],
//	                  "travel_minutes": 20, "interests": ["healthcare"]}],
//	  "together": [["v1", "v2"]],
//	  "apart": [["v3", "v4"]],
//	  "min_group": 2,
//	  "locked": [{"visitor": "v5", "household": "h1"},
//	             {"interpreter": "i1", "household": "h1"}],
//	  "unavailable": ["h2"]
//	}
//
// min_group (default 2), locked and unavailable are optional. A lock names
// exactly one visitor or interpreter. For re-matching after a household
// drops out, lock the assignments to keep and list the household as
// unavailable. Validation reports every problem at once: missing or
// duplicate ids (visitor and interpreter ids share one namespace), unknown
// ids in pairs, locks and unavailable, pairs that do not name exactly two
// different visitors, negative or implausible capacity, travel or min_group
// (limits: MaxCapacity, MaxTravelMinutes, MaxInterpreters), visitors both
// together and apart, locks to unavailable households or two households.
//
// Output (Result.WriteJSON): households that receive someone, in input
// order, and the unplaced visitors in input order:
//
//	{
//	  "assignments": [{"household": "h1", "visitors": ["v1", "v2"],
//	                   "interpreters": ["i1"]}],
//	  "unplaced": [{"visitor": "v3",
//	                "reason": "no available household can serve kosher"}]
//	}
//
// # Command line
//
// Main implements `itinera match --input FILE.json` (or - for standard
// input): it prints the output JSON; exit status 1 for invalid input, 2 for
// a wrong command line.
package matching
