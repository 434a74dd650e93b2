package app

import (
	"context"
	"time"

	"itinera"
	"itinera/internal/planning"
)

// Moving one item of the itinerary by hand (drag and drop in the week
// view, or the Move form): CheckMove says at once what the move would do
// and whether the rules allow it; MoveItem saves it as the next itinerary
// version, checked again inside the transaction.

// Move is one item to move: its key ("m12" for meeting 12, "a7" for
// activity 7) and its new start. Version, when not 0, is the itinerary
// version the move was made on: a newer one is a conflict.
type Move struct {
	Key     string
	Start   time.Time
	Version int
}

// Moved is the result of a saved move.
type Moved struct {
	Check     planning.MoveCheck
	Itinerary itinera.Itinerary
	// Notified and Pending as for Applied.
	Notified, Pending int
}

// CheckMove checks a move without saving anything.
func (a *App) CheckMove(ctx context.Context, c Caller, programID int64, mv Move) (planning.MoveCheck, error) {
	in, err := planning.Load(ctx, a.r, c.tenant(), programID)
	if err != nil {
		return planning.MoveCheck{}, err
	}
	a.roads(ctx, &in)
	return planning.CheckMove(in, mv.Key, mv.Start)
}

// MoveItem saves a move as the next itinerary version, the moved item
// pinned at its new time; a move the rules refuse is EINVALID, with the
// reasons on the "start" field. Resources of confirmed meetings that move
// receive an updated invitation in the same transaction.
func (a *App) MoveItem(ctx context.Context, c Caller, programID int64, mv Move) (Moved, error) {
	if err := mustEdit(c); err != nil {
		return Moved{}, err
	}
	in, err := planning.Load(ctx, a.r, c.tenant(), programID)
	if err != nil {
		return Moved{}, err
	}
	a.roads(ctx, &in)
	var out Moved
	err = a.inTx(ctx, func(ctx context.Context) error {
		now, err := planning.Load(ctx, a.r, c.tenant(), programID)
		if err != nil {
			return err
		}
		now.Travel.Roads, now.Travel.Note = in.Travel.Roads, in.Travel.Note
		if mv.Version != 0 && (now.Current == nil || now.Current.Version != mv.Version) {
			return &itinera.Error{Code: itinera.ECONFLICT, Fields: map[string]string{"version": "The itinerary changed since it was shown."},
				Message: "The itinerary changed since it was shown: look at it again and move the item there."}
		}
		if out.Check, err = planning.CheckMove(now, mv.Key, mv.Start); err != nil {
			return err
		}
		if !out.Check.OK {
			return &itinera.Error{Code: itinera.EINVALID, Fields: map[string]string{"start": out.Check.Explanation},
				Message: out.Check.Explanation}
		}
		it := out.Check.Itinerary
		it.TenantID, it.CreatedBy = c.tenant(), c.User.ID
		if out.Notified, out.Pending, err = a.applyItinerary(ctx, c, &it); err != nil {
			return err
		}
		out.Itinerary, err = a.s.Itineraries.CurrentItinerary(ctx, c.tenant(), programID)
		return err
	})
	return out, err
}
