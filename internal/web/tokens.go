package web

import (
	"net/http"
	"net/url"
	"strconv"

	"itinera"
)

// The administrators' page of the organization's API tokens: the list
// (never a secret), a new token with a name, an owner and an access
// level, whose secret is shown once on the page that made it, and
// revocation. The same app functions serve the API and the command line.

// tokenRow is one API token of the list.
type tokenRow struct {
	itinera.APIToken
	Created, LastUsed, RevokedLabel string
}

type tokensView struct {
	Tokens []tokenRow
	Form   formView
	New    *newTokenView // the token just made, with its secret, shown once
}

type newTokenView struct {
	Token  itinera.APIToken
	Secret string
}

func accessOptions() []option {
	return []option{
		{Value: string(itinera.TokenFull), Label: "Full: what its owner's role may do"},
		{Value: string(itinera.TokenRead), Label: "Read only: reads, whatever its owner's role"},
	}
}

func tokenFields(users []itinera.User) []field {
	owners := make([]option, len(users))
	for i, u := range users {
		label := u.Email
		if u.Name != "" {
			label = u.Name + " (" + u.Email + ")"
		}
		owners[i] = option{Value: strconv.FormatInt(u.ID, 10), Label: label + ", " + string(u.Role)}
	}
	return []field{
		{Name: "name", Label: "Name", Type: "text", Autocomplete: "off",
			Hint: "What the token is for, such as \"Calendar sync\"."},
		{Name: "user_id", Label: "Owner", Type: "select", Required: true, Options: owners,
			Hint: "The token acts as this user."},
		{Name: "access", Label: "Access", Type: "select", Required: true, Options: accessOptions()},
	}
}

func (ui *UI) tokenList(w http.ResponseWriter, r *http.Request, s *session) {
	ui.tokensPage(w, r, s, formState{values: url.Values{"user_id": {strconv.FormatInt(s.User.ID, 10)}, "access": {string(itinera.TokenFull)}}}, nil)
}

func (ui *UI) tokensPage(w http.ResponseWriter, r *http.Request, s *session, st formState, made *newTokenView) {
	tokens, err := ui.svc.Accounts.APITokens(r.Context(), s.User.TenantID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	users, err := ui.svc.Accounts.Users(r.Context(), s.User.TenantID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	loc, err := ui.tenantZone(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	fs := tokenFields(users)
	v := tokensView{Tokens: make([]tokenRow, len(tokens)), New: made,
		Form: st.build(formView{Action: "/admin/tokens", Submit: "Create the token"}, fs)}
	v.Form.Summary = sortSummary(v.Form.Summary, fs)
	for i, t := range tokens {
		v.Tokens[i] = tokenRow{APIToken: t, Created: timeLabel(t.CreatedAt, loc)}
		if !t.LastUsedAt.IsZero() {
			v.Tokens[i].LastUsed = timeLabel(t.LastUsedAt, loc)
		}
		if t.Revoked() {
			v.Tokens[i].RevokedLabel = timeLabel(t.RevokedAt, loc)
		}
	}
	code := http.StatusOK
	if st.msg != "" || len(st.errs) > 0 {
		code = http.StatusUnprocessableEntity
	}
	ui.render(w, r, s, code, "tokens", pageInfo{Title: "API tokens", Nav: "admin"}, v)
}

func (ui *UI) tokenCreate(w http.ResponseWriter, r *http.Request, s *session) {
	uid, err := strconv.ParseInt(r.PostForm.Get("user_id"), 10, 64)
	if err != nil || uid <= 0 {
		ui.tokensPage(w, r, s, formState{values: r.PostForm, errs: map[string]string{"user_id": "Choose whose token it is."},
			msg: "The token was not created."}, nil)
		return
	}
	out, err := ui.app.CreateToken(r.Context(), ui.caller(r, s), uid, r.PostForm.Get("name"), itinera.TokenAccess(r.PostForm.Get("access")))
	if err != nil {
		if st, ok := invalid(r.PostForm, err); ok {
			ui.tokensPage(w, r, s, st, nil)
			return
		}
		ui.fail(w, r, s, err)
		return
	}
	// Shown on this answer only (never stored, never cached): no redirect.
	ui.tokensPage(w, r, s, formState{values: url.Values{"user_id": {strconv.FormatInt(s.User.ID, 10)}, "access": {string(itinera.TokenFull)}}},
		&newTokenView{Token: out.Token, Secret: out.Secret})
}

// tokenRevoke stops an API token of the organization from working.
func (ui *UI) tokenRevoke(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err == nil {
		err = ui.app.RevokeToken(r.Context(), ui.caller(r, s), id)
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, "/admin/tokens", "The API token was revoked. Programs using it are refused from now on.")
}
