// Package chart draws the reports' charts as SVG, server-side: a bar chart
// of a list (horizontal bars, the labels beside them), a stacked bar chart
// and a line chart over periods (months). Each drawing is a complete
// <svg> element with role="img", a <title> and a <desc>, a viewBox that
// scales to its container (legible on a 390-pixel-wide phone) and its
// colours as attributes, so that it needs no style sheet, no script and
// prints as drawn; the page puts the table of the same figures beside it
// as its text alternative. It is pure: values in, markup out.
package chart

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Width is the width of every chart's viewBox: at 360 units a chart shown
// 350 pixels wide keeps its 12-unit text at 12 pixels or so.
const Width = 360

// Palette is the fill of each series in order, dark enough for white
// text and told apart by lightness as well as hue.
var Palette = []string{"#1f5f8b", "#d9822b", "#4d7f2e", "#7a4f9a", "#8c2f39", "#5a5a5a"}

// Bar is one bar of a list: a label and its value.
type Bar struct {
	Label string
	Value float64
	// Text is the value as shown ("12", "4.5"); empty: Value formatted.
	Text string
}

// Series is one named row of values over the periods of a chart.
type Series struct {
	Name   string
	Values []float64
}

// Chart says what a drawing is: its id (unique on the page, for the
// title's and description's ids), title and description.
type Chart struct {
	ID, Title, Desc string
}

// Bar geometry: labels end at labelRight; bars start at barLeft and are at
// most barSpan long; rows are rowHeight apart.
const (
	labelRight = 146
	barLeft    = 152
	barSpan    = 168
	rowHeight  = 26
	barHeight  = 18
	maxLabel   = 22 // runes of a label; longer ones are cut with "…"
)

// Bars draws a list as horizontal bars, the longest bar for the largest
// value, every bar's length proportional to its value (a value above zero
// shows at least a sliver).
func Bars(c Chart, bars []Bar) string {
	top := 0.0
	for _, b := range bars {
		top = math.Max(top, b.Value)
	}
	h := len(bars)*rowHeight + 8
	var s strings.Builder
	open(&s, c, h)
	for i, b := range bars {
		y := i*rowHeight + 4
		w := BarLength(b.Value, top, barSpan)
		label := cut(b.Label, maxLabel)
		text := b.Text
		if text == "" {
			text = Number(b.Value)
		}
		fmt.Fprintf(&s, `<text x="%d" y="%d" text-anchor="end" font-size="12" fill="#222">%s<title>%s: %s</title></text>`,
			labelRight, y+14, esc(label), esc(b.Label), esc(text))
		fmt.Fprintf(&s, `<rect x="%d" y="%d" width="%s" height="%d" fill="%s"/>`, barLeft, y, num(w), barHeight, Palette[0])
		fmt.Fprintf(&s, `<text x="%s" y="%d" font-size="12" fill="#222">%s</text>`, num(float64(barLeft)+w+4), y+14, esc(text))
	}
	s.WriteString(`</svg>`)
	return s.String()
}

// BarLength is the length of a bar of value v when the largest is top and
// span long: proportional, at least 2 for a value above zero, 0 for none.
func BarLength(v, top, span float64) float64 {
	if v <= 0 || top <= 0 {
		return 0
	}
	return math.Max(2, math.Round(v/top*span*10)/10)
}

// Plot geometry of the charts over periods: the plot's left edge (after
// the axis' figures), its top (under the legend), its height; the labels
// of the periods under it.
const (
	plotLeft   = 40
	plotRight  = Width - 8
	plotHeight = 150
	legendRow  = 18
)

// Stacked draws one bar per period (or category), the series stacked in
// order from the bottom; each segment's height is proportional to its
// value on a scale whose top is a round number at or above the largest
// total (scaleTop).
func Stacked(c Chart, periods []string, series []Series) string {
	top := 0.0
	for i := range periods {
		sum := 0.0
		for _, se := range series {
			if i < len(se.Values) {
				sum += math.Max(0, se.Values[i])
			}
		}
		top = math.Max(top, sum)
	}
	scale := scaleTop(top, wholeValues(series))
	var s strings.Builder
	plotTop := open2(&s, c, series, scale)
	step := float64(plotRight-plotLeft) / float64(max(len(periods), 1))
	w := math.Max(1, math.Min(step*0.7, 40))
	for i, p := range periods {
		x := plotLeft + step*float64(i) + (step-w)/2
		base := float64(plotTop + plotHeight)
		for k, se := range series {
			if i >= len(se.Values) || se.Values[i] <= 0 {
				continue
			}
			hgt := SegmentHeight(se.Values[i], scale, plotHeight)
			base -= hgt
			fmt.Fprintf(&s, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s, %s: %s</title></rect>`,
				num(x), num(base), num(w), num(hgt), Palette[k%len(Palette)], esc(p), esc(se.Name), Number(se.Values[i]))
		}
	}
	periodLabels(&s, periods, plotTop, step)
	s.WriteString(`</svg>`)
	return s.String()
}

// SegmentHeight is the height of a value on a scale of top drawn span
// high.
func SegmentHeight(v, top, span float64) float64 {
	if v <= 0 || top <= 0 {
		return 0
	}
	return math.Round(v/top*span*10) / 10
}

// Line draws each series as a line over the periods, a dot on each value,
// on a scale whose top is a round number at or above the largest value.
func Line(c Chart, periods []string, series []Series) string {
	top := 0.0
	for _, se := range series {
		for _, v := range se.Values {
			top = math.Max(top, v)
		}
	}
	scale := scaleTop(top, wholeValues(series))
	var s strings.Builder
	plotTop := open2(&s, c, series, scale)
	step := float64(plotRight-plotLeft) / float64(max(len(periods), 1))
	for k, se := range series {
		var pts []string
		color := Palette[k%len(Palette)]
		for i, v := range se.Values {
			if i >= len(periods) {
				break
			}
			x := plotLeft + step*float64(i) + step/2
			y := float64(plotTop+plotHeight) - SegmentHeight(math.Max(0, v), scale, plotHeight)
			pts = append(pts, num(x)+","+num(y))
		}
		if len(pts) > 1 {
			fmt.Fprintf(&s, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.Join(pts, " "), color)
		}
		for i, p := range pts {
			xy := strings.SplitN(p, ",", 2)
			fmt.Fprintf(&s, `<circle cx="%s" cy="%s" r="3" fill="%s"><title>%s, %s: %s</title></circle>`,
				xy[0], xy[1], color, esc(periods[i]), esc(se.Name), Number(se.Values[i]))
		}
	}
	periodLabels(&s, periods, plotTop, step)
	s.WriteString(`</svg>`)
	return s.String()
}

// NiceCeil is the round number (1, 2 or 5 times a power of ten) at or
// above v; 1 for nothing.
func NiceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}

// Number writes a value as a report shows it: whole numbers bare, others
// with one decimal.
func Number(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// open starts an svg of height h with its title and description.
func open(s *strings.Builder, c Chart, h int) {
	fmt.Fprintf(s, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %d %d" width="100%%" role="img" aria-labelledby="%s-t %s-d" preserveAspectRatio="xMinYMin meet" font-family="system-ui, sans-serif">`,
		Width, h, esc(c.ID), esc(c.ID))
	fmt.Fprintf(s, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, esc(c.ID), esc(c.Title), esc(c.ID), esc(c.Desc))
}

// open2 starts a chart over periods: its legend (one row per two series),
// the axis' scale with three grid lines. It returns the plot's top.
func open2(s *strings.Builder, c Chart, series []Series, scale float64) int {
	rows := (len(series) + 1) / 2
	if len(series) < 2 {
		rows = 0
	}
	plotTop := rows*legendRow + 10
	open(s, c, plotTop+plotHeight+34)
	if len(series) >= 2 {
		for k, se := range series {
			x, y := plotLeft+(k%2)*((plotRight-plotLeft)/2), (k/2)*legendRow+4
			fmt.Fprintf(s, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d" font-size="12" fill="#222">%s</text>`,
				x, y, Palette[k%len(Palette)], x+16, y+11, esc(cut(se.Name, 24)))
		}
	}
	for i := 0; i <= 2; i++ {
		v := scale * float64(i) / 2
		y := float64(plotTop+plotHeight) - SegmentHeight(v, scale, plotHeight)
		fmt.Fprintf(s, `<line x1="%d" y1="%s" x2="%d" y2="%s" stroke="#ccc" stroke-width="1"/>`, plotLeft, num(y), plotRight, num(y))
		fmt.Fprintf(s, `<text x="%d" y="%s" text-anchor="end" font-size="11" fill="#444">%s</text>`, plotLeft-4, num(y+4), Number(v))
	}
	return plotTop
}

// periodLabels writes the periods under the plot, as many as fit. A month
// ("Jan 2027") shows its year on a line of its own under the first month
// and wherever the year changes; any other label is cut to its slot.
func periodLabels(s *strings.Builder, periods []string, plotTop int, step float64) {
	every := 1
	for step*float64(every) < 26 {
		every++
	}
	fit := max(3, int(step*float64(every)/6.5))
	last := ""
	for i, p := range periods {
		first, year, ok := strings.Cut(p, " ")
		if !ok || !isYear(year) {
			first, year = cut(p, fit), ""
		} else {
			first = cut(first, 6)
		}
		x := plotLeft + step*float64(i) + step/2
		if i%every == 0 {
			fmt.Fprintf(s, `<text x="%s" y="%d" text-anchor="middle" font-size="11" fill="#444">%s</text>`, num(x), plotTop+plotHeight+16, esc(first))
		}
		if year != "" && year != last && i%every == 0 {
			fmt.Fprintf(s, `<text x="%s" y="%d" text-anchor="middle" font-size="11" fill="#444">%s</text>`, num(x), plotTop+plotHeight+30, esc(year))
			last = year
		}
	}
}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// scaleTop is the top of a chart's scale: a round number at or above the
// largest value, at least 2 when every value is a whole number, so that
// counts have no half-way grid line.
func scaleTop(top float64, whole bool) float64 {
	s := NiceCeil(top)
	if whole && s < 2 {
		return 2
	}
	return s
}

func wholeValues(series []Series) bool {
	for _, se := range series {
		for _, v := range se.Values {
			if v != math.Trunc(v) {
				return false
			}
		}
	}
	return true
}

func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// esc escapes text for XML, leaving out what XML cannot hold (control
// characters, invalid UTF-8).
func esc(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == utf8.RuneError || (r < 0x20 && r != '\t' && r != '\n') || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
	return html.EscapeString(s)
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
