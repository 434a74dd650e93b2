package app

import (
	"context"
	"strings"

	"itinera"
)

// Activities (cultural visits, meals, travel, free time): create, change,
// cancel and delete. Nobody outside is told about an activity, so these
// cause no e-mail; a cancelled activity leaves the itinerary in a new
// version.

// CreateActivity adds a candidate activity to its program.
func (a *App) CreateActivity(ctx context.Context, c Caller, x itinera.Activity) (itinera.Activity, error) {
	if err := mustEdit(c); err != nil {
		return x, err
	}
	x.TenantID, x.ID = c.tenant(), 0
	var out itinera.Activity
	err := a.inTx(ctx, func(ctx context.Context) error {
		p, err := a.s.Programs.Program(ctx, c.tenant(), x.ProgramID)
		if err != nil {
			return err
		}
		if x.Status == itinera.ActivityCancelled {
			return itinera.FieldErrors{"status": "A new activity cannot be cancelled already."}.Err("activity")
		}
		if err := a.checkActivity(ctx, p, &x); err != nil {
			return err
		}
		if err := a.s.Candidates.CreateActivity(ctx, &x); err != nil {
			return err
		}
		if out, err = a.s.Candidates.Activity(ctx, c.tenant(), x.ID); err != nil {
			return err
		}
		return a.audit(ctx, c.actor(), c.tenant(), "activity", actCreate, nil, out)
	})
	return out, err
}

func (a *App) checkActivity(ctx context.Context, p itinera.Program, x *itinera.Activity) error {
	f := itinera.FieldErrors{}
	if err := a.checkPlace(ctx, x.TenantID, x.PlaceID, f, "place_id"); err != nil {
		return err
	}
	p.CheckWindows(f, "windows", x.Windows)
	return merge(f, x.Validate(), "activity")
}

// UpdateActivity stores the changed fields of an activity; setting its
// status to cancelled also takes it out of the current itinerary.
func (a *App) UpdateActivity(ctx context.Context, c Caller, x itinera.Activity) (itinera.Activity, error) {
	if err := mustEdit(c); err != nil {
		return x, err
	}
	var out itinera.Activity
	err := a.inTx(ctx, func(ctx context.Context) error {
		old, err := a.s.Candidates.Activity(ctx, c.tenant(), x.ID)
		if err != nil {
			return err
		}
		p, err := a.s.Programs.Program(ctx, c.tenant(), old.ProgramID)
		if err != nil {
			return err
		}
		x.TenantID, x.ProgramID = c.tenant(), old.ProgramID
		if err := a.checkActivity(ctx, p, &x); err != nil {
			return err
		}
		if err := a.s.Candidates.UpdateActivity(ctx, &x); err != nil {
			return err
		}
		if x.Status == itinera.ActivityCancelled && old.Status != itinera.ActivityCancelled {
			if err := a.dropActivity(ctx, c, x); err != nil {
				return err
			}
		}
		if out, err = a.s.Candidates.Activity(ctx, c.tenant(), x.ID); err != nil {
			return err
		}
		return a.audit(ctx, c.actor(), c.tenant(), "activity", actUpdate, old, out)
	})
	return out, err
}

// CancelActivity cancels an activity: it leaves the current itinerary. The
// reason, when given, is added to the activity's notes.
func (a *App) CancelActivity(ctx context.Context, c Caller, id int64, reason string) (itinera.Activity, error) {
	if err := mustEdit(c); err != nil {
		return itinera.Activity{}, err
	}
	f := itinera.FieldErrors{}
	itinera.CheckReason(f, "reason", &reason)
	if err := f.Err("cancellation"); err != nil {
		return itinera.Activity{}, err
	}
	var out itinera.Activity
	err := a.inTx(ctx, func(ctx context.Context) error {
		x, err := a.s.Candidates.Activity(ctx, c.tenant(), id)
		if err != nil {
			return err
		}
		if x.Status == itinera.ActivityCancelled {
			return itinera.Errorf(itinera.ECONFLICT, "This activity is already cancelled.")
		}
		before := x
		x.Status = itinera.ActivityCancelled
		if reason != "" {
			x.Notes = strings.TrimSpace(x.Notes + "\n\nCancelled: " + reason)
		}
		if err := a.s.Candidates.UpdateActivity(ctx, &x); err != nil {
			return err
		}
		if err := a.dropActivity(ctx, c, x); err != nil {
			return err
		}
		if out, err = a.s.Candidates.Activity(ctx, c.tenant(), x.ID); err != nil {
			return err
		}
		return a.audit(ctx, c.actor(), c.tenant(), "activity", "cancel", before, out)
	})
	return out, err
}

// dropActivity saves a new itinerary version without the activity when the
// current one holds it.
func (a *App) dropActivity(ctx context.Context, c Caller, x itinera.Activity) error {
	cur, err := a.s.Itineraries.CurrentItinerary(ctx, c.tenant(), x.ProgramID)
	if itinera.ErrorCode(err) == itinera.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	kept := cur.Items[:0:0]
	for _, it := range cur.Items {
		if it.ActivityID != x.ID {
			kept = append(kept, it)
		}
	}
	if len(kept) == len(cur.Items) {
		return nil
	}
	it := itinera.Itinerary{TenantID: c.tenant(), ProgramID: x.ProgramID, CreatedBy: c.User.ID,
		Note: "“" + x.Title + "” cancelled", Items: kept}
	_, _, err = a.applyItinerary(ctx, c, &it)
	return err
}

// DeleteActivity removes an activity that was never in an itinerary; one
// that was is cancelled instead, so the history stays true.
func (a *App) DeleteActivity(ctx context.Context, c Caller, id int64) error {
	if err := mustEdit(c); err != nil {
		return err
	}
	return a.inTx(ctx, func(ctx context.Context) error {
		x, err := a.s.Candidates.Activity(ctx, c.tenant(), id)
		if err != nil {
			return err
		}
		n, err := a.s.Itineraries.VersionsWith(ctx, c.tenant(), x.ProgramID, 0, x.ID)
		if err != nil {
			return err
		}
		if n > 0 {
			return itinera.Errorf(itinera.ECONFLICT, "“%s” is in %d itinerary version(s), so it stays on record: cancel it instead of deleting it.", x.Title, n)
		}
		if err := a.s.Candidates.DeleteActivity(ctx, c.tenant(), x.ID); err != nil {
			return err
		}
		return a.audit(ctx, c.actor(), c.tenant(), "activity", actDelete, x, nil)
	})
}
