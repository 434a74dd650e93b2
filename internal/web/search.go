package web

import (
	"net/http"
	"net/url"
	"strconv"

	"itinera"
)

// The search box in every signed-in page's header finds the organization's
// programs, people, directory, meetings and messages (the application
// layer's Search); the results are grouped by kind, each a link to its
// page, a page of searchPageSize at a time.

const searchPageSize = 50

type searchView struct {
	Query  string
	Kind   string
	Kinds  []itinera.SearchKind
	Groups []searchGroup
	Total  int
	Page   int
	Prev   string
	Next   string
	Error  string
}

type searchGroup struct {
	Kind  itinera.SearchKind
	Label string
	Hits  []searchHit
}

type searchHit struct {
	Href, Title, Body string
}

func (ui *UI) search(w http.ResponseWriter, r *http.Request, s *session) {
	q := r.URL.Query()
	v := searchView{Query: q.Get("q"), Kind: q.Get("kind"), Kinds: itinera.SearchKinds}
	page, _ := strconv.Atoi(q.Get("page"))
	v.Page = max(page, 1)
	hits, err := ui.app.Search(r.Context(), ui.caller(r, s), v.Query, itinera.SearchKind(v.Kind))
	if itinera.ErrorCode(err) == itinera.EINVALID {
		v.Error, v.Kind = itinera.ErrorFields(err)["kind"], ""
		hits, err = ui.app.Search(r.Context(), ui.caller(r, s), v.Query, "")
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v.Total = len(hits)
	link := func(p int) string {
		u := url.Values{"q": {v.Query}, "page": {strconv.Itoa(p)}}
		if v.Kind != "" {
			u.Set("kind", v.Kind)
		}
		return "/search?" + u.Encode()
	}
	start := min((v.Page-1)*searchPageSize, len(hits))
	end := min(start+searchPageSize, len(hits))
	if end < len(hits) {
		v.Next = link(v.Page + 1)
	}
	if v.Page > 1 {
		v.Prev = link(v.Page - 1)
	}
	edit := s.User.Role.CanEdit()
	for _, h := range hits[start:end] {
		if n := len(v.Groups); n == 0 || v.Groups[n-1].Kind != h.Kind {
			v.Groups = append(v.Groups, searchGroup{Kind: h.Kind, Label: h.Kind.Label()})
		}
		g := &v.Groups[len(v.Groups)-1]
		g.Hits = append(g.Hits, searchHit{Href: hitLink(h, edit), Title: h.Title, Body: clipWords(h.Body, 160)})
	}
	title := "Search"
	if v.Query != "" {
		title = "Search: " + v.Query
	}
	ui.render(w, r, s, http.StatusOK, "search", pageInfo{Title: title}, v)
}

// hitLink is the page of a record found: its edit page for those who may
// edit, else where it is listed.
func hitLink(h itinera.SearchHit, edit bool) string {
	id := itoa(h.RecordID)
	program := "/programs/" + itoa(h.ProgramID)
	switch h.Kind {
	case itinera.SearchProgram:
		return "/programs/" + id
	case itinera.SearchMessage:
		return "/outbox/" + id
	case itinera.SearchVisitor, itinera.SearchInterpreter, itinera.SearchMeeting:
		if edit {
			return "/" + string(h.Kind) + "s/" + id + "/edit"
		}
		return program + "#" + string(h.Kind) + "s"
	case itinera.SearchOrganization, itinera.SearchContact, itinera.SearchPlace:
		if edit {
			return "/" + string(h.Kind) + "s/" + id + "/edit"
		}
		return "/directory#" + string(h.Kind) + "s"
	}
	return "/"
}

// clipWords shortens s to about n characters at a space, with an ellipsis.
func clipWords(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n
	for cut > n/2 && r[cut] != ' ' {
		cut--
	}
	return string(r[:cut]) + " …"
}
