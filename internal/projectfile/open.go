package projectfile

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"itinera"
	"itinera/internal/programfile"
)

// Errors Open's, Verify's and Inspect's errors also match (errors.Is), for
// callers that answer them differently. Every error they return is an
// EINVALID *itinera.Error whose message, written for the officer, says
// what is wrong.
var (
	// ErrTooLarge: the file is larger than MaxSize.
	ErrTooLarge = errors.New("projectfile: too large")
	// ErrNotPackage: the file is not a project package at all.
	ErrNotPackage = errors.New("projectfile: not a project package")
	// ErrNewerVersion: the package is of a newer version of the format.
	ErrNewerVersion = errors.New("projectfile: newer version")
	// ErrWrongKind: a return package where a stop package was expected,
	// or the other way round.
	ErrWrongKind = errors.New("projectfile: wrong kind")
	// ErrWrongKey: the package is signed with another key than the one
	// trusted for its sender.
	ErrWrongKey = errors.New("projectfile: signed with another key")
	// ErrTampered: the signature does not match the content, or the
	// envelope does not match the signed content.
	ErrTampered = errors.New("projectfile: changed after signing")
	// ErrIssuedAt: the package was made too long ago, or in the future.
	ErrIssuedAt = errors.New("projectfile: issued at an unacceptable time")
)

// openError is a user's error that also matches a sentinel.
type openError struct {
	user *itinera.Error
	kind error
}

func (e *openError) Error() string   { return e.user.Error() }
func (e *openError) Unwrap() []error { return []error{e.user, e.kind} }

func fail(kind error, format string, args ...any) error {
	return &openError{user: itinera.Errorf(itinera.EINVALID, format, args...), kind: kind}
}

func wrong(format string, args ...any) error {
	return itinera.Errorf(itinera.EINVALID, format, args...)
}

// Expect is what the officer opening a package expects of it.
type Expect struct {
	// Kind is the kind of package expected; "" accepts either.
	Kind Kind
	// Key is the sender's public key, as the officer confirmed it with
	// the sender (its fingerprint compared by another channel). Required.
	Key ed25519.PublicKey
	// Now is the time on the clock of the installation opening it.
	Now time.Time
	// MaxAge is how old a package may be; 0 is MaxAge.
	MaxAge time.Duration
}

// Opened is a package Open accepted.
type Opened struct {
	Package Package
	// KeyID is the fingerprint of the key that signed it.
	KeyID string
	// Digest is "sha256:" and the SHA-256 of the signed payload, in
	// hexadecimal: the same package opened twice has the same digest, so
	// an importer can tell a package it has already imported.
	Digest string
}

// Header is what a package says about itself before its signature is
// checked: its kind, version and signing key, and — unverified, from the
// payload — who says they made it and when. It is for showing the officer
// a package whose sender's key they do not trust yet, so that they can
// compare the key's fingerprint with the sender by another channel; it
// proves nothing.
type Header struct {
	Kind      Kind
	Version   int
	KeyID     string
	PublicKey ed25519.PublicKey
	// Unverified.
	Organization string
	IssuedAt     time.Time
	Project      Project
	Stop         Stop
}

// read is an envelope whose members are read and checked on their own.
type read struct {
	env       envelope
	publicKey ed25519.PublicKey
	signature []byte
	payload   []byte
}

// Read reads a package of at most MaxSize bytes from r, for Open; a
// larger one is refused (ErrTooLarge).
func Read(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxSize {
		return nil, tooLarge()
	}
	return b, nil
}

func tooLarge() error {
	return fail(ErrTooLarge, "The file is too large for a project package: the limit is %d MiB.", MaxSize>>20)
}

// Inspect reads a package's envelope without checking its signature (see
// Header).
func Inspect(b []byte) (Header, error) {
	r, err := readEnvelope(b)
	if err != nil {
		return Header{}, err
	}
	h := Header{Kind: r.env.Kind, Version: r.env.Version, KeyID: r.env.KeyID, PublicKey: r.publicKey}
	var claims struct {
		IssuedAt time.Time `json:"issued_at"`
		Issuer   Issuer    `json:"issuer"`
		Project  Project   `json:"project"`
		Stop     Stop      `json:"stop"`
	}
	if json.Unmarshal(r.payload, &claims) == nil {
		h.Organization, h.IssuedAt, h.Project, h.Stop = claims.Issuer.Organization, claims.IssuedAt, claims.Project, claims.Stop
	}
	return h, nil
}

// Verify reads a package's envelope and checks that it is signed with key
// and unchanged since; it returns the signed payload's bytes.
func Verify(b []byte, key ed25519.PublicKey) ([]byte, error) {
	r, err := readEnvelope(b)
	if err != nil {
		return nil, err
	}
	if err := r.verify(key); err != nil {
		return nil, err
	}
	return r.payload, nil
}

func (r *read) verify(key ed25519.PublicKey) error {
	if len(key) != ed25519.PublicKeySize {
		return wrong("Give the public key of the organization that sent the package: Itinera checks the package's signature with it.")
	}
	if !bytes.Equal(key, r.publicKey) {
		return fail(ErrWrongKey, "This package is signed with the key %s, not with the key you trust for its sender (%s). "+
			"If the sender has a new key, compare its fingerprint with them by phone before trusting it; otherwise the package is not from them: do not import it.",
			r.env.KeyID, KeyID(key))
	}
	if !ed25519.Verify(key, r.payload, r.signature) {
		return fail(ErrTampered, "The package has been changed since it was signed: its signature does not match its content. Do not import it; ask the sender for a new copy.")
	}
	return nil
}

// Open reads a package, checks its signature with e.Key, its kind, its
// time and its content (Check), and returns it. What is wrong is an
// EINVALID error that names it (see the Err… values).
func Open(b []byte, e Expect) (Opened, error) {
	r, err := readEnvelope(b)
	if err != nil {
		return Opened{}, err
	}
	if e.Kind != "" && r.env.Kind != e.Kind {
		return Opened{}, fail(ErrWrongKind, "This is %s, not %s.", kindName(r.env.Kind), kindName(e.Kind))
	}
	if err := r.verify(e.Key); err != nil {
		return Opened{}, err
	}
	p, err := decodePayload(r.payload)
	if err != nil {
		return Opened{}, err
	}
	for _, d := range []struct {
		field string
		same  bool
	}{
		{"format", p.Format == r.env.Format}, {"version", p.Version == r.env.Version},
		{"kind", p.Kind == r.env.Kind}, {"key_id", p.Issuer.KeyID == r.env.KeyID},
	} {
		if !d.same {
			return Opened{}, fail(ErrTampered, "The package's envelope does not match its signed content (its %q differs): it was changed after signing. Do not import it; ask the sender for a new copy.", d.field)
		}
	}
	if err := checkIssuedAt(p.IssuedAt, e); err != nil {
		return Opened{}, err
	}
	// The program was checked as decodePayload read it.
	if err := p.check(false); err != nil {
		return Opened{}, err
	}
	sum := sha256.Sum256(r.payload)
	return Opened{Package: p, KeyID: r.env.KeyID, Digest: "sha256:" + hex.EncodeToString(sum[:])}, nil
}

func kindName(k Kind) string {
	switch k {
	case KindStop:
		return "a stop package (a stop of a project, sent by the national program agency to the city that programs it)"
	case KindReturn:
		return "a return package (a stop's program and feedback, sent back by the city to the agency)"
	}
	return fmt.Sprintf("a package of kind %q", k)
}

func checkIssuedAt(at time.Time, e Expect) error {
	maxAge := e.MaxAge
	if maxAge <= 0 {
		maxAge = MaxAge
	}
	const layout = "2 January 2006, 15:04 MST"
	switch {
	case at.After(e.Now.Add(ClockSkew)):
		return fail(ErrIssuedAt, "The package says it was made on %s, later than now (%s): the clock of the computer that made it, or of this one, is wrong. Ask the sender to check their clock and send the package again.",
			at.UTC().Format(layout), e.Now.UTC().Format(layout))
	case at.Before(e.Now.Add(-maxAge)):
		return fail(ErrIssuedAt, "The package was made on %s, more than %s ago: older packages are refused, so that an old copy never replaces newer news. Ask the sender to make a new one.",
			at.UTC().Format(layout), span(maxAge))
	}
	return nil
}

// span writes a duration in days, or in hours when shorter than two days.
func span(d time.Duration) string {
	if d < 48*time.Hour {
		return fmt.Sprintf("%d hours", int(d/time.Hour))
	}
	return fmt.Sprintf("%d days", int(d/(24*time.Hour)))
}

// readEnvelope reads the file's envelope and decodes its members.
func readEnvelope(b []byte) (read, error) {
	if len(b) > MaxSize {
		return read{}, tooLarge()
	}
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")) // a byte order mark some editors add
	if len(bytes.TrimSpace(b)) == 0 {
		return read{}, fail(ErrNotPackage, "The file is empty: choose a project package (a .json file) exported from Itinera.")
	}
	members, p := scan(b)
	if p != nil {
		return read{}, scanError(p, "The file", true)
	}
	var r read
	if err := readHeader(members, "The package", &r.env.Format, &r.env.Version); err != nil {
		return read{}, err
	}
	for _, k := range sortedKeys(members) {
		if !oneOf(k, envelopeFields) {
			return read{}, wrong("The package has a field that version %d of the format does not know: %q. If it was made by a newer Itinera, update Itinera to open it.", Version, k)
		}
	}
	for _, k := range envelopeFields {
		if _, ok := members[k]; !ok {
			return read{}, fail(ErrNotPackage, "The package has no %q: it is incomplete. Ask the sender for a new copy.", k)
		}
	}
	var kind, keyID, pub, sig, payload string
	for _, m := range []struct {
		name string
		to   *string
	}{{"kind", &kind}, {"key_id", &keyID}, {"public_key", &pub}, {"signature", &sig}, {"payload", &payload}} {
		s, ok := members[m.name].(string)
		if !ok {
			return read{}, wrong("The package's %q is not text.", m.name)
		}
		*m.to = s
	}
	r.env.Kind, r.env.KeyID, r.env.PublicKey, r.env.Signature, r.env.Payload = Kind(kind), keyID, pub, sig, payload
	if !oneOf(r.env.Kind, Kinds) {
		return read{}, wrong("The package's kind %q is not one this Itinera knows (stop or return). If it was made by a newer Itinera, update Itinera to open it.", kind)
	}
	if !validKeyID(keyID) {
		return read{}, wrong("The package's key_id %q is not a key fingerprint (ed25519: and 32 hexadecimal digits).", keyID)
	}
	k, ok := canonicalBase64(pub)
	if !ok || len(k) != ed25519.PublicKeySize {
		return read{}, wrong("The package's public_key is not an Ed25519 public key in base64 (44 characters).")
	}
	r.publicKey = ed25519.PublicKey(k)
	if KeyID(r.publicKey) != keyID {
		return read{}, fail(ErrTampered, "The package's key_id is not the fingerprint of its public_key: it was changed after signing. Do not import it; ask the sender for a new copy.")
	}
	if r.signature, ok = canonicalBase64(sig); !ok || len(r.signature) != ed25519.SignatureSize {
		return read{}, fail(ErrTampered, "The package's signature is not an Ed25519 signature in base64 (88 characters): it is damaged. Ask the sender for a new copy.")
	}
	if r.payload, ok = canonicalBase64(payload); !ok {
		return read{}, fail(ErrTampered, "The package's payload is not base64 as Itinera writes it (one line, with = padding): it is damaged. Ask the sender for a new copy.")
	}
	if len(r.payload) > MaxPayload {
		return read{}, tooLarge()
	}
	return r, nil
}

// canonicalBase64 decodes standard base64 with padding, written as
// Itinera writes it: a text that decodes to the same bytes but is written
// differently (line breaks, other padding bits) is refused, so that every
// byte of the envelope matters.
func canonicalBase64(s string) ([]byte, bool) {
	// Strict refuses other padding bits; the line breaks the decoder
	// would skip are refused here.
	if strings.ContainsAny(s, "\r\n") {
		return nil, false
	}
	b, err := base64.StdEncoding.Strict().DecodeString(s)
	return b, err == nil
}

// readHeader checks the format's name and version first, so that a file
// of another kind, or of a newer version, is named as such rather than by
// its first unknown field. what starts the messages ("The package").
func readHeader(members map[string]any, what string, format *string, version *int) error {
	f, ok := members["format"].(string)
	if !ok {
		return fail(ErrNotPackage, "This is not an Itinera project package: it has no \"format\" (a package starts with {\"format\": %q, \"version\": %d, …}).", Format, Version)
	}
	*format = f
	switch {
	case f == programfile.Format:
		return fail(ErrNotPackage, "This is a program file, not a project package: import it with Import a program file.")
	case f != Format:
		return fail(ErrNotPackage, "This is not an Itinera project package: its format is %q, not %q.", f, Format)
	}
	v, ok := members["version"]
	if !ok {
		return fail(ErrNotPackage, "%s has no \"version\".", what)
	}
	n, isNumber := v.(json.Number)
	i, err := n.Int64()
	if !isNumber || err != nil || i != int64(int(i)) {
		return wrong("%s's \"version\" must be a whole number such as %d.", what, Version)
	}
	*version = int(i)
	switch {
	case *version > Version:
		return fail(ErrNewerVersion, "This package is of version %d of the format, made by a newer Itinera than this one, which reads up to version %d: update Itinera to open it.", *version, Version)
	case *version < 1:
		return wrong("%s's version %d is not a version of the format (versions start at 1).", what, *version)
	}
	return nil
}

// scanError says what scan found, about what ("The file", "The package's
// signed content").
func scanError(p *scanProblem, what string, outer bool) error {
	kind := ErrTampered
	if outer {
		kind = ErrNotPackage
	}
	switch p.kind {
	case scanNotUTF8:
		return fail(kind, "%s is not UTF-8 text: the byte at %d cannot be read. Project packages are UTF-8, as Itinera writes them.", what, p.offset)
	case scanSyntax:
		return fail(kind, "%s is not valid JSON (the error is at byte %d): it is not a project package, or it is damaged.", what, p.offset)
	case scanTruncated:
		return fail(kind, "%s ends too early: it is cut off. Ask the sender for a new copy.", what)
	case scanNotObject:
		return fail(kind, "%s is not a project package: it does not hold a JSON object.", what)
	case scanTrailing:
		return fail(kind, "%s goes on after its end: it must hold one JSON object and nothing after it.", what)
	case scanDuplicate:
		return fail(kind, "%s gives the field %q twice in one object: a package gives each field once, so that every program reads it alike.", what, p.key)
	case scanBadKey:
		return wrong("%s has a field that version %d of the format does not know: %q (field names are in lowercase).", what, Version, p.key)
	case scanTooDeep:
		return fail(kind, "%s nests lists and objects more deeply than a project package does.", what)
	}
	return fail(kind, "%s could not be read.", what)
}

// decodePayload reads the signed payload into a Package: every field
// known and of its type, the program read as programfile reads a program
// file.
func decodePayload(b []byte) (Package, error) {
	const what = "The package's signed content"
	members, problem := scan(b)
	if problem != nil {
		return Package{}, scanError(problem, what, false)
	}
	var p Package
	if err := readHeader(members, what, &p.Format, &p.Version); err != nil {
		return Package{}, err
	}
	if _, ok := members["program"]; !ok {
		return Package{}, wrong("The package has no program.")
	}
	var w struct {
		Package
		Program json.RawMessage `json:"program"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return Package{}, readError(err)
	}
	p = w.Package
	rawProgram := w.Program
	if len(rawProgram) > programfile.MaxSize {
		return Package{}, fail(ErrTooLarge, "The package's program is too large: at most %d MiB.", programfile.MaxSize>>20)
	}
	f, err := programfile.DecodeBytes(rawProgram)
	if err != nil {
		e := &itinera.Error{Code: itinera.EINVALID, Message: "The package's program cannot be read. " + itinera.ErrorMessage(err),
			Fields: itinera.ErrorFields(err)}
		return Package{}, e
	}
	p.Program = f
	return p, nil
}

// readError says what encoding/json found wrong in the payload, in words
// about the package.
func readError(err error) error {
	var typ *json.UnmarshalTypeError
	var pe *time.ParseError
	switch {
	case errors.As(err, &typ):
		got, want := programfile.Mismatch(typ)
		return wrong("The package's field %q holds %s where %s is expected.", typ.Field, got, want)
	case errors.As(err, &pe):
		return wrong("A time in the package is not in the form 2026-05-04T13:00:00Z (RFC 3339): %s.", pe.Value)
	}
	// encoding/json has no typed error for an unknown field; its message
	// is about the package, not about Itinera.
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return wrong("The package has a field that version %d of the format does not know: %s. If it was made by a newer Itinera, update Itinera to open it.", Version, name)
	}
	if strings.Contains(err.Error(), "Time.UnmarshalJSON") {
		return wrong("A time in the package is not text in the form 2026-05-04T13:00:00Z (RFC 3339).")
	}
	return wrong("The package could not be read: a field holds a value of the wrong kind.")
}
