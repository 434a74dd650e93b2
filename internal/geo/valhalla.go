package geo

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// valhalla speaks Valhalla's time-distance matrix, sources_to_targets
// (https://valhalla.github.io/valhalla/api/matrix/api-reference/).
type valhalla struct {
	c *client
}

type valhallaLocation struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

type valhallaRequest struct {
	Sources []valhallaLocation `json:"sources"`
	Targets []valhallaLocation `json:"targets"`
	Costing string             `json:"costing"`
}

func (v *valhalla) Table(ctx context.Context, points []Point) (Matrix, error) {
	if err := checkPoints(points); err != nil {
		return nil, err
	}
	if m, ok := trivialTable(points); ok {
		return m, nil
	}
	locs := make([]valhallaLocation, len(points))
	for i, p := range points {
		locs[i] = valhallaLocation{Lat: p.Lat, Lon: p.Lon}
	}
	body, err := json.Marshal(valhallaRequest{Sources: locs, Targets: locs, Costing: "auto"})
	if err != nil {
		return nil, fmt.Errorf("valhalla: %w", err)
	}
	a, err := v.c.send(ctx, http.MethodPost, v.c.endpoint("/sources_to_targets", nil), body)
	if err != nil {
		return nil, err
	}
	if !a.ok() {
		// Valhalla answers an error with {"error_code","error","status_code","status"}.
		var e valhallaError
		_ = json.Unmarshal(a.body, &e) // an unreadable body leaves the status alone
		code := ""
		if e.ErrorCode != 0 {
			code = strconv.Itoa(e.ErrorCode)
		}
		return nil, v.c.statusError(a, code, e.Error)
	}
	m, err := parseValhalla(a.body, len(points))
	if err != nil {
		return nil, badResponse("valhalla", err)
	}
	return m, nil
}

type valhallaError struct {
	ErrorCode int    `json:"error_code"`
	Error     string `json:"error"`
}

// valhallaCell is one pair of a sources_to_targets answer: "time" in
// seconds (null when the target cannot be reached), "distance" in the
// request's units, and the indexes of the pair.
type valhallaCell struct {
	FromIndex *int     `json:"from_index"`
	ToIndex   *int     `json:"to_index"`
	Time      *float64 `json:"time"`
}

type valhallaAnswer struct {
	SourcesToTargets [][]valhallaCell `json:"sources_to_targets"`
}

// parseValhalla reads a sources_to_targets answer for n places used as
// both sources and targets: n rows of n cells, row-ordered.
func parseValhalla(body []byte, n int) (Matrix, error) {
	var a valhallaAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		return nil, err
	}
	if len(a.SourcesToTargets) != n {
		return nil, fmt.Errorf("%d rows of sources_to_targets for %d places", len(a.SourcesToTargets), n)
	}
	m := make(Matrix, n)
	for i, row := range a.SourcesToTargets {
		if len(row) != n {
			return nil, fmt.Errorf("row %d has %d cells for %d places", i+1, len(row), n)
		}
		m[i] = make([]time.Duration, n)
		for j, c := range row {
			if (c.FromIndex != nil && *c.FromIndex != i) || (c.ToIndex != nil && *c.ToIndex != j) {
				return nil, fmt.Errorf("row %d, cell %d is out of order", i+1, j+1)
			}
			d, err := seconds(c.Time)
			if err != nil {
				return nil, fmt.Errorf("row %d: %w", i+1, err)
			}
			m[i][j] = d
		}
	}
	return m, nil
}
