package app

import (
	"strings"
	"testing"
)

// TestReplyAddress: a request's reply address leads back to it, in any
// letter case; another request's, another organization's, another
// domain's or a tampered one leads nowhere.
func TestReplyAddress(t *testing.T) {
	t.Parallel()
	key, other := []byte("0123456789abcdef0123456789abcdef"), []byte("fedcba9876543210fedcba9876543210")
	from := "Programs@STL-Global.example.org"
	addr := replyAddressFor(from, key, 7, 42)
	if !strings.HasPrefix(addr, "programs+r42-") || !strings.HasSuffix(addr, "@stl-global.example.org") || len(addr) != len("programs+r42-")+replyCodeLen+len("@stl-global.example.org") {
		t.Fatalf("address %q", addr)
	}
	if got := requestOfReplyAddress(strings.ToUpper(addr), from, key, 7); got != 42 {
		t.Errorf("upper case: %d", got)
	}
	tampered := strings.Replace(addr, "+r42-", "+r43-", 1)
	at := strings.Index(addr, "@")
	flipped := addr[:at-1] + string("0123456789abcdef"[(strings.IndexByte("0123456789abcdef", addr[at-1])+1)%16]) + addr[at:]
	for _, a := range []string{tampered, flipped, strings.Replace(addr, "example.org", "example.com", 1), "programs@stl-global.example.org",
		"programs+news@stl-global.example.org", "someone+r42-" + addr[len("programs+r42-"):], ""} {
		if got := requestOfReplyAddress(a, from, key, 7); got != 0 {
			t.Errorf("%q leads to %d", a, got)
		}
	}
	if got := requestOfReplyAddress(addr, from, key, 8); got != 0 {
		t.Errorf("another organization: %d", got)
	}
	if got := requestOfReplyAddress(addr, from, other, 7); got != 0 {
		t.Errorf("another key: %d", got)
	}
	if replyAddressFor("", key, 7, 42) != "" || replyAddressFor(from, nil, 7, 42) != "" {
		t.Error("an address without a sender address or key")
	}
}
