package web

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"itinera"
	"itinera/internal/demo"
	"itinera/internal/storetest"
)

// countingDirectory counts the reads of the directory's organizations.
type countingDirectory struct {
	itinera.DirectoryService
	reads *atomic.Int32
}

func (c countingDirectory) Organizations(ctx context.Context, tenantID int64, f itinera.DirectoryFilter) ([]itinera.Organization, error) {
	c.reads.Add(1)
	return c.DirectoryService.Organizations(ctx, tenantID, f)
}

// TestKeptPagesSeeEveryCommit: a list page read twice is made once; any
// commit (here a bounce marking a contact's address failing, which writes
// no audit entry) makes it again at once; another session never gets the
// first one's copy (its CSRF token is in it).
func TestKeptPagesSeeEveryCommit(t *testing.T) {
	t.Parallel()
	var reads atomic.Int32
	e := mustServe(t, func(s *itinera.Services) {
		s.Directory = countingDirectory{DirectoryService: s.Directory, reads: &reads}
	})
	tenant := demo.Tenant()
	must(t, e.store.CreateTenant(ctx, &tenant))
	_, err := demo.Load(ctx, services(e.store), tenant.ID, storetest.Clock)
	must(t, err)
	u := e.mustUser(tenant.ID, "officer@demo.example.org", itinera.RoleOfficer)
	c := e.signIn(u)
	for i := 0; ; i++ { // PostgreSQL's listener connects in the background
		if _, ok := e.store.Stamp(ctx); ok {
			break
		}
		if i == 1000 {
			t.Fatal("the store never watched for changes")
		}
		time.Sleep(10 * time.Millisecond)
	}
	// Another commit may land between two loads (on PostgreSQL the
	// fixture's own notifications, and other tests' on the same database,
	// arrive in the background): each makes the page again once, so try a
	// few times to see two loads with one making.
	var doc *node
	kept := false
	for i := 0; i < 50 && !kept; i++ {
		c.page("/directory", http.StatusOK)
		before := reads.Load()
		_, doc = c.page("/directory", http.StatusOK)
		kept = reads.Load() == before
		if !kept {
			time.Sleep(20 * time.Millisecond)
		}
	}
	if !kept {
		t.Fatalf("the unchanged directory was read again on every load (%d reads)", reads.Load())
	}
	if strings.Contains(doc.Text(), "address failing") {
		t.Fatal("an address fails before any bounce")
	}
	contacts, err := e.store.Contacts(ctx, tenant.ID, itinera.DirectoryFilter{})
	must(t, err)
	must(t, e.store.MarkContactFailing(ctx, tenant.ID, contacts[0].ID, "Returned (5.1.1): User unknown."))
	if _, doc = c.page("/directory", http.StatusOK); !strings.Contains(doc.Text(), "address failing") {
		t.Fatal("the page after a commit is the kept one")
	}
	other := e.signIn(u)
	tok := func(c *client) string {
		_, d := c.page("/directory", http.StatusOK)
		return d.one(t, "form[action=\"/logout\"] input[name=csrf_token]").attr("value")
	}
	if tok(c) == tok(other) {
		t.Fatal("two sessions got the same page (the same CSRF token)")
	}
}
