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
}
