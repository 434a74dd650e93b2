package web

import (
	"context"
	"net/http"

	"itinera"
	"itinera/internal/auth"
)

// linkRecord does what every personal link (a resource's /r/{token}, a
// host's /h/{token}) checks before its page: the client's tries, the
// token's shape and its lookup by hash. A wrong link counts against the
// client's tries and gets the friendly page unknown; other lookup errors
// named in gone get their page. ok is false when a page was written.
// Tries are kept per client address (behind a trusted proxy, the
// client's, not the proxy's), so one address guessing links is refused
// links without holding back anyone else's.
func linkRecord[T any](ui *UI, w http.ResponseWriter, r *http.Request, s *session, scope string, unknown goneView,
	gone map[string]goneView, lookup func(ctx context.Context, tokenHash string) (T, error)) (rec T, hash string, ok bool) {
	key := scope + "|" + clientIP(r)
	if wait := ui.req.blockedFor(key); wait > 0 {
		w.Header().Set("Retry-After", retryAfter(wait))
		ui.gone(w, r, s, tooMany)
		return rec, "", false
	}
	token := r.PathValue("token")
	var err error = itinera.Errorf(itinera.ENOTFOUND, "no such link")
	if auth.WellFormedToken(token) {
		hash = auth.HashToken(token)
		rec, err = lookup(r.Context(), hash)
	}
	code := itinera.ErrorCode(err)
	switch {
	case code == "":
		return rec, hash, true
	case code == itinera.ENOTFOUND:
		if !ui.req.failed(key) {
			ui.log.WarnContext(r.Context(), "personal link tries limited", "page", scope, "ip", clientIP(r))
			w.Header().Set("Retry-After", retryAfter(ui.req.Limiter.Every))
			ui.gone(w, r, s, tooMany)
			return rec, "", false
		}
		ui.gone(w, r, s, unknown)
	case gone[code].Status != 0:
		ui.gone(w, r, s, gone[code])
	default:
		ui.fail(w, r, s, err)
	}
	return rec, "", false
}
