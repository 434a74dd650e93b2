// Package paper lays out an organization's printable documents other than
// the program books: the year-end report (every figure of a period with
// how it was counted, its tables and their charts) and a thank-you letter
// on the organization's letterhead. Each is one self-contained HTML
// document (its style inline, its charts inline SVG, nothing fetched),
// laid out for paper by its own @page rules, that a browser prints as it
// is and internal/pdf prints to PDF, as internal/book's books are. It is
// pure: records in, HTML out.
package paper

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"itinera/internal/book"
	"strings"
)

//go:embed paper.css
var paperCSS string

//go:embed yearend.html
var yearEndHTML string

//go:embed letter.html
var letterHTML string

var (
	yearEndTmpl = template.Must(template.New("yearend").Parse(yearEndHTML))
	letterTmpl  = template.Must(template.New("letter").Funcs(template.FuncMap{"paragraphs": paragraphs}).Parse(letterHTML))
)

// Letterhead is what heads the organization's paper: its name, postal
// address and how to reach it.
type Letterhead struct {
	Name    string
	Address string // may hold several lines
	Phone   string
	Email   string
}

// AddressLines are the address's lines, empty ones left out.
func (l Letterhead) AddressLines() []string {
	var out []string
	for _, s := range strings.Split(strings.ReplaceAll(l.Address, "\r\n", "\n"), "\n") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Paper sizes, as itinera.Settings names them.
const (
	Letter = "letter"
	A4     = "a4"
)

// Links are the screen-only links of a document shown in a browser. A PDF
// has none.
type Links struct {
	Back, PDF string
	// PDFMissing says why there is no PDF ("" when there is).
	PDFMissing string
}

// Rendered is a document as HTML.
type Rendered struct {
	HTML []byte
	// StyleHash is the CSP source of the document's one inline style.
	StyleHash string
}

func render(t *template.Template, data any, style string) (Rendered, error) {
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return Rendered{}, fmt.Errorf("paper: %w", err)
	}
	sum := sha256.Sum256([]byte(style))
	return Rendered{HTML: buf.Bytes(), StyleHash: "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"}, nil
}

// pageStyle is the printed page: its size, margins and, on every page but
// the first, a running head and the page number.
func pageStyle(paper, head, foot string) string {
	size := "letter"
	if paper == A4 {
		size = "A4"
	}
	return "@page { size: " + size + "; margin: 16mm 15mm 18mm 15mm;\n" +
		"  @top-left { content: " + book.CSSString(head) + "; font: 8pt/1.2 var(--font); color: #555; }\n" +
		"  @bottom-left { content: " + book.CSSString(foot) + "; font: 8pt/1.2 var(--font); color: #555; }\n" +
		"  @bottom-right { content: \"Page \" counter(page) \" of \" counter(pages); font: 8pt/1.2 var(--font); color: #555; }\n}\n" +
		"@page :first { @top-left { content: none; } }\n"
}

// paragraphs splits a letter's text into paragraphs at blank lines, each
// paragraph's lines kept.
func paragraphs(s string) [][]string {
	var out [][]string
	var cur []string
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			if cur != nil {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, strings.TrimRight(line, " \t"))
	}
	if cur != nil {
		out = append(out, cur)
	}
	return out
}
