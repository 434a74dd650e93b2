// Package mailbox reads each organization's IMAP mailbox and hands every
// new message to the inbound handler (app.ReceiveMail, through
// app.ReceiveFromMailbox): the third way answers arrive, beside the
// `itinera inbound` pipe and POST /api/v1/inbound.
//
// Never twice, never lost: the poller keeps, per organization, the
// mailbox's UIDVALIDITY and the last UID it handed over (in the database,
// so across restarts too), and the handler itself takes each Message-ID
// once — a message appended twice, or handed over again after a crash
// between the two records, changes nothing the second time. A message
// taken is marked \Seen. A message that fails is recorded and tried again
// later with growing delays, while the ones after it go on; one larger
// than the handler's limit is recorded and left unread in the mailbox
// without its body being fetched.
//
// With IDLE (where the server offers it) new mail is taken as it arrives;
// otherwise the mailbox is asked at an interval.
package mailbox

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/inbound"
)

// App is what the poller needs of the application layer.
type App interface {
	MailboxAccounts(ctx context.Context, tenantID int64) ([]itinera.MailboxAccount, error)
	ReceiveFromMailbox(ctx context.Context, tenantID int64, raw []byte) (app.InboundResult, error)
	ResetMailboxPosition(ctx context.Context, tenantID int64, uidValidity uint32) error
	MailboxTaken(ctx context.Context, tenantID int64, uidValidity, uid uint32, isNew bool) error
	MailboxProblem(ctx context.Context, tenantID int64, p itinera.MailboxProblem) error
	RecordMailboxPoll(ctx context.Context, tenantID int64, problem string, idle bool) error
}

// Config tunes the poller. Zero values take the defaults named.
type Config struct {
	// Interval is how often a mailbox without IDLE is asked, and how long
	// after a failed connection it is tried again; 1m.
	Interval time.Duration
	// IdleMax is the longest IDLE before the mailbox is read again anyway
	// (which also checks that the connection still works); 10m.
	IdleMax time.Duration
	// Rescan is how often the list of organizations with a mailbox is
	// read again, to start, restart (changed settings) or stop pollers; 1m.
	Rescan time.Duration
	// Timeout bounds each exchange with the server; 1m.
	Timeout time.Duration
	// Backoff is the delay before a failing message is tried again, after
	// the 1st, 2nd, … failure; the last repeats. 1m 5m 30m 2h 6h.
	Backoff []time.Duration
	// Password returns the password the environment gives an
	// organization's mailbox (slug), which wins over the stored one; ""
	// when none.
	Password func(slug string) string
	// TLS is the base TLS configuration (tests add their own roots).
	TLS    *tls.Config
	Now    func() time.Time
	Logger *slog.Logger
}

// DefaultBackoff is the delay before a failing message is tried again.
var DefaultBackoff = []time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 6 * time.Hour}

func (c *Config) defaults() {
	if c.Interval <= 0 {
		c.Interval = time.Minute
	}
	if c.IdleMax <= 0 {
		c.IdleMax = 10 * time.Minute
	}
	if c.Rescan <= 0 {
		c.Rescan = time.Minute
	}
	if c.Timeout <= 0 {
		c.Timeout = time.Minute
	}
	if len(c.Backoff) == 0 {
		c.Backoff = DefaultBackoff
	}
	if c.Password == nil {
		c.Password = func(string) string { return "" }
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
}

// Poller reads the organizations' mailboxes.
type Poller struct {
	app App
	cfg Config
	log *slog.Logger
}

// New returns a poller; Run or PollOnce use it.
func New(a App, cfg Config) *Poller {
	cfg.defaults()
	return &Poller{app: a, cfg: cfg, log: cfg.Logger}
}

// Summary is what one pass over a mailbox did.
type Summary struct {
	Taken    int // messages handed to the handler that were new to it
	Repeats  int // messages it had received before
	Problems int // messages not taken: failing, too large or refused
}

// Run reads every organization's mailbox until ctx ends: one worker per
// mailbox, started, restarted when its settings change, and stopped when
// it is removed. It returns when every worker has stopped.
func (p *Poller) Run(ctx context.Context) {
	type worker struct {
		key    string
		cancel context.CancelFunc
		done   chan struct{}
	}
	workers := map[int64]*worker{}
	stop := func(w *worker) { w.cancel(); <-w.done }
	defer func() {
		for _, w := range workers {
			stop(w)
		}
	}()
	t := time.NewTicker(p.cfg.Rescan)
	defer t.Stop()
	for {
		accts, err := p.app.MailboxAccounts(ctx, 0)
		if err != nil && ctx.Err() == nil {
			p.log.Warn("mailbox: cannot list the organizations' mailboxes", "err", err)
		}
		if err == nil {
			seen := map[int64]bool{}
			for _, a := range accts {
				id := a.Mailbox.TenantID
				seen[id] = true
				key := fmt.Sprintf("%d/%s", a.Mailbox.Version, p.cfg.Password(a.Slug))
				if w := workers[id]; w != nil && w.key == key {
					continue
				} else if w != nil {
					stop(w)
				}
				wctx, cancel := context.WithCancel(ctx)
				w := &worker{key: key, cancel: cancel, done: make(chan struct{})}
				workers[id] = w
				go func() { defer close(w.done); p.watch(wctx, id, a.Slug) }()
			}
			for id, w := range workers {
				if !seen[id] {
					stop(w)
					delete(workers, id)
				}
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// watch keeps one organization's mailbox read until ctx ends.
func (p *Poller) watch(ctx context.Context, tenantID int64, slug string) {
	log := p.log.With("tenant", slug)
	log.Info("mailbox: reading the organization's mailbox")
	for ctx.Err() == nil {
		err := p.session(ctx, tenantID, true, nil)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			log.Warn("mailbox: reading failed; trying again later", "err", err, "in", p.cfg.Interval)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(p.cfg.Interval):
		}
	}
}

// PollOnce reads one organization's mailbox once (no IDLE), as the
// command line's `itinera inbound poll` does.
func (p *Poller) PollOnce(ctx context.Context, tenantID int64) (Summary, error) {
	var sum Summary
	err := p.session(ctx, tenantID, false, &sum)
	return sum, err
}

// ErrNoMailbox is returned by PollOnce for an organization without one.
var ErrNoMailbox = itinera.Errorf(itinera.ENOTFOUND, "The organization has no mailbox: set one in Admin › Mailbox (or PUT /api/v1/settings/mailbox).")

// account reads the organization's mailbox and position afresh.
func (p *Poller) account(ctx context.Context, tenantID int64) (itinera.MailboxAccount, error) {
	accts, err := p.app.MailboxAccounts(ctx, tenantID)
	if err != nil {
		return itinera.MailboxAccount{}, err
	}
	if len(accts) == 0 {
		return itinera.MailboxAccount{}, ErrNoMailbox
	}
	a := accts[0]
	if pw := p.cfg.Password(a.Slug); pw != "" {
		a.Mailbox.Password = pw
	}
	return a, nil
}

// session connects, reads the mailbox, and with keep waits in IDLE (or
// for the interval) and reads it again until ctx ends or something fails.
// Its problem is recorded as the mailbox's last error, in plain words.
func (p *Poller) session(ctx context.Context, tenantID int64, keep bool, sum *Summary) error {
	if sum == nil {
		sum = &Summary{}
	}
	acct, err := p.account(ctx, tenantID)
	if err != nil {
		return err
	}
	log := p.log.With("tenant", acct.Slug, "server", acct.Mailbox.Address(), "folder", acct.Mailbox.Folder)
	newMail := make(chan struct{}, 1)
	c, err := p.connect(ctx, acct, newMail)
	if err != nil {
		return p.recordProblem(ctx, tenantID, err)
	}
	defer c.close()
	sel, err := c.Select(acct.Mailbox.Folder, nil).Wait()
	if err != nil {
		return p.recordProblem(ctx, tenantID, &problem{fmt.Sprintf("The folder %q cannot be opened: %s", acct.Mailbox.Folder, serverText(err)), err})
	}
	idle := c.Caps().Has(imap.CapIdle) || c.Caps().Has(imap.CapIMAP4rev2)
	version := acct.Mailbox.Version
	for {
		if err := p.pass(ctx, c, acct, sel.UIDValidity, sum, log); err != nil {
			return p.recordProblem(ctx, tenantID, err)
		}
		if err := p.app.RecordMailboxPoll(ctx, tenantID, "", idle); err != nil {
			return stored(err)
		}
		if !keep {
			_ = c.Logout().Wait()
			return nil
		}
		if !idle {
			return nil // watch asks again after the interval
		}
		// Wait for new mail, or until a failing message is due again.
		if acct, err = p.account(ctx, tenantID); err != nil {
			return stored(err)
		}
		wait := p.cfg.IdleMax
		for _, pr := range acct.State.Problems {
			if pr.Status == itinera.MailboxFailing && pr.UIDValidity == sel.UIDValidity {
				wait = min(wait, max(pr.NextAttempt.Sub(p.cfg.Now()), time.Second))
			}
		}
		if err := c.idle(ctx, newMail, wait); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return p.recordProblem(ctx, tenantID, err)
		}
		if ctx.Err() != nil {
			return nil
		}
		// Read the position (and settings) afresh: another process (a
		// `itinera inbound poll`) may have moved it.
		if acct, err = p.account(ctx, tenantID); err != nil {
			return stored(err)
		}
		if acct.Mailbox.Version != version {
			return nil // changed settings: Run starts a new worker
		}
	}
}

// pass takes every message after the position, and the failing ones due
// again.
func (p *Poller) pass(ctx context.Context, c *client, acct itinera.MailboxAccount, validity uint32, sum *Summary, log *slog.Logger) error {
	tenantID := acct.Mailbox.TenantID
	st := acct.State
	if st.UIDValidity != validity {
		if st.UIDValidity != 0 {
			log.Warn("mailbox: the server renumbered the mailbox (new UIDVALIDITY): reading it again from the start; messages taken before are recognised by their Message-ID",
				"old", st.UIDValidity, "new", validity)
		}
		if err := p.app.ResetMailboxPosition(ctx, tenantID, validity); err != nil {
			return stored(err)
		}
		st.LastUID, st.Problems = 0, nil
	}
	now := p.cfg.Now()
	retry := map[imap.UID]itinera.MailboxProblem{}
	for _, pr := range st.Problems {
		if pr.Status == itinera.MailboxFailing && pr.UIDValidity == validity && !pr.NextAttempt.After(now) {
			retry[imap.UID(pr.UID)] = pr
		}
	}
	var msgs []*imapclient.FetchMessageBuffer
	if len(retry) > 0 {
		var set imap.UIDSet
		for uid := range retry {
			set.AddNum(uid)
		}
		got, err := c.Fetch(set, &imap.FetchOptions{UID: true, RFC822Size: true}).Collect()
		if err != nil {
			return &problem{"Listing the messages failed: " + serverText(err), err}
		}
		found := map[imap.UID]bool{}
		for _, m := range got {
			found[m.UID] = true
		}
		for uid := range retry {
			if !found[uid] {
				// Removed from the mailbox by a person: nothing left to take.
				if err := p.app.MailboxTaken(ctx, tenantID, validity, uint32(uid), false); err != nil {
					return stored(err)
				}
			}
		}
		msgs = append(msgs, got...)
	}
	got, err := c.Fetch(imap.UIDSet{{Start: imap.UID(st.LastUID + 1), Stop: 0}}, &imap.FetchOptions{UID: true, RFC822Size: true}).Collect()
	if err != nil {
		return &problem{"Listing the messages failed: " + serverText(err), err}
	}
	for _, m := range got {
		// "n:*" always names the last message, even below n.
		if uint32(m.UID) > st.LastUID {
			msgs = append(msgs, m)
		}
	}
	slices.SortFunc(msgs, func(a, b *imapclient.FetchMessageBuffer) int { return int(a.UID) - int(b.UID) })
	for _, m := range msgs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := p.take(ctx, c, tenantID, validity, m.UID, m.RFC822Size, retry[m.UID], sum, log); err != nil {
			return err
		}
	}
	return nil
}

// take hands one message to the handler. Its own failure is recorded
// (and tried again later); only a failing connection or database stops
// the pass.
func (p *Poller) take(ctx context.Context, c *client, tenantID int64, validity uint32, uid imap.UID, size int64,
	before itinera.MailboxProblem, sum *Summary, log *slog.Logger) error {
	log = log.With("uid", uint32(uid), "uidvalidity", validity)
	pr := itinera.MailboxProblem{UIDValidity: validity, UID: uint32(uid), Size: size, FirstAt: before.FirstAt, Attempts: before.Attempts}
	if pr.FirstAt.IsZero() {
		pr.FirstAt = p.cfg.Now().UTC()
	}
	if size > inbound.MaxBytes {
		pr.Status = itinera.MailboxTooLarge
		pr.Reason = fmt.Sprintf("Larger than the %d MiB an inbound message may have: left unread in the mailbox, its content not fetched.",
			inbound.MaxBytes>>20)
		log.Warn("mailbox: message too large; left in the mailbox", "size", size)
		sum.Problems++
		return stored(p.app.MailboxProblem(ctx, tenantID, pr))
	}
	section := &imap.FetchItemBodySection{Peek: true}
	got, err := c.Fetch(imap.UIDSetNum(uid), &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil {
		return &problem{"Fetching a message failed: " + serverText(err), err}
	}
	if len(got) == 0 {
		return nil // expunged meanwhile
	}
	raw := got[0].FindBodySection(section)
	res, err := p.app.ReceiveFromMailbox(ctx, tenantID, raw)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		pr.Attempts++
		if itinera.ErrorCode(err) == itinera.EINVALID {
			pr.Status, pr.Reason = itinera.MailboxRefused, refusal(err)+" Left in the mailbox."
			log.Warn("mailbox: message refused; left in the mailbox", "reason", pr.Reason)
		} else {
			pr.Status = itinera.MailboxFailing
			delay := p.cfg.Backoff[min(max(pr.Attempts-1, 0), len(p.cfg.Backoff)-1)]
			pr.NextAttempt = p.cfg.Now().UTC().Add(delay)
			pr.Reason = "Taking the message failed on Itinera's side (the server's log says why); it is tried again later."
			if itinera.ErrorCode(err) != itinera.EINTERNAL {
				pr.Reason = "Taking the message failed (" + itinera.ErrorMessage(err) + "); it is tried again later."
			}
			log.Error("mailbox: message failed; trying it again later", "err", err, "attempt", pr.Attempts, "next", pr.NextAttempt)
		}
		sum.Problems++
		return stored(p.app.MailboxProblem(ctx, tenantID, pr))
	}
	if err := c.Store(imap.UIDSetNum(uid), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagSeen}}, nil).Close(); err != nil {
		var ie *imap.Error
		if !errors.As(err, &ie) {
			return &problem{"Marking a message read failed: " + serverText(err), err}
		}
		log.Warn("mailbox: the server did not mark the message read", "err", err)
	}
	if res.Repeat {
		sum.Repeats++
		log.Info("mailbox: message received before; nothing done again", "message_id", res.Message.MessageID)
	} else {
		sum.Taken++
		log.Info("mailbox: message taken", "message_id", res.Message.MessageID, "kind", res.Message.Kind, "inbound_id", res.Message.ID)
	}
	return stored(p.app.MailboxTaken(ctx, tenantID, validity, uint32(uid), !res.Repeat))
}

// recordProblem records err as the mailbox's last error, in plain words,
// and returns it.
func (p *Poller) recordProblem(ctx context.Context, tenantID int64, err error) error {
	if ctx.Err() != nil {
		return err
	}
	if rerr := p.app.RecordMailboxPoll(ctx, tenantID, plainWords(err), false); rerr != nil {
		p.log.Warn("mailbox: cannot record the problem", "err", rerr)
	}
	return err
}

// client is an IMAP connection whose every exchange is bounded in time,
// and cut off when the poller stops.
type client struct {
	*imapclient.Client
	conn *timedConn
	stop func() bool
	once sync.Once
}

func (c *client) close() {
	c.once.Do(func() {
		c.stop()
		_ = c.Client.Close()
	})
}

// idle waits in IDLE until new mail arrives, for at most max, or ctx ends.
func (c *client) idle(ctx context.Context, newMail chan struct{}, max time.Duration) error {
	select { // mail that arrived during the pass: read again at once
	case <-newMail:
		return nil
	default:
	}
	c.conn.waitLong(true)
	defer c.conn.waitLong(false)
	cmd, err := c.Idle()
	if err != nil {
		return &problem{"Waiting for new mail (IDLE) failed: " + serverText(err), err}
	}
	t := time.NewTimer(max)
	defer t.Stop()
	select {
	case <-newMail:
	case <-t.C:
	case <-ctx.Done():
	}
	if err := cmd.Close(); err != nil {
		return &problem{"Waiting for new mail (IDLE) failed: " + serverText(err), err}
	}
	return cmd.Wait()
}

// connect dials the server as the settings say, signs in, and returns a
// client whose exchanges time out.
func (p *Poller) connect(ctx context.Context, acct itinera.MailboxAccount, newMail chan struct{}) (*client, error) {
	m := acct.Mailbox
	if err := m.Validate(); err != nil {
		return nil, &problem{"The mailbox settings are not valid: " + itinera.ErrorMessage(err), err}
	}
	if m.Password == "" {
		return nil, &problem{"No password is set for the mailbox: enter it in Admin › Mailbox, or set " + EnvPassword(acct.Slug) + " in the server's environment.", nil}
	}
	d := &net.Dialer{Timeout: p.cfg.Timeout}
	raw, err := d.DialContext(ctx, "tcp", m.Address())
	if err != nil {
		return nil, err
	}
	conn := &timedConn{Conn: raw, timeout: p.cfg.Timeout}
	tc := &tls.Config{MinVersion: tls.VersionTLS12}
	if p.cfg.TLS != nil {
		tc = p.cfg.TLS.Clone()
	}
	tc.ServerName = m.Host
	opts := &imapclient.Options{TLSConfig: tc, UnilateralDataHandler: &imapclient.UnilateralDataHandler{
		Mailbox: func(d *imapclient.UnilateralDataMailbox) {
			if d.NumMessages != nil {
				select {
				case newMail <- struct{}{}:
				default:
				}
			}
		},
	}}
	var ic *imapclient.Client
	switch m.Security {
	case itinera.MailboxTLS:
		tconn := tls.Client(conn, tc)
		if err := tconn.HandshakeContext(ctx); err != nil {
			conn.Close()
			return nil, err
		}
		ic = imapclient.New(tconn, opts)
	case itinera.MailboxStartTLS:
		if ic, err = imapclient.NewStartTLS(conn, opts); err != nil {
			conn.Close()
			return nil, &problem{"The server did not start TLS (STARTTLS): " + serverText(err), err}
		}
	default:
		ic = imapclient.New(conn, opts)
	}
	c := &client{Client: ic, conn: conn}
	c.stop = context.AfterFunc(ctx, func() { _ = ic.Close() })
	if err := ic.WaitGreeting(); err != nil {
		c.close()
		return nil, err
	}
	if err := ic.Login(m.Username, m.Password).Wait(); err != nil {
		c.close()
		var ie *imap.Error
		if errors.As(err, &ie) {
			return nil, &problem{fmt.Sprintf("The server refused the user name %q or its password: %s", m.Username, serverText(err)), err}
		}
		return nil, err
	}
	return c, nil
}

// refusal says why the handler refused a message: its field messages.
func refusal(err error) string {
	var out []string
	for _, msg := range itinera.ErrorFields(err) {
		out = append(out, msg)
	}
	if len(out) == 0 {
		return itinera.ErrorMessage(err)
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}
