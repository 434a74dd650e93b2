package app

import (
	"context"
	"strings"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/letters"
)

// What users do for their own account: reset a forgotten password by an
// e-mailed link, name themselves, see their last sign-in, and choose
// their notifications' daily digest. The reset link's token is the
// credential; only its hash is stored, it works once and for an hour, and
// a new one replaces the old.

// PasswordResetPath is where a reset link points: site + path + token.
const PasswordResetPath = "/password/reset/"

// resetLimits bounds reset letters per account and per client address:
// a reset link cannot be used to flood someone's mailbox or to probe many
// addresses.
type resetLimits struct {
	account, address *auth.Limiter
}

// expiryLabel is how a letter and a page say when a link stops working:
// "Tuesday 3 November 10:14 CST", in the organization's zone.
func expiryLabel(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Monday 2 January 15:04 MST")
}

// RequestPasswordReset e-mails the user with that address a link to
// choose a new password. Whether or not such a user exists, it answers
// the same (nil), so that the form tells nobody who has an account;
// only a malformed address or too many requests (per address typed and
// per client address) are refused. site is the address links point to.
func (a *App) RequestPasswordReset(ctx context.Context, site, email, client string) error {
	f := itinera.FieldErrors{}
	itinera.CheckLine(f, "email", &email, 254)
	e, err := itinera.NormalizeEmail(email)
	if err != nil || len(f) > 0 {
		return &itinera.Error{Code: itinera.EINVALID, Message: "Enter the e-mail address you sign in with.",
			Fields: map[string]string{"email": "Enter one e-mail address, such as name@example.org."}}
	}
	if ok, _ := a.resets.address.Take("address:" + client); !ok {
		return itinera.Errorf(itinera.ETOOMANY, "Too many requests for new passwords. Wait an hour, then try again.")
	}
	if ok, _ := a.resets.account.Take("account:" + e); !ok {
		a.resets.address.Refund("address:" + client)
		return itinera.Errorf(itinera.ETOOMANY, "Too many requests for new passwords. Wait an hour, then try again.")
	}
	u, _, err := a.s.Accounts.UserByEmail(ctx, e)
	switch itinera.ErrorCode(err) {
	case "":
	case itinera.ENOTFOUND:
		a.log.InfoContext(ctx, "password reset asked for an unknown address")
		return nil
	default:
		return err
	}
	token, hash, err := auth.NewToken()
	if err != nil {
		return err
	}
	now := a.now().UTC()
	expires := now.Add(itinera.PasswordResetTTL)
	err = a.inTx(ctx, func(ctx context.Context) error {
		t, loc, err := a.tenantZone(ctx, Caller{User: u})
		if err != nil {
			return err
		}
		m, err := letters.Default.PasswordReset(u.TenantID, letters.PasswordReset{
			To: letters.Recipient{Name: u.Name, Email: u.Email}, Organization: t.Name,
			Link: strings.TrimRight(site, "/") + PasswordResetPath + token, Expires: expiryLabel(expires, loc)})
		if err != nil {
			return err
		}
		if err := a.s.Accounts.CreatePasswordReset(ctx, u.ID, hash, now, expires); err != nil {
			return err
		}
		return a.s.Outbox.Enqueue(ctx, &m)
	})
	if err == nil {
		a.log.InfoContext(ctx, "password reset link sent", "user", u.ID, "tenant", u.TenantID)
	}
	return err
}

// linkGone is the answer for a reset link that is malformed, unknown,
// used or expired: the same for each.
func linkGone() error {
	return itinera.Errorf(itinera.ENOTFOUND, "This link to choose a new password has expired or was already used. Ask for a new one on the sign-in page.")
}

// PasswordResetLink reports the user of a working reset link and when
// the link stops working, in the organization's words.
func (a *App) PasswordResetLink(ctx context.Context, token string) (itinera.User, error) {
	if !auth.WellFormedToken(token) {
		return itinera.User{}, linkGone()
	}
	u, err := a.s.Accounts.UserByPasswordReset(ctx, auth.HashToken(token), a.now())
	if itinera.ErrorCode(err) == itinera.ENOTFOUND {
		return u, linkGone()
	}
	return u, err
}

// ResetPasswordWithLink sets the password of the reset link's user to
// next, under the password rules (errors name new_password); the link
// stops working and every session of the user ends.
func (a *App) ResetPasswordWithLink(ctx context.Context, token, next string) (itinera.User, error) {
	u, err := a.PasswordResetLink(ctx, token)
	if err != nil {
		return u, err
	}
	if err := itinera.ValidatePassword(next, u.Email, u.Name); err != nil {
		return u, itinera.RenameField(err, "password", "new_password")
	}
	h, err := a.hasher.Hash(next)
	if err != nil {
		return u, err
	}
	err = a.inTx(ctx, func(ctx context.Context) error {
		// Read again inside the transaction: of two uses, one wins.
		cur, err := a.s.Accounts.UserByPasswordReset(ctx, auth.HashToken(token), a.now())
		if itinera.ErrorCode(err) == itinera.ENOTFOUND || err == nil && cur.ID != u.ID {
			return linkGone()
		}
		if err != nil {
			return err
		}
		if err := a.s.Accounts.DeletePasswordReset(ctx, u.ID); err != nil {
			return err
		}
		if err := a.s.Accounts.SetPassword(ctx, u.ID, h); err != nil {
			return err
		}
		return a.auditAt(ctx, actor{userID: u.ID, name: u.Name + " (by an e-mailed reset link)"}, u.TenantID, "user", u.ID, 0,
			"reset password by link", nil, nil)
	})
	if err == nil {
		a.log.InfoContext(ctx, "password reset with a link", "user", u.ID, "tenant", u.TenantID)
	}
	return u, err
}

// ChangeName stores the name the caller gives themselves; version is the
// one they saw (0: any).
func (a *App) ChangeName(ctx context.Context, c Caller, name string, version int) (itinera.User, error) {
	if err := mustSignIn(c); err != nil {
		return itinera.User{}, err
	}
	var out itinera.User
	err := a.inTx(ctx, func(ctx context.Context) error {
		u, err := a.s.Accounts.User(ctx, c.tenant(), c.User.ID)
		if err != nil {
			return err
		}
		u.Name = name
		if err := u.Validate(); err != nil {
			return err
		}
		before, err := a.s.Accounts.User(ctx, c.tenant(), u.ID)
		if err != nil {
			return err
		}
		if err := a.s.Accounts.SetUserName(ctx, c.tenant(), u.ID, version, u.Name); err != nil {
			return err
		}
		if out, err = a.s.Accounts.User(ctx, c.tenant(), u.ID); err != nil {
			return err
		}
		return a.audit(ctx, c.actor(), c.tenant(), "user", actUpdate, before, out)
	})
	return out, err
}

// RecordSignIn notes that the user signed in now, and returns them with
// their previous sign-in (LastSignedInAt).
func (a *App) RecordSignIn(ctx context.Context, userID int64) (itinera.User, error) {
	var u itinera.User
	err := a.inTx(ctx, func(ctx context.Context) error {
		var err error
		u, err = a.s.Accounts.RecordSignIn(ctx, userID, a.now().UTC())
		return err
	})
	return u, err
}

// AuthenticateToken returns the user an API token acts as (a read-only
// token's with a viewer's rights), and records the token's use.
func (a *App) AuthenticateToken(ctx context.Context, tokenHash string) (itinera.User, error) {
	u, _, err := a.AuthenticateTokenAt(ctx, tokenHash)
	return u, err
}

// AuthenticateTokenAt is AuthenticateToken that also returns the user's
// tenant's revision, read in the same query (Revision.At is left zero).
func (a *App) AuthenticateTokenAt(ctx context.Context, tokenHash string) (itinera.User, Revision, error) {
	u, t, err := a.s.Accounts.APITokenUser(ctx, tokenHash, a.now())
	if err != nil {
		return u, Revision{}, err
	}
	return t.ActingUser(u), Revision{ID: t.Revision}, nil
}
