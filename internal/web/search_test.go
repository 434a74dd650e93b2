package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"itinera"
)

// The search box is in every signed-in page's header, labelled; its page
// finds the organization's records grouped by kind, each a link to its
// page, and never another organization's; whatever is typed answers a page.
func TestSearchPage(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		for _, u := range []itinera.User{e.a.officer, e.a.viewer} {
			c := e.signIn(u)
			_, doc := c.page("/programs", http.StatusOK)
			in := doc.one(t, "header form#site-search[action=/search][method=get] input[name=q]")
			doc.one(t, "header form#site-search label[for="+in.attr("id")+"]")

			_, doc = c.page("/search?q=traff", http.StatusOK)
			var titles []string
			for _, a := range doc.all("section.search-group li a") {
				titles = append(titles, a.Text())
			}
			want := []string{"Combating Trafficking in Persons alpha", "Gateway Human Trafficking alpha"}
			if strings.Join(titles, "|") != strings.Join(want, "|") {
				t.Errorf("%s: traff found %q, want %q", u.Role, titles, want)
			}
			doc.one(t, "section#results-program a[href=/programs/"+itoa(e.a.program.ID)+"]")
			orgLink := "/organizations/" + itoa(e.a.org.ID) + "/edit"
			if u.Role == itinera.RoleViewer {
				orgLink = "/directory#organizations"
			}
			doc.one(t, "section#results-organization a[href="+orgLink+"]")
			if got := doc.one(t, "input#search-page-q").attr("value"); got != "traff" {
				t.Errorf("query not kept: %q", got)
			}

			// One kind; every kind of the fixture by a word of it.
			_, doc = c.page("/search?q=traff&kind=organization", http.StatusOK)
			if doc.has("section#results-program") || !doc.has("section#results-organization") {
				t.Error("kind=organization shows other kinds")
			}
			for q, sec := range map[string]string{"Ana Pereira": "visitor", "lena": "interpreter", "victim services st": "meeting",
				"shima": "contact", "imported hall": "place", "delegation": "message"} {
				_, doc = c.page("/search?q="+url.QueryEscape(q), http.StatusOK)
				if !doc.has("section#results-" + sec + " li a") {
					t.Errorf("%q found no %s", q, sec)
				}
			}
			// The other organization's records never appear.
			_, doc = c.page("/search?q=beta", http.StatusOK)
			if doc.has("section.search-group") {
				t.Errorf("%s found another organization's records: %s", u.Role, doc.one(t, "main").Text())
			}
			// Whatever is typed.
			for _, q := range []string{`"`, `traff*`, "\x00", `NEAR(traff gate)`, strings.Repeat("x", 500), `'; DROP TABLE programs; --`} {
				res, _ := c.get("/search?q=" + url.QueryEscape(q))
				if res.StatusCode != http.StatusOK {
					t.Errorf("%q: status %d", q, res.StatusCode)
				}
			}
			_, doc = c.page("/search?q=traff&kind=people", http.StatusOK)
			doc.one(t, "#search-kind-error")
			_, doc = c.page("/search", http.StatusOK)
			doc.one(t, "#search-empty")
			_, doc = c.page("/search?q=zzzzqqq", http.StatusOK)
			doc.one(t, "#search-none")
		}
	})
}
