package network

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
)

func small() Graph {
	return Graph{
		Organizations: []Node{
			{Key: "org-1", Name: "Gateway Human Trafficking", Href: "/organizations/1", Meetings: 4, Collaborations: 1},
			{Key: "org-2", Name: "St. Louis Post-Dispatch", Href: "/organizations/2", Meetings: 1},
			{Key: "org-3", Name: "Healing Action Network", Href: "/organizations/3", Meetings: 2},
		},
		Countries: []Node{
			{Key: "Nigeria", Name: "Nigeria", Href: "#country-Nigeria", Meetings: 3, Collaborations: 1},
			{Key: "Peru", Name: "Peru", Href: "#country-Peru", Meetings: 4},
		},
		Edges: []Edge{
			{From: "org-1", To: "Nigeria", Meetings: 2, Collaborations: 1},
			{From: "org-1", To: "Peru", Meetings: 2},
			{From: "org-2", To: "Peru", Meetings: 1},
			{From: "org-3", To: "Nigeria", Meetings: 1},
			{From: "org-3", To: "Peru", Meetings: 1},
		},
	}
}

// TestLayoutPlacesEveryNodeAndEdge: organizations on the left, countries
// on the right, every edge from its organization to its country, inside
// the picture; collaborations kept on edges and nodes.
func TestLayoutPlacesEveryNodeAndEdge(t *testing.T) {
	p := Layout(small(), DefaultOptions)
	if len(p.Left) != 3 || len(p.Right) != 2 || len(p.Edges) != 5 || p.MoreOrganizations != 0 {
		t.Fatalf("%d left, %d right, %d edges", len(p.Left), len(p.Right), len(p.Edges))
	}
	at := map[string]PlacedNode{}
	for _, n := range append(append([]PlacedNode{}, p.Left...), p.Right...) {
		if n.X < 0 || n.X > float64(p.Width) || n.Y < 0 || n.Y > float64(p.Height) {
			t.Fatalf("%s outside the picture: %v,%v", n.Name, n.X, n.Y)
		}
		at[n.Key] = n
	}
	for _, n := range p.Left {
		if n.X != leftX || !n.IsLeft {
			t.Fatalf("organization %s at x %v", n.Name, n.X)
		}
	}
	collab := 0
	for _, e := range p.Edges {
		if e.X1 >= e.X2 || e.Y1 != at[e.From].Y || e.Y2 != at[e.To].Y {
			t.Fatalf("edge %s–%s drawn %v,%v → %v,%v", e.From, e.To, e.X1, e.Y1, e.X2, e.Y2)
		}
		if e.Collaborations > 0 {
			collab++
		}
		if e.StrokeWidth < 0.75 || e.StrokeWidth > 8 {
			t.Fatalf("stroke %v", e.StrokeWidth)
		}
	}
	if collab != 1 {
		t.Fatalf("%d edges with a collaboration", collab)
	}
	if at["org-1"].Title != "Gateway Human Trafficking: 4 meetings, 1 collaboration" {
		t.Fatalf("title %q", at["org-1"].Title)
	}
}

// TestLayoutIsDeterministic: the same graph, in any order, gives the same
// picture.
func TestLayoutIsDeterministic(t *testing.T) {
	g := small()
	a := fmt.Sprintf("%+v", Layout(g, DefaultOptions))
	r := g
	r.Organizations = []Node{g.Organizations[2], g.Organizations[0], g.Organizations[1]}
	r.Edges = []Edge{g.Edges[4], g.Edges[2], g.Edges[0], g.Edges[3], g.Edges[1]}
	if b := fmt.Sprintf("%+v", Layout(r, DefaultOptions)); a != b {
		t.Fatalf("two layouts of one graph differ:\n%s\n%s", a, b)
	}
}

// TestLayoutOrdersToShortenEdges: an organization tied only to the last
// country is drawn below one tied only to the first.
func TestLayoutOrdersToShortenEdges(t *testing.T) {
	g := Graph{
		Organizations: []Node{{Key: "a", Name: "A", Meetings: 5}, {Key: "b", Name: "B", Meetings: 5}},
		Countries:     []Node{{Key: "X", Name: "X", Meetings: 9}, {Key: "Y", Name: "Y", Meetings: 1}},
		Edges:         []Edge{{From: "a", To: "Y", Meetings: 1}, {From: "b", To: "X", Meetings: 5}, {From: "a", To: "X", Meetings: 4}},
	}
	p := Layout(g, DefaultOptions)
	if p.Right[0].Key != "X" || p.Left[0].Key != "b" {
		t.Fatalf("order left %s,%s right %s,%s", p.Left[0].Key, p.Left[1].Key, p.Right[0].Key, p.Right[1].Key)
	}
}

// TestLayoutFoldsManyOrganizations: 500 organizations and 120 countries
// make a picture of at most the caps, the rest counted in "and N more",
// with their meetings and edges kept.
func TestLayoutFoldsManyOrganizations(t *testing.T) {
	var g Graph
	total := 0
	for i := 0; i < 500; i++ {
		key := fmt.Sprintf("org-%d", i)
		m := 1 + i%7
		total += m
		g.Organizations = append(g.Organizations, Node{Key: key, Name: fmt.Sprintf("Organization number %d with a long name indeed", i), Meetings: m})
		g.Edges = append(g.Edges, Edge{From: key, To: fmt.Sprintf("C%d", i%120), Meetings: m})
	}
	for i := 0; i < 120; i++ {
		g.Countries = append(g.Countries, Node{Key: fmt.Sprintf("C%d", i), Name: fmt.Sprintf("Country %d", i), Meetings: 1})
	}
	p := Layout(g, DefaultOptions)
	if len(p.Left) != DefaultOptions.MaxOrganizations || len(p.Right) != DefaultOptions.MaxCountries {
		t.Fatalf("%d organizations and %d countries drawn", len(p.Left), len(p.Right))
	}
	if p.MoreOrganizations != 500-DefaultOptions.MaxOrganizations+1 || p.MoreCountries != 120-DefaultOptions.MaxCountries+1 {
		t.Fatalf("folded %d organizations, %d countries", p.MoreOrganizations, p.MoreCountries)
	}
	last := p.Left[len(p.Left)-1]
	if last.More != p.MoreOrganizations || !strings.HasPrefix(last.Name, "and 471 more organizations") || last.Href != "#organizations-table" {
		t.Fatalf("the folded node: %+v", last)
	}
	sum := 0
	for _, n := range p.Left {
		sum += n.Meetings
		if len([]rune(n.Label)) > maxLabel {
			t.Fatalf("label %q too long", n.Label)
		}
	}
	drawn := 0
	for _, e := range p.Edges {
		drawn += e.Meetings
	}
	if sum != total || drawn != total {
		t.Fatalf("meetings: %d on nodes, %d on edges, want %d", sum, drawn, total)
	}
	if p.Height > 60+DefaultOptions.MaxOrganizations*rowHeight {
		t.Fatalf("height %d", p.Height)
	}
}

// TestSVGIsWellFormedAndAccessible: the SVG parses as XML, names itself,
// and every node is a link with a title; text is escaped.
func TestSVGIsWellFormedAndAccessible(t *testing.T) {
	g := small()
	g.Organizations[1].Name = `<script>"A & B"</script>`
	s := SVG(Layout(g, DefaultOptions), "net", "Network 2026", "3 organizations, 2 countries")
	if strings.Contains(s, "<script>") {
		t.Fatal("a name was not escaped")
	}
	d := xml.NewDecoder(strings.NewReader(s))
	links, titles := 0, 0
	for {
		tok, err := d.Token()
		if err != nil {
			if err.Error() == "EOF" {
				break
			}
			t.Fatalf("not XML: %v\n%s", err, s)
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "a":
				links++
			case "title":
				titles++
			}
		}
	}
	if links != 5 || titles != 1+5+5 {
		t.Fatalf("%d links, %d titles", links, titles)
	}
	if !strings.Contains(s, `aria-labelledby="net-title net-desc"`) || !strings.Contains(s, `collab-mark`) {
		t.Fatal("no name or no collaboration mark")
	}
}

// TestRank: matching meetings weigh most, then collaborations and
// ratings; organizations without history are left out; the reason says
// why; ties go by name.
func TestRank(t *testing.T) {
	records := []Record{
		{ID: 1, Name: "Gateway Human Trafficking", Meetings: []PastMeeting{
			{ProgramID: 1, Topics: []string{"Victim services and resources"}}, {ProgramID: 2, Topics: []string{"victim services and resources", "Policy"}},
			{ProgramID: 3, Topics: []string{"Prosecution of traffickers"}}, {ProgramID: 4, Topics: []string{"Victim Services and Resources"}},
			{ProgramID: 5, Topics: []string{"Victim services and resources"}}},
			RatingSum: 46, Ratings: 10, Collaborations: 2},
		{ID: 2, Name: "St. Louis Post-Dispatch", Meetings: []PastMeeting{{ProgramID: 1, Topics: []string{"Media and reporting"}}}, RatingSum: 6, Ratings: 2},
		{ID: 3, Name: "Art Museum"},
		{ID: 4, Name: "Healing Action Network", Meetings: []PastMeeting{{ProgramID: 2, Topics: []string{"Victim services and resources"}}}},
		{ID: 5, Name: "A Newsroom", Meetings: []PastMeeting{{ProgramID: 1, Topics: []string{"Media and reporting"}}}, RatingSum: 6, Ratings: 2},
	}
	got := Rank([]string{"Victim services and resources", "Prosecution of traffickers"}, records)
	if len(got) != 4 {
		t.Fatalf("%d ranked: %+v", len(got), got)
	}
	if got[0].ID != 1 || got[1].ID != 4 || got[2].ID != 5 || got[3].ID != 2 {
		t.Fatalf("order %d %d %d %d", got[0].ID, got[1].ID, got[2].ID, got[3].ID)
	}
	if got[0].Reason != "met 5 programs on victim services and resources, average 4.6/5, 2 collaborations" {
		t.Fatalf("reason %q", got[0].Reason)
	}
	if got[0].Score != 3*5+2*2+1.6*2 {
		t.Fatalf("score %v", got[0].Score)
	}
	if got[1].Reason != "met 1 program on victim services and resources, not rated yet" || got[3].Reason != "1 meeting on other topics, average 3.0/5" {
		t.Fatalf("reasons %q, %q", got[1].Reason, got[3].Reason)
	}
	if a, b := fmt.Sprint(got), fmt.Sprint(Rank([]string{"Victim services and resources", "Prosecution of traffickers"}, records)); a != b {
		t.Fatal("two rankings differ")
	}
	if len(Rank(nil, nil)) != 0 {
		t.Fatal("nothing to rank")
	}
}
