package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"itinera"
	"itinera/internal/auth"
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
	tenant, err := s.TenantBySlug(ctx, *slug)
	if itinera.ErrorCode(err) == itinera.ENOTFOUND && *tenantName != "" {
		tenant = itinera.Tenant{Slug: *slug, Name: *tenantName, TimeZone: *zone}
		err = s.CreateTenant(ctx, &tenant)
	}
	if itinera.ErrorCode(err) == itinera.ENOTFOUND {
		return itinera.Errorf(itinera.ENOTFOUND, "no organization has the slug %q; add --tenant-name \"Full Name\" to create it", *slug)
	}
	if err != nil {
		return fail("cannot find or create the organization", err)
	}
	password, generated := "", false
	if *fromStdin {
		line, err := bufio.NewReader(io.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return fail("cannot read the password from standard input", err)
		}
		password = strings.TrimRight(line, "\r\n")
	} else {
		if password, err = auth.RandomPassword(); err != nil {
			return fail("cannot make a password", err)
		}
		generated = true
	}
	if err := itinera.ValidatePassword(password, *email, *name); err != nil {
		return err
	}
	hash, err := auth.DefaultPasswordHasher().Hash(password)
	if err != nil {
		return fail("cannot hash the password", err)
	}
	// A password made here is passed on by whoever runs the command: its
	// user replaces it at their first sign-in.
	u := itinera.User{TenantID: tenant.ID, Email: *email, Name: *name, Role: r, MustChangePassword: generated}
	if err := s.CreateUser(ctx, &u, hash); err != nil {
		return fail("cannot add the user", err)
	}
	fmt.Fprintf(io.Stdout, "Added %s (%s) to %s.\n", u.Email, u.Role, tenant.Name)
	if generated {
		fmt.Fprintf(io.Stdout, "Password (shown once, only its hash is stored): %s\n", password)
		fmt.Fprintln(io.Stdout, "It works once: at the first sign-in with it, the user chooses their own password.")
	}
	return nil
}

func runToken(ctx context.Context, args []string, env Env, io IO, lg *logs) error {
	if len(args) == 0 || args[0] != "create" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			fmt.Fprintln(io.Stdout, "Usage: itinera token create --database URL --email E [--name N]")
			return nil
		}
		return usageError{"use: itinera token create --database URL --email E [--name N]"}
	}
	fs := newFlags("token create", "token create --database URL --email E [--name N]", io)
	db := databaseFlag(fs, env)
	email := fs.String("email", "", "the user the token acts as")
	name := fs.String("name", "api", "a name to recognise the token by")
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
	token, hash, err := auth.NewToken()
	if err != nil {
		return fail("cannot make a token", err)
	}
	if err := s.CreateAPIToken(ctx, &itinera.APIToken{UserID: u.ID, Name: *name, TokenHash: hash}); err != nil {
		return fail("cannot store the token", err)
	}
	fmt.Fprintf(io.Stdout, "API token for %s (%s), shown once; only its hash is stored:\n%s\n", u.Email, u.Role, token)
	return nil
}
