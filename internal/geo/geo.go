package geo

import (
	"context"
	"time"
)

// Point is a place on the globe in decimal degrees (WGS 84).
type Point struct {
	Lat, Lon float64
}

// valid reports whether p is a real coordinate.
func (p Point) valid() bool {
	return p.Lat >= -90 && p.Lat <= 90 && p.Lon >= -180 && p.Lon <= 180
}

// Result is one place a geocoder found for a query.
type Result struct {
	Lat, Lon float64
	// Label is a readable address, such as Nominatim's display_name.
	Label string
	// Kind is the place's main OpenStreetMap tag as key=value, such as
	// "amenity=restaurant" or "place=city"; empty when the service gave none.
	Kind string
}

// Geocoder finds the places an address or a name stands for.
type Geocoder interface {
	// Search returns at most MaxResults places, best first; none is an empty
	// slice, not an error.
	Search(ctx context.Context, query string) ([]Result, error)
}

// Router gives the travel times between places.
type Router interface {
	// Table returns the matrix of travel times between points: m[i][j] is
	// the time from points[i] to points[j]. It takes at most MaxPoints points.
	Table(ctx context.Context, points []Point) (Matrix, error)
}

// Matrix holds travel times, row by row: m[i][j] is from the i-th place to
// the j-th. An entry is NoRoute when the router found no route.
type Matrix [][]time.Duration

// NoRoute marks a pair of places between which the router found no route.
const NoRoute time.Duration = -1

// Limits of a request.
const (
	// MaxResults is the number of places a search asks for and returns.
	MaxResults = 5
	// MaxQueryLen is the longest query sent, in bytes.
	MaxQueryLen = 500
	// MaxPoints is the most places a table takes (OSRM's default
	// --max-table-size is 100 too).
	MaxPoints = 100
	// maxBody is the most of a response read; a larger one is an error.
	maxBody = 1 << 20
	// maxSeconds bounds a believable travel time (30 days); more is an
	// unreadable answer.
	maxSeconds = 30 * 24 * 3600
)
