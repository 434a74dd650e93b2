package api

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// encoding/json quietly turns invalid UTF-8 and lone UTF-16 surrogates
// (\ud800) into U+FFFD, so the domain's checks never see them. The API
// refuses them instead, naming the field, before the body is decoded.

// unreadableField returns the top-level field of a JSON body whose text is
// not valid UTF-8 or holds an escaped lone surrogate; ok is false when
// every string is sound (or the body is not JSON, which decoding reports).
func unreadableField(body []byte) (field string, ok bool) {
	if utf8.Valid(body) && !bytes.Contains(body, []byte(`\u`)) && !bytes.Contains(body, []byte(`\U`)) {
		return "", false
	}
	type frame struct{ object, wantKey bool }
	var stack []frame
	top := ""
	dec := json.NewDecoder(bytes.NewReader(body))
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return "", false
		}
		raw := body[start:dec.InputOffset()]
		n := len(stack)
		isKey := false
		if s, str := tok.(string); str && n > 0 && stack[n-1].object && stack[n-1].wantKey {
			isKey = true
			if n == 1 {
				top = s
			}
		}
		if !soundText(raw) {
			return top, top != ""
		}
		valueDone := func() {
			if n := len(stack); n > 0 && stack[n-1].object {
				stack[n-1].wantKey = true
			}
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, frame{object: true, wantKey: true})
			case '[':
				stack = append(stack, frame{})
			default:
				stack = stack[:n-1]
				valueDone()
			}
		default:
			if isKey {
				stack[n-1].wantKey = false
			} else {
				valueDone()
			}
		}
	}
}

// soundText reports whether raw JSON text is valid UTF-8 whose \u escapes
// pair every surrogate.
func soundText(raw []byte) bool {
	if !utf8.Valid(raw) {
		return false
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' || i+1 >= len(raw) {
			continue
		}
		if raw[i+1] != 'u' {
			i++ // an escaped character, such as \\ or \"
			continue
		}
		r, ok := hex4(raw, i+2)
		switch {
		case !ok:
			return false
		case r >= 0xDC00 && r <= 0xDFFF:
			return false // a low surrogate without its high one
		case r >= 0xD800 && r <= 0xDBFF:
			if i+7 >= len(raw) || raw[i+6] != '\\' || raw[i+7] != 'u' {
				return false
			}
			lo, ok := hex4(raw, i+8)
			if !ok || lo < 0xDC00 || lo > 0xDFFF {
				return false
			}
			i += 11
		default:
			i += 5
		}
	}
	return true
}

// hex4 reads four hexadecimal digits at raw[i:].
func hex4(raw []byte, i int) (rune, bool) {
	if i+4 > len(raw) {
		return 0, false
	}
	var r rune
	for _, c := range raw[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
