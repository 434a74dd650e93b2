package web

import (
	"net/http"
	"net/url"
	"time"

	"itinera"
	"itinera/internal/app"
)

// A user's own account page: their name, their last sign-in, the way to
// their password, and the daily digest of their notifications.

// signInLabel shows a sign-in time: "Tuesday 3 November 09:14 CST", in
// the organization's zone.
func signInLabel(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Monday 2 January 15:04 MST")
}

type accountView struct {
	U          itinera.User
	LastSignIn string // "" when none is recorded
	Name       formView
	Digest     bool
}

func nameFields() []field {
	return []field{{Name: "name", Label: "Your name", Type: "text", Autocomplete: "name",
		Hint: "As colleagues see it in Itinera, and in the greeting of e-mails to you."}}
}

func (ui *UI) accountShow(w http.ResponseWriter, r *http.Request, s *session) {
	v := url.Values{"name": {s.User.Name}}
	setVersion(v, s.User.Version)
	ui.accountPage(w, r, s, formState{values: v})
}

func (ui *UI) accountPage(w http.ResponseWriter, r *http.Request, s *session, st formState) {
	loc, err := ui.tenantZone(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	code := http.StatusOK
	if st.msg != "" || len(st.errs) > 0 {
		code = http.StatusUnprocessableEntity
	}
	fs := nameFields()
	view := accountView{U: s.User, Digest: s.User.DailyDigest,
		Name: st.build(formView{Action: app.AccountPath, Submit: "Save your name"}, fs)}
	view.Name.Summary = sortSummary(view.Name.Summary, fs)
	if !s.User.LastSignedInAt.IsZero() {
		view.LastSignIn = signInLabel(s.User.LastSignedInAt, loc)
	}
	ui.render(w, r, s, code, "account", pageInfo{Title: "Your account"}, view)
}

func (ui *UI) accountUpdate(w http.ResponseWriter, r *http.Request, s *session) {
	_, err := ui.app.ChangeName(r.Context(), ui.caller(r, s), r.PostForm.Get("name"), formVersion(r.PostForm))
	if itinera.ErrorCode(err) == itinera.ESTALE {
		err = &itinera.Error{Code: itinera.EINVALID, Message: "Your account was changed meanwhile, perhaps in another browser. Check the name and save again.",
			Fields: map[string]string{}}
		cur, lerr := ui.svc.Accounts.User(r.Context(), s.User.TenantID, s.User.ID)
		if lerr != nil {
			ui.fail(w, r, s, lerr)
			return
		}
		v := url.Values{"name": {r.PostForm.Get("name")}}
		setVersion(v, cur.Version)
		ui.accountPage(w, r, s, formState{values: v, msg: itinera.ErrorMessage(err)})
		return
	}
	if err != nil {
		if st, ok := invalid(r.PostForm, err); ok {
			ui.accountPage(w, r, s, st)
			return
		}
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, app.AccountPath, "Your name was saved.")
}

func (ui *UI) accountDigest(w http.ResponseWriter, r *http.Request, s *session) {
	on := r.PostForm.Get("daily_digest") != ""
	if err := ui.app.SetDailyDigest(r.Context(), ui.caller(r, s), on); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	msg := "You will no longer receive the daily digest."
	if on {
		msg = "Each morning you will receive an e-mail of the day before's notifications, when there were any."
	}
	ui.redirect(w, r, app.AccountPath+"#digest", msg)
}
