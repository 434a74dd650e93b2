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

// Exact slice re-optimisation (slice.go; issue 15 part 4), measured with
// the quick trial (pr05, 06, 12, 14, 16, 20, m = 2 and 4, 2 s of CPU;
// without it 1.56 % with seeds 1-4, 1.45 % with seeds 1-8), the m = 1
// check (pr14, 16, 19, 20; 2.66 %) and pr13, 15, 19 with m = 1 and 3
// (0.74 %). As an improving move it never helped: a sweep at every local
// optimum as good as the best 1.73 (m = 1: 2.69); at each new best 1.65;
// at each new best after half the budget 1.54; one random slice at each
// local optimum 1.61 (m = 1: 3.52 with 3), after half the budget 1.51;
// one random slice of 4 items from 12 plus a sweep at each new best 1.49
// (seeds 1-8: 1.47); a sweep of the best with 6-item slices from 16 at
// 90 % of the budget (seeds 1-8) 1.47. At the local optima where m = 1
// stays (pr14 555, pr16 650, pr20 648, the same from every seed) even a
// sweep of 10-item slices choosing from 22 items finds nothing. As a
// perturbation (sliceKick) instead of the destroy operators in 15 % of
// the iterations: seeds 1-8 1.36, 9 of 96 best known matched against 3
// (30 %: 1.38, 50 %: 1.52); seeds 9-12 1.50 against 1.65; m = 1 2.29
// (pr19 0.36 against 2.18; pr14, 16, 20 unchanged); pr13/15/19 with
// m = 1 and 3 0.41 against 0.74; pr13/15/17/18/19 with m = 2 and 4
// (seeds 1-2) 0.52 against 0.71; MCTOPMTW Cordeau at 1 s (seeds 1-2)
// -0.008 % against 0.015 %; Solomon c1/r1/rc1 m = 1 at 1 s all optimal.
// On top of the exact speed-ups of the same stop, run side by side with
// the engine without it: seeds 1-8 1.26 % (10 of 96) against 1.44 %
// (8 of 96); m = 1 2.26 against 2.65. The improving-move variants were
// taken out of the code; sliceAt keeps its improving mode (tested).
const (
	knobSliceKick   = 0.15  // probability of sliceKick instead of perturb
	knobSliceLen    = 6     // items in a slice (fewer on shorter routes)
	knobSliceK      = 14    // items to choose from: the slice's and the best new ones (at most 32)
	knobSliceLabels = 20000 // labels per slice at most (bounds the cost of one slice)
)
