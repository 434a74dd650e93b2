package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/textproto"

	gomail "github.com/wneessen/go-mail"
)

// Sender delivers one message. Its errors say whether they are permanent
// (IsPermanent) and why (Reason).
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// SMTP sends each message over its own connection to one SMTP server.
// It is safe for concurrent use.
type SMTP struct {
	cfg Config
}

var _ Sender = (*SMTP)(nil)

// NewSMTP checks cfg and returns a sender.
func NewSMTP(cfg Config) (*SMTP, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &SMTP{cfg: cfg}, nil
}

// Send delivers m. Cancelling ctx aborts the conversation at once; whether
// the server then kept the message is unknown, so the caller must treat it
// as possibly sent (the outbox resends it with the same Message-ID).
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg, err := Compose(m, s.cfg.Now())
	if err != nil {
		return err
	}
	if err := msg.EnvelopeFrom(s.cfg.From.Address); err != nil {
		return permanent("The installation's sender address is not valid.", err)
	}
	var raw net.Conn // the connection, closed when ctx ends
	client, err := gomail.NewClient(s.cfg.Host, s.options(&raw)...)
	if err != nil {
		return permanent("The mail settings are not valid.", err)
	}
	conn, err := client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return connectError(err)
	}
	// go-mail watches ctx only while dialing; a stopped worker must not
	// wait for a slow server, so end the conversation when ctx ends.
	stop := context.AfterFunc(ctx, func() { raw.Close() })
	defer stop()
	// A failed QUIT after the message was accepted does not unsend it.
	defer func() { _ = client.CloseWithSMTPClient(conn) }()
	if err := client.SendWithSMTPClient(conn, msg); err != nil {
		return sendError(err)
	}
	return nil
}

func (s *SMTP) options(raw *net.Conn) []gomail.Option {
	tc := &tls.Config{ServerName: s.cfg.Host, MinVersion: tls.VersionTLS12}
	if s.cfg.TLSConfig != nil {
		tc = s.cfg.TLSConfig.Clone()
		if tc.ServerName == "" {
			tc.ServerName = s.cfg.Host
		}
	}
	opts := []gomail.Option{
		gomail.WithPort(s.cfg.Port),
		gomail.WithTimeout(s.cfg.Timeout),
		gomail.WithTLSConfig(tc),
		gomail.WithDialContextFunc(s.dialer(tc, raw)),
	}
	if s.cfg.HELO != "" {
		opts = append(opts, gomail.WithHELO(s.cfg.HELO))
	}
	switch s.cfg.Security {
	case SecuritySTARTTLS:
		opts = append(opts, gomail.WithTLSPortPolicy(gomail.TLSMandatory))
	default: // none, or tls: the dialer already speaks TLS
		opts = append(opts, gomail.WithTLSPortPolicy(gomail.NoTLS))
	}
	if s.cfg.Username != "" {
		opts = append(opts, gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthSCRAMSHA256, gomail.SMTPAuthPlain, gomail.SMTPAuthLogin),
			gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	return opts
}

// dialer connects, with TLS from the start in tls mode, and keeps the
// connection in raw.
func (s *SMTP) dialer(tc *tls.Config, raw *net.Conn) gomail.DialContextFunc {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		var conn net.Conn
		var err error
		if s.cfg.Security == SecurityTLS {
			conn, err = (&tls.Dialer{NetDialer: &d, Config: tc}).DialContext(ctx, network, addr)
		} else {
			conn, err = d.DialContext(ctx, network, addr)
		}
		*raw = conn
		return conn, err
	}
}

// connectError classifies a failure before the message was offered:
// the server or the settings, never the message, so it is temporary.
func connectError(err error) error {
	var tp *textproto.Error
	if errors.As(err, &tp) {
		return &Error{Code: tp.Code, Reason: "The mail server did not let us send", Err: err}
	}
	return &Error{Reason: "Could not reach the mail server", Err: err}
}

// sendError classifies a failure while offering the message: a 5xx reply
// is permanent, anything else temporary.
func sendError(err error) error {
	var se *gomail.SendError
	if errors.As(err, &se) {
		code := se.ErrorCode()
		if code >= 500 && code < 600 {
			return &Error{Permanent: true, Code: code, Reason: "The mail server refused this message", Err: err}
		}
		return &Error{Code: code, Reason: "The mail server could not take this message now", Err: err}
	}
	return &Error{Reason: "Sending was interrupted", Err: err}
}
