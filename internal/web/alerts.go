package web

import (
	"net/http"
	"time"

	"itinera"
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
	loc, err := ui.tenantZone(r, s)
	if err != nil {
		return nil, 0, "", err
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
	return rows, al.Unread, upTo, nil
}

// bell is the header's bell for s; nil when it cannot be read (the page
// is shown without it).
func (ui *UI) bell(r *http.Request, s *session) *bellView {
	rows, unread, upTo, err := ui.alertRows(r, s)
	if err != nil {
		ui.log.WarnContext(r.Context(), "notifications unreadable", "err", err)
		return nil
	}
	b := &bellView{Unread: unread, UpTo: upTo, Items: rows, More: len(rows) > bellItems}
	if b.More {
		b.Items = rows[:bellItems]
	}
	return b
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
