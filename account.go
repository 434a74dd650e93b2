package itinera

import (
	"strings"
	"time"
)

// Accounts: what a user does for themselves (a reset link by e-mail, their
// name, their last sign-in) and API tokens' access.

// PasswordResetTTL is how long an e-mailed reset link works.
const PasswordResetTTL = time.Hour

// TokenAccess is what an API token may do.
type TokenAccess string

// Token access levels.
const (
	TokenFull TokenAccess = "full" // everything its owner's role may do
	TokenRead TokenAccess = "read" // reads only, whatever its owner's role
)

// ParseTokenAccess accepts full or read; "" is full.
func ParseTokenAccess(s string) (TokenAccess, error) {
	switch a := TokenAccess(strings.ToLower(strings.TrimSpace(s))); a {
	case "", TokenFull:
		return TokenFull, nil
	case TokenRead:
		return TokenRead, nil
	}
	return "", &Error{Code: EINVALID, Message: "The access level is not one Itinera knows.",
		Fields: map[string]string{"access": "Choose full (what its owner may do) or read (reads only)."}}
}

// ActingUser is the user as a request made with t acts: a read-only
// token's requests have a viewer's rights, whatever its owner's role;
// the user carries the token's name.
func (t APIToken) ActingUser(u User) User {
	if t.Access == TokenRead && u.Role != RoleViewer {
		u.Role = RoleViewer
	}
	u.Token = t.Name // the audit log names the token a change came through
	return u
}
