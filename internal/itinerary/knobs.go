package itinerary

// Search parameters, tuned on the hardest pr instances (pr05, pr06, pr12,
// pr14, pr16, pr20 with m = 2 and 4) at 1 s of CPU time per run (issue 3),
// and at 2 s on the same files with seeds 1-8 (issue 15 part 4: cooling,
// guided local search, random positions).
const (
	knobNoise          = 1.0  // random factor (1 + noise·U[0,1)) on insertion ratios after a perturbation
	knobTempStart      = 3.0  // acceptance temperature at the start, in units of the mean candidate value
	knobTempEnd        = 0.05 // ... and at the end of the budget (geometric cooling in between; see temperature)
	knobRestore        = 200  // iterations without a new best before returning to the best
	knobOps            = 4    // destroy operators in use (see perturb)
	knobFrac           = 0.5  // at most this fraction of the scheduled items is destroyed
	knobPoolEvery      = 100  // iterations between route recombinations (0: off)
	knobKeepInfeasible = true // fill: an item that fits nowhere on a day is not tested again after an insertion there
)

// Moves that lead the search to other item sets (issue 15 part 4; a block
// of their own so the alignment of the one above stays as it is).
const (
	knobGLS     = 0.5 // guided local search: penalty weight of an item's frequency in local optima (0: off)
	knobRandPos = 0.6 // first fill after a perturbation: probability of a random feasible position instead of the min-shift one
)
