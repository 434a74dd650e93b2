package web

import (
	"fmt"
	"html/template"
	"net/http"

	"itinera"
)

// The help page of statuses: the one vocabulary (itinera.StatusWords),
// kind by kind, so a word means the same on every page.

type statusGroup struct {
	Kind, Heading string
	Words         []itinera.StatusWord
}

func (ui *UI) helpStatuses(w http.ResponseWriter, r *http.Request, s *session) {
	var groups []statusGroup
	words := itinera.StatusWords()
	for _, k := range itinera.StatusKinds() {
		g := statusGroup{Kind: k[0], Heading: k[1]}
		for _, w := range words {
			if w.Kind == k[0] {
				g.Words = append(g.Words, w)
			}
		}
		groups = append(groups, g)
	}
	ui.render(w, r, s, http.StatusOK, "help_statuses", pageInfo{Title: "What the statuses mean"}, groups)
}

// statusBadge shows a status of a kind with its one label; the class
// keeps the stored value, which the styles colour.
func statusBadge(kind string, value any) template.HTML {
	v := fmt.Sprint(value) // the statuses are named string types
	return template.HTML(`<span class="status status-` + template.HTMLEscapeString(v) + `">` +
		template.HTMLEscapeString(itinera.StatusLabel(kind, v)) + `</span>`)
}
