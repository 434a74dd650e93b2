package geo

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode"
)

// Errors of the caller's input, checked before anything is sent.
var (
	ErrEmptyQuery    = errors.New("geo: the query is empty")
	ErrQueryTooLong  = fmt.Errorf("geo: the query is longer than %d characters", MaxQueryLen)
	ErrTooManyPoints = fmt.Errorf("geo: a table takes at most %d places", MaxPoints)
	ErrInvalidPoint  = errors.New("geo: a place has no valid coordinates")
)

// ErrBadResponse is wrapped by the errors for an answer that cannot be read:
// not the documented format, too large, or with impossible values.
var ErrBadResponse = errors.New("unreadable response")

// ServiceError is an answer that is not a result: an HTTP error status, or
// a documented error code in the answer (OSRM's "code", Valhalla's
// "error_code").
type ServiceError struct {
	Service string // "nominatim", "photon", "osrm" or "valhalla"
	Status  int    // the HTTP status of the answer
	Code    string // the service's error code, when it gave one
	Message string // the service's message for the code, shortened
}

func (e *ServiceError) Error() string {
	var b strings.Builder
	b.WriteString(e.Service)
	if e.Status != http.StatusOK {
		b.WriteString(": HTTP " + strconv.Itoa(e.Status))
		if t := http.StatusText(e.Status); t != "" {
			b.WriteString(" " + t)
		}
	}
	if e.Code != "" {
		b.WriteString(": " + e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	return b.String()
}

// badResponse names the service and wraps ErrBadResponse with why.
func badResponse(service string, why error) error {
	return fmt.Errorf("%s: %w: %v", service, ErrBadResponse, why)
}

// shorten keeps a service's message readable in a log line: printable
// characters only, at most 200 bytes, on one line.
func shorten(s string) string {
	const limit = 200
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		if !unicode.IsPrint(r) {
			r = ' '
		}
		if b.Len()+len(string(r)) > limit {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}
