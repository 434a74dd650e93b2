package api

import (
	"net/http"
	"time"

	"itinera"
)

// The outbox: every e-mail the organization's records caused, with its
// delivery state; a failed one can be queued again.

type outboxJSON struct {
	ID             int64   `json:"id"`
	MessageID      string  `json:"message_id"`
	To             string  `json:"to"`
	Subject        string  `json:"subject"`
	TextBody       string  `json:"text_body"`
	HTMLBody       string  `json:"html_body"`
	Calendar       string  `json:"calendar"`
	CalendarMethod string  `json:"calendar_method"`
	Status         string  `json:"status"`
	Attempts       int     `json:"attempts"`
	LastError      string  `json:"last_error"`
	CreatedAt      string  `json:"created_at"`
	NextAttemptAt  string  `json:"next_attempt_at"`
	SentAt         *string `json:"sent_at"`
}

// newOutboxJSON is the message as a user of role may read it: secret links
// are hidden from viewers (itinera.OutboxMessage.ForRole).
func newOutboxJSON(m itinera.OutboxMessage, role itinera.Role) outboxJSON {
	m = m.ForRole(role)
	j := outboxJSON{ID: m.ID, MessageID: m.MessageID, To: m.To, Subject: m.Subject, TextBody: m.TextBody, HTMLBody: m.HTMLBody,
		Calendar: m.Calendar, CalendarMethod: m.CalendarMethod, Status: string(m.Status), Attempts: m.Attempts,
		LastError: m.LastError, CreatedAt: m.CreatedAt.UTC().Format(time.RFC3339), NextAttemptAt: m.NextAttemptAt.UTC().Format(time.RFC3339)}
	if !m.SentAt.IsZero() {
		s := m.SentAt.UTC().Format(time.RFC3339)
		j.SentAt = &s
	}
	return j
}

func (a *API) listOutbox(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	q := r.URL.Query()
	f := itinera.FieldErrors{}
	status, err := itinera.ParseOutboxStatus(q.Get("status"))
	if err != nil {
		f.Add("status", "Use queued, sending, sent or failed.")
	}
	p, perr := readPaging(r)
	for k, v := range itinera.ErrorFields(perr) {
		f.Add(k, v)
	}
	if err := f.Err("query"); err != nil {
		return err
	}
	// Newest first, a page at a time from the store, from the index after
	// the cursor's last message (keyset); one more than the page tells
	// whether another follows.
	msgs, err := a.svc.Outbox.OutboxMessages(r.Context(), u.TenantID,
		itinera.OutboxFilter{Status: status, Limit: p.limit + 1, After: p.after.Last})
	if err != nil {
		return err
	}
	var next *string
	if len(msgs) > p.limit {
		msgs = msgs[:p.limit]
		c := cursor{Offset: p.after.Offset + p.limit, Last: msgs[len(msgs)-1].ID}.encode()
		next = &c
	}
	return a.ok(w, r, map[string]any{"messages": mapList(msgs, func(m itinera.OutboxMessage) outboxJSON { return newOutboxJSON(m, u.Role) }), "next_cursor": next})
}

func (a *API) getOutbox(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "message")
	if err != nil {
		return err
	}
	m, err := a.svc.Outbox.OutboxMessage(r.Context(), u.TenantID, id)
	if err != nil {
		return err
	}
	return a.ok(w, r, newOutboxJSON(m, u.Role))
}

func (a *API) retryOutbox(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "message")
	if err != nil {
		return err
	}
	m, err := a.app.RetryOutboxMessage(r.Context(), a.caller(r, u), id)
	if err != nil {
		return err
	}
	return a.ok(w, r, newOutboxJSON(m, u.Role))
}
