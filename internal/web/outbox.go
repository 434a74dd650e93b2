package web

import (
	"net/http"
	"strconv"
	"time"

	"itinera"
)

// The outbox shows every e-mail the organization's records caused, queued,
// sent or failed, and lets an officer retry a failed one. Without an SMTP
// server (the demo) messages stay queued here and can be read in full.

const outboxPageSize = 50

type outboxView struct {
	Messages []itinera.OutboxMessage
	Counts   map[itinera.OutboxStatus]string // "12", or "more than 1000"
	Total    string
	Status   string
	Statuses []itinera.OutboxStatus
	MailOn   bool
	Prev     string
	Next     string
	Loc      *time.Location // the organization's zone, for the times shown
}

type outboxMessageView struct {
	M      itinera.OutboxMessage
	MailOn bool
	// LinksHidden says that the message's secret links were hidden from
	// this reader.
	LinksHidden bool
	Loc         *time.Location // the organization's zone
	// Replies are the messages received in answer to it.
	Replies []mailRow
}

func (ui *UI) outboxList(w http.ResponseWriter, r *http.Request, s *session) {
	ctx, tid := r.Context(), s.User.TenantID
	status, err := itinera.ParseOutboxStatus(r.URL.Query().Get("status"))
	if err != nil {
		status = ""
	}
	// Keyset pages: ?after=ID lists the messages older than message ID,
	// ?before=ID the page just newer than it; one more than a page says
	// whether another follows.
	after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	if after > 0 {
		before = 0
	}
	msgs, err := ui.svc.Outbox.OutboxMessages(ctx, tid, itinera.OutboxFilter{Status: status, Limit: outboxPageSize + 1,
		After: max(after, 0), Before: max(before, 0)})
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	counts, err := ui.svc.Outbox.OutboxCounts(ctx, tid)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v := outboxView{Counts: map[itinera.OutboxStatus]string{}, Status: string(status), MailOn: ui.mailOn,
		Statuses: []itinera.OutboxStatus{itinera.OutboxQueued, itinera.OutboxSending, itinera.OutboxSent, itinera.OutboxFailed}}
	total := 0
	for _, st := range v.Statuses {
		v.Counts[st] = countLabel(counts[st])
		total += counts[st]
	}
	v.Total = countLabel(total)
	link := func(dir string, id int64) string {
		q := "/outbox?" + dir + "=" + strconv.FormatInt(id, 10)
		if status != "" {
			q += "&status=" + string(status)
		}
		return q
	}
	more := len(msgs) > outboxPageSize
	if before > 0 {
		// The page just newer than before: an extra message is the newest.
		if more {
			msgs = msgs[1:]
		}
		if len(msgs) > 0 {
			v.Next = link("after", msgs[len(msgs)-1].ID)
			if more {
				v.Prev = link("before", msgs[0].ID)
			}
		}
	} else {
		if more {
			msgs = msgs[:outboxPageSize]
			v.Next = link("after", msgs[len(msgs)-1].ID)
		}
		if after > 0 && len(msgs) > 0 {
			v.Prev = link("before", msgs[0].ID)
		}
	}
	for i := range msgs {
		msgs[i] = msgs[i].ForRole(s.User.Role)
	}
	v.Messages = msgs
	if v.Loc, err = ui.tenantZone(r, s); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.render(w, r, s, http.StatusOK, "outbox", pageInfo{Title: "Outbox", Nav: "outbox"}, v)
}

// countLabel says a count of OutboxCounts.
func countLabel(n int) string {
	if n > itinera.OutboxCountLimit {
		return "more than " + strconv.Itoa(itinera.OutboxCountLimit)
	}
	return strconv.Itoa(n)
}

func (ui *UI) outboxShow(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	m, err := ui.svc.Outbox.OutboxMessage(r.Context(), s.User.TenantID, id)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	shown := m.ForRole(s.User.Role)
	loc, err := ui.tenantZone(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	replies, err := ui.app.RepliesTo(r.Context(), ui.caller(r, s), itinera.InboundFilter{OutboxID: m.ID})
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v := outboxMessageView{M: shown, MailOn: ui.mailOn, LinksHidden: shown.TextBody != m.TextBody || shown.HTMLBody != m.HTMLBody ||
		shown.Calendar != m.Calendar || shown.Subject != m.Subject || shown.LastError != m.LastError, Loc: loc}
	for _, x := range replies {
		v.Replies = append(v.Replies, newMailRow(x, loc))
	}
	ui.render(w, r, s, http.StatusOK, "outbox_message",
		pageInfo{Title: shown.Subject, Nav: "outbox", Crumbs: []crumb{{Href: "/outbox", Label: "Outbox"}}}, v)
}

func (ui *UI) outboxRetry(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	if _, err := ui.app.RetryOutboxMessage(r.Context(), ui.caller(r, s), id); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, "/outbox/"+itoa(id), "The message is queued again.")
}

// outboxFile answers one file of a message, as it will be sent.
func (ui *UI) outboxFile(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	m, err := ui.svc.Outbox.OutboxMessage(r.Context(), s.User.TenantID, id)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 0 || n >= len(m.Attachments) {
		ui.fail(w, r, s, notFound)
		return
	}
	a := m.Attachments[n]
	h := w.Header()
	h.Set("Content-Type", a.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(a.Data)))
	h.Set("Content-Disposition", `attachment; filename="`+a.Name+`"`)
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(a.Data)
}

// sizeLabel writes a file's size the way people read it: "840 bytes",
// "12 KB", "1.4 MB".
func sizeLabel(n int) string {
	switch {
	case n < 1000:
		return strconv.Itoa(n) + " bytes"
	case n < 1000*1000:
		return strconv.Itoa((n+500)/1000) + " KB"
	}
	return strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + " MB"
}
