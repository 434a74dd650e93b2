package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strconv"

	"itinera"
)

// Idempotency-Key (the IETF httpapi draft): a POST sent with one is handled
// once per key and tenant. The request runs in one transaction with its
// answer, which is kept for two days; a retry with the same key (after a
// lost connection, say) gets the first answer back, with the header
// Idempotent-Replayed: true, and creates nothing new. An answer that is an
// error is not kept: nothing was done, so the retry runs again.

// maxKeyLength bounds an Idempotency-Key.
const maxKeyLength = 255

// errNotKept makes Idempotent roll back a request that did not succeed.
var errNotKept = errors.New("api: the answer is an error, not kept")

// idempotent serves a POST carrying an Idempotency-Key through h.
func (a *API) idempotent(w http.ResponseWriter, r *http.Request, u itinera.User, key string, h handlerFunc) {
	if len(key) > maxKeyLength || !printable(key) {
		a.writeError(w, r, badRequest("An Idempotency-Key is 1 to %d visible ASCII characters.", maxKeyLength))
		return
	}
	limit := bodyLimit(r)
	if r.URL.Path == "/api/v1/imports" { // a spreadsheet, not JSON
		limit = itinera.MaxImportFileBytes + 1<<20
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		a.writeError(w, r, decodeError(err))
		return
	}
	sum := sha256.New()
	for _, part := range [][]byte{[]byte(r.Method), {0}, []byte(r.URL.RequestURI()), {0}, body} {
		sum.Write(part)
	}
	fingerprint := hex.EncodeToString(sum.Sum(nil))
	var rec *recorder
	ans, replayed, err := a.app.Idempotent(r.Context(), a.caller(r, u), key, fingerprint,
		func(ctx context.Context) (itinera.IdempotentAnswer, error) {
			rec = &recorder{header: http.Header{}, status: http.StatusOK}
			r2 := r.WithContext(ctx)
			r2.Body = io.NopCloser(bytes.NewReader(body))
			if err := h(rec, r2, u); err != nil {
				a.writeError(rec, r2, err)
			}
			if rec.status < 200 || rec.status > 299 {
				return itinera.IdempotentAnswer{}, errNotKept
			}
			return itinera.IdempotentAnswer{Status: rec.status, Location: rec.header.Get("Location"), Body: rec.body.String()}, nil
		})
	switch {
	case errors.Is(err, errNotKept):
		rec.copyTo(w)
	case err != nil:
		a.writeError(w, r, err)
	default:
		if replayed {
			w.Header().Set("Idempotent-Replayed", "true")
		}
		if ans.Location != "" {
			w.Header().Set("Location", ans.Location)
		}
		if rec != nil && rec.header.Get("ETag") != "" {
			w.Header().Set("ETag", rec.header.Get("ETag"))
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(ans.Body)))
		w.WriteHeader(ans.Status)
		io.WriteString(w, ans.Body)
	}
}

func printable(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// recorder keeps an answer until the transaction that made it commits.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (rec *recorder) Header() http.Header { return rec.header }

func (rec *recorder) WriteHeader(status int) {
	if !rec.wrote {
		rec.status, rec.wrote = status, true
	}
}

func (rec *recorder) Write(b []byte) (int, error) {
	rec.wrote = true
	return rec.body.Write(b)
}

// copyTo writes the kept answer to w.
func (rec *recorder) copyTo(w http.ResponseWriter) {
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.status)
	w.Write(rec.body.Bytes())
}
