package geo

import (
	"errors"
	"testing"
)

// The parsers take any bytes a service may send: they must not panic, and
// what they accept must hold what the callers rely on.

func checkResults(t *testing.T, results []Result) {
	t.Helper()
	if results == nil || len(results) > MaxResults {
		t.Fatalf("%d results (nil: %v)", len(results), results == nil)
	}
	for _, r := range results {
		if err := checkResult(r); err != nil || r.Label == "" {
			t.Fatalf("result %+v accepted (%v)", r, err)
		}
	}
}

func checkMatrix(t *testing.T, m Matrix, n int) {
	t.Helper()
	if len(m) != n {
		t.Fatalf("%d rows for %d places", len(m), n)
	}
	for _, row := range m {
		if len(row) != n {
			t.Fatalf("row of %d for %d places", len(row), n)
		}
		for _, d := range row {
			if d != NoRoute && (d < 0 || d.Seconds() > maxSeconds) {
				t.Fatalf("duration %v accepted", d)
			}
		}
	}
}

func FuzzParseNominatim(f *testing.F) {
	f.Add(mustRead(f, "nominatim-search.json"))
	f.Add(mustRead(f, "nominatim-empty.json"))
	f.Add([]byte(`[{"lat":"1e400","lon":"-0","display_name":""}]`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, body []byte) {
		results, err := parseNominatim(body)
		if err == nil {
			checkResults(t, results)
		}
	})
}

func FuzzParsePhoton(f *testing.F) {
	f.Add(mustRead(f, "photon-search.json"))
	f.Add(mustRead(f, "photon-empty.json"))
	f.Add([]byte(`{"features":[{"geometry":{"type":"Point","coordinates":[1,2,3]},"properties":{"name":"A","city":"a"}}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		results, err := parsePhoton(body)
		if err == nil {
			checkResults(t, results)
		}
	})
}

func FuzzParseOSRM(f *testing.F) {
	f.Add(mustRead(f, "osrm-table.json"), uint8(3))
	f.Add(mustRead(f, "osrm-nosegment.json"), uint8(2))
	f.Add([]byte(`{"code":"Ok","durations":[[0,1],[null,0]]}`), uint8(2))
	f.Fuzz(func(t *testing.T, body []byte, n uint8) {
		m, err := parseOSRM(body, int(n%8))
		var se *ServiceError
		switch {
		case err == nil:
			checkMatrix(t, m, int(n%8))
		case errors.As(err, &se):
			if se.Service != "osrm" || se.Code == "" || len(se.Message) > 210 {
				t.Fatalf("service error %#v", se)
			}
		}
	})
}

func FuzzParseValhalla(f *testing.F) {
	f.Add(mustRead(f, "valhalla-matrix.json"), uint8(3))
	f.Add(mustRead(f, "valhalla-error.json"), uint8(2))
	f.Add([]byte(`{"sources_to_targets":[[{"time":0},{"time":null}],[{"time":1.5},{"time":0}]]}`), uint8(2))
	f.Fuzz(func(t *testing.T, body []byte, n uint8) {
		m, err := parseValhalla(body, int(n%8))
		if err == nil {
			checkMatrix(t, m, int(n%8))
		}
	})
}
