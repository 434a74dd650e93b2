package book

import (
	"strings"
	"testing"
)

func TestFileName(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		b    Book
		want string
	}{
		{Book{Title: "Combating Trafficking in Persons", Kind: "Visitor's book", For: "Lucía Ramírez Ortega"},
			"combating-trafficking-in-persons-visitor-s-book-lucia-ramirez-ortega"},
		{Book{Title: "Ярмарка", Kind: "Delegation book"}, "delegation-book"},
		{Book{Title: "Łódź & Straße", Kind: "Driver sheet"}, "lodz-strasse-driver-sheet"},
		{Book{}, "book"},
	} {
		if got := FileName(c.b); got != c.want {
			t.Errorf("FileName(%q, %q, %q) = %q, want %q", c.b.Title, c.b.Kind, c.b.For, got, c.want)
		}
	}
}

// A title cannot end the CSS string of the running header, nor the style
// element it is written in.
func TestCSSString(t *testing.T) {
	t.Parallel()
	got := CSSString(`Say "hi" </style><script>x\y` + "\n")
	if strings.ContainsAny(got[1:len(got)-1], "\"<>\n") || strings.Contains(got, `\y`) {
		t.Errorf("cssString = %s", got)
	}
}

// The map keeps every stop inside its box, the hotel first, the route
// back to it; one stop alone is drawn too.
func TestDrawMap(t *testing.T) {
	t.Parallel()
	m := drawMap([]mapPoint{{"H", 38.6261, -90.1889}, {"1", 38.6393, -90.2944}, {"2", 38.5937, -90.2386}}, true, nil)
	if len(m.Marks) != 3 || !m.Marks[0].Hotel || len(m.Routes) != 1 || strings.Count(m.Routes[0], " ") != 3 {
		t.Fatalf("map %+v", m)
	}
	for _, k := range m.Marks {
		if k.X < mapPad-1 || k.X > mapW-mapPad+1 || k.Y < mapPad-1 || k.Y > mapH-mapPad+1 {
			t.Errorf("stop %s at %.1f,%.1f is outside the box", k.Label, k.X, k.Y)
		}
	}
	if m.ScaleKm == "" || m.ScaleLen <= 0 {
		t.Errorf("scale %q %v", m.ScaleKm, m.ScaleLen)
	}
	if one := drawMap([]mapPoint{{"1", 38.6, -90.2}}, false, nil); len(one.Marks) != 1 || len(one.Routes) != 1 {
		t.Errorf("one stop: %+v", one)
	}
}
