package app

import (
	"context"

	"itinera"
	"itinera/internal/auth"
)

// Administration: an organization's users and roles, its API tokens and its
// settings. Passwords made here are random, shown once to whoever asked,
// and stored only as hashes.

// Auth is what signing in and bearer authentication read and write.
func (a *App) Auth() itinera.Authenticator { return a.s.Accounts }

// NewUser is a user just added, with the one-time password to hand over.
type NewUser struct {
	User     itinera.User
	Password string
}

// AddUser adds a user to the caller's organization with a random
// password, returned once; whoever receives it chooses their own at the
// first sign-in.
func (a *App) AddUser(ctx context.Context, c Caller, u itinera.User) (NewUser, error) {
	return a.addUser(ctx, c, u, "")
}

// AddUserWithPassword adds a user with a password they chose themselves
// (the command line's --password-stdin, for the first administrator).
func (a *App) AddUserWithPassword(ctx context.Context, c Caller, u itinera.User, password string) (itinera.User, error) {
	nu, err := a.addUser(ctx, c, u, password)
	return nu.User, err
}

func (a *App) addUser(ctx context.Context, c Caller, u itinera.User, chosen string) (NewUser, error) {
	if err := mustAdmin(c); err != nil {
		return NewUser{}, err
	}
	u.TenantID, u.ID, u.MustChangePassword = c.tenant(), 0, chosen == ""
	if err := u.Validate(); err != nil {
		return NewUser{}, err
	}
	var password, hash string
	var err error
	if chosen == "" {
		password, hash, err = a.pw.OneTime()
	} else if err = itinera.ValidatePassword(chosen, u.Email, u.Name); err == nil {
		hash, err = a.hasher.Hash(chosen)
	}
	if err != nil {
		return NewUser{}, err
	}
	var out NewUser
	err = a.inTx(ctx, func(ctx context.Context) error {
		if err := a.s.Accounts.CreateUser(ctx, &u, hash); err != nil {
			return err
		}
		var err error
		if out.User, err = a.s.Accounts.User(ctx, c.tenant(), u.ID); err != nil {
			return err
		}
		return a.audit(ctx, c.actor(), c.tenant(), "user", actCreate, nil, out.User)
	})
	out.Password = password
	if err == nil {
		a.log.InfoContext(ctx, "user added", "user", u.ID, "role", u.Role, "by", c.User.ID, "tenant", c.tenant())
	}
	return out, err
}

// ChangePassword sets the caller's password to one they chose, after
// checking their current one (wrong guesses count against the account's
// sign-in budget); their browser sessions end.
func (a *App) ChangePassword(ctx context.Context, c Caller, current, next string) error {
	err := a.inTx(ctx, func(ctx context.Context) error {
		if err := a.pw.Change(ctx, c.User, current, next); err != nil {
			return err
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "user", c.User.ID, 0, "change password", nil, nil)
	})
	if err == nil {
		a.log.InfoContext(ctx, "password changed", "user", c.User.ID, "tenant", c.tenant())
	}
	return err
}

// UpdateUser changes a user's e-mail, name and role. The organization's
// last administrator stays one.
func (a *App) UpdateUser(ctx context.Context, c Caller, u itinera.User) (itinera.User, error) {
	if err := mustAdmin(c); err != nil {
		return u, err
	}
	var out itinera.User
	err := a.inTx(ctx, func(ctx context.Context) error {
		old, err := a.s.Accounts.User(ctx, c.tenant(), u.ID)
		if err != nil {
			return err
		}
		u.TenantID = old.TenantID
		if err := u.Validate(); err != nil {
			return err
		}
		if err := a.s.Accounts.UpdateUser(ctx, &u); err != nil {
			return err
		}
		if out, err = a.s.Accounts.User(ctx, c.tenant(), u.ID); err != nil {
			return err
		}
		return a.audit(ctx, c.actor(), c.tenant(), "user", actUpdate, old, out)
	})
	if err == nil {
		a.log.InfoContext(ctx, "user changed", "user", u.ID, "role", u.Role, "by", c.User.ID, "tenant", c.tenant())
	}
	return out, err
}

// ResetPassword gives a user a new one-time password, returned once: their
// sessions end and they choose their own at the next sign-in.
func (a *App) ResetPassword(ctx context.Context, c Caller, id int64) (NewUser, error) {
	if err := mustAdmin(c); err != nil {
		return NewUser{}, err
	}
	var out NewUser
	err := a.inTx(ctx, func(ctx context.Context) error {
		u, err := a.s.Accounts.User(ctx, c.tenant(), id)
		if err != nil {
			return err
		}
		out.User = u
		if out.Password, err = a.pw.Reset(ctx, c.tenant(), u.ID); err != nil {
			return err
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "user", u.ID, 0, "reset password", nil, nil)
	})
	if err == nil {
		a.log.InfoContext(ctx, "password reset", "user", id, "by", c.User.ID, "tenant", c.tenant())
	}
	return out, err
}

// DeleteUser removes a user with their sessions and API tokens. Nobody
// deletes themselves (another administrator can), and the last
// administrator stays.
func (a *App) DeleteUser(ctx context.Context, c Caller, id int64) (itinera.User, error) {
	if err := mustAdmin(c); err != nil {
		return itinera.User{}, err
	}
	var out itinera.User
	err := a.inTx(ctx, func(ctx context.Context) error {
		u, err := a.s.Accounts.User(ctx, c.tenant(), id)
		if err != nil {
			return err
		}
		if u.ID == c.User.ID {
			return itinera.Errorf(itinera.ECONFLICT, "You cannot delete your own account. Ask another administrator to do it.")
		}
		out = u
		if err := a.s.Accounts.DeleteUser(ctx, c.tenant(), id); err != nil {
			return err
		}
		return a.audit(ctx, c.actor(), c.tenant(), "user", actDelete, u, nil)
	})
	if err == nil {
		a.log.InfoContext(ctx, "user deleted", "user", id, "by", c.User.ID, "tenant", c.tenant())
	}
	return out, err
}

// NewToken is an API token just made, with its secret shown once.
type NewToken struct {
	Token  itinera.APIToken
	Secret string
}

// CreateToken makes an API token for a user of the organization (their
// own, or, for an administrator, anyone's), with full access (what its
// owner's role may do) or read access (reads only; "" is full).
func (a *App) CreateToken(ctx context.Context, c Caller, userID int64, name string, access itinera.TokenAccess) (NewToken, error) {
	if userID == 0 {
		userID = c.User.ID
	}
	if userID != c.User.ID {
		if err := mustAdmin(c); err != nil {
			return NewToken{}, err
		}
	}
	f := itinera.FieldErrors{}
	itinera.CheckLine(f, "name", &name, 200)
	acc, err := itinera.ParseTokenAccess(string(access))
	if err != nil {
		f.Add("access", itinera.ErrorFields(err)["access"])
	}
	if err := f.Err("token"); err != nil {
		return NewToken{}, err
	}
	if name == "" {
		name = "API token"
	}
	secret, hash, err := auth.NewToken()
	if err != nil {
		return NewToken{}, err
	}
	var out NewToken
	err = a.inTx(ctx, func(ctx context.Context) error {
		u, err := a.s.Accounts.User(ctx, c.tenant(), userID)
		if err != nil {
			return err
		}
		t := itinera.APIToken{UserID: u.ID, Name: name, TokenHash: hash, CreatedAt: a.now().UTC(), Access: acc}
		if err := a.s.Accounts.CreateAPIToken(ctx, &t); err != nil {
			return err
		}
		t.TokenHash, t.UserEmail = "", u.Email
		out.Token = t
		return a.auditAt(ctx, c.actor(), c.tenant(), "token", t.ID, 0, actCreate, nil,
			map[string]any{"Name": t.Name, "UserID": u.ID, "User": u.Name})
	})
	out.Secret = secret
	if err == nil {
		a.log.InfoContext(ctx, "API token created", "token", out.Token.ID, "user", userID, "by", c.User.ID, "tenant", c.tenant())
	}
	return out, err
}

// RevokeToken stops an API token of the organization from working.
// Users may revoke their own tokens; administrators anyone's.
func (a *App) RevokeToken(ctx context.Context, c Caller, id int64) error {
	err := a.inTx(ctx, func(ctx context.Context) error {
		ts, err := a.s.Accounts.APITokens(ctx, c.tenant())
		if err != nil {
			return err
		}
		for _, t := range ts {
			if t.ID != id {
				continue
			}
			if t.UserID != c.User.ID {
				if err := mustAdmin(c); err != nil {
					return err
				}
			}
			if err := a.s.Accounts.RevokeAPIToken(ctx, c.tenant(), id); err != nil {
				return err
			}
			return a.auditAt(ctx, c.actor(), c.tenant(), "token", id, 0, "revoke", map[string]any{"Name": t.Name, "UserID": t.UserID}, nil)
		}
		return itinera.Errorf(itinera.ENOTFOUND, "That API token does not exist, or it belongs to another organization.")
	})
	if err == nil {
		a.log.InfoContext(ctx, "API token revoked", "token", id, "by", c.User.ID, "tenant", c.tenant())
	}
	return err
}

// UpdateSettings stores the organization's name, time zone and sender.
func (a *App) UpdateSettings(ctx context.Context, c Caller, st itinera.Settings) (itinera.Settings, error) {
	if err := mustAdmin(c); err != nil {
		return st, err
	}
	st.TenantID = c.tenant()
	var out itinera.Settings
	err := a.inTx(ctx, func(ctx context.Context) error {
		before, err := a.s.Settings.Settings(ctx, c.tenant())
		if err != nil {
			return err
		}
		if err := a.s.Settings.UpdateSettings(ctx, &st); err != nil {
			return err
		}
		if out, err = a.s.Settings.Settings(ctx, c.tenant()); err != nil {
			return err
		}
		ob, on := diffOf(before, out)
		return a.auditAt(ctx, c.actor(), c.tenant(), "settings", c.tenant(), 0, actUpdate, ob, on)
	})
	if err == nil {
		a.log.InfoContext(ctx, "settings changed", "by", c.User.ID, "tenant", c.tenant())
	}
	return out, err
}

// CreateTenant adds a tenant: a community organization using the
// installation (the command line's user add --tenant-name).
func (a *App) CreateTenant(ctx context.Context, t itinera.Tenant) (itinera.Tenant, error) {
	if err := t.Validate(); err != nil {
		return t, err
	}
	err := a.inTx(ctx, func(ctx context.Context) error {
		if err := a.s.Accounts.CreateTenant(ctx, &t); err != nil {
			return err
		}
		var err error
		if t, err = a.s.Accounts.Tenant(ctx, t.ID); err != nil {
			return err
		}
		return a.audit(ctx, actor{name: "command line"}, t.ID, "settings", actCreate, nil, t)
	})
	return t, err
}
