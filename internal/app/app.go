// Package app is Itinera's application layer: every workflow of the
// product — create, change, cancel and delete candidates; send, withdraw,
// confirm and decline requests; build and apply an itinerary; run the
// hospitality evenings; issue feeds; manage users and tokens — is one
// function here. Each runs in one transaction together with the e-mails it
// causes, enforces every rule itself, and returns domain errors; the web
// UI, the JSON API and the CLI call the same functions and only parse
// input and render output.
//
// The package knows nothing of HTTP. It reaches storage through the
// service interfaces of package itinera and opens its transactions with an
// itinera.Transactor: store methods called with the transaction's context
// take part in it.
package app

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/geo"
	"itinera/internal/pagecache"
)

// Config is what the application layer needs.
type Config struct {
	Store  itinera.Services
	Tx     itinera.Transactor
	Logger *slog.Logger
	Now    func() time.Time
	// Hasher hashes the passwords users choose and administrators make.
	Hasher auth.PasswordHasher
	// RequestTTL is how long a resource's link works by default.
	RequestTTL time.Duration
	// HostLinkTTL is how long a household's personal link works.
	HostLinkTTL time.Duration
	// Geocoder looks addresses up (nil: none; places then need a pin or
	// their coordinates).
	Geocoder geo.Geocoder
	// Router measures road times between places for the itinerary engine
	// (nil: the travel model alone).
	Router geo.Router
	// Printer makes PDF books from their HTML (nil: no PDF; the books
	// are still HTML, which any browser prints).
	Printer Printer
	// PasswordLimiter bounds wrong current passwords per account when users
	// change their own; share it with the sign-in page's limiter of
	// accounts. nil allows 10, then one every 90 seconds.
	PasswordLimiter *auth.Limiter
	// ResetLimiters bound the e-mailed reset links per account (nil: 3,
	// then one every 20 minutes) and per client address (nil: 10, then
	// one every 6 minutes).
	ResetAccountLimiter, ResetAddressLimiter *auth.Limiter
	// Limits keeps the limits' buckets where every app server on the
	// database sees them (the store); nil: each process counts alone.
	Limits auth.Buckets
}

// App runs the workflows. Build it with New.
type App struct {
	limits   auth.Buckets
	s        itinera.Services
	r        itinera.Readers // the same store, read only, for the loaders
	tx       itinera.Transactor
	log      *slog.Logger
	now      func() time.Time
	hasher   auth.PasswordHasher
	reqTTL   time.Duration
	hostTTL  time.Duration
	pw       auth.Passwords
	geocoder geo.Geocoder
	router   geo.Router
	printer  Printer
	resets   resetLimits
	bells    *pagecache.Cache[[]itinera.Alert] // the header's notifications, by BellAlerts's key
}

// Printer prints a self-contained HTML document to PDF (internal/pdf, with
// headless Chromium).
type Printer interface {
	Print(ctx context.Context, html []byte) ([]byte, error)
}

// New checks cfg and fills in its defaults.
func New(cfg Config) (*App, error) {
	s := cfg.Store
	if s.Accounts == nil || s.Programs == nil || s.People == nil || s.Candidates == nil || s.Itineraries == nil ||
		s.Directory == nil || s.Requests == nil || s.Outbox == nil || s.Feeds == nil || s.Hospitality == nil ||
		s.Settings == nil || s.Search == nil || s.Audit == nil || s.Projects == nil || cfg.Tx == nil {
		return nil, errors.New("app: every service and the transactor are required")
	}
	a := &App{limits: cfg.Limits, s: s, r: s.Readers(), tx: cfg.Tx, log: cfg.Logger, now: cfg.Now, hasher: cfg.Hasher, reqTTL: cfg.RequestTTL, hostTTL: cfg.HostLinkTTL,
		geocoder: cfg.Geocoder, router: cfg.Router, printer: cfg.Printer,
		bells: pagecache.New[[]itinera.Alert](1000)}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	if a.now == nil {
		a.now = time.Now
	}
	if a.hasher.Memory == 0 || a.hasher.Time == 0 || a.hasher.Threads == 0 {
		a.hasher = auth.DefaultPasswordHasher()
	}
	if a.reqTTL <= 0 {
		a.reqTTL = itinera.DefaultRequestTTL
	}
	if a.hostTTL <= 0 {
		a.hostTTL = itinera.DefaultHouseholdLinkTTL
	}
	a.pw = auth.Passwords{Accounts: s.Accounts, Hasher: a.hasher, Limiter: cfg.PasswordLimiter}
	if a.pw.Limiter == nil {
		a.pw.Limiter = auth.NewLimiterIn(cfg.Limits, "password account", 10, 90*time.Second, a.now)
	}
	a.resets = resetLimits{account: cfg.ResetAccountLimiter, address: cfg.ResetAddressLimiter}
	if a.resets.account == nil {
		a.resets.account = auth.NewLimiterIn(cfg.Limits, "reset account", 3, 20*time.Minute, a.now)
	}
	if a.resets.address == nil {
		a.resets.address = auth.NewLimiterIn(cfg.Limits, "reset address", 10, 6*time.Minute, a.now)
	}
	return a, nil
}

// PasswordLimiter is the budget of wrong passwords per account, which the
// sign-in page shares.
func (a *App) PasswordLimiter() *auth.Limiter { return a.pw.Limiter }

// Limits is where the limits' buckets are kept (nil: in each process), for
// the adapters' own limits.
func (a *App) Limits() auth.Buckets {
	if a == nil {
		return nil
	}
	return a.limits
}

// Readers is what the adapters read directly.
func (a *App) Readers() itinera.Readers { return a.r }

// RequestTTL is how long a resource's link works by default.
func (a *App) RequestTTL() time.Duration { return a.reqTTL }

// Caller is who starts a workflow, and the site address the links in the
// e-mails it causes point to ("https://itinera.example.org").
type Caller struct {
	User itinera.User
	Site string
}

// tenant is the caller's tenant.
func (c Caller) tenant() int64 { return c.User.TenantID }

// inTx runs fn in one transaction.
func (a *App) inTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return a.tx.InTx(ctx, fn)
}

// mustSignIn refuses callers who are not a user of an organization.
func mustSignIn(c Caller) error {
	if c.User.ID == 0 || c.User.TenantID == 0 {
		return itinera.Errorf(itinera.EUNAUTHORIZED, "Sign in first.")
	}
	return nil
}

// mustEdit refuses callers whose role may only read.
func mustEdit(c Caller) error {
	if !c.User.Role.CanEdit() {
		return itinera.Errorf(itinera.EFORBIDDEN,
			"Your role (%s) may read but not change records. Ask an administrator for officer access.", c.User.Role)
	}
	return nil
}

// mustAdmin refuses callers who are not administrators.
func mustAdmin(c Caller) error {
	if c.User.Role != itinera.RoleAdmin {
		return itinera.Errorf(itinera.EFORBIDDEN, "Only administrators may do this.")
	}
	return nil
}
