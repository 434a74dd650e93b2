package app

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"itinera"
	"itinera/internal/ical"
	"itinera/internal/inbound"
)

// Inbound mail (issue 17, first step): one handler for every message that
// comes back to the organization, whichever way it arrives (the
// `itinera inbound` pipe, POST /api/v1/inbound). It records each message
// once (by Message-ID) and acts on what it understands through the
// workflows the officer uses, in one transaction:
//
//   - an iMIP REPLY to an invitation Itinera sent (the meeting's UID, the
//     request's contact as ATTENDEE): ACCEPTED and TENTATIVE go on the
//     request's history; DECLINED declines the request (or takes its
//     confirmation back, when it was confirmed) and tells the officer;
//   - a delivery status notification about a message Itinera sent: the
//     message is marked failed, with the status and diagnostic;
//   - an automatic reply: recorded, nothing changes;
//   - anything else: kept for the officer to read, linked to the sent
//     message (and its request) it answers.

// InboundResult is what the handler made of a message.
type InboundResult struct {
	Message itinera.InboundMessage
	// Repeat: the message was received before; nothing was done again.
	Repeat bool
	// Changed says whether a record changed (a request, a sent message).
	Changed bool
}

// EventCalendarAnswer is the history entry of an answer that came from
// the resource's calendar application.
const EventCalendarAnswer = "answered in calendar"

// ReceiveMail records and acts on one raw RFC 5322 message received by
// the caller's organization.
func (a *App) ReceiveMail(ctx context.Context, c Caller, raw []byte) (InboundResult, error) {
	if err := mustEdit(c); err != nil {
		return InboundResult{}, err
	}
	if a.s.Inbound == nil {
		return InboundResult{}, itinera.Errorf(itinera.EINTERNAL, "inbound mail is not configured")
	}
	switch {
	case len(bytes.TrimSpace(raw)) == 0:
		return InboundResult{}, itinera.FieldErrors{"message": "The message is empty: send the raw e-mail (RFC 5322), headers and body."}.Err("inbound message")
	case len(raw) > inbound.MaxBytes:
		return InboundResult{}, itinera.FieldErrors{"message": fmt.Sprintf("The message is larger than %d MiB.", inbound.MaxBytes>>20)}.Err("inbound message")
	}
	p, err := inbound.Parse(raw)
	if err != nil {
		return InboundResult{}, itinera.FieldErrors{"message": "This is not an e-mail message: it needs a header (From:, Subject:, …), a blank line and a body."}.Err("inbound message")
	}
	if old, err := a.s.Inbound.InboundByMessageID(ctx, c.tenant(), p.MessageID); err == nil {
		return InboundResult{Message: old, Repeat: true}, nil
	} else if itinera.ErrorCode(err) != itinera.ENOTFOUND {
		return InboundResult{}, err
	}
	if p.Attachments > inbound.MaxAttachments {
		return InboundResult{}, itinera.FieldErrors{"message": fmt.Sprintf("The message has %d attached files; at most %d are taken.", p.Attachments, inbound.MaxAttachments)}.Err("inbound message")
	}
	st, err := a.s.Settings.Settings(ctx, c.tenant())
	if err != nil {
		return InboundResult{}, err
	}
	own := []string{st.MailFromAddress}
	if a.s.Mailboxes != nil {
		// The IMAP mailbox's user name, when it is an address, is the
		// organization's too.
		if mb, err := a.s.Mailboxes.Mailbox(ctx, c.tenant()); err == nil && strings.Contains(mb.Username, "@") {
			own = append(own, mb.Username)
		} else if err != nil && itinera.ErrorCode(err) != itinera.ENOTFOUND {
			return InboundResult{}, err
		}
	}
	var out InboundResult
	err = a.inTx(ctx, func(ctx context.Context) error {
		out = InboundResult{Message: itinera.InboundMessage{TenantID: c.tenant(), MessageID: p.MessageID, ReceivedAt: a.now().UTC(),
			From: p.From, Subject: p.Subject, Text: p.Text}}
		rec := &out.Message
		var err error
		var after func(inboundID int64) error // what needs the message's id
		switch reply, calErr := calendarAnswer(p); {
		case !forUs(own, p):
			// Recorded (so the sender's server is not told to retry),
			// put aside and never acted on.
			rec.Kind, rec.Dismissed = itinera.InboundMail, true
			rec.Outcome = "Not for this organization: it was sent to " + clipText(strings.Join(p.Recipients, ", "), 300) +
				", not to " + st.MailFromAddress + ". Recorded and put aside; nothing changed."
		case p.Report != nil:
			rec.Kind = itinera.InboundBounce
			out.Changed, err = a.inboundBounce(ctx, c, p, rec)
		case reply != nil && reply.Method == ical.MethodCounter:
			rec.Kind = itinera.InboundCalendarOther
			after, err = a.inboundCounter(ctx, c, p, *reply, rec)
			out.Changed = after != nil
		case reply != nil:
			rec.Kind = itinera.InboundCalendarReply
			out.Changed, err = a.inboundReply(ctx, c, p, *reply, rec)
		case p.AutoReply:
			rec.Kind = itinera.InboundAutoReply
			err = a.linkAnswered(ctx, c, p, rec)
			rec.Outcome = "An automatic reply (" + p.AutoReason + "); nothing changed."
		case calErr != "":
			rec.Kind = itinera.InboundCalendarOther
			err = a.linkAnswered(ctx, c, p, rec)
			rec.Outcome = "Not matched: " + calErr + " Kept for the officer to read."
		default:
			rec.Kind = itinera.InboundMail
			err = a.linkAnswered(ctx, c, p, rec)
			if err == nil && rec.RequestID == 0 {
				// Sent to a request's own reply address.
				rec.RequestID, err = a.requestOfRecipients(ctx, c, p.Recipients)
			}
			if err == nil && rec.RequestID != 0 {
				after, err = a.inboundPlainReply(ctx, c, p, rec)
				out.Changed = after != nil
			}
			if rec.Outcome == "" {
				rec.Outcome = "Not matched to a request. Kept in the unmatched mail for the officer."
			}
		}
		if err != nil {
			return err
		}
		if err := a.s.Inbound.RecordInbound(ctx, rec); err != nil {
			return err
		}
		if after != nil {
			return after(rec.ID)
		}
		return nil
	})
	if itinera.ErrorCode(err) == itinera.ECONFLICT && out.Message.ID == 0 {
		// Received at the same moment through another channel.
		if old, oerr := a.s.Inbound.InboundByMessageID(ctx, c.tenant(), p.MessageID); oerr == nil {
			return InboundResult{Message: old, Repeat: true}, nil
		}
	}
	if err != nil {
		return InboundResult{}, err
	}
	a.log.InfoContext(ctx, "inbound message", "tenant", c.tenant(), "kind", out.Message.Kind, "matched", out.Message.Matched, "id", out.Message.ID)
	return out, nil
}

// calendarAnswer returns the first iMIP REPLY or COUNTER among the
// message's calendar parts; else, when it has calendar parts, why none is
// one.
func calendarAnswer(p *inbound.Message) (*ical.Reply, string) {
	why := ""
	for _, data := range p.Calendars {
		cal, err := ical.Parse(bytes.NewReader(data))
		if err != nil {
			why = "the calendar part cannot be read (" + err.Error() + ")."
			continue
		}
		r, err := ical.ReadAnswer(cal, time.UTC)
		if err != nil {
			why = "the calendar part is not an answer (" + err.Error() + ")."
			continue
		}
		return &r, ""
	}
	return nil, why
}

// meetingUID reads the meeting and organization of one of Itinera's
// invitation UIDs (calendar.UID): "meeting-12@slug.itinera".
var meetingUID = regexp.MustCompile(`^meeting-([0-9]{1,18})@([a-z0-9-]+)\.itinera$`)

// inboundReply acts on an iMIP REPLY.
func (a *App) inboundReply(ctx context.Context, c Caller, p *inbound.Message, r ical.Reply, rec *itinera.InboundMessage) (bool, error) {
	notMatched := func(why string) (bool, error) {
		rec.Outcome = "Not matched: " + why + " Nothing changed."
		return false, nil
	}
	m, rq, why, err := a.answeredRequest(ctx, c, r)
	if err != nil || why != "" {
		if err == nil && rq != nil {
			rec.RequestID = rq.ID
		}
		if err != nil {
			return false, err
		}
		return notMatched(why)
	}
	rec.RequestID = rq.ID
	rec.Matched = true
	who := rq.ContactName
	if who == "" {
		who = r.Attendee
	}
	comment := ""
	if r.Comment != "" {
		comment = " They wrote: “" + clipText(r.Comment, 500) + "”"
	}
	event := func(detail string) error {
		return a.s.Inbound.AddRequestEvent(ctx, c.tenant(), rq.ID, itinera.RequestEvent{At: a.now().UTC(), Kind: EventCalendarAnswer,
			Detail: clipText(detail+comment, 1500)})
	}
	switch r.PartStat {
	case ical.PartAccepted:
		rec.Outcome = who + " accepted the invitation in their calendar; recorded on the request's history."
		return true, event("Accepted in their calendar application (" + r.Attendee + ").")
	case ical.PartTentative:
		rec.Outcome = who + " tentatively accepted the invitation in their calendar; recorded on the request's history."
		return true, event("Tentatively accepted in their calendar application (" + r.Attendee + ").")
	case ical.PartDelegated:
		rec.Outcome = who + " delegated the invitation to " + r.DelegatedTo + "; recorded on the request's history."
		return true, event("Delegated to " + r.DelegatedTo + " in their calendar application (" + r.Attendee + ").")
	}
	// DECLINED: the officer's own workflow for a decline, so its rules hold.
	reason := clipText("Declined in their calendar application ("+r.Attendee+")."+comment, 2000)
	// The audit log names the resource, and the channel it came through.
	by := c
	by.User.Name = clipText(who+" (their calendar's reply, received through "+c.actor().name+")", 200)
	by.User.Token = ""
	if rq.IsConfirmed() {
		_, err = a.WithdrawConfirmation(ctx, by, rq.ID, reason)
	} else {
		_, err = a.DeclineRequest(ctx, by, rq.ID, reason)
	}
	if code := itinera.ErrorCode(err); code == itinera.ECONFLICT || code == itinera.ESTALE {
		rec.Outcome = who + " declined in their calendar, but nothing changed: " + itinera.ErrorMessage(err)
		return false, event("Declined in their calendar application (" + r.Attendee + "); nothing changed.")
	}
	if err != nil {
		return false, err
	}
	if rq.IsConfirmed() {
		rec.Outcome = who + " declined the confirmed meeting in their calendar: the confirmation was taken back and the meeting returned to the candidates; the officer was told."
	} else {
		rec.Outcome = who + " declined in their calendar: the request is declined; the officer was told."
	}
	if err := event("Declined in their calendar application (" + r.Attendee + ")."); err != nil {
		return false, err
	}
	return true, a.tellOfficer(ctx, c, "Declined: "+m.Title+" ("+who+")",
		who+" declined “"+m.Title+"” in their calendar application ("+r.Attendee+")."+comment+"\n\n"+rec.Outcome+"\n")
}

// answeredRequest finds the request an iMIP answer is about: the
// meeting of its UID (one of this organization's invitations) and the
// request whose contact is the answer's attendee. why says, when not
// empty, why the answer changes nothing: an unknown UID, another
// attendee, or an older SEQUENCE than the one last sent (rq is then set).
func (a *App) answeredRequest(ctx context.Context, c Caller, r ical.Reply) (itinera.Meeting, *itinera.Request, string, error) {
	st, err := a.s.Settings.Settings(ctx, c.tenant())
	if err != nil {
		return itinera.Meeting{}, nil, "", err
	}
	sm := meetingUID.FindStringSubmatch(strings.ToLower(r.UID))
	if sm == nil || sm[2] != st.Slug {
		return itinera.Meeting{}, nil, fmt.Sprintf("the answer is about %q, which is not an invitation this organization sent.", clipText(r.UID, 120)), nil
	}
	meetingID, _ := strconv.ParseInt(sm[1], 10, 64)
	m, err := a.s.Candidates.Meeting(ctx, c.tenant(), meetingID)
	if itinera.ErrorCode(err) == itinera.ENOTFOUND {
		return m, nil, fmt.Sprintf("the meeting of %q no longer exists.", clipText(r.UID, 120)), nil
	}
	if err != nil {
		return m, nil, "", err
	}
	all, err := a.s.Requests.Requests(ctx, c.tenant(), m.ProgramID)
	if err != nil {
		return m, nil, "", err
	}
	var rq *itinera.Request
	for i := range all {
		x := &all[i]
		if x.MeetingID != meetingID || !strings.EqualFold(strings.TrimSpace(x.ContactEmail), r.Attendee) {
			continue
		}
		if rq == nil || x.IsConfirmed() && !rq.IsConfirmed() || x.ID > rq.ID && x.IsConfirmed() == rq.IsConfirmed() {
			rq = x
		}
	}
	if rq == nil {
		return m, nil, fmt.Sprintf("%s is not the invited attendee of %q.", clipText(orDash(r.Attendee), 200), m.Title), nil
	}
	if rq.ToldSequence >= 0 && r.Sequence < rq.ToldSequence {
		return m, rq, fmt.Sprintf("the answer is to an older invitation (SEQUENCE %d; the latest sent is %d).", r.Sequence, rq.ToldSequence), nil
	}
	return m, rq, "", nil
}

// forUs reports whether a message was sent to one of the organization's
// own addresses (its sender address, its IMAP mailbox's address) or their
// +tag forms; true when the organization has no address to tell by.
func forUs(own []string, p *inbound.Message) bool {
	known := false
	for _, addr := range own {
		addr = strings.ToLower(strings.TrimSpace(addr))
		at := strings.LastIndex(addr, "@")
		if at < 0 {
			continue
		}
		known = true
		local, domain := addr[:at], addr[at:]
		for _, r := range p.Recipients {
			if r == addr || strings.HasSuffix(r, domain) && strings.HasPrefix(r, local+"+") {
				return true
			}
		}
	}
	return !known
}

// tellOfficer e-mails the organization's sender address (its shared
// mailbox); nothing when it has none — the notifications show declines.
func (a *App) tellOfficer(ctx context.Context, c Caller, subject, text string) error {
	st, err := a.s.Settings.Settings(ctx, c.tenant())
	if err != nil || st.MailFromAddress == "" {
		return err
	}
	m := itinera.OutboxMessage{TenantID: c.tenant(), To: st.MailFromAddress, Subject: clipText(subject, 200), TextBody: text}
	return a.s.Outbox.Enqueue(ctx, &m)
}

// inboundBounce acts on a delivery status notification.
func (a *App) inboundBounce(ctx context.Context, c Caller, p *inbound.Message, rec *itinera.InboundMessage) (bool, error) {
	r := p.Report
	if r.OriginalMessageID == "" {
		rec.Outcome = "Not matched: the report does not name the returned message. Nothing changed."
		return false, nil
	}
	o, err := a.s.Inbound.OutboxByMessageID(ctx, c.tenant(), r.OriginalMessageID)
	if itinera.ErrorCode(err) == itinera.ENOTFOUND {
		rec.Outcome = "Not matched: the returned message " + clipText(r.OriginalMessageID, 200) + " was not sent by this organization. Nothing changed."
		return false, nil
	}
	if err != nil {
		return false, err
	}
	rec.OutboxID, rec.Matched = o.ID, true
	why := "Returned by the recipient's mail server"
	if r.Status != "" {
		why += " (" + r.Status + ")"
	}
	if r.Diagnostic != "" {
		why += ": " + r.Diagnostic
	}
	why = clipText(why, 600)
	rec.RequestID = o.RequestID
	// Hard: a permanent failure (5.x.x, or "failed" without a status).
	// A temporary one (4.x.x) is the server's to retry: only recorded.
	hard := strings.HasPrefix(r.Status, "5") || r.Status == "" && strings.EqualFold(r.Action, "failed")
	if !hard {
		rec.Outcome = "A delivery report (" + orDash(r.Action) + ", " + orDash(r.Status) + ") about the message to " + o.To +
			"; not a permanent failure, recorded; nothing changed."
		return false, nil
	}
	if err := a.s.Inbound.MarkOutboxBounced(ctx, c.tenant(), o.ID, why); err != nil {
		return false, err
	}
	if err := a.markUndelivered(ctx, c, o, why, a.now().UTC()); err != nil {
		return false, err
	}
	rec.Outcome = "The message to " + o.To + " (“" + clipText(o.Subject, 120) + "”) bounced: marked failed. " + why
	if o.RequestID != 0 {
		rec.Outcome += " The contact's address is marked failing and the request undelivered."
	}
	return true, nil
}

// linkAnswered ties a message to the sent message it answers (its
// In-Reply-To or References), and to that message's request when it was
// a meeting's invitation.
func (a *App) linkAnswered(ctx context.Context, c Caller, p *inbound.Message, rec *itinera.InboundMessage) error {
	for _, id := range p.InReplyTo {
		o, err := a.s.Inbound.OutboxByMessageID(ctx, c.tenant(), id)
		if itinera.ErrorCode(err) == itinera.ENOTFOUND {
			continue
		}
		if err != nil {
			return err
		}
		rec.OutboxID, rec.Matched = o.ID, true
		rec.Outcome = "Answers the message to " + o.To + " (“" + clipText(o.Subject, 120) + "”). Kept for the officer to read."
		if rec.RequestID = o.RequestID; rec.RequestID == 0 {
			rec.RequestID, err = a.requestOfInvitation(ctx, c, o)
		}
		return err
	}
	return nil
}

// requestOfInvitation is the request of a sent invitation: the request of
// its meeting (by UID) whose contact it was sent to; 0 if none.
func (a *App) requestOfInvitation(ctx context.Context, c Caller, o itinera.OutboxMessage) (int64, error) {
	if o.Calendar == "" {
		return 0, nil
	}
	cal, err := ical.Parse(strings.NewReader(o.Calendar))
	if err != nil {
		return 0, nil
	}
	evs := cal.Sub("VEVENT")
	if len(evs) == 0 || evs[0].Prop("UID") == nil {
		return 0, nil
	}
	sm := meetingUID.FindStringSubmatch(strings.ToLower(evs[0].Prop("UID").Text()))
	if sm == nil {
		return 0, nil
	}
	meetingID, _ := strconv.ParseInt(sm[1], 10, 64)
	m, err := a.s.Candidates.Meeting(ctx, c.tenant(), meetingID)
	if err != nil {
		return 0, nil
	}
	all, err := a.s.Requests.Requests(ctx, c.tenant(), m.ProgramID)
	if err != nil {
		return 0, err
	}
	for _, x := range all {
		if x.MeetingID == meetingID && x.ContactEmail != "" && strings.Contains(strings.ToLower(o.To), strings.ToLower(x.ContactEmail)) {
			return x.ID, nil
		}
	}
	return 0, nil
}

// InboundMessages lists the organization's received messages, newest first.
func (a *App) InboundMessages(ctx context.Context, c Caller, limit int) ([]itinera.InboundMessage, error) {
	if err := mustSignIn(c); err != nil {
		return nil, err
	}
	return a.s.Inbound.InboundMessages(ctx, c.tenant(), limit)
}

func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
