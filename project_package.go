package itinera

import "time"

// Project packages across installations (docs/project-package.md): each
// organization's signing key, the partner keys it trusts and the packages
// it imported. The package format is internal/projectfile's; these are
// the records the application layer keeps around it.

// SigningKey is an organization's Ed25519 key pair, made on first use.
// PrivateKeyPEM signs its packages: it is never shown, logged or audited.
type SigningKey struct {
	TenantID      int64
	PrivateKeyPEM string
	// PublicKey is the public half, one line of base64; KeyID its
	// fingerprint ("ed25519:" and 32 hexadecimal digits).
	PublicKey string
	KeyID     string
	CreatedAt time.Time
}

// TrustedKey is a partner's public key an organization confirmed by
// comparing its fingerprint with the partner by another channel.
type TrustedKey struct {
	ID        int64
	TenantID  int64
	Name      string // whose key: the partner organization
	PublicKey string
	KeyID     string
	CreatedAt time.Time
	CreatedBy string
	RevokedAt time.Time // zero: live
	RevokedBy string
}

// Live reports whether the key still opens packages.
func (k TrustedKey) Live() bool { return k.RevokedAt.IsZero() }

// PackageKind is a project package's kind: "stop" or "return".
type PackageKind string

// The kinds of imported packages.
const (
	PackageStop   PackageKind = "stop"
	PackageReturn PackageKind = "return"
)

// ImportedPackage is a project package an organization imported: a stop
// package (ProgramID: the program it made) or a return package (StopID:
// the agency's stop it answers). Digest ("sha256:…", of the signed
// payload) is unique per organization; Payload is the verified payload.
type ImportedPackage struct {
	ID         int64
	TenantID   int64
	Kind       PackageKind
	Digest     string
	KeyID      string
	Issuer     string
	IssuedAt   time.Time
	ImportedAt time.Time
	ImportedBy string
	ProgramID  int64
	StopID     int64
	Payload    []byte
}
