package web

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"itinera"
)

// The administrator's pages for the organization's staff users. Only
// administrators reach them (the admin access level). Passwords are made
// by the server and shown once; the store keeps only their hash.

var usersCrumb = crumb{Href: "/admin/users", Label: "Users"}

// userRow is one line of the users list.
type userRow struct {
	itinera.User
	Created string
	Me      bool
}

type usersView struct{ Rows []userRow }

// userView is the edit page: the user's form, password reset and delete.
type userView struct {
	Form formView
	U    itinera.User
	Me   bool
}

// passwordView shows a new password once.
type passwordView struct {
	U        itinera.User
	Password string
	Reset    bool // a reset rather than a new user
	Me       bool
}

// timeLabel shows an instant in the organization's zone, naming the zone.
func timeLabel(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("2 Jan 2006 15:04 MST")
}

// tenantZone is the organization's time zone, for showing instants.
func (ui *UI) tenantZone(r *http.Request, s *session) (*time.Location, error) {
	return ui.zoneOfTenant(r.Context(), s.User.TenantID)
}

// zoneOfTenant is an organization's time zone.
func (ui *UI) zoneOfTenant(ctx context.Context, tenantID int64) (*time.Location, error) {
	t, err := ui.svc.Accounts.Tenant(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	loc, err := itinera.LoadZone(t.TimeZone)
	if err != nil {
		return time.UTC, nil // a zone the server no longer knows: show UTC
	}
	return loc, nil
}

func (ui *UI) userList(w http.ResponseWriter, r *http.Request, s *session) {
	us, err := ui.svc.Accounts.Users(r.Context(), s.User.TenantID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	loc, err := ui.tenantZone(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v := usersView{Rows: make([]userRow, len(us))}
	for i, u := range us {
		v.Rows[i] = userRow{User: u, Created: timeLabel(u.CreatedAt, loc), Me: u.ID == s.User.ID}
	}
	ui.render(w, r, s, http.StatusOK, "users", pageInfo{Title: "Users", Nav: "admin"}, v)
}

func roleOptions() []option {
	return []option{
		{Value: string(itinera.RoleOfficer), Label: "Officer: edits programs and the directory"},
		{Value: string(itinera.RoleViewer), Label: "Viewer: reads only"},
		{Value: string(itinera.RoleAdmin), Label: "Administrator: users and settings, and everything an officer does"},
	}
}

func userFields() []field {
	return []field{
		{Name: "email", Label: "E-mail", Type: "email", Required: true, Autocomplete: "off",
			Hint: "The user signs in with this address."},
		{Name: "name", Label: "Name", Type: "text", Autocomplete: "off"},
		{Name: "role", Label: "Role", Type: "select", Required: true, Options: roleOptions()},
	}
}

func userValues(u itinera.User) url.Values {
	v := url.Values{"email": {u.Email}, "name": {u.Name}, "role": {string(u.Role)}}
	setVersion(v, u.Version)
	return v
}

func readUser(v url.Values) itinera.User {
	fr := newFormReader(v)
	return itinera.User{Email: fr.str("email"), Name: fr.str("name"), Role: itinera.Role(fr.str("role")), Version: formVersion(v)}
}

// formError turns a save error into a form state when it names fields: a
// validation error, or a conflict such as an e-mail in use or the last
// administrator. ok is false for any other error.
func formError(values url.Values, err error) (formState, bool) {
	if itinera.ErrorCode(err) == itinera.ECONFLICT && len(itinera.ErrorFields(err)) > 0 {
		err = &itinera.Error{Code: itinera.EINVALID, Message: itinera.ErrorMessage(err), Fields: itinera.ErrorFields(err)}
	}
	return invalid(values, err)
}

func (ui *UI) userNew(w http.ResponseWriter, r *http.Request, s *session) {
	ui.userNewForm(w, r, s, formState{values: url.Values{"role": {string(itinera.RoleOfficer)}}})
}

func (ui *UI) userNewForm(w http.ResponseWriter, r *http.Request, s *session, st formState) {
	info := pageInfo{Title: "Add a user", Nav: "admin", Crumbs: []crumb{usersCrumb}}
	fv := formView{Action: "/admin/users", Submit: "Add user", Cancel: "/admin/users",
		Intro: "Itinera makes a password for the new user and shows it to you once, on the next page."}
	ui.renderForm(w, r, s, info, st, fv, userFields())
}

func (ui *UI) userCreate(w http.ResponseWriter, r *http.Request, s *session) {
	nu, err := ui.app.AddUser(r.Context(), ui.caller(r, s), readUser(r.PostForm))
	u, password := nu.User, nu.Password
	if err != nil {
		if st, ok := formError(r.PostForm, err); ok {
			ui.userNewForm(w, r, s, st)
			return
		}
		ui.fail(w, r, s, err)
		return
	}
	ui.render(w, r, s, http.StatusCreated, "user_password", pageInfo{Title: "User added: " + u.Email, Nav: "admin",
		Crumbs: []crumb{usersCrumb}}, passwordView{U: u, Password: password})
}

// user loads the tenant's user named by the path.
func (ui *UI) user(r *http.Request, s *session) (itinera.User, error) {
	id, err := pathID(r)
	if err != nil {
		return itinera.User{}, err
	}
	return ui.svc.Accounts.User(r.Context(), s.User.TenantID, id)
}

func (ui *UI) userForm(w http.ResponseWriter, r *http.Request, s *session, u itinera.User, st formState, code int) {
	fs := userFields()
	v := userView{U: u, Me: u.ID == s.User.ID,
		Form: st.build(formView{Action: "/admin/users/" + itoa(u.ID), Submit: "Save user", Cancel: "/admin/users"}, fs)}
	v.Form.Summary = sortSummary(v.Form.Summary, fs)
	ui.render(w, r, s, code, "user", pageInfo{Title: "Edit user " + u.Email, Nav: "admin", Crumbs: []crumb{usersCrumb}}, v)
}

func (ui *UI) userEdit(w http.ResponseWriter, r *http.Request, s *session) {
	u, err := ui.user(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.userForm(w, r, s, u, formState{values: userValues(u)}, http.StatusOK)
}

func (ui *UI) userUpdate(w http.ResponseWriter, r *http.Request, s *session) {
	old, err := ui.user(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	u := readUser(r.PostForm)
	u.ID = old.ID
	u, err = ui.app.UpdateUser(r.Context(), ui.caller(r, s), u)
	if err != nil {
		if itinera.ErrorCode(err) == itinera.ESTALE {
			cur, lerr := ui.svc.Accounts.User(r.Context(), s.User.TenantID, old.ID)
			if lerr != nil {
				ui.fail(w, r, s, lerr)
				return
			}
			ui.userForm(w, r, s, cur, staleState(err, userFields(), userValues(cur), r.PostForm), http.StatusConflict)
			return
		}
		if st, ok := formError(r.PostForm, err); ok {
			ui.userForm(w, r, s, old, st, status(itinera.ErrorCode(err)))
			return
		}
		ui.fail(w, r, s, err)
		return
	}
	if u.ID == s.User.ID && !u.Role.CanAdmin() {
		// Administration is no longer theirs to see.
		ui.redirect(w, r, "/programs", "Your account was saved; you are now "+string(u.Role)+".")
		return
	}
	ui.redirect(w, r, "/admin/users", u.Email+" was saved.")
}

// userResetPassword gives the user a new one-time password, shown once,
// and ends their sessions; they choose their own at their next sign-in.
func (ui *UI) userResetPassword(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	nu, err := ui.app.ResetPassword(r.Context(), ui.caller(r, s), id)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	u, password := nu.User, nu.Password
	ui.render(w, r, s, http.StatusOK, "user_password", pageInfo{Title: "New password for " + u.Email, Nav: "admin",
		Crumbs: []crumb{usersCrumb}}, passwordView{U: u, Password: password, Reset: true, Me: u.ID == s.User.ID})
}

func (ui *UI) userDelete(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	u, err := ui.app.DeleteUser(r.Context(), ui.caller(r, s), id)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, "/admin/users", u.Email+" was deleted. Their sessions and API tokens no longer work.")
}
