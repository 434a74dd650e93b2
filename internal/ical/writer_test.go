package ical

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscapeText(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{`a\b`, `a\\b`},
		{"one, two; three", `one\, two\; three`},
		{"line\nnext\r\nthird", `line\nnext\nthird`},
		{"bell\x07 and\ttab", "bell and\ttab"},
		{"Zürich – 東京", "Zürich – 東京"},
		{"inject\r\nATTENDEE:mailto:x@y", `inject\nATTENDEE:mailto:x@y`},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.want {
			t.Errorf("escapeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
		want := strings.ReplaceAll(strings.ReplaceAll(tt.in, "\r\n", "\n"), "\x07", "")
		if got := unescapeText(escapeText(tt.in)); got != want {
			t.Errorf("unescape(escape(%q)) = %q", tt.in, got)
		}
	}
	if got := unescapeText(`C:\Users\N`); got != "C:\\Users\n" {
		t.Errorf("unknown escape: got %q", got)
	}
}

func TestParamValue(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Rumi Price", "Rumi Price"},
		{"Price, Rumi", `"Price, Rumi"`},
		{"mailto:a@b.org", `"mailto:a@b.org"`},
		{`Dr. "Rumi" Price`, `Dr. ^'Rumi^' Price`},
		{"a^b\nc", "a^^b^nc"},
	}
	for _, tt := range tests {
		if got := paramValue(tt.in); got != tt.want {
			t.Errorf("paramValue(%q) = %q, want %q", tt.in, got, tt.want)
		}
		got := strings.Trim(paramValue(tt.in), `"`)
		if got := unescapeParam(got); got != tt.in {
			t.Errorf("unescapeParam(paramValue(%q)) = %q", tt.in, got)
		}
	}
}

func TestFold(t *testing.T) {
	t.Parallel()
	for _, value := range []string{
		strings.Repeat("a", 200),
		strings.Repeat("é", 100),          // 2 octets each
		strings.Repeat("東", 90),           // 3 octets each
		strings.Repeat("x🎉", 60),          // 4-octet runes at odd offsets
		strings.Repeat("a", 74-len("X:")), // exactly fits
		strings.Repeat("a", 75-len("X:")),
	} {
		w := &writer{}
		w.line("X", value)
		out := string(w.Bytes())
		if !strings.HasSuffix(out, "\r\n") {
			t.Fatalf("no CRLF at the end of %q", out)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
		for i, l := range lines {
			if len(l) > 75 {
				t.Errorf("line %d has %d octets", i, len(l))
			}
			if !utf8.ValidString(l) {
				t.Errorf("line %d splits a UTF-8 sequence: %q", i, l)
			}
			if i > 0 && l[0] != ' ' {
				t.Errorf("continuation line %d does not start with a space", i)
			}
			if strings.Contains(l, "\n") || strings.Contains(l, "\r") {
				t.Errorf("line %d holds a bare line end", i)
			}
		}
		got, err := unfold(out, 1000)
		if err != nil || len(got) != 1 || got[0].text != "X:"+value {
			t.Errorf("unfold: got %+v, %v", got, err)
		}
	}
}

func TestDuration(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want string // formatted back; "" for an error
	}{
		{"PT1H", "PT1H"},
		{"PT90M", "PT1H30M"},
		{"P1D", "P1D"},
		{"P1DT12H", "P1DT12H"},
		{"P2W", "P14D"},
		{"-PT15M", "-PT15M"},
		{"PT0S", "PT0S"},
		{"P", ""},
		{"PT", ""},
		{"P1H", ""},
		{"PT1D", ""},
		{"1H", ""},
		{"P99999999999W", ""},
		{"P999999999W", ""},
	}
	for _, tt := range tests {
		d, err := parseDuration(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("parseDuration(%q) = %v, want an error", tt.in, d)
		case tt.want != "" && err != nil:
			t.Errorf("parseDuration(%q): %v", tt.in, err)
		case tt.want != "" && formatDuration(d) != tt.want:
			t.Errorf("formatDuration(parseDuration(%q)) = %q, want %q", tt.in, formatDuration(d), tt.want)
		}
	}
}
