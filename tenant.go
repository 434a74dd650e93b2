package itinera

import (
	"net/mail"
	"regexp"
	"strings"
	"time"
)

// Tenant is one community organization using the installation. Every other
// record belongs to exactly one tenant and is never visible to another.
type Tenant struct {
	ID       int64
	Slug     string
	Name     string
	TimeZone string
	// Kind is community (the default) or agency (project.go).
	Kind      TenantKind
	CreatedAt time.Time
}

var slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,62}$`)

// ValidSlug reports whether s has the shape of a tenant's slug.
func ValidSlug(s string) bool { return slugRE.MatchString(s) }

// Validate checks the tenant's fields.
func (t *Tenant) Validate() error {
	f := FieldErrors{}
	t.Slug = strings.TrimSpace(t.Slug)
	checkText(f, "name", &t.Name, nameText)
	checkText(f, "time_zone", &t.TimeZone, nameText)
	if k, err := ParseTenantKind(string(t.Kind)); err != nil {
		f.Add("kind", "Choose community or agency.")
	} else {
		t.Kind = k
	}
	if !slugRE.MatchString(t.Slug) {
		f.Add("slug", "Use 2 to 63 lower-case letters, digits and hyphens.")
	}
	if t.Name == "" {
		f.Add("name", "Enter the organization's name.")
	}
	if _, err := LoadZone(t.TimeZone); err != nil {
		f.Add("time_zone", err.Error())
	}
	return f.Err("organization")
}

// Role is what a staff user may do within their tenant.
type Role string

// The roles, from most to least powerful.
const (
	RoleAdmin   Role = "admin"   // users and settings, and everything an officer does
	RoleOfficer Role = "officer" // edits programs and the directory
	RoleViewer  Role = "viewer"  // reads only
)

// ParseRole accepts one of admin, officer or viewer.
func ParseRole(s string) (Role, error) {
	switch r := Role(strings.ToLower(strings.TrimSpace(s))); r {
	case RoleAdmin, RoleOfficer, RoleViewer:
		return r, nil
	}
	return "", Errorf(EINVALID, "%q is not a role: use admin, officer or viewer", s)
}

// CanEdit reports whether the role may change programs and the directory.
func (r Role) CanEdit() bool { return r == RoleAdmin || r == RoleOfficer }

// CanAdmin reports whether the role may manage users and settings.
func (r Role) CanAdmin() bool { return r == RoleAdmin }

// User is a staff account of one tenant.
type User struct {
	ID int64
	// Version rises with every change; a change sent with an older
	// version is refused, so nobody overwrites what they have not seen.
	Version   int
	TenantID  int64
	Email     string
	Name      string
	Role      Role
	CreatedAt time.Time
	// MustChangePassword is set while the user signs in with a password
	// someone else made (a new account's, or an administrator's reset):
	// they must choose their own before anything else.
	MustChangePassword bool
	// SignedInAt is the latest sign-in, LastSignedInAt the one before
	// it: what "Last signed in" shows. Zero when never recorded.
	SignedInAt, LastSignedInAt time.Time
	// AlertsSeenAt: the user has seen the notifications up to then.
	AlertsSeenAt time.Time
	// DailyDigest: the user wants a daily e-mail of their notifications.
	DailyDigest bool
	// Token names the API token the user acts through, when they do
	// (filled by UserByAPITokenHash): the audit log says so.
	Token string
}

// Validate checks the user's fields and normalises the e-mail address.
func (u *User) Validate() error {
	f := FieldErrors{}
	u.Role = Role(strings.ToLower(strings.TrimSpace(string(u.Role))))
	checkText(f, "name", &u.Name, nameText)
	checkEmail(f, "email", &u.Email, true)
	if _, err := ParseRole(string(u.Role)); err != nil {
		f.Add("role", "Choose admin, officer or viewer.")
	}
	if u.TenantID == 0 {
		f.Add("tenant", "A user belongs to an organization.")
	}
	return f.Err("user")
}

// NormalizeEmail checks that s is a single plain e-mail address and returns it
// trimmed and lower-cased.
func NormalizeEmail(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", Errorf(EINVALID, "Enter an e-mail address.")
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.IndexByte(s, '@')+1:], ".") {
		return s, Errorf(EINVALID, "%q is not an e-mail address.", s)
	}
	return s, nil
}
