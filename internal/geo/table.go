package geo

import (
	"fmt"
	"math"
	"time"
)

// checkPoints refuses too many points or a point off the globe.
func checkPoints(points []Point) error {
	if len(points) > MaxPoints {
		return fmt.Errorf("%w, not %d", ErrTooManyPoints, len(points))
	}
	for i, p := range points {
		if math.IsNaN(p.Lat) || math.IsNaN(p.Lon) || !p.valid() {
			return fmt.Errorf("%w: place %d (%g, %g)", ErrInvalidPoint, i+1, p.Lat, p.Lon)
		}
	}
	return nil
}

// trivialTable answers the tables that need no service: none or one place.
func trivialTable(points []Point) (Matrix, bool) {
	switch len(points) {
	case 0:
		return Matrix{}, true
	case 1:
		return Matrix{{0}}, true
	}
	return nil, false
}

// seconds turns a service's travel time into a duration, to the second;
// nil is NoRoute.
func seconds(s *float64) (time.Duration, error) {
	if s == nil {
		return NoRoute, nil
	}
	if math.IsNaN(*s) || *s < 0 || *s > maxSeconds {
		return 0, fmt.Errorf("travel time %g s is impossible", *s)
	}
	return time.Duration(math.Round(*s)) * time.Second, nil
}
