package cli

import (
	"context"
	"fmt"
	"strconv"
)

// runCounter is `itinera counter accept|decline ID`: the officer's answer
// to a time a resource proposed from their calendar application (an iMIP
// COUNTER kept on request ID) — the same workflows as the request page
// and POST /api/v1/requests/{id}/accept-counter and …/decline-counter.
func runCounter(ctx context.Context, args []string, env Env, io IO, lg *logs) error {
	const synopsis = "counter accept|decline REQUEST-ID --database URL --tenant SLUG [--comment TEXT]"
	if len(args) == 0 {
		return usageError{"use: itinera " + synopsis}
	}
	sub := args[0]
	switch sub {
	case "-h", "--help", "help":
		fmt.Fprintln(io.Stdout, "Usage: itinera "+synopsis)
		return nil
	case "accept", "decline":
	default:
		return usageError{fmt.Sprintf("unknown counter command %q; use accept or decline", sub)}
	}
	fs := newFlags("counter "+sub, synopsis, io)
	db := databaseFlag(fs, env)
	slug := fs.String("tenant", "", "the organization's slug (required)")
	comment := fs.String("comment", "", "decline: your words to the resource, sent with the DECLINECOUNTER")
	var lf logFlags
	lf.register(fs, env)
	if err := parse(fs, args[1:], io); err != nil {
		return err
	}
	if *slug == "" {
		return usageError{"--tenant is required"}
	}
	if fs.NArg() != 1 {
		return usageError{fmt.Sprintf("counter %s needs the request's id", sub)}
	}
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if err != nil || id <= 0 {
		return usageError{fmt.Sprintf("%q is not a request id", fs.Arg(0))}
	}
	if sub == "accept" && *comment != "" {
		return usageError{"--comment goes with decline"}
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
	c := systemCaller(t.ID, env)
	if sub == "accept" {
		rq, err := a.AcceptCounter(ctx, c, id)
		if err != nil {
			return fail("cannot accept the new time", err)
		}
		p, err := s.Program(ctx, t.ID, rq.ProgramID)
		if err != nil {
			return err
		}
		fmt.Fprintf(io.Stdout, "Request %d: the meeting moved to %s; %s is sent the updated invitation.\n", rq.ID,
			rq.Confirmed.Label(p.Location()), rq.ContactName)
		return nil
	}
	rq, err := a.DeclineCounter(ctx, c, id, *comment)
	if err != nil {
		return fail("cannot decline the new time", err)
	}
	fmt.Fprintf(io.Stdout, "Request %d: the new time is declined; %s is told the meeting stays at its time.\n", rq.ID, rq.ContactName)
	return nil
}
