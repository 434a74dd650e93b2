package app

import (
	"context"
	"time"

	"itinera"
)

// IdempotencyKeep is how long the answer to an idempotent request is kept:
// a retry within it gets the same answer and creates nothing new.
const IdempotencyKeep = 48 * time.Hour

// Idempotent runs do, a request's whole handling, once per key of the
// caller's tenant: the first time in one transaction with the answer it
// returns, which is kept; every retry with the same key gets that answer
// back (replayed true) without running do. A key used before for another
// request (fingerprint) is refused. An error from do rolls everything
// back, so the client may correct the request and send it again with the
// same key.
func (a *App) Idempotent(ctx context.Context, c Caller, key, fingerprint string,
	do func(ctx context.Context) (itinera.IdempotentAnswer, error)) (ans itinera.IdempotentAnswer, replayed bool, err error) {
	err = a.inTx(ctx, func(ctx context.Context) error {
		prev, err := a.s.Idempotency.IdempotentAnswer(ctx, c.tenant(), key)
		switch itinera.ErrorCode(err) {
		case "":
			if prev.Fingerprint != fingerprint {
				return &itinera.Error{Code: itinera.EINVALID, Message: "This Idempotency-Key was used for another request.",
					Fields: map[string]string{"Idempotency-Key": "Use a new key for a new request; send a retry with the same method, path and body."}}
			}
			if a.now().Sub(prev.CreatedAt) <= IdempotencyKeep {
				ans, replayed = prev, true
				return nil
			}
		case itinera.ENOTFOUND:
		default:
			return err
		}
		if ans, err = do(ctx); err != nil {
			return err
		}
		ans.Key, ans.Fingerprint, ans.CreatedAt = key, fingerprint, a.now().UTC()
		return a.s.Idempotency.SaveIdempotentAnswer(ctx, c.tenant(), ans, a.now().Add(-IdempotencyKeep))
	})
	return ans, replayed, err
}
