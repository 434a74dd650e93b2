package itinera

import (
	"regexp"
	"time"
)

// Secret links. A resource's answer page (/r/{token}), a household's page
// (/h/{token}), a feedback form (/f/{token}), a follow-up form
// (/o/{token}) and a calendar feed
// (/feeds/{token}) open for whoever holds
// the address: the token is the credential. Officers and administrators,
// who send these links, may see them; viewers, who only read, never do, on
// any page or API answer, and logs never show them.

// secretLinkRE matches the path of a secret link up to the end of its
// token, percent-encoded slashes included.
var secretLinkRE = regexp.MustCompile(`(?i)(/|%2f)(r|h|f|o|feeds)(/|%2f)[A-Za-z0-9_-]+`)

// resetLinkRE matches a password reset link (/password/reset/{token}),
// which sets the password of the account it was sent to: nobody else may
// see it, whatever their role.
var resetLinkRE = regexp.MustCompile(`(?i)(/|%2f)password(/|%2f)reset(/|%2f)[A-Za-z0-9_-]+`)

// redactResetLinks hides the token of every password reset link in text.
func redactResetLinks(text string) string {
	return resetLinkRE.ReplaceAllString(text, "${1}password${2}reset${3}…")
}

// RedactSecretLinks hides the token of every secret link in text:
// "https://itinera.example.org/r/3q2-…" becomes
// "https://itinera.example.org/r/…". It is the one function that hides
// them, for pages, API answers and logs alike.
func RedactSecretLinks(text string) string {
	return secretLinkRE.ReplaceAllString(redactResetLinks(text), "$1$2$3…")
}

// SeesSecretLinks reports whether the role may see secret links: officers
// and administrators, who send them.
func (r Role) SeesSecretLinks() bool { return r.CanEdit() }

// ForRole returns the message as a user of role may read it: for a role
// that does not see secret links, their tokens are hidden in the text, the
// HTML and the calendar part. A password reset link is hidden from every
// role: it is its recipient's alone.
func (m OutboxMessage) ForRole(r Role) OutboxMessage {
	m.TextBody = redactResetLinks(m.TextBody)
	m.HTMLBody = redactResetLinks(m.HTMLBody)
	if r.SeesSecretLinks() {
		return m
	}
	m.TextBody = RedactSecretLinks(m.TextBody)
	m.HTMLBody = RedactSecretLinks(m.HTMLBody)
	m.Calendar = RedactSecretLinks(m.Calendar)
	m.Subject = RedactSecretLinks(m.Subject)
	m.LastError = RedactSecretLinks(m.LastError)
	return m
}

// LinkLastDay is the last day a personal link works, as its reader sees
// it in loc: a link that stops working at midnight works until the day
// before. Every page and e-mail that states a link's last day shows this
// day, written with LinkLastDayLayout.
func LinkLastDay(expires time.Time, loc *time.Location) Date {
	return DateOf(expires.Add(-time.Second).In(loc))
}

// LinkLastDayLayout writes a link's last day in pages and e-mails.
const LinkLastDayLayout = "Monday 2 January 2006"

// LinkLastDayLabel is LinkLastDay written out, or "" for a link that
// does not expire.
func LinkLastDayLabel(expires time.Time, loc *time.Location) string {
	if expires.IsZero() {
		return ""
	}
	return LinkLastDay(expires, loc).In(time.UTC).Format(LinkLastDayLayout)
}
