package mailbox

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"os"
	"strings"
	"syscall"

	"github.com/emersion/go-imap/v2"

	"itinera"
)

// problem is a failure already said in plain words for the officer.
type problem struct {
	words string
	err   error
}

func (p *problem) Error() string {
	if p.err == nil {
		return p.words
	}
	return p.words + " (" + p.err.Error() + ")"
}

func (p *problem) Unwrap() error { return p.err }

// storeError is a failure to record what was read: Itinera's own, whose
// text stays in the log.
type storeError struct{ err error }

func (e *storeError) Error() string { return "recording the mailbox's progress: " + e.err.Error() }
func (e *storeError) Unwrap() error { return e.err }

// stored marks err (if any) as a failure to record.
func stored(err error) error {
	if err == nil {
		return nil
	}
	return &storeError{err}
}

// plainWords says what went wrong in words an administrator acts on;
// never the password, which no error here carries.
func plainWords(err error) string {
	var pr *problem
	var dns *net.DNSError
	var cert *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var recordHeader tls.RecordHeaderError
	var ie *imap.Error
	var se *storeError
	switch {
	case errors.As(err, &pr):
		return pr.words
	case errors.As(err, &se):
		return "Itinera could not record what it read (the server's log says why); it reads the mailbox again later."
	case errors.As(err, &dns):
		return "The server name " + dns.Name + " is not known: check the host."
	case errors.Is(err, syscall.ECONNREFUSED):
		return "Nothing answers at the server's address and port: check the host and port, and that the server runs."
	case errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return "The server did not answer in time."
	case errors.As(err, &hostname):
		return "The server's certificate is not for this host name: check the host (" + hostname.Host + ")."
	case errors.As(err, &cert), errors.As(err, &unknownAuth):
		return "The server's certificate is not trusted (" + err.Error() + ")."
	case errors.As(err, &recordHeader):
		return "The server does not speak TLS on this port: choose STARTTLS (port 143) or the TLS port (993)."
	case errors.As(err, &ie):
		return "The server said: " + serverText(err)
	case itinera.ErrorCode(err) != "" && itinera.ErrorCode(err) != itinera.EINTERNAL:
		return itinera.ErrorMessage(err)
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return "The connection to the server failed (" + err.Error() + ")."
	}
	return "Reading the mailbox failed (" + err.Error() + ")."
}

// serverText is the text of an IMAP error response, or the error.
func serverText(err error) string {
	var ie *imap.Error
	if errors.As(err, &ie) && ie.Text != "" {
		return ie.Text
	}
	return err.Error()
}

// EnvPassword is the environment variable that gives the password of an
// organization's mailbox: ITINERA_IMAP_<SLUG>_PASSWORD, the slug in
// capitals with its hyphens as underscores (stl-global: ITINERA_IMAP_STL_GLOBAL_PASSWORD).
func EnvPassword(slug string) string {
	return "ITINERA_IMAP_" + strings.ToUpper(strings.ReplaceAll(slug, "-", "_")) + "_PASSWORD"
}
