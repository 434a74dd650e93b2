package geo

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// photon speaks Photon's /api search (https://github.com/komoot/photon,
// docs/api-v1.md): GeoJSON whose properties follow GeocodeJSON.
type photon struct {
	c *client
}

func (p *photon) Search(ctx context.Context, query string) ([]Result, error) {
	q, err := cleanQuery(query)
	if err != nil {
		return nil, err
	}
	params := url.Values{"q": {q}, "limit": {strconv.Itoa(MaxResults)}}
	a, err := p.c.send(ctx, http.MethodGet, p.c.endpoint("/api", params), nil)
	if err != nil {
		return nil, err
	}
	if !a.ok() {
		return nil, p.c.statusError(a, "", "")
	}
	results, err := parsePhoton(a.body)
	if err != nil {
		return nil, badResponse("photon", err)
	}
	return results, nil
}

type photonCollection struct {
	Features *[]photonFeature `json:"features"`
}

type photonFeature struct {
	Geometry struct {
		Type        string    `json:"type"`
		Coordinates []float64 `json:"coordinates"`
	} `json:"geometry"`
	Properties photonProperties `json:"properties"`
}

type photonProperties struct {
	Name        string `json:"name"`
	HouseNumber string `json:"housenumber"`
	Street      string `json:"street"`
	Locality    string `json:"locality"`
	District    string `json:"district"`
	City        string `json:"city"`
	County      string `json:"county"`
	State       string `json:"state"`
	Postcode    string `json:"postcode"`
	Country     string `json:"country"`
	OSMKey      string `json:"osm_key"`
	OSMValue    string `json:"osm_value"`
}

// parsePhoton reads an /api answer: a FeatureCollection of points whose
// coordinates are [lon, lat].
func parsePhoton(body []byte) ([]Result, error) {
	var fc photonCollection
	if err := json.Unmarshal(body, &fc); err != nil {
		return nil, err
	}
	if fc.Features == nil {
		return nil, fmt.Errorf("no features")
	}
	features := *fc.Features
	results := make([]Result, 0, min(len(features), MaxResults))
	for i, f := range features {
		if i == MaxResults {
			break
		}
		if f.Geometry.Type != "Point" || len(f.Geometry.Coordinates) < 2 {
			return nil, fmt.Errorf("feature %d: not a point with [lon, lat]", i+1)
		}
		r := Result{Lon: f.Geometry.Coordinates[0], Lat: f.Geometry.Coordinates[1]}
		if err := checkResult(r); err != nil {
			return nil, fmt.Errorf("feature %d: %w", i+1, err)
		}
		r.Label = photonLabel(f.Properties)
		if r.Label == "" {
			r.Label = coordinateLabel(r.Lat, r.Lon)
		}
		r.Kind = osmKind(f.Properties.OSMKey, f.Properties.OSMValue)
		results = append(results, r)
	}
	return results, nil
}

// photonLabel builds a comma-separated address like Nominatim's
// display_name: the name, the house number and street, then the larger
// areas, each said once ("Berlin, Germany", not "Berlin, Berlin, Germany").
func photonLabel(p photonProperties) string {
	street := strings.TrimSpace(strings.TrimSpace(p.HouseNumber) + " " + strings.TrimSpace(p.Street))
	city := strings.TrimSpace(p.City)
	if pc := strings.TrimSpace(p.Postcode); pc != "" {
		city = strings.TrimSpace(city + " " + pc)
	}
	parts := []string{p.Name, street, p.Locality, p.District, city, p.County, p.State, p.Country}
	var out []string
	seen := map[string]bool{}
	for _, s := range parts {
		s = strings.Join(strings.Fields(s), " ")
		key := strings.ToLower(s)
		if s == "" || seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}
