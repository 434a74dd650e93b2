package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"itinera/internal/app"
	"itinera/internal/geo"
	"itinera/internal/mail"
	"itinera/internal/mailbox"
	"itinera/internal/outbox"
	"itinera/internal/server"
	"itinera/internal/store"
	"itinera/internal/web"
)

// serveFlags are shared by serve and demo.
type serveFlags struct {
	addr          string
	baseURL       string
	secureCookies bool
	sessionTTL    time.Duration
	grace         time.Duration
	proxies       string         // comma-separated CIDR ranges of trusted reverse proxies
	trusted       []netip.Prefix // proxies, read by check
	log           logFlags
	mailOn        bool // set by serve when an outbox worker runs
	maps          web.MapConfig
	geocoder      geocoderFlags
	chromium      string // the browser that prints PDF books; "none": no PDF
	// imapPassword is the password the environment gives an
	// organization's mailbox (ITINERA_IMAP_<SLUG>_PASSWORD).
	imapPassword func(slug string) string
	cpuProfile   string // a file that receives a CPU profile of the whole run
	heapProfile  string // a file that receives a heap profile at shutdown
	// formKey signs the personal links' forms (ITINERA_FORM_KEY, from the
	// environment only: a secret is not given on the command line).
	formKey string
}

// minFormKey is the shortest ITINERA_FORM_KEY taken.
const minFormKey = 32

// geocoderFlags name the geocoding and routing services, if any.
type geocoderFlags struct{ url, kind, email, routeURL, routeKind string }

func (f *serveFlags) register(fs *flag.FlagSet, env Env) {
	fs.StringVar(&f.addr, "addr", envOr(env, "ITINERA_ADDR", "127.0.0.1:8080"), "address to listen on (ITINERA_ADDR)")
	fs.StringVar(&f.baseURL, "base-url", env("ITINERA_BASE_URL"), "public address of the site for links in e-mails, e.g. https://itinera.example.org (ITINERA_BASE_URL); default: the address served")
	fs.BoolVar(&f.secureCookies, "secure-cookies", env("ITINERA_SECURE_COOKIES") == "true", "mark cookies Secure; set when served over HTTPS (ITINERA_SECURE_COOKIES=true)")
	fs.DurationVar(&f.sessionTTL, "session-ttl", 12*time.Hour, "how long a sign-in lasts")
	fs.DurationVar(&f.grace, "shutdown-grace", 10*time.Second, "how long running requests may finish at shutdown")
	fs.StringVar(&f.proxies, "trusted-proxies", env("ITINERA_TRUSTED_PROXIES"), "comma-separated CIDR ranges of the reverse proxies in front of the server, e.g. 10.0.0.0/8; only their X-Forwarded-For header is believed (ITINERA_TRUSTED_PROXIES)")
	fs.StringVar(&f.geocoder.url, "geocoder-url", env("ITINERA_GEOCODER_URL"), "address of a Nominatim or Photon server that looks addresses up, e.g. https://nominatim.example.org (ITINERA_GEOCODER_URL); none: places get a pin on the map")
	fs.StringVar(&f.geocoder.kind, "geocoder-kind", envOr(env, "ITINERA_GEOCODER_KIND", "nominatim"), "nominatim or photon (ITINERA_GEOCODER_KIND)")
	fs.StringVar(&f.geocoder.email, "geocoder-email", env("ITINERA_GEOCODER_EMAIL"), "a contact e-mail sent with each lookup, as Nominatim's usage policy asks (ITINERA_GEOCODER_EMAIL)")
	fs.StringVar(&f.geocoder.routeURL, "routing-url", env("ITINERA_ROUTING_URL"), "address of an OSRM or Valhalla server that times trips on the road network (ITINERA_ROUTING_URL); none: Itinera's travel model")
	fs.StringVar(&f.geocoder.routeKind, "routing-kind", envOr(env, "ITINERA_ROUTING_KIND", "osrm"), "osrm or valhalla (ITINERA_ROUTING_KIND)")
	fs.StringVar(&f.maps.TileURL, "map-tiles", env("ITINERA_MAP_TILES"), "map tile URL template, e.g. https://tile.example.org/{z}/{x}/{y}.png; none for maps without tiles (ITINERA_MAP_TILES); default: OpenStreetMap's standard tiles")
	fs.StringVar(&f.chromium, "chromium", env("ITINERA_CHROMIUM"), "headless Chromium that prints the PDF books (ITINERA_CHROMIUM); default: chromium or google-chrome on the PATH; none: books as HTML only")
	fs.StringVar(&f.maps.Attribution, "map-attribution", env("ITINERA_MAP_ATTRIBUTION"), "the tiles' attribution, shown on every map (ITINERA_MAP_ATTRIBUTION)")
	fs.StringVar(&f.cpuProfile, "cpu-profile", "", "write a CPU profile of the server, from start to shutdown, to this file (for go tool pprof; bench/pages.sh uses it)")
	fs.StringVar(&f.heapProfile, "heap-profile", "", "write a heap profile of the server at shutdown to this file (for go tool pprof; bench/memory.sh explains)")
	f.log.register(fs, env)
	f.imapPassword = func(slug string) string { return env(mailbox.EnvPassword(slug)) }
	f.formKey = env("ITINERA_FORM_KEY")
}

// check reads the flags that need more than their type's parsing.
func (f *serveFlags) check() error {
	var err error
	if f.trusted, err = server.ParseTrustedProxies(f.proxies); err != nil {
		return usageError{"--trusted-proxies (ITINERA_TRUSTED_PROXIES): " + err.Error()}
	}
	if f.formKey != "" && len(f.formKey) < minFormKey {
		return usageError{fmt.Sprintf("ITINERA_FORM_KEY has %d characters: give at least %d random ones (e.g. openssl rand -hex 32), the same on every server", len(f.formKey), minFormKey)}
	}
	return nil
}

func databaseFlag(fs *flag.FlagSet, env Env) *string {
	return fs.String("database", env("ITINERA_DATABASE"), "database URL: sqlite:PATH or postgres://… (ITINERA_DATABASE)")
}

// openStore opens the database with a message that names what failed.
func openStore(ctx context.Context, url string, log *slog.Logger) (*store.Store, error) {
	if url == "" {
		return nil, usageError{"no database: give --database sqlite:PATH or postgres://…, or set ITINERA_DATABASE"}
	}
	s, err := store.Open(ctx, store.Options{URL: url, Logger: log})
	if err != nil {
		return nil, fail("cannot open the database", err)
	}
	return s, nil
}

// openCurrentStore opens the database and checks that its schema is the
// one this program needs.
func openCurrentStore(ctx context.Context, url string, log *slog.Logger) (*store.Store, error) {
	s, err := openStore(ctx, url, log)
	if err != nil {
		return nil, err
	}
	if err := s.CheckSchema(ctx); err != nil {
		s.Close()
		return nil, fail("the database cannot be used", err)
	}
	return s, nil
}

func runServe(ctx context.Context, args []string, env Env, io IO, lg *logs) error {
	fs := newFlags("serve", "serve --database URL [--addr HOST:PORT]", io)
	db := databaseFlag(fs, env)
	var sf serveFlags
	sf.register(fs, env)
	lease := fs.String("outbox-lease", envOr(env, "ITINERA_OUTBOX_LEASE", "5m"), "how long a server's claim on a message being sent lasts; after it, another server (or this one) sends it again. Longer than ITINERA_SMTP_TIMEOUT (ITINERA_OUTBOX_LEASE)")
	poll := fs.String("outbox-poll", envOr(env, "ITINERA_OUTBOX_POLL", "10s"), "how often the outbox worker looks for due messages queued by other servers and expired claims (ITINERA_OUTBOX_POLL)")
	if err := parse(fs, args, io); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	if err := sf.check(); err != nil {
		return err
	}
	ocfg := outbox.Config{}
	var perr error
	if ocfg.Lease, perr = time.ParseDuration(*lease); perr != nil || ocfg.Lease <= 0 {
		return usageError{fmt.Sprintf("--outbox-lease (ITINERA_OUTBOX_LEASE) %q: give a duration such as 5m", *lease)}
	}
	if ocfg.PollInterval, perr = time.ParseDuration(*poll); perr != nil || ocfg.PollInterval <= 0 {
		return usageError{fmt.Sprintf("--outbox-poll (ITINERA_OUTBOX_POLL) %q: give a duration such as 10s", *poll)}
	}
	log, err := lg.set(sf.log, io.Stderr)
	if err != nil {
		return err
	}
	s, err := openStore(ctx, *db, log)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.CheckSchema(ctx); err != nil {
		return fail("refusing to serve", err)
	}
	mcfg, mailOn, err := mail.ConfigFromEnv(env)
	if err != nil {
		return usageError{err.Error()}
	}
	var worker *outbox.Worker
	if mailOn {
		sender, err := mail.NewSMTP(mcfg)
		if err != nil {
			return usageError{err.Error()}
		}
		smtpTimeout := mcfg.Timeout
		if smtpTimeout == 0 {
			smtpTimeout = mail.DefaultTimeout
		}
		if ocfg.Lease <= smtpTimeout {
			return usageError{fmt.Sprintf("--outbox-lease (ITINERA_OUTBOX_LEASE) %s must be longer than the SMTP timeout %s (ITINERA_SMTP_TIMEOUT), or a message still being sent is sent again", ocfg.Lease, smtpTimeout)}
		}
		ocfg.From, ocfg.Logger = mcfg.From, log
		if worker, err = outbox.New(s, sender, ocfg); err != nil {
			return fail("cannot start sending e-mail", err)
		}
		// Not serve's context: a signal must not abort a message mid-send.
		worker.Start(context.WithoutCancel(ctx))
	} else {
		fmt.Fprintln(io.Stdout, "E-mail is not sent (ITINERA_SMTP_HOST is not set): messages wait in the outbox, where you can read them.")
	}
	sf.mailOn = mailOn
	err = serve(ctx, s, sf, log, io, nil)
	if worker != nil {
		// HTTP has stopped; let the messages being sent finish, then close the database.
		stopCtx, cancel := context.WithTimeout(context.Background(), sf.grace)
		if serr := worker.Stop(stopCtx); serr != nil {
			log.Warn("outbox worker did not stop cleanly", "err", serr)
		}
		cancel()
	}
	return err
}

// serve listens, announces the URL (and extra lines) and serves until ctx ends.
func serve(ctx context.Context, s *store.Store, sf serveFlags, log *slog.Logger, io IO, announce func(url string)) error {
	ln, err := net.Listen("tcp", sf.addr)
	if err != nil {
		return fail("cannot listen on "+sf.addr, err)
	}
	url := "http://" + ln.Addr().String()
	base := sf.baseURL
	if base == "" {
		base = url
	}
	g, err := sf.geocoder.open(s, base)
	if err != nil {
		ln.Close()
		return usageError{"--geocoder-url (ITINERA_GEOCODER_URL): " + err.Error()}
	}
	router, err := sf.geocoder.openRouter(s, base)
	if err != nil {
		ln.Close()
		return usageError{"--routing-url (ITINERA_ROUTING_URL): " + err.Error()}
	}
	printer, err := openPrinter(sf.chromium)
	if err != nil {
		ln.Close()
		return usageError{"--chromium (ITINERA_CHROMIUM): " + err.Error()}
	}
	// Other servers on the same PostgreSQL database tell this one of their
	// commits, so sign-in lookups can be answered from memory meanwhile.
	s.WatchChanges(ctx)
	cfg := app.Config{Store: s.Services(), Tx: s, Logger: log, Geocoder: g, Router: router,
		Limits: s} // one budget per limit for every server on the database
	if printer != nil {
		defer printer.Close()
		cfg.Printer = printer
	} else {
		fmt.Fprintln(io.Stdout, "Books are HTML only: no Chromium to print PDF with (install chromium or set ITINERA_CHROMIUM).")
	}
	a, err := app.New(cfg)
	if err != nil {
		ln.Close()
		return fail("cannot start the server", err)
	}
	srv, err := server.New(server.Config{App: a, Database: s, Logger: log,
		SecureCookies: sf.secureCookies, SessionTTL: sf.sessionTTL, BaseURL: base, MailEnabled: sf.mailOn,
		TrustedProxies: sf.trusted, Maps: sf.maps, FormKey: []byte(sf.formKey),
		Mailboxes: mailbox.New(a, mailbox.Config{Password: sf.imapPassword, Logger: log})})
	if err != nil {
		ln.Close()
		return fail("cannot start the server", err)
	}
	if sf.heapProfile != "" {
		defer writeHeapProfile(sf.heapProfile, log)
	}
	if sf.cpuProfile != "" {
		stop, err := startCPUProfile(sf.cpuProfile)
		if err != nil {
			ln.Close()
			return fail("cannot write the CPU profile", err)
		}
		defer stop()
	}
	// Start-up (templates, the unknown user's password hash: Argon2id's
	// 19 MiB) leaves garbage the runtime would keep for minutes: hand it
	// back now, so that an idle server holds what it uses (issue 14).
	debug.FreeOSMemory()
	if os.Getenv("GOMEMLIMIT") == "" {
		// A soft limit on the Go heap, so that the collector works harder
		// before a large page's garbage grows the process past the
		// 150 MB issue 14 allows; GOMEMLIMIT (Go's own setting) overrides it.
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	fmt.Fprintf(io.Stdout, "Itinera is serving at %s (%s database)\n", url, s.Dialect())
	if announce != nil {
		announce(url)
	}
	log.Info("serving", "addr", ln.Addr().String(), "database", s.Dialect())
	if err := srv.Serve(ctx, ln, sf.grace); err != nil {
		return fail("the server stopped", err)
	}
	return nil
}

// defaultMemoryLimit is the Go heap's soft limit when GOMEMLIMIT is unset.
const defaultMemoryLimit = 80 << 20

// writeHeapProfile writes the heap's profile (after a collection) to path.
func writeHeapProfile(path string, log *slog.Logger) {
	runtime.GC()
	f, err := os.Create(path)
	if err == nil {
		err = pprof.WriteHeapProfile(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		log.Error("cannot write the heap profile", "err", err)
	}
}

// startCPUProfile profiles the process into path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

func runMigrate(ctx context.Context, args []string, env Env, io IO, lg *logs) error {
	fs := newFlags("migrate", "migrate --database URL", io)
	db := databaseFlag(fs, env)
	var lf logFlags
	lf.register(fs, env)
	if err := parse(fs, args, io); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	log, err := lg.set(lf, io.Stderr)
	if err != nil {
		return err
	}
	s, err := openStore(ctx, *db, log)
	if err != nil {
		return err
	}
	defer s.Close()
	applied, err := s.Migrate(ctx)
	if err != nil {
		return fail("migration failed (nothing of the failed step was kept)", err)
	}
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return fail("cannot read the schema version", err)
	}
	if len(applied) == 0 {
		fmt.Fprintf(io.Stdout, "The schema is current (version %d).\n", v)
	} else {
		fmt.Fprintf(io.Stdout, "Applied %d migration(s); the schema is now at version %d.\n", len(applied), v)
	}
	return nil
}

// geocodeTTL is how long a looked-up address is kept before it is asked again.
const geocodeTTL = 90 * 24 * time.Hour

// open returns the geocoder the flags name, its answers kept in the
// database; nil without one.
func (f geocoderFlags) open(s *store.Store, site string) (geo.Geocoder, error) {
	if f.url == "" {
		return nil, nil
	}
	g, err := geo.NewGeocoder(f.kind, f.url, geo.Options{UserAgent: "Itinera (+" + site + ")", Email: f.email})
	if err != nil {
		return nil, err
	}
	return geo.Cached(g, s.GeoCache(f.kind+" "+f.url, geocodeTTL)), nil
}

// routeTTL is how long road times are kept before the engine is asked again.
const routeTTL = 30 * 24 * time.Hour

// openRouter returns the routing engine the flags name, its tables kept in
// the database; nil without one.
func (f geocoderFlags) openRouter(s *store.Store, site string) (geo.Router, error) {
	if f.routeURL == "" {
		return nil, nil
	}
	r, err := geo.NewRouter(f.routeKind, f.routeURL, geo.Options{UserAgent: "Itinera (+" + site + ")"})
	if err != nil {
		return nil, err
	}
	return geo.CachedRouter(r, s.GeoCache(f.routeKind+" "+f.routeURL, routeTTL)), nil
}
