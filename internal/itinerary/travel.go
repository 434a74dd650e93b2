package itinerary

import "math"

// TravelModel estimates travel time from coordinates: the great-circle
// distance times DetourFactor (streets are not straight), at SpeedKmh,
// plus BufferMinutes (parking, walking in, finding the room). The result
// is in minutes, rounded up. Between a place and itself it is 0.
type TravelModel struct {
	DetourFactor  float64
	SpeedKmh      float64
	BufferMinutes float64
}

// Driving is a car or van in city traffic.
func Driving() TravelModel { return TravelModel{DetourFactor: 1.3, SpeedKmh: 30, BufferMinutes: 10} }

// Walking is a group on foot.
func Walking() TravelModel { return TravelModel{DetourFactor: 1.25, SpeedKmh: 4.5, BufferMinutes: 5} }

const earthRadiusKm = 6371.0088

// DistanceKm is the great-circle (haversine) distance between two places.
func DistanceKm(a, b Place) float64 {
	rad := math.Pi / 180
	dLat := (b.Lat - a.Lat) * rad
	dLon := (b.Lon - a.Lon) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(h)))
}

// Minutes estimates the travel time from a to b.
func (tm TravelModel) Minutes(a, b Place) int {
	if a.ID == b.ID || (a.Lat == b.Lat && a.Lon == b.Lon) {
		return 0
	}
	if tm.SpeedKmh <= 0 {
		tm = Driving()
	}
	detour := tm.DetourFactor
	if detour < 1 {
		detour = 1
	}
	m := DistanceKm(a, b)*detour/tm.SpeedKmh*60 + tm.BufferMinutes
	return int(math.Ceil(m - 1e-9))
}
