package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/storetest"
)

// TestAdminMailbox: an administrator gives the organization's IMAP
// mailbox; wrong fields are named, the password is stored but never shown
// back (not in the form, not after an error, not in the audit log), an
// empty password keeps it, and the page says how reading goes. Another
// organization sees none of it.
func TestAdminMailbox(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.admin)
	_, doc := c.page("/admin/mailbox", http.StatusOK)
	doc.one(t, "#mailbox-none")
	if v := doc.one(t, "form#mailbox-form").formValues(); v.Get("security") != "tls" || v.Get("host") != "" {
		t.Fatalf("empty form %v", v)
	}
	if hint := doc.one(t, "#f-password-hint").Text(); !strings.Contains(hint, "ITINERA_IMAP_ALPHA_PASSWORD") {
		t.Errorf("password hint %q", hint)
	}

	const secret = "imap-secret-7Qx"
	res, body := c.post("/admin/mailbox", url.Values{"host": {"imap.example.org"}, "security": {"none"}, "port": {"x"},
		"username": {""}, "password": {secret}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid mailbox: %d", res.StatusCode)
	}
	doc = parseHTML(t, body)
	if got := summaryFields(doc); !got["port"] || len(got) != 1 {
		t.Errorf("summary names %v", got)
	}
	if strings.Contains(body, secret) {
		t.Error("the typed password was sent back")
	}
	res, body = c.post("/admin/mailbox", url.Values{"host": {"imap.example.org"}, "security": {"none"},
		"username": {""}, "password": {secret}})
	doc = parseHTML(t, body)
	if got := summaryFields(doc); res.StatusCode != http.StatusUnprocessableEntity || !got["security"] || !got["username"] || len(got) != 2 {
		t.Errorf("%d, summary names %v", res.StatusCode, got)
	}

	v := url.Values{"host": {"imap.example.org"}, "security": {"tls"}, "username": {"programs@alpha.example.org"},
		"password": {secret}, "folder": {""}}
	res, _ = c.post("/admin/mailbox", v)
	doc = c.follow(res)
	form := doc.one(t, "form#mailbox-form").formValues()
	if form.Get("port") != "993" || form.Get("folder") != "INBOX" || form.Get("password") != "" ||
		!strings.Contains(doc.one(t, "#f-password-hint").Text(), "A password is stored") {
		t.Fatalf("saved form %v", form)
	}
	if got := doc.one(t, "#mailbox-last-poll").Text(); !strings.Contains(got, "not yet") {
		t.Errorf("last poll %q", got)
	}
	accts, err := e.store.MailboxAccounts(ctx, e.a.tenant.ID)
	must(t, err)
	if len(accts) != 1 || accts[0].Mailbox.Password != secret {
		t.Fatalf("stored %+v", accts)
	}
	// Saved again without a password: it is kept.
	form.Set("folder", "Answers")
	res, _ = c.post("/admin/mailbox", form)
	c.follow(res)
	accts, err = e.store.MailboxAccounts(ctx, e.a.tenant.ID)
	must(t, err)
	if accts[0].Mailbox.Password != secret || accts[0].Mailbox.Folder != "Answers" {
		t.Fatalf("after a save without password %+v", accts[0].Mailbox)
	}
	entries, err := e.store.AuditLog(ctx, e.a.tenant.ID, itinera.AuditFilter{Limit: 100})
	must(t, err)
	logged := false
	for _, en := range entries {
		all := fmt.Sprint(en.Before, en.After)
		if strings.Contains(all, secret) {
			t.Fatal("the password is in the audit log")
		}
		logged = logged || strings.Contains(all, "imap.example.org")
	}
	if !logged {
		t.Error("the change is not in the audit log")
	}

	// How reading goes.
	must(t, e.store.RecordMailboxPoll(ctx, e.a.tenant.ID, storetest.Now(), "The server name imap.example.org is not known: check the host.", false))
	must(t, e.store.MailboxProblem(ctx, e.a.tenant.ID, itinera.MailboxProblem{UID: 7, Size: 12 << 20, Status: itinera.MailboxTooLarge,
		Reason: "The message is 12.0 MiB: left unread in the mailbox.", FirstAt: storetest.Now()}))
	_, doc = c.page("/admin/mailbox", http.StatusOK)
	if got := doc.one(t, "#mailbox-problem").Text(); !strings.Contains(got, "is not known") {
		t.Errorf("problem %q", got)
	}
	if rows := doc.all("#mailbox-problems tbody tr"); len(rows) != 1 || !strings.Contains(rows[0].Text(), "too large") {
		t.Errorf("problem rows %d", len(rows))
	}

	// The other organization has no mailbox; emptying the host forgets it.
	_, doc = e.signIn(e.b.admin).page("/admin/mailbox", http.StatusOK)
	doc.one(t, "#mailbox-none")
	_, doc = c.page("/admin/mailbox", http.StatusOK)
	form = doc.one(t, "form#mailbox-form").formValues()
	form.Set("host", "")
	res, _ = c.post("/admin/mailbox", form)
	doc = c.follow(res)
	doc.one(t, "#mailbox-none")
	if accts, err = e.store.MailboxAccounts(ctx, e.a.tenant.ID); err != nil || len(accts) != 0 {
		t.Fatalf("after removal %v %v", accts, err)
	}
}

// TestMailboxPageOnAPhone: Admin › Mailbox, with a mailbox read and two
// messages not taken, fits a 390 px phone; with ITINERA_SCREENSHOTS=DIR
// it is saved there (mailbox.png, mailbox-phone.png).
func TestMailboxPageOnAPhone(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.admin)
	_, _, err := e.ui.app.UpdateMailbox(ctx, app.Caller{User: e.a.admin}, itinera.Mailbox{Host: "imap.alpha.example.org",
		Username: "programs@alpha.example.org", Password: "imap-secret-7Qx", Folder: "Answers"})
	must(t, err)
	id := e.a.tenant.ID
	must(t, e.store.ResetMailboxPosition(ctx, id, 1795959907))
	must(t, e.store.MailboxTaken(ctx, id, 1795959907, 12, true))
	must(t, e.store.MailboxProblem(ctx, id, itinera.MailboxProblem{UIDValidity: 1795959907, UID: 7, Size: 14 << 20,
		Status: itinera.MailboxTooLarge, FirstAt: storetest.Now(),
		Reason: "Larger than the 10 MiB an inbound message may have: left unread in the mailbox, its content not fetched."}))
	must(t, e.store.MailboxProblem(ctx, id, itinera.MailboxProblem{UIDValidity: 1795959907, UID: 11, Size: 5200,
		Status: itinera.MailboxFailing, Attempts: 2, FirstAt: storetest.Now(), NextAttempt: storetest.Now().Add(5 * time.Minute),
		Reason: "Taking the message failed (the database did not answer); it is tried again later."}))
	must(t, e.store.RecordMailboxPoll(ctx, id, storetest.Now(), "", true))
	shootPages(t, e, c, []shot{{path: "/admin/mailbox", name: "mailbox", wait: "#mailbox-form"}})
}
