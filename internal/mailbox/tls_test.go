package mailbox_test

import (
	"crypto/tls"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/mailbox"
	"itinera/internal/mailbox/dovecottest"
	"itinera/internal/storetest"
)

// TestPollOverTLS reads a Dovecot that speaks TLS, from the start (port
// "993") and through STARTTLS ("143"), checking its certificate: a
// certificate nobody vouches for, and TLS asked of the plain port, are
// refused and said in plain words.
func TestPollOverTLS(t *testing.T) {
	t.Parallel()
	dc := dovecottest.StartWithTLS(t, map[string]string{"stl": "stl-mailbox-secret"})
	s := storetest.SQLite(t)
	o := mustOrg(t, s, "")
	_, inv := o.requestSent()
	trusted := mailbox.New(o.a, mailbox.Config{TLS: &tls.Config{RootCAs: dc.Roots}})
	set := func(port int, sec itinera.MailboxSecurity) {
		t.Helper()
		_, _, err := o.a.UpdateMailbox(ctx, o.c, itinera.Mailbox{Host: "127.0.0.1", Port: port, Security: sec,
			Username: "stl", Password: "stl-mailbox-secret"})
		must(t, err)
	}

	set(dc.TLSPort, itinera.MailboxTLS)
	if _, err := mailbox.New(o.a, mailbox.Config{}).PollOnce(ctx, o.tenant.ID); err == nil ||
		!strings.HasPrefix(o.state().LastError, "The server's certificate is not trusted") {
		t.Fatalf("untrusted: %v, %q", err, o.state().LastError)
	}
	dc.Append(t, "stl", "INBOX", mail(t, "outlook_accept.eml", inv, ""))
	sum, err := trusted.PollOnce(ctx, o.tenant.ID)
	if err != nil || sum.Taken != 1 || o.state().LastError != "" {
		t.Fatalf("TLS: %+v %v %q", sum, err, o.state().LastError)
	}

	set(dc.Port, itinera.MailboxStartTLS)
	dc.Append(t, "stl", "INBOX", mail(t, "apple_tentative.eml", inv, ""))
	if sum, err = trusted.PollOnce(ctx, o.tenant.ID); err != nil || sum.Taken != 1 || o.state().LastError != "" {
		t.Fatalf("STARTTLS: %+v %v %q", sum, err, o.state().LastError)
	}

	set(dc.Port, itinera.MailboxTLS)
	if _, err := trusted.PollOnce(ctx, o.tenant.ID); err == nil || !strings.Contains(o.state().LastError, "does not speak TLS") {
		t.Fatalf("TLS on the plain port: %v, %q", err, o.state().LastError)
	}
}
