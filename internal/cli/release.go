package cli

import (
	"context"
	"fmt"
	"strings"

	"itinera/internal/app"
)

// runRelease is `itinera release`: what releasing the program's current
// itinerary would tell whom (--dry-run), or the release itself.
func runRelease(ctx context.Context, args []string, env Env, io IO, lg *logs) error {
	fs := newFlags("release", "release --database URL --program ID [--tenant SLUG] [--dry-run] [--hold KEY,…] [--note TEXT]", io)
	db := databaseFlag(fs, env)
	programID := fs.Int64("program", 0, "the program's id (shown in its web address)")
	slug := fs.String("tenant", "", "the organization's slug; needed only when several organizations share the database")
	dry := fs.Bool("dry-run", false, "only say what would be sent, to whom")
	hold := fs.String("hold", "", "comma-separated keys (as --dry-run lists them, e.g. visitor-12) of people not to tell now")
	note := fs.String("note", "", "a few words added to every message")
	chromium := fs.String("chromium", env("ITINERA_CHROMIUM"), "headless Chromium to attach each person's book as PDF (ITINERA_CHROMIUM); none: without books")
	var lf logFlags
	lf.register(fs, env)
	if err := parse(fs, args, io); err != nil {
		return err
	}
	if *programID <= 0 {
		return usageError{"--program is required"}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
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
	tenantID, err := programTenant(ctx, s, *slug, *programID)
	if err != nil {
		return err
	}
	cfg := app.Config{Store: s.Services(), Tx: s, Logger: log}
	if !*dry {
		p, err := openPrinter(*chromium)
		if err != nil {
			return usageError{"--chromium (ITINERA_CHROMIUM): " + err.Error()}
		}
		if p != nil {
			defer p.Close()
			cfg.Printer = p
		}
	}
	a, err := app.New(cfg)
	if err != nil {
		return err
	}
	caller := systemCaller(tenantID, env)
	if *dry {
		pl, err := a.PlanRelease(ctx, caller, *programID)
		if err != nil {
			return fail("cannot plan the release", err)
		}
		fmt.Fprintf(io.Stdout, "Releasing itinerary version %d would tell:\n", pl.Version)
		for _, p := range pl.People {
			switch {
			case len(p.Changes) == 0:
				fmt.Fprintf(io.Stdout, "  %s (%s): nothing changed\n", p.Name, p.Key())
			case p.Skip != "":
				fmt.Fprintf(io.Stdout, "  %s (%s) — %s:\n", p.Name, p.Key(), p.Skip)
				for _, ch := range p.Changes {
					fmt.Fprintf(io.Stdout, "    - %s\n", ch)
				}
			default:
				fmt.Fprintf(io.Stdout, "  %s (%s):\n", p.Name, p.Key())
				for _, ch := range p.Changes {
					fmt.Fprintf(io.Stdout, "    - %s\n", ch)
				}
			}
		}
		if pl.Why != "" {
			fmt.Fprintf(io.Stdout, "Nothing can be released: %s\n", pl.Why)
		}
		return nil
	}
	o := app.ReleaseOptions{Hold: map[string]bool{}, Note: *note}
	for _, k := range strings.Split(*hold, ",") {
		if k = strings.TrimSpace(k); k != "" {
			o.Hold[k] = true
		}
	}
	out, err := a.Release(ctx, caller, *programID, o)
	if err != nil {
		return fail("cannot release", err)
	}
	fmt.Fprintf(io.Stdout, "Itinerary version %d is release %d: %d message(s) queued, %d held back, %d unchanged.\n",
		out.Release.ItineraryVersion, out.Release.Version, out.Queued, out.Held, out.Unchanged)
	return nil
}
