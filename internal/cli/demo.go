package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/demo"
	"itinera/internal/store"
)

// DemoEmail is the demo administrator's sign-in.
const DemoEmail = "officer@gateway-global.example"

// DemoAgencyEmail is the sign-in of the demo's national agency's officer,
// who signs in with the same password.
const DemoAgencyEmail = "officer@national-exchange.example"

func runDemo(ctx context.Context, args []string, env Env, io IO, lg *logs) error {
	fs := newFlags("demo", "demo [--addr 127.0.0.1:8080] [--data DIR]", io)
	dir := fs.String("data", envOr(env, "ITINERA_DATA", "itinera-data"), "folder of the demo database (ITINERA_DATA)")
	dbURL := fs.String("database", "", "serve the demo from this database instead (postgres://…; the benchmarks use it); default: sqlite in --data")
	var sf serveFlags
	sf.register(fs, env)
	if err := parse(fs, args, io); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	if err := sf.check(); err != nil {
		return err
	}
	password := env("ITINERA_DEMO_PASSWORD")
	if password != "" {
		// Checked before anything is loaded: the demo signs in with it.
		err := itinera.ValidatePassword(password, DemoEmail)
		if err == nil {
			err = itinera.ValidatePassword(password, DemoAgencyEmail)
		}
		if err != nil {
			return fail("ITINERA_DEMO_PASSWORD is not accepted (leave it unset and the demo makes a password at each start)", err)
		}
	}
	log, err := lg.set(sf.log, io.Stderr)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*dir, 0o750); err != nil {
		return fail("cannot create the data folder", err)
	}
	url := "sqlite:" + filepath.Join(*dir, "itinera.db")
	if *dbURL != "" {
		url = *dbURL
	}
	s, err := openStore(ctx, url, log)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		return fail("cannot prepare the demo database", err)
	}
	base := sf.baseURL // the links in the demo's request e-mails
	if base == "" {
		base = "http://" + sf.addr
	}
	tenant, loaded, err := ensureDemo(ctx, s, time.Now(), base)
	if err != nil {
		return fail("cannot load the demo program", err)
	}
	shown := password
	if password == "" {
		if password, err = auth.RandomPassword(); err != nil {
			return fail("cannot make a password", err)
		}
		shown = password + "   (new at every start; set ITINERA_DEMO_PASSWORD to choose one)"
	}
	if err := ensureDemoAdmin(ctx, s, tenant, password); err != nil {
		return fail("cannot set up the demo administrator", err)
	}
	if err := ensureDemoAgencyOfficer(ctx, s, password); err != nil {
		return fail("cannot set up the demo agency's officer", err)
	}
	if loaded {
		where := filepath.Join(*dir, "itinera.db")
		if *dbURL != "" {
			where = "the database given"
		}
		fmt.Fprintf(io.Stdout, "Loaded the demo program %q into %s.\n", demo.ProgramTitle(), where)
	}
	return serve(ctx, s, sf, log, io, func(url string) {
		fmt.Fprintf(io.Stdout, "Sign in at %s/login\n  e-mail:   %s\n  password: %s\n", url, DemoEmail, shown)
		fmt.Fprintf(io.Stdout, "The national agency's officer (%s) signs in with the same password:\n  e-mail:   %s\n",
			demo.Agency().Name, DemoAgencyEmail)
		fmt.Fprintln(io.Stdout, "E-mail is not sent in the demo. Press Ctrl+C to stop.")
	})
}

// ensureDemo creates the demo tenant and loads its program when the tenant
// has none. It reports whether it loaded.
func ensureDemo(ctx context.Context, s *store.Store, now time.Time, baseURL string) (itinera.Tenant, bool, error) {
	t := demo.Tenant()
	existing, err := s.TenantBySlug(ctx, t.Slug)
	switch itinera.ErrorCode(err) {
	case "":
		t = existing
	case itinera.ENOTFOUND:
		if err := s.CreateTenant(ctx, &t); err != nil {
			return t, false, err
		}
	default:
		return t, false, err
	}
	ps, err := s.Programs(ctx, t.ID)
	if err != nil || len(ps) > 0 {
		return t, false, err
	}
	a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: func() time.Time { return now }})
	if err != nil {
		return t, false, err
	}
	// One transaction: a load that fails leaves nothing behind (not the
	// agency's project, nor a half-filled program), and the next start
	// loads again.
	err = s.InTx(ctx, func(ctx context.Context) error {
		_, err := demo.LoadAll(ctx, a, s.Services(), t, now, baseURL)
		return err
	})
	if err != nil {
		return t, false, err
	}
	return t, true, nil
}

// ensureDemoAgencyOfficer creates the demo agency's officer, or sets their
// password, which is the printed one. The agency is created if a demo
// database from before the agency's view lacks it.
func ensureDemoAgencyOfficer(ctx context.Context, s *store.Store, password string) error {
	t := demo.Agency()
	existing, err := s.TenantBySlug(ctx, t.Slug)
	switch itinera.ErrorCode(err) {
	case "":
		t = existing
	case itinera.ENOTFOUND:
		if err := s.CreateTenant(ctx, &t); err != nil {
			return err
		}
	default:
		return err
	}
	return ensureDemoUser(ctx, s, t, DemoAgencyEmail, "Demo Agency Officer", password)
}

// ensureDemoAdmin creates the demo administrator or sets their password,
// which is the printed one: the demo administrator is not asked to change
// it.
func ensureDemoAdmin(ctx context.Context, s *store.Store, t itinera.Tenant, password string) error {
	return ensureDemoUser(ctx, s, t, DemoEmail, "Demo Program Officer", password)
}

// ensureDemoUser creates an administrator of t with the printed password,
// or sets it; the address must not belong to another organization.
func ensureDemoUser(ctx context.Context, s *store.Store, t itinera.Tenant, email, name, password string) error {
	hash, err := auth.DefaultPasswordHasher().Hash(password)
	if err != nil {
		return err
	}
	u, _, err := s.UserByEmail(ctx, email)
	switch itinera.ErrorCode(err) {
	case "":
		if u.TenantID != t.ID {
			return itinera.Errorf(itinera.ECONFLICT, "%s belongs to another organization", email)
		}
		return s.SetPassword(ctx, u.ID, hash)
	case itinera.ENOTFOUND:
		return s.CreateUser(ctx, &itinera.User{TenantID: t.ID, Email: email, Name: name, Role: itinera.RoleAdmin}, hash)
	}
	return err
}
