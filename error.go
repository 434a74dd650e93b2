// Package itinera holds the domain of Itinera: the records a community
// organization keeps to plan, run and follow up the visit of an international
// delegation, their validation rules and the service interfaces that storage
// implements. It imports no database, HTTP or other I/O package.
package itinera

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Error codes. They are mapped to HTTP status codes once, at the edge.
const (
	ECONFLICT     = "conflict"
	EINTERNAL     = "internal"
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	EFORBIDDEN    = "forbidden"
	EUNAUTHORIZED = "unauthorized"
	ETOOMANY      = "too_many_requests"
	// ESTALE: a change was made against an older version of a record that
	// someone else has changed since.
	ESTALE = "stale"
)

// Error is an error a user may see: its message is written for people and
// never contains internal detail. Fields names every wrong input field.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("itinera: %s: %s", e.Code, e.Message)
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e.Fields[k]
	}
	return fmt.Sprintf("itinera: %s: %s (%s)", e.Code, e.Message, strings.Join(parts, "; "))
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the human message of the first *Error in err's chain,
// or a generic message for internal errors, whose text is never shown.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong on our side. Please try again; if it keeps happening, tell your administrator."
}

// ErrorFields returns the per-field messages of err, if any.
func ErrorFields(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// FieldErrors collects validation messages by field name.
type FieldErrors map[string]string

// Add records msg for field unless the field already has a message.
func (f FieldErrors) Add(field, msg string) {
	if _, ok := f[field]; !ok {
		f[field] = msg
	}
}

// Err returns nil when no field is wrong, or an EINVALID *Error naming them.
func (f FieldErrors) Err(what string) error {
	if len(f) == 0 {
		return nil
	}
	msg := "1 field needs correcting."
	if len(f) > 1 {
		msg = fmt.Sprintf("%d fields need correcting.", len(f))
	}
	if what != "" {
		msg = fmt.Sprintf("The %s could not be saved: %s", what, msg)
	}
	return &Error{Code: EINVALID, Message: msg, Fields: map[string]string(f)}
}

// Stale is the error of a change made against version of a record that is
// now at current.
func Stale(what string, version, current int) *Error {
	return &Error{Code: ESTALE, Fields: map[string]string{"version": fmt.Sprintf("You changed version %d; it is now at version %d.", version, current)},
		Message: fmt.Sprintf("Someone else changed this %s while you were editing it. Look at their changes, then save yours again.", what)}
}

// RenameField gives a validation error's message of one field to another
// (a rule checked on "password" reported on the form's "new_password").
func RenameField(err error, from, to string) error {
	f := ErrorFields(err)
	if f[from] == "" {
		return err
	}
	out := map[string]string{}
	for k, v := range f {
		if k == from {
			k = to
		}
		out[k] = v
	}
	return &Error{Code: ErrorCode(err), Message: ErrorMessage(err), Fields: out}
}
