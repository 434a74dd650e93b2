package projectfile

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"

	"itinera"
)

// envelope is the file: the signed payload in base64, its signature, the
// key that made it, and copies of the payload's format, version and kind
// so that a reader can say what a package is before checking it. The
// copies are not signed; Open refuses a package whose copies differ from
// the payload.
type envelope struct {
	Format    string `json:"format"`
	Version   int    `json:"version"`
	Kind      Kind   `json:"kind"`
	KeyID     string `json:"key_id"`
	PublicKey string `json:"public_key"`
	Signature string `json:"signature"`
	Payload   string `json:"payload"`
}

// envelopeFields are the envelope's members, each required.
var envelopeFields = []string{"format", "version", "kind", "key_id", "public_key", "signature", "payload"}

// Sign makes the package file of p, signed with key: it sets p's format,
// version and issuer's key id, writes every time in UTC, checks p (an
// EINVALID error names what is wrong) and returns the file's bytes.
//
// The payload is p as indented JSON (two spaces, no HTML escaping, a line
// break at the end); the signature is Ed25519 over exactly those bytes.
func Sign(p Package, key ed25519.PrivateKey) ([]byte, error) {
	if len(key) != ed25519.PrivateKeySize {
		return nil, errors.New("projectfile: the signing key is not an Ed25519 private key")
	}
	pub := PublicKey(key)
	p.Format, p.Version = Format, Version
	p.Issuer.KeyID = KeyID(pub)
	p.normalize()
	if err := p.Check(); err != nil {
		return nil, err
	}
	payload, err := encodePayload(p)
	if err != nil {
		return nil, err
	}
	if len(payload) > MaxPayload {
		return nil, itinera.Errorf(itinera.EINVALID, "The package would be too large: at most %d MiB. Leave out older itinerary versions or send the program file on its own.", MaxPayload>>20)
	}
	env := envelope{Format: Format, Version: Version, Kind: p.Kind, KeyID: p.Issuer.KeyID,
		PublicKey: MarshalPublicKey(pub), Signature: base64.StdEncoding.EncodeToString(ed25519.Sign(key, payload)),
		Payload: base64.StdEncoding.EncodeToString(payload)}
	out, err := json.MarshalIndent(env, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// encodePayload writes p as the payload's bytes.
func encodePayload(p Package) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// normalize writes the envelope's times in UTC, as the format asks (the
// program file's Build does the same for the program's), and its absent
// lists as empty ones. p's slices are copied, never changed in place.
func (p *Package) normalize() {
	p.IssuedAt = p.IssuedAt.UTC()
	p.Project.Objectives = list(p.Project.Objectives)
	if p.Route != nil {
		r := *p.Route
		r.Stops = append([]Stop{}, r.Stops...)
		r.Travel = make([]Leg, len(p.Route.Travel))
		for i, l := range p.Route.Travel {
			l.Departs, l.Arrives = l.Departs.UTC(), l.Arrives.UTC()
			r.Travel[i] = l
		}
		p.Route = &r
	}
	if p.Roster != nil {
		r := *p.Roster
		r.SharedFields.Visitors = list(r.SharedFields.Visitors)
		r.SharedFields.Interpreters = list(r.SharedFields.Interpreters)
		r.Visitors = append([]RosterVisitor{}, r.Visitors...)
		r.Companions = append([]RosterCompanion{}, r.Companions...)
		p.Roster = &r
	}
	if p.Release != nil {
		r := *p.Release
		r.ReleasedAt = r.ReleasedAt.UTC()
		p.Release = &r
	}
	if p.Feedback != nil {
		fb := make([]Feedback, len(p.Feedback))
		for i, f := range p.Feedback {
			f.AnsweredAt = f.AnsweredAt.UTC()
			fb[i] = f
		}
		p.Feedback = fb
	}
	if p.Collaborations != nil {
		cs := make([]Collaboration, len(p.Collaborations))
		for i, c := range p.Collaborations {
			c.VisitorIDs = append([]int64{}, c.VisitorIDs...)
			c.Organizations, c.Countries = list(c.Organizations), list(c.Countries)
			cs[i] = c
		}
		p.Collaborations = cs
	}
}

func list(xs []string) []string { return append([]string{}, xs...) }
