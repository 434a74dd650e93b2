package cli

import (
	"context"
	"fmt"
	"strconv"
	"text/tabwriter"

	"itinera"
)

// runOutbox is `itinera outbox list|show|retry`: the administrator's view
// of an organization's outgoing e-mail.
func runOutbox(ctx context.Context, args []string, env Env, io IO, lg *logs) error {
	const synopsis = "outbox list|show ID|retry ID --database URL --tenant SLUG [--status S] [--limit N]"
	if len(args) == 0 {
		return usageError{"use: itinera " + synopsis}
	}
	sub := args[0]
	switch sub {
	case "-h", "--help", "help":
		fmt.Fprintln(io.Stdout, "Usage: itinera "+synopsis)
		return nil
	case "list", "show", "retry":
	default:
		return usageError{fmt.Sprintf("unknown outbox command %q; use list, show or retry", sub)}
	}
	fs := newFlags("outbox "+sub, synopsis, io)
	db := databaseFlag(fs, env)
	slug := fs.String("tenant", "", "the organization's slug")
	status := fs.String("status", "", "list only messages with this status: queued, sending, sent or failed")
	limit := fs.Int("limit", 50, "list at most this many messages, newest first")
	var lf logFlags
	lf.register(fs, env)
	if err := parse(fs, args[1:], io); err != nil {
		return err
	}
	if *slug == "" {
		return usageError{"--tenant is required"}
	}
	var id int64
	if sub != "list" {
		if fs.NArg() != 1 {
			return usageError{fmt.Sprintf("outbox %s needs the message's id", sub)}
		}
		n, err := strconv.ParseInt(fs.Arg(0), 10, 64)
		if err != nil || n <= 0 {
			return usageError{fmt.Sprintf("%q is not a message id", fs.Arg(0))}
		}
		id = n
	} else if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	st, err := itinera.ParseOutboxStatus(*status)
	if err != nil {
		return usageError{"--status: use queued, sending, sent or failed"}
	}
	log, err := lg.set(lf, io.Stderr)
	if err != nil {
		return err
	}
	s, err := openCurrentStore(ctx, *db, log)
	if err != nil {
		return err
	}
	defer s.Close()
	t, err := tenantBySlug(ctx, s, *slug)
	if err != nil {
		return err
	}
	switch sub {
	case "list":
		msgs, err := s.OutboxMessages(ctx, t.ID, itinera.OutboxFilter{Status: st, Limit: *limit})
		if err != nil {
			return fail("cannot list the messages", err)
		}
		if len(msgs) == 0 {
			fmt.Fprintln(io.Stdout, "No messages.")
			return nil
		}
		w := tabwriter.NewWriter(io.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tSTATUS\tQUEUED (UTC)\tTO\tSUBJECT")
		for _, m := range msgs {
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", m.ID, m.Status, m.CreatedAt.UTC().Format("2006-01-02 15:04"), m.To, m.Subject)
		}
		return w.Flush()
	case "show":
		m, err := s.OutboxMessage(ctx, t.ID, id)
		if err != nil {
			return fail("cannot read the message", err)
		}
		fmt.Fprintf(io.Stdout, "Message-ID: %s\nTo: %s\nSubject: %s\nStatus: %s (%d attempts)\n", m.MessageID, m.To, m.Subject, m.Status, m.Attempts)
		if m.LastError != "" {
			fmt.Fprintf(io.Stdout, "Last problem: %s\n", m.LastError)
		}
		fmt.Fprintf(io.Stdout, "\n%s\n", m.TextBody)
		if m.Calendar != "" {
			fmt.Fprintf(io.Stdout, "\n--- calendar (%s) ---\n%s", m.CalendarMethod, m.Calendar)
		}
		return nil
	default:
		a, err := newApp(s, log)
		if err != nil {
			return err
		}
		if _, err := a.RetryOutboxMessage(ctx, systemCaller(t.ID, env), id); err != nil {
			return fail("cannot queue the message again", err)
		}
		fmt.Fprintf(io.Stdout, "Message %d is queued again.\n", id)
		return nil
	}
}
