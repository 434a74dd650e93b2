package book

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"strings"
	"unicode/utf8"

	"itinera"
	"itinera/internal/lang"
)

//go:embed book.html
var bookHTML string

//go:embed book.css
var bookCSS string

// tmpl is parsed once; a broken template fails the first test, not a
// request.
var tmpl = template.Must(template.New("book").Funcs(template.FuncMap{
	"minutes": minutesLabel,
	"join":    func(xs []string) string { return strings.Join(xs, ", ") },
}).Parse(bookHTML))

// Links are the screen-only links of a book shown in a browser: back to
// the program and to the PDF. A PDF has none.
type Links struct {
	Back, PDF string
	// PDFMissing says why there is no PDF ("" when there is).
	PDFMissing string
}

// Rendered is a book as one HTML document.
type Rendered struct {
	HTML []byte
	// StyleHash is the CSP source of the document's one inline style
	// ("'sha256-…'"): a page that serves it allows that style alone.
	StyleHash string
}

// Render writes b as a self-contained HTML document: its styles inline,
// its maps SVG, nothing fetched.
func Render(b Book, links Links) (Rendered, error) {
	if b.L == nil {
		b.L = &lang.English
	}
	style := pageStyle(b) + bookCSS
	var buf bytes.Buffer
	err := tmpl.Execute(&buf, struct {
		Book
		Style template.CSS
		Links Links
	}{b, template.CSS(style), links})
	if err != nil {
		return Rendered{}, fmt.Errorf("book: %w", err)
	}
	sum := sha256.Sum256([]byte(style))
	return Rendered{HTML: buf.Bytes(), StyleHash: "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"}, nil
}

// pageStyle is the printed page: its size, margins, running header (the
// program and the organization) and page numbers.
func pageStyle(b Book) string {
	size := "letter"
	if b.Paper == itinera.PaperA4 {
		size = "A4"
	}
	head := b.Title
	if b.Org.Name != "" {
		head += " · " + b.Org.Name
	}
	return "@page { size: " + size + "; margin: 18mm 16mm 20mm 16mm;\n" +
		"  @top-left { content: " + CSSString(head) + "; font: 8pt/1.2 var(--font); color: #555; }\n" +
		"  @top-right { content: " + CSSString(b.Kind) + "; font: 8pt/1.2 var(--font); color: #555; }\n" +
		"  @bottom-right { content: " + CSSString(b.L.T("Page")+" ") + " counter(page) " + CSSString(" "+b.L.T("of")+" ") +
		" counter(pages); font: 8pt/1.2 var(--font); color: #555; }\n" +
		"  @bottom-left { content: " + CSSString(b.L.T("Made %s", b.Made)) + "; font: 8pt/1.2 var(--font); color: #555; }\n}\n" +
		"@page :first { @top-left { content: none; } @top-right { content: none; } }\n"
}

// CSSString quotes s as a CSS string that cannot end the string or the
// style element (the books' and internal/paper's @page headers).
func CSSString(s string) string {
	var sb strings.Builder
	sb.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\' || r == '<' || r == '>' || r == '&' || r < 0x20 || r == 0x7f:
			fmt.Fprintf(&sb, "\\%x ", r)
		default:
			sb.WriteRune(r)
		}
	}
	sb.WriteByte('"')
	return sb.String()
}

// minutesLabel writes a duration the way people say it: "45 min",
// "1 h 20 min".
func minutesLabel(m int) string {
	switch {
	case m <= 0:
		return ""
	case m < 60:
		return fmt.Sprintf("%d min", m)
	case m%60 == 0:
		return fmt.Sprintf("%d h", m/60)
	}
	return fmt.Sprintf("%d h %d min", m/60, m%60)
}

// FileName is a file name for the book, without extension: the program's
// title and the document, in lower-case ASCII words joined by hyphens, the
// accents of Latin letters dropped
// ("combating-trafficking-in-persons-visitor-s-book-lucia-ramirez-ortega").
func FileName(b Book) string {
	var folded strings.Builder
	for _, r := range strings.ToLower(b.Title + " " + b.Kind + " " + b.For) {
		if i := strings.IndexRune(accented, r); i >= 0 {
			folded.WriteString(plain[utf8.RuneCountInString(accented[:i])])
			continue
		}
		folded.WriteRune(r)
	}
	words := strings.FieldsFunc(folded.String(), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	if len(words) > 12 {
		words = words[:12]
	}
	if len(words) == 0 {
		return "book"
	}
	return strings.Join(words, "-")
}

// accented Latin letters and their plain ASCII spelling, rune by rune.
var (
	accented = "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňŉòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżžßæœþð"
	plain    = strings.Split("a a a a a a a a a c c c c c d d e e e e e e e e e g g g g h h i i i i i i i i i j k l l l l l n n n n n o o o o o o o o o r r r s s s s t t t u u u u u u u u u u w y y y z z z ss ae oe th d", " ")
)
