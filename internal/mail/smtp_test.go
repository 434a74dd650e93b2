package mail_test

import (
	"context"
	"errors"
	"net"
	netmail "net/mail"
	"strconv"
	"strings"
	"testing"
	"time"

	"itinera/internal/mail"
	"itinera/internal/mail/mailtest"
)

const installation = "outbox@itinera.example"

func mustSMTP(t *testing.T, srv *mailtest.Server, sec mail.Security, user, pass string) *mail.SMTP {
	t.Helper()
	s, err := mail.NewSMTP(mail.Config{Host: srv.Host, Port: srv.Port, Security: sec, Username: user, Password: pass,
		From: netmail.Address{Address: installation}, Timeout: 5 * time.Second, TLSConfig: srv.ClientTLS,
		Now: func() time.Time { return date }})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSMTPSendsOverEachSecurityMode(t *testing.T) {
	t.Parallel()
	cases := []struct {
		sec        mail.Security
		user, pass string
	}{
		{mail.SecurityNone, "", ""},
		{mail.SecuritySTARTTLS, "officer", "s3cret-pass"},
		{mail.SecurityTLS, "officer", "s3cret-pass"},
	}
	for _, c := range cases {
		t.Run(string(c.sec), func(t *testing.T) {
			t.Parallel()
			srv := mailtest.Start(t, mailtest.Options{Security: string(c.sec), Username: c.user, Password: c.pass})
			m := invitation(t)
			if err := mustSMTP(t, srv, c.sec, c.user, c.pass).Send(context.Background(), m); err != nil {
				t.Fatalf("send: %v", err)
			}
			got := srv.Messages()
			if len(got) != 1 {
				t.Fatalf("received %d messages", len(got))
			}
			r := got[0]
			if r.From != installation || len(r.To) != 1 || r.To[0] != "price@example.edu" || r.User != c.user {
				t.Fatalf("envelope from %q to %v as %q", r.From, r.To, r.User)
			}
			checkInvitation(t, mailtest.Parse(t, r.Data), m)
		})
	}
}

func TestSMTPRepliesAreTemporaryOrPermanent(t *testing.T) {
	t.Parallel()
	cases := []struct {
		reply     error
		permanent bool
		code      int
	}{
		{mailtest.TempError("Mailbox busy, try later"), false, 451},
		{mailtest.PermError("No such user here"), true, 550},
	}
	for _, c := range cases {
		t.Run(c.reply.Error(), func(t *testing.T) {
			t.Parallel()
			srv := mailtest.Start(t, mailtest.Options{})
			srv.BeforeAccept(func(mailtest.Received) error { return c.reply })
			err := mustSMTP(t, srv, mail.SecurityNone, "", "").Send(context.Background(), invitation(t))
			var me *mail.Error
			if !errors.As(err, &me) || me.Permanent != c.permanent || me.Code != c.code || mail.IsPermanent(err) != c.permanent {
				t.Fatalf("error %#v, want permanent=%v code %d", err, c.permanent, c.code)
			}
			if r := mail.Reason(err); !strings.Contains(r, "mail server") || !strings.Contains(r, strconv.Itoa(c.code)) {
				t.Fatalf("reason %q", r)
			}
			if len(srv.Messages()) != 0 {
				t.Fatal("a refused message was stored")
			}
		})
	}
}

func TestSMTPConnectionProblemsAreTemporary(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	plain := mailtest.Start(t, mailtest.Options{})
	authed := mailtest.Start(t, mailtest.Options{Security: "tls", Username: "officer", Password: "right"})
	cases := map[string]func() error{
		"nobody listens": func() error {
			s, err := mail.NewSMTP(mail.Config{Host: "127.0.0.1", Port: closed, Security: mail.SecurityNone,
				From: netmail.Address{Address: installation}, Timeout: 2 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			return s.Send(context.Background(), invitation(t))
		},
		"no STARTTLS offered": func() error {
			return mustSMTP(t, plain, mail.SecuritySTARTTLS, "", "").Send(context.Background(), invitation(t))
		},
		"wrong password": func() error {
			return mustSMTP(t, authed, mail.SecurityTLS, "officer", "wrong").Send(context.Background(), invitation(t))
		},
	}
	for name, send := range cases {
		t.Run(name, func(t *testing.T) {
			err := send()
			if err == nil || mail.IsPermanent(err) || !strings.Contains(mail.Reason(err), "mail server") {
				t.Fatalf("error %v (reason %q), want a temporary one about the server", err, mail.Reason(err))
			}
		})
	}
}

func TestSMTPCancelEndsTheConversation(t *testing.T) {
	t.Parallel()
	srv := mailtest.Start(t, mailtest.Options{})
	release := make(chan struct{})
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	srv.BeforeAccept(func(mailtest.Received) error {
		cancel()
		<-release // a slow server
		return nil
	})
	start := time.Now()
	err := mustSMTP(t, srv, mail.SecurityNone, "", "").Send(ctx, invitation(t))
	if err == nil || mail.IsPermanent(err) {
		t.Fatalf("error %v, want a temporary one", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("cancelled send took %s", d)
	}
}
