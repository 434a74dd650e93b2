// Package cli is the itinera command: one binary for the server and the
// administrator's commands, sharing configuration and storage. main calls
// Run; end-to-end tests call it too, on port 0 with a temporary database.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
)

// Env looks up an environment variable ("" when unset).
type Env func(string) string

// IO is the command's standard streams.
type IO struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// exit codes
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// usageError marks wrong command-line use: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, env Env, io IO, lg *logs) error
}

func commands() []command {
	return []command{
		{"demo", "load the demo program into a local SQLite database and serve it", runDemo},
		{"serve", "serve the web UI and the JSON API", runServe},
		{"migrate", "apply the database migrations", runMigrate},
		{"user", "manage staff users (user add)", runUser},
		{"token", "manage API tokens (token create)", runToken},
		{"outbox", "read and retry an organization's outgoing e-mail (outbox list|show|retry)", runOutbox},
		{"import", "import visitors, meetings, the directory … from a CSV or XLSX file (import --kind KIND FILE)", runImport},
		{"export", "export records as CSV or XLSX, or a kind's import template (export --kind KIND)", runExport},
		{"plan", "build a program's itinerary with the engine (and --apply it)", runPlan},
		{"match", "match visitors to host households from a JSON file (match --input FILE)", runMatch},
		{"bench", "run the itinerary engine on benchmark files (bench toptw|mctopmtw FILE...)", runBench},
		{"export-program", "write a program, with its people, requests and evenings, as a program file", runExportProgram},
		{"book", "write a program's book (delegation, visitor, resource brief, household, interpreter, driver) as PDF or HTML", runBook},
		{"release", "release a program's current itinerary: tell each person what changed for them (--dry-run: only say it)", runRelease},
		{"import-program", "make a new program of an organization from a program file", runImportProgram},
		{"counter", "accept or decline the new time a resource proposed from their calendar (counter accept|decline REQUEST-ID --tenant SLUG)", runCounter},
		{"inbound", "take one received e-mail (an MTA pipe): calendar answers, bounces, replies (inbound --tenant SLUG < message.eml); inbound poll --tenant SLUG reads the organization's IMAP mailbox once", runInbound},
		{"project", "multi-city projects: list, show, create, accept a stop, grants, grant, revoke, withdraw (project list --tenant SLUG)", runProject},
		{"backup", "copy a live SQLite database consistently (or say how to back up PostgreSQL)", runBackup},
	}
}

const mainUsage = `itinera plans, runs and follows up the visits of international delegations.

Usage:
  itinera <command> [flags]

Commands:
%s
Run "itinera <command> --help" for a command's flags.
The database is named by --database or ITINERA_DATABASE: sqlite:PATH or postgres://…
`

func printUsage(w io.Writer) {
	var b strings.Builder
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-15s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, mainUsage, b.String())
}

// Run runs the command line args (without the program name) and returns
// the process exit code: 0 success, 1 failure, 2 wrong usage.
func Run(ctx context.Context, args []string, env Env, io IO) int {
	if len(args) == 0 {
		printUsage(io.Stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		printUsage(io.Stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		lg := envLogs(env, io.Stderr)
		err := c.run(ctx, args[1:], env, io, lg)
		var ue usageError
		switch {
		case err == nil:
			return exitOK
		case errors.Is(err, flag.ErrHelp):
			return exitOK
		case errors.As(err, &ue):
			fmt.Fprintf(io.Stderr, "itinera %s: %s\nRun \"itinera %s --help\" for usage.\n", c.name, ue.msg, c.name)
			return exitUsage
		case errors.As(err, new(exitCode)):
			return int(err.(exitCode))
		default:
			report(lg.Logger, io.Stderr, c.name, err)
			return exitError
		}
	}
	fmt.Fprintf(io.Stderr, "itinera: unknown command %q\n\n", args[0])
	printUsage(io.Stderr)
	return exitUsage
}

// exitCode lets a delegated command return its own exit code.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit code %d", int(e)) }

// newFlags returns a flag set that reports errors instead of exiting and
// prints its usage to io.Stderr (or io.Stdout for --help).
func newFlags(name, synopsis string, io IO) *flag.FlagSet {
	fs := flag.NewFlagSet("itinera "+name, flag.ContinueOnError)
	fs.SetOutput(io.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: itinera %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args; --help prints the usage on stdout.
func parse(fs *flag.FlagSet, args []string, io IO) error {
	fs.SetOutput(discard{})
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(io.Stdout)
		fs.Usage()
		return flag.ErrHelp
	}
	fs.SetOutput(io.Stderr)
	if err != nil {
		return usageError{err.Error()}
	}
	return nil
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// logFlags are shared by the commands that log.
type logFlags struct {
	format string
	level  string
}

func (l *logFlags) register(fs *flag.FlagSet, env Env) {
	fs.StringVar(&l.format, "log-format", envOr(env, "ITINERA_LOG_FORMAT", "text"), "log format: text or json (ITINERA_LOG_FORMAT)")
	fs.StringVar(&l.level, "log-level", envOr(env, "ITINERA_LOG_LEVEL", "info"), "log level: debug, info, warn or error (ITINERA_LOG_LEVEL)")
}

func (l *logFlags) logger(w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(l.level)); err != nil {
		return nil, usageError{fmt.Sprintf("--log-level %q: use debug, info, warn or error", l.level)}
	}
	opts := &slog.HandlerOptions{Level: level}
	switch l.format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, usageError{fmt.Sprintf("--log-format %q: use text or json", l.format)}
}

func envOr(env Env, key, def string) string {
	if v := env(key); v != "" {
		return v
	}
	return def
}

// OSEnv reads the process environment.
func OSEnv(key string) string { return os.Getenv(key) }
