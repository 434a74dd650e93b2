// Package outbox runs the worker that delivers queued e-mail. Messages live
// in the database (the store's outbox); the worker claims due ones with a
// lease, hands them to a mail.Sender and records the outcome, retrying
// temporary failures with growing delays.
//
// Crash safety: a message is queued in the same transaction as the change
// that causes it, so it is never lost; a worker that dies while sending
// leaves a lease that expires, after which the message is sent again with
// the same Message-ID. A message is therefore delivered at least once and
// at most once more per crash, and the copies are recognisably the same.
package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	netmail "net/mail"
	"sync"
	"time"

	"itinera"
	"itinera/internal/mail"
)

// Store is what the worker needs of the database.
type Store interface {
	ClaimDue(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]itinera.OutboxMessage, error)
	MarkSent(ctx context.Context, id int64, now time.Time) error
	MarkFailed(ctx context.Context, id int64, f itinera.OutboxFailure) error
	// TenantMailFrom returns the sender a tenant's messages show; an empty
	// address means the installation's.
	TenantMailFrom(ctx context.Context, tenantID int64) (name, address string, err error)
}

// Config tunes the worker. Zero values take the defaults named.
type Config struct {
	From         netmail.Address // the installation's sender, used where a tenant sets none
	PollInterval time.Duration   // how often to look for due messages; 10s
	// Lease is how long a claim lasts before the message is presumed lost
	// with its worker and sent again; it must exceed the SMTP timeout. 5m.
	Lease       time.Duration
	MaxAttempts int             // attempts before a message fails for good; 6
	Backoff     []time.Duration // delay after the 1st, 2nd, … failure; the last repeats. 1m 5m 30m 2h 6h
	Batch       int             // messages claimed and sent concurrently per round; 4
	Now         func() time.Time
	Logger      *slog.Logger
}

// DefaultBackoff is the delay after each failed attempt.
var DefaultBackoff = []time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 6 * time.Hour}

func (c *Config) defaults() error {
	if c.PollInterval == 0 {
		c.PollInterval = 10 * time.Second
	}
	if c.Lease == 0 {
		c.Lease = 5 * time.Minute
	}
	if c.MaxAttempts == 0 {
		c.MaxAttempts = 6
	}
	if len(c.Backoff) == 0 {
		c.Backoff = DefaultBackoff
	}
	if c.Batch == 0 {
		c.Batch = 4
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.PollInterval < 0 || c.Lease < 0 || c.MaxAttempts < 1 || c.Batch < 1 {
		return errors.New("outbox: poll interval, lease, attempts and batch must be positive")
	}
	if c.From.Address == "" {
		return errors.New("outbox: the installation's sender address is required")
	}
	return nil
}

// Worker delivers the outbox. Start it once; Stop it once.
type Worker struct {
	store  Store
	sender mail.Sender
	cfg    Config
	log    *slog.Logger

	wake     chan struct{}
	stopping chan struct{}
	stopOnce sync.Once
	startMu  sync.Mutex
	cancel   context.CancelFunc
	done     chan struct{} // closed when the loop has ended; nil before Start
}

// New returns a worker that is not yet running.
func New(store Store, sender mail.Sender, cfg Config) (*Worker, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	return &Worker{store: store, sender: sender, cfg: cfg, log: cfg.Logger,
		wake: make(chan struct{}, 1), stopping: make(chan struct{})}, nil
}

// Start runs the worker in the background until Stop or until ctx ends.
// Ending ctx aborts at once, like a crash: sends in progress are cut off and
// not recorded, and their messages go out again when their lease passes.
// For a graceful end, call Stop.
func (w *Worker) Start(ctx context.Context) {
	w.startMu.Lock()
	defer w.startMu.Unlock()
	if w.done != nil {
		return
	}
	ctx, w.cancel = context.WithCancel(ctx)
	w.done = make(chan struct{})
	go w.loop(ctx)
}

// Wake asks a running worker to look for due messages now, e.g. right after
// a message was queued, instead of at the next poll.
func (w *Worker) Wake() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Stop ends the worker gracefully: it claims nothing more and waits for the
// messages it is sending to be sent and recorded. When ctx ends first, the
// sends are aborted (their messages go out again after their lease) and
// Stop reports that.
func (w *Worker) Stop(ctx context.Context) error {
	w.stopOnce.Do(func() { close(w.stopping) })
	w.startMu.Lock()
	done, cancel := w.done, w.cancel
	w.startMu.Unlock()
	if done == nil {
		return nil
	}
	select {
	case <-done:
		cancel()
		return nil
	case <-ctx.Done():
		cancel()
		<-done
		return fmt.Errorf("outbox: stopped before the messages being sent were recorded; they will be sent again: %w", ctx.Err())
	}
}

func (w *Worker) loop(ctx context.Context) {
	defer close(w.done)
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.stopping:
			return
		case <-timer.C:
		case <-w.wake:
		}
		for !w.stopped(ctx) {
			n, err := w.RunOnce(ctx)
			if err != nil && ctx.Err() == nil {
				w.log.Error("outbox: cannot claim messages", "err", err)
			}
			if err != nil || n < w.cfg.Batch {
				break // nothing more due now
			}
		}
		timer.Reset(w.cfg.PollInterval)
	}
}

func (w *Worker) stopped(ctx context.Context) bool {
	select {
	case <-ctx.Done():
		return true
	case <-w.stopping:
		return true
	default:
		return false
	}
}

// RunOnce claims the messages due now (up to Batch), sends them
// concurrently and records each outcome. It returns how many it claimed.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	msgs, err := w.store.ClaimDue(ctx, w.cfg.Now(), w.cfg.Lease, w.cfg.Batch)
	if err != nil {
		return 0, err
	}
	var wg sync.WaitGroup
	for _, m := range msgs {
		wg.Go(func() { w.deliver(ctx, m) })
	}
	wg.Wait()
	return len(msgs), nil
}

// deliver sends one claimed message and records the outcome. When ctx has
// ended nothing is recorded: the claim's lease brings the message back.
func (w *Worker) deliver(ctx context.Context, m itinera.OutboxMessage) {
	log := w.log.With("outbox_id", m.ID, "tenant_id", m.TenantID, "message_id", m.MessageID, "attempt", m.Attempts)
	if m.Attempts > w.cfg.MaxAttempts {
		// Claimed again and again without an outcome: its workers keep dying.
		w.fail(ctx, log, m, itinera.OutboxFailure{At: w.cfg.Now(), Permanent: true,
			Reason: fmt.Sprintf("Gave up after %d attempts: sending was interrupted each time.", m.Attempts-1)})
		return
	}
	from, err := w.from(ctx, m.TenantID)
	if err == nil {
		err = w.sender.Send(ctx, mail.Message{From: from, OutboxMessage: m})
	}
	if ctx.Err() != nil {
		log.Warn("outbox: stopped while sending; the message will be sent again after its lease", "err", err)
		return
	}
	now := w.cfg.Now()
	if err == nil {
		if err := w.store.MarkSent(ctx, m.ID, now); err != nil {
			log.Error("outbox: sent but not recorded; it may be sent once more", "err", err)
			return
		}
		log.Info("outbox: sent", "to", m.To)
		return
	}
	f := itinera.OutboxFailure{At: now, Reason: mail.Reason(err), Permanent: mail.IsPermanent(err)}
	if !f.Permanent && m.Attempts >= w.cfg.MaxAttempts {
		f.Permanent = true
		f.Reason = fmt.Sprintf("Gave up after %d attempts. The last problem: %s", m.Attempts, f.Reason)
	}
	if !f.Permanent {
		f.NextAttempt = now.Add(w.backoff(m.Attempts))
	}
	w.fail(ctx, log, m, f)
}

func (w *Worker) fail(ctx context.Context, log *slog.Logger, m itinera.OutboxMessage, f itinera.OutboxFailure) {
	if err := w.store.MarkFailed(ctx, m.ID, f); err != nil {
		log.Error("outbox: cannot record a failed attempt", "err", err, "reason", f.Reason)
		return
	}
	if f.Permanent {
		log.Warn("outbox: failed", "reason", f.Reason)
	} else {
		log.Info("outbox: will try again", "reason", f.Reason, "next_attempt", f.NextAttempt)
	}
}

// backoff is the delay after the given (1-based) failed attempt.
func (w *Worker) backoff(attempt int) time.Duration {
	i := min(max(attempt-1, 0), len(w.cfg.Backoff)-1)
	return w.cfg.Backoff[i]
}

// from is the sender shown on a tenant's messages.
func (w *Worker) from(ctx context.Context, tenantID int64) (netmail.Address, error) {
	name, addr, err := w.store.TenantMailFrom(ctx, tenantID)
	if err != nil {
		return netmail.Address{}, &mail.Error{Reason: "Could not read the organization's sender address", Err: err}
	}
	if addr == "" {
		addr = w.cfg.From.Address
	}
	if name == "" {
		name = w.cfg.From.Name
	}
	return netmail.Address{Name: name, Address: addr}, nil
}
