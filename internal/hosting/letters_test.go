package hosting_test

import (
	"bytes"
	"html"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/hosting"
	"itinera/internal/ical"
	"itinera/internal/mail"
	"itinera/internal/mail/mailtest"
	"itinera/internal/storetest"
)

// sent is m as the mail worker sends it, taken apart again.
func sent(t *testing.T, m itinera.OutboxMessage) *mailtest.Parsed {
	t.Helper()
	m.MessageID = "<hosting-test@itinera.example>"
	var b bytes.Buffer
	if err := mail.Render(&b, mail.Message{From: netmail.Address{Address: "programs@example.org"}, OutboxMessage: m}, storetest.Now()); err != nil {
		t.Fatal(err)
	}
	return mailtest.Parse(t, b.Bytes())
}

// TestNoticeLettersTellHostsFirstNamesOnly: each household's notice, as
// sent, goes to its contact alone, names its guests by first name in both
// alternatives and in the calendar entry (never a family name), and
// carries the invitation's UID with the notice's SEQUENCE.
func TestNoticeLettersTellHostsFirstNamesOnly(t *testing.T) {
	t.Parallel()
	_, rec := mustDemo(t)
	res, err := rec.Solve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	guests, _ := rec.Guests(res)
	org := hosting.Organizer{Org: "Gateway", Name: "Officer", Email: "officer@example.org"}
	var family []string
	for _, v := range rec.Visitors {
		family = append(family, v.FamilyName)
	}
	for _, i := range rec.Interpreters {
		family = append(family, i.Name) // the whole name: hosts learn the first word
	}
	told := 0
	for _, h := range rec.Households {
		var mine []itinera.HospitalityGuest
		for _, g := range guests {
			if g.HouseholdID == h.ID {
				mine = append(mine, g)
			}
		}
		for _, k := range []itinera.NoticeKind{itinera.NoticeNew, itinera.NoticeUpdate, itinera.NoticeCancel} {
			n := itinera.HospitalityNotice{HouseholdID: h.ID, Kind: k, Sequence: 5, Guests: mine}
			if k == itinera.NoticeCancel {
				n.Guests = nil
			} else if len(mine) == 0 {
				continue
			}
			m, err := rec.NoticeMail(n, org, storetest.Now())
			if err != nil {
				t.Fatal(err)
			}
			told++
			p := sent(t, m)
			to, err := p.Header.AddressList("To")
			if err != nil || len(to) != 1 || to[0].Address != h.Email || p.Header.Get("Cc") != "" || p.Header.Get("Bcc") != "" {
				t.Errorf("%s: To %v (%v)", h.Name, to, err)
			}
			text, markup := string(p.Part("text/plain").Body), html.UnescapeString(string(p.Part("text/html").Body))
			part := p.Part("text/calendar")
			want := ical.MethodRequest
			if k == itinera.NoticeCancel {
				want = ical.MethodCancel
			}
			if part == nil || part.Params["method"] != string(want) {
				t.Fatalf("%s %s: calendar part %v", h.Name, k, part)
			}
			cal, err := ical.Parse(bytes.NewReader(part.Body))
			if err != nil {
				t.Fatal(err)
			}
			evs, err := cal.Events(time.UTC)
			if err != nil || len(evs) != 1 || cal.Method() != want || evs[0].UID != hosting.EventUID(rec.Evening.ID, h.ID) || evs[0].Sequence != 5 {
				t.Fatalf("%s %s: calendar %s %+v (%v)", h.Name, k, cal.Method(), evs, err)
			}
			for _, g := range n.Guests {
				for _, v := range rec.Visitors {
					if v.ID == g.VisitorID && (!strings.Contains(text, hosting.FirstName(v)) || !strings.Contains(markup, hosting.FirstName(v)) ||
						!strings.Contains(evs[0].Description, hosting.FirstName(v))) {
						t.Errorf("%s %s: %s is not named in the text, the HTML and the calendar", h.Name, k, hosting.FirstName(v))
					}
				}
			}
			for _, name := range family {
				if strings.Contains(text, name) || strings.Contains(markup, name) || strings.Contains(string(part.Body), name) {
					t.Errorf("%s %s: a host is told %q", h.Name, k, name)
				}
			}
		}
	}
	if told == 0 {
		t.Fatal("no notice was composed")
	}
}

// TestInvitationLetter: the invitation to an evening goes to the contact
// alone, with the personal link in both alternatives and no calendar.
func TestInvitationLetter(t *testing.T) {
	t.Parallel()
	_, rec := mustDemo(t)
	h := rec.Households[0]
	link := "https://example.org/h/TOKEN#evening-1"
	m, err := rec.InvitationMail(h, link, hosting.Organizer{Org: "Gateway", Name: "Officer", Email: "officer@example.org"})
	if err != nil {
		t.Fatal(err)
	}
	p := sent(t, m)
	to, err := p.Header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Address != h.Email || to[0].Name != h.ContactName {
		t.Errorf("To %v (%v)", to, err)
	}
	if p.Structure != "multipart/alternative(text/plain text/html)" {
		t.Errorf("structure %s", p.Structure)
	}
	for _, part := range []string{"text/plain", "text/html"} {
		if body := html.UnescapeString(string(p.Part(part).Body)); !strings.Contains(body, link) || !strings.Contains(body, rec.PickUp()) {
			t.Errorf("%s lacks the link or the pick-up:\n%s", part, body)
		}
	}
}
