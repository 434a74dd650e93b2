package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"itinera"
	"itinera/internal/letters"
)

// Notifications inside the app (the bell) and their optional daily digest
// by e-mail. They are derived from the organization's records
// (itinera.Alert); each user keeps the instant they have seen them up to.

// maxAlerts bounds the bell's list.
const maxAlerts = 50

// Alerts is what the bell shows: the organization's notifications of the
// last 30 days, newest first, and how many are new to the caller.
type Alerts struct {
	Items  []itinera.Alert
	Unread int
	SeenAt time.Time // the caller has seen them up to then
}

// New reports whether the caller has not seen n yet.
func (al Alerts) New(n itinera.Alert) bool { return n.At.After(al.SeenAt) }

// Alerts lists the caller's notifications.
func (a *App) Alerts(ctx context.Context, c Caller) (Alerts, error) {
	if err := mustSignIn(c); err != nil {
		return Alerts{}, err
	}
	u, err := a.r.Accounts.User(ctx, c.tenant(), c.User.ID)
	if err != nil {
		return Alerts{}, err
	}
	now := a.now().UTC()
	items, err := a.r.Accounts.Alerts(ctx, c.tenant(), now.Add(-itinera.AlertWindow), now.Add(time.Second), maxAlerts)
	if err != nil {
		return Alerts{}, err
	}
	out := Alerts{Items: forRole(items, c.User.Role), SeenAt: u.AlertsSeenAt}
	for _, n := range out.Items {
		if out.New(n) {
			out.Unread++
		}
	}
	return out, nil
}

// forRole hides secret links in what a role that may not see them reads
// (a failed message's subject).
func forRole(items []itinera.Alert, r itinera.Role) []itinera.Alert {
	if r.SeesSecretLinks() {
		return items
	}
	for i := range items {
		items[i].What = itinera.RedactSecretLinks(items[i].What)
		items[i].Who = itinera.RedactSecretLinks(items[i].Who)
	}
	return items
}

// MarkAlertsRead marks the caller's notifications up to upTo as seen (now,
// when upTo is zero or later): what arrives after the list they read
// stays new.
func (a *App) MarkAlertsRead(ctx context.Context, c Caller, upTo time.Time) error {
	if err := mustSignIn(c); err != nil {
		return err
	}
	now := a.now().UTC()
	if upTo.IsZero() || upTo.After(now) {
		upTo = now
	}
	return a.inTx(ctx, func(ctx context.Context) error {
		u, err := a.s.Accounts.User(ctx, c.tenant(), c.User.ID)
		if err != nil || !upTo.After(u.AlertsSeenAt) {
			return err // an older page's mark never makes seen ones new again
		}
		return a.s.Accounts.SetAlertsSeen(ctx, c.tenant(), c.User.ID, upTo)
	})
}

// SetDailyDigest turns the caller's daily digest e-mail on or off.
func (a *App) SetDailyDigest(ctx context.Context, c Caller, on bool) error {
	if err := mustSignIn(c); err != nil {
		return err
	}
	return a.inTx(ctx, func(ctx context.Context) error {
		if err := a.s.Accounts.SetDailyDigest(ctx, c.tenant(), c.User.ID, on); err != nil {
			return err
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "user", c.User.ID, 0, actUpdate, nil, map[string]any{"DailyDigest": on})
	})
}

// SendDigests queues, for every user who wants one, the digest of the
// last whole day in their organization's zone, at most once per user and
// day: the day is recorded in the same transaction as the message, so a
// restart or a second worker sends nothing twice. A day without
// notifications sends nothing. It returns how many digests it queued.
func (a *App) SendDigests(ctx context.Context, site string) (int, error) {
	users, err := a.s.Accounts.DigestUsers(ctx)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, u := range users {
		ok, err := a.sendDigest(ctx, site, u)
		if err != nil {
			return sent, err
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

// sendDigest queues u's digest of yesterday, if not yet done.
func (a *App) sendDigest(ctx context.Context, site string, u itinera.User) (bool, error) {
	queued := false
	err := a.inTx(ctx, func(ctx context.Context) error {
		t, loc, err := a.tenantZone(ctx, Caller{User: u})
		if err != nil {
			return err
		}
		now := a.now().In(loc)
		today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
		day := today.AddDate(0, 0, -1)
		claimed, err := a.s.Accounts.ClaimDigestDay(ctx, u.ID, day.Format(time.DateOnly))
		if err != nil || !claimed {
			return err
		}
		items, err := a.s.Accounts.Alerts(ctx, u.TenantID, day.UTC(), today.UTC(), maxAlerts)
		if err != nil || len(items) == 0 {
			return err
		}
		items = forRole(items, u.Role)
		base := strings.TrimRight(site, "/")
		v := letters.Digest{To: letters.Recipient{Name: u.Name, Email: u.Email}, Organization: t.Name,
			Day: day.Format("Monday 2 January 2006"), Settings: base + AccountPath}
		for i := len(items) - 1; i >= 0; i-- { // oldest first, as the day went
			n := items[i]
			v.Items = append(v.Items, letters.DigestItem{At: n.At.In(loc).Format("15:04 MST"), Text: n.Text(), Link: base + n.Path()})
		}
		m, err := letters.Default.Digest(u.TenantID, v)
		if err != nil {
			return err
		}
		queued = true
		return a.s.Outbox.Enqueue(ctx, &m)
	})
	if err != nil {
		return false, err
	}
	if queued {
		a.log.InfoContext(ctx, "daily digest queued", "user", u.ID, "tenant", u.TenantID)
	}
	return queued, nil
}

// AccountPath is the user's own account page.
const AccountPath = "/account"

// bellTTL bounds how long the bell's kept notifications are shown: the
// changes of the records make a new key at once (BellAlerts); only the
// passing of time (a request that becomes overdue, an old notification
// leaving the 30 days) waits for it.
const bellTTL = 10 * time.Second

// BellAlerts is Alerts for the header's bell, kept in memory: the
// organization's notifications are read again only when its revision
// (every audited change) or its alerts counter (a message failed for good
// or bounced, sent again; a received message recorded, tied or put aside,
// bumped in the same transaction by the store) has changed, or after
// bellTTL. Both are read from the database on every call, so a change made
// through another server is seen at once too. The unread count is the
// caller's, from c.User (read with the session). Key names the
// notifications returned: the same key, the same items. Items must not be
// modified.
//
// rev, when not nil, is the tenant's AlertsRevision read with the
// caller's credential in this request (itinera.Session.Alerts); when nil,
// it is read here.
func (a *App) BellAlerts(ctx context.Context, c Caller, rev *itinera.AlertsRevision) (al Alerts, key string, err error) {
	if err := mustSignIn(c); err != nil {
		return Alerts{}, "", err
	}
	if rev == nil {
		r, err := a.r.Accounts.AlertsRevision(ctx, c.tenant())
		if err != nil {
			return Alerts{}, "", err
		}
		rev = &r
	}
	now := a.now().UTC()
	key = fmt.Sprintf("bell:t%d:r%d:a%d:s%t:b%d", c.tenant(), rev.Audit, rev.Alerts, c.User.Role.SeesSecretLinks(),
		now.UnixNano()/int64(bellTTL))
	items, ok := a.bells.Get(key)
	if !ok {
		items, err = a.r.Accounts.Alerts(ctx, c.tenant(), now.Add(-itinera.AlertWindow), now.Add(time.Second), maxAlerts)
		if err != nil {
			return Alerts{}, "", err
		}
		items = forRole(items, c.User.Role)
		a.bells.Put(key, items, 1)
	}
	al = Alerts{Items: items, SeenAt: c.User.AlertsSeenAt}
	for _, n := range items {
		if al.New(n) {
			al.Unread++
		}
	}
	return al, key, nil
}
