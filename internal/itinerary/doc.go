// Package itinerary is Itinera's itinerary engine: from a program's
// candidate meetings and activities it chooses and times the ones that
// serve the delegation best across the program days, and explains every
// candidate it leaves out. It is pure Go: no database, no HTTP, no clock
// other than the search's time limit.
//
// # The problem
//
// Mathematically this is a team orienteering problem with multiple time
// windows: one tour per Day from Day.Start to Day.End, leaving no earlier
// than Day.Depart and back by Day.Return; each Candidate has a Value, a
// Duration, availability Windows and a Place, and travel between places
// takes time. Additional rules: an optional lunch break per day (Lunch:
// Duration minutes somewhere inside [From, To], taken where the previous
// item ended, with no item or travel during it), a cap on meetings per
// day (Day.MaxMeetings), program-wide limits (Problem.Limits, e.g. a
// budget), mandatory candidates and pinned start times.
//
// # Time
//
// Every time is an int in one unit of the caller's choice, relative to an
// epoch of the caller's choice. The product uses minutes since midnight of
// the program's first day in the program's time zone; the benchmarks use
// tenths or hundredths of the files' time unit. Travel times, durations
// and windows must all use the same unit. Problem.WindowRule says whether
// a window bounds the whole meeting (WholeMeeting, the default: the item
// must end by the window's end) or only its start (StartOfService, the
// benchmark convention).
//
// # Travel
//
// Problem.Travel gives travel times between place IDs (use it for a
// matrix). Without it, Problem.TravelModel estimates them: great-circle
// distance × DetourFactor at SpeedKmh, plus BufferMinutes (Driving,
// Walking and Transit are presets); the result is in minutes. The product
// always passes Problem.Travel: internal/planning asks the program's travel
// service (internal/travel, a model by distance band with the officer's
// overrides), so the presets serve the benchmarks.
//
// # Value
//
// A candidate's value comes from the program (ComputeValue):
//
//	value = (10 + 30·objectives covered + 10·visitors interested) × priority factor
//
// where "objectives covered" counts the program objectives (topics) the
// item addresses, "visitors interested" counts the visitors who list one of
// its topics among their interests, and the priority factor is 0.5, 0.75,
// 1, 1.5 or 2 for the officer's priority 1 (low) to 5 (must see); the
// default priority 3 gives factor 1. ValueBreakdown shows each term.
// The engine maximises the sum of the values of the scheduled items.
// Mandatory and pinned items are worth more than all optional items
// together, so they are placed first whenever they can be.
//
// # Algorithm
//
// An iterated local search in the family of Vansteenwegen et al. (2009),
// with the annealing-like acceptance of Gunawan et al. (2017) and the
// destroy operators of large neighbourhood search (Schmid and Ehmke
// 2017). Each iteration removes some items (a run of consecutive items per
// day, random items, related items, or the items costing the most time for
// their value) and repairs by local search: greedy insertion by value² /
// time consumed, 2-opt inside a day, relocation of items between days,
// and replacement of an item by a more valuable left-out one. A worse
// result is accepted like in simulated annealing, at a temperature that
// falls with the part of the budget used (time or iterations), from 3 to
// 0.05 times the mean candidate value; after 200 iterations without a
// new best the search returns to the best. In the first insertion pass
// after a perturbation, items that were often in the local optima
// reached so far count for less (guided local search, after Voudouris
// and Tsang), and an inserted item goes with probability 0.6 to a random
// feasible position instead of the one that delays the day least. In 15 %
// of the iterations the perturbation is a slice kick instead: six
// consecutive items of a random day are replaced by the most valuable
// sequence of other items that fits between their neighbours, found
// exactly by a labelling algorithm (slice.go). With
// several days, every 100 iterations the best combination of disjoint
// day routes seen so far is recombined (set packing by bounded
// depth-first search, after Hu and Lim 2014).
//
// Every insertion test is O(1): each position of a day keeps its waiting
// time and its latest feasible arrival, computed backwards over every
// window of the later items (with several windows an item starts in the
// earliest window it reaches, and a delay may move later items to a later
// window of theirs, exactly as the schedule would). Since the latest
// arrival never decreases along a day, the positions that can take an
// item are found by bisection; an item that fits nowhere on a day is not
// tested again after an insertion there, and as a replacement only where
// removing the replaced item changes the schedule; a day unchanged since
// its last fruitless replacement scan is scanned again only for the items
// left out since, and its candidates are listed once per scan;
// relocations and 2-opt are screened by their travel before any schedule
// is computed, and skipped on days unchanged since a fruitless scan.
// These change the search's speed, not its path (for a given seed and
// iteration budget the itineraries are the same, up to rounding of travel
// times that break the triangle inequality). No test ever accepts
// an infeasible insertion. Options.Workers runs
// independent searches in parallel; results are deterministic for a given
// seed and iteration budget (Options.MaxIterations); with a time limit the
// search is anytime and returns the best itinerary found when the time
// runs out or the context is cancelled. The time limit is wall time
// unless Options.Clock gives another clock (the benchmarks pass the
// process's CPU time, which a machine shared with other work does not
// distort); the search knows from it, or from the iteration budget, how
// much of its budget is used.
//
// # Explanations
//
// Every candidate left out gets a Reason and plain-words Explanation,
// checked in this order: no availability window fits on any day (travel
// from and back to the start included); it would break the lunch break;
// it conflicts with a pinned item (named); a day's meeting cap or a
// program limit is reached; a day trip fills the time it needs (an item
// DayTripMinutes or more from the day's start each way: "the trip to …
// takes the day"); or its value is lower than that of the items filling
// the time it needs (named, most valuable first).
//
// # Repair
//
// Repair re-solves after a change and prefers, in this order, placing
// every mandatory item, moving as few sent items as possible, and value;
// see Repair for how.
package itinerary
