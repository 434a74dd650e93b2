package web

import (
	"net/http"
	"net/url"

	"itinera"
	"itinera/internal/app"
)

// A forgotten password: the sign-in page's "Forgot your password?" asks
// for the e-mail address and, whether or not an account uses it, answers
// the same; the e-mailed link (app.PasswordResetPath) opens the page that
// sets a new password under the password rules, once, within the hour.

const forgotPath = "/password/forgot"

// forgotSent is the one answer, for known and unknown addresses alike.
const forgotSent = "If an account uses that address, an e-mail with a link to choose a new password is on its way. The link works for an hour."

func forgotFields() []field {
	return []field{{Name: "email", Label: "E-mail", Type: "email", Required: true, Autocomplete: "username",
		Hint: "The address you sign in with."}}
}

func (ui *UI) forgotForm(w http.ResponseWriter, r *http.Request, s *session) {
	ui.forgotPage(w, r, s, formState{values: url.Values{"email": {r.URL.Query().Get("email")}}})
}

func (ui *UI) forgotPage(w http.ResponseWriter, r *http.Request, s *session, st formState) {
	ui.renderForm(w, r, s, pageInfo{Title: "Forgot your password?"}, st,
		formView{Action: forgotPath, Submit: "E-mail me a link", Cancel: "/login",
			Intro: "Type the e-mail address you sign in with. Itinera will e-mail you a link to choose a new password."},
		forgotFields())
}

func (ui *UI) forgotSend(w http.ResponseWriter, r *http.Request, s *session) {
	err := ui.app.RequestPasswordReset(r.Context(), ui.siteURL(r), r.PostForm.Get("email"), clientIP(r))
	switch {
	case err == nil:
		ui.redirect(w, r, "/login", forgotSent)
	case itinera.ErrorCode(err) == itinera.ETOOMANY:
		ui.forgotPage(w, r, s, formState{values: r.PostForm, msg: itinera.ErrorMessage(err), code: http.StatusTooManyRequests})
	default:
		if st, ok := invalid(r.PostForm, err); ok {
			ui.forgotPage(w, r, s, st)
			return
		}
		ui.fail(w, r, s, err)
	}
}

func resetFields() []field {
	return []field{
		{Name: "new_password", Label: "New password", Type: "password", Required: true, Autocomplete: "new-password",
			Hint: "At least 12 characters, and not a common password. A phrase of four or five unrelated words is easy to remember and hard to guess."},
		{Name: "new_password_again", Label: "New password, again", Type: "password", Required: true,
			Autocomplete: "new-password", Hint: "Type it once more, to be sure."},
	}
}

// resetLinkGone answers a reset link that does not work (any more).
func (ui *UI) resetLinkGone(w http.ResponseWriter, r *http.Request, s *session, err error) {
	if itinera.ErrorCode(err) != itinera.ENOTFOUND {
		ui.fail(w, r, s, err)
		return
	}
	ui.render(w, r, s, http.StatusNotFound, "error", pageInfo{Title: "This link no longer works"},
		errorView{Status: http.StatusNotFound, Message: itinera.ErrorMessage(err)})
}

func (ui *UI) resetForm(w http.ResponseWriter, r *http.Request, s *session) {
	w.Header().Set("Referrer-Policy", "no-referrer")
	u, err := ui.app.PasswordResetLink(r.Context(), r.PathValue("token"))
	if err != nil {
		ui.resetLinkGone(w, r, s, err)
		return
	}
	ui.resetPage(w, r, s, u, formState{})
}

func (ui *UI) resetPage(w http.ResponseWriter, r *http.Request, s *session, u itinera.User, st formState) {
	st.values = url.Values{}
	ui.renderForm(w, r, s, pageInfo{Title: "Choose a new password"}, st,
		formView{Action: app.PasswordResetPath + r.PathValue("token"), Submit: "Set the new password",
			Intro: "For " + u.Email + ". Setting it signs you out of every browser; then sign in with the new password."},
		resetFields())
}

func (ui *UI) resetSet(w http.ResponseWriter, r *http.Request, s *session) {
	w.Header().Set("Referrer-Policy", "no-referrer")
	token := r.PathValue("token")
	u, err := ui.app.PasswordResetLink(r.Context(), token)
	if err != nil {
		ui.resetLinkGone(w, r, s, err)
		return
	}
	next := r.PostForm.Get("new_password")
	if next != r.PostForm.Get("new_password_again") {
		ui.resetPage(w, r, s, u, formState{errs: map[string]string{"new_password_again": "This is not the same as the new password above."},
			msg: "The two new passwords differ."})
		return
	}
	if _, err := ui.app.ResetPasswordWithLink(r.Context(), token, next); err != nil {
		if st, ok := invalid(nil, err); ok {
			ui.resetPage(w, r, s, u, st)
			return
		}
		ui.resetLinkGone(w, r, s, err)
		return
	}
	// Every session of the user ended, this browser's too if it was theirs.
	ui.redirect(w, r, "/login", "Your new password is set, and every browser signed in as you was signed out. Sign in with the new password.")
}
