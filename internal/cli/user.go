package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"itinera"
	"itinera/internal/auth"
)

func runUser(ctx context.Context, args []string, env Env, io IO) error {
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
	if err := parse(fs, args[1:], io); err != nil {
		return err
	}
	r, err := itinera.ParseRole(*role)
	if err != nil {
		return usageError{"--role: use admin, officer or viewer"}
	}
	if *slug == "" || *email == "" {
		return usageError{"--tenant and --email are required"}
	}
	s, err := openStore(ctx, *db, nil)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.CheckSchema(ctx); err != nil {
		return err
	}
	tenant, err := s.TenantBySlug(ctx, *slug)
	if itinera.ErrorCode(err) == itinera.ENOTFOUND && *tenantName != "" {
		tenant = itinera.Tenant{Slug: *slug, Name: *tenantName, TimeZone: *zone}
		err = s.CreateTenant(ctx, &tenant)
	}
	if itinera.ErrorCode(err) == itinera.ENOTFOUND {
		return fmt.Errorf("no organization has the slug %q; add --tenant-name \"Full Name\" to create it", *slug)
	}
	if err != nil {
		return err
	}
	password, generated := "", false
	if *fromStdin {
		line, err := bufio.NewReader(io.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("reading the password from standard input: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
	} else {
		if password, err = auth.RandomPassword(); err != nil {
			return err
		}
		generated = true
	}
	if err := itinera.ValidatePassword(password); err != nil {
		return fmt.Errorf("%s", describe(err))
	}
	hash, err := auth.DefaultPasswordHasher().Hash(password)
	if err != nil {
		return err
	}
	u := itinera.User{TenantID: tenant.ID, Email: *email, Name: *name, Role: r}
	if err := s.CreateUser(ctx, &u, hash); err != nil {
		return fmt.Errorf("%s", describe(err))
	}
	fmt.Fprintf(io.Stdout, "Added %s (%s) to %s.\n", u.Email, u.Role, tenant.Name)
	if generated {
		fmt.Fprintf(io.Stdout, "Password (shown once, only its hash is stored): %s\n", password)
	}
	return nil
}

func runToken(ctx context.Context, args []string, env Env, io IO) error {
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
	if err := parse(fs, args[1:], io); err != nil {
		return err
	}
	if *email == "" {
		return usageError{"--email is required"}
	}
	s, err := openStore(ctx, *db, nil)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.CheckSchema(ctx); err != nil {
		return err
	}
	u, _, err := s.UserByEmail(ctx, *email)
	if err != nil {
		return fmt.Errorf("no user has the e-mail address %q", *email)
	}
	token, hash, err := auth.NewToken()
	if err != nil {
		return err
	}
	if err := s.CreateAPIToken(ctx, &itinera.APIToken{UserID: u.ID, Name: *name, TokenHash: hash}); err != nil {
		return err
	}
	fmt.Fprintf(io.Stdout, "API token for %s (%s), shown once; only its hash is stored:\n%s\n", u.Email, u.Role, token)
	return nil
}

// describe renders a domain error with its field messages for the terminal.
func describe(err error) string {
	msg := itinera.ErrorMessage(err)
	for k, v := range itinera.ErrorFields(err) {
		msg += fmt.Sprintf("\n  %s: %s", k, v)
	}
	return msg
}
