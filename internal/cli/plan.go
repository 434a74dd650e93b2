package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/planning"
	"itinera/internal/store"
)

func runPlan(ctx context.Context, args []string, env Env, io IO, lg *logs) error {
	fs := newFlags("plan", "plan --database URL --program ID [--tenant SLUG] [--apply | --apply-subgroups YYYY-MM-DD]", io)
	db := databaseFlag(fs, env)
	programID := fs.Int64("program", 0, "the program's id (shown in its web address)")
	slug := fs.String("tenant", "", "the organization's slug; needed only when several organizations share the database")
	apply := fs.Bool("apply", false, "save the proposal as the program's next itinerary version (for the whole delegation: this also undoes applied sub-groups)")
	applyGroups := fs.String("apply-subgroups", "", "make this day's sub-groups (YYYY-MM-DD, a day the proposal splits) the itinerary's, as its next version")
	var lf logFlags
	lf.register(fs, env)
	if err := parse(fs, args, io); err != nil {
		return err
	}
	if *programID <= 0 {
		return usageError{"--program is required"}
	}
	var groupDay itinera.Date
	if *applyGroups != "" {
		if *apply {
			return usageError{"give --apply or --apply-subgroups, not both"}
		}
		d, err := itinera.ParseDate(*applyGroups)
		if err != nil {
			return usageError{"--apply-subgroups: " + err.Error()}
		}
		groupDay = d
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
	a, err := newApp(s, nil)
	if err != nil {
		return err
	}
	c := systemCaller(tenantID, env)
	pl, err := a.Propose(ctx, c, *programID, nil)
	if err != nil {
		return fail("cannot read the program", err)
	}
	printProposal(io.Stdout, pl.Input, pl.Proposal)
	groups, err := a.PlanSubgroups(ctx, c, *programID)
	switch {
	case itinera.ErrorCode(err) == itinera.EINVALID:
		fmt.Fprintf(io.Stdout, "\nSub-groups: %s\n", itinera.ErrorMessage(err))
	case err != nil:
		return fail("cannot plan the sub-groups", err)
	default:
		printSubgroups(io.Stdout, pl.Input.Program.Location(), groups)
	}
	if !groupDay.IsZero() {
		if groups == nil {
			return itinera.Errorf(itinera.EINVALID, "not applied: there are no sub-groups to apply (see above)")
		}
		// The same workflow as the web page and the API.
		out, err := a.ApplySubgroups(ctx, c, *programID, groupDay, groups.Digest)
		if err != nil {
			return fail("cannot apply the sub-groups", err)
		}
		fmt.Fprintf(io.Stdout, "\nApplied the sub-groups of %s: saved as itinerary version %d. To undo, build the itinerary again with --apply.\n",
			groupDay.In(pl.Input.Program.Location()).Format("Monday 2 January"), out.Itinerary.Version)
		return nil
	}
	if !*apply {
		fmt.Fprintln(io.Stdout, "\nNothing was saved; add --apply to save this as the next itinerary version, or --apply-subgroups DATE to apply a split day's sub-groups.")
		return nil
	}
	if !pl.Proposal.Complete {
		return itinera.Errorf(itinera.ECONFLICT, "not applied: a mandatory item does not fit (see above)")
	}
	// The same workflow as the web page and the API: resources of confirmed
	// meetings that move get an updated invitation in the same transaction.
	out, err := a.ApplyPlan(ctx, c, *programID, nil, pl.Digest)
	if err != nil {
		return fail("cannot save the itinerary", err)
	}
	fmt.Fprintf(io.Stdout, "\nSaved as itinerary version %d.\n", out.Itinerary.Version)
	return nil
}

// newApp is the application layer on the store, for the commands.
func newApp(s *store.Store, log *slog.Logger) (*app.App, error) {
	return app.New(app.Config{Store: s.Services(), Tx: s, Logger: log})
}

// systemCaller acts for the command line in a tenant: an administrator
// without an account; its e-mails come from the organization's sender or
// first administrator, and their links point to ITINERA_BASE_URL.
func systemCaller(tenantID int64, env Env) app.Caller {
	return app.Caller{User: itinera.User{TenantID: tenantID, Role: itinera.RoleAdmin, Name: "Itinera (command line)"},
		Site: env("ITINERA_BASE_URL")}
}

// programTenant finds the tenant a program belongs to: the one named by
// slug, or the only tenant that has the program.
func programTenant(ctx context.Context, s interface {
	TenantBySlug(context.Context, string) (itinera.Tenant, error)
	ProgramTenant(context.Context, int64) (int64, error)
}, slug string, programID int64) (int64, error) {
	if slug != "" {
		t, err := tenantBySlug(ctx, s, slug)
		return t.ID, err
	}
	id, err := s.ProgramTenant(ctx, programID)
	switch itinera.ErrorCode(err) {
	case "":
		return id, nil
	case itinera.ENOTFOUND:
		return 0, itinera.Errorf(itinera.ENOTFOUND, "no program has the id %d", programID)
	}
	return 0, fail("cannot find the program", err)
}

// tenantBySlug finds the organization named on the command line.
func tenantBySlug(ctx context.Context, s interface {
	TenantBySlug(context.Context, string) (itinera.Tenant, error)
}, slug string) (itinera.Tenant, error) {
	t, err := s.TenantBySlug(ctx, slug)
	switch itinera.ErrorCode(err) {
	case "":
		return t, nil
	case itinera.ENOTFOUND:
		return t, itinera.Errorf(itinera.ENOTFOUND, "no organization has the slug %q", slug)
	}
	return t, fail("cannot find the organization", err)
}

// printProposal writes the proposal as plain text, a day a block.
func printProposal(w io.Writer, in planning.Input, p *planning.Proposal) {
	loc := in.Program.Location()
	added, moved, dropped := p.Counts()
	fmt.Fprintf(w, "%s (%s, local times %s)\n", in.Program.Title, in.Program.City, in.Program.TimeZone)
	fmt.Fprintf(w, "Value %d (current %d) · travel %d min (current %d) · %d added, %d moved, %d dropped · %s\n",
		p.Value, p.CurrentValue, p.TravelMinutes, p.CurrentTravelMinutes, added, moved, dropped, p.Elapsed.Round(time.Millisecond))
	for _, d := range p.Days {
		fmt.Fprintf(w, "\n%s\n", d.Date.In(loc).Format("Monday 2 January 2006"))
		if len(d.Items) == 0 {
			fmt.Fprintln(w, "  nothing scheduled")
		}
		for _, it := range d.Items {
			note := string(it.Change)
			if it.Was != nil {
				note += ", was " + it.Was.Start.In(loc).Format("Mon 15:04")
			}
			if it.Pinned {
				note += ", pinned"
			}
			fmt.Fprintf(w, "  %s–%s  %s [%s]\n", it.Start.In(loc).Format("15:04"), it.End.In(loc).Format("15:04"), it.Title, note)
			switch {
			case it.PlaceName != "" && it.TravelMinutes > 0:
				fmt.Fprintf(w, "               at %s, %d min travel before\n", it.PlaceName, it.TravelMinutes)
			case it.PlaceName != "":
				fmt.Fprintf(w, "               at %s\n", it.PlaceName)
			}
		}
		if d.Lunch != nil {
			fmt.Fprintf(w, "  lunch %s–%s\n", d.Lunch.Start.In(loc).Format("15:04"), d.Lunch.End.In(loc).Format("15:04"))
		}
	}
	if len(p.LeftOut) > 0 {
		fmt.Fprintln(w, "\nLeft out:")
		for _, l := range p.LeftOut {
			var tags []string
			if l.Mandatory {
				tags = append(tags, "MANDATORY")
			}
			if l.Dropped {
				tags = append(tags, "dropped")
			}
			tag := ""
			if len(tags) > 0 {
				tag = " [" + strings.Join(tags, ", ") + "]"
			}
			fmt.Fprintf(w, "  - %s%s: %s\n", l.Title, tag, l.Explanation)
		}
	}
}

// printSubgroups writes the sub-group planner's proposal: each day's
// stretches, who goes with which group and interpreter, what each group
// attends, and the planner's explanations.
func printSubgroups(w io.Writer, loc *time.Location, p *planning.SubgroupPlan) {
	clock := func(t time.Time) string { return t.In(loc).Format("15:04") }
	fmt.Fprintf(w, "\nSub-groups (proposed; --apply-subgroups DATE makes a split day's the itinerary): value %d (attended %d, split cost %d) · the delegation splits on %d day(s)\n",
		p.Value, p.Attended, p.SplitCost, p.SplitDays())
	for _, d := range p.Days {
		fmt.Fprintf(w, "\n%s\n", d.Date.In(loc).Format("Monday 2 January 2006"))
		for _, s := range d.Stretches {
			if s.Split() {
				// The groups' explanations together make the stretch's.
				fmt.Fprintf(w, "  %s %s–%s: the delegation splits into %d groups.\n", s.Label, clock(s.From), clock(s.To), len(s.Groups))
			} else {
				fmt.Fprintf(w, "  %s %s–%s: %s\n", s.Label, clock(s.From), clock(s.To), s.Explanation)
			}
			for k, g := range s.Groups {
				var names, interps []string
				for _, v := range g.Visitors {
					names = append(names, v.Name)
				}
				for _, i := range g.Interpreters {
					interps = append(interps, i.Name)
				}
				if s.Split() {
					with := ""
					if len(interps) > 0 {
						with = ", with " + strings.Join(interps, ", ")
					}
					fmt.Fprintf(w, "    Group %d (%d): %s%s\n", k+1, len(names), strings.Join(names, ", "), with)
				}
				for _, it := range g.Items {
					at := ""
					if it.PlaceName != "" {
						at = " at " + it.PlaceName
					}
					fmt.Fprintf(w, "      %s–%s  %s%s\n", clock(it.Start), clock(it.End), it.Title, at)
				}
				if s.Split() && g.Explanation != "" {
					fmt.Fprintf(w, "      Why: %s\n", g.Explanation)
				}
			}
		}
	}
	if len(p.LeftOut) > 0 {
		fmt.Fprintln(w, "\nNobody attends:")
		for _, l := range p.LeftOut {
			tag := ""
			if l.Mandatory {
				tag = " [MANDATORY]"
			}
			fmt.Fprintf(w, "  - %s%s: %s\n", l.Title, tag, l.Explanation)
		}
	}
}
