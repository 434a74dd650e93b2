package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"itinera"
	"itinera/internal/app"
)

// runProject is `itinera project …`: multi-city projects from the command
// line (docs/projects.md), the same workflows as the web pages and
// /api/v1/projects, acting as the organization --tenant names.
func runProject(ctx context.Context, args []string, env Env, io IO, lg *logs) error {
	const synopsis = `project list|show|create|accept|grants|grant|revoke|withdraw … --database URL --tenant SLUG
  project list                          the organization's projects (an agency's, or those it has a stop in)
  project show PROJECT-ID               the project as the organization sees it: stops, route problems, roster
  project create --file FILE.json       an agency creates a project (the body of POST /api/v1/projects)
  project accept STOP-ID                the stop's organization accepts it: its program is created
  project grants PROJECT-ID             the grants the organization is party to
  project grant STOP-ID --scope roster|program [--until RFC3339]
  project revoke GRANT-ID               access ends at once
  project withdraw PROJECT-ID MEMBER-ID a person leaves the roster; every stop is told
  project package export|import|return|import-return …, project keys show|trust|revoke …
                                        packages across installations (itinera project package --help)
Flags come before the ids: itinera project accept --tenant stl 12`
	if len(args) == 0 {
		return usageError{"use: itinera " + synopsis}
	}
	sub := args[0]
	switch sub {
	case "-h", "--help", "help":
		fmt.Fprintln(io.Stdout, "Usage: itinera "+synopsis)
		return nil
	case "list", "show", "create", "accept", "grants", "grant", "revoke", "withdraw":
	case "package", "keys":
		return runProjectPackage(ctx, sub, args[1:], env, io, lg)
	default:
		return usageError{fmt.Sprintf("unknown project command %q; use list, show, create, accept, grants, grant, revoke, withdraw, package or keys", sub)}
	}
	fs := newFlags("project "+sub, synopsis, io)
	db := databaseFlag(fs, env)
	slug := fs.String("tenant", "", "the organization's slug (required)")
	file := fs.String("file", "", "create: the project as JSON")
	scope := fs.String("scope", "", "grant: roster (the agency's) or program (the stop organization's)")
	until := fs.String("until", "", "grant: when it ends, RFC 3339 (default: the roster until the stop's last day plus the retention, the program until revoked)")
	var lf logFlags
	lf.register(fs, env)
	if err := parse(fs, args[1:], io); err != nil {
		return err
	}
	if *slug == "" {
		return usageError{"--tenant is required"}
	}
	want := map[string]int{"list": 0, "create": 0, "show": 1, "accept": 1, "grants": 1, "grant": 1, "revoke": 1, "withdraw": 2}[sub]
	if fs.NArg() != want {
		return usageError{fmt.Sprintf("project %s takes %d id(s)", sub, want)}
	}
	ids := make([]int64, fs.NArg())
	for i, a := range fs.Args() {
		n, err := strconv.ParseInt(a, 10, 64)
		if err != nil || n <= 0 {
			return usageError{fmt.Sprintf("%q is not an id", a)}
		}
		ids[i] = n
	}
	if sub == "create" && *file == "" {
		return usageError{"project create needs --file"}
	}
	var untilAt time.Time
	if *until != "" {
		t, err := time.Parse(time.RFC3339, *until)
		if err != nil {
			return usageError{"--until: give a date and time with offset, such as 2027-01-08T00:00:00-06:00"}
		}
		untilAt = t
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
	w := io.Stdout
	switch sub {
	case "list":
		ps, err := a.Projects(ctx, c)
		if err != nil {
			return fail("cannot list the projects", err)
		}
		if len(ps) == 0 {
			fmt.Fprintln(w, "No projects.")
		}
		for _, p := range ps {
			fmt.Fprintf(w, "%d\t%s (%s)\n", p.ID, p.Title, p.Agency)
			for _, st := range p.Stops {
				fmt.Fprintf(w, "\tstop %d: %s, %s to %s, %s, %s%s\n", st.ID, st.City, st.StartDate, st.EndDate, st.OrganizationSlug, st.Status,
					programText(st.ProgramID))
			}
		}
	case "show":
		v, err := a.ProjectView(ctx, c, ids[0])
		if err != nil {
			return fail("cannot read the project", err)
		}
		printProject(w, v)
	case "create":
		in, err := readProjectFile(*file)
		if err != nil {
			return err
		}
		v, err := a.CreateProject(ctx, c, in)
		if err != nil {
			return fail("cannot create the project", err)
		}
		fmt.Fprintf(w, "Project %d created; each stop is proposed to its organization.\n", v.Project.ID)
		printProject(w, v)
	case "accept":
		st, err := a.AcceptStop(ctx, c, ids[0])
		if err != nil {
			return fail("cannot accept the stop", err)
		}
		fmt.Fprintf(w, "Stop %d (%s) accepted: program %d is in your workspace.\n", st.ID, st.City, st.ProgramID)
	case "grants":
		gs, err := a.ProjectGrants(ctx, c, ids[0])
		if err != nil {
			return fail("cannot list the grants", err)
		}
		printGrants(w, gs)
	case "grant":
		g, err := a.GrantAccess(ctx, c, ids[0], itinera.GrantScope(*scope), untilAt)
		if err != nil {
			return fail("cannot grant access", err)
		}
		printGrants(w, []itinera.ProjectGrant{g})
	case "revoke":
		g, err := a.RevokeGrant(ctx, c, ids[0])
		if err != nil {
			return fail("cannot revoke the grant", err)
		}
		fmt.Fprintf(w, "Grant %d revoked: %s no longer reads the %s.\n", g.ID, g.GranteeName, g.Scope)
	case "withdraw":
		m, err := a.WithdrawRosterMember(ctx, c, ids[0], ids[1])
		if err != nil {
			return fail("cannot withdraw the person", err)
		}
		fmt.Fprintf(w, "%s withdrew; the stops sharing the roster are told.\n", m.Name())
	}
	return nil
}

func programText(id int64) string {
	if id == 0 {
		return ""
	}
	return ", program " + strconv.FormatInt(id, 10)
}

func printProject(w interface{ Write([]byte) (int, error) }, v app.ProjectView) {
	fmt.Fprintf(w, "%s — by %s\n", v.Project.Title, v.Agency)
	if v.SeesRoster && len(v.Project.Objectives) > 0 {
		fmt.Fprintf(w, "Objectives: %s\n", strings.Join(v.Project.Objectives, "; "))
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STOP\tCITY\tDATES\tORGANIZATION\tSTATUS\tARRIVAL")
	for _, sv := range v.Stops {
		st := sv.Stop
		arr := "no times yet"
		if !st.ArrivesAt.IsZero() {
			arr = string(st.ArrivalMode) + " " + st.ArrivalRef + " arrives " + st.ArrivesAt.In(st.Location()).Format("Mon 2 Jan 15:04 MST")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s to %s\t%s\t%s%s\t%s\n", st.ID, st.City, st.StartDate, st.EndDate, st.OrganizationSlug, st.Status,
			programText(st.ProgramID), arr)
	}
	tw.Flush()
	for _, p := range v.Problems {
		fmt.Fprintf(w, "Route: %s\n", p.Text)
	}
	if v.SeesRoster {
		fmt.Fprintf(w, "Roster (%d):\n", len(v.Roster))
		for _, m := range v.Roster {
			state := ""
			if m.Withdrawn {
				state = " — withdrawn"
			}
			fmt.Fprintf(w, "  %d\t%s (%s) %s%s\n", m.ID, m.Name(), m.Role, m.Country, state)
		}
	}
}

func printGrants(w interface{ Write([]byte) (int, error) }, gs []itinera.ProjectGrant) {
	if len(gs) == 0 {
		fmt.Fprintln(w, "No grants.")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "GRANT\tSTOP\tSCOPE\tGRANTEE\tGRANTOR\tSINCE\tUNTIL\tSTATE")
	now := time.Now()
	for _, g := range gs {
		until := "until revoked"
		if !g.Until.IsZero() {
			until = g.Until.UTC().Format("2006-01-02 15:04 UTC")
		}
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", g.ID, g.StopID, g.Scope, g.GranteeName, g.GrantorName,
			g.Since.UTC().Format("2006-01-02 15:04 UTC"), until, g.State(now))
	}
	tw.Flush()
}

// readProjectFile reads a new project's JSON (app.ProjectDocument, the
// body of POST /api/v1/projects).
func readProjectFile(path string) (app.ProjectInput, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return app.ProjectInput{}, fail("cannot read the project file", err)
	}
	var d app.ProjectDocument
	if err := json.Unmarshal(b, &d); err != nil {
		return app.ProjectInput{}, itinera.Errorf(itinera.EINVALID, "%s is not a project file: %v", path, err)
	}
	return d.Input()
}
