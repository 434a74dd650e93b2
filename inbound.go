package itinera

import (
	"context"
	"time"
)

// Inbound mail: the e-mail that comes back to the organization — a
// resource's answer from their calendar application (iMIP REPLY), a
// bounce, an out-of-office reply, a plain reply — recorded once per
// Message-ID with what Itinera understood of it and did.

// InboundKind is what an inbound message is.
type InboundKind string

// Inbound message kinds.
const (
	InboundCalendarReply InboundKind = "calendar-reply" // an iMIP REPLY to an invitation
	InboundCalendarOther InboundKind = "calendar"       // an iMIP message that is not a REPLY (COUNTER, …)
	InboundBounce        InboundKind = "bounce"         // a delivery status notification
	InboundAutoReply     InboundKind = "auto-reply"     // an out-of-office or other automatic answer
	InboundMail          InboundKind = "mail"           // anything else, for the officer to read
)

// InboundMessage is one received message and what came of it.
type InboundMessage struct {
	ID         int64
	TenantID   int64
	MessageID  string // as the sender gave it, "<id@host>"
	ReceivedAt time.Time
	From       string // the sender's address
	Subject    string
	Kind       InboundKind
	// Matched says whether the message was tied to one of the
	// organization's records (an invitation's request, a sent message);
	// Outcome says what was done, or why nothing was, in plain words.
	Matched bool
	Outcome string
	// RequestID and OutboxID are the request and the sent message it is
	// about; 0 when none.
	RequestID int64
	OutboxID  int64
	// Text is the message's plain text (HTML reduced to text), for the
	// officer to read.
	Text string
	// Dismissed: the officer put the message aside.
	Dismissed bool
}

// InboundPage is one page of a tenant's received messages.
type InboundPage struct {
	Items []InboundMessage
	Total int // every message the filter selects
}

// InboundFilter selects received messages, newest first.
type InboundFilter struct {
	// Unmatched: only the messages (plain mail, calendar messages other
	// than a REPLY) tied to none of the organization's records and not
	// dismissed. Bounces, REPLYs and automatic replies that match nothing
	// are recorded with their outcome, but are nothing to attach.
	Unmatched bool
	RequestID int64 // only those about this request (0: any)
	OutboxID  int64 // only those answering this sent message (0: any)
	Limit     int   // 0: 50; at most 500
	Offset    int
}

// InboundService records inbound messages.
type InboundService interface {
	// RecordInbound stores m and sets its ID; ECONFLICT when the tenant
	// already has a message with that Message-ID.
	RecordInbound(ctx context.Context, m *InboundMessage) error
	// InboundByMessageID returns the tenant's message with that
	// Message-ID; ENOTFOUND if none.
	InboundByMessageID(ctx context.Context, tenantID int64, messageID string) (InboundMessage, error)
	// InboundMessages lists the tenant's messages, newest first.
	InboundMessages(ctx context.Context, tenantID int64, limit int) ([]InboundMessage, error)
	// OutboxByMessageID returns the tenant's sent message with that
	// Message-ID; ENOTFOUND if none.
	OutboxByMessageID(ctx context.Context, tenantID int64, messageID string) (OutboxMessage, error)
	// MarkOutboxBounced marks a message failed for good because its
	// recipient's server returned it; why says the status and diagnostic.
	MarkOutboxBounced(ctx context.Context, tenantID, id int64, why string) error
	// AddRequestEvent adds an entry to a request's history.
	AddRequestEvent(ctx context.Context, tenantID, requestID int64, e RequestEvent) error
	// InboundMessage returns one of the tenant's received messages.
	InboundMessage(ctx context.Context, tenantID, id int64) (InboundMessage, error)
	// FindInbound lists the tenant's received messages f selects.
	FindInbound(ctx context.Context, tenantID int64, f InboundFilter) (InboundPage, error)
	// DismissInbound puts a received message aside.
	DismissInbound(ctx context.Context, tenantID, id int64) error
	// AttachInbound ties a received message to one of the tenant's
	// requests (matched from then on), with outcome saying so.
	AttachInbound(ctx context.Context, tenantID, id, requestID int64, outcome string) error
	// SetCounter keeps a resource's counter-proposal on a request (the
	// newest replaces an older one) with its history entry.
	SetCounter(ctx context.Context, tenantID, requestID int64, p CounterProposal, e RequestEvent) error
	// ClearCounter drops the request's counter-proposal, adds e to its
	// history and queues msgs, in one transaction.
	ClearCounter(ctx context.Context, tenantID, requestID int64, e RequestEvent, msgs []OutboxMessage) error
	// MoveConfirmed moves a confirmed request and its meeting to at (its
	// confirmed time, its meeting's window, its item in the current
	// itinerary as a new version), clears its counter-proposal, raises
	// the SEQUENCE the resource is told and queues notify's messages.
	MoveConfirmed(ctx context.Context, tenantID, requestID int64, at Window, e RequestEvent, notify ConfirmNotify) error
	// ReplyKey returns the tenant's secret for its per-request reply
	// addresses (an HMAC key), made on first use.
	ReplyKey(ctx context.Context, tenantID int64) ([]byte, error)
	// MarkContactFailing records why mail to a contact's address came
	// back for good; the next edit of the address clears it.
	MarkContactFailing(ctx context.Context, tenantID, contactID int64, why string) error
}
