package api

import (
	"net/http"

	"itinera"
)

// The token user's own account: changing their password. The rules are
// auth.Passwords.Change's, as on the web UI's password page.

type passwordChangeJSON struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

// changeMyPassword sets the token user's password. Their browser sessions
// end; API tokens keep working.
func (a *API) changeMyPassword(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	var in passwordChangeJSON
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := a.app.ChangePassword(r.Context(), a.caller(r, u), in.CurrentPassword, in.NewPassword); err != nil {
		return err
	}
	return noContent(w)
}
