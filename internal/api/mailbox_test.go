package api

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// TestMailboxSettings: an administrator sets the organization's mailbox
// through the API; the password is written but never read back, an
// empty one keeps it, a stale version is refused, an empty host stops
// reading a mailbox. Officers may not.
func TestMailboxSettings(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		x := e.more()
		const path, secret = "/api/v1/settings/mailbox", "imap-secret-9Zq"
		got := e.do("GET", path, x.adminA, nil).expect(http.StatusOK).object()
		if got["host"] != "" || got["has_password"] != false || got["version"] != 0.0 {
			t.Fatalf("no mailbox: %v", got)
		}
		r := e.do("PUT", path, x.adminA, map[string]any{"host": "imap.stl.example.org", "username": "programs", "password": secret}).expect(http.StatusOK)
		if strings.Contains(r.Body.String(), secret) || strings.Contains(r.Body.String(), `"password"`) {
			t.Fatalf("the password is answered: %s", r.Body.String())
		}
		got = r.object()
		if got["port"] != 993.0 || got["security"] != "tls" || got["folder"] != "INBOX" || got["has_password"] != true {
			t.Fatalf("saved: %v", got)
		}
		accts, err := e.store.MailboxAccounts(context.Background(), e.tenantA.ID)
		must(t, err)
		if len(accts) != 1 || accts[0].Mailbox.Password != secret {
			t.Fatalf("stored %+v", accts)
		}
		// Without a password it is kept; against an old version, refused.
		e.withHeader("If-Match", `"1"`).do("PUT", path, x.adminA, map[string]any{"host": "imap.stl.example.org", "username": "programs",
			"security": "starttls"}).expect(http.StatusOK)
		e.withHeader("If-Match", `"1"`).do("PUT", path, x.adminA, map[string]any{"host": "imap.stl.example.org", "username": "x"}).
			expect(http.StatusPreconditionFailed)
		if accts, _ = e.store.MailboxAccounts(context.Background(), e.tenantA.ID); accts[0].Mailbox.Password != secret || accts[0].Mailbox.Port != 143 {
			t.Fatalf("after a change without password %+v", accts[0].Mailbox)
		}
		_, _, fields := e.do("PUT", path, x.adminA, map[string]any{"host": "imap.stl.example.org", "security": "none", "port": 70000}).
			expect(http.StatusUnprocessableEntity).apiError()
		if fields["security"] == nil || fields["port"] == nil || fields["username"] == nil {
			t.Errorf("fields %v", fields)
		}
		e.do("PUT", path, e.officerA, map[string]any{"host": ""}).expect(http.StatusForbidden)
		got = e.do("PUT", path, x.adminA, map[string]any{"host": ""}).expect(http.StatusOK).object()
		if got["host"] != "" || got["has_password"] != false {
			t.Fatalf("removed: %v", got)
		}
	})
}
