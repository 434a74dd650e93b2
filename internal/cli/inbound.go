package cli

import (
	"context"
	"fmt"
	"io"

	"itinera"
	"itinera/internal/inbound"
	"itinera/internal/mailbox"
)

// runInbound is `itinera inbound`: one received e-mail, read from standard
// input as the mail server's pipe gives it (a raw RFC 5322 message), handed
// to the organization's inbound handler — the one POST /api/v1/inbound
// calls. It prints what was understood and done. Exit code 0 when the
// message was recorded (or had been before), 1 when it could not be (bad
// input is named), 2 for wrong usage.
func runInbound(ctx context.Context, args []string, env Env, io IO, lg *logs) error {
	if len(args) > 0 && args[0] == "poll" {
		return runInboundPoll(ctx, args[1:], env, io, lg)
	}
	fs := newFlags("inbound", "inbound --database URL --tenant SLUG < message.eml\n       itinera inbound poll --database URL --tenant SLUG", io)
	db := databaseFlag(fs, env)
	slug := fs.String("tenant", "", "the slug of the organization the message was sent to (required)")
	var lf logFlags
	lf.register(fs, env)
	if err := parse(fs, args, io); err != nil {
		return err
	}
	if *slug == "" {
		return usageError{"--tenant is required"}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q: the message is read from standard input", fs.Arg(0))}
	}
	raw, err := readMessage(io.Stdin)
	if err != nil {
		return err
	}
	log, err := lg.set(lf, io.Stderr)
	if err != nil {
		return err
	}
	s, t, a, err := openTenantApp(ctx, *db, *slug, log)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := a.ReceiveMail(ctx, systemCaller(t.ID, env), raw)
	if err != nil {
		return fail("cannot take the message", err)
	}
	m := res.Message
	if res.Repeat {
		fmt.Fprintf(io.Stdout, "Message %s was received before (inbound message %d); nothing done again.\n", m.MessageID, m.ID)
		return nil
	}
	fmt.Fprintf(io.Stdout, "Inbound message %d (%s) from %s: %s\n", m.ID, m.Kind, orNone(m.From), m.Outcome)
	return nil
}

// readMessage reads standard input up to just past the handler's limit
// (the handler refuses a larger message).
func readMessage(r io.Reader) ([]byte, error) {
	if r == nil {
		return nil, usageError{"the message is read from standard input: itinera inbound … < message.eml"}
	}
	raw, err := io.ReadAll(io.LimitReader(r, inbound.MaxBytes+1))
	if err != nil {
		return nil, fail("cannot read the message from standard input", err)
	}
	return raw, nil
}

func orNone(s string) string {
	if s == "" {
		return "(no sender)"
	}
	return s
}

// runInboundPoll is `itinera inbound poll`: one pass over the
// organization's IMAP mailbox (Admin › Settings › Mailbox), as the server
// does continuously — for cron, or to try the settings. Every new message
// goes to the same handler; the position in the mailbox is shared with
// the server's poller, so no message is taken twice. Exit code 0 when the
// mailbox was read, 1 when it could not be (the reason in plain words).
func runInboundPoll(ctx context.Context, args []string, env Env, io IO, lg *logs) error {
	fs := newFlags("inbound poll", "inbound poll --database URL --tenant SLUG", io)
	db := databaseFlag(fs, env)
	slug := fs.String("tenant", "", "the slug of the organization whose mailbox is read (required)")
	var lf logFlags
	lf.register(fs, env)
	if err := parse(fs, args, io); err != nil {
		return err
	}
	if *slug == "" {
		return usageError{"--tenant is required"}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	log, err := lg.set(lf, io.Stderr)
	if err != nil {
		return err
	}
	s, t, a, err := openTenantApp(ctx, *db, *slug, log)
	if err != nil {
		return err
	}
	defer s.Close()
	p := mailbox.New(a, mailbox.Config{Logger: log, Password: func(slug string) string { return env(mailbox.EnvPassword(slug)) }})
	sum, err := p.PollOnce(ctx, t.ID)
	if err != nil {
		if itinera.ErrorCode(err) == itinera.ENOTFOUND {
			return err
		}
		st, serr := s.MailboxState(ctx, t.ID)
		if serr == nil && st.LastError != "" {
			// The reason in plain words is the administrator's to read
			// (the log has the cause).
			log.Warn("inbound poll", "err", err)
			return fail("cannot read the mailbox", itinera.Errorf(itinera.ECONFLICT, "%s", st.LastError))
		}
		return fail("cannot read the mailbox", err)
	}
	fmt.Fprintf(io.Stdout, "Read the mailbox: %d new message(s) taken, %d received before, %d not taken.\n", sum.Taken, sum.Repeats, sum.Problems)
	if sum.Problems > 0 {
		fmt.Fprintln(io.Stdout, "The messages not taken are listed in Admin › Settings › Mailbox; failing ones are tried again at the next pass.")
	}
	return nil
}
