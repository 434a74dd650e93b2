// Package server assembles Itinera's HTTP surfaces (the web UI, the JSON
// API and the health checks) behind the middleware they share, and runs
// the HTTP server with a graceful shutdown.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"time"

	"itinera/internal/api"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/web"
)

// Database is what the health checks need of the store.
type Database interface {
	Ping(ctx context.Context) error
	CheckSchema(ctx context.Context) error
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error)
}

// Config configures New.
type Config struct {
	// App runs the workflows both surfaces call.
	App           *app.App
	Database      Database
	Logger        *slog.Logger
	Now           func() time.Time
	Hasher        auth.PasswordHasher
	SecureCookies bool
	SessionTTL    time.Duration
	// BaseURL is the site's public address, for links in e-mails.
	BaseURL string
	// MailEnabled says whether an outbox worker sends e-mail.
	MailEnabled bool
	// TrustedProxies are the reverse proxies whose X-Forwarded-For header
	// names the client (ParseTrustedProxies); none when empty, and the
	// connection's peer is the client.
	TrustedProxies []netip.Prefix
	// Maps says where the web UI's map tiles come from; the
	// Content-Security-Policy allows images from that origin.
	Maps web.MapConfig
	// FormKey signs the forms of the personal links (resources, hosts,
	// feedback, follow-up); empty: a random key per process, so a form
	// served by one server and posted to another is asked again. Give
	// every server of an installation the same key.
	FormKey []byte
	// Mailboxes reads the organizations' IMAP mailboxes until its context
	// ends (internal/mailbox); nil: none are read.
	Mailboxes interface{ Run(ctx context.Context) }
}

// Server is Itinera's HTTP server.
type Server struct {
	cfg     Config
	handler http.Handler
	csp     string
}

// contentSecurityPolicy allows the site's own scripts, styles and images,
// and the map tiles' origin for images.
func contentSecurityPolicy(tiles string) string {
	img := "img-src 'self' data:"
	if tiles != "" {
		img += " " + tiles
	}
	return "default-src 'self'; " + img + "; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
}

// New builds the route tables. Templates are parsed here, so a broken
// template stops the start, not a request.
func New(cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.SessionTTL == 0 {
		cfg.SessionTTL = 12 * time.Hour
	}
	if cfg.Hasher == (auth.PasswordHasher{}) {
		cfg.Hasher = auth.DefaultPasswordHasher()
	}
	// One budget of wrong passwords per account, whether they are tried
	// at sign-in or to change a password on the web or through the API.
	accounts := cfg.App.PasswordLimiter()
	ui, err := web.New(web.Config{App: cfg.App, Logger: cfg.Logger, Now: cfg.Now, Hasher: cfg.Hasher,
		SecureCookies: cfg.SecureCookies, SessionTTL: cfg.SessionTTL, BaseURL: cfg.BaseURL, MailEnabled: cfg.MailEnabled,
		LoginLimiter: accounts, Maps: cfg.Maps, Requests: web.RequestConfig{Key: cfg.FormKey}})
	if err != nil {
		return nil, fmt.Errorf("web UI: %w", err)
	}
	mux := http.NewServeMux()
	ui.Register(mux)
	jsonAPI := api.New(api.Config{App: cfg.App, Logger: cfg.Logger, Now: cfg.Now, BaseURL: cfg.BaseURL})
	jsonAPI.Register(mux)
	docs, err := jsonAPI.Docs()
	if err != nil {
		return nil, fmt.Errorf("API reference: %w", err)
	}
	docs.Register(mux)
	s := &Server{cfg: cfg, csp: contentSecurityPolicy(cfg.Maps.TileOrigin())}
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	s.handler = s.middleware(mux)
	return s, nil
}

// Handler returns the server's root handler, for tests.
func (s *Server) Handler() http.Handler { return s.handler }

// healthz answers while the process is up.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "ok")
}

// readyz answers when the database is reachable and its schema current.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.cfg.Database.Ping(ctx); err != nil {
		s.cfg.Logger.Warn("not ready: database unreachable", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, "database unreachable")
		return
	}
	if err := s.cfg.Database.CheckSchema(ctx); err != nil {
		s.cfg.Logger.Warn("not ready: schema", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, "database schema is not current")
		return
	}
	fmt.Fprintln(w, "ready")
}

// Serve serves on ln until ctx is cancelled, then shuts down gracefully:
// it stops accepting, lets requests finish for up to grace, and stops the
// background work.
func (s *Server) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	hs := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.cfg.Logger.Handler(), slog.LevelWarn),
	}
	bgCtx, stopBG := context.WithCancel(context.Background())
	bgDone, digestsDone, mailDone := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() { defer close(bgDone); s.sweepSessions(bgCtx) }()
	go func() { defer close(digestsDone); s.queueDigests(bgCtx, DigestEvery) }()
	go func() {
		defer close(mailDone)
		if s.cfg.Mailboxes != nil {
			s.cfg.Mailboxes.Run(bgCtx)
		}
	}()

	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	var err error
	select {
	case err = <-errc:
	case <-ctx.Done():
		s.cfg.Logger.Info("shutting down")
		sctx, cancel := context.WithTimeout(context.Background(), grace)
		err = hs.Shutdown(sctx)
		cancel()
		if errors.Is(err, context.DeadlineExceeded) {
			err = hs.Close()
		}
		<-errc
	}
	stopBG()
	<-bgDone
	<-digestsDone
	<-mailDone
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// sweepSessions deletes expired sessions every hour.
func (s *Server) sweepSessions(ctx context.Context) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := s.cfg.Database.DeleteExpiredSessions(ctx, s.cfg.Now()); err != nil && ctx.Err() == nil {
			s.cfg.Logger.Warn("delete expired sessions", "err", err)
		} else if n > 0 {
			s.cfg.Logger.Info("deleted expired sessions", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// DigestEvery is how often the server looks for daily digests and
// feedback reminders to queue.
const DigestEvery = 15 * time.Minute

// queueDigests queues the users' daily digests (app.SendDigests), and the
// feedback reminders and follow-up links that are due
// (app.SendFeedbackReminders, app.SendFollowUps), every
// interval. Which day each user was last sent is kept in the database, so
// a restart, or a second server, sends no day twice. Without a public
// address (BaseURL) the digests' links could not point anywhere: none.
func (s *Server) queueDigests(ctx context.Context, every time.Duration) {
	if s.cfg.BaseURL == "" {
		s.cfg.Logger.Info("daily digests are off: set the site's public address (BaseURL) to send them")
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := s.cfg.App.SendDigests(ctx, s.cfg.BaseURL); err != nil && ctx.Err() == nil {
			s.cfg.Logger.Warn("queue daily digests", "err", err)
		} else if n > 0 {
			s.cfg.Logger.Info("queued daily digests", "count", n)
		}
		if n, err := s.cfg.App.SendFeedbackReminders(ctx, s.cfg.BaseURL); err != nil && ctx.Err() == nil {
			s.cfg.Logger.Warn("queue feedback reminders", "err", err)
		} else if n > 0 {
			s.cfg.Logger.Info("queued feedback reminders", "count", n)
		}
		if n, err := s.cfg.App.SendFollowUps(ctx, s.cfg.BaseURL); err != nil && ctx.Err() == nil {
			s.cfg.Logger.Warn("queue follow-up links", "err", err)
		} else if n > 0 {
			s.cfg.Logger.Info("queued follow-up links", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
