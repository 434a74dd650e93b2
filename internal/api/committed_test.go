package api

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"itinera/internal/store"
	"itinera/internal/storetest"
)

// downAfterCommit is the database going away the moment a workflow's
// transaction has committed, as in a database restart: every connection
// is closed, so any read after the commit fails.
type downAfterCommit struct {
	s    *store.Store
	down atomic.Bool
}

func (d *downAfterCommit) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if d.down.Load() {
		return d.s.InTx(ctx, fn) // fails: the database is gone
	}
	err := d.s.InTx(ctx, fn)
	if err == nil {
		d.down.Store(true)
		d.s.Close()
	}
	return err
}

// TestCommittedWriteNeverAnswers5xx: for every write route, the database
// disappears right after the workflow's commit; the answer is still the
// success the client needs (built from what the transaction read), never
// a 5xx that would make the client retry a change that was made.
func TestCommittedWriteNeverAnswers5xx(t *testing.T) {
	t.Parallel()
	probe := mustEnv(t)
	var committed atomic.Int32
	t.Cleanup(func() {
		// Most write routes commit with the fixture's records; a walk
		// where few did would prove nothing.
		t.Logf("%d write routes committed", committed.Load())
		if n := committed.Load(); n < 40 {
			t.Errorf("only %d write routes committed", n)
		}
	})
	for _, rt := range probe.api.routes() {
		if rt.access == public || rt.method == "GET" {
			continue
		}
		t.Run(rt.method+" "+rt.path, func(t *testing.T) {
			t.Parallel()
			s := storetest.SQLite(t)
			d := &downAfterCommit{s: s}
			e := mustEnvTx(t, s, d)
			path, body := e.target(rt)
			token := e.officerA
			if rt.access == admin {
				token = e.more().adminA
			}
			// The fixture is complete: from here the first commit takes the database down.
			r := e.do(rt.method, path, token, body)
			if !d.down.Load() {
				return // the workflow refused (4xx) and committed nothing
			}
			committed.Add(1)
			if r.Code >= 500 {
				t.Errorf("%s %s committed, then answered %d: %s", rt.method, path, r.Code, strings.TrimSpace(r.Body.String()))
			}
			if r.Code >= 300 && r.Code != http.StatusNoContent {
				t.Errorf("%s %s committed, then answered %d", rt.method, path, r.Code)
			}
		})
	}
}
