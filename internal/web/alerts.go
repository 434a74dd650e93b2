package web

import (
	"net/http"
	"time"

	"itinera"
	"itinera/internal/app"
)

// Notifications: the bell in the header of every page, with the count of
// new ones and the latest few, and the page of them all (/notifications),
// where they are marked read. They come from app.Alerts.

// bellItems is how many notifications the bell's panel lists.
const bellItems = 6

type alertRow struct {
	Text, Path, At, Stamp string
	New                   bool
}

// bellView is what the header's bell shows.
type bellView struct {
	Unread int
	Items  []alertRow // the latest, at most bellItems
	More   bool       // more than Items
	UpTo   string     // the newest listed, RFC 3339: marking read covers what was shown
}

// alertsView is the notifications page.
type alertsView struct {
	Rows   []alertRow
	Unread int
	UpTo   string
}

// alertRows turns the caller's notifications into rows, times in the
// organization's zone.
func (ui *UI) alertRows(r *http.Request, s *session) ([]alertRow, int, string, error) {
	al, err := ui.app.Alerts(r.Context(), ui.caller(r, s))
	if err != nil {
		return nil, 0, "", err
	}
	rows, upTo, err := ui.rowsOf(r, s, al)
	return rows, al.Unread, upTo, err
}

// rowsOf turns al into rows, times in the organization's zone, and the
// newest one's instant.
func (ui *UI) rowsOf(r *http.Request, s *session, al app.Alerts) ([]alertRow, string, error) {
	loc, err := ui.tenantZone(r, s)
	if err != nil {
		return nil, "", err
	}
	rows := make([]alertRow, len(al.Items))
	upTo := ""
	for i, n := range al.Items {
		rows[i] = alertRow{Text: n.Text(), Path: n.Path(), At: n.At.In(loc).Format("Mon 2 Jan 15:04 MST"),
			Stamp: n.At.UTC().Format(time.RFC3339Nano), New: al.New(n)}
		if i == 0 {
			upTo = rows[i].Stamp
		}
	}
	return rows, upTo, nil
}

// bell is the header's bell for s, and a key naming what it shows (""
// when it is nil); nil when it cannot be read (the page is shown without
// it). Its rows are kept by app.BellAlerts's key and the instant the user
// has seen the notifications up to, so a page seldom reads more than that
// key's one row.
func (ui *UI) bell(r *http.Request, s *session) (*bellView, string) {
	b, key, err := ui.bellOf(r, s)
	if err != nil {
		ui.log.WarnContext(r.Context(), "notifications unreadable", "err", err)
		return nil, ""
	}
	return b, key
}

func (ui *UI) bellOf(r *http.Request, s *session) (*bellView, string, error) {
	var rev *itinera.AlertsRevision // read with the session; a session made by this request has none
	if s.Session.Alerts != (itinera.AlertsRevision{}) {
		rev = &s.Session.Alerts
	}
	al, key, err := ui.app.BellAlerts(r.Context(), ui.caller(r, s), rev)
	if err != nil {
		return nil, "", err
	}
	key += ":seen" + al.SeenAt.UTC().Format(time.RFC3339Nano)
	if v, ok := ui.views.Get(key); ok {
		return v.(*bellView), key, nil
	}
	rows, upTo, err := ui.rowsOf(r, s, al)
	if err != nil {
		return nil, "", err
	}
	b := &bellView{Unread: al.Unread, UpTo: upTo, Items: rows, More: len(rows) > bellItems}
	if b.More {
		b.Items = rows[:bellItems]
	}
	ui.views.Put(key, b, 1)
	return b, key, nil
}

func (ui *UI) alertList(w http.ResponseWriter, r *http.Request, s *session) {
	rows, unread, upTo, err := ui.alertRows(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.render(w, r, s, http.StatusOK, "notifications", pageInfo{Title: "Notifications"}, alertsView{Rows: rows, Unread: unread, UpTo: upTo})
}

func (ui *UI) alertsRead(w http.ResponseWriter, r *http.Request, s *session) {
	var upTo time.Time
	if v := r.PostForm.Get("up_to"); v != "" {
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			ui.fail(w, r, s, itinera.Errorf(itinera.EINVALID, "The form could not be read. Reload the page and try again."))
			return
		}
		upTo = t
	}
	if err := ui.app.MarkAlertsRead(r.Context(), ui.caller(r, s), upTo); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, safeNext(r.PostForm.Get("next")), "The notifications are marked as read.")
}
