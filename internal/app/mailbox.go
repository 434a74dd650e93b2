package app

import (
	"context"
	"time"

	"itinera"
)

// The organization's mailbox (issue 17): the IMAP mailbox its answers
// arrive in. Administrators set it; the mailbox poller (internal/mailbox)
// reads it and hands each new message to ReceiveMail, recording its
// progress through the functions below.

// Mailbox returns the organization's mailbox settings (never the
// password) and how reading it goes, for administrators.
func (a *App) Mailbox(ctx context.Context, c Caller) (itinera.Mailbox, itinera.MailboxState, error) {
	if err := mustAdmin(c); err != nil {
		return itinera.Mailbox{}, itinera.MailboxState{}, err
	}
	if a.s.Mailboxes == nil {
		return itinera.Mailbox{}, itinera.MailboxState{}, itinera.Errorf(itinera.EINTERNAL, "mailboxes are not configured")
	}
	m, err := a.s.Mailboxes.Mailbox(ctx, c.tenant())
	if err != nil {
		return m, itinera.MailboxState{}, err
	}
	st, err := a.s.Mailboxes.MailboxState(ctx, c.tenant())
	return m, st, err
}

// UpdateMailbox stores the organization's mailbox settings. An empty
// password keeps the stored one; an empty host turns the mailbox off and
// forgets its password. The audit log records the change without the
// password, only whether one is stored. It returns the settings and the
// state as saved, read in the same transaction.
func (a *App) UpdateMailbox(ctx context.Context, c Caller, m itinera.Mailbox) (itinera.Mailbox, itinera.MailboxState, error) {
	if err := mustAdmin(c); err != nil {
		return itinera.Mailbox{}, itinera.MailboxState{}, err
	}
	if a.s.Mailboxes == nil {
		return itinera.Mailbox{}, itinera.MailboxState{}, itinera.Errorf(itinera.EINTERNAL, "mailboxes are not configured")
	}
	m.TenantID = c.tenant()
	var out itinera.Mailbox
	var state itinera.MailboxState
	err := a.inTx(ctx, func(ctx context.Context) error {
		before, err := a.s.Mailboxes.Mailbox(ctx, c.tenant())
		if err != nil {
			return err
		}
		if err := a.s.Mailboxes.SaveMailbox(ctx, &m); err != nil {
			return err
		}
		if out, err = a.s.Mailboxes.Mailbox(ctx, c.tenant()); err != nil {
			return err
		}
		if state, err = a.s.Mailboxes.MailboxState(ctx, c.tenant()); err != nil {
			return err
		}
		before.Password, out.Password = "", ""
		ob, on := diffOf(before, out)
		return a.auditAt(ctx, c.actor(), c.tenant(), "settings", c.tenant(), 0, actUpdate, ob, on)
	})
	if err == nil {
		a.log.InfoContext(ctx, "mailbox settings changed", "by", c.User.ID, "tenant", c.tenant(), "host", out.Host)
	}
	return out, state, err
}

// The poller's side. These run as the installation itself, not as a user:
// the poller reads every organization's mailbox.

// MailboxAccounts lists the organizations that have a mailbox (tenantID
// 0), or the one organization, with their passwords and positions.
func (a *App) MailboxAccounts(ctx context.Context, tenantID int64) ([]itinera.MailboxAccount, error) {
	if a.s.Mailboxes == nil {
		return nil, nil
	}
	return a.s.Mailboxes.MailboxAccounts(ctx, tenantID)
}

// MailboxActor is the name the audit log gives to what the mailbox
// poller does, on behalf of the organization.
const MailboxActor = "Itinera (the organization's mailbox)"

// ReceiveFromMailbox hands one message of the organization's mailbox to
// the inbound handler, as the organization itself.
func (a *App) ReceiveFromMailbox(ctx context.Context, tenantID int64, raw []byte) (InboundResult, error) {
	c := Caller{User: itinera.User{TenantID: tenantID, Role: itinera.RoleAdmin, Name: MailboxActor}}
	return a.ReceiveMail(ctx, c, raw)
}

// ResetMailboxPosition starts reading the organization's mailbox anew:
// the server gave it another UIDVALIDITY, so its old UIDs mean nothing.
// Messages taken before are recognised by their Message-ID.
func (a *App) ResetMailboxPosition(ctx context.Context, tenantID int64, uidValidity uint32) error {
	return a.s.Mailboxes.ResetMailboxPosition(ctx, tenantID, uidValidity)
}

// MailboxTaken records that a message was handed to the inbound handler.
func (a *App) MailboxTaken(ctx context.Context, tenantID int64, uidValidity, uid uint32, isNew bool) error {
	return a.s.Mailboxes.MailboxTaken(ctx, tenantID, uidValidity, uid, isNew)
}

// MailboxProblem records a message that could not be taken.
func (a *App) MailboxProblem(ctx context.Context, tenantID int64, p itinera.MailboxProblem) error {
	p.Reason = clipText(p.Reason, 1000)
	return a.s.Mailboxes.MailboxProblem(ctx, tenantID, p)
}

// RecordMailboxPoll notes a poll of the organization's mailbox.
func (a *App) RecordMailboxPoll(ctx context.Context, tenantID int64, problem string, idle bool) error {
	return a.s.Mailboxes.RecordMailboxPoll(ctx, tenantID, a.now().UTC(), clipText(problem, 1000), idle)
}

// Now is the application's clock.
func (a *App) Now() time.Time { return a.now() }
