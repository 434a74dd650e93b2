package letters

import "itinera"

// The letters to staff users about their own account: the link that sets
// a forgotten password, and the daily digest of their notifications.

// PasswordReset gives a user the link that sets a new password.
type PasswordReset struct {
	To           Recipient // the user
	Organization string
	Link         string // works once, until Expires
	Expires      string // when the link stops working, in the organization's zone: "Tuesday 3 November 10:14 CST"
}

// PasswordReset composes the reset letter.
func (s *Set) PasswordReset(tenantID int64, v PasswordReset) (itinera.OutboxMessage, error) {
	return s.passwordReset.compose(tenantID, v.To, v, Calendar{})
}

// DigestItem is one notification of a digest.
type DigestItem struct {
	At   string // local time with its zone: "09:14 CST"
	Text string
	Link string
}

// Digest is a user's notifications of one day.
type Digest struct {
	To           Recipient
	Organization string
	Day          string // "Tuesday 3 November 2026"
	Items        []DigestItem
	Settings     string // the account page, where the digest is turned off
}

// Digest composes the daily digest.
func (s *Set) Digest(tenantID int64, v Digest) (itinera.OutboxMessage, error) {
	return s.digest.compose(tenantID, v.To, v, Calendar{})
}
