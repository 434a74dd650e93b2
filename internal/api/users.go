package api

import (
	"net/http"

	"itinera"
)

// The organization's staff users, for administrators: add one (with a
// random password shown once), change their e-mail, name or role, give
// them a new password (shown once), delete them. Passwords are never
// shown again: the store keeps only their hashes.

type userJSON struct {
	ID        int64  `json:"id"`
	Version   int    `json:"version"`
	Email     string `json:"email"`
	Name      string `json:"name"`
	Role      string `json:"role"`
	CreatedAt string `json:"created_at"`
}

// userPasswordJSON is a user with a one-time password to hand over.
type userPasswordJSON struct {
	userJSON
	Password string `json:"password"`
}

type userInput struct {
	Email string `json:"email"`
	Name  string `json:"name"`
	Role  string `json:"role"`
}

// parseRole reads a role in any case ("Officer"); an unknown one is left
// as sent, for the user's validation to name.
func parseRole(s string) itinera.Role {
	if r, err := itinera.ParseRole(s); err == nil {
		return r
	}
	return itinera.Role(s)
}

func newUserJSON(u itinera.User) userJSON {
	return userJSON{ID: u.ID, Version: u.Version, Email: u.Email, Name: u.Name, Role: string(u.Role), CreatedAt: utc(u.CreatedAt)}
}

func (a *API) listUsers(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	us, err := a.svc.Accounts.Users(r.Context(), u.TenantID)
	if err != nil {
		return err
	}
	return listed(w, r, a, "users", us, func(x itinera.User) int64 { return x.ID }, newUserJSON)
}

func (a *API) user(r *http.Request, u itinera.User) (itinera.User, error) {
	id, err := pathID(r, "user")
	if err != nil {
		return itinera.User{}, err
	}
	return a.svc.Accounts.User(r.Context(), u.TenantID, id)
}

func (a *API) getUser(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	x, err := a.user(r, u)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(x.Version))
	return a.ok(w, r, newUserJSON(x))
}

// addUser adds a user with a random password, shown in this answer only.
func (a *API) addUser(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	var in userInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	out, err := a.app.AddUser(r.Context(), a.caller(r, u), itinera.User{Email: in.Email, Name: in.Name, Role: parseRole(in.Role)})
	if err != nil {
		return err
	}
	return a.created(w, r, location("users", out.User.ID), userPasswordJSON{userJSON: newUserJSON(out.User), Password: out.Password})
}

// updateUser replaces a user's e-mail, name and role; the organization's
// last administrator stays one.
func (a *API) updateUser(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	return a.changeUser(w, r, u, false)
}

// patchUser changes the fields a merge patch names.
func (a *API) patchUser(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	return a.changeUser(w, r, u, true)
}

func (a *API) changeUser(w http.ResponseWriter, r *http.Request, u itinera.User, patch bool) error {
	x, err := a.user(r, u)
	if err != nil {
		return err
	}
	if v, err := ifMatch(r); err != nil {
		return err
	} else if v != 0 && v != x.Version {
		return itinera.Stale("user", v, x.Version)
	}
	var in userInput
	if patch {
		err = decodePatch(w, r, userInput{Email: x.Email, Name: x.Name, Role: string(x.Role)}, &in)
	} else {
		err = decode(w, r, &in)
	}
	if err != nil {
		return err
	}
	x.Email, x.Name, x.Role = in.Email, in.Name, parseRole(in.Role)
	if x, err = a.app.UpdateUser(r.Context(), a.caller(r, u), x); err != nil {
		return err
	}
	w.Header().Set("ETag", etag(x.Version))
	return a.ok(w, r, newUserJSON(x))
}

// deleteUser removes a user with their sessions and API tokens.
func (a *API) deleteUser(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	x, err := a.user(r, u)
	if err != nil {
		return err
	}
	if _, err := a.app.DeleteUser(r.Context(), a.caller(r, u), x.ID); err != nil {
		return err
	}
	return noContent(w)
}

// resetPassword gives a user a new random password, shown in this answer
// only, and ends their sessions.
func (a *API) resetPassword(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "user")
	if err != nil {
		return err
	}
	out, err := a.app.ResetPassword(r.Context(), a.caller(r, u), id)
	if err != nil {
		return err
	}
	return a.ok(w, r, userPasswordJSON{userJSON: newUserJSON(out.User), Password: out.Password})
}
