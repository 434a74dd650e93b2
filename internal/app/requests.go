package app

import (
	"context"
	"strings"

	"itinera"
	"itinera/internal/book"
	"itinera/internal/requests"
)

// Meeting requests, the officer's side (create, send, withdraw, confirm,
// decline) and the resource's (open the link, answer).

// CreateRequest makes a request for a meeting; with send it is sent at
// once, in the same transaction: either the request exists and its e-mail
// is queued, or nothing happened.
func (a *App) CreateRequest(ctx context.Context, c Caller, rq itinera.Request, send bool) (itinera.Request, error) {
	if err := mustEdit(c); err != nil {
		return rq, err
	}
	var out itinera.Request
	err := a.inTx(ctx, func(ctx context.Context) error {
		m, err := a.s.Candidates.Meeting(ctx, c.tenant(), rq.MeetingID)
		if err != nil {
			return err
		}
		if m.Status == itinera.MeetingCancelled {
			return itinera.Errorf(itinera.ECONFLICT, "“%s” is cancelled; it cannot be requested.", m.Title)
		}
		others, err := a.s.Requests.Requests(ctx, c.tenant(), m.ProgramID)
		if err != nil {
			return err
		}
		for _, o := range others {
			if o.MeetingID == m.ID && o.IsConfirmed() && o.Status != itinera.RequestWithdrawn {
				return itinera.Errorf(itinera.ECONFLICT, "“%s” is already confirmed with %s; withdraw that confirmation first (on its request's page), or change or cancel the meeting, instead of asking again.",
					m.Title, o.ContactName)
			}
		}
		p, err := a.s.Programs.Program(ctx, c.tenant(), m.ProgramID)
		if err != nil {
			return err
		}
		rq.TenantID, rq.ID = c.tenant(), 0
		f := itinera.FieldErrors{}
		if rq.ContactID == 0 {
			f.Add("contact_id", "Choose the person to ask.")
		} else if _, err := a.checkContact(ctx, c.tenant(), rq.ContactID, f, "contact_id"); err != nil {
			return err
		}
		if len(rq.Windows) == 0 {
			f.Add("windows", "Propose at least one time.")
		}
		p.CheckWindows(f, "windows", rq.Windows)
		if !rq.ExpiresAt.IsZero() && !rq.ExpiresAt.After(a.now()) {
			f.Add("expires_at", "The answer-by date must be in the future.")
		}
		if err := merge(f, rq.Validate(), "request"); err != nil {
			return err
		}
		if err := a.s.Requests.CreateRequest(ctx, &rq); err != nil {
			return err
		}
		if send {
			if err := a.sendRequest(ctx, c, rq.ID); err != nil {
				return err
			}
		}
		if out, err = a.s.Requests.Request(ctx, c.tenant(), rq.ID); err != nil {
			return err
		}
		if err := a.audit(ctx, c.actor(), c.tenant(), "request", actCreate, nil, out); err != nil {
			return err
		}
		return a.auditMeetingStatus(ctx, c.actor(), c.tenant(), m)
	})
	return out, err
}

// sendRequest sends or re-sends a request, with a new link.
func (a *App) sendRequest(ctx context.Context, c Caller, id int64) error {
	if strings.TrimSpace(c.Site) == "" {
		return itinera.Errorf(itinera.EINTERNAL, "app: no site address for the request's link")
	}
	reply, err := a.replyAddress(ctx, c, id)
	if err != nil {
		return err
	}
	_, err = requests.Sender{Services: a.s, BaseURL: c.Site, TTL: a.reqTTL, Now: a.now, ReplyTo: reply}.Send(ctx, c.tenant(), id)
	return err
}

// SendRequest sends a draft, or re-sends a request with a new link (the
// old one stops working).
func (a *App) SendRequest(ctx context.Context, c Caller, id int64) (itinera.Request, error) {
	if err := mustEdit(c); err != nil {
		return itinera.Request{}, err
	}
	var out itinera.Request
	err := a.inTx(ctx, func(ctx context.Context) error {
		rq, err := a.s.Requests.Request(ctx, c.tenant(), id)
		if err != nil {
			return err
		}
		if rq.IsConfirmed() {
			return itinera.Errorf(itinera.ECONFLICT, "This request is confirmed; there is nothing left to ask.")
		}
		before, err := a.requestAndMeeting(ctx, c.tenant(), rq)
		if err != nil {
			return err
		}
		if err := a.sendRequest(ctx, c, id); err != nil {
			return err
		}
		out, err = a.auditRequest(ctx, c.actor(), c.tenant(), "send", before)
		return err
	})
	return out, err
}

// WithdrawRequest ends a request that is not confirmed; its link then says so.
func (a *App) WithdrawRequest(ctx context.Context, c Caller, id int64) (itinera.Request, error) {
	if err := mustEdit(c); err != nil {
		return itinera.Request{}, err
	}
	var out itinera.Request
	err := a.inTx(ctx, func(ctx context.Context) error {
		before, err := a.requestByID(ctx, c.tenant(), id)
		if err != nil {
			return err
		}
		if err := a.s.Requests.WithdrawRequest(ctx, c.tenant(), id); err != nil {
			return err
		}
		out, err = a.auditRequest(ctx, c.actor(), c.tenant(), "withdraw", before)
		return err
	})
	return out, err
}

// WithdrawConfirmation takes a confirmation back: the request is
// withdrawn, the meeting returns to the candidates with the times the
// request proposed, so that it can be requested again, and the resource
// receives the calendar cancellation, with the officer's reason — in one
// transaction.
func (a *App) WithdrawConfirmation(ctx context.Context, c Caller, id int64, reason string) (itinera.Request, error) {
	if err := mustEdit(c); err != nil {
		return itinera.Request{}, err
	}
	f := itinera.FieldErrors{}
	itinera.CheckReason(f, "reason", &reason)
	if err := f.Err("withdrawal"); err != nil {
		return itinera.Request{}, err
	}
	var out itinera.Request
	err := a.inTx(ctx, func(ctx context.Context) error {
		before, err := a.requestByID(ctx, c.tenant(), id)
		if err != nil {
			return err
		}
		rq := before.request
		var notify itinera.CancelNotify
		if rq.IsConfirmed() {
			organizer, err := a.organizer(ctx, c)
			if err != nil {
				return err
			}
			conf, err := requests.LoadConfirmation(ctx, a.r, c.tenant(), rq, organizer, a.now())
			if err != nil {
				return err
			}
			notify = conf.Cancellations
		}
		if err := a.s.Requests.WithdrawConfirmation(ctx, c.tenant(), id, reason, notify); err != nil {
			return err
		}
		out, err = a.auditRequest(ctx, c.actor(), c.tenant(), "unconfirm", before)
		return err
	})
	return out, err
}

// ConfirmRequest fixes the meeting at one of the times the resource gave:
// the meeting is confirmed at exactly that time, moved there in the
// current itinerary (a new version), and the resource receives a calendar
// invitation.
func (a *App) ConfirmRequest(ctx context.Context, c Caller, id int64, at itinera.Window) (itinera.Request, error) {
	if err := mustEdit(c); err != nil {
		return itinera.Request{}, err
	}
	if at.Start.IsZero() || !at.End.After(at.Start) {
		return itinera.Request{}, itinera.FieldErrors{"start": "Choose one of the times the resource gave."}.Err("confirmation")
	}
	brief, err := a.confirmationBrief(ctx, c, id, at)
	if err != nil {
		return itinera.Request{}, err
	}
	var out itinera.Request
	err = a.inTx(ctx, func(ctx context.Context) error {
		rq, err := a.s.Requests.Request(ctx, c.tenant(), id)
		if err != nil {
			return err
		}
		organizer, err := a.organizer(ctx, c)
		if err != nil {
			return err
		}
		conf, err := requests.LoadConfirmation(ctx, a.r, c.tenant(), rq, organizer, a.now())
		if err != nil {
			return err
		}
		conf.Attachments = brief
		before, err := a.requestAndMeeting(ctx, c.tenant(), rq)
		if err != nil {
			return err
		}
		reply, err := a.replyAddress(ctx, c, id)
		if err != nil {
			return err
		}
		if err := a.s.Requests.ConfirmRequest(ctx, c.tenant(), id, at, withReplyTo(reply, conf.Messages)); err != nil {
			return err
		}
		out, err = a.auditRequest(ctx, c.actor(), c.tenant(), "confirm", before)
		return err
	})
	return out, err
}

// DeclineRequest records that the resource declined by phone or e-mail.
func (a *App) DeclineRequest(ctx context.Context, c Caller, id int64, reason string) (itinera.Request, error) {
	if err := mustEdit(c); err != nil {
		return itinera.Request{}, err
	}
	f := itinera.FieldErrors{}
	itinera.CheckReason(f, "reason", &reason)
	if err := f.Err("decline"); err != nil {
		return itinera.Request{}, err
	}
	var out itinera.Request
	err := a.inTx(ctx, func(ctx context.Context) error {
		before, err := a.requestByID(ctx, c.tenant(), id)
		if err != nil {
			return err
		}
		if err := a.s.Requests.DeclineRequest(ctx, c.tenant(), id, reason); err != nil {
			return err
		}
		out, err = a.auditRequest(ctx, c.actor(), c.tenant(), "decline", before)
		return err
	})
	return out, err
}

// OpenRequest is the resource opening their link: the request of the
// token's hash, marked viewed on the first open and expired past its date.
func (a *App) OpenRequest(ctx context.Context, tokenHash string) (itinera.Request, error) {
	return a.s.Requests.RequestByToken(ctx, tokenHash)
}

// AnswerRequest stores (or replaces) the resource's answer.
func (a *App) AnswerRequest(ctx context.Context, tokenHash string, ans itinera.RequestAnswer) (itinera.Request, error) {
	var out itinera.Request
	err := a.inTx(ctx, func(ctx context.Context) error {
		var err error
		if out, err = a.s.Requests.AnswerRequest(ctx, tokenHash, ans); err != nil {
			return err
		}
		if err := a.auditAt(ctx, resourceViaLink, out.TenantID, "request", out.ID, out.ProgramID, "answer", nil,
			map[string]any{"Status": out.Status, "Answer": ans.Kind, "Comment": ans.Comment, "Reason": ans.Reason}); err != nil {
			return err
		}
		m, err := a.s.Candidates.Meeting(ctx, out.TenantID, out.MeetingID)
		if itinera.ErrorCode(err) == itinera.ENOTFOUND {
			return nil
		}
		if err != nil {
			return err
		}
		return a.auditMeetingStatus(ctx, resourceViaLink, out.TenantID, m)
	})
	return out, err
}

// requestBefore is a request and its meeting, before a change of both.
type requestBefore struct {
	request itinera.Request
	meeting itinera.Meeting
}

func (a *App) requestByID(ctx context.Context, tenantID, id int64) (requestBefore, error) {
	rq, err := a.s.Requests.Request(ctx, tenantID, id)
	if err != nil {
		return requestBefore{}, err
	}
	return a.requestAndMeeting(ctx, tenantID, rq)
}

func (a *App) requestAndMeeting(ctx context.Context, tenantID int64, rq itinera.Request) (requestBefore, error) {
	m, err := a.s.Candidates.Meeting(ctx, tenantID, rq.MeetingID)
	return requestBefore{rq, m}, err
}

// auditRequest records the change of a request (and of its meeting's
// status) from before, and returns the request as it is now.
func (a *App) auditRequest(ctx context.Context, who actor, tenantID int64, action string, before requestBefore) (itinera.Request, error) {
	rq, err := a.s.Requests.Request(ctx, tenantID, before.request.ID)
	if err != nil {
		return rq, err
	}
	if err := a.audit(ctx, who, tenantID, "request", action, before.request, rq); err != nil {
		return rq, err
	}
	m, err := a.s.Candidates.Meeting(ctx, tenantID, rq.MeetingID)
	if err != nil {
		return rq, err
	}
	return rq, a.audit(ctx, who, tenantID, "meeting", actUpdate, before.meeting, m)
}

// auditMeetingStatus records the change of a meeting's status that a
// request's workflow made, from m as it was.
func (a *App) auditMeetingStatus(ctx context.Context, who actor, tenantID int64, m itinera.Meeting) error {
	now, err := a.s.Candidates.Meeting(ctx, tenantID, m.ID)
	if err != nil {
		return err
	}
	return a.audit(ctx, who, tenantID, "meeting", actUpdate, m, now)
}

// confirmationBrief is the resource's brief of the meeting at its
// confirmed time, as PDF, to go with the confirmation; none without a
// printer or a request that names no meeting of a program. It is printed
// before the confirmation's transaction.
func (a *App) confirmationBrief(ctx context.Context, c Caller, requestID int64, at itinera.Window) ([]itinera.OutboxAttachment, error) {
	if a.printer == nil {
		return nil, nil
	}
	rq, err := a.r.Requests.Request(ctx, c.tenant(), requestID)
	if err != nil || rq.IsConfirmed() {
		return nil, nil // the transaction says what is wrong
	}
	in, err := a.bookInput(ctx, c.tenant(), rq.ProgramID)
	if err != nil {
		return nil, err
	}
	b, err := book.Build(in, book.Options{Audience: book.Resource, PersonID: rq.MeetingID, Paper: in.Org.PaperSize, At: at})
	if err != nil {
		return nil, err
	}
	r, err := book.Render(b, book.Links{})
	if err != nil {
		return nil, err
	}
	doc, err := a.printer.Print(ctx, r.HTML)
	if err != nil {
		return nil, err
	}
	return []itinera.OutboxAttachment{{Name: book.FileName(b) + ".pdf", ContentType: "application/pdf", Data: doc}}, nil
}

// Effect is what an action would do, said before it is taken.
type Effect struct {
	Text    string // "" when it changes nothing worth saying
	Changes bool   // it moves something the officer did not ask to move
}

// ConfirmEffect says, before anything moves, what confirming a request's
// meeting at each of the times would do to the current itinerary, in the
// officer's words. It follows the rule the confirmation follows
// (itinera.PlaceConfirmed).
func (a *App) ConfirmEffect(ctx context.Context, c Caller, requestID int64, times []itinera.Window) ([]Effect, error) {
	rq, err := a.r.Requests.Request(ctx, c.tenant(), requestID)
	if err != nil {
		return nil, err
	}
	m, err := a.r.Candidates.Meeting(ctx, c.tenant(), rq.MeetingID)
	if err != nil {
		return nil, err
	}
	p, err := a.r.Programs.Program(ctx, c.tenant(), m.ProgramID)
	if err != nil {
		return nil, err
	}
	out := make([]Effect, len(times))
	cur, err := a.r.Itineraries.CurrentItinerary(ctx, c.tenant(), m.ProgramID)
	if itinera.ErrorCode(err) == itinera.ENOTFOUND {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	loc := p.Location()
	for i, at := range times {
		_, idx, what := itinera.PlaceConfirmed(cur.Items, m.ID, at)
		switch what {
		case itinera.PlacementAbsent:
			out[i].Text = "The meeting is not in the itinerary: the next build places it at this time."
		case itinera.PlacementMoved:
			out[i] = Effect{Changes: true, Text: "Moves the meeting in the itinerary from " + cur.Items[idx].Window().Label(loc) +
				" to this time (a new version)."}
		case itinera.PlacementClash:
			out[i] = Effect{Changes: true, Text: "This time overlaps another item: the itinerary keeps the meeting at " +
				cur.Items[idx].Window().Label(loc) + " until you build it again."}
		}
	}
	return out, nil
}
