package api

import (
	"itinera/internal/app"
	"net/http"
	"strings"
	"time"

	"itinera"
)

// Meeting requests: create (as a draft, or sent at once), send or re-send
// the link, withdraw, list and read. The link's token is never shown: it
// goes only into the e-mail in the outbox.

type requestJSON struct {
	ID        int64              `json:"id"`
	Version   int                `json:"version"`
	ProgramID int64              `json:"program_id"`
	Meeting   ref                `json:"meeting"`
	Contact   ref                `json:"contact"`
	Status    string             `json:"status"`
	Message   string             `json:"message"`
	Windows   []windowJSON       `json:"windows"`
	ExpiresAt *string            `json:"expires_at"`
	SentAt    *string            `json:"sent_at"`
	ViewedAt  *string            `json:"viewed_at"`
	Confirmed *windowJSON        `json:"confirmed"`
	Answer    *answerJSON        `json:"answer"`
	Events    []requestEventJSON `json:"events"`
	Counter   *counterJSON       `json:"counter"`
	// Undelivered says why mail to the contact came back; "" if it did not.
	Undelivered string `json:"undelivered"`
}

type counterJSON struct {
	Start     string `json:"start"`
	End       string `json:"end"`
	Comment   string `json:"comment"`
	InboundID *int64 `json:"inbound_id"`
}

type answerJSON struct {
	Kind      string        `json:"kind"`
	Slot      *windowJSON   `json:"slot"`
	Available []windowJSON  `json:"available"`
	Proposed  []windowJSON  `json:"proposed"`
	Reason    string        `json:"reason"`
	Colleague colleagueJSON `json:"colleague"`
	Partners  []string      `json:"partners"`
	Comment   string        `json:"comment"`
	At        string        `json:"at"`
}

type colleagueJSON struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Note  string `json:"note"`
}

type requestEventJSON struct {
	At     string `json:"at"`
	Kind   string `json:"kind"`
	Detail string `json:"detail"`
	Source string `json:"source"`
}

type requestInput struct {
	ContactID int64        `json:"contact_id"`
	Message   string       `json:"message"`
	Windows   []windowJSON `json:"windows"`
	ExpiresAt string       `json:"expires_at"`
	Send      bool         `json:"send"`
}

func optInstant(t time.Time, loc *time.Location) *string {
	if t.IsZero() {
		return nil
	}
	s := instant(t, loc)
	return &s
}

func newRequestJSON(rq itinera.Request, loc *time.Location) requestJSON {
	j := requestJSON{ID: rq.ID, Version: rq.Version, ProgramID: rq.ProgramID, Meeting: ref{ID: rq.MeetingID, Name: rq.MeetingTitle},
		Contact: ref{ID: rq.ContactID, Name: rq.ContactName}, Status: string(rq.Status), Message: rq.Message,
		Windows: windowsJSON(rq.Windows, loc), ExpiresAt: optInstant(rq.ExpiresAt, loc), SentAt: optInstant(rq.SentAt, loc),
		ViewedAt: optInstant(rq.ViewedAt, loc), Events: []requestEventJSON{}, Undelivered: rq.ContactEmailFailing}
	if cp := rq.Counter; cp != nil {
		j.Counter = &counterJSON{Start: instant(cp.At.Start, loc), End: instant(cp.At.End, loc), Comment: cp.Comment}
		if cp.InboundID != 0 {
			j.Counter.InboundID = &cp.InboundID
		}
	}
	if rq.IsConfirmed() {
		j.Confirmed = &windowJSON{Start: instant(rq.Confirmed.Start, loc), End: instant(rq.Confirmed.End, loc)}
	}
	if a := rq.Answer; a != nil {
		aj := &answerJSON{Kind: string(a.Kind), Available: windowsJSON(a.Available, loc), Proposed: windowsJSON(a.Proposed, loc),
			Reason: a.Reason, Colleague: colleagueJSON{Name: a.Colleague.Name, Email: a.Colleague.Email, Note: a.Colleague.Note},
			Partners: list(a.Partners), Comment: a.Comment, At: instant(a.At, loc)}
		if a.Kind == itinera.AnswerAccept {
			aj.Slot = &windowJSON{Start: instant(a.Slot.Start, loc), End: instant(a.Slot.End, loc)}
		}
		j.Answer = aj
	}
	for _, e := range rq.Events {
		j.Events = append(j.Events, requestEventJSON{At: instant(e.At, loc), Kind: e.Kind, Detail: e.Detail, Source: app.AnswerSource(e)})
	}
	return j
}

// request loads the request named by the path and its program.
func (a *API) request(r *http.Request, u itinera.User) (itinera.Request, itinera.Program, error) {
	id, err := pathID(r, "request")
	if err != nil {
		return itinera.Request{}, itinera.Program{}, err
	}
	rq, err := a.svc.Requests.Request(r.Context(), u.TenantID, id)
	if err != nil {
		return rq, itinera.Program{}, err
	}
	p, err := a.svc.Programs.Program(r.Context(), u.TenantID, rq.ProgramID)
	return rq, p, err
}

// caller is who acts through the API, with the site address the links in
// e-mails point to: the configured one, else the host the client called.
func (a *API) caller(r *http.Request, u itinera.User) app.Caller {
	base := strings.TrimRight(a.baseURL, "/")
	if base == "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	return app.Caller{User: u, Site: base}
}

func (a *API) listRequests(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	rqs, err := a.svc.Requests.Requests(r.Context(), u.TenantID, p.ID)
	if err != nil {
		return err
	}
	loc := p.Location()
	return listed(w, r, a, "requests", rqs, func(rq itinera.Request) int64 { return rq.ID }, func(rq itinera.Request) requestJSON {
		return newRequestJSON(rq, loc)
	})
}

func (a *API) createRequest(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	m, p, err := a.meeting(r, u)
	if err != nil {
		return err
	}
	var in requestInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f := itinera.FieldErrors{}
	rq := itinera.Request{TenantID: u.TenantID, MeetingID: m.ID, ContactID: in.ContactID, Message: in.Message,
		Windows: parseWindows(f, in.Windows)}
	if in.ExpiresAt != "" {
		t, err := time.Parse(time.RFC3339, in.ExpiresAt)
		switch {
		case err != nil:
			f.Add("expires_at", "Give the expiry as date and time with offset, such as 2026-05-01T00:00:00-05:00.")
		case t.UTC().Year() < itinera.MinYear || t.UTC().Year() > itinera.MaxYear:
			itinera.CheckTime(f, "expires_at", t)
		default:
			rq.ExpiresAt = t.UTC()
		}
	}
	if len(f) > 0 {
		return validate("request", f, &rq)
	}
	rq, err = a.app.CreateRequest(r.Context(), a.caller(r, u), rq, in.Send)
	if err != nil {
		return err
	}
	return a.created(w, r, location("requests", rq.ID), newRequestJSON(rq, p.Location()))
}

func (a *API) getRequest(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	rq, p, err := a.request(r, u)
	if err != nil {
		return err
	}
	return a.ok(w, r, newRequestJSON(rq, p.Location()))
}

func (a *API) sendRequest(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	rq, p, err := a.request(r, u)
	if err != nil {
		return err
	}
	if rq, err = a.app.SendRequest(r.Context(), a.caller(r, u), rq.ID); err != nil {
		return err
	}
	return a.ok(w, r, newRequestJSON(rq, p.Location()))
}

func (a *API) withdrawRequest(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	rq, p, err := a.request(r, u)
	if err != nil {
		return err
	}
	if rq, err = a.app.WithdrawRequest(r.Context(), a.caller(r, u), rq.ID); err != nil {
		return err
	}
	return a.ok(w, r, newRequestJSON(rq, p.Location()))
}

// unconfirmRequest takes a confirmation back (app.WithdrawConfirmation).
func (a *API) unconfirmRequest(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	return a.requestWithReason(w, r, u, a.app.WithdrawConfirmation)
}
