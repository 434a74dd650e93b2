package paper

import (
	"html/template"
	"reflect"
	"strings"
	"testing"
)

// TestRenderYearEnd: the page has the letterhead, the period, each figure
// with how it was counted and each table with its chart; text is escaped,
// the chart's markup is kept, and the running head cannot end its CSS
// string.
func TestRenderYearEnd(t *testing.T) {
	t.Parallel()
	r, err := RenderYearEnd(YearEnd{Org: Letterhead{Name: `Gateway "<Global>"`, Address: "100 Example Street\r\n\nSt. Louis, MO"},
		Period: "1 January 2026 to 31 December 2026", Made: "2 November 2026", Paper: A4,
		Figures: []Figure{{Label: "Visitors", Value: "9", How: "Each visitor <once>."}},
		Tables: []Table{{ID: "t-x", Title: "By region", How: "Regions.", Columns: []string{"Region", "Count"}, Numeric: []bool{false, true},
			Rows: [][]string{{"Africa", "2"}}, Chart: template.HTML(`<svg role="img"><title>By region</title></svg>`)}},
		Links: Links{Back: "/reports?from=2026-01-01&to=2026-12-31"}})
	if err != nil {
		t.Fatal(err)
	}
	h := string(r.HTML)
	for _, want := range []string{"Gateway &#34;&lt;Global&gt;&#34;", "100 Example Street<br>St. Louis, MO", "Each visitor &lt;once&gt;.",
		`<svg role="img"><title>By region</title></svg>`, `<td class="num">2</td>`, "size: A4", `\22 \3c Global\3e \22 `} {
		if !strings.Contains(h, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if !strings.HasPrefix(r.StyleHash, "'sha256-") {
		t.Errorf("style hash %q", r.StyleHash)
	}
}

func TestParagraphs(t *testing.T) {
	t.Parallel()
	got := paragraphs("Dear Ana,\r\n\r\nThank you.\nSee you soon.\n\n\n  \nThe team  ")
	want := [][]string{{"Dear Ana,"}, {"Thank you.", "See you soon."}, {"The team"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%q", got)
	}
}

// TestRenderThankYou: the letter has its letterhead, date, addressee and
// paragraphs, its text escaped.
func TestRenderThankYou(t *testing.T) {
	t.Parallel()
	r, err := RenderThankYou(ThankYou{Org: Letterhead{Name: "Gateway", Phone: "+1 314 555 0100", Email: "programs@example.org"},
		Date: "4 December 2026", To: "Dana <Whitcomb>", Subject: "Thank you", Body: "Dear Dana,\n\nThank you & goodbye."})
	if err != nil {
		t.Fatal(err)
	}
	h := string(r.HTML)
	for _, want := range []string{"&#43;1 314 555 0100 · programs@example.org", "4 December 2026", "Dana &lt;Whitcomb&gt;", "<p>Dear Dana,</p>",
		"<p>Thank you &amp; goodbye.</p>", "size: letter"} {
		if !strings.Contains(h, want) {
			t.Errorf("the letter lacks %q", want)
		}
	}
	if strings.Contains(h, "<nav") {
		t.Error("screen links without links")
	}
}
