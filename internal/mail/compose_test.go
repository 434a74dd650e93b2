package mail_test

import (
	"bytes"
	"mime"
	netmail "net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/mail"
	"itinera/internal/mail/mailtest"
)

var date = time.Date(2026, 11, 2, 15, 0, 0, 0, time.UTC)

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func invitation(t testing.TB) mail.Message {
	return mail.Message{
		From: netmail.Address{Name: "World Affairs St. Louis", Address: "programs@worldaffairs.example"},
		OutboxMessage: itinera.OutboxMessage{
			ID: 7, TenantID: 1, MessageID: "<abc123@worldaffairs.example>",
			To:       "Dr. Rumi Price <price@example.edu>",
			Subject:  "Invitation: Combating Trafficking in Persons – Monday 9:30",
			TextBody: "Dear Dr. Price,\n\nThank you for meeting our delegation on Monday at 9:30.\n",
			HTMLBody: "<p>Dear Dr. Price,</p><p>Thank you for meeting our delegation on Monday at 9:30.</p>",
			Calendar: readFile(t, "invite.ics"), CalendarMethod: "REQUEST",
		},
	}
}

func render(t testing.TB, m mail.Message) *mailtest.Parsed {
	t.Helper()
	var b bytes.Buffer
	if err := mail.Render(&b, m, date); err != nil {
		t.Fatalf("render: %v", err)
	}
	return mailtest.Parse(t, b.Bytes())
}

func TestComposeInvitation(t *testing.T) {
	t.Parallel()
	m := invitation(t)
	p := render(t, m)
	checkInvitation(t, p, m)
	if got, err := p.Header.Date(); err != nil || !got.Equal(date) {
		t.Errorf("Date %v (%v), want %v", got, err, date)
	}
}

// checkInvitation asserts the headers and parts of a composed invitation.
func checkInvitation(t *testing.T, p *mailtest.Parsed, m mail.Message) {
	t.Helper()
	const structure = "multipart/mixed(multipart/alternative(text/plain text/html text/calendar) application/ics)"
	if p.Structure != structure {
		t.Fatalf("structure %s, want %s", p.Structure, structure)
	}
	if got := p.Header.Get("Message-Id"); got != m.MessageID {
		t.Errorf("Message-ID %q, want %q", got, m.MessageID)
	}
	from, err := p.Header.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Name != m.From.Name || from[0].Address != m.From.Address {
		t.Errorf("From %v (%v)", from, err)
	}
	to, err := p.Header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Address != "price@example.edu" || to[0].Name != "Dr. Rumi Price" {
		t.Errorf("To %v (%v)", to, err)
	}
	for _, h := range []string{"Cc", "Bcc", "Reply-To"} {
		if v := p.Header.Get(h); v != "" {
			t.Errorf("%s: %q: a message names only its one recipient", h, v)
		}
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(p.Header.Get("Subject"))
	if err != nil || subject != m.Subject {
		t.Errorf("Subject %q (%v), want %q", subject, err, m.Subject)
	}
	if got := string(p.Part("text/plain").Body); strings.ReplaceAll(got, "\r\n", "\n") != m.TextBody {
		t.Errorf("text body %q", got)
	}
	if got := string(p.Part("text/html").Body); got != m.HTMLBody {
		t.Errorf("HTML body %q", got)
	}
	cal := p.Part("text/calendar")
	if cal.Params["method"] != m.CalendarMethod || !strings.EqualFold(cal.Params["charset"], "utf-8") {
		t.Errorf("calendar part parameters %v", cal.Params)
	}
	if string(cal.Body) != m.Calendar {
		t.Errorf("calendar part changed in transit:\n%q\nwant\n%q", cal.Body, m.Calendar)
	}
	ics := p.Part("application/ics")
	_, disp, err := mime.ParseMediaType(ics.Header.Get("Content-Disposition"))
	if err != nil || disp["filename"] != "invite.ics" || !strings.HasPrefix(ics.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("attachment disposition %q (%v)", ics.Header.Get("Content-Disposition"), err)
	}
	if string(ics.Body) != m.Calendar {
		t.Errorf("attached calendar differs")
	}
}

func TestComposePlainAndCancel(t *testing.T) {
	t.Parallel()
	m := invitation(t)
	m.HTMLBody, m.Calendar, m.CalendarMethod = "", "", ""
	if p := render(t, m); p.Structure != "text/plain" {
		t.Fatalf("text only: %s", p.Structure)
	}
	m = invitation(t)
	m.Calendar, m.CalendarMethod = readFile(t, "cancel.ics"), "" // the method is taken from the calendar
	p := render(t, m)
	if got := p.Part("text/calendar").Params["method"]; got != "CANCEL" {
		t.Fatalf("cancellation method %q", got)
	}
}

func TestComposeRefusesWhatCannotBeSent(t *testing.T) {
	t.Parallel()
	cases := map[string]func(m *mail.Message){
		"method disagrees": func(m *mail.Message) { m.CalendarMethod = "CANCEL" },
		"no method":        func(m *mail.Message) { m.Calendar, m.CalendarMethod = readFile(t, "no-method.ics"), "" },
		"two recipients":   func(m *mail.Message) { m.To = "price@example.edu, other@example.edu" },
		"no Message-ID":    func(m *mail.Message) { m.MessageID = "" },
		"header injection": func(m *mail.Message) { m.Subject = "Hi\r\nBcc: everyone@example.org" },
		"bad sender":       func(m *mail.Message) { m.From.Address = "not an address" },
	}
	for name, change := range cases {
		t.Run(name, func(t *testing.T) {
			m := invitation(t)
			change(&m)
			err := mail.Render(&bytes.Buffer{}, m, date)
			if err == nil || !mail.IsPermanent(err) || mail.Reason(err) == "" {
				t.Fatalf("error %v, want a permanent one with a reason", err)
			}
		})
	}
}

func TestCalendarMethod(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"invite.ics":    "REQUEST",
		"cancel.ics":    "CANCEL",
		"no-method.ics": "", // METHOD inside VEVENT does not count
		"folded.ics":    "CANCEL",
	}
	for name, want := range cases {
		if got := mail.CalendarMethod(readFile(t, name)); got != want {
			t.Errorf("%s: method %q, want %q", name, got, want)
		}
	}
	if got := mail.CalendarMethod(""); got != "" {
		t.Errorf("empty: %q", got)
	}
}

func FuzzCalendarMethod(f *testing.F) {
	for _, name := range []string{"invite.ics", "cancel.ics", "no-method.ics", "folded.ics"} {
		f.Add(readFile(f, name))
	}
	f.Add("BEGIN:VCALENDAR\nMETHOD;X=1:publish\n")
	f.Fuzz(func(t *testing.T, ics string) {
		got := mail.CalendarMethod(ics)
		if got != strings.ToUpper(got) || strings.Trim(got, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
			t.Fatalf("method %q", got)
		}
	})
}

// A message's files go after the text, each in its own part with its name
// and type, byte for byte; a file of another type, or one named like the
// invitation's calendar, cannot be sent.
func TestComposeAttachments(t *testing.T) {
	t.Parallel()
	m := invitation(t)
	m.HTMLBody, m.Calendar, m.CalendarMethod = "", "", ""
	pdf := []byte("%PDF-1.7\n\x00\x01\x02 binary\r\n%%EOF")
	ics := []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
	m.Attachments = []itinera.OutboxAttachment{{Name: "delegation-book.pdf", ContentType: "application/pdf", Data: pdf},
		{Name: "program.ics", ContentType: "text/calendar", Data: ics}}
	p := render(t, m)
	if p.Structure != "multipart/mixed(text/plain application/pdf text/calendar)" {
		t.Fatalf("structure %s", p.Structure)
	}
	got := p.Part("application/pdf")
	if !bytes.Equal(got.Body, pdf) || !strings.Contains(got.Header.Get("Content-Disposition"), `filename="delegation-book.pdf"`) {
		t.Errorf("the PDF: %q, %q", got.Body, got.Header.Get("Content-Disposition"))
	}
	if !bytes.Equal(p.Part("text/calendar").Body, ics) {
		t.Error("the calendar file changed")
	}
	for _, a := range []itinera.OutboxAttachment{{Name: "x.exe", ContentType: "application/octet-stream", Data: pdf},
		{Name: "invite.ics", ContentType: "text/calendar", Data: ics}} {
		m.Attachments = []itinera.OutboxAttachment{a}
		if err := mail.Render(&bytes.Buffer{}, m, date); err == nil || !mail.IsPermanent(err) {
			t.Errorf("%s: %v, want a permanent error", a.Name, err)
		}
	}
}

// TestComposeReplyTo: a message with its request's reply address carries
// it as Reply-To; one without carries none.
func TestComposeReplyTo(t *testing.T) {
	t.Parallel()
	m := invitation(t)
	if p := render(t, m); p.Header.Get("Reply-To") != "" {
		t.Errorf("Reply-To %q without a reply address", p.Header.Get("Reply-To"))
	}
	m.ReplyTo = "programs+r42-0123456789abcdef0123@stl-global.example.org"
	if p := render(t, m); !strings.Contains(p.Header.Get("Reply-To"), m.ReplyTo) {
		t.Errorf("Reply-To %q", p.Header.Get("Reply-To"))
	}
}
