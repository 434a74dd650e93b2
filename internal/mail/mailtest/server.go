// Package mailtest runs a real SMTP server on loopback for tests and
// parses what it receives. It is imported by tests only.
package mailtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Options configure Start.
type Options struct {
	Security string // "none" (default), "starttls" or "tls"
	Username string // when set, AUTH PLAIN with Password is required
	Password string
}

// Received is one message the server accepted.
type Received struct {
	From string
	To   []string
	Data []byte
	User string // the authenticated user, if any
}

// Server is a running SMTP server. Host and Port are where to connect;
// ClientTLS trusts the server's certificate.
type Server struct {
	Host      string
	Port      int
	ClientTLS *tls.Config

	opts   Options
	mu     sync.Mutex
	got    []Received
	before func(Received) error
	after  func(Received)
	notify chan struct{}
}

// Start runs a server until the test ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	s := &Server{opts: opts, notify: make(chan struct{}, 1)}
	serverTLS, clientTLS := selfSigned(t)
	s.ClientTLS = clientTLS
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{srv: s}, nil }))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.MaxMessageBytes = 10 << 20
	srv.MaxRecipients = 10
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mailtest: listen: %v", err)
	}
	switch opts.Security {
	case "", "none":
	case "starttls":
		srv.TLSConfig = serverTLS
	case "tls":
		ln = tls.NewListener(ln, serverTLS)
	default:
		t.Fatalf("mailtest: unknown security %q", opts.Security)
	}
	addr := ln.Addr().(*net.TCPAddr)
	s.Host, s.Port = "127.0.0.1", addr.Port
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return s
}

// BeforeAccept sets a hook that sees each message before it is accepted;
// an error refuses it (use TempError or PermError for the reply).
func (s *Server) BeforeAccept(fn func(Received) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.before = fn
}

// AfterAccept sets a hook that runs once a message is stored, before the
// server's "250 OK" reply is written.
func (s *Server) AfterAccept(fn func(Received)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.after = fn
}

// Messages returns what the server accepted so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.got...)
}

// WaitFor waits until at least n messages arrived and returns them all.
func (s *Server) WaitFor(t testing.TB, n int, timeout time.Duration) []Received {
	t.Helper()
	deadline := time.After(timeout)
	for {
		if got := s.Messages(); len(got) >= n {
			return got
		}
		select {
		case <-s.notify:
		case <-deadline:
			t.Fatalf("mailtest: %d messages arrived within %s, want %d", len(s.Messages()), timeout, n)
		}
	}
}

// TempError is a "try again later" reply.
func TempError(msg string) error {
	return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: msg}
}

// PermError is a "never" reply.
func PermError(msg string) error {
	return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: msg}
}

type session struct {
	srv  *Server
	user string
	msg  Received
}

func (se *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (se *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, username, password string) error {
		if username != se.srv.opts.Username || password != se.srv.opts.Password {
			return errors.New("invalid username or password")
		}
		se.user = username
		return nil
	}), nil
}

func (se *session) Mail(from string, _ *smtp.MailOptions) error {
	if se.srv.opts.Username != "" && se.user == "" {
		return smtp.ErrAuthRequired
	}
	se.msg = Received{From: from, User: se.user}
	return nil
}

func (se *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	se.msg.To = append(se.msg.To, to)
	return nil
}

func (se *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	se.msg.Data = b
	s := se.srv
	s.mu.Lock()
	before, after := s.before, s.after
	s.mu.Unlock()
	if before != nil {
		if err := before(se.msg); err != nil {
			return err
		}
	}
	s.mu.Lock()
	s.got = append(s.got, se.msg)
	s.mu.Unlock()
	select {
	case s.notify <- struct{}{}:
	default:
	}
	if after != nil {
		after(se.msg)
	}
	return nil
}

func (se *session) Reset()        { se.msg = Received{} }
func (se *session) Logout() error { return nil }

// selfSigned makes a certificate for 127.0.0.1 and localhost and a client
// configuration that trusts it.
func selfSigned(t testing.TB) (server, client *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "mailtest"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}},
		&tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
}
