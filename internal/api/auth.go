package api

import (
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
)

// authenticate returns the user of the request's bearer token. Cookies are
// never looked at, which is why API requests need no CSRF protection.
// Wrong tokens count against the client's address: an address out of
// tries is answered 429 with Retry-After, whatever token it sends, until
// it has a try again; a valid token never counts.
func (a *API) authenticate(w http.ResponseWriter, r *http.Request) (itinera.User, app.Revision, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return itinera.User{}, app.Revision{}, unauthorized("", "Send an API token in the Authorization header: \"Bearer <token>\".")
	}
	ip := clientIP(r)
	if wait := a.tokens.Wait(ip); wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(wait.Seconds())))))
		return itinera.User{}, app.Revision{}, itinera.Errorf(itinera.ETOOMANY,
			"Too many requests with a wrong API token came from your address. Wait %s, then try again.", waitWords(wait))
	}
	u, rev, err := a.userOfToken(r, h)
	if itinera.ErrorCode(err) == itinera.EUNAUTHORIZED {
		if !a.tokens.Allow(ip) {
			a.log.WarnContext(r.Context(), "wrong API tokens limited", "ip", ip)
		}
	}
	return u, rev, err
}

// userOfToken returns the user of the Authorization header h, and their
// tenant's revision read with the token.
func (a *API) userOfToken(r *http.Request, h string) (itinera.User, app.Revision, error) {
	scheme, token, ok := strings.Cut(h, " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return itinera.User{}, app.Revision{}, unauthorized("invalid_request", "The Authorization header must read \"Bearer <token>\".")
	}
	if !auth.WellFormedToken(token) {
		return itinera.User{}, app.Revision{}, unauthorized("invalid_token", "The API token is not valid.")
	}
	u, rev, err := a.app.AuthenticateTokenAt(r.Context(), auth.HashToken(token))
	switch itinera.ErrorCode(err) {
	case "":
		return u, rev, nil
	case itinera.ENOTFOUND, itinera.EUNAUTHORIZED:
		return itinera.User{}, app.Revision{}, unauthorized("invalid_token", "The API token is not valid.")
	}
	return itinera.User{}, app.Revision{}, err
}

// authError is a 401 answer with its RFC 6750 error attribute.
type authError struct {
	bearerError string // "", invalid_request or invalid_token
	err         *itinera.Error
}

func (e *authError) Error() string { return e.err.Error() }
func (e *authError) Unwrap() error { return e.err }

func unauthorized(bearerError, msg string) error {
	return &authError{bearerError: bearerError, err: &itinera.Error{Code: itinera.EUNAUTHORIZED, Message: msg}}
}

// challenge is the WWW-Authenticate header of a 401 answer.
func (e *authError) challenge() string {
	if e.bearerError == "" {
		return `Bearer realm="itinera"`
	}
	return `Bearer realm="itinera", error="` + e.bearerError + `"`
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

// waitWords says a short wait in words: "1 minute", "30 seconds".
func waitWords(d time.Duration) string {
	s := max(1, int(math.Ceil(d.Seconds())))
	switch {
	case s > 60:
		return strconv.Itoa((s+59)/60) + " minutes"
	case s == 60:
		return "1 minute"
	case s == 1:
		return "1 second"
	}
	return strconv.Itoa(s) + " seconds"
}
