package inbound

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// The standard library decodes no legacy character sets. Mail clients
// today write UTF-8 almost always; the few others read here are the ones
// whose mapping is a table: ISO-8859-1 (Latin-1), its Windows-1252
// superset (Outlook's default in Western Europe) and US-ASCII. Text in
// any other charset is kept as far as it is valid UTF-8.

// win1252 maps 0x80–0x9F of Windows-1252 (0 where the byte is unassigned).
var win1252 = [32]rune{
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
}

// toUTF8 decodes b from charset.
func toUTF8(b []byte, charset string) []byte {
	switch strings.ToLower(strings.TrimSpace(charset)) {
	case "iso-8859-1", "latin1", "iso_8859-1", "l1":
		return latin1(b, false)
	case "windows-1252", "cp1252", "iso-8859-15":
		return latin1(b, true)
	}
	if utf8.Valid(b) {
		return b
	}
	return bytes.ToValidUTF8(b, []byte("\uFFFD"))
}

func latin1(b []byte, windows bool) []byte {
	var out bytes.Buffer
	out.Grow(len(b))
	for _, c := range b {
		r := rune(c)
		if windows && c >= 0x80 && c <= 0x9f && win1252[c-0x80] != 0 {
			r = win1252[c-0x80]
		}
		out.WriteRune(r)
	}
	return out.Bytes()
}

// charsetReader serves mime.WordDecoder for encoded header words.
func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "iso-8859-1", "latin1", "windows-1252", "cp1252", "iso-8859-15":
		b, err := io.ReadAll(io.LimitReader(input, 4096))
		if err != nil {
			return nil, err
		}
		return bytes.NewReader(toUTF8(b, charset)), nil
	}
	return nil, fmt.Errorf("charset %q is not supported", charset)
}
