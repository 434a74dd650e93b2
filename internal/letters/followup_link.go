package letters

import (
	"strings"

	"itinera/internal/lang"
)

// FollowUp asks a visitor or a resource, months after a program, what
// followed it, with their personal follow-up link. Like the delegation's
// letters it is written in the program's language for visitors (the
// caller picks the catalog; resources get English); what people typed
// stays as typed.
type FollowUp struct {
	Name    string
	Program string // the program's title
	Dates   string // "5–9 December 2026"
	Months  int
	Link    string
	Expires string // the link's last day, in the catalog's language
	From    Signature
}

// FollowUpSubject is the subject of a follow-up.
func FollowUpSubject(tr *lang.Catalog, program string) string {
	return tr.T("What came of %s?", program)
}

// FollowUpText is the text of a follow-up in tr's language.
func FollowUpText(tr *lang.Catalog, v FollowUp) string {
	var b strings.Builder
	b.WriteString(tr.T("Dear %s,", v.Name) + "\n\n")
	if v.Months == 1 {
		b.WriteString(tr.T("A month ago you took part in \u201c%s\u201d (%s).", v.Program, v.Dates))
	} else {
		b.WriteString(tr.T("%d months ago you took part in \u201c%s\u201d (%s).", v.Months, v.Program, v.Dates))
	}
	b.WriteString(" " + tr.T("We would like to know what came of it: a joint project, a training, an exchange of materials, a publication, a further visit, or nothing yet. It takes a minute:") + "\n\n")
	b.WriteString(v.Link + "\n\n")
	b.WriteString(tr.T("The link is yours alone: no account or password is needed. It works until %s.", v.Expires) + "\n\n")
	b.WriteString(tr.T("With thanks,") + "\n")
	signOff(&b, tr, v.From, "", "")
	return b.String()
}
