package itinera

import (
	"fmt"
	"strings"
	"time"
)

// RequestStatus is where a meeting request stands.
type RequestStatus string

// Request statuses.
const (
	RequestDraft     RequestStatus = "draft"
	RequestSent      RequestStatus = "sent"
	RequestViewed    RequestStatus = "viewed"
	RequestAccepted  RequestStatus = "accepted"
	RequestDeclined  RequestStatus = "declined"
	RequestCountered RequestStatus = "counter-proposed"
	RequestExpired   RequestStatus = "expired"
	RequestWithdrawn RequestStatus = "withdrawn"
)

// RequestStatuses lists the statuses in workflow order.
var RequestStatuses = []RequestStatus{RequestDraft, RequestSent, RequestViewed, RequestAccepted,
	RequestDeclined, RequestCountered, RequestExpired, RequestWithdrawn}

// Live reports whether the request is out and may still lead to a meeting.
func (s RequestStatus) Live() bool {
	switch s {
	case RequestSent, RequestViewed, RequestAccepted, RequestCountered:
		return true
	}
	return false
}

// DefaultRequestTTL is how long a resource's link works unless the officer
// sets another expiry.
const DefaultRequestTTL = 21 * 24 * time.Hour

// MaxRequestWindows bounds the proposed times of a request and of an answer.
const MaxRequestWindows = 40

// Request asks one contact to host a meeting. The resource answers from a
// personal link whose token is stored only as a hash.
type Request struct {
	ID int64
	// Version rises with every change; a change sent with an older
	// version is refused, so nobody overwrites what they have not seen.
	Version   int
	TenantID  int64
	MeetingID int64
	ContactID int64
	Status    RequestStatus
	Windows   []Window // proposed times
	Message   string
	ExpiresAt time.Time // the link stops working then (unless confirmed)
	SentAt    time.Time // zero until sent
	CreatedAt time.Time
	ViewedAt  time.Time // first time the resource opened the link
	Answer    *RequestAnswer
	Confirmed Window // the time the officer confirmed; zero until then
	// ToldSequence is the SEQUENCE of the meeting's invitation the
	// resource was last sent; -1 until confirmed.
	ToldSequence int
	Events       []RequestEvent
	// Counter is the new time the resource proposed from their calendar
	// application (iMIP COUNTER), waiting for the officer; nil if none.
	Counter *CounterProposal

	// Read only, for lists and pages.
	ProgramID    int64
	MeetingTitle string
	ContactName  string
	ContactEmail string
	// ContactEmailFailing is the contact's Contact.EmailFailing: mail to
	// them came back, so the request is undelivered.
	ContactEmailFailing string
}

// CounterProposal is a new time a resource proposed for a confirmed
// meeting from their calendar application (an iMIP COUNTER).
type CounterProposal struct {
	At      Window
	Comment string // their COMMENT, if any
	// InboundID is the received message it came in; 0 if gone.
	InboundID int64
}

// IsConfirmed reports whether the officer confirmed a time: the request is
// then locked.
func (r Request) IsConfirmed() bool { return !r.Confirmed.Start.IsZero() }

// LinkWorks reports whether the resource's link opens the request at now:
// it was sent, not withdrawn, and not past its expiry (a confirmed meeting
// stays visible).
func (r Request) LinkWorks(now time.Time) bool {
	switch {
	case r.Status == RequestDraft, r.Status == RequestWithdrawn:
		return false
	case r.IsConfirmed():
		return true
	case r.Status == RequestExpired:
		return false
	}
	return r.ExpiresAt.IsZero() || now.Before(r.ExpiresAt)
}

// Overdue reports whether the officer should chase the request at now: sent
// and unanswered for longer than after, or expired unanswered.
func (r Request) Overdue(now time.Time, after time.Duration) bool {
	if r.Status == RequestExpired {
		return true
	}
	if r.Status != RequestSent && r.Status != RequestViewed {
		return false
	}
	if !r.ExpiresAt.IsZero() && !now.Before(r.ExpiresAt) {
		return true
	}
	return !r.SentAt.IsZero() && now.Sub(r.SentAt) > after
}

// LastEvent returns the newest event, or the zero event.
func (r Request) LastEvent() RequestEvent {
	if len(r.Events) == 0 {
		return RequestEvent{}
	}
	return r.Events[len(r.Events)-1]
}

// Validate checks a request before it is stored.
func (r *Request) Validate() error {
	f := FieldErrors{}
	checkText(f, "message", &r.Message, longText)
	if r.MeetingID == 0 {
		f.Add("meeting_id", "A request is for one meeting.")
	}
	if r.ContactID == 0 {
		f.Add("contact_id", "Choose the person to ask.")
	}
	if r.Status == "" {
		r.Status = RequestDraft
	}
	if !oneOf(r.Status, RequestStatuses) {
		f.Add("status", "Choose a status.")
	}
	CheckTime(f, "expires_at", r.ExpiresAt)
	if len(r.Windows) == 0 {
		f.Add("windows", "Propose at least one time.")
	}
	if len(r.Windows) > MaxRequestWindows {
		f.Add("windows", fmt.Sprintf("Propose at most %d times.", MaxRequestWindows))
	}
	validateWindows(f, r.Windows, 0)
	return f.Err("request")
}

// RequestEvent is one entry of a request's history.
type RequestEvent struct {
	ID     int64
	At     time.Time
	Kind   string // one of the Event… kinds
	Detail string
}

// Request event kinds.
const (
	EventCreated   = "created"
	EventSent      = "sent"
	EventResent    = "link re-sent"
	EventViewed    = "viewed"
	EventAccepted  = "accepted"
	EventTicked    = "ticked times"
	EventDeclined  = "declined"
	EventProposed  = "proposed times"
	EventColleague = "suggested colleague"
	EventPartners  = "named partners"
	EventWithdrawn = "withdrawn"
	EventExpired   = "expired"
	EventConfirmed = "confirmed"
	EventCancelled = "meeting cancelled"
	// EventUnconfirmed: the officer took the confirmation back.
	EventUnconfirmed = "confirmation withdrawn"
	// EventImported: the program came from a program file, which does not
	// carry the resource's link.
	EventImported = "imported"
	// Answers that came by e-mail or from a calendar application.
	EventCounter         = "proposed a new time"
	EventCounterAccepted = "new time accepted"
	EventCounterDeclined = "new time declined"
	EventMailReply       = "replied by e-mail"
	EventUndelivered     = "undelivered"
)

// AnswerKind is what the resource said.
type AnswerKind string

// Answer kinds.
const (
	AnswerAccept    AnswerKind = "accept"    // one of the proposed times
	AnswerAvailable AnswerKind = "available" // the proposed times they could do
	AnswerDecline   AnswerKind = "decline"
	AnswerCounter   AnswerKind = "counter" // other times
)

// AnswerKinds lists the kinds in the order the resource's page offers them.
var AnswerKinds = []AnswerKind{AnswerAccept, AnswerAvailable, AnswerDecline, AnswerCounter}

// Colleague is someone the resource suggests asking instead or as well.
type Colleague struct {
	Name  string
	Email string
	Note  string
}

// RequestAnswer is the resource's answer; it may be changed until the
// officer confirms a time.
type RequestAnswer struct {
	Kind      AnswerKind
	Slot      Window   // AnswerAccept: the chosen proposed time
	Available []Window // AnswerAvailable: the proposed times they could do
	Proposed  []Window // AnswerCounter: other times
	Reason    string   // AnswerDecline: optional
	Colleague Colleague
	Partners  []string // organizations they will invite, as named by them
	Comment   string
	At        time.Time
}

// Status returns the request status the answer leads to.
func (a *RequestAnswer) Status() RequestStatus {
	switch a.Kind {
	case AnswerDecline:
		return RequestDeclined
	case AnswerCounter:
		return RequestCountered
	}
	return RequestAccepted
}

// Times returns the times the officer may confirm from this answer.
func (a *RequestAnswer) Times() []Window {
	switch a.Kind {
	case AnswerAccept:
		return []Window{a.Slot}
	case AnswerAvailable:
		return a.Available
	case AnswerCounter:
		return a.Proposed
	}
	return nil
}

// Validate checks the answer against the times the request proposed.
func (a *RequestAnswer) Validate(proposed []Window) error {
	f := FieldErrors{}
	checkText(f, "reason", &a.Reason, answerNote)
	checkText(f, "comment", &a.Comment, answerNote)
	checkText(f, "colleague_name", &a.Colleague.Name, nameText)
	checkText(f, "colleague_note", &a.Colleague.Note, answerNote)
	a.Partners = CleanList(a.Partners)
	checkList(f, "partners", a.Partners, nameText)
	switch a.Kind {
	case AnswerAccept:
		if !containsWindow(proposed, a.Slot) {
			f.Add("slot", "Choose one of the proposed times.")
		}
	case AnswerAvailable:
		if len(a.Available) == 0 {
			f.Add("available", "Tick at least one time you could do.")
		}
		for _, w := range a.Available {
			if !containsWindow(proposed, w) {
				f.Add("available", "Tick only the proposed times.")
			}
		}
	case AnswerCounter:
		if len(a.Proposed) == 0 {
			f.Add("proposed", "Enter at least one time that suits you.")
		}
		if len(a.Proposed) > MaxRequestWindows {
			f.Add("proposed", fmt.Sprintf("Enter at most %d times.", MaxRequestWindows))
		}
		tmp := FieldErrors{}
		validateWindows(tmp, a.Proposed, 0)
		if msg, ok := tmp["windows"]; ok {
			f.Add("proposed", msg)
		}
	case AnswerDecline:
	default:
		f.Add("answer", "Choose your answer.")
	}
	checkEmail(f, "colleague_email", &a.Colleague.Email, false)
	if (a.Colleague.Email != "" || a.Colleague.Note != "") && a.Colleague.Name == "" {
		f.Add("colleague_name", "Enter your colleague's name.")
	}
	if len(a.Partners) > 50 {
		f.Add("partners", "Name at most 50 partner organizations.")
	}
	return f.Err("answer")
}

func containsWindow(ws []Window, w Window) bool {
	for _, x := range ws {
		if x.Start.Equal(w.Start) && x.End.Equal(w.End) {
			return true
		}
	}
	return false
}

// Events returns the history entries the answer adds; label shows a time
// to people (in the program's time zone).
func (a *RequestAnswer) Events(label func(Window) string) []RequestEvent {
	labels := func(ws []Window) string {
		out := make([]string, len(ws))
		for i, w := range ws {
			out[i] = label(w)
		}
		return strings.Join(out, "; ")
	}
	var es []RequestEvent
	add := func(kind, detail string) { es = append(es, RequestEvent{At: a.At, Kind: kind, Detail: detail}) }
	switch a.Kind {
	case AnswerAccept:
		add(EventAccepted, label(a.Slot))
	case AnswerAvailable:
		add(EventTicked, fmt.Sprintf("%d %s: %s", len(a.Available), pluralWord(len(a.Available), "time"), labels(a.Available)))
	case AnswerDecline:
		add(EventDeclined, a.Reason)
	case AnswerCounter:
		add(EventProposed, labels(a.Proposed))
	}
	if a.Colleague.Name != "" {
		d := a.Colleague.Name
		if a.Colleague.Email != "" {
			d += " <" + a.Colleague.Email + ">"
		}
		if a.Colleague.Note != "" {
			d += ": " + a.Colleague.Note
		}
		add(EventColleague, d)
	}
	if len(a.Partners) > 0 {
		add(EventPartners, strings.Join(a.Partners, ", "))
	}
	return es
}

func pluralWord(n int, w string) string {
	if n == 1 {
		return w
	}
	return w + "s"
}

// RequestSending is what sending (or re-sending) a request stores: the hash
// of the new link's token, its expiry and the e-mail, which is queued in the
// same transaction.
type RequestSending struct {
	TokenHash string
	ExpiresAt time.Time
	Mail      OutboxMessage
}

// Label shows the window to people in loc: "Mon 7 Dec 09:00–11:00 CST".
func (w Window) Label(loc *time.Location) string {
	s, e := w.Start.In(loc), w.End.In(loc)
	if DateOf(s) != DateOf(e) {
		return s.Format("Mon 2 Jan 15:04 MST") + " – " + e.Format("Mon 2 Jan 15:04 MST")
	}
	return s.Format("Mon 2 Jan 15:04") + "–" + e.Format("15:04 MST")
}

// Confirmed is what a confirmation changed, for the messages it causes.
type Confirmed struct {
	Request Request
	At      Window
	// Sequence is the meeting's iCalendar SEQUENCE after the change.
	Sequence int
	// InItinerary tells whether the current itinerary holds the meeting at
	// the confirmed time.
	InItinerary bool
	// Changed marks an update of a confirmed meeting whose time or place
	// changed since the resource was told.
	Changed bool
}

// ConfirmNotify composes the messages a confirmation causes.
type ConfirmNotify func(Confirmed) ([]OutboxMessage, error)

// Cancelled is what a cancellation changed, for the messages it causes.
type Cancelled struct {
	Meeting Meeting
	// Request is the confirmed request whose time is cancelled.
	Request Request
	// Sequence is the meeting's iCalendar SEQUENCE for the cancellation:
	// one more than that of the last invitation or feed entry.
	Sequence int
	// Reason is the officer's explanation, "" when none was given.
	Reason string
}

// CancelNotify composes the messages a cancellation causes.
type CancelNotify func(Cancelled) ([]OutboxMessage, error)
