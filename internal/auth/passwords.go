package auth

import (
	"context"
	"fmt"
	"unicode/utf8"

	"itinera"
)

// Passwords changes and resets staff passwords: the one place of those
// rules, used unchanged by the web UI, the API and the command line.
type Passwords struct {
	Accounts itinera.AccountService
	Hasher   PasswordHasher
	// Limiter bounds wrong current passwords per account, so that a
	// signed-in browser or an API token cannot be used to guess the
	// password; a right one is given back.
	Limiter *Limiter
}

// Change sets u's password to next, one they chose, after checking that
// current is their password now. It ends u's sessions (the caller starts
// a new one for the browser that asked) and clears MustChangePassword.
// Errors name the fields current_password and new_password.
func (p Passwords) Change(ctx context.Context, u itinera.User, current, next string) error {
	// The new password's own rules first: they tell nothing about the
	// current one, and a wrong new password should not cost a try.
	if err := itinera.ValidatePassword(next, u.Email, u.Name); err != nil {
		return itinera.RenameField(err, "password", "new_password")
	}
	if utf8.RuneCountInString(current) > 4*itinera.MaxPasswordLength {
		return &itinera.Error{Code: itinera.EINVALID, Message: "The current password is not right.",
			Fields: map[string]string{"current_password": "Type the password you signed in with."}}
	}
	if ok, _ := p.Limiter.Take(u.Email); !ok {
		return itinera.Errorf(itinera.ETOOMANY, "Too many wrong passwords. Wait a few minutes, then try again.")
	}
	_, hash, err := p.Accounts.UserByEmail(ctx, u.Email)
	if err != nil {
		return fmt.Errorf("read the password hash: %w", err)
	}
	ok, err := VerifyPassword(hash, current)
	if err != nil {
		return fmt.Errorf("user %d: %w", u.ID, err)
	}
	if !ok {
		return &itinera.Error{Code: itinera.EINVALID, Message: "The current password is not right.",
			Fields: map[string]string{"current_password": "Type the password you signed in with."}}
	}
	p.Limiter.Refund(u.Email)
	if next == current {
		return &itinera.Error{Code: itinera.EINVALID, Message: "The new password is the current one.",
			Fields: map[string]string{"new_password": "Choose a password different from the current one."}}
	}
	h, err := p.Hasher.Hash(next)
	if err != nil {
		return err
	}
	return p.Accounts.SetPassword(ctx, u.ID, h)
}

// OneTime makes a password for someone else to pass on (a new account's,
// an administrator's reset): 20 random characters, with its hash. Whoever
// receives it must replace it at their first sign-in.
func (p Passwords) OneTime() (password, hash string, err error) {
	if password, err = RandomPassword(); err != nil {
		return "", "", err
	}
	hash, err = p.Hasher.Hash(password)
	return password, hash, err
}

// Reset gives the tenant's user a new one-time password, returned to be
// shown once: their old password and sessions stop working, and they must
// choose their own password at their next sign-in.
func (p Passwords) Reset(ctx context.Context, tenantID, userID int64) (string, error) {
	password, hash, err := p.OneTime()
	if err != nil {
		return "", err
	}
	if err := p.Accounts.ResetPassword(ctx, tenantID, userID, hash); err != nil {
		return "", err
	}
	return password, nil
}
