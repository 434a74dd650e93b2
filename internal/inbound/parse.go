// Package inbound reads the e-mail that comes back to Itinera: iMIP
// answers (RFC 6047) to the invitations it sent, delivery status
// notifications (RFC 3464), auto-replies (RFC 3834) and plain replies.
// It uses the standard library only and knows nothing of the database:
// Parse turns a raw RFC 5322 message into a Message the application
// layer acts on.
package inbound

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"regexp"
	"strings"
	"unicode/utf8"
)

// MaxBytes bounds one inbound message (the API answers 413 above it).
const MaxBytes = 10 << 20

// maxParts bounds the MIME parts read from one message, and maxDepth how
// deeply multiparts may nest.
const (
	maxParts = 100
	maxDepth = 8
	maxText  = 64 << 10 // the plain text kept for the officer
	// MaxAttachments bounds the attached files of one message.
	MaxAttachments = 20
)

// Message is what an inbound e-mail says, as far as Itinera cares.
type Message struct {
	MessageID  string   // "<id@host>"; made from the content's hash when missing
	From       string   // the sender's address
	FromName   string   // the sender's display name
	Subject    string   // decoded
	InReplyTo  []string // the Message-IDs of In-Reply-To and References
	AutoReply  bool     // an out-of-office or other automatic answer
	AutoReason string   // which header or subject said so
	// Calendars are the text/calendar parts (inline or attached).
	Calendars [][]byte
	// Report is the delivery status notification, when the message is one.
	Report *Report
	// Recipients are the addresses the message was for: To, Cc,
	// Delivered-To and X-Original-To, in lower case.
	Recipients []string
	// Attachments counts the parts sent as files.
	Attachments int
	// Text is the first text/plain part (or text/html stripped of tags),
	// decoded to UTF-8 and cut to 64 KiB.
	Text string
}

// Report is a delivery status notification (RFC 3464): which message of
// ours failed to reach whom, and why.
type Report struct {
	OriginalMessageID string // from the returned headers (message/rfc822 or text/rfc822-headers)
	Recipient         string // Final-Recipient (or Original-Recipient), without "rfc822;"
	Action            string // failed, delayed, delivered, relayed, expanded
	Status            string // "5.1.1"
	Diagnostic        string // Diagnostic-Code, without its type
}

// Failed reports whether the notification says the message was not and
// will not be delivered.
func (r *Report) Failed() bool {
	return strings.EqualFold(r.Action, "failed") || strings.HasPrefix(r.Status, "5")
}

// ErrNotMail is returned for input that is not an RFC 5322 message.
var ErrNotMail = errors.New("not an e-mail message")

// Parse reads a raw message. It fails only when the input has no
// readable header; a broken body part is skipped.
func Parse(raw []byte) (*Message, error) {
	if len(raw) > MaxBytes {
		return nil, fmt.Errorf("the message is larger than %d MiB", MaxBytes>>20)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(normalizeNewlines(raw)))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotMail, err)
	}
	if len(msg.Header) == 0 {
		return nil, ErrNotMail
	}
	h := msg.Header
	m := &Message{MessageID: firstID(h.Get("Message-ID"))}
	if m.MessageID == "" {
		sum := sha256.Sum256(raw)
		m.MessageID = "<" + hex.EncodeToString(sum[:16]) + "@inbound.itinera>"
	}
	dec := new(mime.WordDecoder)
	dec.CharsetReader = charsetReader
	if s, err := dec.DecodeHeader(h.Get("Subject")); err == nil {
		m.Subject = clean(s, 300)
	} else {
		m.Subject = clean(h.Get("Subject"), 300)
	}
	if a, err := parseAddress(dec, h.Get("From")); err == nil {
		m.From, m.FromName = strings.ToLower(a.Address), clean(a.Name, 200)
	}
	m.InReplyTo = append(ids(h.Get("In-Reply-To")), ids(h.Get("References"))...)
	for _, k := range []string{"To", "Cc", "Delivered-To", "X-Original-To"} {
		for _, v := range h[k] {
			p := mail.AddressParser{WordDecoder: dec}
			if l, err := p.ParseList(v); err == nil {
				for _, a := range l {
					m.Recipients = append(m.Recipients, strings.ToLower(a.Address))
				}
			}
			if len(m.Recipients) > 100 {
				break
			}
		}
	}
	m.AutoReply, m.AutoReason = autoReply(h, m.Subject)
	p := &parser{m: m}
	p.entity(textproto.MIMEHeader(h), msg.Body, 0)
	if m.Report != nil && m.Report.OriginalMessageID == "" && len(m.InReplyTo) > 0 {
		// Some servers return no headers; their report answers our message.
		m.Report.OriginalMessageID = m.InReplyTo[0]
	}
	return m, nil
}

type parser struct {
	m     *Message
	parts int
}

// entity reads one MIME entity with header h and (still encoded) body.
func (p *parser) entity(h textproto.MIMEHeader, body io.Reader, depth int) {
	p.parts++
	if p.parts > maxParts || depth > maxDepth {
		return
	}
	ct, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		ct, params = "text/plain", map[string]string{}
	}
	ct = strings.ToLower(ct)
	if strings.HasPrefix(ct, "multipart/") {
		p.multipart(ct, params, body, depth)
		return
	}
	data, err := io.ReadAll(io.LimitReader(decodeTransfer(h.Get("Content-Transfer-Encoding"), body), MaxBytes))
	if err != nil {
		return
	}
	if attachment(h) {
		p.m.Attachments++
	}
	switch ct {
	case "text/calendar", "application/ics":
		p.m.Calendars = append(p.m.Calendars, toUTF8(data, params["charset"]))
	case "message/delivery-status", "message/global-delivery-status":
		p.status(data)
	case "message/rfc822", "text/rfc822-headers", "message/rfc822-headers", "message/global", "message/global-headers":
		if p.m.Report != nil && p.m.Report.OriginalMessageID == "" {
			if inner, err := mail.ReadMessage(bytes.NewReader(append(normalizeNewlines(data), '\n', '\n'))); err == nil {
				p.m.Report.OriginalMessageID = firstID(inner.Header.Get("Message-ID"))
			}
		}
	case "text/plain":
		if p.m.Text == "" && !attachment(h) {
			p.m.Text = clean(string(toUTF8(data, params["charset"])), maxText)
		}
	case "text/html":
		if p.m.Text == "" && !attachment(h) {
			p.m.Text = clean(stripTags(string(toUTF8(data, params["charset"]))), maxText)
		}
	}
}

func (p *parser) multipart(ct string, params map[string]string, body io.Reader, depth int) {
	if params["boundary"] == "" {
		return
	}
	if rt := strings.ToLower(params["report-type"]); ct == "multipart/report" && p.m.Report == nil &&
		(rt == "delivery-status" || rt == "global-delivery-status") {
		p.m.Report = &Report{} // not a read receipt (disposition-notification)
	}
	mr := multipart.NewReader(body, params["boundary"])
	for {
		part, err := mr.NextRawPart()
		if err != nil {
			return
		}
		p.entity(part.Header, part, depth+1)
		if p.parts > maxParts {
			return
		}
	}
}

// status reads the per-message and first per-recipient fields of a
// message/delivery-status body: groups of header fields separated by
// blank lines.
func (p *parser) status(data []byte) {
	if p.m.Report == nil {
		p.m.Report = &Report{}
	}
	r := p.m.Report
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(append(normalizeNewlines(data), '\n', '\n'))))
	for group := 0; group < 20; group++ {
		h, err := tp.ReadMIMEHeader()
		if len(h) > 0 {
			if v := h.Get("Final-Recipient"); v != "" && r.Recipient == "" {
				r.Recipient = strings.ToLower(afterType(v))
			}
			if v := h.Get("Original-Recipient"); v != "" && r.Recipient == "" {
				r.Recipient = strings.ToLower(afterType(v))
			}
			if v := h.Get("Action"); v != "" && r.Action == "" {
				r.Action = strings.ToLower(strings.TrimSpace(v))
			}
			if v := h.Get("Status"); v != "" && r.Status == "" {
				r.Status = clean(strings.Fields(v + " ")[0], 20)
			}
			if v := h.Get("Diagnostic-Code"); v != "" && r.Diagnostic == "" {
				r.Diagnostic = clean(afterType(v), 500)
			}
		}
		if err != nil {
			return
		}
	}
}

// afterType drops the "rfc822;" or "smtp;" type of a DSN field.
func afterType(v string) string {
	if i := strings.Index(v, ";"); i >= 0 {
		v = v[i+1:]
	}
	return strings.Join(strings.Fields(v), " ")
}

func attachment(h textproto.MIMEHeader) bool {
	d, _, err := mime.ParseMediaType(h.Get("Content-Disposition"))
	return err == nil && strings.EqualFold(d, "attachment")
}

func decodeTransfer(enc string, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, &spaceless{r: r})
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	}
	return r
}

// spaceless drops the line breaks and spaces inside base64 text.
type spaceless struct{ r io.Reader }

func (s *spaceless) Read(p []byte) (int, error) {
	for {
		n, err := s.r.Read(p)
		j := 0
		for _, b := range p[:n] {
			if b != '\r' && b != '\n' && b != ' ' && b != '\t' {
				p[j] = b
				j++
			}
		}
		if j > 0 || n == 0 || err != nil {
			return j, err
		}
	}
}

// autoReply recognises automatic answers: RFC 3834's Auto-Submitted, the
// headers Exchange, Gmail and vacation programs add, and the subjects
// they use.
func autoReply(h mail.Header, subject string) (bool, string) {
	if v := strings.ToLower(strings.TrimSpace(h.Get("Auto-Submitted"))); v != "" && v != "no" {
		return true, "Auto-Submitted: " + clean(v, 40)
	}
	for _, k := range []string{"X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress-Me"} {
		if h.Get(k) != "" {
			return true, k
		}
	}
	if v := strings.ToLower(h.Get("Precedence")); v == "auto_reply" {
		return true, "Precedence: auto_reply"
	}
	if h.Get("X-MS-Exchange-Inbox-Rules-Loop") != "" && autoSubject.MatchString(subject) {
		return true, "Exchange inbox rule"
	}
	if autoSubject.MatchString(subject) {
		return true, "subject"
	}
	return false, ""
}

var autoSubject = regexp.MustCompile(`(?i)^(automatic reply|auto(matic)?[- ]?reply|autoreply|out of (the )?office|abwesenheitsnotiz|réponse automatique|respuesta automática)\b`)

var idRe = regexp.MustCompile(`<[^<>\s]+>`)

// ids returns the Message-IDs of an In-Reply-To or References field.
func ids(v string) []string {
	out := idRe.FindAllString(v, 20)
	for i := range out {
		out[i] = clean(out[i], 250)
	}
	return out
}

func firstID(v string) string {
	if l := ids(v); len(l) > 0 {
		return l[0]
	}
	v = strings.TrimSpace(v)
	if v == "" {
		return ""
	}
	return "<" + clean(strings.Trim(v, "<>"), 250) + ">"
}

func parseAddress(dec *mime.WordDecoder, v string) (*mail.Address, error) {
	p := mail.AddressParser{WordDecoder: dec}
	return p.Parse(v)
}

// clean makes s valid UTF-8 without control characters (but newlines and
// tabs) and cuts it to n bytes.
func clean(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if len(s) > n {
		s = s[:n]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
	}
	return s
}

func normalizeNewlines(b []byte) []byte {
	return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
}

var tagRe = regexp.MustCompile(`(?s)<(script|style)\b.*?</(script|style)>|<[^>]*>`)

// stripTags reduces HTML to its text: the officer never sees a message's
// HTML rendered.
func stripTags(s string) string {
	s = tagRe.ReplaceAllString(s, " ")
	r := strings.NewReplacer("&nbsp;", " ", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'")
	return r.Replace(s)
}
