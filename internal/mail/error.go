package mail

import (
	"errors"
	"fmt"
)

// Error is a failed delivery. Reason is in plain words for the outbox page;
// Permanent means trying again will not help (a 5xx reply, a message that
// cannot be composed), otherwise the failure is temporary.
type Error struct {
	Permanent bool
	Code      int // the SMTP reply code, 0 if the server gave none
	Reason    string
	Err       error
}

func (e *Error) Error() string {
	if e.Err == nil {
		return e.Reason
	}
	return e.Reason + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

func permanent(reason string, err error) *Error {
	return &Error{Permanent: true, Reason: reason, Err: err}
}

// IsPermanent reports whether err is a delivery failure that a retry cannot
// fix. Any error that is not an *Error is temporary.
func IsPermanent(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Permanent
}

// Reason returns the plain-words reason of a delivery failure, for the
// outbox: an *Error's reason with the server's reply, or a generic text.
func Reason(err error) string {
	var e *Error
	if !errors.As(err, &e) {
		return fmt.Sprintf("Sending failed: %v", err)
	}
	if e.Err == nil {
		return e.Reason
	}
	s := e.Reason + " (" + e.Err.Error() + ")"
	if len(s) > 1000 {
		s = s[:1000] + "…"
	}
	return s
}
