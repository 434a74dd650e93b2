package paper

import "html/template"

// ThankYou is a thank-you letter on the organization's letterhead.
type ThankYou struct {
	Org     Letterhead
	Date    string // "4 December 2026"
	To      string // the person's name
	Subject string
	Body    string // the letter as drafted, paragraphs split by blank lines
	Paper   string
	Links   Links
}

// RenderThankYou writes the letter as one HTML document.
func RenderThankYou(l ThankYou) (Rendered, error) {
	style := pageStyle(l.Paper, l.Org.Name, "") + paperCSS
	return render(letterTmpl, struct {
		ThankYou
		Style template.CSS
	}{l, template.CSS(style)}, style)
}
