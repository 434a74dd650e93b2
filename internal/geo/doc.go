// Package geo speaks to self-hostable geocoding and routing services over
// their documented public HTTP APIs, with the standard library only.
//
// Geocoding turns an address into coordinates: [NewGeocoder] makes a
// [Geocoder] for Nominatim's /search (format=jsonv2: a JSON array of places
// with "lat" and "lon" as strings, "display_name", "category" and "type") or
// for Photon's /api (a GeoJSON FeatureCollection whose points are
// [lon, lat], with address properties from which a label is built).
//
// Routing gives travel times between places: [NewRouter] makes a [Router]
// for OSRM's table service (GET /table/v1/driving/{lon,lat;…}, answering
// {"code":"Ok","durations":[[…]]} with null where there is no route) or for
// Valhalla's sources_to_targets (POST {"sources","targets","costing"},
// answering rows of {"time","distance"} with a null time when unreachable).
// A [Matrix] holds durations; [NoRoute] marks a pair without a route.
//
// Every client identifies the application with its User-Agent (Nominatim's
// usage policy requires it), waits its turn under a rate limit that respects
// the context (one request a second by default for the geocoders, as
// Nominatim's policy asks), refuses other schemes than http and https,
// reads at most 1 MB of a response within a time limit, and reports HTTP
// errors and unreadable answers as errors naming the service and the status
// (a [*ServiceError] or [ErrBadResponse]), never with the response body. A
// search that finds nothing returns an empty slice, not an error.
//
// [Cached] and [CachedRouter] put a [Cache] in front of a service so that an
// address or a set of places is asked once; [MemoryCache] is the in-memory
// cache for tests. The database-backed cache comes with the wiring into the
// application, as do the settings (ITINERA_GEOCODER_URL, ITINERA_ROUTING_URL,
// ITINERA_ROUTING_KIND) that choose the services.
package geo
