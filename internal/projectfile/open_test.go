package projectfile

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"itinera"
)

func readGolden(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// stopNow is a time at which the golden stop package is fresh.
var stopNow = time.Date(2026, 4, 21, 9, 0, 0, 0, time.UTC)

func expectStop() Expect {
	return Expect{Kind: KindStop, Key: PublicKey(agencyKey), Now: stopNow}
}

// refused checks that err is a refusal for people: EINVALID, matching
// kind when given, its message naming what is wrong (containing want)
// and free of internal text.
func refused(t *testing.T, err error, kind error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("accepted; want a refusal saying %q", want)
	}
	if itinera.ErrorCode(err) != itinera.EINVALID {
		t.Fatalf("error %v is not EINVALID", err)
	}
	if kind != nil && !errors.Is(err, kind) {
		t.Errorf("error %v does not match %v", err, kind)
	}
	msg := itinera.ErrorMessage(err)
	if !strings.Contains(msg, want) {
		t.Errorf("message %q does not say %q", msg, want)
	}
	internal(t, msg)
}

// internal fails when a message shows internal error text.
func internal(t testing.TB, msg string) {
	t.Helper()
	for _, bad := range []string{"json:", "projectfile:", "programfile:", "runtime", "%!", "<nil>", "invalid character", "unexpected end"} {
		if strings.Contains(msg, bad) {
			t.Errorf("message shows internal text %q: %s", bad, msg)
		}
	}
}

// rewrap changes one member of a package's envelope, keeping the rest.
func rewrap(t testing.TB, b []byte, change func(env *envelope)) []byte {
	t.Helper()
	var env envelope
	if err := json.Unmarshal(b, &env); err != nil {
		t.Fatal(err)
	}
	change(&env)
	out, err := json.MarshalIndent(env, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

// signRaw signs any payload bytes with key, as Sign would wrap them: how
// the tests make packages whose signed content is wrong.
func signRaw(payload []byte, key ed25519.PrivateKey, kind Kind) []byte {
	env := envelope{Format: Format, Version: Version, Kind: kind, KeyID: KeyID(PublicKey(key)),
		PublicKey: MarshalPublicKey(PublicKey(key)), Signature: base64.StdEncoding.EncodeToString(ed25519.Sign(key, payload)),
		Payload: base64.StdEncoding.EncodeToString(payload)}
	out, _ := json.MarshalIndent(env, "", "  ")
	return append(out, '\n')
}

// TestRoundTrip: a package signed and opened is the package signed, for
// either kind, and Verify gives back the exact payload.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		pkg Package
		key ed25519.PrivateKey
	}{{stLouisStop(t), agencyKey}, {stLouisReturn(t), cityKey}} {
		b, err := Sign(c.pkg, c.key)
		if err != nil {
			t.Fatal(err)
		}
		o, err := Open(b, Expect{Kind: c.pkg.Kind, Key: PublicKey(c.key), Now: c.pkg.IssuedAt})
		if err != nil {
			t.Fatal(err)
		}
		if o.Package.Stop != c.pkg.Stop || o.Package.Issuer.Organization != c.pkg.Issuer.Organization ||
			len(o.Package.Program.Visitors) != len(c.pkg.Program.Visitors) {
			t.Errorf("opened %+v", o.Package.Stop)
		}
		// Either kind opens when the officer does not say which.
		if _, err := Open(b, Expect{Key: PublicKey(c.key), Now: c.pkg.IssuedAt}); err != nil {
			t.Error(err)
		}
		payload, err := Verify(b, PublicKey(c.key))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := encodePayload(o.Package)
		if !bytes.Equal(payload, want) {
			t.Error("the payload is not the package's encoding")
		}
	}
}

// TestEveryByteMatters: changing any one byte of a package file (a bit
// flipped, or a letter's case) makes Open refuse it. Every byte outside
// the payload's base64 and the last characters of it (the padding) are
// changed in the file; every byte of the signed payload itself is changed
// under the base64, the signature kept.
func TestEveryByteMatters(t *testing.T) {
	t.Parallel()
	file := readGolden(t, "stlouis-stop.json")
	e := expectStop()
	env := mustEnvelope(t, file)
	from := bytes.Index(file, []byte(env.Payload))
	to := from + len(env.Payload)
	for i := range file {
		if i >= from && i < to-4 {
			continue // under the base64: see below
		}
		for _, flip := range []byte{0x01, 0x20} {
			b := bytes.Clone(file)
			b[i] ^= flip
			if _, err := Open(b, e); err == nil {
				t.Fatalf("byte %d changed (^%#x) and the package still opens", i, flip)
			} else if itinera.ErrorCode(err) != itinera.EINVALID {
				t.Fatalf("byte %d: %v is not EINVALID", i, err)
			}
		}
	}
	payload, err := Verify(file, e.Key)
	if err != nil {
		t.Fatal(err)
	}
	for i := range payload {
		p := bytes.Clone(payload)
		p[i] ^= 0x01
		b := slices.Concat(file[:from], []byte(base64.StdEncoding.EncodeToString(p)), file[to:])
		if _, err := Open(b, e); !errors.Is(err, ErrTampered) {
			t.Fatalf("payload byte %d changed: %v, want a refusal as changed after signing", i, err)
		}
	}
}

// TestTampering: each way of changing a package after it was signed is
// refused with a message saying so.
func TestTampering(t *testing.T) {
	t.Parallel()
	file := readGolden(t, "stlouis-stop.json")
	ret := readGolden(t, "stlouis-return.json")
	payload, err := Verify(file, PublicKey(agencyKey))
	if err != nil {
		t.Fatal(err)
	}
	other := testKey("someone else")
	changed := bytes.Replace(payload, []byte(`"St. Louis"`), []byte(`"St. Paul"`), 1)
	for _, c := range []struct {
		name string
		file []byte
		kind error
		want string
	}{
		{"payload changed, signature kept",
			rewrap(t, file, func(env *envelope) { env.Payload = base64.StdEncoding.EncodeToString(changed) }),
			ErrTampered, "changed since it was signed"},
		{"signature of another package",
			rewrap(t, file, func(env *envelope) { env.Signature = mustEnvelope(t, ret).Signature }),
			ErrTampered, "changed since it was signed"},
		{"payload changed and signed again by someone else, their key in the envelope",
			signRaw(changed, other, KindStop), ErrWrongKey, "not with the key you trust"},
		{"key id changed", rewrap(t, file, func(env *envelope) { env.KeyID = KeyID(PublicKey(other)) }),
			ErrTampered, "key_id is not the fingerprint"},
		{"public key changed", rewrap(t, file, func(env *envelope) {
			env.PublicKey, env.KeyID = MarshalPublicKey(PublicKey(other)), KeyID(PublicKey(other))
		}), ErrWrongKey, "not with the key you trust"},
		{"kind in the envelope changed", rewrap(t, file, func(env *envelope) { env.Kind = KindReturn }),
			ErrWrongKind, "This is a return package"},
		{"signature truncated", rewrap(t, file, func(env *envelope) { env.Signature = env.Signature[:44] }),
			ErrTampered, "not an Ed25519 signature"},
		{"payload with a line break in its base64", rewrap(t, file, func(env *envelope) {
			env.Payload = env.Payload[:76] + "\n" + env.Payload[76:]
		}), ErrTampered, "not base64 as Itinera writes it"},
		{"payload without its padding", rewrap(t, file, func(env *envelope) { env.Payload = strings.TrimRight(env.Payload, "=") + "A" }),
			ErrTampered, "not base64 as Itinera writes it"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Open(c.file, expectStop())
			refused(t, err, c.kind, c.want)
		})
	}
	// A kind changed in the envelope of a package opened without saying
	// which kind is expected: the envelope no longer matches the signed
	// content.
	b := rewrap(t, file, func(env *envelope) { env.Kind = KindReturn })
	_, err = Open(b, Expect{Key: PublicKey(agencyKey), Now: stopNow})
	refused(t, err, ErrTampered, `its "kind" differs`)
}

func mustEnvelope(t testing.TB, b []byte) envelope {
	t.Helper()
	var env envelope
	if err := json.Unmarshal(b, &env); err != nil {
		t.Fatal(err)
	}
	return env
}

// TestKeys: a package opens only with its sender's key; without a key it
// cannot be checked at all.
func TestKeys(t *testing.T) {
	t.Parallel()
	file := readGolden(t, "stlouis-stop.json")
	e := expectStop()
	e.Key = PublicKey(cityKey)
	_, err := Open(file, e)
	refused(t, err, ErrWrongKey, KeyID(PublicKey(agencyKey)))
	refused(t, err, ErrWrongKey, "compare its fingerprint with them by phone")
	_, err = Verify(file, PublicKey(cityKey))
	refused(t, err, ErrWrongKey, "not with the key you trust")
	e.Key = nil
	_, err = Open(file, e)
	refused(t, err, nil, "Give the public key")
	if _, err := Verify(file, PublicKey(agencyKey)); err != nil {
		t.Error(err)
	}
}

// TestKindAndTime: the wrong kind of package, and a package too old or
// from the future, are refused; a clock a few minutes apart is not.
func TestKindAndTime(t *testing.T) {
	t.Parallel()
	file := readGolden(t, "stlouis-stop.json")
	issued := time.Date(2026, 4, 20, 15, 0, 0, 0, time.UTC)
	e := Expect{Kind: KindReturn, Key: PublicKey(agencyKey), Now: stopNow}
	_, err := Open(file, e)
	refused(t, err, ErrWrongKind, "This is a stop package")
	refused(t, err, ErrWrongKind, "not a return package")

	e.Kind = KindStop
	for _, c := range []struct {
		now    time.Time
		maxAge time.Duration
		want   string // "": opens
	}{
		{issued.Add(-ClockSkew), 0, ""},
		{issued.Add(-ClockSkew - time.Second), 0, "later than now"},
		{issued.Add(-24 * time.Hour), 0, "later than now"},
		{issued.Add(MaxAge), 0, ""},
		{issued.Add(MaxAge + time.Second), 0, "more than 30 days ago"},
		{issued.Add(8 * 24 * time.Hour), 7 * 24 * time.Hour, "more than 7 days ago"},
		{issued.Add(25 * time.Hour), 24 * time.Hour, "more than 24 hours ago"},
	} {
		e.Now, e.MaxAge = c.now, c.maxAge
		_, err := Open(file, e)
		if c.want == "" {
			if err != nil {
				t.Errorf("at %s: %v", c.now, err)
			}
			continue
		}
		refused(t, err, ErrIssuedAt, c.want)
	}
}

// TestVersions: a package of a newer version is refused with a message
// telling the officer to update Itinera, before anything else is read;
// a version that never existed is refused as such.
func TestVersions(t *testing.T) {
	t.Parallel()
	file := readGolden(t, "stlouis-stop.json")
	newer := bytes.Replace(file, []byte(`"version": 1,`), []byte(`"version": 2,`), 1)
	_, err := Open(newer, expectStop())
	refused(t, err, ErrNewerVersion, "update Itinera")
	// A version 2 package may be shaped otherwise: still the same message.
	_, err = Open([]byte(`{"format":"itinera-project-package","version":3,"envelope":{}}`), expectStop())
	refused(t, err, ErrNewerVersion, "version 3")
	_, err = Inspect(newer)
	refused(t, err, ErrNewerVersion, "update Itinera")

	// A signed payload claiming a newer version than its envelope.
	payload, _ := Verify(file, PublicKey(agencyKey))
	p2 := bytes.Replace(payload, []byte(`"version": 1,`), []byte(`"version": 2,`), 1)
	_, err = Open(signRaw(p2, agencyKey, KindStop), expectStop())
	refused(t, err, ErrNewerVersion, "update Itinera")

	for _, v := range []string{`0`, `-1`, `1.5`, `"1"`, `null`} {
		b := bytes.Replace(file, []byte(`"version": 1,`), []byte(`"version": `+v+`,`), 1)
		_, err := Open(b, expectStop())
		refused(t, err, nil, "version")
	}
}

// TestMalformed: files that are not packages, or not written as the
// format says, are refused with a message naming what is wrong.
func TestMalformed(t *testing.T) {
	t.Parallel()
	file := readGolden(t, "stlouis-stop.json")
	payload, _ := Verify(file, PublicKey(agencyKey))
	programFile := []byte(`{"format": "itinera-program", "version": 1}`)
	for _, c := range []struct {
		name string
		file []byte
		kind error
		want string
	}{
		{"empty", []byte(" \n"), ErrNotPackage, "The file is empty"},
		{"not JSON", []byte("format: stop"), ErrNotPackage, "not valid JSON"},
		{"a list", []byte(`[1, 2]`), ErrNotPackage, "does not hold a JSON object"},
		{"cut off", file[:len(file)/2], ErrNotPackage, "ends too early"},
		{"a program file", programFile, ErrNotPackage, "This is a program file, not a project package"},
		{"another format", []byte(`{"format": "vcard", "version": 1}`), ErrNotPackage, `its format is "vcard"`},
		{"no format", []byte(`{"version": 1}`), ErrNotPackage, `no "format"`},
		{"trailing data", append(bytes.Clone(file), []byte(`{"format": "itinera-project-package"}`)...), ErrNotPackage, "goes on after its end"},
		{"trailing garbage", append(bytes.Clone(file), 'x'), ErrNotPackage, "goes on after its end"},
		{"duplicate key", bytes.Replace(file, []byte(`"kind": "stop",`), []byte(`"kind": "stop", "kind": "return",`), 1), ErrNotPackage, `"kind" twice`},
		{"key in another case", bytes.Replace(file, []byte(`"kind":`), []byte(`"Kind":`), 1), nil, `"Kind"`},
		{"key with a look-alike letter", bytes.Replace(file, []byte(`"kind":`), []byte(`"\u212aind":`), 1), nil, "does not know"},
		{"unknown field", bytes.Replace(file, []byte(`"kind": "stop",`), []byte(`"kind": "stop", "comment": "",`), 1), nil, `"comment"`},
		{"missing field", rewrapWithout(t, file, "signature"), ErrNotPackage, `no "signature"`},
		{"field not text", bytes.Replace(file, []byte(`"kind": "stop"`), []byte(`"kind": 1`), 1), nil, `"kind" is not text`},
		{"unknown kind", bytes.Replace(file, []byte(`"kind": "stop"`), []byte(`"kind": "visit"`), 1), nil, `kind "visit"`},
		{"not UTF-8", bytes.Replace(file, []byte(`"kind": "stop"`), []byte("\"kind\": \"st\xffp\""), 1), ErrNotPackage, "not UTF-8"},
		{"nested too deeply", []byte(`{"format":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`), ErrNotPackage, "nests"},
		{"bad key id", bytes.Replace(file, []byte(`"key_id": "ed25519:`), []byte(`"key_id": "rsa:`), 1), nil, "not a key fingerprint"},
		{"bad public key", rewrap(t, file, func(env *envelope) { env.PublicKey = "AAAA" }), nil, "not an Ed25519 public key"},

		{"signed payload not JSON", signRaw([]byte("hello"), agencyKey, KindStop), ErrTampered, "signed content is not valid JSON"},
		{"signed payload with a duplicate key", signRaw(bytes.Replace(payload, []byte(`"kind": "stop",`), []byte(`"kind": "stop", "kind": "stop",`), 1), agencyKey, KindStop),
			ErrTampered, `"kind" twice`},
		{"signed payload with a duplicate key in the program", signRaw(bytes.Replace(payload, []byte(`"city": "St. Louis",`), []byte(`"city": "St. Louis", "city": "St. Paul",`), 1), agencyKey, KindStop),
			ErrTampered, `"city" twice`},
		{"signed payload with trailing data", signRaw(append(bytes.Clone(payload), []byte("{}")...), agencyKey, KindStop), ErrTampered, "goes on after its end"},
		{"signed payload with an unknown field", signRaw(bytes.Replace(payload, []byte(`"kind": "stop",`), []byte(`"kind": "stop", "priority": 1,`), 1), agencyKey, KindStop),
			nil, `"priority"`},
		{"signed payload with a key in another case", signRaw(bytes.Replace(payload, []byte(`"stop": {`), []byte(`"Stop": {`), 1), agencyKey, KindStop),
			nil, `"Stop"`},
		{"signed payload with a wrong type", signRaw(bytes.Replace(payload, []byte(`"number": 2,`), []byte(`"number": "two",`), 1), agencyKey, KindStop),
			nil, "holds text where a whole number is expected"},
		{"signed payload with a bad time", signRaw(bytes.Replace(payload, []byte(`"2026-04-20T15:00:00Z"`), []byte(`"20 April 2026"`), 1), agencyKey, KindStop),
			nil, "RFC 3339"},
		{"signed payload without a program", signRaw(cutMember(t, payload, "program"), agencyKey, KindStop), nil, "has no program"},
		{"signed payload with a program the importer refuses", signRaw(bytes.Replace(payload, []byte(`"time_zone": "America/Chicago",
      "start_date"`), []byte(`"time_zone": "Mars/Olympus",
      "start_date"`), 1), agencyKey, KindStop), nil, "The package's program cannot be read"},
		{"signed payload of another issuer's key id", signRaw(bytes.Replace(payload, []byte(KeyID(PublicKey(agencyKey))), []byte(KeyID(PublicKey(cityKey))), 1), agencyKey, KindStop),
			ErrTampered, `its "key_id" differs`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Open(c.file, expectStop())
			refused(t, err, c.kind, c.want)
		})
	}
}

// rewrapWithout removes one member of the envelope.
func rewrapWithout(t testing.TB, b []byte, member string) []byte {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, member)
	out, _ := json.Marshal(m)
	return out
}

// cutMember removes one top-level member of a JSON object.
func cutMember(t testing.TB, b []byte, member string) []byte {
	t.Helper()
	return rewrapWithout(t, b, member)
}

// TestTooLarge: a file larger than MaxSize is refused before it is read,
// by Open and by Read.
func TestTooLarge(t *testing.T) {
	big := bytes.Repeat([]byte(" "), MaxSize+1)
	_, err := Open(big, expectStop())
	refused(t, err, ErrTooLarge, "too large")
	_, err = Read(bytes.NewReader(big))
	refused(t, err, ErrTooLarge, "too large")
	file := readGolden(t, "stlouis-stop.json")
	if b, err := Read(bytes.NewReader(file)); err != nil || !bytes.Equal(b, file) {
		t.Errorf("Read: %v", err)
	}
}

// TestInspect: before the sender's key is trusted, Inspect says who the
// package claims to be from and which key signed it; a byte order mark
// an editor added is no harm.
func TestInspect(t *testing.T) {
	t.Parallel()
	file := append([]byte("\xEF\xBB\xBF"), readGolden(t, "stlouis-stop.json")...)
	h, err := Inspect(file)
	if err != nil {
		t.Fatal(err)
	}
	if h.Kind != KindStop || h.Version != 1 || h.KeyID != KeyID(PublicKey(agencyKey)) || !h.PublicKey.Equal(PublicKey(agencyKey)) ||
		h.Organization != "Atlas Exchange Programs (demo)" || h.Project.Title != "Combating Trafficking in Persons" ||
		h.Stop.City != "St. Louis" || !h.IssuedAt.Equal(time.Date(2026, 4, 20, 15, 0, 0, 0, time.UTC)) {
		t.Errorf("header %+v", h)
	}
	if _, err := Open(file, expectStop()); err != nil {
		t.Error(err)
	}
}
