package app

import (
	"context"

	"itinera"
	"itinera/internal/hosting"
)

// ShowEveningAfter runs one of the evening's workflows and returns the
// evening as the workflow left it. act is the workflow (InviteHouseholds,
// SetAvailability, MatchEvening, MoveGuest, LockGuests, ConfirmEvening,
// AddPair, DeletePair …); it must use the context it is given, so that it
// joins the transaction in which the evening's records are then read. A
// change that committed is thus never answered with an error, and the
// answer shows exactly what the change left. When no matching is saved,
// the engine's proposal is made after the transaction, from those records,
// so that no write waits on the engine.
func (a *App) ShowEveningAfter(ctx context.Context, c Caller, eveningID int64, act func(ctx context.Context) error) (Evening, error) {
	var rec *hosting.Records
	roads := a.hostRoads(ctx, c, eveningID)
	err := a.inTx(ctx, func(ctx context.Context) error {
		if err := act(ctx); err != nil {
			return err
		}
		var err error
		rec, err = a.loadEvening(ctx, c, eveningID, roads)
		return err
	})
	if err != nil {
		return Evening{}, err
	}
	return a.describe(ctx, rec), nil
}

// describe returns the evening with its current matching: the saved one,
// or the engine's proposal; when the engine cannot propose one, the saved
// matching (if any) and why.
func (a *App) describe(ctx context.Context, rec *hosting.Records) Evening {
	res, saved, err := current(ctx, rec)
	if err != nil {
		msg := itinera.ErrorMessage(err)
		if c := itinera.ErrorCode(err); c != itinera.EINVALID && c != itinera.ECONFLICT {
			// The change committed; only the proposal failed.
			a.log.ErrorContext(ctx, "matching proposal failed", "evening", rec.Evening.ID, "error", err)
			msg = "The matching engine could not propose a matching just now. Show the evening again, or run the matching."
		}
		return Evening{Records: rec, Result: rec.Saved(), Saved: rec.HasSaved(), Trouble: msg}
	}
	return Evening{Records: rec, Result: res, Saved: saved}
}
