package web

import (
	"net/http"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/inbound"
)

// The request board of a program and the page of one request.

// requestRow is one line of the board.
type requestRow struct {
	itinera.Request
	Last     string // the newest event, "viewed · Mon 2 Nov 09:12"
	Sent     string
	Answered string
	Overdue  bool
	CanSend  bool // a draft to send, or a live request whose link can be renewed
	Resend   bool // CanSend for a request already sent
	CanDrop  bool // may be withdrawn
	// CanDecline: sent and open, so a decline given by phone or e-mail
	// can be recorded.
	CanDecline bool
	// Counter is the time the resource proposed from their calendar,
	// waiting for the officer ("": none).
	Counter string
	// Source is where the newest answer came from: calendar, e-mail or
	// link ("": none yet).
	Source string
}

type requestBoardView struct {
	Tabs     sectionNav
	P        itinera.Program
	Zone     string
	Rows     []requestRow
	Overdue  int
	Days     int // overdue after this many days
	Meetings []itinera.Meeting
}

func (ui *UI) newRequestRow(rq itinera.Request, loc *time.Location) requestRow {
	row := requestRow{Request: rq, Overdue: rq.Overdue(ui.now(), ui.req.OverdueAfter)}
	if e := rq.LastEvent(); e.Kind != "" {
		row.Last = e.Kind + " · " + instantLabel(e.At, loc)
	}
	if !rq.SentAt.IsZero() {
		row.Sent = instantLabel(rq.SentAt, loc)
	}
	if rq.Answer != nil {
		row.Answered = instantLabel(rq.Answer.At, loc)
	}
	row.CanSend = rq.Status != itinera.RequestWithdrawn && !rq.IsConfirmed() // the app refuses to ask again what is confirmed
	row.Resend = rq.Status != itinera.RequestDraft
	row.CanDrop = rq.Status != itinera.RequestWithdrawn && !rq.IsConfirmed()
	row.CanDecline = rq.Status != itinera.RequestDraft && rq.Status != itinera.RequestWithdrawn &&
		rq.Status != itinera.RequestDeclined && !rq.IsConfirmed()
	if rq.Counter != nil {
		row.Counter = rq.Counter.At.Label(loc)
	}
	for i := len(rq.Events) - 1; i >= 0 && row.Source == ""; i-- {
		row.Source = app.AnswerSource(rq.Events[i])
	}
	return row
}

func instantLabel(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("Mon 2 Jan 15:04 MST")
}

func (ui *UI) requestBoard(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	rqs, err := ui.svc.Requests.Requests(r.Context(), s.User.TenantID, p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ms, err := ui.svc.Candidates.Meetings(r.Context(), s.User.TenantID, p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	loc := p.Location()
	v := requestBoardView{Tabs: programTabs(p.ID, "requests"), P: p, Zone: p.ZoneLabel(), Days: int(ui.req.OverdueAfter.Hours() / 24), Meetings: ms}
	for _, rq := range rqs {
		row := ui.newRequestRow(rq, loc)
		if row.Overdue {
			v.Overdue++
		}
		v.Rows = append(v.Rows, row)
	}
	info := pageInfo{Title: "Requests: " + p.Title, Nav: "programs", Crumbs: []crumb{programsCrumb, programCrumb(p)}}
	ui.render(w, r, s, http.StatusOK, "requests", info, v)
}

// requestView is the page of one request.
type requestView struct {
	requestRow
	P         itinera.Program
	Zone      string
	Times     []string
	Answer    *answerView
	Confirmed string
	Expires   string
	Events    []eventRow
	// CounterComment is what the resource wrote with their proposed time.
	CounterComment string
	// Mail are the received messages about the request, newest first.
	Mail []mailRow
}

// mailRow is a received message as the officer reads it: its plain text
// only (HTML bodies reduced to text, never rendered), the sender's own
// words apart from what they quote or sign.
type mailRow struct {
	itinera.InboundMessage
	Received string
	Reply    string // what the sender wrote
	Folded   string // their quote and signature
}

// KindLabel says what the message is, in words.
func (m mailRow) KindLabel() string {
	switch m.Kind {
	case itinera.InboundCalendarReply:
		return "calendar answer"
	case itinera.InboundCalendarOther:
		return "calendar message"
	case itinera.InboundBounce:
		return "bounce"
	case itinera.InboundAutoReply:
		return "automatic reply"
	}
	return "e-mail"
}

func newMailRow(m itinera.InboundMessage, loc *time.Location) mailRow {
	reply, folded := inbound.Fold(m.Text)
	return mailRow{InboundMessage: m, Received: instantLabel(m.ReceivedAt, loc), Reply: reply, Folded: folded}
}

type answerView struct {
	Kind      string // in words
	At        string
	Times     []timeChoice // times the officer may confirm
	Reason    string
	Colleague itinera.Colleague
	Partners  []string
	Comment   string
}

// timeChoice is a time with the values the confirm form posts.
type timeChoice struct {
	Label, Start, End string
	Effect            string // what confirming it does to the itinerary ("": nothing)
	Moves             bool   // it moves the meeting, or cannot
}

type eventRow struct{ At, Kind, Detail, Source string }

// answerWords says what kind of answer the resource gave.
var answerWords = map[itinera.AnswerKind]string{
	itinera.AnswerAccept:    "Accepted one of the proposed times",
	itinera.AnswerAvailable: "Ticked the times they could do",
	itinera.AnswerDecline:   "Declined",
	itinera.AnswerCounter:   "Proposed other times",
}

func (ui *UI) requestShow(w http.ResponseWriter, r *http.Request, s *session) {
	rq, p, err := ui.requestOf(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	loc := p.Location()
	v := requestView{requestRow: ui.newRequestRow(rq, loc), P: p, Zone: p.ZoneLabel(), Times: windowLabels(rq.Windows, loc)}
	if !rq.ExpiresAt.IsZero() {
		v.Expires = itinera.LinkLastDayLabel(rq.ExpiresAt, loc)
	}
	if rq.IsConfirmed() {
		v.Confirmed = rq.Confirmed.Label(loc)
	}
	if a := rq.Answer; a != nil {
		av := &answerView{Kind: answerWords[a.Kind], At: instantLabel(a.At, loc), Reason: a.Reason, Colleague: a.Colleague,
			Partners: a.Partners, Comment: a.Comment}
		times := a.Times()
		var effects []app.Effect
		if !rq.IsConfirmed() {
			if effects, err = ui.app.ConfirmEffect(r.Context(), ui.caller(r, s), rq.ID, times); err != nil {
				ui.fail(w, r, s, err)
				return
			}
		}
		for i, t := range times {
			tc := timeChoice{Label: t.Label(loc), Start: t.Start.UTC().Format(time.RFC3339), End: t.End.UTC().Format(time.RFC3339)}
			if i < len(effects) {
				tc.Effect, tc.Moves = effects[i].Text, effects[i].Changes
			}
			av.Times = append(av.Times, tc)
		}
		v.Answer = av
	}
	for i := len(rq.Events) - 1; i >= 0; i-- {
		e := rq.Events[i]
		v.Events = append(v.Events, eventRow{At: instantLabel(e.At, loc), Kind: e.Kind, Detail: e.Detail, Source: app.AnswerSource(e)})
	}
	if rq.Counter != nil {
		v.CounterComment = rq.Counter.Comment
	}
	mail, err := ui.app.RepliesTo(r.Context(), ui.caller(r, s), itinera.InboundFilter{RequestID: rq.ID})
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	for _, m := range mail {
		v.Mail = append(v.Mail, newMailRow(m, loc))
	}
	title := "Request to " + rq.ContactName
	info := pageInfo{Title: title, Nav: "programs",
		Crumbs: []crumb{programsCrumb, programCrumb(p), {Href: requestsLink(p), Label: "Requests"}}}
	ui.render(w, r, s, http.StatusOK, "request", info, v)
}
