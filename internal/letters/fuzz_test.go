package letters_test

import (
	"bytes"
	netmail "net/mail"
	"strings"
	"testing"
	"unicode/utf8"

	"itinera/internal/letters"
	"itinera/internal/mail"
	"itinera/internal/mail/mailtest"
)

// FuzzHeaders: whatever a name or a title holds, the letter's message has
// one recipient and a one-line subject, and the mail worker sends it.
func FuzzHeaders(f *testing.F) {
	f.Add("Dr. Rumi Price", "Washington University network")
	f.Add(`Zoë "Ñúñez" O'Brien `+script+injection, "Trafficking"+injection)
	f.Add("a@b.example, c@d.example", "=?utf-8?q?Bcc:_x?=")
	f.Add("\u2028\t\x00", "\r\n\r\n")
	f.Fuzz(func(t *testing.T, name, title string) {
		if !utf8.ValidString(name) || !utf8.ValidString(title) {
			t.Skip("the domain refuses text that is not UTF-8")
		}
		v := meetingRequest()
		v.To.Name, v.Meeting = name, title
		m, err := letters.Default.MeetingRequest(tenant, v)
		if err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(m.Subject, "\r\n") {
			t.Fatalf("subject %q spans lines", m.Subject)
		}
		m.MessageID = "<fuzz@itinera.example>"
		var b bytes.Buffer
		if err := mail.Render(&b, mail.Message{From: netmail.Address{Address: "programs@worldaffairs.example"}, OutboxMessage: m}, sentAt); err != nil {
			t.Fatalf("the mail worker refuses it: %v", err)
		}
		p := mailtest.Parse(t, b.Bytes())
		to, err := p.Header.AddressList("To")
		if err != nil || len(to) != 1 || to[0].Address != v.To.Email || len(p.Header["Cc"])+len(p.Header["Bcc"]) > 0 {
			t.Fatalf("To %q: %v (%v)", p.Header.Get("To"), to, err)
		}
	})
}
