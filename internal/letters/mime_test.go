package letters_test

import (
	"bytes"
	"flag"
	"html"
	"mime"
	netmail "net/mail"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/ical"
	"itinera/internal/mail"
	"itinera/internal/mail/mailtest"
)

var update = flag.Bool("update", false, "rewrite the golden text bodies in testdata/")

// sentAt is the Date of the test messages.
var sentAt = time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)

// expect is what a letter must say, and not say, once it is sent.
type expect struct {
	to      netmail.Address // the one recipient, as a mail client reads it
	subject string
	// said appears in the text/plain part and, as text, in the text/html
	// part: the two alternatives say the same essentials.
	said []string
	// unsaid appears in no part: what the letter's reader must not learn.
	unsaid []string
	// markup is hostile text that both parts show verbatim, the HTML part
	// escaped.
	markup []string
	// method, uid and sequence describe the calendar part; method "" means
	// there must be none.
	method   ical.Method
	uid      string
	sequence int
}

// headers are the only header fields a letter's message may have: no Cc,
// no Bcc, nothing a line break in a name or subject could have added.
var headers = map[string]bool{"From": true, "To": true, "Subject": true, "Date": true, "Message-Id": true,
	"Mime-Version": true, "Content-Type": true, "Content-Transfer-Encoding": true}

// checkSent turns m into the MIME message the SMTP worker sends
// (internal/mail.Compose, as mail.SMTP.Send does), parses it back with
// net/mail, mime/multipart and the transfer decodings (mailtest.Parse),
// and checks it against want. It returns the text/plain body.
func checkSent(t *testing.T, m itinera.OutboxMessage, want expect) string {
	t.Helper()
	if err := m.Validate(); err != nil {
		t.Fatalf("the outbox refuses the letter: %v", err)
	}
	m.MessageID = "<letters-test@itinera.example>"
	msg, err := mail.Compose(mail.Message{From: netmail.Address{Name: "World Affairs St. Louis", Address: "programs@worldaffairs.example"},
		OutboxMessage: m}, sentAt)
	if err != nil {
		t.Fatalf("the mail worker cannot compose the letter: %v", err)
	}
	var raw bytes.Buffer
	if _, err := msg.WriteTo(&raw); err != nil {
		t.Fatal(err)
	}
	p := mailtest.Parse(t, raw.Bytes())

	for k := range p.Header {
		if !headers[k] {
			t.Errorf("unexpected header %s: %q", k, p.Header[k])
		}
	}
	if n := len(p.Header["To"]); n != 1 {
		t.Errorf("%d To headers", n)
	}
	to, err := p.Header.AddressList("To")
	if err != nil || len(to) != 1 {
		t.Fatalf("To %q: %v, want exactly one recipient", p.Header.Get("To"), to)
	}
	if *to[0] != want.to {
		t.Errorf("To %q <%s>, want %q <%s>", to[0].Name, to[0].Address, want.to.Name, want.to.Address)
	}
	for _, h := range []string{"Cc", "Bcc"} {
		if v, ok := p.Header[h]; ok {
			t.Errorf("%s: %q: a letter names only its one recipient", h, v)
		}
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(p.Header.Get("Subject"))
	if err != nil || subject != want.subject {
		t.Errorf("Subject %q (%v), want %q", subject, err, want.subject)
	}
	if strings.ContainsAny(subject, "\r\n") {
		t.Errorf("the subject spans lines: %q", subject)
	}

	structure := "multipart/alternative(text/plain text/html)"
	if want.method != "" {
		structure = "multipart/mixed(multipart/alternative(text/plain text/html text/calendar) application/ics)"
	}
	if p.Structure != structure {
		t.Fatalf("MIME structure %s, want %s", p.Structure, structure)
	}
	textPart, htmlPart := p.Part("text/plain"), p.Part("text/html")
	for _, part := range []*mailtest.Part{textPart, htmlPart} {
		if !strings.EqualFold(part.Params["charset"], "utf-8") {
			t.Errorf("%s charset %q", part.MediaType, part.Params["charset"])
		}
	}
	text := strings.ReplaceAll(string(textPart.Body), "\r\n", "\n")
	if text != m.TextBody {
		t.Errorf("the text/plain part differs from the letter:\n%q\nwant\n%q", text, m.TextBody)
	}
	markup := string(htmlPart.Body)
	shown := htmlText(markup)
	plain := strings.Join(strings.Fields(text), " ")
	for _, s := range want.said {
		s = strings.Join(strings.Fields(s), " ")
		if !strings.Contains(plain, s) {
			t.Errorf("the text/plain part does not say %q:\n%s", s, text)
		}
		if !strings.Contains(shown, s) {
			t.Errorf("the text/html part does not say %q:\n%s", s, shown)
		}
	}
	for _, s := range want.markup {
		if strings.Contains(markup, s) {
			t.Errorf("the HTML part holds %q unescaped:\n%s", s, markup)
		}
		if !strings.Contains(markup, html.EscapeString(s)) && !strings.Contains(shown, s) {
			t.Errorf("the HTML part does not show %q escaped:\n%s", s, markup)
		}
		if !strings.Contains(text, s) {
			t.Errorf("the text part does not show %q as written:\n%s", s, text)
		}
	}
	if strings.Contains(strings.ToLower(markup), "<script") {
		t.Errorf("the HTML part holds a script element:\n%s", markup)
	}
	calPart := p.Part("text/calendar")
	for _, s := range want.unsaid {
		for _, body := range []string{text, markup, shown, m.Calendar} {
			if strings.Contains(body, s) {
				t.Errorf("the letter says %q, which its reader must not learn", s)
				break
			}
		}
	}

	if want.method == "" {
		if calPart != nil || m.Calendar != "" {
			t.Error("a letter without a calendar carries one")
		}
		return text
	}
	if got := calPart.Params["method"]; got != string(want.method) {
		t.Errorf("text/calendar method=%q, want %s", got, want.method)
	}
	if att := p.Part("application/ics"); string(att.Body) != string(calPart.Body) {
		t.Error("the attached invite.ics differs from the text/calendar part")
	}
	cal, err := ical.Parse(bytes.NewReader(calPart.Body))
	if err != nil {
		t.Fatalf("internal/ical cannot read the calendar part: %v", err)
	}
	if cal.Method() != want.method {
		t.Errorf("METHOD:%s, want %s", cal.Method(), want.method)
	}
	evs, err := cal.Events(time.UTC)
	if err != nil || len(evs) != 1 {
		t.Fatalf("calendar events %d (%v), want 1", len(evs), err)
	}
	if evs[0].UID != want.uid || evs[0].Sequence != want.sequence {
		t.Errorf("UID %q SEQUENCE %d, want %q %d", evs[0].UID, evs[0].Sequence, want.uid, want.sequence)
	}
	if want.method == ical.MethodCancel && evs[0].Status != ical.StatusCancelled {
		t.Errorf("a cancellation with STATUS %q", evs[0].Status)
	}
	return text
}

var tags = regexp.MustCompile(`(?s)<[^>]*>`)

// htmlText is what a reader of the HTML part sees: its text without
// markup, entities decoded, white space folded.
func htmlText(s string) string {
	if i := strings.Index(s, "<body"); i >= 0 {
		s = s[i:]
	}
	s = tags.ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

// golden compares the subject and text body of a letter with realistic
// data to testdata/NAME.txt (go test -update rewrites it).
func golden(t *testing.T, name string, m itinera.OutboxMessage) {
	t.Helper()
	got := "Subject: " + m.Subject + "\n\n" + m.TextBody
	path := filepath.Join("testdata", name+".txt")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the letter (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
