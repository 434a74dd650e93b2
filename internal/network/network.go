// Package network lays out the network of a city's international
// relationships: organizations of the directory on the left, the
// countries of the visitors they met on the right, an edge for each pair
// weighted by the meetings held and marked where a collaboration followed.
// Layout is a pure, deterministic function (same graph, same picture);
// SVG writes the picture with every node a focusable link with its title.
// No I/O: the application layer (internal/app) builds the Graph from the
// records.
package network

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Node is an organization or a country.
type Node struct {
	Key  string // unique within its side: "org-12", "Nigeria"
	Name string
	Href string // where the node's link goes
	// Meetings held (with the other side), Collaborations that followed.
	Meetings, Collaborations int
}

// Edge ties an organization (From, a left key) to a country (To, a right
// key): the meetings held between them and the collaborations that
// followed.
type Edge struct {
	From, To                 string
	Meetings, Collaborations int
}

// Graph is what Layout draws.
type Graph struct {
	Organizations []Node
	Countries     []Node
	Edges         []Edge
}

// Options size the picture.
type Options struct {
	// MaxOrganizations and MaxCountries cap each side: past them the
	// smallest are drawn as one node "and N more" (MoreHref).
	MaxOrganizations, MaxCountries int
	MoreOrganizationsHref          string
	MoreCountriesHref              string
}

// DefaultOptions draw up to 30 organizations and 24 countries.
var DefaultOptions = Options{MaxOrganizations: 30, MaxCountries: 24,
	MoreOrganizationsHref: "#organizations-table", MoreCountriesHref: "#countries-table"}

// Picture geometry, in SVG user units (CSS pixels at 1:1).
const (
	Width        = 700
	rowHeight    = 30
	top          = 44
	leftX        = 310 // organization nodes; labels end to their left
	rightX       = 530 // country nodes; labels start to their right
	maxLabel     = 40  // characters of an organization's label
	maxRightText = 18  // characters of a country's label
)

// PlacedNode is a node where the picture draws it.
type PlacedNode struct {
	Node
	X, Y   float64
	R      float64 // radius, from its meetings
	Label  string  // shortened name
	Title  string  // the full name and figures, for the tooltip and screen readers
	More   int     // > 0: this node stands for More nodes left out
	IsLeft bool
}

// PlacedEdge is an edge where the picture draws it.
type PlacedEdge struct {
	Edge
	X1, Y1, X2, Y2 float64
	StrokeWidth    float64
	Title          string
}

// Picture is a laid-out graph.
type Picture struct {
	Width, Height int
	Left, Right   []PlacedNode
	Edges         []PlacedEdge
	// MoreOrganizations and MoreCountries are how many were folded into
	// the "and N more" nodes.
	MoreOrganizations, MoreCountries int
}

func weight(n Node) int { return n.Meetings + 2*n.Collaborations }

// byWeight orders the heaviest first, then by name and key.
func byWeight(a, b Node) int {
	if c := cmp.Compare(weight(b), weight(a)); c != 0 {
		return c
	}
	if c := cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
		return c
	}
	return cmp.Compare(a.Key, b.Key)
}

// fold keeps the limit-1 heaviest nodes when there are more than limit, and
// one node for the rest; it returns the kept nodes, the key each original
// node maps to, and how many were folded.
func fold(nodes []Node, limit int, moreKey, moreName, moreHref string) ([]Node, map[string]string, int) {
	ns := slices.Clone(nodes)
	slices.SortFunc(ns, byWeight)
	to := map[string]string{}
	if limit < 2 || len(ns) <= limit {
		for _, n := range ns {
			to[n.Key] = n.Key
		}
		return ns, to, 0
	}
	kept := ns[:limit-1]
	more := Node{Key: moreKey, Href: moreHref}
	for _, n := range ns[:limit-1] {
		to[n.Key] = n.Key
	}
	for _, n := range ns[limit-1:] {
		to[n.Key] = moreKey
		more.Meetings += n.Meetings
		more.Collaborations += n.Collaborations
	}
	folded := len(ns) - (limit - 1)
	more.Name = fmt.Sprintf(moreName, folded)
	return append(slices.Clone(kept), more), to, folded
}

// Layout places a graph: organizations on the left, countries on the
// right, each side capped (the rest folded into "and N more"), ordered to
// keep edges short (countries by weight, organizations by the mean row of
// their countries, then countries again by their organizations'), each
// side's rows spread over the same height. The same graph always gives the
// same picture.
func Layout(g Graph, o Options) Picture {
	if o.MaxOrganizations == 0 {
		o.MaxOrganizations = DefaultOptions.MaxOrganizations
	}
	if o.MaxCountries == 0 {
		o.MaxCountries = DefaultOptions.MaxCountries
	}
	left, lmap, lmore := fold(g.Organizations, o.MaxOrganizations, "more-organizations", "and %d more organizations", o.MoreOrganizationsHref)
	right, rmap, rmore := fold(g.Countries, o.MaxCountries, "more-countries", "and %d more countries", o.MoreCountriesHref)

	// Merge the edges onto the kept nodes.
	type pair struct{ from, to string }
	merged := map[pair]*Edge{}
	var order []pair
	for _, e := range g.Edges {
		f, ok1 := lmap[e.From]
		t, ok2 := rmap[e.To]
		if !ok1 || !ok2 {
			continue
		}
		k := pair{f, t}
		if merged[k] == nil {
			merged[k] = &Edge{From: f, To: t}
			order = append(order, k)
		}
		merged[k].Meetings += e.Meetings
		merged[k].Collaborations += e.Collaborations
	}
	slices.SortFunc(order, func(a, b pair) int {
		if c := cmp.Compare(a.from, b.from); c != 0 {
			return c
		}
		return cmp.Compare(a.to, b.to)
	})

	// Order: countries by weight (folded last), organizations by the
	// barycentre of their countries, countries by that of their
	// organizations.
	pos := func(ns []Node) map[string]float64 {
		m := map[string]float64{}
		for i, n := range ns {
			m[n.Key] = float64(i) / math.Max(1, float64(len(ns)-1))
		}
		return m
	}
	bary := func(ns []Node, other map[string]float64, leftSide bool, folded string) {
		c := map[string]float64{}
		for _, n := range ns {
			var sum, w float64
			for _, k := range order {
				e := merged[k]
				mine, theirs := e.From, e.To
				if !leftSide {
					mine, theirs = e.To, e.From
				}
				if mine == n.Key {
					x := float64(e.Meetings + 2*e.Collaborations)
					if x == 0 {
						x = 1
					}
					sum += other[theirs] * x
					w += x
				}
			}
			c[n.Key] = 2 // no edge: last
			if w > 0 {
				c[n.Key] = sum / w
			}
			if n.Key == folded {
				c[n.Key] = 3
			}
		}
		slices.SortStableFunc(ns, func(a, b Node) int {
			if x := cmp.Compare(c[a.Key], c[b.Key]); x != 0 {
				return x
			}
			return byWeight(a, b)
		})
	}
	bary(left, pos(right), true, "more-organizations")
	bary(right, pos(left), false, "more-countries")

	rows := max(len(left), len(right), 1)
	height := top + rows*rowHeight + 16
	p := Picture{Width: Width, Height: height, MoreOrganizations: lmore, MoreCountries: rmore}
	place := func(ns []Node, x float64, isLeft bool, moreKey string, more int) ([]PlacedNode, map[string]PlacedNode) {
		out := make([]PlacedNode, len(ns))
		at := map[string]PlacedNode{}
		step := float64(rows*rowHeight) / float64(max(len(ns), 1))
		for i, n := range ns {
			pn := PlacedNode{Node: n, X: x, Y: math.Round((top+step*(float64(i)+0.5))*10) / 10, IsLeft: isLeft,
				R: math.Min(11, 4+1.6*math.Sqrt(float64(n.Meetings)))}
			limit := maxLabel
			if !isLeft {
				limit = maxRightText
			}
			pn.Label = shorten(n.Name, limit)
			pn.Title = n.Name + ": " + figures(n.Meetings, n.Collaborations)
			if n.Key == moreKey {
				pn.More = more
			}
			out[i] = pn
			at[n.Key] = pn
		}
		return out, at
	}
	var lat, rat map[string]PlacedNode
	p.Left, lat = place(left, leftX, true, "more-organizations", lmore)
	p.Right, rat = place(right, rightX, false, "more-countries", rmore)
	for _, k := range order {
		e := merged[k]
		a, b := lat[e.From], rat[e.To]
		pe := PlacedEdge{Edge: *e, X1: a.X + a.R, Y1: a.Y, X2: b.X - b.R, Y2: b.Y,
			StrokeWidth: math.Round(math.Min(8, 0.75+1.25*math.Log2(1+float64(e.Meetings)))*10) / 10,
			Title:       a.Name + " – " + b.Name + ": " + figures(e.Meetings, e.Collaborations)}
		p.Edges = append(p.Edges, pe)
	}
	return p
}

// figures writes "3 meetings, 1 collaboration".
func figures(meetings, collabs int) string {
	s := plural(meetings, "meeting")
	if collabs > 0 {
		s += ", " + plural(collabs, "collaboration")
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// shorten cuts a name to at most n characters, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
