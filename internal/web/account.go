package web

import (
	"net/http"
	"net/url"
)

// A user's own password: the page to change it, reached from the header,
// and the only page of a user who signed in with a password someone else
// made (a new account's, an administrator's reset) until they choose
// their own. The rules are auth.Passwords.Change's.

// passwordPath is the page where users change their own password.
const passwordPath = "/account/password"

const mustChangeText = "Your password was made for you by an administrator. Choose your own password to go on."

func passwordFields(mustChange bool) []field {
	current := "The password you signed in with."
	if mustChange {
		current = "The password your administrator gave you, which you signed in with."
	}
	return []field{
		{Name: "current_password", Label: "Current password", Type: "password", Required: true,
			Autocomplete: "current-password", Hint: current},
		{Name: "new_password", Label: "New password", Type: "password", Required: true, Autocomplete: "new-password",
			Hint: "At least 12 characters, and not a common password. A phrase of four or five unrelated words is easy to remember and hard to guess."},
		{Name: "new_password_again", Label: "New password, again", Type: "password", Required: true,
			Autocomplete: "new-password", Hint: "Type it once more, to be sure."},
	}
}

func (ui *UI) passwordForm(w http.ResponseWriter, r *http.Request, s *session) {
	ui.passwordPage(w, r, s, formState{values: url.Values{}})
}

// passwordPage shows the form; typed passwords are never shown again.
func (ui *UI) passwordPage(w http.ResponseWriter, r *http.Request, s *session, st formState) {
	st.values = url.Values{}
	fv := formView{Action: passwordPath, Submit: "Change password", Cancel: "/programs",
		Intro: "Changing your password signs you out everywhere else: other browsers will need the new one."}
	if s.User.MustChangePassword {
		fv.Intro, fv.Cancel = mustChangeText, ""
	}
	ui.renderForm(w, r, s, pageInfo{Title: "Change your password"}, st, fv, passwordFields(s.User.MustChangePassword))
}

func (ui *UI) passwordChange(w http.ResponseWriter, r *http.Request, s *session) {
	next := r.PostForm.Get("new_password")
	if next != r.PostForm.Get("new_password_again") {
		ui.passwordPage(w, r, s, formState{errs: map[string]string{"new_password_again": "This is not the same as the new password above."},
			msg: "The two new passwords differ."})
		return
	}
	if err := ui.app.ChangePassword(r.Context(), ui.caller(r, s), r.PostForm.Get("current_password"), next); err != nil {
		if st, ok := invalid(nil, err); ok {
			ui.passwordPage(w, r, s, st)
			return
		}
		ui.fail(w, r, s, err)
		return
	}
	// The change ended every session of the user, this one too.
	u := s.User
	u.MustChangePassword = false
	if err := ui.startSession(w, r, u); err != nil {
		ui.fail(w, r, nil, err)
		return
	}
	ui.redirect(w, r, "/programs", "Your password was changed. Any other browser signed in as you was signed out.")
}
