package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// keptPages are the pages answered from a kept copy while nothing they
// show can have changed: lists and records read often (issue 14's big
// organization loads each at 50 connections). Forms are not among them.
var keptPages = map[string]bool{
	"/{$}":                             true,
	"/programs":                        true,
	"/programs/{id}/delegation":        true,
	"/programs/{id}/candidates":        true,
	"/programs/{id}/itinerary":         true,
	"/programs/{id}/itinerary/{date}":  true,
	"/programs/{id}/requests":          true,
	"/programs/{id}/hospitality":       true,
	"/programs/{id}/evenings":          true,
	"/programs/{id}/book-and-releases": true,
	"/programs/{id}/follow-up":         true,
	"/directory":                       true,
	"/organizations/{id}":              true,
	"/visitors/{id}":                   true,
	"/network":                         true,
	"/households":                      true,
	"/outbox":                          true,
	"/admin/audit":                     true,
	"/notifications":                   true,
	"/reports":                         true,
	"/requests/{id}":                   true,
	"/evenings/{id}":                   true,
	"/programs/{id}/ranking":           true,
}

// maxKept is the largest page kept.
const maxKept = 2 << 20

// keptPage answers a GET of a signed-in user's page from the copy made
// for the same session, address, user version and role, while the
// database is in the same state (app.Stamp: no commit at all since, by
// any process on the database; on PostgreSQL another server's commit
// counts once its notification arrives, milliseconds later) and under the
// same key of the header's notifications bell (app.BellAlerts), which
// also names ten seconds of time: what depends on the clock alone (today,
// what is due) is at most ten seconds old, as on the bell itself. A page
// with a flash message, one that sets a cookie, anything but a 200 HTML
// answer, and every page of a process that cannot tell the database's
// state (app.Stamp not ok) are never kept.
func (ui *UI) keptPage(h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, s *session) {
		if r.Method != http.MethodGet || s == nil || s.User.MustChangePassword || hasFlash(r) {
			h(w, r, s)
			return
		}
		stamp, ok := ui.app.Stamp(r.Context()) // before anything is read
		if !ok {
			h(w, r, s)
			return
		}
		_, bkey := ui.bell(r, s)
		if bkey == "" {
			h(w, r, s)
			return
		}
		key := fmt.Sprintf("kept:%s:%s:v%d:%s:%s:%s", s.Session.TokenHash, r.URL.RequestURI(), s.User.Version, s.User.Role, bkey, stamp)
		// Made once however many requests ask at the same moment (a list
		// many officers open after a change, or one reloaded quickly).
		var made *pageRecorder // set when this request made the page
		body, err := ui.cache.Load(key, func() ([]byte, int, error) {
			made = &pageRecorder{header: http.Header{}, status: http.StatusOK}
			h(made, r, s)
			if made.status != http.StatusOK || made.header.Get("Set-Cookie") != "" ||
				!strings.HasPrefix(made.header.Get("Content-Type"), "text/html") || made.body.Len() > maxKept {
				return nil, 0, errNotKept
			}
			body := bytes.Clone(made.body.Bytes())
			return body, len(body), nil
		})
		switch {
		case made != nil:
			made.copyTo(w) // this request made it, kept or not
		case err == nil:
			writeHTML(w, http.StatusOK, body)
		default:
			h(w, r, s) // another request's making could not be kept
		}
	}
}

// errNotKept says a page's answer is not one to keep.
var errNotKept = errors.New("web: answer not kept")

// pageRecorder keeps what a handler answers, to pass on and keep.
type pageRecorder struct {
	header      http.Header
	status      int
	wroteHeader bool
	body        bytes.Buffer
}

func (p *pageRecorder) Header() http.Header { return p.header }

func (p *pageRecorder) WriteHeader(code int) {
	if !p.wroteHeader {
		p.status, p.wroteHeader = code, true
	}
}

func (p *pageRecorder) Write(b []byte) (int, error) {
	p.wroteHeader = true
	return p.body.Write(b)
}

func (p *pageRecorder) copyTo(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range p.header {
		h[k] = v
	}
	w.WriteHeader(p.status)
	_, _ = w.Write(p.body.Bytes())
}
