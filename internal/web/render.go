package web

import (
	"bytes"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"itinera"
	"itinera/internal/app"
)

//go:embed templates
var templateFS embed.FS

// pageInfo is what every page says about itself.
type pageInfo struct {
	Title  string  // the <title> and the page's h1
	Nav    string  // which main navigation entry is current: "programs" or "directory"
	Crumbs []crumb // the way back, outermost first
}

type crumb struct{ Href, Label string }

// page is the value every template executes with.
type page struct {
	pageInfo
	User    *itinera.User
	CSRF    string
	CanEdit bool
	Flash   string
	Bell    *bellView // the header's notifications; nil when signed out
	Path    string    // the page's own path, where marking read returns
	D       any       // the page's own data
}

// visitorNeeds sums up what hosts must know: diets, allergies, access.
func visitorNeeds(v itinera.Visitor) string {
	var parts []string
	if len(v.Diets) > 0 {
		parts = append(parts, strings.Join(v.Diets, ", "))
	}
	if len(v.Allergies) > 0 {
		parts = append(parts, "allergies: "+strings.Join(v.Allergies, ", "))
	}
	if v.AccessNeeds != "" {
		parts = append(parts, v.AccessNeeds)
	}
	return strings.Join(parts, "; ")
}

// pageSet is every page's template. The layout and partials are parsed
// once; a page's own copy of them (html/template needs one per page, as
// every page defines "content") is made the first time the page is shown,
// so a server holds only the pages people use: the copies of all of them
// were 12 MB of an idle server's 25 MB heap (issue 14). Every page is
// parsed once at start, so a broken template still stops the server then.
type pageSet struct {
	base  *template.Template
	files map[string]string // page name -> file
	mu    sync.Mutex        // held while a page is made
	made  sync.Map          // page name -> *template.Template
}

// parsePages parses the layout and partials, and checks every page.
func parsePages(assets *assetSet) (*pageSet, error) {
	funcs := template.FuncMap{
		"asset":       assets.path,
		"join":        func(xs []string) string { return strings.Join(xs, ", ") },
		"date":        dateLabel,
		"plural":      plural,
		"needs":       visitorNeeds,
		"hours":       hoursLabel,
		"travelLabel": travelLabel,
		// downloads gives the "downloads" template its links.
		"downloads":     newDownloadLinks,
		"bookKinds":     bookKinds,
		"bytes":         sizeLabel,
		"status":        statusBadge,
		"inZone":        timeLabel,
		"inProgram":     func(t time.Time, p itinera.Program) string { return timeLabel(t, p.Location()) },
		"zones":         zoneNames,
		"dayColumn":     dayColumn,
		"dayNumber":     dayNumber,
		"calendar":      itinera.CalendarMethodLabel,
		"countryAnchor": countryAnchor,
		"money":         app.Money,
	}
	base, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	ps := &pageSet{base: base, files: map[string]string{}}
	for _, n := range names {
		if _, err := ps.parse(n); err != nil {
			return nil, err
		}
		ps.files[strings.TrimSuffix(path.Base(n), ".html")] = n
	}
	return ps, nil
}

// parse makes a page's template from its file on a copy of the layout.
func (ps *pageSet) parse(file string) (*template.Template, error) {
	t, err := ps.base.Clone()
	if err != nil {
		return nil, err
	}
	if t, err = t.ParseFS(templateFS, file); err != nil {
		return nil, fmt.Errorf("web: parse %s: %w", file, err)
	}
	if t.Lookup("content") == nil {
		return nil, fmt.Errorf("web: %s defines no \"content\"", file)
	}
	return t, nil
}

// page returns the named page's template, made on first use.
func (ps *pageSet) page(name string) (*template.Template, bool) {
	if t, ok := ps.made.Load(name); ok {
		return t.(*template.Template), true
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if t, ok := ps.made.Load(name); ok {
		return t.(*template.Template), true
	}
	file, ok := ps.files[name]
	if !ok {
		return nil, false
	}
	t, err := ps.parse(file) // parsed without error at start
	if err != nil {
		return nil, false
	}
	ps.made.Store(name, t)
	return t, true
}

// render writes the named page with status. It renders into a buffer first,
// so a template failure becomes a clean 500 rather than half a page.
func (ui *UI) render(w http.ResponseWriter, r *http.Request, s *session, status int, name string, info pageInfo, data any) {
	ui.renderWith(w, r, s, status, name, info, data, nil)
}

// renderWith is render with the header's bell already read (nil: render
// reads it). It returns the body it wrote, nil when it wrote an error.
func (ui *UI) renderWith(w http.ResponseWriter, r *http.Request, s *session, status int, name string, info pageInfo, data any, bell *bellView) []byte {
	t, ok := ui.pages.page(name)
	if !ok {
		ui.log.ErrorContext(r.Context(), "no such page template", "page", name)
		http.Error(w, itinera.ErrorMessage(nil), http.StatusInternalServerError)
		return nil
	}
	p := page{pageInfo: info, D: data, Flash: ui.takeFlash(w, r)}
	if s != nil {
		p.User, p.CSRF, p.CanEdit = &s.User, s.CSRFToken, s.User.Role.CanEdit()
		if !s.User.MustChangePassword {
			if p.Bell = bell; bell == nil {
				p.Bell, _ = ui.bell(r, s)
			}
		}
		if r.Method == http.MethodGet {
			p.Path = r.URL.RequestURI()
		}
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		ui.log.ErrorContext(r.Context(), "render page", "page", name, "err", err)
		http.Error(w, itinera.ErrorMessage(err), http.StatusInternalServerError)
		return nil
	}
	body := buf.Bytes()
	writeHTML(w, status, body)
	return body
}

// writeHTML writes a rendered page.
func writeHTML(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(body))) // one write, not chunks
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// hasFlash reports whether the request carries a flash message to show
// once (such a page is never answered from a kept one).
func hasFlash(r *http.Request) bool {
	_, err := r.Cookie(flashCookie)
	return err == nil
}

// flashCookie carries a one-time message across a redirect.
const flashCookie = "itinera_flash"

// flash sets the message the next page shows once.
func (ui *UI) flash(w http.ResponseWriter, msg string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: base64.RawURLEncoding.EncodeToString([]byte(msg)),
		Path: "/", HttpOnly: true, Secure: ui.secure, SameSite: http.SameSiteLaxMode, MaxAge: 120})
}

// takeFlash returns the pending message, if any, and clears it.
func (ui *UI) takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: ui.secure, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	b, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil || !utf8.Valid(b) || len(b) > 300 {
		return ""
	}
	return string(b)
}

// redirect ends a successful write: flash a message, go to target.
func (ui *UI) redirect(w http.ResponseWriter, r *http.Request, target, msg string) {
	if msg != "" {
		ui.flash(w, msg)
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}
