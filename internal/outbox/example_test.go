package outbox_test

import (
	"context"
	"log/slog"
	"os"
	"time"

	"itinera/internal/mail"
	"itinera/internal/outbox"
	"itinera/internal/store"
)

// How a server starts and stops the worker: only when SMTP is configured
// (otherwise messages wait in the outbox), after the HTTP server has
// stopped and before the database is closed.
func ExampleWorker() {
	ctx := context.Background()
	log := slog.Default()
	s, err := store.Open(ctx, store.Options{URL: "sqlite::memory:"})
	if err != nil {
		return
	}
	defer s.Close()

	cfg, ok, err := mail.ConfigFromEnv(os.Getenv)
	if err != nil || !ok {
		log.Info("e-mail is not sent: messages wait in the outbox", "err", err)
		return
	}
	sender, err := mail.NewSMTP(cfg)
	if err != nil {
		return
	}
	w, err := outbox.New(s, sender, outbox.Config{From: cfg.From, Logger: log})
	if err != nil {
		return
	}
	// Not the server's context: cancelling that would abort sends mid-way.
	w.Start(context.WithoutCancel(ctx))

	// … serve until the signal; then, after the HTTP server has shut down:
	stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := w.Stop(stopCtx); err != nil {
		log.Warn("outbox", "err", err)
	}
}
