// Package inboundtest gives tests the messages of real mail and calendar
// clients kept in internal/inbound/testdata, rewritten to answer the
// test's own invitation: its UID, SEQUENCE, Message-ID and times.
package inboundtest

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// The client messages answer an invitation of meeting-17 of the
// stl-global organization, sent as FileMessageID.
const (
	FileUID       = "meeting-17@stl-global.itinera"
	FileMessageID = "<k3v7q2xw5m4n6p8r2t4y6u8i0o@itinera.example.org>"
)

// Fixture returns the message internal/inbound/testdata/name with swap
// applied to each line of its plain parts and to the decoded text of its
// base64 parts (encoded again, in lines of 76).
func Fixture(t testing.TB, name string, swap func(string) string) []byte {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	raw, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return Rewrite(raw, swap)
}

// Rewrite applies swap to a CRLF message's plain lines and to the decoded
// text of its base64 bodies.
func Rewrite(raw []byte, swap func(string) string) []byte {
	lines := strings.Split(string(raw), "\r\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		// A base64 body: the lines after the blank line that ends a
		// part's header naming base64, up to the next blank line or
		// boundary.
		if i > 0 && lines[i] == "" && strings.Contains(strings.Join(lines[max(0, i-4):i], "\n"), "Content-Transfer-Encoding: base64") {
			j := i + 1
			for j < len(lines) && lines[j] != "" && !strings.HasPrefix(lines[j], "--") {
				j++
			}
			if dec, err := base64.StdEncoding.DecodeString(strings.Join(lines[i+1:j], "")); err == nil && j > i+1 {
				enc := base64.StdEncoding.EncodeToString([]byte(swap(string(dec))))
				out = append(out, "")
				for len(enc) > 76 {
					out, enc = append(out, enc[:76]), enc[76:]
				}
				out, i = append(out, enc), j-1
				continue
			}
		}
		out = append(out, swap(lines[i]))
	}
	return []byte(strings.Join(out, "\r\n"))
}

var messageIDHeader = regexp.MustCompile(`(?im)^Message-I[dD]: .*$`)

// WithMessageID gives every Message-ID header of raw the value id (a
// bounce's returned message included).
func WithMessageID(raw []byte, id string) []byte {
	return messageIDHeader.ReplaceAll(raw, []byte("Message-ID: "+id))
}
