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

// nominatim speaks Nominatim's /search API with format=jsonv2
// (https://nominatim.org/release-docs/latest/api/Search/ and .../Output/).
type nominatim struct {
	c     *client
	email string
}

func (n *nominatim) Search(ctx context.Context, query string) ([]Result, error) {
	q, err := cleanQuery(query)
	if err != nil {
		return nil, err
	}
	params := url.Values{
		"q":              {q},
		"format":         {"jsonv2"},
		"limit":          {strconv.Itoa(MaxResults)},
		"addressdetails": {"0"},
	}
	if n.email != "" {
		params.Set("email", n.email)
	}
	a, err := n.c.send(ctx, http.MethodGet, n.c.endpoint("/search", params), nil)
	if err != nil {
		return nil, err
	}
	if !a.ok() {
		return nil, n.c.statusError(a, "", "")
	}
	results, err := parseNominatim(a.body)
	if err != nil {
		return nil, badResponse("nominatim", err)
	}
	return results, nil
}

// nominatimPlace is the part of a jsonv2 place Itinera reads: "lat" and
// "lon" are strings, "category" (jsonv2's name for json's "class") and
// "type" are the main OSM tag.
type nominatimPlace struct {
	Lat         string `json:"lat"`
	Lon         string `json:"lon"`
	DisplayName string `json:"display_name"`
	Category    string `json:"category"`
	Class       string `json:"class"`
	Type        string `json:"type"`
}

// parseNominatim reads a /search answer in format jsonv2 (or json): a JSON
// array of places, possibly empty.
func parseNominatim(body []byte) ([]Result, error) {
	var places []nominatimPlace
	if err := json.Unmarshal(body, &places); err != nil {
		return nil, err
	}
	if places == nil {
		return nil, fmt.Errorf("not an array of places")
	}
	results := make([]Result, 0, min(len(places), MaxResults))
	for i, p := range places {
		if i == MaxResults {
			break
		}
		lat, err1 := strconv.ParseFloat(strings.TrimSpace(p.Lat), 64)
		lon, err2 := strconv.ParseFloat(strings.TrimSpace(p.Lon), 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("place %d: lat and lon are not numbers", i+1)
		}
		r := Result{Lat: lat, Lon: lon, Label: strings.TrimSpace(p.DisplayName)}
		if err := checkResult(r); err != nil {
			return nil, fmt.Errorf("place %d: %w", i+1, err)
		}
		if r.Label == "" {
			r.Label = coordinateLabel(lat, lon)
		}
		category := p.Category
		if category == "" {
			category = p.Class
		}
		r.Kind = osmKind(category, p.Type)
		results = append(results, r)
	}
	return results, nil
}
