package mail

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	netmail "net/mail"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"itinera"
)

// Message is an outbox message ready to be sent: the row and the sender it
// shows (the tenant's name and address).
type Message struct {
	From netmail.Address
	itinera.OutboxMessage
}

// calendarFile is the name of the .ics attachment that accompanies the
// text/calendar alternative, for clients that ignore the latter.
const calendarFile = "invite.ics"

// Compose builds the MIME message: one recipient, the outbox row's
// Message-ID, text with an HTML alternative and, when the message carries a
// calendar, a text/calendar alternative with its iTIP method and the same
// calendar as an attachment (RFC 6047), then the message's files. date is
// the Date header.
// Errors mean the message can never be sent as it is: they are permanent.
func Compose(m Message, date time.Time) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.FromFormat(m.From.Name, m.From.Address); err != nil {
		return nil, permanent(fmt.Sprintf("The sender address %q is not valid.", m.From.Address), err)
	}
	to, err := netmail.ParseAddress(m.To)
	if err != nil {
		return nil, permanent(fmt.Sprintf("The address %q is not one valid e-mail address.", m.To), err)
	}
	msg.ToMailAddress(to)
	if m.ReplyTo != "" {
		if err := msg.ReplyTo(m.ReplyTo); err != nil {
			return nil, permanent(fmt.Sprintf("The reply address %q is not valid.", m.ReplyTo), err)
		}
	}
	id := strings.TrimSuffix(strings.TrimPrefix(m.MessageID, "<"), ">")
	if id == "" || strings.ContainsAny(id, "<> \r\n") {
		return nil, permanent("The message has no valid Message-ID.", nil)
	}
	msg.SetMessageIDWithValue(id)
	msg.SetDateWithValue(date)
	if strings.ContainsAny(m.Subject, "\r\n") {
		return nil, permanent("The subject must be one line.", nil)
	}
	msg.Subject(m.Subject)
	msg.SetBodyString(gomail.TypeTextPlain, m.TextBody)
	if m.HTMLBody != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTMLBody)
	}
	if m.Calendar != "" {
		method, err := calendarPartMethod(m.CalendarMethod, m.Calendar)
		if err != nil {
			return nil, err
		}
		ct := gomail.ContentType("text/calendar; method=" + method)
		// Base64 keeps the calendar's CRLF lines and folding byte for byte.
		msg.AddAlternativeString(ct, m.Calendar, gomail.WithPartEncoding(gomail.EncodingB64))
		if err := msg.AttachReader(calendarFile, strings.NewReader(m.Calendar),
			gomail.WithFileContentType("application/ics"), gomail.WithFileEncoding(gomail.EncodingB64)); err != nil {
			return nil, permanent("The calendar could not be attached.", err)
		}
	}
	for _, a := range m.Attachments {
		if a.Name == calendarFile || !itinera.AttachmentTypes[a.ContentType] {
			return nil, permanent(fmt.Sprintf("The file %q cannot be sent.", a.Name), nil)
		}
		if err := msg.AttachReader(a.Name, bytes.NewReader(a.Data),
			gomail.WithFileContentType(gomail.ContentType(a.ContentType)), gomail.WithFileEncoding(gomail.EncodingB64)); err != nil {
			return nil, permanent(fmt.Sprintf("The file %q could not be attached.", a.Name), err)
		}
	}
	return msg, nil
}

// Render writes the message as it would be sent (RFC 5322), for previews
// and downloads of queued messages.
func Render(w io.Writer, m Message, date time.Time) error {
	msg, err := Compose(m, date)
	if err != nil {
		return err
	}
	_, err = msg.WriteTo(w)
	return err
}

// calendarPartMethod returns the method for the Content-Type: the declared
// one, which must agree with the calendar's own METHOD (RFC 6047 2.4).
func calendarPartMethod(declared, ics string) (string, error) {
	declared = strings.ToUpper(strings.TrimSpace(declared))
	inside := CalendarMethod(ics)
	switch {
	case declared == "" && inside == "":
		return "", permanent("The calendar has no METHOD, so it cannot be sent as an invitation.", nil)
	case declared == "":
		declared = inside
	case inside != "" && inside != declared:
		return "", permanent(fmt.Sprintf("The calendar says METHOD:%s but the message says %s.", inside, declared), nil)
	}
	if token(declared) == "" {
		return "", permanent(fmt.Sprintf("%q is not a calendar method.", declared), nil)
	}
	return declared, nil
}

// token returns s if it is an iCalendar token (letters, digits, '-'),
// else "": a method goes into a Content-Type parameter.
func token(s string) string {
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return ""
		}
	}
	return s
}

// CalendarMethod returns the METHOD property of an iCalendar object
// (upper-case), or "" when it has none. Only the VCALENDAR level counts;
// folded lines are unfolded first (RFC 5545 3.1).
func CalendarMethod(ics string) string {
	depth := 0
	var line string
	flush := func() string {
		l := line
		line = ""
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			return ""
		}
		name = strings.ToUpper(name)
		switch {
		case name == "BEGIN":
			depth++
		case name == "END":
			depth--
		case depth == 1 && (name == "METHOD" || strings.HasPrefix(name, "METHOD;")):
			return token(strings.ToUpper(strings.TrimSpace(value)))
		}
		return ""
	}
	sc := bufio.NewScanner(strings.NewReader(ics))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		l := strings.TrimSuffix(sc.Text(), "\r")
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			line += l[1:]
			continue
		}
		if m := flush(); m != "" {
			return m
		}
		line = l
	}
	return flush()
}
