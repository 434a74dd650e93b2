package web

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"

	"itinera"
)

// Maps of a program's days: the day's stops in order (the hotel, each item
// of the itinerary with a place, back to the hotel), drawn by Leaflet on the
// tiles of the configured tile server, and always written out as an ordered
// list with times and addresses: the map's text alternative, and all that
// shows when no tiles load.

// MapConfig says where map tiles come from.
type MapConfig struct {
	// TileURL is a Leaflet tile URL template
	// ("https://tile.openstreetmap.org/{z}/{x}/{y}.png"); "none" draws maps
	// without tiles (the stops and lines only). Empty: OpenStreetMap's.
	TileURL string
	// Attribution is the tiles' attribution, shown on every map (HTML is
	// escaped: plain text).
	Attribution string
}

// Default tiles: OpenStreetMap's standard layer, with its attribution.
const (
	DefaultTileURL         = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
	DefaultTileAttribution = "© OpenStreetMap contributors"
)

// resolved returns the tile URL template and attribution to use: the
// defaults when none is set, nothing for "none".
func (c MapConfig) resolved() (tiles, attribution string) {
	switch c.TileURL {
	case "":
		return DefaultTileURL, DefaultTileAttribution
	case "none":
		return "", ""
	}
	return c.TileURL, c.Attribution
}

// TileOrigin is the scheme and host the tiles come from ("" when none),
// which the Content-Security-Policy must allow for images.
func (c MapConfig) TileOrigin() string {
	tiles, _ := c.resolved()
	u, err := url.Parse(tiles)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// mapStop is one numbered stop of a day's map.
type mapStop struct {
	N       int     `json:"n"` // 0: the hotel
	Title   string  `json:"title"`
	When    string  `json:"when"` // "09:30–11:00"
	Place   string  `json:"place"`
	Address string  `json:"address"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	Travel  int     `json:"travel"` // minutes from the stop before
	OnMap   bool    `json:"-"`
}

// dayMap is the map of one day, or on a split day of one sub-group's day
// (Group names it: the whole delegation's items and its own).
type dayMap struct {
	ID    string
	Label string
	Group string
	Zone  string
	Hotel *mapStop
	Stops []mapStop // the items, in order
	Tiles string
	Attr  string
	JSON  string // what the script draws: the hotel and the stops with coordinates
}

// dayMaps makes the map of each day that has items; a day on which the
// delegation splits has one map per sub-group, each with its own route.
func dayMaps(it itinera.Itinerary, days []itinera.Day, p itinera.Program, places map[int64]itinera.Place, cfg MapConfig, ppl people) []dayMap {
	tiles, attr := cfg.resolved()
	loc := p.Location()
	byDate := map[itinera.Date][]itinera.ItineraryItem{}
	for _, x := range it.Items {
		byDate[itinera.DateOf(x.Start.In(loc))] = append(byDate[itinera.DateOf(x.Start.In(loc))], x)
	}
	var hotel *mapStop
	if h, ok := places[p.HotelPlaceID]; ok && p.HotelPlaceID != 0 {
		hotel = &mapStop{N: 0, Title: "Hotel", Place: h.Name, Address: h.Address, Lat: h.Lat, Lon: h.Lon, OnMap: h.Lat != 0 || h.Lon != 0}
	}
	var out []dayMap
	for _, d := range days {
		items := byDate[d.Date]
		if len(items) == 0 {
			continue
		}
		sort.Slice(items, func(i, j int) bool { return items[i].Start.Before(items[j].Start) })
		lanes := dayLanes(items, ppl)
		n := 0
		for _, l := range lanes {
			n = max(n, l.Lanes)
		}
		for g := 0; g <= n; g++ {
			if n > 0 && g == 0 {
				continue // a split day: a map per sub-group
			}
			m := dayMap{ID: "map-" + d.Date.String(), Label: dateLabel(d.Date), Zone: items[0].Start.In(loc).Format("MST"),
				Hotel: hotel, Tiles: tiles, Attr: attr}
			if g > 0 {
				m.ID += fmt.Sprintf("-group-%d", g)
			}
			var drawn []mapStop
			if hotel != nil && hotel.OnMap {
				drawn = append(drawn, *hotel)
			}
			for i, x := range items {
				if l := lanes[i]; l.Lane != 0 && l.Lane != g {
					continue
				} else if l.Lane == g && g > 0 {
					m.Group = l.Full
				}
				s := mapStop{N: len(m.Stops) + 1, Title: x.Title, When: x.Start.In(loc).Format("15:04") + "–" + x.End.In(loc).Format("15:04"),
					Place: x.PlaceName, Travel: x.TravelMinutes}
				if pl, ok := places[x.PlaceID]; ok && x.PlaceID != 0 {
					s.Place, s.Address, s.Lat, s.Lon, s.OnMap = pl.Name, pl.Address, pl.Lat, pl.Lon, pl.Lat != 0 || pl.Lon != 0
				}
				if s.OnMap {
					drawn = append(drawn, s)
				}
				m.Stops = append(m.Stops, s)
			}
			b, err := json.Marshal(drawn)
			if err != nil {
				b = []byte("[]")
			}
			m.JSON = string(b)
			out = append(out, m)
		}
	}
	return out
}

// travelLabel says a leg's travel time: "12 min travel".
func travelLabel(min int) string {
	if min <= 0 {
		return ""
	}
	return fmt.Sprintf("%s travel", durationLabel(min))
}

// placesMap is the directory's map of the places it lists; the places
// table above it is its text alternative.
type placesMap struct {
	Count int // places with coordinates
	Tiles string
	Attr  string
	JSON  string
}

type mapPoint struct {
	Name string  `json:"name"`
	Kind string  `json:"kind"`
	Lat  float64 `json:"lat"`
	Lon  float64 `json:"lon"`
}

func newPlacesMap(places []itinera.Place, cfg MapConfig) placesMap {
	tiles, attr := cfg.resolved()
	pts := []mapPoint{}
	for _, p := range places {
		if p.Lat != 0 || p.Lon != 0 {
			pts = append(pts, mapPoint{Name: p.Name, Kind: string(p.Kind), Lat: p.Lat, Lon: p.Lon})
		}
	}
	b, err := json.Marshal(pts)
	if err != nil {
		b = []byte("[]")
	}
	return placesMap{Count: len(pts), Tiles: tiles, Attr: attr, JSON: string(b)}
}

// pinMap is the map of a form with coordinates: a click or a drag of the
// pin fills its lat and lon fields; typing them moves the pin; with a
// geocoder, a button finds the form's address (geocode.go).
type pinMap struct {
	Caption              string
	Source               string // where the coordinates came from, carried by the form
	Tiles, Attr          string
	CenterLat, CenterLon float64 // where the map opens when the fields are empty
	// Lookup is the address of the JSON lookup of the form's address
	// ("/geocode"); empty without a geocoder. With it, the map offers to
	// find the address and lists the places found to choose from.
	Lookup string
}

// newPinMap opens on the first of places with coordinates (the
// organization's city), or on the whole world.
func newPinMap(places []itinera.Place, cfg MapConfig) *pinMap {
	tiles, attr := cfg.resolved()
	m := &pinMap{Tiles: tiles, Attr: attr,
		Caption: "Click the map where the place is to fill in its coordinates; drag the pin to correct them."}
	for _, p := range places {
		if p.Lat != 0 || p.Lon != 0 {
			m.CenterLat, m.CenterLon = p.Lat, p.Lon
			break
		}
	}
	return m
}
