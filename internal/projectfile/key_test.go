package projectfile

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"regexp"
	"strings"
	"testing"
)

// TestKeyRoundTrip: a new key's public half reads back from its one-line
// and PEM forms, its private half from PEM, and its fingerprint is
// "ed25519:" and 32 hexadecimal digits, read in eight groups of four.
func TestKeyRoundTrip(t *testing.T) {
	t.Parallel()
	priv, err := GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pub := PublicKey(priv)
	line := MarshalPublicKey(pub)
	if len(line) != 44 {
		t.Errorf("one-line key %q", line)
	}
	for _, s := range []string{line, " " + line + "\n", string(MarshalPublicKeyPEM(pub))} {
		got, err := ParsePublicKey(s)
		if err != nil || !got.Equal(pub) {
			t.Errorf("ParsePublicKey(%q) = %v", s, err)
		}
	}
	back, err := ParsePrivateKey(MarshalPrivateKeyPEM(priv))
	if err != nil || !back.Equal(priv) {
		t.Errorf("ParsePrivateKey: %v", err)
	}
	id := KeyID(pub)
	if !regexp.MustCompile(`^ed25519:[0-9a-f]{32}$`).MatchString(id) || !validKeyID(id) {
		t.Errorf("key id %q", id)
	}
	if g := FormatKeyID(id); !regexp.MustCompile(`^([0-9a-f]{4} ){7}[0-9a-f]{4}$`).MatchString(g) {
		t.Errorf("grouped key id %q", g)
	}
}

// TestKeyIDIsDocumented: the test agency key's fingerprint is the one
// docs/project-package.md computes with OpenSSL (the first 32 digits of
// the SHA-256 of the key's 32 bytes).
func TestKeyIDIsDocumented(t *testing.T) {
	t.Parallel()
	if id := KeyID(PublicKey(agencyKey)); id != "ed25519:f3734e2fbd2c0293fa8b04ae2f432bbd" {
		t.Errorf("key id %s", id)
	}
	if g := FormatKeyID("ed25519:f3734e2fbd2c0293fa8b04ae2f432bbd"); g != "f373 4e2f bd2c 0293 fa8b 04ae 2f43 2bbd" {
		t.Errorf("grouped %q", g)
	}
}

// TestParsePublicKeyRefuses: what an officer may paste instead of a
// public key is refused, saying what it is.
func TestParsePublicKeyRefuses(t *testing.T) {
	t.Parallel()
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecDER, _ := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	ecPEM := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: ecDER}))
	agencyPEM := string(MarshalPublicKeyPEM(PublicKey(agencyKey)))
	for _, c := range []struct{ in, want string }{
		{"", "The public key is missing"},
		{KeyID(PublicKey(agencyKey)), "This is a key's fingerprint, not the key itself"},
		{string(MarshalPrivateKeyPEM(agencyKey)), "This is a private key"},
		{strings.Replace(agencyPEM, "PUBLIC KEY", "CERTIFICATE", 2), `This is a "CERTIFICATE" block`},
		{agencyPEM + "and more", "followed by other text"},
		{"-----BEGIN PUBLIC KEY-----\nAAAA", "incomplete"},
		{ecPEM, "not an Ed25519 key"},
		{"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "does not hold a key"},
		{"not a key at all", "not one line of base64"},
		{MarshalPublicKey(PublicKey(agencyKey))[:40] + "AA==", "has 31 bytes"},
		{MarshalPublicKey(PublicKey(agencyKey))[:22] + "\n" + MarshalPublicKey(PublicKey(agencyKey))[22:], "not one line of base64"},
	} {
		_, err := ParsePublicKey(c.in)
		refused(t, err, nil, c.want)
		if f := err.(interface{ Error() string }); !strings.Contains(f.Error(), keyField) {
			t.Errorf("%q: the error does not name the %s field", c.in, keyField)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"", "must be a block starting with -----BEGIN PRIVATE KEY-----"},
		{string(MarshalPublicKeyPEM(PublicKey(agencyKey))), "must be a block starting with -----BEGIN PRIVATE KEY-----"},
		{"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "does not hold a key"},
	} {
		_, err := ParsePrivateKey([]byte(c.in))
		refused(t, err, nil, c.want)
	}
	ecPriv, _ := x509.MarshalPKCS8PrivateKey(ec)
	_, err = ParsePrivateKey(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: ecPriv}))
	refused(t, err, nil, "not an Ed25519 key")
}

// TestOpenSSLKeys: keys OpenSSL made (openssl genpkey -algorithm ed25519;
// openssl pkey -pubout: a throwaway pair made for this test) read as
// Itinera's own do, and a package signed with one opens with the other.
func TestOpenSSLKeys(t *testing.T) {
	t.Parallel()
	const private = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIDrPDlA4TqL13Y5vmptobA4NLQClylYuVxuHkUEf9XvL
-----END PRIVATE KEY-----
`
	const public = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEA1xZ7T+usyzsAG+8bm29eRgG4QD8UtH134mync5bEsqg=
-----END PUBLIC KEY-----
`
	priv, err := ParsePrivateKey([]byte(private))
	if err != nil {
		t.Fatal(err)
	}
	pub, err := ParsePublicKey(public)
	if err != nil {
		t.Fatal(err)
	}
	if !PublicKey(priv).Equal(pub) || string(MarshalPublicKeyPEM(pub)) != public || string(MarshalPrivateKeyPEM(priv)) != private {
		t.Fatal("OpenSSL's keys do not read back as written")
	}
	b, err := Sign(stLouisStop(t), priv)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(b, Expect{Kind: KindStop, Key: pub, Now: stopNow}); err != nil {
		t.Error(err)
	}
}
