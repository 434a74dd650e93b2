package geo

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// cleanQuery trims a query and checks its size before anything is sent.
func cleanQuery(query string) (string, error) {
	q := strings.Join(strings.Fields(query), " ")
	if q == "" {
		return "", ErrEmptyQuery
	}
	if len(q) > MaxQueryLen {
		return "", ErrQueryTooLong
	}
	return q, nil
}

// checkResult refuses coordinates outside the globe.
func checkResult(r Result) error {
	if math.IsNaN(r.Lat) || math.IsNaN(r.Lon) || !(Point{r.Lat, r.Lon}).valid() {
		return fmt.Errorf("coordinates %g, %g are not on the globe", r.Lat, r.Lon)
	}
	return nil
}

// coordinateLabel is the label of a place the service gave no name for.
func coordinateLabel(lat, lon float64) string {
	return strconv.FormatFloat(lat, 'f', 5, 64) + ", " + strconv.FormatFloat(lon, 'f', 5, 64)
}

// osmKind is an OpenStreetMap main tag as key=value, or "" without a key.
func osmKind(key, value string) string {
	key, value = strings.TrimSpace(key), strings.TrimSpace(value)
	if key == "" {
		return ""
	}
	if value == "" {
		return key
	}
	return key + "=" + value
}
