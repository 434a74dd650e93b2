package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"itinera"
)

func runUser(ctx context.Context, args []string, env Env, io IO, lg *logs) error {
	if len(args) == 0 || args[0] != "add" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			fmt.Fprintln(io.Stdout, "Usage: itinera user add --database URL --tenant SLUG --email E --role admin|officer|viewer")
			return nil
		}
		return usageError{"use: itinera user add --database URL --tenant SLUG --email E --role admin|officer|viewer"}
	}
	fs := newFlags("user add", "user add --database URL --tenant SLUG --email E --role admin|officer|viewer [--name N] [--password-stdin]", io)
	db := databaseFlag(fs, env)
	slug := fs.String("tenant", "", "the organization's short name (slug), e.g. stl-global")
	tenantName := fs.String("tenant-name", "", "create the organization with this name if the slug does not exist yet")
	zone := fs.String("time-zone", "America/Chicago", "time zone of a new organization")
	kind := fs.String("tenant-kind", "community", "kind of a new organization: community, or agency (a national program agency, which designs multi-city projects)")
	email := fs.String("email", "", "the user's e-mail address (their sign-in name)")
	role := fs.String("role", "", "admin, officer or viewer")
	name := fs.String("name", "", "the user's full name")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input instead of generating one")
	var lf logFlags
	lf.register(fs, env)
	if err := parse(fs, args[1:], io); err != nil {
		return err
	}
	log, err := lg.set(lf, io.Stderr)
	if err != nil {
		return err
	}
	r, err := itinera.ParseRole(*role)
	if err != nil {
		return usageError{"--role: use admin, officer or viewer"}
	}
	if *slug == "" || *email == "" {
		return usageError{"--tenant and --email are required"}
	}
	s, err := openCurrentStore(ctx, *db, log)
	if err != nil {
		return err
	}
	defer s.Close()
	a, err := newApp(s, log)
	if err != nil {
		return err
	}
	tenant, err := s.TenantBySlug(ctx, *slug)
	if itinera.ErrorCode(err) == itinera.ENOTFOUND && *tenantName != "" {
		tenant, err = a.CreateTenant(ctx, itinera.Tenant{Slug: *slug, Name: *tenantName, TimeZone: *zone, Kind: itinera.TenantKind(*kind)})
	}
	if itinera.ErrorCode(err) == itinera.ENOTFOUND {
		return itinera.Errorf(itinera.ENOTFOUND, "no organization has the slug %q; add --tenant-name \"Full Name\" to create it", *slug)
	}
	if err != nil {
		return fail("cannot find or create the organization", err)
	}
	// The same workflow as the administrators' page: a password made here
	// is passed on by whoever runs the command, and its user replaces it
	// at their first sign-in; one read from standard input is their own.
	c := systemCaller(tenant.ID, env)
	u := itinera.User{Email: *email, Name: *name, Role: r}
	password := ""
	if *fromStdin {
		line, err := bufio.NewReader(io.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return fail("cannot read the password from standard input", err)
		}
		if u, err = a.AddUserWithPassword(ctx, c, u, strings.TrimRight(line, "\r\n")); err != nil {
			return fail("cannot add the user", err)
		}
	} else {
		nu, err := a.AddUser(ctx, c, u)
		if err != nil {
			return fail("cannot add the user", err)
		}
		u, password = nu.User, nu.Password
	}
	fmt.Fprintf(io.Stdout, "Added %s (%s) to %s.\n", u.Email, u.Role, tenant.Name)
	if password != "" {
		fmt.Fprintf(io.Stdout, "Password (shown once, only its hash is stored): %s\n", password)
		fmt.Fprintln(io.Stdout, "It works once: at the first sign-in with it, the user chooses their own password.")
	}
	return nil
}

func runToken(ctx context.Context, args []string, env Env, io IO, lg *logs) error {
	if len(args) == 0 || args[0] != "create" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			fmt.Fprintln(io.Stdout, "Usage: itinera token create --database URL --email E [--name N] [--access full|read]")
			return nil
		}
		return usageError{"use: itinera token create --database URL --email E [--name N] [--access full|read]"}
	}
	fs := newFlags("token create", "token create --database URL --email E [--name N] [--access full|read]", io)
	db := databaseFlag(fs, env)
	email := fs.String("email", "", "the user the token acts as")
	name := fs.String("name", "api", "a name to recognise the token by")
	access := fs.String("access", "full", "full (what the user's role may do) or read (reads only)")
	var lf logFlags
	lf.register(fs, env)
	if err := parse(fs, args[1:], io); err != nil {
		return err
	}
	if *email == "" {
		return usageError{"--email is required"}
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
	u, _, err := s.UserByEmail(ctx, *email)
	switch itinera.ErrorCode(err) {
	case "":
	case itinera.ENOTFOUND:
		return itinera.Errorf(itinera.ENOTFOUND, "no user has the e-mail address %q", *email)
	default:
		return fail("cannot look up the user", err)
	}
	a, err := newApp(s, log)
	if err != nil {
		return err
	}
	tok, err := a.CreateToken(ctx, systemCaller(u.TenantID, env), u.ID, *name, itinera.TokenAccess(*access))
	if err != nil {
		return fail("cannot make the token", err)
	}
	fmt.Fprintf(io.Stdout, "API token for %s (%s, %s access), shown once; only its hash is stored:\n%s\n", u.Email, u.Role, tok.Token.Access, tok.Secret)
	return nil
}
