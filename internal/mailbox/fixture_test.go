package mailbox_test

import (
	"context"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/demo"
	"itinera/internal/inbound/inboundtest"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

var ctx = context.Background()

var cheap = auth.PasswordHasher{Memory: 1024, Time: 1, Threads: 1}

// org is the demo program loaded into one organization of a store, with
// the application layer on it.
type org struct {
	t       testing.TB
	s       *store.Store
	a       *app.App
	c       app.Caller // its administrator
	tenant  itinera.Tenant
	program itinera.Program
}

// mustOrg loads the demo into a new organization named slug ("" for the
// demo's own), whose e-mail goes out from programs@SLUG.example.org.
func mustOrg(t testing.TB, s *store.Store, slug string) *org {
	t.Helper()
	o := &org{t: t, s: s, tenant: demo.Tenant()}
	if slug != "" {
		o.tenant.Slug, o.tenant.Name = slug, "Organization "+slug
	}
	must(t, s.CreateTenant(ctx, &o.tenant))
	pid, err := demo.Load(ctx, s.Services(), o.tenant.ID, storetest.Now())
	must(t, err)
	if o.program, err = s.Program(ctx, o.tenant.ID, pid); err != nil {
		t.Fatal(err)
	}
	admin := itinera.User{TenantID: o.tenant.ID, Email: "officer@" + o.tenant.Slug + ".example.org", Name: "Demo Officer", Role: itinera.RoleAdmin}
	h, _ := cheap.Hash("correct horse battery staple")
	must(t, s.CreateUser(ctx, &admin, h))
	if o.a, err = app.New(app.Config{Store: s.Services(), Tx: s, Now: storetest.Now, Hasher: cheap}); err != nil {
		t.Fatal(err)
	}
	o.c = app.Caller{User: admin, Site: "https://itinera.example.org"}
	st, err := s.Settings(ctx, o.tenant.ID)
	must(t, err)
	st.MailFromAddress, st.MailFromName = "programs@"+o.tenant.Slug+".example.org", "Programs"
	_, err = o.a.UpdateSettings(ctx, o.c, st)
	must(t, err)
	return o
}

func (o *org) meeting(title string) itinera.Meeting {
	o.t.Helper()
	ms, err := o.s.Meetings(ctx, o.tenant.ID, o.program.ID)
	must(o.t, err)
	for _, m := range ms {
		if strings.Contains(m.Title, title) {
			return m
		}
	}
	o.t.Fatalf("no meeting %q", title)
	return itinera.Meeting{}
}

func (o *org) outbox() []itinera.OutboxMessage {
	o.t.Helper()
	msgs, err := o.s.OutboxMessages(ctx, o.tenant.ID, itinera.OutboxFilter{Limit: 500})
	must(o.t, err)
	return msgs
}

// declinesTold counts the officer's "Declined:" messages in the outbox.
func (o *org) declinesTold() int {
	n := 0
	for _, m := range o.outbox() {
		if m.To == "programs@"+o.tenant.Slug+".example.org" && strings.HasPrefix(m.Subject, "Declined:") {
			n++
		}
	}
	return n
}

func (o *org) request(id int64) itinera.Request {
	o.t.Helper()
	r, err := o.s.Request(ctx, o.tenant.ID, id)
	must(o.t, err)
	return r
}

func (o *org) inbound() []itinera.InboundMessage {
	o.t.Helper()
	list, err := o.a.InboundMessages(ctx, o.c, 0)
	must(o.t, err)
	return list
}

func (o *org) state() itinera.MailboxState {
	o.t.Helper()
	st, err := o.s.MailboxState(ctx, o.tenant.ID)
	must(o.t, err)
	return st
}

// setMailbox points the organization at a Dovecot user.
func (o *org) setMailbox(port int, user, password, folder string) {
	o.t.Helper()
	_, _, err := o.a.UpdateMailbox(ctx, o.c, itinera.Mailbox{Host: "127.0.0.1", Port: port, Security: itinera.MailboxPlain,
		Username: user, Password: password, Folder: folder})
	must(o.t, err)
}

// requestSent asks the Missouri Attorney General's office for its
// meeting: the contact has the request with its invitation.
func (o *org) requestSent() (itinera.Request, invitation) {
	o.t.Helper()
	m := o.meeting("Missouri Attorney General")
	rq, err := o.a.CreateRequest(ctx, o.c, itinera.Request{MeetingID: m.ID, ContactID: m.ContactID, Windows: m.Windows[:1]}, true)
	must(o.t, err)
	sent := o.outbox()[0]
	return rq, invitation{uid: "meeting-" + strconv.FormatInt(m.ID, 10) + "@" + o.tenant.Slug + ".itinera", seq: "0", messageID: sent.MessageID}
}

// The client messages of internal/inbound/testdata answer an invitation
// of meeting-17 sent as <k3v7…@itinera.example.org>; mail() makes them
// answer another, as internal/app's tests do: their UID, SEQUENCE and
// Message-ID replaced, in plain and in base64 parts alike.
const (
	fileUID       = inboundtest.FileUID
	fileMessageID = inboundtest.FileMessageID
)

type invitation struct{ uid, seq, messageID string }

// more are further pairs of old and new text to replace (a COUNTER's
// proposed times).
func mail(t testing.TB, file string, to invitation, messageID string, more ...string) []byte {
	t.Helper()
	raw := inboundtest.Fixture(t, file, func(s string) string { return s })
	extra := strings.NewReplacer(more...)
	swap := func(s string) string {
		s = strings.ReplaceAll(s, fileUID, to.uid)
		s = strings.ReplaceAll(s, fileMessageID, to.messageID)
		return extra.Replace(strings.ReplaceAll(s, "SEQUENCE:0", "SEQUENCE:"+to.seq))
	}
	out := inboundtest.Rewrite(raw, swap)
	if messageID != "" {
		out = inboundtest.WithMessageID(out, messageID)
	}
	return out
}

// eventually waits, generously, until cond holds.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited a minute for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// freeClosedPort is a loopback port nothing listens on.
func freeClosedPort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return port
}
