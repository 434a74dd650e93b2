package geo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// osrm speaks OSRM's table service (https://project-osrm.org/docs/v5.24.0/api/,
// "Table service"; osrm-backend docs/http.md).
type osrm struct {
	c *client
}

func (o *osrm) Table(ctx context.Context, points []Point) (Matrix, error) {
	if err := checkPoints(points); err != nil {
		return nil, err
	}
	if m, ok := trivialTable(points); ok {
		return m, nil
	}
	coords := make([]string, len(points))
	for i, p := range points {
		coords[i] = strconv.FormatFloat(p.Lon, 'f', 6, 64) + "," + strconv.FormatFloat(p.Lat, 'f', 6, 64)
	}
	u := o.c.endpoint("/table/v1/driving/"+strings.Join(coords, ";"), url.Values{"annotations": {"duration"}})
	a, err := o.c.send(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	if !a.ok() {
		// OSRM answers an error with its documented {"code","message"}.
		var e osrmAnswer
		_ = json.Unmarshal(a.body, &e) // an unreadable body leaves the status alone
		return nil, o.c.statusError(a, e.Code, e.Message)
	}
	m, err := parseOSRM(a.body, len(points))
	if err != nil {
		var se *ServiceError
		if errors.As(err, &se) {
			return nil, se
		}
		return nil, badResponse("osrm", err)
	}
	return m, nil
}

// osrmAnswer is the part of a table answer Itinera reads: "code" is "Ok"
// or an error code with a "message"; "durations" holds seconds, row by row,
// null where no route was found.
type osrmAnswer struct {
	Code      string       `json:"code"`
	Message   string       `json:"message"`
	Durations [][]*float64 `json:"durations"`
}

// parseOSRM reads a table answer for n places. A code other than "Ok" is a
// *ServiceError with the code and its message.
func parseOSRM(body []byte, n int) (Matrix, error) {
	var a osrmAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		return nil, err
	}
	if a.Code != "Ok" {
		if a.Code == "" {
			return nil, fmt.Errorf("no code")
		}
		return nil, &ServiceError{Service: "osrm", Status: http.StatusOK, Code: shorten(a.Code), Message: shorten(a.Message)}
	}
	if len(a.Durations) != n {
		return nil, fmt.Errorf("%d rows of durations for %d places", len(a.Durations), n)
	}
	m := make(Matrix, n)
	for i, row := range a.Durations {
		if len(row) != n {
			return nil, fmt.Errorf("row %d has %d durations for %d places", i+1, len(row), n)
		}
		m[i] = make([]time.Duration, n)
		for j, s := range row {
			d, err := seconds(s)
			if err != nil {
				return nil, fmt.Errorf("row %d: %w", i+1, err)
			}
			m[i][j] = d
		}
	}
	return m, nil
}
