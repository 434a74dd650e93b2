package letters

import "itinera"

// Feedback asks one person who took part in a program how it went, with
// their personal feedback link; Reminder is the one reminder, sent with a
// new link to those who have not answered.
type Feedback struct {
	To           Recipient
	Organization string
	Sender       string // the officer's or the organization's name, for the signature
	Program      string // the program's title
	Dates        string // "5–9 December 2026"
	Role         itinera.FeedbackRole
	// What they took part in, in the reader's words: "the meeting
	// “Victim services roundtable”", "the evening of Sunday 6 December".
	Part     string
	Link     string
	Expires  string // the link's last day: "Monday 25 January 2027"
	Reminder bool
}

// Visitor reports whether the letter asks about the whole program's
// meetings (visitors and interpreters) rather than one part of it.
func (f Feedback) Visitor() bool { return f.Role.RatesMeetings() }

// Feedback composes the feedback request or its reminder.
func (s *Set) Feedback(tenantID int64, v Feedback) (itinera.OutboxMessage, error) {
	return s.feedback.compose(tenantID, v.To, v, Calendar{})
}

// ThankYou is a thank-you letter the officer drafted from the
// organization's template and reviewed: its subject and text as they
// wrote them.
type ThankYou struct {
	To      Recipient
	Subject string
	Body    string
}

// ThankYou composes a reviewed thank-you letter.
func (s *Set) ThankYou(tenantID int64, v ThankYou) (itinera.OutboxMessage, error) {
	return s.thankYou.compose(tenantID, v.To, v, Calendar{})
}
