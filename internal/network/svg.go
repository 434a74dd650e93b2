package network

import (
	"fmt"
	"html"
	"strings"
)

// SVG writes the picture as an SVG element: every node a link (focusable
// with the keyboard, its full name and figures in its <title>), every
// edge with its <title>; collaborations are marked by a dashed double
// line and a diamond, not by colour alone. title and desc name the
// picture for screen readers; id prefixes the ids it uses.
func SVG(p Picture, id, title, desc string) string {
	var b strings.Builder
	esc := html.EscapeString
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="network-svg" id="%s" viewBox="0 0 %d %d" width="%d" height="%d" role="group" aria-labelledby="%s-title %s-desc">`,
		esc(id), p.Width, p.Height, p.Width, p.Height, esc(id), esc(id))
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, esc(id), esc(title), esc(id), esc(desc))
	fmt.Fprintf(&b, `<text class="network-head" x="%d" y="20" text-anchor="end">Organizations</text>`, leftX+12)
	fmt.Fprintf(&b, `<text class="network-head" x="%d" y="20">Countries</text>`, rightX-12)
	b.WriteString(`<g class="network-edges">`)
	for _, e := range p.Edges {
		cls := "edge"
		if e.Collaborations > 0 {
			cls = "edge edge-collab"
		}
		fmt.Fprintf(&b, `<g class="%s"><title>%s</title><line x1="%s" y1="%s" x2="%s" y2="%s" stroke-width="%s"/>`,
			cls, esc(e.Title), num(e.X1), num(e.Y1), num(e.X2), num(e.Y2), num(e.StrokeWidth))
		if e.Collaborations > 0 {
			mx, my := (e.X1+e.X2)/2, (e.Y1+e.Y2)/2
			fmt.Fprintf(&b, `<path class="collab-mark" d="M%s %sl6 6l-6 6l-6 -6z"/>`, num(mx), num(my-6))
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</g>`)
	for _, side := range [][]PlacedNode{p.Left, p.Right} {
		for _, n := range side {
			cls := "node"
			if n.Collaborations > 0 {
				cls += " node-collab"
			}
			if n.More > 0 {
				cls += " node-more"
			}
			anchor, tx := "end", n.X-n.R-6
			if !n.IsLeft {
				anchor, tx = "start", n.X+n.R+6
			}
			fmt.Fprintf(&b, `<a class="%s" href="%s"><title>%s</title><circle cx="%s" cy="%s" r="%s"/><text x="%s" y="%s" text-anchor="%s">%s</text></a>`,
				cls, esc(n.Href), esc(n.Title), num(n.X), num(n.Y), num(n.R), num(tx), num(n.Y+4.5), anchor, esc(n.Label))
		}
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// num writes a coordinate with at most one decimal.
func num(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	return strings.TrimSuffix(s, ".0")
}
