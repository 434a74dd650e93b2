// Package travel estimates how long a delegation takes to get from one place
// to another. It is pure: coordinates in, minutes out. The itinerary engine
// (through internal/planning) and the hospitality matching (through
// internal/hosting) ask the same Service, so a leg costs the same everywhere.
//
// # The model
//
// Without a routing engine the only facts are two coordinates. The model
// turns them into minutes in three steps:
//
//  1. Road distance: the great-circle (haversine) distance times a detour
//     factor. Streets are not straight, and short hops detour most (one-way
//     streets, a river, a block to go round), so the factor falls from
//     DetourNear for hops up to DetourNearKm to DetourFar beyond DetourFarKm,
//     linearly in between. Highways between towns are nearly straight.
//  2. Driving time by distance band: a trip starts in town and only then
//     reaches faster roads, so the first kilometres of every trip are driven
//     at city speed, the next ones at suburban (arterial) speed and the rest
//     at highway speed (Profile.Bands, cumulative over the road distance).
//     A long trip thus averages close to highway speed and a short one city
//     speed, which one single speed cannot do (the old estimate of 30 km/h
//     gave a 96 km trip 259 minutes; the drive is about 75).
//  3. A fixed buffer for what every leg costs besides driving: parking,
//     walking in, and for a van boarding a group of ten with their bags.
//
// A hop short enough to walk (road distance up to Model.WalkUpToKm) is
// walked in every mode: a delegation does not board a van for two blocks.
// Set WalkUpToKm to 0 to never walk unless the mode is Walking.
//
// # Parameters (Default) and why
//
// Detour: 1.35 up to 5 km, 1.15 beyond 60 km (fitted; typical circuity of
// US road networks is 1.2-1.4 in town and lower between towns).
//
// Car: 28 km/h for the first 6 km of road (downtown streets with lights),
// 70 km/h for the next 14 km (arterials and urban freeway with merges),
// 105 km/h beyond (interstate at a 65-70 mph limit); buffer 5 minutes
// (parking). Van: the same, but 100 km/h on highways (a loaded 15-passenger
// van keeps to the right lane) and a buffer of 15 minutes (parking, boarding
// and unloading a group of ten). Public transport: 18 km/h for the first
// 10 km (bus or light rail with stops), 35 km/h beyond (commuter rail,
// express bus); buffer 15 minutes (walking to the stop and waiting).
// Walking: 4 km/h, a group's pace with crossings; buffer 2 minutes.
//
// The car's three speeds and the two detour factors were fitted to the
// calibration table (testdata/trips.csv, docs/travel-calibration.md) by one
// grid search over round values (city 22-35 km/h, suburban 45-70, highway
// 95-115, detour near 1.25-1.4, far 1.1-1.2), keeping the combination with
// the lowest median plus a tenth of the 90th percentile of the absolute
// percentage errors among those that keep every trip over 100 km within
// 30 %. No row has a parameter of its own; the band limits (6 and 20 km),
// the buffers and the van, transit and walking figures were set by
// judgement, not fitted. TestCalibration reports the errors.
//
// # Modes, by organization and by day
//
// The organization's settings say how its delegations usually travel (van,
// car, public transport or walking) and whether short hops are walked
// (WalkUpToKm 0 when not); a program day may travel otherwise
// (itinera.Day.TravelMode). ForProgram reads both; Service.OnDay is the
// service of one day, and the itinerary engine times each day's legs with
// it. The hospitality matching times the hosts' drive in a car (they come
// in their own), with the same model and overrides.
//
// # Road times
//
// With a routing engine (OSRM or Valhalla), Service.Roads hold its driving
// times between the program's directory places, without buffer: by van or
// car they replace the model, with the mode's buffer added; public
// transport and walking keep the model, since the engine measured a drive.
// The hosts' drives from the hotel to their homes are asked the same way
// (internal/app, keyed by internal/hosting.HomePlace).
//
// # Overrides
//
// An officer who knows better ("the bus takes 50 minutes here") records an
// override for one ordered pair of places; Service uses it instead of the
// model for that leg.
package travel
