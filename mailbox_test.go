package itinera

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestMailboxValidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		in     Mailbox
		want   Mailbox // after Validate, when valid
		fields []string
	}{
		{"none", Mailbox{}, Mailbox{}, nil},
		{"defaults", Mailbox{Host: " imap.example.org ", Username: "programs"},
			Mailbox{Host: "imap.example.org", Port: 993, Security: MailboxTLS, Username: "programs", Folder: "INBOX"}, nil},
		{"starttls", Mailbox{Host: "imap.example.org", Security: MailboxStartTLS, Username: "p", Folder: "Answers"},
			Mailbox{Host: "imap.example.org", Port: 143, Security: MailboxStartTLS, Username: "p", Folder: "Answers"}, nil},
		{"none on loopback", Mailbox{Host: "::1", Security: MailboxPlain, Port: 1143, Username: "p"},
			Mailbox{Host: "::1", Port: 1143, Security: MailboxPlain, Username: "p", Folder: "INBOX"}, nil},
		{"none elsewhere", Mailbox{Host: "imap.example.org", Security: MailboxPlain, Username: "p"}, Mailbox{}, []string{"security"}},
		{"everything wrong", Mailbox{Host: "imaps://imap.example.org:993", Security: "ssl", Port: 70000, Password: "a\tb"}, Mailbox{},
			[]string{"host", "password", "port", "security", "username"}},
		{"long password", Mailbox{Host: "h", Username: "p", Password: strings.Repeat("é", 1001)}, Mailbox{}, []string{"password"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.in
			err := m.Validate()
			got := slices.Sorted(maps.Keys(ErrorFields(err)))
			if !slices.Equal(got, tc.fields) {
				t.Fatalf("fields %v, want %v (%v)", got, tc.fields, err)
			}
			if err == nil && m != tc.want {
				t.Fatalf("got %+v, want %+v", m, tc.want)
			}
		})
	}
}
