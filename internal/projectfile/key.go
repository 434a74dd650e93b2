package projectfile

import (
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"io"
	"strings"

	"itinera"
)

// Keys are Ed25519. An organization keeps its private key and gives its
// public key to the organizations it works with; they check its
// fingerprint (KeyID) with it by another channel — a phone call, a
// meeting — before trusting it.
//
// A public key is written either as one line, the standard base64 of its
// 32 bytes (44 characters, what the envelope's "public_key" holds and a
// form accepts), or in PEM ("PUBLIC KEY", the PKIX form OpenSSL reads). A
// private key is written in PEM ("PRIVATE KEY", PKCS #8).

// KeyIDPrefix starts every key id.
const KeyIDPrefix = "ed25519:"

// GenerateKey makes a new private key from rand (crypto/rand.Reader in
// use).
func GenerateKey(rand io.Reader) (ed25519.PrivateKey, error) {
	_, priv, err := ed25519.GenerateKey(rand)
	return priv, err
}

// PublicKey returns the public half of a private key.
func PublicKey(priv ed25519.PrivateKey) ed25519.PublicKey {
	return priv.Public().(ed25519.PublicKey)
}

// KeyID is the fingerprint of a public key: "ed25519:" and the first 16
// bytes of the SHA-256 of its 32 bytes, in lowercase hexadecimal (32
// digits). People compare it four digits at a time (see FormatKeyID).
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return KeyIDPrefix + hex.EncodeToString(sum[:16])
}

// FormatKeyID writes a key id for people to read aloud: its digits in
// groups of four, "3f2a 9c1d …".
func FormatKeyID(id string) string {
	hexits := strings.TrimPrefix(id, KeyIDPrefix)
	var b strings.Builder
	for i := 0; i < len(hexits); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(hexits[i:min(i+4, len(hexits))])
	}
	return b.String()
}

// validKeyID reports whether s is a key id as KeyID writes it.
func validKeyID(s string) bool {
	h, ok := strings.CutPrefix(s, KeyIDPrefix)
	if !ok || len(h) != 32 {
		return false
	}
	for _, r := range h {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'f') {
			return false
		}
	}
	return true
}

// MarshalPublicKey writes a public key on one line: standard base64 with
// padding of its 32 bytes.
func MarshalPublicKey(pub ed25519.PublicKey) string {
	return base64.StdEncoding.EncodeToString(pub)
}

// MarshalPublicKeyPEM writes a public key in PEM ("PUBLIC KEY", PKIX).
func MarshalPublicKeyPEM(pub ed25519.PublicKey) []byte {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		panic(err) // an ed25519.PublicKey always marshals
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

// MarshalPrivateKeyPEM writes a private key in PEM ("PRIVATE KEY",
// PKCS #8).
func MarshalPrivateKeyPEM(priv ed25519.PrivateKey) []byte {
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		panic(err) // an ed25519.PrivateKey always marshals
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

// keyField names the field a parsed key comes from, for forms.
const keyField = "public_key"

func keyError(format string, args ...any) error {
	e := itinera.Errorf(itinera.EINVALID, format, args...)
	e.Fields = map[string]string{keyField: "Paste the other organization's public key: one line of 44 characters, or a block starting with -----BEGIN PUBLIC KEY-----."}
	return e
}

// ParsePublicKey reads a public key as an officer pastes it: one line of
// base64 or a PEM block. Anything else is an EINVALID error saying what
// it is instead (a fingerprint, a private key, …).
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return nil, keyError("The public key is missing.")
	case strings.HasPrefix(s, KeyIDPrefix):
		return nil, keyError("This is a key's fingerprint, not the key itself: ask the other organization for their public key, then check that its fingerprint is this one.")
	case strings.HasPrefix(s, "-----BEGIN"):
		block, rest := pem.Decode([]byte(s))
		switch {
		case block == nil:
			return nil, keyError("The public key cannot be read: its -----BEGIN / -----END block is incomplete.")
		case strings.Contains(block.Type, "PRIVATE KEY"):
			return nil, keyError("This is a private key, which must never leave the organization that owns it: paste the public key instead (and, if this private key was sent to you, tell its owner to make a new one).")
		case block.Type != "PUBLIC KEY":
			return nil, keyError("This is a %q block, not a public key (-----BEGIN PUBLIC KEY-----).", block.Type)
		case len(strings.TrimSpace(string(rest))) > 0:
			return nil, keyError("The public key is followed by other text: paste the key alone.")
		}
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, keyError("The public key cannot be read: its block does not hold a key.")
		}
		pub, ok := k.(ed25519.PublicKey)
		if !ok {
			return nil, keyError("This public key is not an Ed25519 key, the kind Itinera signs packages with.")
		}
		return pub, nil
	}
	b, err := base64.StdEncoding.Strict().DecodeString(s)
	if err != nil || strings.ContainsAny(s, "\r\n") {
		return nil, keyError("The public key cannot be read: it is not one line of base64 (letters, digits, +, / and =).")
	}
	if len(b) != ed25519.PublicKeySize {
		return nil, keyError("The public key has %d bytes; an Ed25519 public key has %d (44 characters of base64).", len(b), ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(b), nil
}

// ParsePrivateKey reads a private key in PEM ("PRIVATE KEY", PKCS #8).
func ParsePrivateKey(b []byte) (ed25519.PrivateKey, error) {
	block, _ := pem.Decode(b)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, itinera.Errorf(itinera.EINVALID, "The private key cannot be read: it must be a block starting with -----BEGIN PRIVATE KEY-----.")
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, itinera.Errorf(itinera.EINVALID, "The private key cannot be read: its block does not hold a key.")
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, itinera.Errorf(itinera.EINVALID, "The private key is not an Ed25519 key, the kind Itinera signs packages with.")
	}
	return priv, nil
}

// describeKey names a key in a message: its fingerprint, grouped.
func describeKey(pub ed25519.PublicKey) string {
	return fmt.Sprintf("%s (%s)", KeyID(pub), FormatKeyID(KeyID(pub)))
}
