package api

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/inbound"
)

// Inbound mail: a received e-mail, posted raw (message/rfc822) the way
// help-desk software takes mail from a mail server's webhook, handed to
// the inbound handler the `itinera inbound` pipe also calls.

type inboundJSON struct {
	ID         int64  `json:"id"`
	MessageID  string `json:"message_id"`
	ReceivedAt string `json:"received_at"`
	From       string `json:"from"`
	Subject    string `json:"subject"`
	Kind       string `json:"kind"`
	Matched    bool   `json:"matched"`
	Outcome    string `json:"outcome"`
	RequestID  *int64 `json:"request_id"`
	OutboxID   *int64 `json:"outbox_id"`
	Changed    bool   `json:"changed"`
	Repeat     bool   `json:"repeat"`
}

func newInboundJSON(res app.InboundResult) inboundJSON {
	m := res.Message
	j := inboundJSON{ID: m.ID, MessageID: m.MessageID, ReceivedAt: m.ReceivedAt.UTC().Format(time.RFC3339), From: m.From,
		Subject: m.Subject, Kind: string(m.Kind), Matched: m.Matched, Outcome: m.Outcome, Changed: res.Changed, Repeat: res.Repeat}
	if m.RequestID != 0 {
		j.RequestID = &m.RequestID
	}
	if m.OutboxID != 0 {
		j.OutboxID = &m.OutboxID
	}
	return j
}

func (a *API) postInbound(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "message/rfc822" {
		return &statusError{status: http.StatusUnsupportedMediaType,
			err: itinera.Errorf(itinera.EINVALID, "Send the raw e-mail (RFC 5322) as the body with Content-Type: message/rfc822.")}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, inbound.MaxBytes))
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return &statusError{status: http.StatusRequestEntityTooLarge,
			err: itinera.Errorf(itinera.EINVALID, "The message is larger than %d MiB.", inbound.MaxBytes>>20)}
	case err != nil:
		return badRequest("The message could not be read: the upload was cut short.")
	}
	res, err := a.app.ReceiveMail(r.Context(), a.caller(r, u), body)
	if err != nil {
		return err
	}
	a.writeJSON(w, r, http.StatusAccepted, newInboundJSON(res))
	return nil
}

// receivedJSON is a received message as the unmatched list and its page
// show it: its plain text only (HTML reduced to text), never rendered.
type receivedJSON struct {
	ID         int64  `json:"id"`
	MessageID  string `json:"message_id"`
	ReceivedAt string `json:"received_at"`
	From       string `json:"from"`
	Subject    string `json:"subject"`
	Kind       string `json:"kind"`
	Matched    bool   `json:"matched"`
	Dismissed  bool   `json:"dismissed"`
	Outcome    string `json:"outcome"`
	RequestID  *int64 `json:"request_id"`
	OutboxID   *int64 `json:"outbox_id"`
	Text       string `json:"text"`
}

func newReceivedJSON(m itinera.InboundMessage) receivedJSON {
	j := receivedJSON{ID: m.ID, MessageID: m.MessageID, ReceivedAt: m.ReceivedAt.UTC().Format(time.RFC3339), From: m.From,
		Subject: m.Subject, Kind: string(m.Kind), Matched: m.Matched, Dismissed: m.Dismissed, Outcome: m.Outcome, Text: m.Text}
	if m.RequestID != 0 {
		j.RequestID = &m.RequestID
	}
	if m.OutboxID != 0 {
		j.OutboxID = &m.OutboxID
	}
	return j
}

func (a *API) listUnmatched(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := readPaging(r)
	if err != nil {
		return err
	}
	page, err := a.app.UnmatchedMail(r.Context(), a.caller(r, u), p.limit+1, p.after.Offset)
	if err != nil {
		return err
	}
	msgs := page.Items
	var next *string
	if len(msgs) > p.limit {
		msgs = msgs[:p.limit]
		c := cursor{Offset: p.after.Offset + p.limit, Last: msgs[len(msgs)-1].ID}.encode()
		next = &c
	}
	return a.ok(w, r, map[string]any{"messages": mapList(msgs, newReceivedJSON), "total": page.Total, "next_cursor": next})
}

func (a *API) getInbound(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "received message")
	if err != nil {
		return err
	}
	m, err := a.app.InboundMessage(r.Context(), a.caller(r, u), id)
	if err != nil {
		return err
	}
	return a.ok(w, r, newReceivedJSON(m))
}

type attachInput struct {
	RequestID int64 `json:"request_id"`
}

func (a *API) attachInbound(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "received message")
	if err != nil {
		return err
	}
	var in attachInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	m, err := a.app.AttachMail(r.Context(), a.caller(r, u), id, in.RequestID)
	if err != nil {
		return err
	}
	return a.ok(w, r, newReceivedJSON(m))
}

func (a *API) dismissInbound(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "received message")
	if err != nil {
		return err
	}
	m, err := a.app.DismissMail(r.Context(), a.caller(r, u), id)
	if err != nil {
		return err
	}
	return a.ok(w, r, newReceivedJSON(m))
}

func (a *API) acceptCounter(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	rq, p, err := a.request(r, u)
	if err != nil {
		return err
	}
	if rq, err = a.app.AcceptCounter(r.Context(), a.caller(r, u), rq.ID); err != nil {
		return err
	}
	return a.ok(w, r, newRequestJSON(rq, p.Location()))
}

type counterDeclineInput struct {
	Comment string `json:"comment"`
}

func (a *API) declineCounter(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	rq, p, err := a.request(r, u)
	if err != nil {
		return err
	}
	var in counterDeclineInput
	if err := decodeOptional(w, r, &in); err != nil {
		return err
	}
	if rq, err = a.app.DeclineCounter(r.Context(), a.caller(r, u), rq.ID, in.Comment); err != nil {
		return err
	}
	return a.ok(w, r, newRequestJSON(rq, p.Location()))
}
