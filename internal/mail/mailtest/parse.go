package mailtest

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"net/textproto"
	"strings"
	"testing"
)

// Parsed is a received message taken apart with the standard library.
type Parsed struct {
	Header netmail.Header
	// Structure shows the MIME tree, e.g.
	// "multipart/mixed(multipart/alternative(text/plain text/html) application/ics)".
	Structure string
	Parts     []Part // the leaf parts, depth first
}

// Part is one leaf part, its body decoded.
type Part struct {
	MediaType string
	Params    map[string]string
	Header    textproto.MIMEHeader
	Body      []byte
}

// Parse takes data apart, failing the test on malformed MIME.
func Parse(t testing.TB, data []byte) *Parsed {
	t.Helper()
	m, err := netmail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("mailtest: read message: %v\n%s", err, data)
	}
	p := &Parsed{Header: m.Header}
	p.Structure = p.walk(t, textproto.MIMEHeader(m.Header), m.Body)
	return p
}

func (p *Parsed) walk(t testing.TB, h textproto.MIMEHeader, body io.Reader) string {
	t.Helper()
	ct := h.Get("Content-Type")
	if ct == "" {
		ct = "text/plain"
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		t.Fatalf("mailtest: Content-Type %q: %v", ct, err)
	}
	if !strings.HasPrefix(mt, "multipart/") {
		p.Parts = append(p.Parts, Part{MediaType: mt, Params: params, Header: h, Body: decode(t, h.Get("Content-Transfer-Encoding"), body)})
		return mt
	}
	mr := multipart.NewReader(body, params["boundary"])
	var kids []string
	for {
		part, err := mr.NextRawPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("mailtest: %s: %v", mt, err)
		}
		kids = append(kids, p.walk(t, part.Header, part))
	}
	return mt + "(" + strings.Join(kids, " ") + ")"
}

func decode(t testing.TB, cte string, r io.Reader) []byte {
	t.Helper()
	var b []byte
	var err error
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "quoted-printable":
		b, err = io.ReadAll(quotedprintable.NewReader(r))
	case "base64":
		var raw []byte
		if raw, err = io.ReadAll(r); err == nil {
			b, err = base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(raw)), ""))
		}
	default:
		b, err = io.ReadAll(r)
	}
	if err != nil {
		t.Fatalf("mailtest: decode %s body: %v", cte, err)
	}
	return b
}

// Part returns the first leaf part of the media type, or nil.
func (p *Parsed) Part(mediaType string) *Part {
	for i := range p.Parts {
		if p.Parts[i].MediaType == mediaType {
			return &p.Parts[i]
		}
	}
	return nil
}
