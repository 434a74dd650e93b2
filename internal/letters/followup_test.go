package letters_test

import (
	netmail "net/mail"
	"testing"

	"itinera"
	"itinera/internal/letters"
)

func TestFeedback(t *testing.T) {
	t.Parallel()
	v := letters.Feedback{To: letters.Recipient{Name: "Amara Okonkwo", Email: "amara@example.ng"},
		Organization: "World Affairs St. Louis", Sender: "Jordan Lee", Program: "Combating Trafficking in Persons",
		Dates: "5–9 December 2026", Role: itinera.FeedbackVisitor, Link: "https://itinera.example.org/f/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
		Expires: "Monday 25 January 2027"}
	m, err := letters.Default.Feedback(tenant, v)
	if err != nil {
		t.Fatal(err)
	}
	checkSent(t, m, expect{to: netmail.Address{Name: "Amara Okonkwo", Address: "amara@example.ng"},
		subject: "How was Combating Trafficking in Persons? Your feedback, in two minutes",
		said: []string{"Dear Amara Okonkwo,", "Thank you for taking part in Combating Trafficking in Persons (5–9 December 2026).",
			"how useful each meeting was", v.Link, "It works until Monday 25 January 2027", "what came of the visit"}})
	golden(t, "feedback", m)

	v.Role, v.Part, v.Reminder = itinera.FeedbackHousehold, "the evening of Sunday 6 December", true
	v.To = letters.Recipient{Name: "The Garcia family " + script, Email: "garcia@example.org"}
	v.Program = "Trafficking " + script
	r, err := letters.Default.Feedback(tenant, v)
	if err != nil {
		t.Fatal(err)
	}
	checkSent(t, r, expect{to: netmail.Address{Name: "The Garcia family " + script, Address: "garcia@example.org"},
		subject: "Reminder: How was Trafficking " + script + "? Your feedback, in two minutes",
		said:    []string{"A few days ago we asked", "how the evening of Sunday 6 December went for you", "whether you would do it again"},
		unsaid:  []string{"what came of the visit"}, markup: []string{script}})
	golden(t, "feedback-reminder", r)
}

func TestThankYou(t *testing.T) {
	t.Parallel()
	v := letters.ThankYou{To: letters.Recipient{Name: "Dr. Rumi Price", Email: "price@wustl.example"},
		Subject: "Thank you for the meeting “Victim services roundtable”",
		Body:    "Dear Dr. Rumi Price,\n\nThank you for the meeting.\nIt meant a lot.\n\nWith warm thanks,\nJordan Lee\nWorld Affairs St. Louis"}
	m, err := letters.Default.ThankYou(tenant, v)
	if err != nil {
		t.Fatal(err)
	}
	checkSent(t, m, expect{to: netmail.Address{Name: "Dr. Rumi Price", Address: "price@wustl.example"}, subject: v.Subject,
		said: []string{"Dear Dr. Rumi Price,", "It meant a lot.", "World Affairs St. Louis"}})
	golden(t, "thank-you", m)
	v.Body = "Dear " + script + ",\n\nThanks."
	v.Subject = "Thanks " + script
	m, err = letters.Default.ThankYou(tenant, v)
	if err != nil {
		t.Fatal(err)
	}
	checkSent(t, m, expect{to: netmail.Address{Name: "Dr. Rumi Price", Address: "price@wustl.example"}, subject: v.Subject,
		said: []string{"Thanks."}, markup: []string{script}})
}
