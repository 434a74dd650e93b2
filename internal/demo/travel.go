package demo

import "math"

// The initial itinerary records the travel before each item. It is estimated
// the way the itinerary engine's default (driving) model does: great-circle
// distance times a detour factor, at a city speed, plus a fixed buffer for
// parking and finding the room. Keeping the same figures means the engine
// finds the entered plan feasible.
const (
	detourFactor  = 1.3
	speedKmh      = 30.0
	bufferMinutes = 10.0
	earthRadiusKm = 6371.0088
)

// distanceKm is the great-circle (haversine) distance between two points.
func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(h)))
}

// travelMinutes estimates the drive between two places, 0 within one place.
func travelMinutes(a, b placeData) int {
	if a.Key == b.Key || (a.Lat == b.Lat && a.Lon == b.Lon) {
		return 0
	}
	m := distanceKm(a.Lat, a.Lon, b.Lat, b.Lon)*detourFactor/speedKmh*60 + bufferMinutes
	return int(math.Ceil(m - 1e-9))
}
