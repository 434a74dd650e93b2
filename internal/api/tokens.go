package api

import (
	"net/http"
	"time"

	"itinera"
)

// API tokens. Any user may make a token for themselves and revoke their
// own; administrators list the organization's tokens and make or revoke
// anyone's. A token's secret is shown in the answer that makes it, never
// again: the store keeps only its hash.

type tokenJSON struct {
	ID         int64   `json:"id"`
	Name       string  `json:"name"`
	UserID     int64   `json:"user_id"`
	UserEmail  string  `json:"user_email"`
	CreatedAt  string  `json:"created_at"`
	RevokedAt  *string `json:"revoked_at"`
	Access     string  `json:"access"`
	LastUsedAt *string `json:"last_used_at"`
}

// tokenSecretJSON is a new token with its secret, shown this once.
type tokenSecretJSON struct {
	tokenJSON
	Token string `json:"token"`
}

type tokenInput struct {
	Name   string `json:"name"`
	UserID int64  `json:"user_id"`
	Access string `json:"access"`
}

func newTokenJSON(t itinera.APIToken) tokenJSON {
	return tokenJSON{ID: t.ID, Name: t.Name, UserID: t.UserID, UserEmail: t.UserEmail, CreatedAt: utc(t.CreatedAt),
		RevokedAt: optInstant(t.RevokedAt, time.UTC), Access: string(t.Access), LastUsedAt: optInstant(t.LastUsedAt, time.UTC)}
}

// listTokens answers the organization's tokens, revoked ones included,
// newest first.
func (a *API) listTokens(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	ts, err := a.svc.Accounts.APITokens(r.Context(), u.TenantID)
	if err != nil {
		return err
	}
	return listed(w, r, a, "tokens", ts, func(t itinera.APIToken) int64 { return t.ID }, newTokenJSON)
}

// createToken makes a token for the caller, or (administrators) for the
// user named by user_id.
func (a *API) createToken(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	var in tokenInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	out, err := a.app.CreateToken(r.Context(), a.caller(r, u), in.UserID, in.Name, itinera.TokenAccess(in.Access))
	if err != nil {
		return err
	}
	a.writeJSON(w, r, http.StatusCreated, tokenSecretJSON{tokenJSON: newTokenJSON(out.Token), Token: out.Secret})
	return nil
}

// revokeToken stops a token from working at once.
func (a *API) revokeToken(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "API token")
	if err != nil {
		return err
	}
	if err := a.app.RevokeToken(r.Context(), a.caller(r, u), id); err != nil {
		return err
	}
	return noContent(w)
}
