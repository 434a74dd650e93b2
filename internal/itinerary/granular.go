package itinerary

import "sort"

// Granular insertion neighbourhoods (Toth & Vigo 2003, "The granular
// tabu search"): an item is tried only right before or after a route
// position that holds one of its knobGranular nearest candidates, or
// next to the start, the end or a lunch break, instead of at every
// position. On large instances with wide windows this skips most
// insertion tests, and a good insertion is nearly always next to a close
// neighbour.

// granularMaxN bounds the candidates for which the n×n neighbour table
// is built; above it every position is tried.
const granularMaxN = 4000

// nearest returns the neighbour table: near[c*n+x] says whether x is
// among the knobGranular candidates closest to c by the round trip
// t(c,x)+t(x,c) on the first day. nil when off.
func nearest(md *model) []bool {
	k := knobGranular
	n := md.n
	if k <= 0 || n <= k+1 || n > granularMaxN || len(md.days) == 0 {
		return nil
	}
	near := make([]bool, n*n)
	others := make([]int, 0, n)
	dist := make([]int, n)
	for c := range n {
		others = others[:0]
		for x := range n {
			if x != c {
				others = append(others, x)
				dist[x] = md.t(0, md.place[c], md.place[x]) + md.t(0, md.place[x], md.place[c])
			}
		}
		sort.Slice(others, func(a, b int) bool {
			da, db := dist[others[a]], dist[others[b]]
			return da < db || da == db && others[a] < others[b]
		})
		for _, x := range others[:k] {
			near[c*n+x] = true
		}
	}
	return near
}

// granular reports whether c is tried between positions p and p+1 of r:
// always when the table is off, else when either holds a neighbour of
// c or a marker (start, end, lunch).
func (md *model) granular(r *route, c, p int) bool {
	if md.near == nil {
		return true
	}
	row := md.near[c*md.n : (c+1)*md.n]
	x, y := r.nodes[p], r.nodes[p+1]
	return x < 0 || y < 0 || row[x] || row[y]
}
