package travel

import (
	"math"

	"itinera"
)

// Mode is how the delegation moves (the domain's TravelMode).
type Mode = itinera.TravelMode

// Modes.
const (
	Van     = itinera.TravelVan
	Car     = itinera.TravelCar
	Transit = itinera.TravelTransit // public transport
	Walking = itinera.TravelWalking
)

// Point is a position in decimal degrees (WGS 84).
type Point struct {
	Lat, Lon float64
}

// Band is a stretch of a trip's road distance driven at one speed: the
// kilometres up to UpToKm (cumulative from the start), at Kmh. The last band
// of a profile has UpToKm 0: it has no end.
type Band struct {
	UpToKm float64
	Kmh    float64
}

// Profile is one mode's speeds and fixed time per leg.
type Profile struct {
	Bands         []Band
	BufferMinutes float64
}

// Model estimates travel times from coordinates; see the package doc.
type Model struct {
	DetourNear, DetourFar     float64 // factor over straight-line distance
	DetourNearKm, DetourFarKm float64 // straight-line km where each applies
	WalkUpToKm                float64 // road km walked in any mode; 0: never
	Profiles                  map[Mode]Profile
}

// Default is the embedded model (parameters and reasons in the package doc).
func Default() Model {
	return Model{
		DetourNear: 1.35, DetourFar: 1.15, DetourNearKm: 5, DetourFarKm: 60,
		WalkUpToKm: 0.8,
		Profiles: map[Mode]Profile{
			Car:     {Bands: []Band{{6, 28}, {20, 70}, {0, 105}}, BufferMinutes: 5},
			Van:     {Bands: []Band{{6, 28}, {20, 70}, {0, 100}}, BufferMinutes: 15},
			Transit: {Bands: []Band{{10, 18}, {0, 35}}, BufferMinutes: 15},
			Walking: {Bands: []Band{{0, 4}}, BufferMinutes: 2},
		},
	}
}

const earthRadiusKm = 6371.0088

// DistanceKm is the great-circle (haversine) distance between two points.
func DistanceKm(a, b Point) float64 {
	rad := math.Pi / 180
	dLat := (b.Lat - a.Lat) * rad
	dLon := (b.Lon - a.Lon) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(h)))
}

// RoadKm estimates the road distance: straight-line distance times the
// detour factor for that distance.
func (m Model) RoadKm(from, to Point) float64 {
	d := DistanceKm(from, to)
	return d * m.detour(d)
}

func (m Model) detour(km float64) float64 {
	near, far := max(m.DetourNear, 1), max(m.DetourFar, 1)
	switch {
	case km <= m.DetourNearKm || m.DetourFarKm <= m.DetourNearKm:
		return near
	case km >= m.DetourFarKm:
		return far
	}
	f := (km - m.DetourNearKm) / (m.DetourFarKm - m.DetourNearKm)
	return near + f*(far-near)
}

// Minutes estimates the travel time from one point to another in a mode,
// buffer included, rounded up to a whole minute; 0 between equal points.
// An unknown mode travels as a van.
func (m Model) Minutes(from, to Point, mode Mode) int {
	if from == to {
		return 0
	}
	road := m.RoadKm(from, to)
	p, ok := m.profile(road, mode)
	if !ok {
		return 0
	}
	return ceil(driveMinutes(p.Bands, road) + p.BufferMinutes)
}

// DriveMinutes is Minutes without the buffer and unrounded: the time on the
// road alone, which is what published trip times measure.
func (m Model) DriveMinutes(from, to Point, mode Mode) float64 {
	if from == to {
		return 0
	}
	road := m.RoadKm(from, to)
	p, ok := m.profile(road, mode)
	if !ok {
		return 0
	}
	return driveMinutes(p.Bands, road)
}

func (m Model) profile(roadKm float64, mode Mode) (Profile, bool) {
	if !mode.Valid() {
		mode = Van
	}
	if m.WalkUpToKm > 0 && roadKm <= m.WalkUpToKm {
		mode = Walking
	}
	p, ok := m.Profiles[mode]
	return p, ok && len(p.Bands) > 0
}

// driveMinutes drives km through the bands in order.
func driveMinutes(bands []Band, km float64) float64 {
	var minutes, done float64
	for i, b := range bands {
		end := b.UpToKm
		if i == len(bands)-1 || end <= done {
			end = math.Inf(1)
		}
		stretch := math.Min(km, end) - done
		if stretch <= 0 {
			break
		}
		minutes += stretch / math.Max(b.Kmh, 0.1) * 60
		done += stretch
	}
	return minutes
}

func ceil(x float64) int { return int(math.Ceil(x - 1e-9)) }
