package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"itinera"
	"itinera/internal/ical"
	"itinera/internal/inbound"
	"itinera/internal/planning"
	"itinera/internal/requests"
)

// Answers that come by e-mail (issue 17): a counter-proposal from the
// resource's calendar, kept on the request until the officer accepts it
// (the meeting moves there, by the rules of a move, and the resource gets
// the updated invitation) or declines it (DECLINECOUNTER); a plain reply
// put on the request's history; a bounce that marks the address failing;
// and the officer's unmatched mail, attached to a request or dismissed.

// Where an answer came from, as the request board and the meeting show it.
const (
	SourceCalendar = "calendar"
	SourceEmail    = "e-mail"
	SourceLink     = "link"
)

// AnswerSource says how a history entry of a request reached Itinera:
// from the resource's calendar application, by e-mail, or from their
// personal link; "" for the officer's own steps.
func AnswerSource(e itinera.RequestEvent) string {
	switch e.Kind {
	case EventCalendarAnswer, itinera.EventCounter:
		return SourceCalendar
	case itinera.EventMailReply, itinera.EventUndelivered:
		return SourceEmail
	case itinera.EventAccepted, itinera.EventTicked, itinera.EventProposed, itinera.EventColleague, itinera.EventPartners:
		return SourceLink
	case itinera.EventDeclined:
		if strings.Contains(e.Detail, "calendar application") {
			return SourceCalendar
		}
		return SourceLink
	}
	return ""
}

// inboundCounter keeps an iMIP COUNTER on the confirmed request it is
// about; after stores it once the message has its id.
func (a *App) inboundCounter(ctx context.Context, c Caller, p *inbound.Message, r ical.Reply, rec *itinera.InboundMessage) (func(int64) error, error) {
	if r.Attendee == "" {
		r.Attendee = p.From // a COUNTER listing every attendee is the sender's
	}
	m, rq, why, err := a.answeredRequest(ctx, c, r)
	if err != nil {
		return nil, err
	}
	if why == "" && (!rq.IsConfirmed() || rq.Status == itinera.RequestWithdrawn) {
		why = "the meeting is not confirmed, so there is no invitation to move."
	}
	if rq != nil {
		rec.RequestID = rq.ID
	}
	if why != "" {
		rec.Outcome = "Not matched: " + why + " Nothing changed."
		return nil, nil
	}
	rec.Matched = true
	p0, err := a.s.Programs.Program(ctx, c.tenant(), m.ProgramID)
	if err != nil {
		return nil, err
	}
	loc := p0.Location()
	at := itinera.Window{Start: r.CounterStart.UTC(), End: r.CounterEnd.UTC()}
	who := rq.ContactName
	if who == "" {
		who = r.Attendee
	}
	detail := "Proposed " + at.Label(loc) + " instead of " + rq.Confirmed.Label(loc) + " in their calendar application (" + r.Attendee + ")."
	if r.Comment != "" {
		detail += " They wrote: “" + clipText(r.Comment, 500) + "”"
	}
	rec.Outcome = who + " proposed a new time, " + at.Label(loc) + ": kept on the request for the officer to accept or decline; the officer was told."
	return func(inboundID int64) error {
		cp := itinera.CounterProposal{At: at, Comment: clipText(r.Comment, 1000), InboundID: inboundID}
		if err := a.s.Inbound.SetCounter(ctx, c.tenant(), rq.ID, cp, itinera.RequestEvent{At: a.now().UTC(),
			Kind: itinera.EventCounter, Detail: clipText(detail, 1500)}); err != nil {
			return err
		}
		return a.tellOfficer(ctx, c, "New time proposed: "+m.Title+" ("+who+")",
			who+" proposed "+at.Label(loc)+" for “"+m.Title+"” instead of "+rq.Confirmed.Label(loc)+
				", from their calendar application ("+r.Attendee+").\n\nAccept or decline it on the request: /requests/"+
				strconv.FormatInt(rq.ID, 10)+"\n")
	}, nil
}

// inboundPlainReply puts a reply to one of the request's e-mails on its
// history: the text the sender wrote, with their quote and signature
// folded away. Nothing is read into the words.
func (a *App) inboundPlainReply(ctx context.Context, c Caller, p *inbound.Message, rec *itinera.InboundMessage) (func(int64) error, error) {
	reply, _ := inbound.Fold(p.Text)
	if reply == "" {
		reply = "(no text)"
	}
	rec.Matched = true
	rec.Outcome = "A reply by e-mail: put on the request's history; the officer was told."
	who := p.FromName
	if who == "" {
		who = p.From
	}
	return func(int64) error {
		return a.s.Inbound.AddRequestEvent(ctx, c.tenant(), rec.RequestID, itinera.RequestEvent{At: a.now().UTC(),
			Kind: itinera.EventMailReply, Detail: clipText(who+" wrote: “"+reply+"”", 2000)})
	}, nil
}

// AcceptCounter accepts the resource's counter-proposal: the confirmed
// meeting moves to the proposed time — checked by the rules of a move in
// the current itinerary (MoveItem), the proposed time becoming the
// meeting's window — and the resource is sent the updated invitation
// (METHOD:REQUEST, the same UID, a raised SEQUENCE), in one transaction.
func (a *App) AcceptCounter(ctx context.Context, c Caller, id int64) (itinera.Request, error) {
	if err := mustEdit(c); err != nil {
		return itinera.Request{}, err
	}
	var out itinera.Request
	err := a.inTx(ctx, func(ctx context.Context) error {
		before, err := a.requestByID(ctx, c.tenant(), id)
		if err != nil {
			return err
		}
		rq := before.request
		if err := counterWaits(rq); err != nil {
			return err
		}
		at := rq.Counter.At
		p, err := a.s.Programs.Program(ctx, c.tenant(), rq.ProgramID)
		if err != nil {
			return err
		}
		f := itinera.FieldErrors{}
		p.CheckWindows(f, "start", []itinera.Window{at})
		if err := f.Err("new time"); err != nil {
			return err
		}
		if err := a.checkCounterMove(ctx, c, rq, at); err != nil {
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
		loc := p.Location()
		e := itinera.RequestEvent{At: a.now().UTC(), Kind: itinera.EventCounterAccepted,
			Detail: "Moved from " + rq.Confirmed.Label(loc) + " to " + at.Label(loc) + " as the resource proposed; they were sent the updated invitation."}
		reply, err := a.replyAddress(ctx, c, id)
		if err != nil {
			return err
		}
		if err := a.s.Inbound.MoveConfirmed(ctx, c.tenant(), id, at, e, withReplyTo(reply, conf.Messages)); err != nil {
			return err
		}
		out, err = a.auditRequest(ctx, c.actor(), c.tenant(), "accept new time", before)
		return err
	})
	return out, err
}

// checkCounterMove holds the rules of moving the meeting by hand, when it
// is in the current itinerary: the day's order, travel, lunch and limits.
func (a *App) checkCounterMove(ctx context.Context, c Caller, rq itinera.Request, at itinera.Window) error {
	in, err := planning.Load(ctx, a.r, c.tenant(), rq.ProgramID)
	if err != nil || in.Current == nil {
		return err
	}
	key := "m" + strconv.FormatInt(rq.MeetingID, 10)
	idx := -1
	for i, x := range in.Current.Items {
		if x.MeetingID == rq.MeetingID {
			idx = i
		}
	}
	if idx < 0 {
		return nil // not in the itinerary: nothing of the day to keep
	}
	// The resource proposed the time: it is the meeting's window now, and
	// the meeting takes the length they proposed.
	for i := range in.Meetings {
		if in.Meetings[i].ID == rq.MeetingID {
			in.Meetings[i].Windows = []itinera.Window{at}
		}
	}
	items := append([]itinera.ItineraryItem(nil), in.Current.Items...)
	x := &items[idx]
	if x.Start.Equal(at.Start) {
		if x.End.Equal(at.End) {
			return nil // nothing moves
		}
		// The same start, another length: checked as a move from a
		// minute before, so that the day's rules see the new end.
		x.Start = x.Start.Add(-time.Minute)
	}
	x.End = x.Start.Add(at.End.Sub(at.Start))
	cur := *in.Current
	cur.Items = items
	in.Current = &cur
	a.roads(ctx, &in)
	mc, err := planning.CheckMove(in, key, at.Start)
	if err != nil {
		return err
	}
	if !mc.OK {
		return &itinera.Error{Code: itinera.EINVALID, Fields: map[string]string{"start": mc.Explanation},
			Message: "The proposed time does not fit the itinerary: " + mc.Explanation}
	}
	return nil
}

// DeclineCounter declines the resource's counter-proposal: the meeting
// stays at its confirmed time and the resource is told so, with the
// officer's comment, by an iMIP DECLINECOUNTER.
func (a *App) DeclineCounter(ctx context.Context, c Caller, id int64, comment string) (itinera.Request, error) {
	if err := mustEdit(c); err != nil {
		return itinera.Request{}, err
	}
	f := itinera.FieldErrors{}
	itinera.CheckReason(f, "comment", &comment)
	if err := f.Err("answer"); err != nil {
		return itinera.Request{}, err
	}
	var out itinera.Request
	err := a.inTx(ctx, func(ctx context.Context) error {
		before, err := a.requestByID(ctx, c.tenant(), id)
		if err != nil {
			return err
		}
		rq := before.request
		if err := counterWaits(rq); err != nil {
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
		msgs, err := conf.DeclineCounter(rq, rq.Counter.At, comment)
		if err != nil {
			return err
		}
		reply, err := a.replyAddress(ctx, c, id)
		if err != nil {
			return err
		}
		for i := range msgs {
			msgs[i].ReplyTo = reply
		}
		loc := conf.Calendar.Program.Location()
		detail := "Declined " + rq.Counter.At.Label(loc) + "; the meeting stays on " + rq.Confirmed.Label(loc) + "."
		if comment != "" {
			detail += " “" + comment + "”"
		}
		if err := a.s.Inbound.ClearCounter(ctx, c.tenant(), id, itinera.RequestEvent{At: a.now().UTC(),
			Kind: itinera.EventCounterDeclined, Detail: clipText(detail, 2000)}, msgs); err != nil {
			return err
		}
		out, err = a.auditRequest(ctx, c.actor(), c.tenant(), "decline new time", before)
		return err
	})
	return out, err
}

func counterWaits(rq itinera.Request) error {
	switch {
	case rq.Counter == nil:
		return itinera.Errorf(itinera.ECONFLICT, "No proposed time waits on this request: it was accepted or declined already.")
	case !rq.IsConfirmed() || rq.Status == itinera.RequestWithdrawn:
		return itinera.Errorf(itinera.ECONFLICT, "This meeting is no longer confirmed: request it again instead.")
	}
	return nil
}

// UnmatchedMail is one page of the received messages tied to no record
// of the organization and not dismissed, newest first.
func (a *App) UnmatchedMail(ctx context.Context, c Caller, limit, offset int) (itinera.InboundPage, error) {
	if err := mustSignIn(c); err != nil {
		return itinera.InboundPage{}, err
	}
	return a.s.Inbound.FindInbound(ctx, c.tenant(), itinera.InboundFilter{Unmatched: true, Limit: limit, Offset: offset})
}

// RepliesTo lists the received messages about a request or answering a
// sent message (at most 100).
func (a *App) RepliesTo(ctx context.Context, c Caller, f itinera.InboundFilter) ([]itinera.InboundMessage, error) {
	if err := mustSignIn(c); err != nil {
		return nil, err
	}
	f.Unmatched, f.Limit, f.Offset = false, 100, 0
	if f.RequestID == 0 && f.OutboxID == 0 {
		return nil, itinera.Errorf(itinera.EINVALID, "Name a request or a sent message.")
	}
	page, err := a.s.Inbound.FindInbound(ctx, c.tenant(), f)
	return page.Items, err
}

// InboundMessage returns one received message.
func (a *App) InboundMessage(ctx context.Context, c Caller, id int64) (itinera.InboundMessage, error) {
	if err := mustSignIn(c); err != nil {
		return itinera.InboundMessage{}, err
	}
	return a.s.Inbound.InboundMessage(ctx, c.tenant(), id)
}

// DismissMail puts a received message aside: it leaves the unmatched list.
func (a *App) DismissMail(ctx context.Context, c Caller, id int64) (itinera.InboundMessage, error) {
	if err := mustEdit(c); err != nil {
		return itinera.InboundMessage{}, err
	}
	var out itinera.InboundMessage
	err := a.inTx(ctx, func(ctx context.Context) error {
		if _, err := a.s.Inbound.InboundMessage(ctx, c.tenant(), id); err != nil {
			return err
		}
		if err := a.s.Inbound.DismissInbound(ctx, c.tenant(), id); err != nil {
			return err
		}
		var err error
		out, err = a.s.Inbound.InboundMessage(ctx, c.tenant(), id)
		return err
	})
	return out, err
}

// AttachMail ties a received message to one of the organization's
// requests: its text goes on the request's history (quote and signature
// folded), as a reply by e-mail would.
func (a *App) AttachMail(ctx context.Context, c Caller, id, requestID int64) (itinera.InboundMessage, error) {
	if err := mustEdit(c); err != nil {
		return itinera.InboundMessage{}, err
	}
	var out itinera.InboundMessage
	err := a.inTx(ctx, func(ctx context.Context) error {
		m, err := a.s.Inbound.InboundMessage(ctx, c.tenant(), id)
		if err != nil {
			return err
		}
		if requestID <= 0 {
			return itinera.FieldErrors{"request_id": "Choose the request the message is about."}.Err("attachment")
		}
		if m.Matched && m.RequestID != 0 {
			return itinera.Errorf(itinera.ECONFLICT, "This message is already tied to a request.")
		}
		if _, err := a.s.Requests.Request(ctx, c.tenant(), requestID); itinera.ErrorCode(err) == itinera.ENOTFOUND {
			return itinera.FieldErrors{"request_id": "That request does not exist, or it belongs to another organization."}.Err("attachment")
		} else if err != nil {
			return err
		}
		reply, _ := inbound.Fold(m.Text)
		if reply == "" {
			reply = "(no text)"
		}
		if err := a.s.Inbound.AttachInbound(ctx, c.tenant(), id, requestID,
			"Attached to the request by "+c.actor().name+"; its text is on the request's history."); err != nil {
			return err
		}
		if err := a.s.Inbound.AddRequestEvent(ctx, c.tenant(), requestID, itinera.RequestEvent{At: a.now().UTC(),
			Kind: itinera.EventMailReply, Detail: clipText(orDash(m.From)+" wrote (attached by "+c.actor().name+"): “"+reply+"”", 2000)}); err != nil {
			return err
		}
		out, err = a.s.Inbound.InboundMessage(ctx, c.tenant(), id)
		return err
	})
	return out, err
}

// markUndelivered: a hard bounce of a request's message marks the
// contact's address failing and puts "undelivered" on the request's
// history.
func (a *App) markUndelivered(ctx context.Context, c Caller, o itinera.OutboxMessage, why string, at time.Time) error {
	if o.RequestID == 0 {
		return nil
	}
	rq, err := a.s.Requests.Request(ctx, c.tenant(), o.RequestID)
	if itinera.ErrorCode(err) == itinera.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	if err := a.s.Inbound.MarkContactFailing(ctx, c.tenant(), rq.ContactID, clipText(why, 600)); err != nil {
		return err
	}
	return a.s.Inbound.AddRequestEvent(ctx, c.tenant(), rq.ID, itinera.RequestEvent{At: at, Kind: itinera.EventUndelivered,
		Detail: clipText("“"+o.Subject+"” to "+o.To+" came back. "+why, 1500)})
}
