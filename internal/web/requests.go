package web

import (
	"crypto/rand"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/requests"
)

// Meeting requests, the officer's side: the request form on a candidate
// meeting, the program's request board, a request's page with its history,
// and the actions on it (send or re-send the link, withdraw, confirm).

// RequestConfig configures meeting requests.
type RequestConfig struct {
	// OverdueAfter marks a sent, unanswered request overdue; 5 days when 0.
	OverdueAfter time.Duration
	// Limiter bounds the resource page's failed tries (wrong or malformed
	// links) per client address; nil allows 20, then one every 30 seconds.
	// An address out of tries is refused every link until it has one again.
	Limiter *auth.Limiter
	// Key signs the resource page's form; random when empty, so that a
	// restart only asks an open page to be sent again.
	Key []byte
}

// requestSettings is RequestConfig with its defaults filled in.
type requestSettings struct {
	RequestConfig
	baseURL string
	now     func() time.Time
	blocked *blockList
}

// blockList remembers the addresses out of tries, and until when.
type blockList struct {
	mu    sync.Mutex
	until map[string]time.Time
}

// blockedFor reports how much longer key is refused: 0 when it is not.
func (rs requestSettings) blockedFor(key string) time.Duration {
	rs.blocked.mu.Lock()
	defer rs.blocked.mu.Unlock()
	u, ok := rs.blocked.until[key]
	if !ok {
		return 0
	}
	if wait := u.Sub(rs.now()); wait > 0 {
		return wait
	}
	delete(rs.blocked.until, key)
	return 0
}

// failed counts a failed try of key; it reports false when key is now out
// of tries.
func (rs requestSettings) failed(key string) bool {
	if rs.Limiter.Allow(key) {
		return true
	}
	rs.blocked.mu.Lock()
	defer rs.blocked.mu.Unlock()
	if len(rs.blocked.until) > 10000 {
		clear(rs.blocked.until)
	}
	rs.blocked.until[key] = rs.now().Add(rs.Limiter.Every)
	return false
}

func newRequestSettings(cfg Config) (requestSettings, error) {
	rs := requestSettings{RequestConfig: cfg.Requests, baseURL: strings.TrimRight(cfg.BaseURL, "/"), now: cfg.Now,
		blocked: &blockList{until: map[string]time.Time{}}}
	if rs.now == nil {
		rs.now = time.Now
	}
	if rs.OverdueAfter <= 0 {
		rs.OverdueAfter = 5 * 24 * time.Hour
	}
	if rs.Limiter == nil {
		rs.Limiter = auth.NewLimiterIn(cfg.App.Limits(), "resource link", 20, 30*time.Second, rs.now)
	}
	if len(rs.Key) == 0 {
		rs.Key = make([]byte, 32)
		if _, err := rand.Read(rs.Key); err != nil {
			return rs, err
		}
	}
	if rs.baseURL != "" {
		if u, err := url.Parse(rs.baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return rs, errors.New("web: the base URL must be an http or https address such as https://itinera.example.org")
		}
	}
	return rs, nil
}

// requestOf loads the request named by the path and its program.
func (ui *UI) requestOf(r *http.Request, s *session) (itinera.Request, itinera.Program, error) {
	id, err := pathID(r)
	if err != nil {
		return itinera.Request{}, itinera.Program{}, err
	}
	rq, err := ui.svc.Requests.Request(r.Context(), s.User.TenantID, id)
	if err != nil {
		return rq, itinera.Program{}, err
	}
	p, err := ui.svc.Programs.Program(r.Context(), s.User.TenantID, rq.ProgramID)
	return rq, p, err
}

func requestsLink(p itinera.Program) string { return "/programs/" + itoa(p.ID) + "/requests" }

func requestLink(rq itinera.Request) string { return "/requests/" + itoa(rq.ID) }

// ---- The request form

func requestFields(p itinera.Program, c choices) []field {
	return []field{
		{Name: "contact_id", Label: "Ask", Type: "select", Required: true,
			Options: with(option{Label: "Choose a person"}, c.contacts), Hint: "The person who gets the e-mail and the personal link."},
		{Name: "message", Label: "Message", Type: "textarea", Rows: 8,
			Hint: "Your own words at the top of the e-mail. The program, the delegation, the topics, the place and the times follow it."},
		{Name: "windows", Label: "Proposed times", Type: "textarea", Rows: 6, Required: true,
			Hint: "One time a line, in the program's local time (" + p.TimeZone + "), as a date and a time range, such as 2026-12-07 09:00-10:30 (2-3.30 pm works too). The resource accepts one of them or ticks those they could do."},
		{Name: "expires_on", Label: "Answer by", Type: "date", Required: true,
			Hint: "The personal link stops working after this day."},
		{Name: "send", Label: "Send the e-mail now (otherwise the request is kept as a draft)", Type: "checkbox"},
	}
}

func (ui *UI) requestForm(w http.ResponseWriter, r *http.Request, s *session, p itinera.Program, m itinera.Meeting, st formState) {
	c, err := ui.choices(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	info := pageInfo{Title: "Request a meeting: " + m.Title, Nav: "programs",
		Crumbs: []crumb{programsCrumb, programCrumb(p), {Href: requestsLink(p), Label: "Requests"}}}
	fv := formView{Action: "/meetings/" + itoa(m.ID) + "/requests", Submit: "Save request", Cancel: programLink(p, "meetings"),
		Intro: "The e-mail tells " + orDefault(m.ContactName, "the person you ask") + " about the program and the delegation (how many, from where, their work; never their contact details) and links to a page where they answer in a minute, without an account."}
	ui.renderForm(w, r, s, info, st, fv, requestFields(p, c))
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func (ui *UI) requestNew(w http.ResponseWriter, r *http.Request, s *session) {
	m, p, err := ui.meeting(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	days, err := ui.svc.Programs.Days(r.Context(), s.User.TenantID, p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	t, err := ui.svc.Accounts.Tenant(r.Context(), s.User.TenantID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	loc := p.Location()
	// Answers are due before the program starts, and within the usual time.
	due, today := itinera.DateOf(ui.now().In(loc).Add(ui.app.RequestTTL())), itinera.DateOf(ui.now().In(loc))
	if eve := p.StartDate.AddDays(-1); eve.Before(due) && today.Before(eve) {
		due = eve
	}
	v := url.Values{
		"message":    {requests.DefaultMessage(t.Name, p, m)},
		"windows":    {formatWindows(requests.Proposed(m, days, loc), loc)},
		"expires_on": {due.String()},
		"send":       {"on"},
	}
	if m.ContactID != 0 {
		v.Set("contact_id", itoa(m.ContactID))
	}
	ui.requestForm(w, r, s, p, m, formState{values: v})
}

// readRequest reads the request form.
func (ui *UI) readRequest(v url.Values, p itinera.Program, c choices) (itinera.Request, itinera.FieldErrors) {
	fr := newFormReader(v)
	rq := itinera.Request{ContactID: fr.id("contact_id", nil), Message: fr.text("message")}
	if _, ok := c.contactOrg[rq.ContactID]; rq.ContactID != 0 && !ok {
		fr.errs.Add("contact_id", "Choose one of the listed entries.")
	}
	ws, msg := parseWindows(v.Get("windows"), p)
	if msg != "" {
		fr.errs.Add("windows", msg)
	}
	rq.Windows = ws
	loc := p.Location()
	if d := fr.date("expires_on"); !d.IsZero() {
		rq.ExpiresAt = d.AddDays(1).At(0, loc)
		if !rq.ExpiresAt.After(ui.now()) {
			fr.errs.Add("expires_on", "Choose a day from today on.")
		}
	} else if fr.str("expires_on") == "" {
		fr.errs.Add("expires_on", "Enter the day by which to answer.")
	}
	return rq, fr.errs
}

func (ui *UI) requestCreate(w http.ResponseWriter, r *http.Request, s *session) {
	m, p, err := ui.meeting(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	c, err := ui.choices(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	rq, perrs := ui.readRequest(r.PostForm, p, c)
	rq.TenantID, rq.MeetingID = s.User.TenantID, m.ID
	send := r.PostForm.Get("send") != ""
	err = write(perrs, rq.Validate, "request", func() (err error) {
		rq, err = ui.app.CreateRequest(r.Context(), ui.caller(r, s), rq, send)
		return err
	})
	if itinera.ErrorCode(err) == itinera.ECONFLICT {
		ui.redirect(w, r, programLink(p, "meetings"), itinera.ErrorMessage(err))
		return
	}
	if !ui.settle(w, r, s, err, func(st formState) { ui.requestForm(w, r, s, p, m, st) }) {
		return
	}
	if !send {
		ui.redirect(w, r, requestLink(rq), "The request was saved as a draft.")
		return
	}
	ui.redirect(w, r, requestLink(rq), "The request was sent. The e-mail is in the outbox.")
}

// requestDone ends an action on a request: back to its page with done, or
// with the reason the action was refused.
func (ui *UI) requestDone(w http.ResponseWriter, r *http.Request, s *session, id int64, err error, refused, done string) {
	switch itinera.ErrorCode(err) {
	case "":
		ui.redirect(w, r, "/requests/"+itoa(id), done)
	case itinera.EINVALID, itinera.ECONFLICT:
		ui.redirect(w, r, "/requests/"+itoa(id), refused+itinera.ErrorMessage(err))
	default:
		ui.fail(w, r, s, err)
	}
}

func (ui *UI) requestSend(w http.ResponseWriter, r *http.Request, s *session) {
	rq, _, err := ui.requestOf(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	done := "The request was sent."
	if rq.Status != itinera.RequestDraft {
		done = "A new link was sent; the old one no longer works."
	}
	_, err = ui.app.SendRequest(r.Context(), ui.caller(r, s), rq.ID)
	ui.requestDone(w, r, s, rq.ID, err, "The request was not sent: ", done+" The e-mail is in the outbox.")
}

func (ui *UI) requestWithdraw(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	_, err = ui.app.WithdrawRequest(r.Context(), ui.caller(r, s), id)
	ui.requestDone(w, r, s, id, err, "", "The request was withdrawn; its link now says so.")
}

// requestUnconfirm takes a confirmation back, telling the resource.
func (ui *UI) requestUnconfirm(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	_, err = ui.app.WithdrawConfirmation(r.Context(), ui.caller(r, s), id, r.PostForm.Get("reason"))
	ui.requestDone(w, r, s, id, err, "", "The confirmation was withdrawn and the resource was sent the calendar cancellation; the meeting can be requested again.")
}

// requestDecline records a decline the resource gave by phone or e-mail.
func (ui *UI) requestDecline(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	_, err = ui.app.DeclineRequest(r.Context(), ui.caller(r, s), id, r.PostForm.Get("reason"))
	ui.requestDone(w, r, s, id, err, "", "The decline is recorded.")
}

func (ui *UI) requestConfirm(w http.ResponseWriter, r *http.Request, s *session) {
	rq, p, err := ui.requestOf(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	start, err1 := time.Parse(time.RFC3339, r.PostForm.Get("start"))
	end, err2 := time.Parse(time.RFC3339, r.PostForm.Get("end"))
	if err1 != nil || err2 != nil {
		ui.redirect(w, r, requestLink(rq), "Choose one of the times the resource gave.")
		return
	}
	at := itinera.Window{Start: start.UTC(), End: end.UTC()}
	_, err = ui.app.ConfirmRequest(r.Context(), ui.caller(r, s), rq.ID, at)
	ui.requestDone(w, r, s, rq.ID, err, "", "The meeting is confirmed for "+at.Label(p.Location())+".")
}

func (ui *UI) requestAcceptCounter(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	rq, err := ui.app.AcceptCounter(r.Context(), ui.caller(r, s), id)
	done := ""
	if err == nil {
		p, perr := ui.svc.Programs.Program(r.Context(), s.User.TenantID, rq.ProgramID)
		if perr != nil {
			ui.fail(w, r, s, perr)
			return
		}
		done = "The meeting moved to " + rq.Confirmed.Label(p.Location()) + "; the resource is sent the updated invitation."
	}
	ui.requestDone(w, r, s, id, err, "The new time was not accepted: ", done)
}

func (ui *UI) requestDeclineCounter(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	_, err = ui.app.DeclineCounter(r.Context(), ui.caller(r, s), id, r.PostForm.Get("comment"))
	ui.requestDone(w, r, s, id, err, "", "The new time is declined; the resource is told the meeting stays at its time.")
}
