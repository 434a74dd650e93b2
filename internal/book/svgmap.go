package book

import (
	"math"
	"strconv"
)

// A day's map in a book is drawn, not fetched: the stops at their
// positions (an equirectangular projection scaled to the day's extent,
// east to the right and north up), numbered in order, with the route
// between them from the hotel and back. A printed book cannot load map
// tiles, and a PDF made offline must not try; the addresses beside the
// map say where each stop is.

// Map is a day's schematic map, in SVG user units.
type Map struct {
	Width, Height int
	// Routes are the polylines' points, "x,y x,y …": one for a day the
	// delegation stays together, one per stretch of a group's tour on a
	// day it splits.
	Routes   []string
	Marks    []Mark
	ScaleKm  string  // the scale bar's label, "2 km"
	ScaleLen float64 // its length
}

// Mark is one stop on the map.
type Mark struct {
	X, Y  float64
	Label string // "H" for the hotel, else the stop's number
	Hotel bool
}

// mapPoint is a stop to draw; the hotel first when there is one.
type mapPoint struct {
	Label    string
	Lat, Lon float64
}

const (
	mapW, mapH = 640, 300
	mapPad     = 26
)

// drawMap projects the stops into the map's box. legs are the trips
// between stops (indexes into stops); nil: from each stop to the next,
// and with a hotel back to it.
func drawMap(stops []mapPoint, hotel bool, legs [][2]int) *Map {
	if len(stops) == 0 {
		return nil
	}
	minLat, maxLat, minLon, maxLon := stops[0].Lat, stops[0].Lat, stops[0].Lon, stops[0].Lon
	for _, s := range stops {
		minLat, maxLat = math.Min(minLat, s.Lat), math.Max(maxLat, s.Lat)
		minLon, maxLon = math.Min(minLon, s.Lon), math.Max(maxLon, s.Lon)
	}
	midLat := (minLat + maxLat) / 2
	kx := math.Cos(midLat*math.Pi/180) * 111.32 // km per degree of longitude here
	const ky = 110.57                           // km per degree of latitude
	wKm, hKm := (maxLon-minLon)*kx, (maxLat-minLat)*ky
	// Kilometres to units: fit the larger side, keep the aspect, and
	// never zoom closer than 200 m across the box (one stop, or stops on
	// one street).
	scale := math.Min(float64(mapW-2*mapPad)/math.Max(wKm, 0.2), float64(mapH-2*mapPad)/math.Max(hKm, 0.2))
	offX := (float64(mapW) - wKm*scale) / 2
	offY := (float64(mapH) - hKm*scale) / 2
	m := &Map{Width: mapW, Height: mapH}
	pts := make([]string, 0, len(stops))
	for i, s := range stops {
		x := offX + (s.Lon-minLon)*kx*scale
		y := offY + (maxLat-s.Lat)*ky*scale
		m.Marks = append(m.Marks, Mark{X: round1(x), Y: round1(y), Label: s.Label, Hotel: hotel && i == 0})
		pts = append(pts, fmtPt(x, y))
	}
	if legs == nil {
		for i := 1; i < len(stops); i++ {
			legs = append(legs, [2]int{i - 1, i})
		}
		if hotel && len(stops) > 1 {
			legs = append(legs, [2]int{len(stops) - 1, 0})
		}
	}
	// Legs that follow on from each other make one line.
	last := -1
	for _, l := range legs {
		if l[0] != last || len(m.Routes) == 0 {
			m.Routes = append(m.Routes, pts[l[0]])
		}
		m.Routes[len(m.Routes)-1] += " " + pts[l[1]]
		last = l[1]
	}
	if len(m.Routes) == 0 {
		m.Routes = []string{pts[0]}
	}
	// A scale bar of a round length, about a fifth of the width.
	km := float64(mapW) / 5 / scale
	step := math.Pow(10, math.Floor(math.Log10(km)))
	for _, f := range []float64{5, 2, 1} {
		if f*step <= km {
			step *= f
			break
		}
	}
	m.ScaleLen = round1(step * scale)
	m.ScaleKm = kmLabel(step)
	return m
}

func kmLabel(km float64) string {
	if km < 1 {
		return num(km*1000) + " m"
	}
	return num(km) + " km"
}

// num writes x with at most one decimal.
func num(x float64) string { return strconv.FormatFloat(round1(x), 'f', -1, 64) }

func round1(x float64) float64 { return math.Round(x*10) / 10 }

func fmtPt(x, y float64) string { return num(x) + "," + num(y) }
