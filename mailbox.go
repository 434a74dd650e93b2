package itinera

import (
	"context"
	"net"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Mailbox is the IMAP mailbox an organization receives the answers to its
// mail in (calendar replies, bounces, replies): Itinera reads it and hands
// each new message to the inbound handler. An empty Host means none.
type Mailbox struct {
	TenantID int64
	// Version rises with every change of the settings; a change sent with
	// an older version is refused.
	Version  int
	Host     string
	Port     int
	Security MailboxSecurity
	Username string
	// Folder is the mailbox read; empty means INBOX.
	Folder string
	// Password is write only: set it to store a new one; readers leave it
	// empty and say only whether one is stored (HasPassword).
	Password    string `json:"-"`
	HasPassword bool
}

// MailboxSecurity is how the connection to the IMAP server is protected.
type MailboxSecurity string

// Mailbox securities: TLS from the start (port 993), STARTTLS (port 143),
// or none, which only a server on this machine (loopback) may use.
const (
	MailboxTLS      MailboxSecurity = "tls"
	MailboxStartTLS MailboxSecurity = "starttls"
	MailboxPlain    MailboxSecurity = "none"
)

// Configured says whether the organization has a mailbox to read.
func (m Mailbox) Configured() bool { return m.Host != "" }

// Address is "host:port".
func (m Mailbox) Address() string { return net.JoinHostPort(m.Host, strconv.Itoa(m.Port)) }

// Validate checks the settings and fills in the defaults (port by
// security, folder INBOX). An empty host turns the mailbox off and needs
// nothing else.
func (m *Mailbox) Validate() error {
	f := FieldErrors{}
	checkText(f, "host", &m.Host, nameText)
	checkText(f, "username", &m.Username, nameText)
	checkText(f, "folder", &m.Folder, nameText)
	if m.Host == "" {
		return f.Err("mailbox")
	}
	if strings.ContainsAny(m.Host, " /:@") && net.ParseIP(m.Host) == nil {
		f.Add("host", "Enter the IMAP server's name, such as imap.example.org, without a port or scheme.")
	}
	switch m.Security {
	case "":
		m.Security = MailboxTLS
	case MailboxTLS, MailboxStartTLS:
	case MailboxPlain:
		if !loopbackHost(m.Host) {
			f.Add("security", "Without TLS the password would cross the network in clear: only a server on this machine (127.0.0.1, ::1, localhost) may be used without it.")
		}
	default:
		f.Add("security", "Choose tls, starttls or none.")
	}
	if m.Port == 0 {
		m.Port = 993
		if m.Security != MailboxTLS {
			m.Port = 143
		}
	}
	if m.Port < 1 || m.Port > 65535 {
		f.Add("port", "Enter a port from 1 to 65535 (993 for TLS, 143 for STARTTLS).")
	}
	if m.Username == "" {
		f.Add("username", "Enter the user name the mailbox signs in with.")
	}
	if m.Folder == "" {
		m.Folder = "INBOX"
	}
	if utf8.RuneCountInString(m.Password) > 1000 || !utf8.ValidString(m.Password) || strings.IndexFunc(m.Password, unicode.IsControl) >= 0 {
		f.Add("password", "The password must be at most 1000 characters, without tabs, line breaks or other control characters.")
	}
	return f.Err("mailbox")
}

func loopbackHost(h string) bool {
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// MailboxState is how reading the mailbox goes: where it is in the
// mailbox (the IMAP UIDVALIDITY and the last UID taken, so that no message
// is taken twice, across restarts too), the last poll, the last problem,
// and how many messages were taken.
type MailboxState struct {
	TenantID    int64
	UIDValidity uint32
	LastUID     uint32
	LastPollAt  time.Time // zero: never
	// LastError is the last poll's problem in plain words; empty when the
	// last poll went well. LastErrorAt is when it happened.
	LastError   string
	LastErrorAt time.Time
	// Idle says whether the server offers IDLE (new mail is taken at once)
	// rather than being asked at an interval.
	Idle bool
	// Taken counts the messages handed to the inbound handler that were
	// new to it.
	Taken int
	// Problems are the messages not taken (yet): failing ones are tried
	// again later, too large or refused ones stay in the mailbox.
	Problems []MailboxProblem
}

// MailboxProblem is a message of the mailbox that could not be taken.
type MailboxProblem struct {
	UIDValidity uint32
	UID         uint32
	Size        int64
	Status      MailboxProblemStatus
	Attempts    int
	Reason      string
	FirstAt     time.Time
	NextAttempt time.Time // failing ones: when it is tried again
}

// MailboxProblemStatus says what became of a message not taken.
type MailboxProblemStatus string

// What became of a message not taken.
const (
	MailboxFailing  MailboxProblemStatus = "failing"   // tried again later
	MailboxTooLarge MailboxProblemStatus = "too-large" // larger than the inbound limit: left in the mailbox, unread
	MailboxRefused  MailboxProblemStatus = "refused"   // not an e-mail the handler can read: left in the mailbox
)

// MailboxAccount is what the poller needs of one organization: its
// mailbox with the password, and where reading it stands.
type MailboxAccount struct {
	Slug    string
	Mailbox Mailbox // with its Password
	State   MailboxState
}

// MailboxReader reads an organization's mailbox settings (without the
// password) and how reading it goes.
type MailboxReader interface {
	Mailbox(ctx context.Context, tenantID int64) (Mailbox, error)
	MailboxState(ctx context.Context, tenantID int64) (MailboxState, error)
}

// MailboxService keeps the mailboxes and the poller's progress.
type MailboxService interface {
	MailboxReader
	// SaveMailbox stores m; an empty Password keeps the stored one, an
	// empty Host removes the settings and the password.
	SaveMailbox(ctx context.Context, m *Mailbox) error
	// MailboxAccounts lists the organizations with a mailbox, with their
	// passwords; tenantID 0 means every organization.
	MailboxAccounts(ctx context.Context, tenantID int64) ([]MailboxAccount, error)
	// ResetMailboxPosition starts reading a mailbox anew under another
	// UIDVALIDITY: the last UID is 0, the old problems are forgotten.
	ResetMailboxPosition(ctx context.Context, tenantID int64, uidValidity uint32) error
	// MailboxTaken records that message uid was handed to the handler:
	// the position moves past it, any problem of it is forgotten, and
	// Taken rises when it was new.
	MailboxTaken(ctx context.Context, tenantID int64, uidValidity, uid uint32, isNew bool) error
	// MailboxProblem records a message not taken; the position moves past
	// it (a failing one is tried again from the problems, at NextAttempt).
	MailboxProblem(ctx context.Context, tenantID int64, p MailboxProblem) error
	// RecordMailboxPoll notes a poll at at: its problem (empty when it
	// went well) and whether the server offers IDLE.
	RecordMailboxPoll(ctx context.Context, tenantID int64, at time.Time, problem string, idle bool) error
}
