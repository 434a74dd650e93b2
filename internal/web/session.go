package web

import (
	"crypto/subtle"
	"errors"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/programfile"
)

// sessionCookie names the cookie that carries the session token. The store
// keeps only the token's hash.
const sessionCookie = "itinera_session"

// maxFormBytes bounds a posted form; the largest forms are a few kilobytes.
const maxFormBytes = 1 << 20

// session is the signed-in browser of a request.
type session struct {
	itinera.Session
	User itinera.User
}

// handlerFunc is a UI handler; s is the signed-in session, nil only on
// public routes when nobody is signed in.
type handlerFunc func(w http.ResponseWriter, r *http.Request, s *session)

// guard loads the session, sends strangers to the sign-in page, checks the
// CSRF token of every posted form and the role of every write and of every
// administration page.
func (ui *UI) guard(a access, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, err := ui.currentSession(r)
		if err != nil {
			ui.fail(w, r, nil, err)
			return
		}
		if r.Method == http.MethodPost {
			if err := readForm(w, r, a); err != nil {
				ui.fail(w, r, s, err)
				return
			}
		}
		if a == public {
			h(w, r, s)
			return
		}
		if s == nil {
			ui.toLogin(w, r)
			return
		}
		if r.Method == http.MethodPost && !validCSRF(r, s) {
			ui.fail(w, r, s, itinera.Errorf(itinera.EFORBIDDEN,
				"This form has expired or did not come from Itinera. Go back, reload the page and try again."))
			return
		}
		if s.User.MustChangePassword && r.URL.Path != passwordPath && r.URL.Path != "/logout" {
			// Signed in with a password someone else made: only the
			// password page, until they choose their own.
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				http.Redirect(w, r, passwordPath, http.StatusSeeOther)
				return
			}
			ui.fail(w, r, s, itinera.Errorf(itinera.EFORBIDDEN, mustChangeText))
			return
		}
		if (a == writer || a == uploader) && !s.User.Role.CanEdit() {
			ui.fail(w, r, s, itinera.Errorf(itinera.EFORBIDDEN,
				"Your role lets you read programs and the directory but not change them."))
			return
		}
		if a == admin && !s.User.Role.CanAdmin() {
			ui.fail(w, r, s, itinera.Errorf(itinera.EFORBIDDEN,
				"Only your organization's administrators manage users and settings."))
			return
		}
		h(w, r, s)
	})
}

// readForm parses a POST's form: URL-encoded for every route, and for an
// uploader's route also multipart/form-data, with a file of up to the
// size an import takes (kept in memory up to 4 MB, on disk beyond).
func readForm(w http.ResponseWriter, r *http.Request, a access) error {
	limit := int64(maxFormBytes)
	if a == uploader { // a spreadsheet to import, or a program file
		limit = max(itinera.MaxImportFileBytes, programfile.MaxSize) + maxFormBytes
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	var err error
	if ct := r.Header.Get("Content-Type"); a == uploader && strings.HasPrefix(strings.ToLower(ct), "multipart/form-data") {
		err = r.ParseMultipartForm(4 << 20)
	} else {
		err = r.ParseForm()
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return itinera.Errorf(itinera.EINVALID, "The file is too large: a spreadsheet to import is at most %d MB (split a larger one into smaller files), a program file at most %d MiB.",
			itinera.MaxImportFileBytes>>20, programfile.MaxSize>>20)
	case err != nil:
		return itinera.Errorf(itinera.EINVALID, "The form could not be read. Please try again.")
	}
	return nil
}

// currentSession returns the live session named by the request's cookie, or
// nil when there is none.
func (ui *UI) currentSession(r *http.Request) (*session, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || !auth.WellFormedToken(c.Value) {
		return nil, nil
	}
	sess, user, err := ui.auth.SessionByTokenHash(r.Context(), auth.HashToken(c.Value), ui.now())
	switch itinera.ErrorCode(err) {
	case "":
		return &session{Session: sess, User: user}, nil
	case itinera.ENOTFOUND, itinera.EUNAUTHORIZED:
		return nil, nil
	}
	return nil, err
}

func validCSRF(r *http.Request, s *session) bool {
	got := r.PostForm.Get("csrf_token")
	return got != "" && s.CSRFToken != "" &&
		subtle.ConstantTimeCompare([]byte(got), []byte(s.CSRFToken)) == 1
}

// toLogin redirects to the sign-in page, asking it to come back here after.
func (ui *UI) toLogin(w http.ResponseWriter, r *http.Request) {
	target := "/login"
	if r.Method == http.MethodGet && r.URL.Path != "/" {
		target += "?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// safeNext keeps a post-login destination only if it is a path on this
// site (auth.LocalPath); anything else goes to the programs.
func safeNext(next string) string {
	if p, ok := auth.LocalPath(next); ok {
		return p
	}
	return "/programs"
}

type loginView struct {
	Email, Next, Error string
}

func (ui *UI) loginForm(w http.ResponseWriter, r *http.Request, s *session) {
	next := safeNext(r.URL.Query().Get("next"))
	if s != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	ui.render(w, r, nil, http.StatusOK, "login", pageInfo{Title: "Sign in"}, loginView{Next: next})
}

// loginFailed is the one message for an unknown e-mail and a wrong password,
// so the form does not reveal who has an account.
const loginFailed = "The e-mail address or the password is not right."

func (ui *UI) login(w http.ResponseWriter, r *http.Request, _ *session) {
	ctx := r.Context()
	email := strings.ToLower(strings.TrimSpace(r.PostForm.Get("email")))
	password := r.PostForm.Get("password")
	view := loginView{Email: r.PostForm.Get("email"), Next: safeNext(r.PostForm.Get("next"))}
	info := pageInfo{Title: "Sign in"}

	ip := clientIP(r)
	ok, wait := ui.signIns.Begin(email, ip)
	if !ok {
		ui.log.WarnContext(ctx, "sign-in attempts limited", "email", email, "ip", ip)
		w.Header().Set("Retry-After", retryAfter(wait))
		view.Error = "Too many sign-in attempts. Wait a few minutes, then try again."
		ui.render(w, r, nil, http.StatusTooManyRequests, "login", info, view)
		return
	}
	user, hash, err := ui.auth.UserByEmail(ctx, email)
	known := err == nil
	switch itinera.ErrorCode(err) {
	case "":
	case itinera.ENOTFOUND, itinera.EINVALID, itinera.EUNAUTHORIZED:
		hash = ui.dummyHash
	default:
		ui.fail(w, r, nil, err)
		return
	}
	ok, err = auth.VerifyPassword(hash, password)
	if err != nil && known {
		ui.log.ErrorContext(ctx, "stored password hash unreadable", "user", user.ID, "err", err)
	}
	if !ok || !known {
		view.Error = loginFailed
		ui.render(w, r, nil, http.StatusUnauthorized, "login", info, view)
		return
	}

	ui.signIns.Succeeded(email, ip)

	if err := ui.startSession(w, r, user); err != nil {
		ui.fail(w, r, nil, err)
		return
	}
	ui.log.InfoContext(ctx, "signed in", "user", user.ID, "tenant", user.TenantID)
	if u, err := ui.app.RecordSignIn(ctx, user.ID); err != nil {
		ui.log.WarnContext(ctx, "could not record the sign-in", "user", user.ID, "err", err)
	} else if !u.LastSignedInAt.IsZero() {
		loc := time.UTC
		if t, err := ui.svc.Accounts.Tenant(ctx, u.TenantID); err == nil {
			if l, err := itinera.LoadZone(t.TimeZone); err == nil {
				loc = l
			}
		}
		ui.flash(w, "Welcome back. You last signed in "+signInLabel(u.LastSignedInAt, loc)+".")
	}
	if user.MustChangePassword {
		// A password someone else made: nothing else until they choose theirs.
		http.Redirect(w, r, passwordPath, http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, view.Next, http.StatusSeeOther)
}

// startSession signs the browser in as user with a new session, ending
// the one it had: the session token changes whenever who is signed in,
// or their password, does.
func (ui *UI) startSession(w http.ResponseWriter, r *http.Request, user itinera.User) error {
	ctx := r.Context()
	if c, err := r.Cookie(sessionCookie); err == nil && auth.WellFormedToken(c.Value) {
		if err := ui.auth.DeleteSession(ctx, auth.HashToken(c.Value)); err != nil &&
			itinera.ErrorCode(err) != itinera.ENOTFOUND {
			ui.log.WarnContext(ctx, "could not end the previous session", "err", err)
		}
	}
	token, tokenHash, err := auth.NewToken()
	if err != nil {
		return err
	}
	csrf, _, err := auth.NewToken()
	if err != nil {
		return err
	}
	now := ui.now()
	sess := itinera.Session{TokenHash: tokenHash, UserID: user.ID, CSRFToken: csrf,
		CreatedAt: now, ExpiresAt: now.Add(ui.ttl)}
	if err := ui.auth.CreateSession(ctx, &sess); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: ui.secure, SameSite: http.SameSiteLaxMode, Expires: sess.ExpiresAt,
		MaxAge: int(ui.ttl.Seconds())})
	return nil
}

func (ui *UI) logout(w http.ResponseWriter, r *http.Request, s *session) {
	if err := ui.auth.DeleteSession(r.Context(), s.TokenHash); err != nil &&
		itinera.ErrorCode(err) != itinera.ENOTFOUND {
		ui.fail(w, r, s, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: ui.secure, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	ui.flash(w, "You have signed out.")
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// retryAfter is the Retry-After header's value for wait: whole seconds,
// at least one.
func retryAfter(wait time.Duration) string {
	return strconv.Itoa(max(1, int(math.Ceil(wait.Seconds()))))
}

// clientIP is the address of the client: the connection's peer, which the
// server sets to the client's address behind a trusted proxy.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
