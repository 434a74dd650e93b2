// Package letters composes every e-mail Itinera sends. A letter is a pair
// of templates embedded in the binary: templates/NAME.txt, the text/plain
// body, whose "subject" block is the subject line, and templates/NAME.html,
// its text/html alternative. Files whose names start with "_" hold the
// blocks several letters share.
//
// Each letter is executed with a small view that holds only what it may
// say: the callers apply the privacy rules when they fill it (a resource
// learns the itinera.DelegationProfile, a host household its guests'
// hosting.FirstName). A letter goes to exactly one person; a calendar that
// internal/ical built rides along as its iMIP part (RFC 6047).
package letters

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io"
	"io/fs"
	"net/mail"
	"strings"
	texttemplate "text/template"

	"itinera"
	"itinera/internal/ical"
)

//go:embed templates/*.txt templates/*.html
var files embed.FS

// Default holds the letters built into the binary, parsed when the program
// starts: a broken template stops it there, not when an officer confirms a
// meeting.
var Default = MustParse(files)

// Set is the parsed letters. It is safe for concurrent use.
type Set struct {
	meetingRequest   letter[MeetingRequest]
	meetingConfirmed letter[MeetingNotice]
	meetingChanged   letter[MeetingNotice]
	meetingCancelled letter[MeetingNotice]
	counterDeclined  letter[MeetingNotice]
	householdSignUp  letter[HouseholdSignUp]
	eveningInvite    letter[EveningInvitation]
	householdGuests  letter[HouseholdNotice]
	guestsChanged    letter[HouseholdNotice]
	noGuests         letter[HouseholdNotice]
	passwordReset    letter[PasswordReset]
	digest           letter[Digest]
	feedback         letter[Feedback]
	thankYou         letter[ThankYou]
}

// names are the set's letters, as their templates are named.
func (s *Set) names() []string {
	return []string{s.meetingRequest.name, s.meetingConfirmed.name, s.meetingChanged.name, s.meetingCancelled.name, s.counterDeclined.name,
		s.householdSignUp.name, s.eveningInvite.name, s.householdGuests.name, s.guestsChanged.name, s.noGuests.name,
		s.passwordReset.name, s.digest.name, s.feedback.name, s.thankYou.name}
}

// Parse parses the letters of fsys (a directory "templates") and executes
// each once with an empty view, so that a template naming a field its view
// lacks fails here too.
func Parse(fsys fs.FS) (*Set, error) {
	s := &Set{}
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	add(parseLetter(fsys, "meeting-request", "", &s.meetingRequest))
	add(parseLetter(fsys, "meeting-confirmed", ical.MethodRequest, &s.meetingConfirmed))
	add(parseLetter(fsys, "meeting-changed", ical.MethodRequest, &s.meetingChanged))
	add(parseLetter(fsys, "meeting-cancelled", ical.MethodCancel, &s.meetingCancelled))
	add(parseLetter(fsys, "meeting-counter-declined", ical.MethodDeclineCounter, &s.counterDeclined))
	add(parseLetter(fsys, "household-signup", "", &s.householdSignUp))
	add(parseLetter(fsys, "household-invitation", "", &s.eveningInvite))
	add(parseLetter(fsys, "household-guests", ical.MethodRequest, &s.householdGuests))
	add(parseLetter(fsys, "household-guests-changed", ical.MethodRequest, &s.guestsChanged))
	add(parseLetter(fsys, "household-no-guests", ical.MethodCancel, &s.noGuests))
	add(parseLetter(fsys, "password-reset", "", &s.passwordReset))
	add(parseLetter(fsys, "digest", "", &s.digest))
	add(parseLetter(fsys, "feedback", "", &s.feedback))
	add(parseLetter(fsys, "thank-you", "", &s.thankYou))
	for _, l := range []*letter[HouseholdNotice]{&s.householdGuests, &s.guestsChanged, &s.noGuests} {
		if l.text != nil && l.text.Lookup("agenda") == nil {
			add(fmt.Errorf("%s.txt defines no agenda for the calendar entry", l.name))
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("letters: %w", errors.Join(errs...))
	}
	return s, nil
}

// MustParse is Parse for the letters built into the binary: it panics, at
// start-up, when one of them is broken.
func MustParse(fsys fs.FS) *Set {
	s, err := Parse(fsys)
	if err != nil {
		panic(err)
	}
	return s
}

// Recipient is the one person a letter goes to.
type Recipient struct {
	Name  string // may be empty
	Email string // one address, without a name
}

// address is the To header's value: exactly one mailbox, its name on one
// line (a line break in a name cannot start a header of its own).
func (r Recipient) address() (string, error) {
	email := strings.TrimSpace(r.Email)
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || !strings.Contains(email, "@") {
		return "", fmt.Errorf("letters: %q is not one e-mail address", r.Email)
	}
	return (&mail.Address{Name: oneLine(r.Name), Address: email}).String(), nil
}

// Calendar is an iTIP object built by internal/ical, which a letter
// carries as its text/calendar part and as an invite.ics attachment.
type Calendar struct {
	ICS    []byte
	Method ical.Method // REQUEST or CANCEL, as the calendar itself says
}

// check makes sure the calendar is the one the letter announces: present,
// readable, with the method the letter's words promise.
func (c Calendar) check(name string, want ical.Method) error {
	if want == "" {
		if len(c.ICS) > 0 || c.Method != "" {
			return fmt.Errorf("letters: %s carries no calendar", name)
		}
		return nil
	}
	if len(c.ICS) == 0 {
		return fmt.Errorf("letters: %s needs its calendar (%s)", name, want)
	}
	if c.Method != want {
		return fmt.Errorf("letters: %s carries a %s calendar, not %q", name, want, c.Method)
	}
	cal, err := ical.Parse(bytes.NewReader(c.ICS))
	if err != nil {
		return fmt.Errorf("letters: %s: the calendar cannot be read: %w", name, err)
	}
	if got := cal.Method(); got != want {
		return fmt.Errorf("letters: %s: the calendar says METHOD:%s, not %s", name, got, want)
	}
	return nil
}

// letter is one parsed letter, executed with views of type V.
type letter[V any] struct {
	name   string
	method ical.Method // the calendar it carries; "" for none
	text   *texttemplate.Template
	html   *htmltemplate.Template
}

// parseLetter parses templates/NAME.txt and templates/NAME.html, each with
// the shared blocks of its kind (templates/_*.txt, templates/_*.html).
func parseLetter[V any](fsys fs.FS, name string, method ical.Method, l *letter[V]) error {
	l.name, l.method = name, method
	txt, err := fs.Glob(fsys, "templates/_*.txt")
	if err != nil {
		return err
	}
	htm, err := fs.Glob(fsys, "templates/_*.html")
	if err != nil {
		return err
	}
	if l.text, err = texttemplate.New(name).Funcs(funcs()).ParseFS(fsys, append(txt, "templates/"+name+".txt")...); err != nil {
		return err
	}
	if l.html, err = htmltemplate.New(name).Funcs(funcs()).ParseFS(fsys, append(htm, "templates/"+name+".html")...); err != nil {
		return err
	}
	if l.text.Lookup("subject") == nil {
		return fmt.Errorf("%s.txt defines no subject", name)
	}
	var zero V
	if _, _, _, err := l.render(zero); err != nil {
		return err
	}
	if t := l.text.Lookup("agenda"); t != nil {
		return t.Execute(io.Discard, zero)
	}
	return nil
}

// render executes the letter's templates with v.
func (l *letter[V]) render(v V) (subject, text, html string, err error) {
	var s, t, h bytes.Buffer
	if err := l.text.ExecuteTemplate(&s, "subject", v); err != nil {
		return "", "", "", err
	}
	if err := l.text.ExecuteTemplate(&t, l.name+".txt", v); err != nil {
		return "", "", "", err
	}
	if err := l.html.ExecuteTemplate(&h, l.name+".html", v); err != nil {
		return "", "", "", err
	}
	return oneLine(s.String()), tidy(t.String()), lf(h.String()), nil
}

// compose makes the outbox message of the letter for v, to one person.
func (l *letter[V]) compose(tenantID int64, to Recipient, v V, cal Calendar) (itinera.OutboxMessage, error) {
	addr, err := to.address()
	if err != nil {
		return itinera.OutboxMessage{}, err
	}
	if err := cal.check(l.name, l.method); err != nil {
		return itinera.OutboxMessage{}, err
	}
	subject, text, html, err := l.render(v)
	if err != nil {
		return itinera.OutboxMessage{}, fmt.Errorf("letters: %s: %w", l.name, err)
	}
	if subject == "" {
		return itinera.OutboxMessage{}, fmt.Errorf("letters: %s: the subject is empty", l.name)
	}
	return itinera.OutboxMessage{TenantID: tenantID, To: addr, Subject: subject, TextBody: text, HTMLBody: html,
		Calendar: string(cal.ICS), CalendarMethod: string(cal.Method)}, nil
}

// funcs are the templates' helpers. (Functions rather than package
// variables: Default is parsed while the package initializes.)
func funcs() map[string]any {
	return map[string]any{
		// join lists words: "Brazil, China".
		"join": func(xs []string) string { return strings.Join(xs, ", ") },
		// paras splits someone's own words into paragraphs at blank lines.
		"paras": paragraphs,
		// lines splits text into its lines, for <br> in HTML.
		"lines": func(s string) []string { return strings.Split(lf(s), "\n") },
	}
}

func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(lf(s), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// lf makes every line break "\n"; the mail writer sends CRLF.
func lf(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n") }

// oneLine folds any run of white space, line breaks included, into one
// space: subjects and names in headers stay on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// tidy is the plain text as sent: no trailing spaces, never more than one
// blank line in a row (templates may leave more where an optional line is
// missing), no blank lines at either end, one final line break.
func tidy(s string) string {
	var out []string
	for _, l := range strings.Split(lf(s), "\n") {
		l = strings.TrimRight(l, " \t")
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n") + "\n"
}
