package itinera

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// textKind is what a text field may hold: how many characters at most
// (Unicode code points, as JSON Schema's maxLength counts them) and
// whether it may span lines. docs/INPUT.md lists every field's kind.
type textKind struct {
	max   int
	lines bool
}

// The kinds of text. Single-line text never holds a line break: it goes
// into e-mail subjects, calendar summaries and one-line lists. Multi-line
// text keeps tabs and line breaks (CRLF and CR become LF).
var (
	nameText    = textKind{max: 200}                // names, titles, cities, countries, list items
	emailText   = textKind{max: 254}                // the longest address SMTP carries
	phoneText   = textKind{max: 50}                 // a phone number with extension and spaces
	webText     = textKind{max: 2000}               // a web address
	topicText   = textKind{max: 80}                 // a topic of expertise or interest
	phraseText  = textKind{max: 500}                // a sentence on one line
	addressText = textKind{max: 500, lines: true}   // a postal address
	shortNote   = textKind{max: 2000, lines: true}  // a note on a day, evening or household
	answerNote  = textKind{max: 4000, lines: true}  // what a resource writes with an answer
	longText    = textKind{max: 10000, lines: true} // descriptions, notes, messages
)

// UnreadableText is the message for text that is not valid UTF-8.
const UnreadableText = "This text has characters that could not be read. Type it again, or paste it as plain text."

// checkText cleans *s for its kind (surrounding spaces trimmed, line
// breaks made LF) and adds a message for field when the text cannot be
// stored as it is: invalid UTF-8, a control character (Unicode category
// Cc, such as NUL) other than the tab and line break of multi-line text, a
// line break in single-line text, or more characters than the kind allows.
// Every Validate calls it for every text field.
func checkText(f FieldErrors, field string, s *string, k textKind) {
	v := *s
	if !utf8.ValidString(v) {
		f.Add(field, UnreadableText)
		return
	}
	if k.lines {
		v = strings.ReplaceAll(strings.ReplaceAll(v, "\r\n", "\n"), "\r", "\n")
	}
	v = strings.TrimSpace(v)
	*s = v
	for _, r := range v {
		switch {
		case k.lines && (r == '\n' || r == '\t'):
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			f.Add(field, "Enter this on one line, without line breaks.")
			return
		case unicode.IsControl(r):
			f.Add(field, fmt.Sprintf("Remove the invisible control character (U+%04X) from this text.", r))
			return
		}
	}
	if n := utf8.RuneCountInString(v); n > k.max {
		f.Add(field, fmt.Sprintf("This is too long: at most %s characters (it has %s).", thousands(k.max), thousands(n)))
	}
}

// checkList checks every item of a list already cleaned by CleanList,
// which made every line break and tab a space.
func checkList(f FieldErrors, field string, items []string, k textKind) {
	for i := range items {
		item := FieldErrors{}
		checkText(item, field, &items[i], k)
		if msg, wrong := item[field]; wrong {
			f.Add(field, fmt.Sprintf("Entry %d: %s", i+1, msg))
		}
	}
}

// checkEmail checks an e-mail address field and normalises it; an empty
// one is refused only when required.
func checkEmail(f FieldErrors, field string, s *string, required bool) {
	checkText(f, field, s, emailText)
	if _, wrong := f[field]; wrong || (*s == "" && !required) {
		return
	}
	e, err := NormalizeEmail(*s)
	if err != nil {
		f.Add(field, ErrorMessage(err))
	}
	*s = e
}

// CheckQuery checks a search or filter value of a list, such as the ?q=
// of the directory: one line of at most 200 characters.
func CheckQuery(f FieldErrors, field string, s *string) { checkText(f, field, s, nameText) }

// queryErr is Err for the values of a search or list filter, which are
// not saved.
func (f FieldErrors) queryErr() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "The list cannot be filtered as asked.", Fields: map[string]string(f)}
}

// thousands writes n with a comma between thousands: 10,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// CheckReason checks the reason an officer gives for a cancellation or a
// decline: multi-line text of at most 2,000 characters.
func CheckReason(f FieldErrors, field string, s *string) { checkText(f, field, s, shortNote) }

// CheckLine checks one line of text of at most max characters, such as a
// name the API is given for a token or a digest it gave out.
func CheckLine(f FieldErrors, field string, s *string, max int) {
	checkText(f, field, s, textKind{max: max})
}

// CheckAddress checks a postal address given to be looked up, as a
// place's or a household's address is checked: at most 500 characters,
// line breaks allowed.
func CheckAddress(f FieldErrors, field string, s *string) { checkText(f, field, s, addressText) }

// JoinAnd writes names for a sentence: "a", "a and b", "a, b and c"
// ("" for none).
func JoinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}
