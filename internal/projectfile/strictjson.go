package projectfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"unicode/utf8"
)

// encoding/json reads more than the format allows: a key given twice (the
// last wins), a key in another case or with a look-alike letter ("Kind",
// "ſtop"), bytes that are not UTF-8 (silently replaced). A package is read
// only after scan has refused all of these, so that what one reader sees
// is what every reader sees.

// maxDepth bounds how deeply objects and lists nest (a package needs 7).
const maxDepth = 32

// scanProblem is what scan found wrong, for the caller's message.
type scanProblem struct {
	kind   scanKind
	offset int64  // the byte, for syntax errors and bad UTF-8
	key    string // the key, for duplicate and unknown keys
}

type scanKind int

const (
	scanSyntax scanKind = iota + 1
	scanTruncated
	scanNotObject
	scanTrailing
	scanDuplicate
	scanBadKey
	scanTooDeep
	scanNotUTF8
)

// scan checks that b is exactly one JSON object, in UTF-8, with nothing
// after it but white space, no key twice in one object and every key in
// lowercase ASCII letters, digits and underscores (every field of the
// format is named so). It returns the object's own members: their values
// as encoding/json's Token gives them (string, json.Number, bool, nil),
// an object or a list as json.Delim '{' or '['.
func scan(b []byte) (map[string]any, *scanProblem) {
	if !utf8.Valid(b) {
		at := 0
		for at < len(b) {
			r, n := utf8.DecodeRune(b[at:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			at += n
		}
		return nil, &scanProblem{kind: scanNotUTF8, offset: int64(at)}
	}
	type frame struct {
		object    bool
		expectKey bool
		keys      map[string]bool
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var stack []frame
	top := map[string]any{}
	var key string // the top-level member being read
	done := false  // the top-level value is complete
	for !done {
		tok, err := dec.Token()
		if err != nil {
			return nil, syntaxProblem(err, dec)
		}
		if len(stack) == 0 {
			if d, ok := tok.(json.Delim); !ok || d != '{' {
				return nil, &scanProblem{kind: scanNotObject}
			}
		}
		last := len(stack) - 1
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:last]
			if len(stack) == 0 {
				done = true
			} else if stack[len(stack)-1].object {
				stack[len(stack)-1].expectKey = true
			}
			continue
		}
		if last >= 0 && stack[last].object && stack[last].expectKey {
			key = tok.(string) // the decoder allows only a string here
			if stack[last].keys[key] {
				return nil, &scanProblem{kind: scanDuplicate, key: key}
			}
			if !fieldName(key) {
				return nil, &scanProblem{kind: scanBadKey, key: key}
			}
			if last == 0 {
				top[key] = nil
			}
			stack[last].keys[key] = true
			stack[last].expectKey = false
			continue
		}
		if last == 0 {
			top[key] = tok
		}
		if d, ok := tok.(json.Delim); ok {
			if len(stack) >= maxDepth {
				return nil, &scanProblem{kind: scanTooDeep}
			}
			stack = append(stack, frame{object: d == '{', expectKey: d == '{', keys: map[string]bool{}})
			continue
		}
		if last >= 0 && stack[last].object {
			stack[last].expectKey = true
		}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &scanProblem{kind: scanTrailing}
	}
	return top, nil
}

func syntaxProblem(err error, dec *json.Decoder) *scanProblem {
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &syn):
		return &scanProblem{kind: scanSyntax, offset: syn.Offset}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &scanProblem{kind: scanTruncated}
	}
	return &scanProblem{kind: scanSyntax, offset: dec.InputOffset()}
}

// fieldName reports whether key is spelled as the format's field names
// are: lowercase ASCII letters, digits and underscores.
func fieldName(key string) bool {
	if key == "" {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
