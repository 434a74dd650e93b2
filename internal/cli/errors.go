package cli

import (
	"errors"
	"fmt"
	"io"
	"log/slog"

	"itinera"
)

// failure is a command's error: msg is the plain sentence the person at
// the terminal reads, cause the underlying error, which Run logs with all
// its detail and never prints on its own.
type failure struct {
	msg   string
	cause error
}

func (f *failure) Error() string { return f.msg + ": " + f.cause.Error() }
func (f *failure) Unwrap() error { return f.cause }

// fail gives cause the plain message the user reads. When cause is a
// domain error (a wrong input, a conflict, a missing record) its message is
// the user's to read and follows msg; any other cause is logged.
func fail(msg string, cause error) error { return &failure{msg: msg, cause: cause} }

// report tells the person at the terminal why the command failed. A domain
// error is shown with its field messages; any other error is logged with
// its cause (level ERROR, on the command's logger) and the user reads the
// plain message it was given, never internal text.
func report(log *slog.Logger, w io.Writer, cmd string, err error) {
	var msg string
	var f *failure
	if errors.As(err, &f) {
		msg = f.msg
	}
	if itinera.ErrorCode(err) != itinera.EINTERNAL {
		if msg != "" {
			msg += ": "
		}
		msg += describe(err)
	} else {
		log.Error("command failed", "command", cmd, "err", err)
		if msg == "" {
			msg = "the command failed"
		}
		msg += " (the log line above gives the cause)"
	}
	fmt.Fprintf(w, "itinera %s: %s\n", cmd, msg)
}

// describe renders a domain error with its field messages for the terminal.
func describe(err error) string {
	msg := itinera.ErrorMessage(err)
	for k, v := range itinera.ErrorFields(err) {
		msg += fmt.Sprintf("\n  %s: %s", k, v)
	}
	return msg
}

// logs is a command's logger, writing to standard error. Run makes it from
// ITINERA_LOG_FORMAT and ITINERA_LOG_LEVEL; a command replaces it once its
// --log-format and --log-level flags are read, so that Run logs the
// command's failure in the same form as the command's own lines.
type logs struct{ *slog.Logger }

// envLogs is the logger of the environment's settings, text at level info
// when they are not valid (the commands' flags report that).
func envLogs(env Env, w io.Writer) *logs {
	lf := logFlags{format: envOr(env, "ITINERA_LOG_FORMAT", "text"), level: envOr(env, "ITINERA_LOG_LEVEL", "info")}
	l, err := lf.logger(w)
	if err != nil {
		l = slog.New(slog.NewTextHandler(w, nil))
	}
	return &logs{l}
}

// set replaces the logger with the one lf names.
func (l *logs) set(lf logFlags, w io.Writer) (*slog.Logger, error) {
	lg, err := lf.logger(w)
	if err != nil {
		return nil, err
	}
	l.Logger = lg
	return lg, nil
}
