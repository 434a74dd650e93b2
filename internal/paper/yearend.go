package paper

import "html/template"

// YearEnd is the year-end report of a period: the organization, the
// period, every figure with how it was counted, and the tables with their
// charts.
type YearEnd struct {
	Org    Letterhead
	Period string // "1 January 2026 to 31 December 2026"
	Made   string // when it was made, with the zone
	Paper  string
	// Figures are the headline figures.
	Figures []Figure
	Tables  []Table
	Links   Links
}

// Figure is one figure and how it was counted.
type Figure struct {
	Label, Value, How string
}

// Table is one table with its chart (SVG markup from internal/chart, ""
// for none); Numeric says which columns hold numbers.
type Table struct {
	ID, Title, How string
	Columns        []string
	Numeric        []bool
	Rows           [][]string
	Chart          template.HTML
}

// Cell is one cell of a table as the template writes it.
type Cell struct {
	Text    string
	Numeric bool
}

// Head is the header's cells.
func (t Table) Head() []Cell { return cells(t.Columns, t.Numeric) }

// Body is the rows' cells.
func (t Table) Body() [][]Cell {
	out := make([][]Cell, len(t.Rows))
	for i, r := range t.Rows {
		out[i] = cells(r, t.Numeric)
	}
	return out
}

func cells(xs []string, numeric []bool) []Cell {
	out := make([]Cell, len(xs))
	for i, x := range xs {
		out[i] = Cell{Text: x, Numeric: i < len(numeric) && numeric[i]}
	}
	return out
}

// RenderYearEnd writes the year-end report as one HTML document.
func RenderYearEnd(y YearEnd) (Rendered, error) {
	style := pageStyle(y.Paper, y.Org.Name+" · Year-end report, "+y.Period, "Made "+y.Made) + paperCSS
	return render(yearEndTmpl, struct {
		YearEnd
		Style template.CSS
	}{y, template.CSS(style)}, style)
}
