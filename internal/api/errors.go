package api

import (
	"errors"
	"log/slog"
	"net/http"

	"itinera"
	"itinera/internal/httpstatus"
)

// errorBody is the one shape of every error answer:
// {"error":{"code":…,"message":…,"fields":{…}}}.
type errorBody struct {
	Error errorJSON `json:"error"`
}

type errorJSON struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields"`
}

// statusError gives an error an HTTP status other than the one its code
// maps to: 400 for a body that is not JSON, 405, 413, 415.
type statusError struct {
	status int
	err    *itinera.Error
}

func (e *statusError) Error() string { return e.err.Error() }
func (e *statusError) Unwrap() error { return e.err }

// badRequest is an EINVALID error answered with 400: the body could not be
// read at all, as opposed to a record with wrong fields (422).
func badRequest(format string, args ...any) error {
	return &statusError{status: http.StatusBadRequest, err: itinera.Errorf(itinera.EINVALID, format, args...)}
}

// statusOf maps an error code to its HTTP status.
func statusOf(code string) int { return httpstatus.Of(code) }

// writeError answers with err in the JSON error shape. Internal errors are
// logged with their detail and answered with the generic message only.
func (a *API) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := itinera.ErrorCode(err)
	status := statusOf(code)
	var se *statusError
	if errors.As(err, &se) {
		status = se.status
	}
	if code == itinera.EINTERNAL {
		a.log.ErrorContext(r.Context(), "api request failed",
			slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Any("error", err))
	}
	if status == http.StatusUnauthorized {
		challenge := `Bearer realm="itinera"`
		var ae *authError
		if errors.As(err, &ae) {
			challenge = ae.challenge()
		}
		w.Header().Set("WWW-Authenticate", challenge)
	}
	body := errorBody{Error: errorJSON{Code: code, Message: itinera.ErrorMessage(err), Fields: map[string]string{}}}
	if code != itinera.EINTERNAL {
		for k, v := range itinera.ErrorFields(err) {
			body.Error.Fields[k] = v
		}
	}
	a.writeJSON(w, r, status, body)
}

// notFound is the answer for a record that does not exist in the user's
// tenant; records of other tenants get the very same answer.
func notFound(what string) error {
	return itinera.Errorf(itinera.ENOTFOUND, "No such %s.", what)
}
