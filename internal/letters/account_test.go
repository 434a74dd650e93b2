package letters_test

import (
	netmail "net/mail"
	"testing"

	"itinera/internal/letters"
)

func TestPasswordReset(t *testing.T) {
	t.Parallel()
	v := letters.PasswordReset{To: letters.Recipient{Name: "Dana Price", Email: "price@worldaffairs-stl.example"},
		Organization: "World Affairs St. Louis", Link: "https://itinera.example.org/password/reset/Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_",
		Expires: "Tuesday 3 November 10:14 CST"}
	t.Run("realistic", func(t *testing.T) {
		t.Parallel()
		m, err := letters.Default.PasswordReset(tenant, v)
		if err != nil {
			t.Fatal(err)
		}
		checkSent(t, m, expect{to: netmail.Address{Name: "Dana Price", Address: "price@worldaffairs-stl.example"},
			subject: "Choose a new password for Itinera",
			said: []string{"Dear Dana Price,", v.Link, "The link works once, until Tuesday 3 November 10:14 CST.",
				"If you did not ask, you can ignore this message"}})
		golden(t, "password-reset", m)
	})
	t.Run("hostile", func(t *testing.T) {
		t.Parallel()
		h := v
		h.To.Name = `Dana "D" Price ` + script + injection
		h.Organization = "St. Louis " + script
		m, err := letters.Default.PasswordReset(tenant, h)
		if err != nil {
			t.Fatal(err)
		}
		checkSent(t, m, expect{to: netmail.Address{Name: `Dana "D" Price ` + script + " Bcc: everyone@example.org", Address: "price@worldaffairs-stl.example"},
			subject: "Choose a new password for Itinera", said: []string{h.Link}, markup: []string{script}})
	})
}

func TestDigest(t *testing.T) {
	t.Parallel()
	v := letters.Digest{To: letters.Recipient{Name: "Jordan Lee", Email: "lee@worldaffairs-stl.example"},
		Organization: "World Affairs St. Louis", Day: "Tuesday 3 November 2026",
		Items: []letters.DigestItem{
			{At: "09:14 CST", Text: "Sgt. Ellis accepted the request for Police visit.", Link: "https://itinera.example.org/requests/1"},
			{At: "16:02 CST", Text: "The message to price@wustl.example (Meeting request) could not be delivered.", Link: "https://itinera.example.org/outbox/7"},
		},
		Settings: "https://itinera.example.org/account"}
	m, err := letters.Default.Digest(tenant, v)
	if err != nil {
		t.Fatal(err)
	}
	checkSent(t, m, expect{to: netmail.Address{Name: "Jordan Lee", Address: "lee@worldaffairs-stl.example"},
		subject: "Itinera: 2 notifications of Tuesday 3 November 2026",
		said: []string{"Dear Jordan Lee,", "09:14 CST: Sgt. Ellis accepted the request for Police visit.",
			"https://itinera.example.org/outbox/7", "https://itinera.example.org/account"}})
	golden(t, "digest", m)
	v.Items = v.Items[:1]
	v.Items[0].Text = "Host " + script
	one, err := letters.Default.Digest(tenant, v)
	if err != nil {
		t.Fatal(err)
	}
	checkSent(t, one, expect{to: netmail.Address{Name: "Jordan Lee", Address: "lee@worldaffairs-stl.example"},
		subject: "Itinera: 1 notification of Tuesday 3 November 2026", said: []string{"Host"}, markup: []string{script}})
}
