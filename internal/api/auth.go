package api

import (
	"net/http"
	"strings"

	"itinera"
	"itinera/internal/auth"
)

// authenticate returns the user of the request's bearer token. Cookies are
// never looked at, which is why API requests need no CSRF protection.
func (a *API) authenticate(r *http.Request) (itinera.User, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return itinera.User{}, unauthorized("", "Send an API token in the Authorization header: \"Bearer <token>\".")
	}
	scheme, token, ok := strings.Cut(h, " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return itinera.User{}, unauthorized("invalid_request", "The Authorization header must read \"Bearer <token>\".")
	}
	if !auth.WellFormedToken(token) {
		return itinera.User{}, unauthorized("invalid_token", "The API token is not valid.")
	}
	u, err := a.app.Auth().UserByAPITokenHash(r.Context(), auth.HashToken(token))
	switch itinera.ErrorCode(err) {
	case "":
		return u, nil
	case itinera.ENOTFOUND, itinera.EUNAUTHORIZED:
		return itinera.User{}, unauthorized("invalid_token", "The API token is not valid.")
	}
	return itinera.User{}, err
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
