package cli

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"text/tabwriter"

	"itinera/internal/projectfile"
)

// runProjectPackage is `itinera project package …` and `itinera project
// keys …`: project packages across installations (docs/project-package.md),
// the same workflows as /api/v1/packages and /api/v1/keys.
func runProjectPackage(ctx context.Context, group string, args []string, env Env, io IO, lg *logs) error {
	const synopsis = `project package export|import|return|import-return … and project keys show|trust|revoke … --database URL --tenant SLUG
  project package export [--out FILE] STOP-ID   the agency's signed stop package of one of its stops
  project package import FILE                   the city imports a stop package: its program is made
  project package return [--out FILE] PROGRAM-ID the city's signed return package of a program it imported
  project package import-return FILE            the agency records a city's return package against the stop
  project keys show                             the organization's public key and fingerprint, and the keys it trusts
  project keys trust --name NAME KEY-FILE       trust a partner's public key (PEM or one line of base64), its fingerprint
                                                compared with the partner by telephone first
  project keys revoke TRUSTED-KEY-ID            stop trusting a key
Flags come before the ids and files: itinera project package export --tenant agency --out stop.json 12`
	if len(args) == 0 {
		return usageError{"use: itinera " + synopsis}
	}
	sub := args[0]
	cmds := map[string]map[string]int{
		"package": {"export": 1, "import": 1, "return": 1, "import-return": 1},
		"keys":    {"show": 0, "trust": 1, "revoke": 1},
	}[group]
	if sub == "-h" || sub == "--help" || sub == "help" {
		fmt.Fprintln(io.Stdout, "Usage: itinera "+synopsis)
		return nil
	}
	want, ok := cmds[sub]
	if !ok {
		return usageError{fmt.Sprintf("unknown project %s command %q; see itinera project %s --help", group, sub, group)}
	}
	fs := newFlags("project "+group+" "+sub, synopsis, io)
	db := databaseFlag(fs, env)
	slug := fs.String("tenant", "", "the organization's slug (required)")
	out := fs.String("out", "", "export, return: the file to write (default: standard output)")
	name := fs.String("name", "", "trust: whose key it is (the partner organization)")
	var lf logFlags
	lf.register(fs, env)
	if err := parse(fs, args[1:], io); err != nil {
		return err
	}
	if *slug == "" {
		return usageError{"--tenant is required"}
	}
	if fs.NArg() != want {
		return usageError{fmt.Sprintf("project %s %s takes %d argument(s)", group, sub, want)}
	}
	var id int64
	var data []byte
	switch sub {
	case "export", "return", "revoke":
		n, err := strconv.ParseInt(fs.Arg(0), 10, 64)
		if err != nil || n <= 0 {
			return usageError{fmt.Sprintf("%q is not an id", fs.Arg(0))}
		}
		id = n
	case "import", "import-return", "trust":
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return fail("cannot read the file", err)
		}
		data, err = projectfile.Read(f)
		f.Close()
		if err != nil {
			return fail("cannot read the file", err)
		}
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
	save := func(b []byte, what string) error {
		if *out == "" {
			_, err := w.Write(b)
			return err
		}
		if err := os.WriteFile(*out, b, 0o600); err != nil {
			return fail("cannot write "+*out, err)
		}
		fmt.Fprintf(io.Stderr, "The %s is in %s.\n", what, *out)
		return nil
	}
	switch sub {
	case "export":
		b, err := a.ExportStopPackage(ctx, c, 0, id)
		if err != nil {
			return fail("cannot export the stop package", err)
		}
		return save(b, "stop package")
	case "return":
		b, err := a.ExportReturnPackage(ctx, c, id)
		if err != nil {
			return fail("cannot export the return package", err)
		}
		return save(b, "return package")
	case "import":
		got, err := a.ImportStopPackage(ctx, c, data)
		if err != nil {
			return fail("cannot import the stop package", err)
		}
		fmt.Fprintf(w, "Stop %d (%s) of %s, from %s: program %d is in your workspace (%d visitors, %d interpreters and escorts).\n",
			got.Stop.Number, got.Stop.City, got.Project.Title, got.Package.Issuer, got.Program.ID, got.Created["visitors"], got.Created["interpreters"])
	case "import-return":
		r, err := a.ImportReturnPackage(ctx, c, data)
		if err != nil {
			return fail("cannot import the return package", err)
		}
		fmt.Fprintf(w, "Return from %s recorded against stop %d: release %d (itinerary version %d, %d items), %d meetings (%d confirmed), %d feedback roles, %d collaborations.\n",
			r.Issuer, r.StopID, r.Release, r.ItineraryVersion, r.Items, r.Meetings, r.Confirmed, len(r.Feedback), r.Collaborations)
	case "show":
		k, err := a.MyPublicKey(ctx, c)
		if err != nil {
			return fail("cannot read the key", err)
		}
		fmt.Fprintf(w, "Your public key (give it to your partners): %s\nFingerprint (read it to them by telephone): %s\n%s", k.PublicKey, k.Fingerprint, k.PEM)
		ts, err := a.TrustedKeys(ctx, c)
		if err != nil {
			return fail("cannot list the trusted keys", err)
		}
		if len(ts) == 0 {
			fmt.Fprintln(w, "You trust no partner's key yet.")
			return nil
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tFINGERPRINT\tSTATE")
		for _, x := range ts {
			state := "trusted"
			if !x.Live() {
				state = "revoked " + x.RevokedAt.UTC().Format("2006-01-02")
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", x.ID, x.Name, projectfile.FormatKeyID(x.KeyID), state)
		}
		tw.Flush()
	case "trust":
		k, err := a.TrustKey(ctx, c, *name, string(data))
		if err != nil {
			return fail("cannot trust the key", err)
		}
		fmt.Fprintf(w, "Trusted key %d: %s's, fingerprint %s.\n", k.ID, k.Name, projectfile.FormatKeyID(k.KeyID))
	case "revoke":
		k, err := a.RevokeTrustedKey(ctx, c, id)
		if err != nil {
			return fail("cannot revoke the key", err)
		}
		fmt.Fprintf(w, "Key %d (%s's, %s) revoked: packages signed with it are refused.\n", k.ID, k.Name, projectfile.FormatKeyID(k.KeyID))
	}
	return nil
}
