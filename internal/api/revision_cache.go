package api

import (
	"context"
	"fmt"
	"net/http"
	"slices"

	"itinera"
	"itinera/internal/app"
)

// byRevision are the reads answered from the cache while the
// organization's revision stays the same (internal/pagecache): lists and
// records that change only through audited workflows. The outbox is not
// among them (its messages change status as they are sent, which is not a
// change of the organization's records), nor anything that depends on the
// time of day.
var byRevision = map[string]bool{
	"/api/v1/programs":                   true,
	"/api/v1/programs/{id}/days":         true,
	"/api/v1/programs/{id}/visitors":     true,
	"/api/v1/programs/{id}/interpreters": true,
	"/api/v1/programs/{id}/meetings":     true,
	"/api/v1/programs/{id}/activities":   true,
	"/api/v1/programs/{id}/feeds":        true,
	"/api/v1/organizations":              true,
	"/api/v1/contacts":                   true,
	"/api/v1/places":                     true,
	"/api/v1/topics":                     true,
}

// byStamp are the reads answered from the cache while the whole database
// is unchanged (app.Stamp: no commit at all since, by any process): the
// outbox, whose messages change status as they are sent without an audit
// entry. Where the stamp cannot be told, they are read every time.
var byStamp = map[string]bool{
	"/api/v1/outbox": true,
}

// answer is a kept 200 answer: its headers and body.
type answer struct {
	header http.Header
	body   []byte
}

// serveByRevision answers a GET of rt from the cache (stamped: also by
// app.Stamp), or runs h and keeps
// its answer when it is a 200. The key names the organization's revision,
// the caller's role (what a role may see differs), the address with its
// query (pages, filters) and the formats asked for.
func (a *API) serveByRevision(w http.ResponseWriter, r *http.Request, u itinera.User, stamped bool, h handlerFunc) error {
	stamp := ""
	if stamped {
		st, ok := a.app.Stamp(r.Context()) // before anything is read
		if !ok {
			return h(w, r, u)
		}
		stamp = st
	}
	rev, err := a.revision(r, u)
	if err != nil {
		return err
	}
	key := fmt.Sprintf("get:t%d:r%d:%s:%s:%s?%s|%s", u.TenantID, rev.ID, stamp, u.Role, r.URL.Path, r.URL.RawQuery, r.Header.Get("Accept"))
	if ans, ok := a.answers.Get(key); ok {
		ans.writeTo(w)
		return nil
	}
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	if err := h(rec, r, u); err != nil {
		return err
	}
	ans := &answer{header: rec.header, body: rec.body.Bytes()}
	if rec.status == http.StatusOK {
		a.answers.Put(key, ans, len(ans.body)+256)
	}
	ans.writeTo(w, rec.status)
	return nil
}

func (ans *answer) writeTo(w http.ResponseWriter, status ...int) {
	h := w.Header()
	for k, v := range ans.header {
		h[k] = slices.Clone(v) // the kept header is shared by every answer
	}
	code := http.StatusOK
	if len(status) > 0 {
		code = status[0]
	}
	w.WriteHeader(code)
	w.Write(ans.body)
}

// revisionKey carries, in a GET's context, the tenant's revision read
// with the caller's API token (app.AuthenticateTokenAt).
type revisionKey struct{}

func withRevision(r *http.Request, rev app.Revision) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), revisionKey{}, rev))
}

// revision is u's tenant's revision: the one read with the token in this
// GET, or read now.
func (a *API) revision(r *http.Request, u itinera.User) (app.Revision, error) {
	if rev, ok := r.Context().Value(revisionKey{}).(app.Revision); ok {
		return rev, nil
	}
	return a.app.Revision(r.Context(), u.TenantID)
}
