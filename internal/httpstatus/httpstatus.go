// Package httpstatus maps Itinera's error codes to HTTP status codes: the
// one place this mapping is made, shared by the web UI and the JSON API.
package httpstatus

import (
	"net/http"

	"itinera"
)

// Of returns the HTTP status for an itinera error code; unknown codes and
// internal errors are 500.
func Of(code string) int {
	switch code {
	case itinera.EINVALID:
		return http.StatusUnprocessableEntity
	case itinera.ENOTFOUND:
		return http.StatusNotFound
	case itinera.EFORBIDDEN:
		return http.StatusForbidden
	case itinera.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case itinera.ECONFLICT:
		return http.StatusConflict
	case itinera.ETOOMANY:
		return http.StatusTooManyRequests
	case itinera.ESTALE:
		return http.StatusPreconditionFailed
	}
	return http.StatusInternalServerError
}
