package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"itinera"
	"itinera/internal/mailbox"
)

// The organization's mailbox for answers (Admin › Mailbox): the IMAP
// mailbox Itinera reads, how reading it goes, and the messages it could
// not take. The password is written, never shown: the form's password
// field always comes back empty.

type mailboxView struct {
	Form       formView
	Configured bool
	Env        string // the environment variable that may give the password
	LastPoll   string // "" never
	Idle       bool
	Problem    string
	ProblemAt  string
	Taken      int
	Problems   []mailboxProblemRow
}

type mailboxProblemRow struct {
	UID                      uint32
	Size, What, Reason, Next string
	Since                    string
}

func mailboxFields(hasPassword bool, env string) []field {
	pwHint := "No password is stored. It may instead be given in the server's environment as " + env + ", which then wins."
	if hasPassword {
		pwHint = "A password is stored: leave this empty to keep it. " + env + " in the server's environment wins over it."
	}
	return []field{
		{Name: "host", Label: "IMAP server", Type: "text", Autocomplete: "off",
			Hint: "Such as imap.example.org. Leave empty to stop reading a mailbox (the stored password is forgotten)."},
		{Name: "security", Label: "Connection security", Type: "select", Options: []option{
			{Value: string(itinera.MailboxTLS), Label: "TLS (usually port 993)"},
			{Value: string(itinera.MailboxStartTLS), Label: "STARTTLS (usually port 143)"},
			{Value: string(itinera.MailboxPlain), Label: "None: only for a server on this machine"}}},
		{Name: "port", Label: "Port", Type: "number", Min: "1", Max: "65535",
			Hint: "Leave empty for the usual port of the security chosen."},
		{Name: "username", Label: "User name", Type: "text", Autocomplete: "off"},
		{Name: "password", Label: "Password", Type: "password", Autocomplete: "new-password", Hint: pwHint},
		{Name: "folder", Label: "Folder", Type: "text", Autocomplete: "off",
			Hint: "The folder the answers arrive in; INBOX when empty."},
	}
}

func mailboxValues(m itinera.Mailbox) url.Values {
	v := url.Values{"host": {m.Host}, "security": {string(m.Security)}, "username": {m.Username}, "folder": {m.Folder}}
	if m.Port != 0 {
		v.Set("port", strconv.Itoa(m.Port))
	}
	if m.Security == "" {
		v.Set("security", string(itinera.MailboxTLS))
	}
	setVersion(v, m.Version)
	return v
}

// mailboxPage shows the page with the form in state st (nil: as saved).
func (ui *UI) mailboxPage(w http.ResponseWriter, r *http.Request, s *session, st *formState, code int) {
	m, state, err := ui.app.Mailbox(r.Context(), ui.caller(r, s))
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	loc, err := ui.tenantZone(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	tenant, err := ui.svc.Accounts.Tenant(r.Context(), s.User.TenantID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	if st == nil {
		st = &formState{values: mailboxValues(m)}
	}
	// The password typed is never sent back.
	values := url.Values{}
	for k, v := range st.values {
		if k != "password" {
			values[k] = v
		}
	}
	st.values = values
	env := mailbox.EnvPassword(tenant.Slug)
	fs := mailboxFields(m.HasPassword, env)
	v := mailboxView{Configured: m.Configured(), Env: env, Idle: state.Idle, Taken: state.Taken,
		Form: st.build(formView{Action: "/admin/mailbox", Submit: "Save the mailbox", Cancel: "/admin/mailbox"}, fs)}
	v.Form.Summary = sortSummary(v.Form.Summary, fs)
	if !state.LastPollAt.IsZero() {
		v.LastPoll = timeLabel(state.LastPollAt, loc)
	}
	if state.LastError != "" {
		v.Problem, v.ProblemAt = state.LastError, timeLabel(state.LastErrorAt, loc)
	}
	for _, p := range state.Problems {
		row := mailboxProblemRow{UID: p.UID, Size: sizeLabel(int(p.Size)), Reason: p.Reason, Since: timeLabel(p.FirstAt, loc)}
		switch p.Status {
		case itinera.MailboxFailing:
			row.What = fmt.Sprintf("failed %d×, tried again", p.Attempts)
			row.Next = timeLabel(p.NextAttempt, loc)
		case itinera.MailboxTooLarge:
			row.What = "too large: left unread"
		default:
			row.What = "not an e-mail Itinera reads: left unread"
		}
		v.Problems = append(v.Problems, row)
	}
	ui.render(w, r, s, code, "mailbox", pageInfo{Title: "Mailbox", Nav: "admin"}, v)
}

func (ui *UI) mailboxEdit(w http.ResponseWriter, r *http.Request, s *session) {
	ui.mailboxPage(w, r, s, nil, http.StatusOK)
}

func (ui *UI) mailboxUpdate(w http.ResponseWriter, r *http.Request, s *session) {
	fr := newFormReader(r.PostForm)
	m := itinera.Mailbox{Host: fr.str("host"), Security: itinera.MailboxSecurity(fr.str("security")),
		Port: fr.int("port", "Enter the port as a number, such as 993."), Username: fr.str("username"),
		Password: r.PostForm.Get("password"), Folder: fr.str("folder"), Version: formVersion(r.PostForm)}
	err := fr.errs.Err("mailbox")
	if err == nil {
		_, _, err = ui.app.UpdateMailbox(r.Context(), ui.caller(r, s), m)
	}
	if err != nil {
		if itinera.ErrorCode(err) == itinera.ESTALE {
			cur, _, lerr := ui.app.Mailbox(r.Context(), ui.caller(r, s))
			if lerr != nil {
				ui.fail(w, r, s, lerr)
				return
			}
			st := staleState(err, mailboxFields(cur.HasPassword, ""), mailboxValues(cur), r.PostForm)
			ui.mailboxPage(w, r, s, &st, http.StatusConflict)
			return
		}
		if st, ok := formError(r.PostForm, err); ok {
			ui.mailboxPage(w, r, s, &st, http.StatusUnprocessableEntity)
			return
		}
		ui.fail(w, r, s, err)
		return
	}
	msg := "The mailbox was saved: the server reads it within a minute."
	if !m.Configured() {
		msg = "No mailbox is read any more."
	}
	ui.redirect(w, r, "/admin/mailbox", msg)
}
