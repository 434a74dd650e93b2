package api

import (
	"net/http"
	"strings"
	"time"

	"itinera"
	"itinera/internal/requests"
)

// Meeting requests: create (as a draft, or sent at once), send or re-send
// the link, withdraw, list and read. The link's token is never shown: it
// goes only into the e-mail in the outbox.

type requestJSON struct {
	ID        int64              `json:"id"`
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
	j := requestJSON{ID: rq.ID, ProgramID: rq.ProgramID, Meeting: ref{ID: rq.MeetingID, Name: rq.MeetingTitle},
		Contact: ref{ID: rq.ContactID, Name: rq.ContactName}, Status: string(rq.Status), Message: rq.Message,
		Windows: windowsJSON(rq.Windows, loc), ExpiresAt: optInstant(rq.ExpiresAt, loc), SentAt: optInstant(rq.SentAt, loc),
		ViewedAt: optInstant(rq.ViewedAt, loc), Events: []requestEventJSON{}}
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
		j.Events = append(j.Events, requestEventJSON{At: instant(e.At, loc), Kind: e.Kind, Detail: e.Detail})
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

// sender sends requests with links to the configured site, else to the
// host the client called.
func (a *API) sender(r *http.Request) requests.Sender {
	base := strings.TrimRight(a.baseURL, "/")
	if base == "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	return requests.Sender{Services: a.svc, BaseURL: base, Now: a.now}
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
	return a.ok(w, r, map[string][]requestJSON{"requests": mapList(rqs, func(rq itinera.Request) requestJSON {
		return newRequestJSON(rq, loc)
	})})
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
	ctx, f := r.Context(), itinera.FieldErrors{}
	rq := itinera.Request{TenantID: u.TenantID, MeetingID: m.ID, ContactID: in.ContactID, Message: in.Message,
		Windows: parseWindows(f, in.Windows)}
	p.CheckWindows(f, "windows", rq.Windows)
	if in.ExpiresAt != "" {
		t, err := time.Parse(time.RFC3339, in.ExpiresAt)
		switch {
		case err != nil:
			f.Add("expires_at", "Give the expiry as date and time with offset, such as 2026-05-01T00:00:00-05:00.")
		case t.UTC().Year() < itinera.MinYear || t.UTC().Year() > itinera.MaxYear:
			itinera.CheckTime(f, "expires_at", t)
		case !t.After(a.now()):
			f.Add("expires_at", "The expiry must be in the future.")
		default:
			rq.ExpiresAt = t.UTC()
		}
	}
	if _, err := a.checkContact(ctx, u.TenantID, rq.ContactID, f, "contact_id"); err != nil {
		return err
	}
	if rq.ContactID == 0 {
		f.Add("contact_id", "Choose the person to ask.")
	}
	if err := validate("request", f, &rq); err != nil {
		return err
	}
	if err := a.svc.Requests.CreateRequest(ctx, &rq); err != nil {
		return err
	}
	if in.Send {
		if _, err := a.sender(r).Send(ctx, u.TenantID, rq.ID); err != nil {
			return err
		}
	}
	if rq, err = a.svc.Requests.Request(ctx, u.TenantID, rq.ID); err != nil {
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
	if _, err := a.sender(r).Send(r.Context(), u.TenantID, rq.ID); err != nil {
		return err
	}
	if rq, err = a.svc.Requests.Request(r.Context(), u.TenantID, rq.ID); err != nil {
		return err
	}
	return a.ok(w, r, newRequestJSON(rq, p.Location()))
}

func (a *API) withdrawRequest(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	rq, p, err := a.request(r, u)
	if err != nil {
		return err
	}
	if err := a.svc.Requests.WithdrawRequest(r.Context(), u.TenantID, rq.ID); err != nil {
		return err
	}
	if rq, err = a.svc.Requests.Request(r.Context(), u.TenantID, rq.ID); err != nil {
		return err
	}
	return a.ok(w, r, newRequestJSON(rq, p.Location()))
}
