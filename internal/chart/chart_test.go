package chart

import (
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
)

// element is one element of a drawing, with its attributes.
type element struct {
	Name  string
	Attr  map[string]string
	Title string // the text of a <title> inside it
}

// parse reads a drawing as XML (it must be well formed) into its
// elements, in order.
func parse(t *testing.T, svg string) []element {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	var out []element
	var stack []int
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, svg)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			e := element{Name: x.Name.Local, Attr: map[string]string{}}
			for _, a := range x.Attr {
				e.Attr[a.Name.Local] = a.Value
			}
			out = append(out, e)
			stack = append(stack, len(out)-1)
		case xml.CharData:
			if len(stack) > 1 && out[stack[len(stack)-1]].Name == "title" {
				out[stack[len(stack)-2]].Title += string(x)
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	if len(out) == 0 || out[0].Name != "svg" {
		t.Fatalf("no svg: %s", svg)
	}
	return out
}

func f(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return v
}

func all(es []element, name string) []element {
	var out []element
	for _, e := range es {
		if e.Name == name {
			out = append(out, e)
		}
	}
	return out
}

// TestBarsAreProportional: each bar's length is its value's share of the
// largest, the largest is barSpan long, a zero draws nothing, and the
// drawing is accessible (role, title, description).
func TestBarsAreProportional(t *testing.T) {
	t.Parallel()
	svg := Bars(Chart{ID: "c", Title: "Visitors by country", Desc: "Nine countries"},
		[]Bar{{Label: "Mexico", Value: 4}, {Label: "Nigeria", Value: 2}, {Label: "India", Value: 1}, {Label: "None", Value: 0}})
	es := parse(t, svg)
	root := es[0]
	if root.Attr["role"] != "img" || root.Attr["viewBox"] != "0 0 360 112" || root.Attr["aria-labelledby"] != "c-t c-d" {
		t.Errorf("svg attributes %v", root.Attr)
	}
	if ts := all(es, "title"); len(ts) == 0 || all(es, "desc") == nil {
		t.Errorf("no title or desc")
	}
	rects := all(es, "rect")
	want := []float64{168, 84, 42, 0}
	for i, r := range rects {
		if w := f(t, r.Attr["width"]); w != want[i] {
			t.Errorf("bar %d: width %v, want %v", i, w, want[i])
		}
	}
	if !strings.Contains(svg, ">Mexico<title>Mexico: 4</title>") {
		t.Errorf("labels: %s", svg)
	}
}

// TestStackedHeights: the segments of a period stack from the bottom,
// each proportional to its value on a round scale above the largest
// total.
func TestStackedHeights(t *testing.T) {
	t.Parallel()
	svg := Stacked(Chart{ID: "s", Title: "Hours", Desc: "by month"}, []string{"Jan 2027", "Feb 2027", "Mar 2027"},
		[]Series{{Name: "Hosting", Values: []float64{6, 0, 2}}, {Name: "Meetings", Values: []float64{10, 4, 0}}})
	es := parse(t, svg)
	var segs []element
	for _, r := range all(es, "rect") {
		if r.Title != "" {
			segs = append(segs, r)
		}
	}
	// the scale is 20 (the largest total is 16) drawn plotHeight high
	want := []struct {
		title  string
		height float64
	}{{"Jan 2027, Hosting: 6", 45}, {"Jan 2027, Meetings: 10", 75}, {"Feb 2027, Meetings: 4", 30}, {"Mar 2027, Hosting: 2", 15}}
	if len(segs) != len(want) {
		t.Fatalf("%d segments: %s", len(segs), svg)
	}
	for i, w := range want {
		if segs[i].Title != w.title || f(t, segs[i].Attr["height"]) != w.height {
			t.Errorf("segment %d: %q height %s, want %q %v", i, segs[i].Title, segs[i].Attr["height"], w.title, w.height)
		}
	}
	// the second segment sits on the first
	if a, b := segs[0], segs[1]; f(t, b.Attr["y"])+f(t, b.Attr["height"]) != f(t, a.Attr["y"]) {
		t.Errorf("not stacked: %v %v", a.Attr, b.Attr)
	}
	if !strings.Contains(svg, ">2027</text>") || strings.Count(svg, ">2027</text>") != 1 {
		t.Errorf("the year is written once: %s", svg)
	}
}

// TestLinePoints: each dot's height over the axis is its value's share of
// the scale.
func TestLinePoints(t *testing.T) {
	t.Parallel()
	svg := Line(Chart{ID: "l", Title: "Visitors", Desc: "by month"}, []string{"Jan", "Feb", "Mar"},
		[]Series{{Name: "Visitors", Values: []float64{0, 5, 10}}})
	es := parse(t, svg)
	cs := all(es, "circle")
	if len(cs) != 3 || len(all(es, "polyline")) != 1 {
		t.Fatalf("%s", svg)
	}
	bottom := f(t, cs[0].Attr["cy"])
	for i, want := range []float64{0, 75, 150} {
		if got := bottom - f(t, cs[i].Attr["cy"]); math.Abs(got-want) > 1e-9 {
			t.Errorf("point %d is %v above the axis, want %v", i, got, want)
		}
	}
}

func TestNiceCeil(t *testing.T) {
	t.Parallel()
	for _, c := range [][2]float64{{0, 1}, {0.3, 0.5}, {1, 1}, {1.2, 2}, {3, 5}, {16, 20}, {50, 50}, {51, 100}, {999, 1000}} {
		if got := NiceCeil(c[0]); math.Abs(got-c[1]) > 1e-9 {
			t.Errorf("NiceCeil(%v) = %v, want %v", c[0], got, c[1])
		}
	}
}

// FuzzCharts: whatever the labels and values, every chart is well-formed
// XML with its text escaped.
func FuzzCharts(f *testing.F) {
	f.Add("Côte d'Ivoire", "<b>&", 3.5, -1.0)
	f.Add("", "", 0.0, 1e300)
	f.Fuzz(func(t *testing.T, a, b string, x, y float64) {
		if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) {
			return
		}
		c := Chart{ID: "f", Title: a, Desc: b}
		for _, svg := range []string{
			Bars(c, []Bar{{Label: a, Value: x}, {Label: b, Value: y}}),
			Stacked(c, []string{a, b}, []Series{{Name: a, Values: []float64{x, y}}, {Name: b, Values: []float64{y}}}),
			Line(c, []string{a, b}, []Series{{Name: b, Values: []float64{x, y}}}),
		} {
			if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
				t.Fatalf("%v: %s", err, svg)
			}
		}
	})
}

// TestStackedCategories: a chart over categories writes each label whole
// when it fits, and counts get a scale of whole numbers.
func TestStackedCategories(t *testing.T) {
	t.Parallel()
	svg := Stacked(Chart{ID: "k", Title: "Collaborations", Desc: "by kind"}, []string{"joint project", "training"},
		[]Series{{Name: "planned", Values: []float64{0, 1}}, {Name: "ongoing", Values: []float64{1, 0}}})
	es := parse(t, svg)
	if !strings.Contains(svg, ">joint project</text>") || !strings.Contains(svg, ">training</text>") {
		t.Errorf("labels: %s", svg)
	}
	for _, r := range all(es, "rect") {
		if r.Title != "" && f(t, r.Attr["height"]) != 75 {
			t.Errorf("%s: height %s on a scale of 2", r.Title, r.Attr["height"])
		}
	}
	if strings.Contains(svg, ">0.5</text>") {
		t.Errorf("a half-way grid line for counts")
	}
}
