// Package subgroup plans a delegation's days with sub-groups: for each
// stretch of a day it chooses whether the delegation splits, into how
// many groups, who goes with which group and with which interpreter, and
// times every group's tour with travel, availability windows and the
// lunch hour. It explains each split in plain words. It is pure Go: no
// database, no I/O, no package state; the clock is read only for
// Options.TimeLimit.
//
// # Input
//
// Problem holds the Days (each a list of Parts in time order and an
// optional Lunch hour), the Visitors (languages, interests as topic
// weights), the Interpreters (languages: an interpreter covers any pair of
// the languages listed), the number of Escorts, the Candidates (place,
// duration, windows, topics, value, capacity MinVisitors/MaxVisitors,
// Audience: any group, everyone, or named visitors; Mandatory; the
// meeting's Languages), the Places with a travel matrix (Problem.Travel)
// or coordinates (Problem.TravelModel, internal/itinerary's models),
// LunchTogether and SplitCost. Times are integers in one unit (the
// product uses minutes) from an epoch of the caller's choice, as in
// internal/itinerary; travel, durations and windows use the same unit.
//
// # Rules
//
//   - Stretches: a part runs from From at its Start place to To at its End
//     place, where everyone is together again (a reunion point). With
//     LunchTogether, a part that contains the day's lunch hour is cut in
//     two: everyone is at Lunch.Place at Lunch.From and leaves it together
//     at Lunch.To. Lunch apart, each group eats where its previous item
//     ended (or where its part began): no item and no travel during the
//     lunch hour; the leg to an item after lunch (or back to the part's
//     end) starts when lunch ends.
//   - Groups: in each stretch the visitors form one group (Together parts
//     always) or up to max(1, Escorts) sub-groups, every visitor in exactly
//     one; each interpreter goes with at most one group.
//   - Tours: a group leaves the stretch's start at From, travels to each
//     item, starts it no earlier than it arrives, holds it wholly inside
//     one of its windows, and is back at the stretch's end by To. A
//     candidate takes place at most once in the whole program.
//   - Attendance: every member of a group attends every item of its tour.
//     The group's size lies within each item's MinVisitors and
//     MaxVisitors; an Everyone or Mandatory item is attended by the whole
//     delegation; a Named item only by a group of named visitors.
//   - Interpretation: a visitor who shares no language with a meeting
//     (Candidate.Languages not empty) needs, in their group, an
//     interpreter who speaks one of the meeting's languages and one of the
//     visitor's. Nobody is left without interpretation: a visitor nobody
//     can interpret for never attends that meeting.
//   - Meeting limit: on a day with MaxMeetings, each visitor attends at
//     most that many candidates marked Meeting that day, across its
//     stretches (activities do not count).
//   - Mandatory items are placed first (Result.Complete says whether all
//     were).
//
// # Objective
//
// A visitor v attending candidate c gains
//
//	value(v, c) = c.Value + Σ over c's topics t of v.Interests[t]
//
// and the plan is worth the sum of value(v, c) over every visitor and
// every item they attend, minus SplitCost for each sub-group beyond the
// first in each stretch (a split into three costs 2 × SplitCost). Result
// reports Attended, SplitCost and Value = Attended − SplitCost. Internally
// every mandatory item placed is worth more than all optional ones
// together.
//
// # Algorithm
//
// For each stretch the engine enumerates every feasible tour: every set of
// candidates that fits, in some order, between the stretch's start and end
// with travel, windows and the lunch hour, each set timed at its earliest
// (a depth-first search over visiting orders; sets are kept once). A
// stretch's plan is a list of groups, each a tour, a set of interpreters
// and its members. Given the tours and the interpreters, the best members
// are an exact transportation problem (every visitor in one eligible
// group, sizes within the tours' capacities), solved by successive
// shortest paths over the groups. Given the members, the best tour of a
// group is an exact scan of the stretch's tours. The search alternates the
// two, moves interpreters between groups, and restarts from the most
// promising tours; the plan with the delegation together is scanned
// exactly. Across stretches it improves one stretch at a time given the
// candidates the others hold, replans pairs of stretches that could hold
// the same candidates, and forbids, in turn, each candidate of a stretch's
// plan there: that stretch replans as if no other held anything, and the
// others replan around it twice over, so that a chain of moves across
// days happens at once (keeping the result only if the total improves).
// On days with a meeting limit it also replans a stretch with one meeting
// fewer for a visitor, and the day's other stretches around it, so that
// a visitor's meetings can move between the morning and the afternoon.
// It stops after MaxRounds
// rounds, after six rounds without improvement, at TimeLimit or when the
// context is cancelled, and returns the best plan. A fixed seed gives a
// fixed plan when the rounds, not the clock, end the search.
//
// On tiny delegations the tests compare the engine's value with an
// exhaustive search over every partition, interpreter placement and tour;
// bench/cbcgroups compares it with CBC's proven optima on delegations of
// 8-25 visitors (docs/BENCHMARKS.md, "Sub-groups against CBC").
//
// # Explanations
//
// Every stretch and group says in plain words what happens and why: who
// attends what while the others attend what, because of a capacity
// ("the shelter takes five people"), an audience ("is for Amina and
// Priya") or interests ("they chose survivor services"), and who
// interprets for whom; a stretch kept together says why (a together
// part, one escort, or no split worth its cost); a candidate nobody
// attends says why (no window fits, nobody can follow it, or other items
// give more).
//
// Check verifies a Result against its Problem from the rules alone, with
// none of the engine's code.
package subgroup
