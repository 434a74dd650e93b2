package inbound

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func mustRead(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const ours = "<k3v7q2xw5m4n6p8r2t4y6u8i0o@itinera.example.org>"

// TestParseClients reads each client's message as it writes it: the
// calendar answers of Outlook, Google Calendar, Apple Calendar and
// Thunderbird, a Postfix bounce, an Exchange out-of-office reply and a
// plain reply.
func TestParseClients(t *testing.T) {
	t.Parallel()
	cases := []struct {
		file      string
		from      string
		calendars int
		partstat  string // in the first calendar
		auto      bool
		report    bool
		replyTo   bool // names our message in In-Reply-To/References
		text      string
	}{
		{"outlook_accept.eml", "marcus.hale@example.org", 1, "PARTSTAT=ACCEPTED", false, false, true, "Looking forward to it."},
		{"outlook_decline.eml", "marcus.hale@example.org", 1, "PARTSTAT=DECLINED", false, false, true, "Jefferson City"},
		{"google_accept.eml", "marcus.hale@example.org", 2, "PARTSTAT=ACCEPTED", false, false, false, "Marcus Hale has accepted this invitation."},
		{"apple_tentative.eml", "marcus.hale@example.org", 1, "PARTSTAT=TENTATIVE", false, false, false, "tentatively accepted"},
		{"thunderbird_accept_other_address.eml", "dana.whitfield@example.org", 2, "PARTSTAT=ACCEPTED", false, false, false, "Dana Whitfield has accepted"},
		{"thunderbird_plain_reply.eml", "marcus.hale@example.org", 0, "", false, false, true, "Ana Ruíz"},
		{"exchange_out_of_office.eml", "marcus.hale@example.org", 0, "", true, false, true, "Café meetings"},
		{"outlook_counter.eml", "marcus.hale@example.org", 1, "METHOD:COUNTER", false, false, true, "in the afternoon instead?"},
		{"google_counter.eml", "marcus.hale@example.org", 2, "METHOD:COUNTER", false, false, false, "has proposed a new time for this event"},
		{"postfix_bounce.eml", "mailer-daemon@mail.stl-global.example.org", 0, "", true, true, false, "could not"},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			m, err := Parse(mustRead(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if m.From != tc.from || m.MessageID == "" || m.Subject == "" {
				t.Errorf("from %q, id %q, subject %q", m.From, m.MessageID, m.Subject)
			}
			if len(m.Calendars) != tc.calendars {
				t.Fatalf("%d calendars, want %d", len(m.Calendars), tc.calendars)
			}
			if tc.calendars > 0 {
				unfolded := strings.ReplaceAll(string(m.Calendars[0]), "\r\n ", "")
				if !strings.Contains(unfolded, tc.partstat) || !strings.Contains(unfolded, "UID:meeting-17@stl-global.itinera") {
					t.Errorf("calendar:\n%s", m.Calendars[0])
				}
			}
			if m.AutoReply != tc.auto || (m.Report != nil) != tc.report {
				t.Errorf("auto %v (%s), report %+v", m.AutoReply, m.AutoReason, m.Report)
			}
			named := false
			for _, id := range m.InReplyTo {
				named = named || id == ours
			}
			if named != tc.replyTo {
				t.Errorf("in reply to %v", m.InReplyTo)
			}
			if !strings.Contains(m.Text, tc.text) {
				t.Errorf("text %q lacks %q", m.Text, tc.text)
			}
		})
	}
}

// TestParseBounce reads the Postfix DSN's fields.
func TestParseBounce(t *testing.T) {
	t.Parallel()
	m, err := Parse(mustRead(t, "postfix_bounce.eml"))
	if err != nil {
		t.Fatal(err)
	}
	r := m.Report
	if r == nil || r.OriginalMessageID != ours || r.Recipient != "marcus.hale@example.org" || r.Action != "failed" ||
		r.Status != "5.1.1" || !strings.HasPrefix(r.Diagnostic, "550 5.1.1") || !strings.Contains(r.Diagnostic, "User unknown") || !r.Failed() {
		t.Fatalf("report %+v", r)
	}
}

// TestParseHeaders: encoded words, a missing Message-ID (one is made from
// the content, the same for the same bytes), LF line ends, HTML only
// (reduced to text), and input that is no message.
func TestParseHeaders(t *testing.T) {
	t.Parallel()
	raw := []byte("From: =?ISO-8859-1?Q?Andr=E9?= <ANDRE@Example.org>\nSubject: =?UTF-8?B?UsOpcG9uc2UgYXV0b21hdGlxdWU=?= : absent\n" +
		"Content-Type: text/html; charset=windows-1252\n\n<p>Je suis absent \x96 retour lundi.<script>alert(1)</script></p>\n")
	m, err := Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if m.From != "andre@example.org" || m.FromName != "André" || m.Subject != "Réponse automatique : absent" || !m.AutoReply {
		t.Errorf("%+v", m)
	}
	if m.Text != "Je suis absent – retour lundi." {
		t.Errorf("text %q", m.Text)
	}
	again, _ := Parse(raw)
	if m.MessageID == "" || again.MessageID != m.MessageID {
		t.Errorf("made ids %q %q", m.MessageID, again.MessageID)
	}
	for _, bad := range []string{"", "just some text", "\n\nbody only"} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	// A read receipt (RFC 8098) is a report, but not about delivery.
	mdn, err := Parse([]byte("From: a@example.org\nSubject: Read: x\nContent-Type: multipart/report; report-type=disposition-notification; boundary=b\n\n" +
		"--b\nContent-Type: text/plain\n\nYour message was displayed.\n--b\nContent-Type: message/disposition-notification\n\nDisposition: manual-action/MDN-sent-manually; displayed\n--b--\n"))
	if err != nil || mdn.Report != nil || mdn.Text != "Your message was displayed." {
		t.Errorf("read receipt: %v %+v", err, mdn)
	}
	if _, err := Parse(bytes.Repeat([]byte("a"), MaxBytes+1)); err == nil {
		t.Error("an oversized message was read")
	}
}

// FuzzParse: any input is read without panic, within bounds, and yields
// valid text.
func FuzzParse(f *testing.F) {
	entries, _ := os.ReadDir("testdata")
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".eml") {
			f.Add(mustRead(f, e.Name()))
		}
	}
	f.Add([]byte("Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: multipart/report; boundary=y\n\n--y\n--x--"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := Parse(raw)
		if err != nil {
			return
		}
		if m.MessageID == "" || len(m.Text) > maxText || len(m.Subject) > 300 {
			t.Fatalf("%+v", m)
		}
	})
}

// TestParseRecipientsAndFiles: the addresses a message was for (To, Cc,
// Delivered-To) and its attached files are counted.
func TestParseRecipientsAndFiles(t *testing.T) {
	t.Parallel()
	m, err := Parse(mustRead(t, "google_counter.eml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Recipients) != 1 || m.Recipients[0] != "programs@stl-global.example.org" || m.Attachments != 1 {
		t.Errorf("recipients %v, %d attachments", m.Recipients, m.Attachments)
	}
	raw := "To: A <a@x.example>, b@y.example\r\nCc: c@z.example\r\nDelivered-To: programs+r1@x.example\r\nSubject: x\r\n\r\nhi\r\n"
	if m, err = Parse([]byte(raw)); err != nil {
		t.Fatal(err)
	}
	if strings.Join(m.Recipients, " ") != "a@x.example b@y.example c@z.example programs+r1@x.example" {
		t.Errorf("recipients %v", m.Recipients)
	}
}
