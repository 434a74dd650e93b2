package itinera

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"time"
)

// OutboxStatus is where an outgoing e-mail stands.
type OutboxStatus string

// Outbox statuses. A message is queued until a worker claims it (sending),
// then sent, or queued again for a later attempt, or failed for good.
const (
	OutboxQueued  OutboxStatus = "queued"
	OutboxSending OutboxStatus = "sending"
	OutboxSent    OutboxStatus = "sent"
	OutboxFailed  OutboxStatus = "failed"
)

// ParseOutboxStatus accepts one of the outbox statuses; "" means any.
func ParseOutboxStatus(s string) (OutboxStatus, error) {
	switch st := OutboxStatus(strings.ToLower(strings.TrimSpace(s))); st {
	case "", OutboxQueued, OutboxSending, OutboxSent, OutboxFailed:
		return st, nil
	}
	return "", Errorf(EINVALID, "%q is not an outbox status: use queued, sending, sent or failed", s)
}

// OutboxMessage is one outgoing e-mail to exactly one person. It is written
// in the same transaction as the change that causes it and keeps the
// Message-ID it was given then, so a resend is recognisably the same message.
type OutboxMessage struct {
	ID        int64
	TenantID  int64
	MessageID string // "<random@host>", assigned when queued
	To        string // one address, optionally with a name: "Dr. Rumi Price <price@example.edu>"
	Subject   string
	TextBody  string
	HTMLBody  string // optional
	// Calendar is an optional iTIP object (RFC 5546) sent as an iMIP
	// invitation (RFC 6047); CalendarMethod is its METHOD (REQUEST, CANCEL, …).
	Calendar       string
	CalendarMethod string
	// RequestID is the meeting request the message is about (its
	// request e-mail, confirmation, change); 0 for any other.
	RequestID int64
	// ReplyTo is the request's own reply address, sent as Reply-To, so
	// that a reply finds its request; "" for none.
	ReplyTo string
	// Attachments are files sent with the message (a book's PDF, a
	// program's .ics); read with one message, not with lists.
	Attachments []OutboxAttachment

	Status        OutboxStatus
	Attempts      int       // delivery attempts started so far
	NextAttemptAt time.Time // when a queued message is due
	CreatedAt     time.Time
	SentAt        time.Time // zero until sent
	LastError     string    // why the last attempt failed, in plain words
}

// OutboxAttachment is a file sent with a message.
type OutboxAttachment struct {
	Name        string // the file name the recipient sees: "program.ics"
	ContentType string // one of AttachmentTypes
	Data        []byte
	Size        int // bytes; set when read without Data
}

// AttachmentTypes are the kinds of file a message may carry.
var AttachmentTypes = map[string]bool{"application/pdf": true, "text/calendar": true}

// MaxAttachmentBytes bounds the files of one message (10 MiB): mail
// servers commonly refuse larger messages.
const MaxAttachmentBytes = 10 << 20

// calendarMethods are the iTIP methods an outgoing message may carry.
var calendarMethods = map[string]bool{"PUBLISH": true, "REQUEST": true, "REPLY": true, "CANCEL": true, "COUNTER": true, "DECLINECOUNTER": true}

// Validate checks a message before it is queued.
func (m *OutboxMessage) Validate() error {
	f := FieldErrors{}
	m.To = strings.TrimSpace(m.To)
	m.Subject = strings.TrimSpace(m.Subject)
	m.CalendarMethod = strings.ToUpper(strings.TrimSpace(m.CalendarMethod))
	if m.TenantID == 0 {
		f.Add("tenant", "A message belongs to an organization.")
	}
	// ParseAddress accepts exactly one address: a message never lists other people.
	if a, err := mail.ParseAddress(m.To); err != nil || !strings.Contains(a.Address, "@") {
		f.Add("to", "Enter one e-mail address.")
	}
	if m.ReplyTo != "" {
		if a, err := mail.ParseAddress(m.ReplyTo); err != nil || a.Address != m.ReplyTo {
			f.Add("reply_to", "Enter one e-mail address, without a name.")
		}
	}
	if m.Subject == "" {
		f.Add("subject", "Enter a subject.")
	} else if strings.ContainsAny(m.Subject, "\r\n") {
		f.Add("subject", "The subject must be one line.")
	}
	if strings.TrimSpace(m.TextBody) == "" {
		f.Add("text_body", "Enter the text of the message.")
	}
	switch {
	case m.Calendar == "" && m.CalendarMethod != "":
		f.Add("calendar", "A calendar method needs a calendar.")
	case m.Calendar != "" && !calendarMethods[m.CalendarMethod]:
		f.Add("calendar_method", "Use an iTIP method such as REQUEST or CANCEL.")
	}
	total := 0
	for _, a := range m.Attachments {
		total += len(a.Data)
		if !attachmentName(a.Name) {
			f.Add("attachments", "Name each file with letters, digits, spaces, dots, hyphens or underscores, and an extension.")
		}
		if !AttachmentTypes[a.ContentType] {
			f.Add("attachments", "Attach PDF or iCalendar files only.")
		}
		if len(a.Data) == 0 {
			f.Add("attachments", "An attached file is empty.")
		}
	}
	if total > MaxAttachmentBytes {
		f.Add("attachments", fmt.Sprintf("The files are larger than %d MiB in all.", MaxAttachmentBytes>>20))
	}
	return f.Err("message")
}

// OutboxFilter selects messages of a tenant's outbox, newest first.
type OutboxFilter struct {
	Status OutboxStatus // "" for any
	Limit  int          // 0: a default page
	Offset int          // skipped first; prefer After and Before, which read from the index
	// After > 0: the page of messages older than message After, in the
	// list's order (newest first); Before > 0: the page just newer than
	// message Before (still listed newest first). Keyset paging: a page
	// far down costs what the first does.
	After, Before int64
}

// OutboxFailure records a failed delivery attempt.
type OutboxFailure struct {
	At          time.Time
	Reason      string    // plain words, shown to officers
	NextAttempt time.Time // when to try again, unless Permanent
	Permanent   bool      // no further attempts: the message is failed
}

// OutboxCountLimit bounds the counts of OutboxCounts: an organization
// sends hundreds of thousands of messages, and counting them all at every
// look at the outbox would cost more than the page; above it the page says
// "more than 1000".
const OutboxCountLimit = 1000

// OutboxReader reads the tenant's outgoing e-mail.
type OutboxReader interface {
	OutboxMessages(ctx context.Context, tenantID int64, f OutboxFilter) ([]OutboxMessage, error)
	OutboxMessage(ctx context.Context, tenantID, id int64) (OutboxMessage, error)
	// OutboxCounts counts the tenant's messages by status, for badges, each
	// up to OutboxCountLimit+1 (a larger count reads as that many).
	OutboxCounts(ctx context.Context, tenantID int64) (map[OutboxStatus]int, error)
}

// OutboxService is the tenant's view of its outgoing e-mail.
type OutboxService interface {
	OutboxReader
	// Enqueue queues a message, in the transaction of the change that
	// causes it.
	Enqueue(ctx context.Context, m *OutboxMessage) error
	// RetryOutboxMessage queues a failed message again, with fresh attempts.
	RetryOutboxMessage(ctx context.Context, tenantID, id int64) error
}

// attachmentName reports whether name is a plain file name with an
// extension, safe in a MIME header and on any file system.
func attachmentName(name string) bool {
	if len(name) == 0 || len(name) > 120 || !strings.Contains(name, ".") || strings.HasPrefix(name, ".") {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(" .-_", r)) {
			return false
		}
	}
	return true
}
